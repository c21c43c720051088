// Finds the model object declared at a position: per file, objects sorted by span, the innermost
// hoverable declaration wins. Given the analysis units' models, it indexes each unit once and keeps that
// index while the unit's model object lives: a hover after an edit indexes only the re-analysed unit, not
// every object of the workspace.

import type { NetworkModel } from '../model/network';
import type { ModelKind, ModelObject } from '../model/types';

/** Kinds a user hovers or navigates to; inline children (routes, rules, entries) resolve to their parent. */
const DECLARATION_KINDS: ReadonlySet<ModelKind> = new Set<ModelKind>([
  'vpc',
  'subnet',
  'route-table',
  'internet-gateway',
  'egress-only-internet-gateway',
  'nat-gateway',
  'vpc-endpoint',
  'vpc-peering',
  'transit-gateway',
  'transit-gateway-route-table',
  'security-group',
  'network-acl',
  'lambda-function',
  'capacity-provider',
  'iam-role',
  'target',
  'subnet-group',
  'service-resource',
]);

const DECLARATION_KIND_LIST: readonly ModelKind[] = [...DECLARATION_KINDS];

/** One unit's declared objects: per file, per declaration kind (DECLARATION_KIND_LIST order), in model order. */
type UnitIndex = ReadonlyMap<string, readonly (readonly ModelObject[] | undefined)[]>;

const unitIndexes = new WeakMap<NetworkModel, UnitIndex>();

function unitIndex(model: NetworkModel): UnitIndex {
  const cached = unitIndexes.get(model);
  if (cached) return cached;
  const map = new Map<string, ModelObject[][]>();
  DECLARATION_KIND_LIST.forEach((kind, k) => {
    for (const object of model.all(kind)) {
      if (object.id.includes('#')) continue; // implicit objects have no declaration of their own
      let lists = map.get(object.origin.file);
      if (!lists) map.set(object.origin.file, (lists = []));
      (lists[k] ??= []).push(object);
    }
  });
  unitIndexes.set(model, map);
  return map;
}

export class ObjectIndex {
  private byFile: Map<string, ModelObject[]> | undefined;
  private readonly inFile = new Map<string, readonly ModelObject[]>();

  /**
   * `unitsOf`: the models, among those `model` merges and in its order, that may declare objects in a file
   * (WorkspaceAnalysis.unitModelsOf); each is indexed once for as long as it lives. Without it, `model` is
   * indexed as one unit.
   */
  constructor(
    private readonly model: NetworkModel,
    private readonly unitsOf: (file: string) => readonly NetworkModel[] = () => [model],
  ) {}

  /** The innermost declared object whose declaration contains the offset. */
  at(file: string, offset: number): ModelObject | undefined {
    let best: ModelObject | undefined;
    for (const object of this.objectsIn(file)) {
      const { span } = object.origin;
      if (span.start > offset) break;
      // On a tie (the instances of a counted block share its span) the first instance wins.
      if (offset <= span.end && (!best || span.end - span.start < best.origin.span.end - best.origin.span.start)) best = object;
    }
    return best;
  }

  /**
   * Every object declared by the innermost declaration at the offset: one, or each instance of a block with
   * `count` / `for_each` (`aws_subnet.public[0]`, `aws_subnet.public[1]`) or of a module called twice.
   */
  allAt(file: string, offset: number): readonly ModelObject[] {
    const best = this.at(file, offset);
    if (!best) return [];
    const { start, end } = best.origin.span;
    return this.objectsIn(file).filter((o) => o.kind === best.kind && o.origin.span.start === start && o.origin.span.end === end);
  }

  /** Every declared object of the workspace, file by file. */
  *all(): Iterable<ModelObject> {
    if (!this.byFile) this.byFile = this.build();
    for (const list of this.byFile.values()) yield* list;
  }

  /**
   * The objects declared in the file, sorted by position. Kind by kind, unit by unit, as the merged model
   * lists them, then stably sorted: the same order as one index of the whole model.
   */
  objectsIn(file: string): readonly ModelObject[] {
    if (this.byFile) return this.byFile.get(file) ?? [];
    const known = this.inFile.get(file);
    if (known) return known;
    const perUnit = this.unitsOf(file).map((u) => unitIndex(u).get(file));
    const list: ModelObject[] = [];
    for (let k = 0; k < DECLARATION_KIND_LIST.length; k++) {
      for (const lists of perUnit) {
        const some = lists?.[k];
        if (some) for (const o of some) list.push(o);
      }
    }
    list.sort((a, b) => a.origin.span.start - b.origin.span.start);
    this.inFile.set(file, list);
    return list;
  }

  private build(): Map<string, ModelObject[]> {
    const map = new Map<string, ModelObject[]>();
    for (const kind of DECLARATION_KINDS) {
      for (const object of this.model.all(kind)) {
        if (object.id.includes('#')) continue; // implicit objects have no declaration of their own
        const list = map.get(object.origin.file);
        if (list) list.push(object);
        else map.set(object.origin.file, [object]);
      }
    }
    for (const list of map.values()) list.sort((a, b) => a.origin.span.start - b.origin.span.start);
    return map;
  }
}
