// The editor index of the Terraform front end: what the reference under the cursor evaluates to, where it is
// declared, every reference to a declaration, and the document symbols of a file. Built from the static
// references (references.ts) and evaluated on demand in the first instance of the module (hover only).

import type { Span } from '../../syntax/text';
import type { TfModuleConfig } from './config';
import { evaluate, type Scope } from './evaluator';
import type { ModuleInstance } from './moduleInstance';
import { isLocalSource, resolvePath, type ModuleTree } from './moduleTree';
import { referencesOf, type TfReference, type TfReferenceKind } from './references';
import { isTfRef, isTfUnknown } from './value';
import { renderValue } from './valueOps';

export interface TfLocation {
  readonly file: string;
  readonly span: Span;
}

export interface TfHoverInfo {
  /** The reference expression under the cursor. */
  readonly span: Span;
  /** Its source text, e.g. `aws_subnet.private[0].id`. */
  readonly text: string;
  /** The evaluated value rendered as HCL, or undefined when unknown. */
  readonly value: string | undefined;
  /** Why the value is unknown (what a hover shows instead of a value). */
  readonly unknownReason: string | undefined;
}

export type TfSymbolKind = 'resource' | 'data' | 'module' | 'variable' | 'local' | 'output' | 'provider';

export interface TfSymbol {
  /** `aws_vpc.main`, `data.aws_region.current`, `module.net`, `var.x`, `local.y`, `output.z`, `provider.aws`. */
  readonly name: string;
  readonly kind: TfSymbolKind;
  readonly span: Span;
  readonly selectionSpan: Span;
}

/**
 * Cheap queries for the editor; every method answers from data built once per readTerraform.
 * Offsets are UTF-16 offsets into the file's text (see syntax/text.ts).
 */
export interface TerraformIndex {
  hover(file: string, offset: number): TfHoverInfo | undefined;
  /** Where the reference (or declaration name) under the cursor is declared. */
  definition(file: string, offset: number): readonly TfLocation[];
  /** Every reference to the declaration under the cursor (or named by the reference under it). */
  references(file: string, offset: number): readonly TfLocation[];
  symbols(file: string): readonly TfSymbol[];
}

