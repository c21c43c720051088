// Finds the model object declared at a position: per file, objects sorted by span, the innermost
// hoverable declaration wins. Built lazily once per analysis.

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

export class ObjectIndex {
  private byFile: Map<string, ModelObject[]> | undefined;

  constructor(private readonly model: NetworkModel) {}

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

  objectsIn(file: string): readonly ModelObject[] {
    if (!this.byFile) this.byFile = this.build();
    return this.byFile.get(file) ?? [];
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
