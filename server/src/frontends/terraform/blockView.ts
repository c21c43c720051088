// A resource body (or nested block) seen through a scope: arguments evaluated on demand, nested blocks with
// `dynamic` blocks expanded. Model mappers read resources only through this view.

import type { HclBlock, HclBody, HclExpr } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import { attributesOf, literalString, RESOURCE_META } from './config';
import { evalLazy, evaluate, Handle, iterate, unknownValue, withVars, type Lv, type Scope } from './evaluator';
import { isTfUnknown, type TfUnknown, type TfValue } from './value';
import { isPending, pendingReason, sortedObject } from './valueOps';

export class BlockView {
  private attrsCache: ReturnType<typeof attributesOf> | undefined;
  private readonly memo = new Map<string, TfValue>();

  constructor(
    readonly body: HclBody,
    readonly scope: Scope,
    readonly span: Span,
    /** The span of the block's type keyword or label, for problems. */
    readonly nameSpan: Span,
  ) {}

  get file(): string {
    return this.scope.file;
  }

  private attrs(): ReturnType<typeof attributesOf> {
    this.attrsCache ??= attributesOf(this.body);
    return this.attrsCache;
  }

  has(name: string): boolean {
    return this.attrs().has(name);
  }

  expr(name: string): HclExpr | undefined {
    return this.attrs().get(name)?.expr;
  }

  /** The argument's value, or undefined when it is not set. */
  attr(name: string): TfValue | undefined {
    const cached = this.memo.get(name);
    if (cached !== undefined) return cached;
    const a = this.attrs().get(name);
    if (!a) return undefined;
    const v = evaluate(a.expr, this.scope);
    this.memo.set(name, v);
    return v;
  }

  /** Argument names set in this body (meta-arguments excluded). */
  attributeNames(): string[] {
    return [...this.attrs().keys()].filter((k) => !RESOURCE_META.has(k));
  }

  blockTypes(): Set<string> {
    const out = new Set<string>();
    for (const item of this.body.items) {
      if (item.kind !== 'block') continue;
      if (item.type === 'dynamic') {
        const l = item.labels[0]?.value;
        if (l !== undefined) out.add(l);
      } else if (!RESOURCE_META.has(item.type)) out.add(item.type);
    }
    return out;
  }

  /** Nested blocks of a type, static and `dynamic` ones in source order. Unknown dynamic for_each: skipped. */
  blocks(type: string): BlockView[] {
    const out: BlockView[] = [];
    for (const item of this.body.items) {
      if (item.kind !== 'block') continue;
      if (item.type === type) out.push(new BlockView(item.body, this.scope, item.span, item.typeSpan));
      else if (item.type === 'dynamic' && item.labels[0]?.value === type) this.expandDynamic(item, type, out);
    }
    return out;
  }

  /** Why some blocks of this type cannot be known (a dynamic block over an unknown collection). */
  blocksUnknown(type: string): TfUnknown | undefined {
    for (const item of this.body.items) {
      if (item.kind !== 'block' || item.type !== 'dynamic' || item.labels[0]?.value !== type) continue;
      const forEach = attributesOf(item.body).get('for_each');
      if (!forEach) continue;
      const coll = evaluate(forEach.expr, this.scope);
      if (isPending(coll)) return isTfUnknown(coll) ? coll : unknownValue(pendingReason(coll), { refs: [coll] });
    }
    return undefined;
  }

  private expandDynamic(block: HclBlock, type: string, out: BlockView[]): void {
    const attrs = attributesOf(block.body);
    const forEach = attrs.get('for_each');
    const content = block.body.items.find((i): i is HclBlock => i.kind === 'block' && i.type === 'content');
    if (!forEach || !content) return;
    const iteratorExpr = attrs.get('iterator')?.expr;
    const iterator = (iteratorExpr?.kind === 'variable' ? iteratorExpr.name : literalString(iteratorExpr)) ?? type;
    const coll = evaluate(forEach.expr, this.scope);
    if (isPending(coll)) {
      this.scope.mod.ctx.report({ code: 'tf-unknown-dynamic', severity: 'information', message: `The dynamic "${type}" block iterates over a value not known statically (${pendingReason(coll)}); its blocks are not modelled.`, file: this.file, span: forEach.span });
      return;
    }
    // Sets of strings iterate with key = value; lists by index; maps by sorted key.
    const isSet = Array.isArray(coll);
    for (const [k, v] of iterate(coll)) {
      const key = isSet && typeof v === 'string' ? v : k;
      const vars = new Map<string, Lv>([[iterator, sortedObject([['key', key], ['value', v]])]]);
      out.push(new BlockView(content.body, withVars(this.scope, vars), block.span, block.typeSpan));
    }
  }

  /**
   * The model id of the resource instance an argument's expression names (`aws_iam_role.r.name` → the role),
   * for arguments that refer to another resource by a name the configuration sets (so the value is a string).
   */
  referencedInstanceId(name: string): string | undefined {
    const expr = this.expr(name);
    return expr ? instanceIdOf(expr, this.scope) : undefined;
  }

  /** Model ids of every resource instance an expression reads an attribute of (environment variables). */
  instanceIdsIn(expr: HclExpr, out: Set<string> = new Set()): Set<string> {
    collectInstanceIds(expr, this.scope, out);
    return out;
  }

  /** The block as a value (for references to nested blocks): arguments plus nested blocks as lists. */
  value(): TfValue {
    const entries: [string, TfValue][] = [];
    for (const name of this.attributeNames()) entries.push([name, this.attr(name) ?? null]);
    for (const type of this.blockTypes()) entries.push([type, this.blocks(type).map((b) => b.value())]);
    return sortedObject(entries);
  }
}

function instanceIdOf(expr: HclExpr, scope: Scope): string | undefined {
  if (expr.kind !== 'getAttr') return undefined;
  const target = evalLazy(expr.object, scope);
  return target instanceof Handle ? target.instanceId() : undefined;
}

function collectInstanceIds(expr: HclExpr, scope: Scope, out: Set<string>): void {
  switch (expr.kind) {
    case 'getAttr': {
      const id = instanceIdOf(expr, scope);
      if (id !== undefined) out.add(id);
      else collectInstanceIds(expr.object, scope, out);
      return;
    }
    case 'template':
      for (const p of expr.parts) if (p.kind === 'interpolation') collectInstanceIds(p.expr, scope, out);
      return;
    case 'call':
      for (const a of expr.args) collectInstanceIds(a, scope, out);
      return;
    case 'conditional':
      collectInstanceIds(expr.then, scope, out);
      collectInstanceIds(expr.else, scope, out);
      return;
    case 'paren':
      return collectInstanceIds(expr.inner, scope, out);
    case 'tuple':
      for (const i of expr.items) collectInstanceIds(i, scope, out);
      return;
    case 'binary':
      collectInstanceIds(expr.left, scope, out);
      collectInstanceIds(expr.right, scope, out);
      return;
    case 'object':
      for (const item of expr.items) collectInstanceIds(item.value, scope, out);
      return;
    case 'for':
    case 'index':
    case 'splat':
    case 'splatItem':
    case 'unary':
    case 'variable':
    case 'literal':
    case 'invalid':
      return;
  }
}
