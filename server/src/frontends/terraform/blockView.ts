// A resource body (or nested block) seen through a scope: arguments evaluated on demand, nested blocks with
// `dynamic` blocks expanded. Model mappers read resources only through this view.

import type { HclAttribute, HclBlock, HclBody, HclExpr } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import { attributesOf, literalString, RESOURCE_META } from './config';
import { errorValue, evalLazy, evaluate, Handle, isErrorValue, iterate, unknownValue, withVar, type Scope } from './evaluator';
import { plannedBlock, withPlanned, type PlannedFields } from './plan';
import { isTfList, isTfObject, isTfUnknown, type TfUnknown, type TfValue } from './value';
import { isPending, pendingReason, sortedObject } from './valueOps';

/** Marks an argument whose value is being computed, so a value that depends on itself is caught. */
const IN_FLIGHT: unique symbol = Symbol('in flight');

/**
 * Error reasons reported as problems: a function call that fails (`cidrsubnet(): …`). Other evaluation errors are
 * either reported where they arise (undeclared names, cycles) or may come from what the analysis does not know
 * (a computed attribute of a nested block, a dynamic block not expanded), so they stay silent unknowns.
 */
const FUNCTION_ERROR = /^[\w:]+\(\): /;

export class BlockView {
  private attrsCache: ReturnType<typeof attributesOf> | undefined;
  private memo: Map<string, TfValue | typeof IN_FLIGHT> | undefined;
  private blockCache: Map<string, readonly BlockView[]> | undefined;

  constructor(
    readonly body: HclBody,
    readonly scope: Scope,
    readonly span: Span,
    /** The span of the block's type keyword or label, for problems. */
    readonly nameSpan: Span,
    /** The resource instance's address, for cycle messages (resource bodies only). */
    readonly label?: string,
    /** Resolved values from a plan or state file, preferred where static evaluation leaves unknowns. */
    private readonly planned?: PlannedFields,
    /** The body's arguments when already indexed (a resource declaration's, shared by its instances). */
    attrs?: ReadonlyMap<string, HclAttribute>,
  ) {
    this.attrsCache = attrs;
  }

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

  /**
   * The argument is written and its value is not null: Terraform treats `arg = null` as leaving it out, which
   * modules do with `lookup(each.value, "cidr_ipv4", null)` or `port = var.port` (default null). Unknown
   * values count as set.
   */
  isSet(name: string): boolean {
    if (!this.attrs().has(name)) return false;
    const v = this.attr(name);
    return v !== undefined && v !== null;
  }

  expr(name: string): HclExpr | undefined {
    return this.attrs().get(name)?.expr;
  }

  /** The argument's value, or undefined when it is not set. */
  attr(name: string): TfValue | undefined {
    const memo = (this.memo ??= new Map<string, TfValue | typeof IN_FLIGHT>());
    const cached = memo.get(name);
    if (cached === IN_FLIGHT) {
      const what = `${this.label ?? 'the block'}.${name}`;
      this.scope.mod.ctx.report({ code: 'tf-cycle', severity: 'warning', message: `${what} depends on itself.`, file: this.file, span: this.span });
      return errorValue(this.scope.mod.ctx, `${what} depends on itself`);
    }
    if (cached !== undefined) return cached;
    const a = this.attrs().get(name);
    if (!a) return undefined;
    memo.set(name, IN_FLIGHT);
    let v: TfValue | undefined;
    try {
      v = withPlanned(this.planned, name, evaluate(a.expr, this.scope));
    } finally {
      // A defect that throws must not leave the mark behind (the next read would report a false cycle).
      if (v === undefined) memo.delete(name);
    }
    memo.set(name, v);
    if (isErrorValue(this.scope.mod.ctx, v) && isTfUnknown(v)) this.reportError(name, a, v);
    return v;
  }

  /** An argument whose expression Terraform fails on (a function call that fails): an error problem at the expression, once. */
  private reportError(name: string, a: HclAttribute, v: TfUnknown): void {
    if (!FUNCTION_ERROR.test(v.reason)) return;
    const what = this.label !== undefined ? `${this.label}.${name}` : name;
    this.scope.mod.ctx.report({ code: 'tf-invalid-value', severity: 'error', message: `${what}: ${v.reason.replace(/\.+$/, '')}. Terraform fails on this expression; its value is not modelled.`, file: this.file, span: a.expr.span });
  }

