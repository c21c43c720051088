// Static references of a module configuration: every `var.x`, `local.y`, `module.m(.out)`, `data.t.n` and
// `aws_t.n` written in its files, found without evaluating anything. Used to report invalid references once per
// folder (not per module instance) and by the editor index (definition, references, hovers).

import type { Problem } from '../../model/origin';
import type { HclAttribute, HclBlock, HclBody, HclCall, HclExpr, HclFile, HclGetAttr, HclIndex, HclTemplatePart, HclTraversalRef, HclVariable } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import type { TfModuleCallDecl, TfModuleConfig, TfResourceDecl } from './config';
import { isTerraformFunction } from './functions/catalogue';

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

/** The n-th step (0 = next to the root) of a chain of `depth` attribute/index steps ending at `top`. */
function stepAt(top: HclExpr, depth: number, n: number): HclExpr | undefined {
  if (n >= depth) return undefined;
  let node = top;
  for (let i = depth - 1; i > n; i--) node = (node as HclGetAttr | HclIndex).object;
  return node;
}

function attrStep(top: HclExpr, depth: number, n: number): HclGetAttr | undefined {
  const step = stepAt(top, depth, n);
  return step?.kind === 'getAttr' ? step : undefined;
}

/** What `terraform validate` reports about an expression beyond undeclared names (found without evaluating). */
interface StaticError {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

class Walker {
  readonly out: TfReference[] = [];
  readonly errors: StaticError[] = [];
  private file = '';
  /** The file's traversals as the parser recorded them (HclFile.traversals), and the next one to look at. */
  private refs: readonly HclTraversalRef[] | undefined;
  private cursor = 0;
  /** The top-level block being walked; its resource key is built only when a reference is kept. */
  private block0: HclBlock | undefined;
  private inResource: string | undefined;
  /** Whether the top-level block sets count / for_each (so `count.index` / `each.key` are available): asked only when one is used. */
  private setsMeta(name: 'count' | 'for_each'): boolean {
    const item = this.block0;
    if (item === undefined || (item.type !== 'resource' && item.type !== 'data' && item.type !== 'module')) return false;
    return item.body.items.some((a) => a.kind === 'attribute' && a.name === name);
  }

  /**
   * `all`: every reference (the editor index); otherwise only invalid ones, allocating nothing for the rest.
   * `outputsOf`: the outputs of the module a call loads, when known (to check `module.m.out`).
   */
  constructor(
    private readonly config: TfModuleConfig,
    private readonly all: boolean,
    private readonly outputsOf?: (call: TfModuleCallDecl) => ReadonlyMap<string, unknown> | undefined,
  ) {}

  /**
   * With `refs` (the parser's list of the file's traversals and calls), the blocks and attributes are walked as
   * without, but each attribute's value is checked from the list instead of walking its expression.
   */
  walkFile(file: string, body: HclBody, refs?: readonly HclTraversalRef[]): void {
    this.file = file;
    this.refs = refs;
    this.cursor = 0;
    for (const item of body.items) {
      if (item.kind !== 'block' || SKIPPED_BLOCKS.has(item.type) || !this.anyIn(item.span)) continue;
      this.block0 = item;
      this.inResource = undefined;
      if (item.type === 'variable') {
        for (const a of item.body.items) if (a.kind === 'attribute' && a.name === 'default') this.value(a, NONE);
        continue;
      }
      this.body(item.body, NONE, item.type === 'module' || item.type === 'resource' || item.type === 'data');
    }
  }

  private body(body: HclBody, bound: ReadonlySet<string>, topLevel: boolean): void {
    if (!this.anyIn(body.span)) return;
    for (const item of body.items) {
      if (item.kind === 'attribute') {
        if (topLevel && SKIPPED_ATTRS.has(item.name)) continue;
        this.value(item, bound);
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
        if (item.name !== 'iterator') this.value(item, item.name === 'for_each' ? bound : inner);
      } else this.body(item.body, inner, false);
    }
  }

  /**
   * With the parser's list: whether an entry starts inside `span`, after moving past those before it (entries
   * of skipped attributes and blocks, and of block labels). Always true without the list.
   */
  private anyIn(span: Span): boolean {
    const refs = this.refs;
    if (refs === undefined) return true;
    let i = this.cursor;
    while (i < refs.length && (refs[i]?.span.start ?? span.end) < span.start) i++;
    this.cursor = i;
    const r = refs[i];
    return r !== undefined && r.span.start < span.end;
  }

