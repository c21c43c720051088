// Static references of a module configuration: every `var.x`, `local.y`, `module.m(.out)`, `data.t.n` and
// `aws_t.n` written in its files, found without evaluating anything. Used to report invalid references once per
// folder (not per module instance) and by the editor index (definition, references, hovers).

import type { Problem } from '../../model/origin';
import type { HclBlock, HclBody, HclExpr, HclTemplatePart } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import type { TfModuleConfig } from './config';

export type TfReferenceKind = 'resource' | 'data' | 'var' | 'local' | 'module' | 'output';

export interface TfReference {
  readonly kind: TfReferenceKind;
  readonly file: string;
  /** From the root name to the end of the part that names the target (`aws_vpc.main`, `module.m.out`). */
  readonly span: Span;
  /** `aws_vpc.main`, `data.aws_x.y`, `x` (var/local), `m` (module), `m.out` (output of module m). */
  readonly key: string;
  /** The whole traversal expression (for hover evaluation). */
  readonly expr: HclExpr;
  /** The resource block the reference is written in, if any (its instances give count/each a value). */
  readonly inResource: string | undefined;
  /** Whether the target exists in the configuration (outputs of modules are checked later). */
  readonly valid: boolean;
}

const cache = new WeakMap<TfModuleConfig, readonly TfReference[]>();

// `check` blocks may declare scoped data sources; lifecycle/moved/import hold addresses, not values.
const SKIPPED_BLOCKS = new Set(['terraform', 'moved', 'import', 'removed', 'lifecycle', 'provisioner', 'connection', 'check']);
const SKIPPED_ATTRS = new Set(['provider', 'providers', 'type', 'source', 'version']);
const BUILTIN_ROOTS = new Set(['count', 'each', 'self', 'path', 'terraform']);

interface Step {
  readonly kind: 'attr' | 'index';
  readonly name: string;
  readonly end: number;
  readonly node: HclExpr;
}

class Walker {
  readonly out: TfReference[] = [];
  private file = '';
  private inResource: string | undefined;

  constructor(private readonly config: TfModuleConfig) {}

  walkFile(file: string, body: HclBody): void {
    this.file = file;
    for (const item of body.items) {
      if (item.kind !== 'block' || SKIPPED_BLOCKS.has(item.type)) continue;
      this.inResource = item.type === 'resource' && item.labels.length >= 2 ? `${item.labels[0]?.value ?? ''}.${item.labels[1]?.value ?? ''}` : item.type === 'data' && item.labels.length >= 2 ? `data.${item.labels[0]?.value ?? ''}.${item.labels[1]?.value ?? ''}` : undefined;
      if (item.type === 'variable') {
        for (const a of item.body.items) if (a.kind === 'attribute' && a.name === 'default') this.expr(a.expr, new Set());
        continue;
      }
      this.body(item.body, new Set(), item.type === 'module' || item.type === 'resource' || item.type === 'data');
    }
  }

  private body(body: HclBody, bound: ReadonlySet<string>, topLevel: boolean): void {
    for (const item of body.items) {
      if (item.kind === 'attribute') {
        if (topLevel && SKIPPED_ATTRS.has(item.name)) continue;
        this.expr(item.expr, bound);
      } else this.block(item, bound);
    }
  }

  private block(block: HclBlock, bound: ReadonlySet<string>): void {
    if (SKIPPED_BLOCKS.has(block.type)) return;
    if (block.type !== 'dynamic') {
      this.body(block.body, bound, false);
      return;
    }
    let iterator = block.labels[0]?.value ?? '';
    for (const item of block.body.items) {
      if (item.kind === 'attribute' && item.name === 'iterator' && item.expr.kind === 'variable') iterator = item.expr.name;
    }
    const inner = new Set(bound);
    inner.add(iterator);
    for (const item of block.body.items) {
      if (item.kind === 'attribute') {
        if (item.name !== 'iterator') this.expr(item.expr, item.name === 'for_each' ? bound : inner);
      } else this.body(item.body, inner, false);
    }
  }

  private template(parts: readonly HclTemplatePart[], bound: ReadonlySet<string>): void {
    for (const p of parts) {
      switch (p.kind) {
        case 'string':
          break;
        case 'interpolation':
          this.expr(p.expr, bound);
          break;
        case 'if':
          this.expr(p.condition, bound);
          this.template(p.then, bound);
          if (p.else) this.template(p.else, bound);
          break;
        case 'for': {
          this.expr(p.collection, bound);
          const inner = new Set(bound);
          inner.add(p.valueVar);
          if (p.keyVar !== undefined) inner.add(p.keyVar);
          this.template(p.body, inner);
          break;
        }
      }
    }
  }