  /** Argument names set in this body (meta-arguments excluded). */
  attributeNames(): string[] {
    return [...this.attrs().keys()].filter((k) => !RESOURCE_META.has(k));
  }

  /** Whether a nested block (static or `dynamic`) of this type is written: blockTypes().has(type) without the set. */
  hasBlockType(type: string): boolean {
    const meta = RESOURCE_META.has(type);
    for (const item of this.body.items) {
      if (item.kind === 'block' && (item.type === 'dynamic' ? item.labels[0]?.value === type : item.type === type && !meta)) return true;
    }
    return false;
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

  /**
   * Nested blocks of a type, static and `dynamic` ones in source order. A dynamic for_each not known
   * statically: its blocks from the plan when the plan lists this resource's blocks (plannedDynamicCount),
   * else skipped.
   */
  blocks(type: string): readonly BlockView[] {
    // Made once per type, so the views keep their memoised arguments across readers.
    const cached = this.blockCache?.get(type);
    if (cached) return cached;
    const out: BlockView[] = [];
    const fromPlan = this.plannedDynamicCount(type);
    for (const item of this.body.items) {
      if (item.kind !== 'block') continue;
      if (item.type === type) out.push(new BlockView(item.body, this.scope, item.span, item.typeSpan, undefined, this.planned && plannedBlock(this.planned, type, out.length)));
      else if (item.type === 'dynamic' && item.labels[0]?.value === type) this.expandDynamic(item, type, out, fromPlan);
    }
    const listed = this.attrs().get(type);
    if (listed) this.expandAttributeForm(listed, type, out);
    (this.blockCache ??= new Map<string, readonly BlockView[]>()).set(type, out);
    return out;
  }

  /** Why some blocks of this type cannot be known (a dynamic block over an unknown collection, an unknown list). */
  blocksUnknown(type: string): TfUnknown | undefined {
    const listed = this.attrs().get(type);
    if (listed && !staticObjects(listed.expr)) {
      const v = this.attr(type);
      if (v !== undefined && isPending(v)) return isTfUnknown(v) ? v : unknownValue(pendingReason(v), { refs: [v] });
    }
    for (const item of this.body.items) {
      if (item.kind !== 'block' || item.type !== 'dynamic' || item.labels[0]?.value !== type) continue;
      const forEach = attributesOf(item.body).get('for_each');
      if (!forEach) continue;
      const coll = evaluate(forEach.expr, this.scope);
      if (isPending(coll)) return this.plannedDynamicCount(type) !== undefined ? undefined : isTfUnknown(coll) ? coll : unknownValue(pendingReason(coll), { refs: [coll] });
    }
    return undefined;
  }

  /**
   * How many blocks the one dynamic block of this type whose for_each is not known statically makes, taken
   * from the plan: the plan's list of these blocks is the result Terraform computed, so that block makes
   * what the other (known) blocks of the type do not account for. Undefined when the plan has no such list,
   * when no dynamic block or more than one is unknown (which elements belong to which cannot be told), or
   * when the blocks are also written in the attribute form.
   */
  private plannedDynamicCount(type: string): number | undefined {
    const list = this.planned?.values[type];
    if (!Array.isArray(list) || this.attrs().has(type)) return undefined;
    let unknown = 0;
    let known = 0;
    for (const item of this.body.items) {
      if (item.kind !== 'block') continue;
      if (item.type === type) known++;
      else if (item.type === 'dynamic' && item.labels[0]?.value === type) {
        const forEach = attributesOf(item.body).get('for_each');
        if (!forEach) continue;
        const coll = evaluate(forEach.expr, this.scope);
        if (isPending(coll)) unknown++;
        else known += iterate(coll).length;
      }
    }
    return unknown === 1 ? Math.max(0, list.length - known) : undefined;
  }

  private expandDynamic(block: HclBlock, type: string, out: BlockView[], fromPlan: number | undefined): void {
    const attrs = attributesOf(block.body);
    const forEach = attrs.get('for_each');
    const content = block.body.items.find((i): i is HclBlock => i.kind === 'block' && i.type === 'content');
    if (!forEach || !content) return;
    const iteratorExpr = attrs.get('iterator')?.expr;
    const iterator = (iteratorExpr?.kind === 'variable' ? iteratorExpr.name : literalString(iteratorExpr)) ?? type;
    const coll = evaluate(forEach.expr, this.scope);
    if (isPending(coll) && fromPlan !== undefined) {
      // The plan lists the blocks but not the elements they came from: the iterator stays unknown, and each
      // argument built from it takes the planned block's value (withPlanned); arguments that do not use it
      // keep their static value (and its references to workspace objects).
      const element = unknownValue(`the dynamic "${type}" block's for_each is not known statically (${pendingReason(coll)}); its blocks come from the plan, which does not record the elements`);
      const scope = withVar(this.scope, iterator, element);
      for (let i = 0; i < fromPlan; i++) {
        const planned = this.planned && plannedBlock(this.planned, type, out.length);
        out.push(new BlockView(content.body, scope, block.span, block.typeSpan, undefined, planned));
      }
      return;
    }
    if (isPending(coll)) {
      this.scope.mod.ctx.report({ code: 'tf-unknown-dynamic', severity: 'information', message: `The dynamic "${type}" block iterates over a value not known statically (${pendingReason(coll)}); its blocks are not modelled.`, file: this.file, span: forEach.span });
      return;
    }
    // Sets of strings iterate with key = value; lists by index; maps by sorted key.
    const isSet = Array.isArray(coll);
    for (const [k, v] of iterate(coll)) {
      const key = isSet && typeof v === 'string' ? v : k;
      const planned = this.planned && plannedBlock(this.planned, type, out.length);
      out.push(new BlockView(content.body, withVar(this.scope, iterator, sortedObject([['key', key], ['value', v]])), block.span, block.typeSpan, undefined, planned));
    }
  }

  /**
   * Nested blocks written as an argument ("attributes as blocks": `egress = [{ from_port = 443, … }]`, and the
   * JSON syntax, where a nested block is an object or a list of objects). `egress = []` is no block at all:
   * Terraform's documented way to remove every inline rule. A list written out as object constructors keeps
   * each element's arguments and spans; any other expression is evaluated and its elements read by name.
   */
  private expandAttributeForm(attr: HclAttribute, type: string, out: BlockView[]): void {
    const objects = staticObjects(attr.expr);
    if (objects) {
      for (const o of objects) {
        const planned = this.planned && plannedBlock(this.planned, type, out.length);
        out.push(new BlockView(o.body, this.scope, o.span, o.span, undefined, planned));
      }
      return;
    }
    const value = this.attr(type);
    if (value === undefined || value === null || isPending(value)) return;
    const items = isTfList(value) ? value : isTfObject(value) ? [value] : [];
    for (const item of items) {
      if (item === null || !isTfObject(item)) continue;
      // The element is bound to a name no expression can spell, and each of its arguments read through it.
      const element: HclExpr = { kind: 'variable', name: ELEMENT, span: attr.expr.span };
      const items = [...item.fields.keys()].map((name): HclAttribute => ({ kind: 'attribute', name, nameSpan: attr.nameSpan, expr: { kind: 'getAttr', object: element, name, nameSpan: attr.nameSpan, span: attr.expr.span }, span: attr.span }));
      const planned = this.planned && plannedBlock(this.planned, type, out.length);
      out.push(new BlockView({ items, span: attr.expr.span }, withVar(this.scope, ELEMENT, item), attr.span, attr.nameSpan, undefined, planned));
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

/** The name an attribute-form element is bound to (not a valid HCL identifier, so it shadows nothing). */
const ELEMENT = '\u0000element';

/**
 * `[{ a = 1 }, { a = 2 }]` (or one `{ … }`, the JSON form of a single nested block) with every key static: the
 * objects as bodies of arguments. Undefined for any other expression.
 */
function staticObjects(expr: HclExpr): { body: HclBody; span: Span }[] | undefined {
  const list = expr.kind === 'tuple' ? expr.items : expr.kind === 'object' ? [expr] : undefined;
  if (!list) return undefined;
  const out: { body: HclBody; span: Span }[] = [];
  for (const o of list) {
    if (o.kind !== 'object') return undefined;
    const items: HclAttribute[] = [];
    for (const item of o.items) {
      const key = item.key.kind === 'variable' ? item.key.name : literalString(item.key);
      if (key === undefined) return undefined;
      items.push({ kind: 'attribute', name: key, nameSpan: item.key.span, expr: item.value, span: item.span });
    }
    out.push({ body: { items, span: o.span }, span: o.span });
  }
  return out;
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