  /** An attribute's value: walked, or its entries in the parser's list (those that start inside its span). */
  private value(a: HclAttribute, bound: ReadonlySet<string>): void {
    const refs = this.refs;
    if (refs === undefined) {
      this.expr(a.expr, bound);
      return;
    }
    if (!this.anyIn(a.span)) return;
    const end = a.span.end;
    let i = this.cursor;
    for (; i < refs.length; i++) {
      const r = refs[i];
      if (r === undefined || r.span.start >= end) break;
      if (r.kind === 'call') this.call(r);
      else this.chain(r, bound);
    }
    this.cursor = i;
  }

  private call(e: HclCall): void {
    if (!isTerraformFunction(e.name)) this.error(e.nameSpan, `Call to unknown function: there is no function named "${e.name}".`);
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
        this.call(e);
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

  /** A chain of attribute/index steps from a root variable: walk the index keys, then classify the chain. */
  private traversal(e: HclExpr, bound: ReadonlySet<string>): void {
    let node: HclExpr = e;
    let depth = 0;
    for (;;) {
      if (node.kind === 'getAttr') node = node.object;
      else if (node.kind === 'index') {
        this.expr(node.key, bound);
        node = node.object;
      } else break;
      depth++;
    }
    if (node.kind !== 'variable') {
      this.expr(node, bound);
      return;
    }
    this.classify(e, depth, node, bound);
  }

  /** An entry of the parser's list that is a traversal: always rooted at a variable. */
  private chain(e: HclTraversalRef, bound: ReadonlySet<string>): void {
    let node: HclExpr = e;
    let depth = 0;
    while (node.kind === 'getAttr' || node.kind === 'index') {
      node = node.object;
      depth++;
    }
    if (node.kind === 'variable') this.classify(e, depth, node, bound);
  }

  /** A chain of `depth` steps from the variable `name`: check count/each and keep or check the reference. */
  private classify(e: HclExpr, depth: number, root: HclVariable, bound: ReadonlySet<string>): void {
    if (bound.has(root.name)) return;
    if (root.name === 'count' && !this.setsMeta('count')) {
      this.error(root.span, 'Reference to "count" in non-counted context: the "count" object can only be used in "module", "resource" and "data" blocks, and only when the "count" argument is set.');
    } else if (root.name === 'each' && !this.setsMeta('for_each')) {
      this.error(root.span, 'Reference to "each" in context without for_each: the "each" object can be used only in "module", "resource" and "data" blocks, and only when the "for_each" argument is set.');
    }
    if (BUILTIN_ROOTS.has(root.name)) return;
    const c = this.config;
    const first = attrStep(e, depth, 0);
    if (!first) return;
    switch (root.name) {
      case 'var':
        this.add(root, 'var', first.name, first.nameSpan.end, c.variables.has(first.name), e);
        return;
      case 'local':
        this.add(root, 'local', first.name, first.nameSpan.end, c.locals.has(first.name), e);
        return;
      case 'module': {
        const call = c.moduleCalls.get(first.name);
        this.add(root, 'module', first.name, first.nameSpan.end, call !== undefined, first);
        const out = attrStep(e, depth, stepAt(e, depth, 1)?.kind === 'index' ? 2 : 1);
        if (!out || !call) return;
        const outputs = this.outputsOf?.(call);
        if (outputs && !outputs.has(out.name)) this.error({ start: root.span.start, end: out.nameSpan.end }, `Unsupported attribute: module.${first.name} has no output named "${out.name}".`);
        else if (this.all) this.add(root, 'output', `${first.name}.${out.name}`, out.nameSpan.end, true, out);
        return;
      }
      case 'data': {
        const name = attrStep(e, depth, 1);
        if (!name) return;
        const decl = c.dataSources.get(first.name)?.get(name.name);
        if (decl) {
          this.checkInstanceKey(decl, root, e, depth, 2);
          this.checkSelf(decl, root, name.nameSpan.end);
        }
        if (!decl || this.all) this.add(root, 'data', `data.${first.name}.${name.name}`, name.nameSpan.end, decl !== undefined, e);
        return;
      }
      default: {
        const decl = c.managedResources.get(root.name)?.get(first.name);
        if (decl) {
          this.checkInstanceKey(decl, root, e, depth, 1);
          this.checkSelf(decl, root, first.nameSpan.end);
        }
        if (!decl || this.all) this.add(root, 'resource', `${root.name}.${first.name}`, first.nameSpan.end, decl !== undefined, e);
      }
    }
  }

  /**
   * `aws_vpc.v[0]` on a resource without count/for_each, and `aws_subnet.s.id` on one with them: the step after
   * the resource's name (`step`) must (not) be an instance key, as terraform validate requires.
   */
  private checkInstanceKey(decl: TfResourceDecl, root: HclExpr, e: HclExpr, depth: number, step: number): void {
    const next = stepAt(e, depth, step);
    if (!next) return;
    const address = decl.key;
    if (next.kind === 'index' && !decl.count && !decl.forEach) {
      this.error({ start: root.span.start, end: next.span.end }, `Unexpected resource instance key: ${address} does not have "count" or "for_each" set, so references to it must not include an index key.`);
    } else if (next.kind === 'getAttr' && (decl.count || decl.forEach)) {
      this.error({ start: root.span.start, end: next.span.end }, `Missing resource instance key: ${address} has "${decl.count ? 'count' : 'for_each'}" set, so its attributes must be read from one instance, e.g. ${address}[${decl.count ? 'count.index' : 'each.key'}].${next.name}.`);
    }
  }

  /** A resource or data block naming itself (outside lifecycle, provisioner and connection blocks, skipped). */
  private checkSelf(decl: TfResourceDecl, root: HclExpr, end: number): void {
    const item = this.block0;
    if (item?.type !== (decl.mode === 'data' ? 'data' : 'resource') || item.labels[0]?.value !== decl.type || item.labels[1]?.value !== decl.name) return;
    this.error({ start: root.span.start, end }, `Self-referential block: configuration for ${decl.key} may not refer to itself.`);
  }

  private error(span: Span, message: string): void {
    if (!this.all) this.errors.push({ file: this.file, span, message });
  }

  private add(root: HclExpr, kind: TfReferenceKind, key: string, end: number, valid: boolean, expr: HclExpr): void {
    if (valid && !this.all) return;
    const item = this.block0;
    if (this.inResource === undefined && item && item.labels.length >= 2 && (item.type === 'resource' || item.type === 'data')) {
      this.inResource = `${item.type === 'data' ? 'data.' : ''}${item.labels[0]?.value ?? ''}.${item.labels[1]?.value ?? ''}`;
    }
    this.out.push({ kind, file: this.file, span: { start: root.span.start, end }, key, expr, inResource: this.inResource, valid });
  }
}

const NONE: ReadonlySet<string> = new Set();

export function referencesOf(config: TfModuleConfig, hclOf: (file: string) => HclBody | undefined): readonly TfReference[] {
  const cached = cache.get(config);
  if (cached) return cached;
  const w = new Walker(config, true);
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
export function checkReferences(
  config: TfModuleConfig,
  hclOf: (file: string) => HclFile | undefined,
  report: (p: Problem) => void,
  outputsOf?: (call: TfModuleCallDecl) => ReadonlyMap<string, unknown> | undefined,
): void {
  // Only the invalid references are needed here: a walk that allocates nothing for the valid ones.
  const w = new Walker(config, false, outputsOf);
  for (const file of config.files) {
    const hcl = hclOf(file);
    if (hcl) w.walkFile(file, hcl.body, hcl.traversals);
  }
  for (const r of w.out) {
    const prefix = r.kind === 'var' ? 'var.' : r.kind === 'local' ? 'local.' : r.kind === 'module' ? 'module.' : '';
    report({ code: 'tf-invalid-reference', severity: 'error', message: `Reference to undeclared ${KIND_WORDS[r.kind]} ${prefix}${r.key}.`, file: r.file, span: r.span });
  }
  for (const x of w.errors) report({ code: x.message.startsWith('Call to unknown function') ? 'tf-unknown-function' : 'tf-invalid-reference', severity: 'error', message: x.message, file: x.file, span: x.span });
}