interface Declaration extends TfLocation {
  readonly dir: string;
  readonly key: string; // `${kind}:${key}` as in TfReference
  readonly selectionSpan: Span;
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Attributes naming an object AWS creates along with the resource (a VPC's defaults), and what it is. */
const AWS_CREATED: Readonly<Record<string, string>> = {
  default_security_group_id: 'the default security group',
  default_route_table_id: 'the main route table',
  main_route_table_id: 'the main route table',
  default_network_acl_id: 'the default network ACL',
};

/** From the reference's root to the end of its whole traversal (`aws_vpc.v.default_route_table_id`). */
function wholeSpan(ref: TfReference): Span {
  return ref.expr.span.start === ref.span.start && ref.expr.span.end > ref.span.end ? { start: ref.span.start, end: ref.expr.span.end } : ref.span;
}

function extent(ref: TfReference): number {
  const s = wholeSpan(ref);
  return s.end - s.start;
}

class Index implements TerraformIndex {
  private readonly refsByFile = new Map<string, { dir: string; ref: TfReference }[]>();
  private readonly declsByKey = new Map<string, Declaration>();
  private readonly declsByFile = new Map<string, Declaration[]>();
  private readonly symbolsByFile = new Map<string, TfSymbol[]>();
  private readonly refsByTarget = new Map<string, TfLocation[]>();
  private readonly configs = new Map<string, TfModuleConfig>();

  constructor(private readonly tree: ModuleTree, private readonly instances: ReadonlyMap<string, ModuleInstance>) {
    for (const config of tree.loadedConfigs()) this.configs.set(config.dir, config);
    for (const config of this.configs.values()) this.addDeclarations(config);
    for (const config of this.configs.values()) {
      for (const ref of referencesOf(config, (f) => tree.viewHcl(f))) {
        let list = this.refsByFile.get(ref.file);
        if (!list) this.refsByFile.set(ref.file, (list = []));
        list.push({ dir: config.dir, ref });
        const target = this.targetKey(config.dir, ref.kind, ref.key);
        if (target === undefined) continue;
        let locs = this.refsByTarget.get(target);
        if (!locs) this.refsByTarget.set(target, (locs = []));
        locs.push({ file: ref.file, span: ref.span });
      }
    }
    for (const list of this.refsByFile.values()) list.sort((a, b) => a.ref.span.start - b.ref.span.start);
  }

  private addDecl(config: TfModuleConfig, kind: TfReferenceKind, key: string, loc: TfLocation, selectionSpan: Span, symbol: TfSymbol): void {
    const decl: Declaration = { dir: config.dir, key: `${kind}:${key}`, selectionSpan, ...loc };
    this.declsByKey.set(`${config.dir}\u0000${decl.key}`, decl);
    let list = this.declsByFile.get(loc.file);
    if (!list) this.declsByFile.set(loc.file, (list = []));
    list.push(decl);
    let symbols = this.symbolsByFile.get(loc.file);
    if (!symbols) this.symbolsByFile.set(loc.file, (symbols = []));
    symbols.push(symbol);
  }

  private addDeclarations(c: TfModuleConfig): void {
    for (const v of c.variables.values()) {
      const sel = v.block.labels[0]?.span ?? v.block.typeSpan;
      this.addDecl(c, 'var', v.name, { file: v.file, span: v.block.span }, sel, { name: `var.${v.name}`, kind: 'variable', span: v.block.span, selectionSpan: sel });
    }
    for (const l of c.locals.values()) {
      this.addDecl(c, 'local', l.name, { file: l.file, span: l.attr.span }, l.attr.nameSpan, { name: `local.${l.name}`, kind: 'local', span: l.attr.span, selectionSpan: l.attr.nameSpan });
    }
    for (const o of c.outputs.values()) {
      const sel = o.block.labels[0]?.span ?? o.block.typeSpan;
      this.addDecl(c, 'output', o.name, { file: o.file, span: o.block.span }, sel, { name: `output.${o.name}`, kind: 'output', span: o.block.span, selectionSpan: sel });
    }
    for (const m of c.moduleCalls.values()) {
      const sel = m.block.labels[0]?.span ?? m.block.typeSpan;
      this.addDecl(c, 'module', m.name, { file: m.file, span: m.block.span }, sel, { name: `module.${m.name}`, kind: 'module', span: m.block.span, selectionSpan: sel });
    }
    for (const r of c.resources.values()) {
      const sel = r.block.labels[1]?.span ?? r.block.typeSpan;
      this.addDecl(c, r.mode === 'managed' ? 'resource' : 'data', r.key, { file: r.file, span: r.block.span }, sel, { name: r.key, kind: r.mode === 'managed' ? 'resource' : 'data', span: r.block.span, selectionSpan: sel });
    }
    for (const p of c.providers) {
      const sel = p.block.labels[0]?.span ?? p.block.typeSpan;
      const symbols = this.symbolsByFile.get(p.file) ?? [];
      symbols.push({ name: `provider.${p.name}${p.alias !== undefined ? `.${p.alias}` : ''}`, kind: 'provider', span: p.block.span, selectionSpan: sel });
      this.symbolsByFile.set(p.file, symbols);
    }
  }

  /** The folder a module call of `dir` uses: as instantiated, or its local source. */
  private childDir(dir: string, name: string): string | undefined {
    const called = this.tree.calledDir(dir, name);
    if (called !== undefined) return called;
    const source = this.configs.get(dir)?.moduleCalls.get(name)?.source;
    return source !== undefined && isLocalSource(source) ? resolvePath(dir, source) : undefined;
  }

  /** `${dir}\0${kind}:${key}` of the declaration a reference names (outputs live in the called module). */
  private targetKey(dir: string, kind: TfReferenceKind, key: string): string | undefined {
    if (kind !== 'output') return `${dir}\u0000${kind}:${key}`;
    const dot = key.indexOf('.');
    const child = this.childDir(dir, key.slice(0, dot));
    return child === undefined ? undefined : `${child}\u0000output:${key.slice(dot + 1)}`;
  }

  private refAt(file: string, offset: number): { dir: string; ref: TfReference } | undefined {
    let best: { dir: string; ref: TfReference } | undefined;
    for (const r of this.refsByFile.get(file) ?? []) {
      if (r.ref.span.start > offset) break;
      // The whole traversal counts (the cursor on `.default_security_group_id` of `aws_vpc.v.…`), and the
      // innermost (shortest) reference containing the offset wins: `module.m.out` over `module.m`.
      if (contains(wholeSpan(r.ref), offset) && (!best || extent(r.ref) <= extent(best.ref))) best = r;
    }
    return best;
  }

  hover(file: string, offset: number): TfHoverInfo | undefined {
    const hit = this.refAt(file, offset);
    if (!hit) return undefined;
    const { ref, dir } = hit;
    const text = this.tree.viewText(file)?.slice(ref.expr.span.start, ref.expr.span.end) ?? '';
    const mod = this.instances.get(dir);
    if (!mod) return { span: ref.expr.span, text, value: undefined, unknownReason: 'the module is not instantiated by any root module' };
    let scope: Scope = mod.scopeFor(file);
    if (ref.inResource !== undefined) {
      const first = mod.resource(ref.inResource)?.instances()[0];
      if (first) scope = first.view.scope;
    }
    const v = evaluate(ref.expr, scope);
    if (isTfRef(v)) {
      const created = AWS_CREATED[v.attribute];
      if (created !== undefined) return { span: ref.expr.span, text, value: undefined, unknownReason: `the id of ${created} AWS creates with ${v.address}, known after apply` };
    }
    return isTfUnknown(v) ? { span: ref.expr.span, text, value: undefined, unknownReason: v.reason } : { span: ref.expr.span, text, value: renderValue(v), unknownReason: undefined };
  }

  definition(file: string, offset: number): readonly TfLocation[] {
    const hit = this.refAt(file, offset);
    if (!hit) return [];
    const key = this.targetKey(hit.dir, hit.ref.kind, hit.ref.key);
    const decl = key !== undefined ? this.declsByKey.get(key) : undefined;
    return decl ? [{ file: decl.file, span: decl.selectionSpan }] : [];
  }

  references(file: string, offset: number): readonly TfLocation[] {
    const hit = this.refAt(file, offset);
    let key: string | undefined;
    if (hit) key = this.targetKey(hit.dir, hit.ref.kind, hit.ref.key);
    else {
      const decl = (this.declsByFile.get(file) ?? []).find((d) => contains(d.selectionSpan, offset));
      if (decl) key = `${decl.dir}\u0000${decl.key}`;
    }
    return key !== undefined ? (this.refsByTarget.get(key) ?? []) : [];
  }

  symbols(file: string): readonly TfSymbol[] {
    return this.symbolsByFile.get(file) ?? [];
  }
}

/** The index is built on the first query, so reading a workspace for diagnostics alone never pays for it. */
export function buildTerraformIndex(tree: ModuleTree, firstInstances: () => ReadonlyMap<string, ModuleInstance>): TerraformIndex {
  let index: Index | undefined;
  const get = (): Index => (index ??= new Index(tree, firstInstances()));
  return {
    hover: (file, offset) => get().hover(file, offset),
    definition: (file, offset) => get().definition(file, offset),
    references: (file, offset) => get().references(file, offset),
    symbols: (file) => get().symbols(file),
  };
}