  expr(e: HclExpr, bound: ReadonlySet<string>): void {
    switch (e.kind) {
      case 'literal':
      case 'splatItem':
      case 'invalid':
        return;
      case 'template':
        return this.template(e.parts, bound);
      case 'variable':
      case 'getAttr':
      case 'index':
        return this.traversal(e, bound);
      case 'splat':
        this.expr(e.source, bound);
        this.expr(e.each, bound);
        return;
      case 'tuple':
        for (const i of e.items) this.expr(i, bound);
        return;
      case 'object':
        for (const i of e.items) {
          if (i.key.kind !== 'variable') this.expr(i.key, bound);
          this.expr(i.value, bound);
        }
        return;
      case 'call':
        for (const a of e.args) this.expr(a, bound);
        return;
      case 'conditional':
        this.expr(e.condition, bound);
        this.expr(e.then, bound);
        this.expr(e.else, bound);
        return;
      case 'binary':
        this.expr(e.left, bound);
        this.expr(e.right, bound);
        return;
      case 'unary':
        return this.expr(e.operand, bound);
      case 'paren':
        return this.expr(e.inner, bound);
      case 'for': {
        this.expr(e.collection, bound);
        const inner = new Set(bound);
        inner.add(e.valueVar);
        if (e.keyVar !== undefined) inner.add(e.keyVar);
        if (e.keyExpr) this.expr(e.keyExpr, inner);
        this.expr(e.valueExpr, inner);
        if (e.condition) this.expr(e.condition, inner);
        return;
      }
    }
  }

  /** A chain of attribute/index steps from a root variable: classify it, then walk the index keys. */
  private traversal(e: HclExpr, bound: ReadonlySet<string>): void {
    const steps: Step[] = [];
    let node: HclExpr = e;
    for (;;) {
      if (node.kind === 'getAttr') {
        steps.push({ kind: 'attr', name: node.name, end: node.nameSpan.end, node });
        node = node.object;
      } else if (node.kind === 'index') {
        this.expr(node.key, bound);
        const key = node.key;
        steps.push({ kind: 'index', name: key.kind === 'literal' ? String(key.value) : '', end: node.span.end, node });
        node = node.object;
      } else break;
    }
    if (node.kind !== 'variable') {
      this.expr(node, bound);
      return;
    }
    steps.reverse();
    const root = node;
    if (bound.has(root.name) || BUILTIN_ROOTS.has(root.name)) return;
    const attr = (i: number): Step | undefined => (steps[i]?.kind === 'attr' ? steps[i] : undefined);
    const add = (kind: TfReferenceKind, key: string, end: number, valid: boolean, expr: HclExpr): void => {
      this.out.push({ kind, file: this.file, span: { start: root.span.start, end }, key, expr, inResource: this.inResource, valid });
    };
    const c = this.config;
    const first = attr(0);
    switch (root.name) {
      case 'var':
        if (first) add('var', first.name, first.end, c.variables.has(first.name), e);
        return;
      case 'local':
        if (first) add('local', first.name, first.end, c.locals.has(first.name), e);
        return;
      case 'module': {
        if (!first) return;
        add('module', first.name, first.end, c.moduleCalls.has(first.name), first.node);
        const next = steps[1]?.kind === 'index' ? 2 : 1;
        const out = attr(next);
        if (out && c.moduleCalls.has(first.name)) add('output', `${first.name}.${out.name}`, out.end, true, out.node);
        return;
      }
      case 'data': {
        const name = attr(1);
        if (first && name) add('data', `data.${first.name}.${name.name}`, name.end, c.resources.has(`data.${first.name}.${name.name}`), e);
        return;
      }
      default:
        if (first) add('resource', `${root.name}.${first.name}`, first.end, c.resources.has(`${root.name}.${first.name}`), e);
    }
  }
}

export function referencesOf(config: TfModuleConfig, hclOf: (file: string) => HclBody | undefined): readonly TfReference[] {
  const cached = cache.get(config);
  if (cached) return cached;
  const w = new Walker(config);
  for (const file of config.files) {
    const body = hclOf(file);
    if (body) w.walkFile(file, body);
  }
  cache.set(config, w.out);
  return w.out;
}

const KIND_WORDS: Readonly<Record<TfReferenceKind, string>> = {
  resource: 'resource',
  data: 'data source',
  var: 'input variable',
  local: 'local value',
  module: 'module call',
  output: 'output',
};

/** One error per reference to something the module does not declare (Terraform's "Reference to undeclared …"). */
export function checkReferences(config: TfModuleConfig, hclOf: (file: string) => HclBody | undefined, report: (p: Problem) => void): void {
  for (const r of referencesOf(config, hclOf)) {
    if (r.valid) continue;
    const prefix = r.kind === 'var' ? 'var.' : r.kind === 'local' ? 'local.' : r.kind === 'module' ? 'module.' : '';
    report({ code: 'tf-invalid-reference', severity: 'error', message: `Reference to undeclared ${KIND_WORDS[r.kind]} ${prefix}${r.key}.`, file: r.file, span: r.span });
  }
}
