// Evaluates HCL expressions with Terraform's semantics. References to resources and modules stay lazy
// (handles) while a traversal is applied, so `aws_subnet.private[0].id` evaluates one attribute of one
// instance, not the whole resource; anything else is a TfValue. Errors become unknowns marked as errors
// (so `try`/`can` can tell them from values Terraform only knows after apply); nothing here throws.

import type { HclExpr, HclTemplatePart, HclFor, HclSplat } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import type { Problem } from '../../model/origin';
import { isTfList, isTfObject, isTfRef, isTfUnknown, type TfUnknown, type TfValue } from './value';
import { binaryOp, collectRefs, isPending, pendingReason, sortedObject, toBoolValue, toNumberValue, toStringValue, unaryOp } from './valueOps';
import { prefixedReason } from './unknownReasons';
import { isFunctionError, type TfFunction } from './functions/result';
import { isTerraformFunction } from './functions/catalogue';
import { isSetValue } from './setMarks';

/** A reference that is still being traversed: a resource, one of its instances, a module call, a namespace. */
export abstract class Handle {
  abstract readonly label: string;
  abstract attr(name: string): Lv;
  abstract index(key: TfValue): Lv;
  /** The whole value (materialised once and memoised by implementations that are expensive). */
  abstract value(): TfValue;
  /** The model id when the handle stands for exactly one resource instance. */
  instanceId(): string | undefined {
    return undefined;
  }
  /** Keyed elements for `for` and splat without materialising (resources with count/for_each). */
  entries(): readonly (readonly [TfValue, Lv])[] | undefined {
    return undefined;
  }
}

export type Lv = TfValue | Handle;

/** What the evaluator needs from a module instance (implemented in moduleInstance.ts). */
export interface ModuleScope {
  readonly ctx: EvalContext;
  /** Resolves a root name (`var`, `local`, `module`, `data`, `path`, `terraform`, a resource type). */
  root(name: string): Lv | undefined;
}

export interface Scope {
  readonly mod: ModuleScope;
  readonly file: string;
  readonly count: TfValue | undefined;
  readonly each: { readonly key: TfValue; readonly value: TfValue } | undefined;
  readonly self: Handle | undefined;
  /** for-expression variables, dynamic-block iterators, the splat item (`[*]`), innermost first. */
  readonly vars: VarFrame | undefined;
}

/** One bound name of a for expression, dynamic block or splat; frames chain outwards (no map copies per iteration). */
export interface VarFrame {
  readonly name: string;
  readonly value: Lv;
  readonly next: VarFrame | undefined;
}

/** Every scope has the same fields in the same order, so property reads in the evaluator stay monomorphic. */
export function makeScope(mod: ModuleScope, file: string, extra?: { readonly count?: TfValue; readonly each?: Scope['each']; readonly self?: Handle }): Scope {
  return { mod, file, count: extra?.count, each: extra?.each, self: extra?.self, vars: undefined };
}

export function lookupVar(frame: VarFrame | undefined, name: string): Lv | undefined {
  for (let f = frame; f !== undefined; f = f.next) if (f.name === name) return f.value;
  return undefined;
}

export interface EvalContext {
  readonly functions: ReadonlyMap<string, TfFunction>;
  /** Unknowns that stand for evaluation errors (invalid index, missing attribute, failed function). */
  readonly errors: WeakSet<object>;
  report(problem: Problem): void;
  /** The text of a file read by file()/templatefile() (relative paths from the root module), or why not. */
  readFile?(path: string, site: { readonly file: string; readonly span: Span }): string | TfUnknown;
  /**
   * fileexists(): whether the file exists (relative paths from the root module), or unknown when the view
   * cannot tell (an error value for a path that is a folder, as Terraform fails there).
   */
  fileExists?(path: string, site: { readonly file: string; readonly span: Span }): boolean | TfUnknown;
  /** The parsed template of a file read by templatefile(), cached per file. */
  template?(path: string, text: string): readonly HclTemplatePart[] | TfUnknown;
  /**
   * Called with a function's unknown result: side information the result keeps from its arguments (the
   * structured policy behind a replace()d policy JSON). The value itself stays what Terraform makes it.
   */
  carry?(name: string, args: readonly TfValue[], result: TfUnknown): void;
  /**
   * Called with a template's unknown result (a heredoc policy JSON with an ARN known after apply): as `carry`,
   * so the structure follows the value wherever it is read (`aws_iam_policy.p.policy`, a module input).
   */
  carryTemplate?(parts: readonly HclTemplatePart[], scope: Scope, result: TfUnknown): void;
}

/** The scope with one more bound name (shadowing an outer one of the same name). */
export function withVar(scope: Scope, name: string, value: Lv): Scope {
  return { mod: scope.mod, file: scope.file, count: scope.count, each: scope.each, self: scope.self, vars: { name, value, next: scope.vars } };
}

/** The scope with a for expression's value variable and optional key variable bound. */
export function withVars(scope: Scope, valueVar: string, value: Lv, keyVar: string | undefined, key: TfValue): Scope {
  let vars: VarFrame = { name: valueVar, value, next: scope.vars };
  if (keyVar !== undefined) vars = { name: keyVar, value: key, next: vars };
  return { mod: scope.mod, file: scope.file, count: scope.count, each: scope.each, self: scope.self, vars };
}

export function unknownValue(reason: string, extra?: { refs?: TfUnknown['refs']; symbol?: string; origin?: TfUnknown['origin'] }): TfUnknown {
  return { unknown: true, reason, ...(extra?.refs && extra.refs.length > 0 ? { refs: extra.refs } : {}), ...(extra?.symbol !== undefined ? { symbol: extra.symbol } : {}), ...(extra?.origin ? { origin: extra.origin } : {}) };
}

export function errorValue(ctx: EvalContext, reason: string): TfUnknown {
  const u = unknownValue(reason);
  ctx.errors.add(u);
  return u;
}

export function isErrorValue(ctx: EvalContext, v: TfValue): boolean {
  return typeof v === 'object' && v !== null && ctx.errors.has(v);
}

export function materialize(v: Lv): TfValue {
  return v instanceof Handle ? v.value() : v;
}

/** An unknown derived from a pending input, keeping refs and the error mark. */
function derived(ctx: EvalContext, what: string, cause: TfValue, sources: readonly TfValue[]): TfUnknown {
  const reason = isPending(cause) ? (what ? prefixedReason(what, pendingReason(cause)) : pendingReason(cause)) : what;
  const refs = collectRefs(sources);
  const origin = isTfUnknown(cause) ? cause.origin : undefined;
  const u = unknownValue(reason, { refs, ...(origin ? { origin } : {}) });
  if (isErrorValue(ctx, cause)) ctx.errors.add(u);
  return u;
}

export function evaluate(expr: HclExpr, scope: Scope): TfValue {
  return materialize(evalLazy(expr, scope));
}

export function evalLazy(expr: HclExpr, scope: Scope): Lv {
  const ctx = scope.mod.ctx;
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template':
      return evalTemplate(expr.parts, scope);
    case 'variable':
      return resolveRoot(expr.name, expr.span, scope);
    case 'getAttr': {
      // `count.index`, `each.key`, `each.value`: read directly instead of building a namespace per use.
      const o = expr.object;
      if (o.kind === 'variable' && (o.name === 'count' || o.name === 'each') && lookupVar(scope.vars, o.name) === undefined) {
        if (o.name === 'count' && expr.name === 'index' && scope.count !== undefined) return scope.count;
        if (o.name === 'each' && scope.each !== undefined) {
          if (expr.name === 'key') return scope.each.key;
          if (expr.name === 'value') return scope.each.value;
        }
      }
      return getAttr(ctx, evalLazy(o, scope), expr.name);
    }
    case 'index':
      return getIndex(ctx, evalLazy(expr.object, scope), evaluate(expr.key, scope));
    case 'splat':
      return evalSplat(expr, scope);
    case 'splatItem':
      return lookupVar(scope.vars, '[*]') ?? errorValue(ctx, 'splat item outside a splat');
    case 'tuple': {
      // An error in any element fails the whole constructor, as in Terraform, so `try([a.b], [])` falls back
      // instead of keeping a tuple with an unknown in it. Every element is still evaluated, so each one reports
      // its own problems.
      const items = expr.items.map((item) => evaluate(item, scope));
      return items.find((v) => isErrorValue(ctx, v)) ?? items;
    }
    case 'object': {
      const entries: [string, TfValue][] = [];
      let failed: TfValue | undefined;
      for (const item of expr.items) {
        const key = objectKey(item.key, scope);
        const value = evaluate(item.value, scope);
        // As for tuples: the first error fails the object, after every item has been evaluated.
        if (isErrorValue(ctx, key)) failed ??= key;
        if (isErrorValue(ctx, value)) failed ??= value;
        if (failed !== undefined) continue;
        if (typeof key !== 'string') return isPending(key) ? derived(ctx, 'an object key is unknown', key, [key]) : errorValue(ctx, 'object keys must be strings');
        entries.push([key, value]);
      }
      return failed ?? sortedObject(entries);
    }
    case 'call':
      return evalCall(expr.name, expr.args, expr.expandFinal, expr.span, scope);
    case 'conditional': {
      const cond = toBoolValue(evaluate(expr.condition, scope));
      if (isFunctionError(cond)) return errorValue(ctx, `condition: ${cond.message}`);
      if (cond === null) return errorValue(ctx, 'the condition is null');
      if (isPending(cond)) return derived(ctx, 'the condition is unknown', cond, [cond]);
      return evalLazy(cond ? expr.then : expr.else, scope);
    }
    case 'binary': {
      const left = evaluate(expr.left, scope);
      // `a != null && a.b`: Terraform evaluates both sides, but a decisive known left side keeps the known result.
      if (expr.op === '&&' && left === false) return false;
      if (expr.op === '||' && left === true) return true;
      const right = evaluate(expr.right, scope);
      return fromResult(ctx, binaryOp(expr.op, left, right), [left, right]);
    }
    case 'unary': {
      const operand = evaluate(expr.operand, scope);
      return fromResult(ctx, unaryOp(expr.op, operand), [operand]);
    }
    case 'paren':
      return evalLazy(expr.inner, scope);
    case 'for':
      return evalFor(expr, scope);
    case 'invalid':
      return errorValue(ctx, 'the expression has a syntax error');
  }
}

function fromResult(ctx: EvalContext, r: ReturnType<typeof binaryOp>, inputs: readonly TfValue[]): TfValue {
  if (isFunctionError(r) || isTfUnknown(r)) {
    const errorInput = inputs.find((i) => isErrorValue(ctx, i));
    if (errorInput !== undefined) return errorInput;
  }
  return isFunctionError(r) ? errorValue(ctx, r.message) : r;
}

function objectKey(key: HclExpr, scope: Scope): TfValue {
  // A bare identifier key is a literal; `(expr)` and templates are evaluated.
  const v = evaluate(key, scope);
  if (typeof v === 'number' || typeof v === 'boolean') {
    const s = toStringValue(v);
    return isFunctionError(s) ? null : s;
  }
  return v;
}

function resolveRoot(name: string, span: Span, scope: Scope): Lv {
  const ctx = scope.mod.ctx;
  const local = lookupVar(scope.vars, name);
  if (local !== undefined) return local;
  switch (name) {
    case 'count':
      if (scope.count === undefined) return errorValue(ctx, 'count is only available in blocks that set count');
      return countNamespace(scope.count);
    case 'each':
      if (!scope.each) return errorValue(ctx, 'each is only available in blocks that set for_each');
      return eachNamespace(scope.each);
    case 'self':
      return scope.self ?? errorValue(ctx, 'self is only available in provisioners and connection blocks');
    default: {
      const resolved = scope.mod.root(name);
      if (resolved !== undefined) return resolved;
      void span;
      return errorValue(ctx, `${name} is not declared`);
    }
  }
}

class ValueNamespace extends Handle {
  constructor(readonly label: string, private readonly fields: ReadonlyMap<string, TfValue>) {
    super();
  }
  attr(name: string): Lv {
    const v = this.fields.get(name);
    return v === undefined ? unknownValue(`${this.label}.${name} is not defined`) : v;
  }
  index(): Lv {
    return unknownValue(`${this.label} cannot be indexed`);
  }
  value(): TfValue {
    return sortedObject(this.fields);
  }
}

function countNamespace(index: TfValue): Handle {
  return new ValueNamespace('count', new Map([['index', index]]));
}

function eachNamespace(each: { readonly key: TfValue; readonly value: TfValue }): Handle {
  return new ValueNamespace('each', new Map([['key', each.key], ['value', each.value]]));
}

export function getAttr(ctx: EvalContext, target: Lv, name: string): Lv {
  if (target instanceof Handle) return target.attr(name);
  if (target === null) return errorValue(ctx, `cannot read attribute "${name}" of null`);
  if (isTfObject(target)) {
    const v = target.fields.get(name);
    return v === undefined ? errorValue(ctx, `the object has no attribute "${name}"`) : v;
  }
  if (isTfUnknown(target)) return derived(ctx, '', target, [target]);
  if (isTfRef(target)) return derived(ctx, '', target, [target]);
  return errorValue(ctx, `cannot read attribute "${name}" of a ${Array.isArray(target) ? 'list' : typeof target}`);
}

export function getIndex(ctx: EvalContext, target: Lv, key: TfValue): Lv {
  if (target instanceof Handle) {
    if (isPending(key)) return derived(ctx, `the index into ${target.label} is unknown`, key, [key]);
    return target.index(key);
  }
  if (isTfUnknown(target)) {
    // The n-th element of an unknown list with an identity (AZ names) is still comparable with itself.
    if (target.symbol !== undefined && typeof key === 'number') {
      return unknownValue(`${target.reason} (element ${key})`, { symbol: `${target.symbol}[${key}]`, ...(target.origin ? { origin: target.origin } : {}) });
    }
    return derived(ctx, '', target, [target]);
  }
  if (isPending(key)) return derived(ctx, 'the index is unknown', key, [key]);
  if (isTfRef(target)) return derived(ctx, '', target, [target]);
  if (target === null) return errorValue(ctx, 'cannot index null');
  if (isTfList(target)) {
    const n = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(n)) return errorValue(ctx, `a list index must be a whole number, got ${JSON.stringify(key)}`);
    const v = target[n];
    return v === undefined ? errorValue(ctx, `index ${n} is out of range for a list of ${target.length}`) : v;
  }
  if (isTfObject(target)) {
    const k = typeof key === 'string' ? key : typeof key === 'number' ? String(key) : undefined;
    if (k === undefined) return errorValue(ctx, 'a map key must be a string');
    const v = target.fields.get(k);
    return v === undefined ? errorValue(ctx, `the map has no element "${k}"`) : v;
  }
  return errorValue(ctx, `cannot index a ${typeof target}`);
}

function evalSplat(expr: HclSplat, scope: Scope): Lv {
  const ctx = scope.mod.ctx;
  const source = evalLazy(expr.source, scope);
  let elements: readonly Lv[];
  if (source instanceof Handle) {
    const entries = source.entries();
    elements = entries ? entries.map((e) => e[1]) : [source];
  } else if (source === null) {
    return [];
  } else if (isTfList(source)) {
    elements = source;
  } else if (isTfUnknown(source)) {
    return derived(ctx, '', source, [source]);
  } else {
    elements = [source];
  }
  const out: TfValue[] = [];
  const direct = isItemTraversal(expr.each);
  for (const element of elements) {
    const v = direct ? materialize(traverseItem(ctx, expr.each, element)) : evaluate(expr.each, withVar(scope, '[*]', element));
    // `list[*].missing` is an error in Terraform, not a list with a hole.
    if (isErrorValue(ctx, v)) return v;
    out.push(v);
  }
  return out;
}

/** `[*].id`, `[*].a.b`, `[*]["k"]`: a traversal of the splat item with literal steps only (the common case). */
function isItemTraversal(e: HclExpr): boolean {
  for (;;) {
    if (e.kind === 'splatItem') return true;
    if (e.kind === 'getAttr') e = e.object;
    else if (e.kind === 'index' && e.key.kind === 'literal') e = e.object;
    else return false;
  }
}

/** Applies a traversal accepted by isItemTraversal to one element, without a scope per element. */
function traverseItem(ctx: EvalContext, e: HclExpr, item: Lv): Lv {
  if (e.kind === 'getAttr') return getAttr(ctx, traverseItem(ctx, e.object, item), e.name);
  if (e.kind === 'index') return getIndex(ctx, traverseItem(ctx, e.object, item), e.key.kind === 'literal' ? e.key.value : null);
  return item;
}

function evalTemplate(parts: readonly HclTemplatePart[], scope: Scope): TfValue {
  const ctx = scope.mod.ctx;
  // A template that is a single interpolation yields the value itself, not its string form.
  if (parts.length === 1 && parts[0]?.kind === 'interpolation') return evaluate(parts[0].expr, scope);
  const simple = simpleTemplate(parts, scope);
  if (simple !== undefined) return simple;
  let text = '';
  let pending: TfValue | undefined;
  const sources: TfValue[] = [];
  const append = (list: readonly HclTemplatePart[], s: Scope): void => {
    for (const part of list) {
      switch (part.kind) {
        case 'string':
          text += part.value;
          break;
        case 'interpolation': {
          const v = evaluate(part.expr, s);
          const str = toStringValue(v);
          if (isFunctionError(str) || str === null) {
            pending ??= isErrorValue(ctx, v) ? v : errorValue(ctx, str === null ? 'a template interpolates null' : str.message);
          } else if (isPending(str)) {
            pending ??= str;
            sources.push(str);
          } else if (typeof str === 'string') text += str;
          else pending ??= errorValue(ctx, 'a template interpolates a value that is not a string');
          break;
        }
        case 'if': {
          const cond = toBoolValue(evaluate(part.condition, s));
          if (isFunctionError(cond) || cond === null) pending ??= errorValue(ctx, 'template condition is not a bool');
          else if (isPending(cond)) { pending ??= cond; sources.push(cond); }
          else append(cond ? part.then : part.else ?? [], s);
          break;
        }
        case 'for': {
          const coll = evaluate(part.collection, s);
          if (isPending(coll)) { pending ??= coll; sources.push(coll); break; }
          for (const [k, v] of iterate(coll)) append(part.body, withVars(s, part.valueVar, v, part.keyVar, k));
          break;
        }
      }
    }
  };
  append(parts, scope);
  if (pending !== undefined) {
    if (isErrorValue(ctx, pending)) return pending;
    const u = derived(ctx, 'the string contains a value known only after apply', pending, sources);
    if (ctx.carryTemplate !== undefined) ctx.carryTemplate(parts, scope, u);
    return u;
  }
  return text;
}

/**
 * The common case without closures or arrays: literal text and interpolations of known strings, numbers and
 * bools. Undefined hands anything else (directives, unknowns, errors) to the general path, which re-evaluates.
 */
function simpleTemplate(parts: readonly HclTemplatePart[], scope: Scope): string | undefined {
  for (const part of parts) if (part.kind !== 'string' && part.kind !== 'interpolation') return undefined;
  let text = '';
  for (const part of parts) {
    if (part.kind === 'string') {
      text += part.value;
      continue;
    }
    if (part.kind !== 'interpolation') return undefined;
    const v = evaluate(part.expr, scope);
    if (typeof v === 'string') text += v;
    else if (typeof v === 'number' || typeof v === 'boolean') {
      const str = toStringValue(v);
      if (typeof str !== 'string') return undefined;
      text += str;
    } else return undefined;
  }
  return text;
}

/**
 * Keys and values of a collection in Terraform's iteration order: lists by index, maps by sorted key, sets by
 * element (each element is its own key).
 */
export function iterate(coll: TfValue): (readonly [TfValue, TfValue])[] {
  if (isTfList(coll)) return isSetValue(coll) ? coll.map((v) => [v, v] as const) : coll.map((v, i) => [i, v] as const);
  if (coll !== null && isTfObject(coll)) return [...coll.fields].map(([k, v]) => [k, v] as const);
  return [];
}

function evalFor(expr: HclFor, scope: Scope): TfValue {
  const ctx = scope.mod.ctx;
  const source = evalLazy(expr.collection, scope);
  let entries: readonly (readonly [TfValue, Lv])[];
  if (source instanceof Handle) {
    const keyed = source.entries();
    if (keyed) entries = keyed;
    else {
      // A resource whose count/for_each is unknown is an unknown collection, not an empty one.
      const whole = source.value();
      if (isPending(whole)) return derived(ctx, 'the for expression iterates over an unknown collection', whole, [whole]);
      entries = iterate(whole);
    }
  } else {
    if (isPending(source)) return derived(ctx, 'the for expression iterates over an unknown collection', source, [source]);
    if (source === null || (!isTfList(source) && !isTfObject(source))) return errorValue(ctx, 'a for expression needs a list, set, map or object');
    entries = iterate(source);
  }
  const items: TfValue[] = [];
  const grouped = new Map<string, TfValue[]>();
  const object = new Map<string, TfValue>();
  for (const [k, v] of entries) {
    const inner = withVars(scope, expr.valueVar, v, expr.keyVar, k);
    if (expr.condition) {
      const c = toBoolValue(evaluate(expr.condition, inner));
      if (isFunctionError(c) || c === null) return errorValue(ctx, 'a for expression condition must be a bool');
      if (isPending(c)) return derived(ctx, 'a for expression filter is unknown', c, [c]);
      if (!c) continue;
    }
    const value = evaluate(expr.valueExpr, inner);
    // One failing element fails the whole for expression (so try() and can() see the error).
    if (isErrorValue(ctx, value)) return value;
    if (!expr.objectForm || !expr.keyExpr) {
      items.push(value);
      continue;
    }
    const key = toStringValue(evaluate(expr.keyExpr, inner));
    if (isFunctionError(key) || key === null) return errorValue(ctx, 'a for expression key must be a string');
    if (isPending(key)) return derived(ctx, 'a for expression key is unknown', key, [key]);
    if (typeof key !== 'string') return errorValue(ctx, 'a for expression key must be a string');
    if (expr.grouping) {
      const list = grouped.get(key);
      if (list) list.push(value);
      else grouped.set(key, [value]);
    } else {
      if (object.has(key)) return errorValue(ctx, `duplicate key "${key}" in a for expression (use ... to group)`);
      object.set(key, value);
    }
  }
  if (!expr.objectForm) return items;
  return expr.grouping ? sortedObject(grouped) : sortedObject(object);
}

function evalCall(name: string, args: readonly HclExpr[], expandFinal: boolean, span: Span, scope: Scope): TfValue {
  const ctx = scope.mod.ctx;
  if (name === 'try') {
    let last: TfValue = errorValue(ctx, 'no argument of try() could be evaluated');
    for (const arg of args) {
      const v = evaluate(arg, scope);
      if (!isErrorValue(ctx, v)) return v;
      last = v;
    }
    return last;
  }
  if (name === 'can') {
    const arg = args[0];
    if (!arg) return errorValue(ctx, 'can() needs one argument');
    const v = evaluate(arg, scope);
    if (isErrorValue(ctx, v)) return false;
    return isTfUnknown(v) ? v : true;
  }
  if ((name === 'file' || name === 'templatefile') && ctx.readFile && !expandFinal) return evalFileCall(ctx, name, args, span, scope);
  if (name === 'fileexists' && ctx.fileExists && !expandFinal) return evalFileExists(ctx, args, span, scope);
  if (name === 'length' && args.length === 1 && !expandFinal && args[0]) {
    // length(aws_subnet.x) counts instances without materialising every attribute of every instance.
    const lazy = evalLazy(args[0], scope);
    const entries = lazy instanceof Handle ? lazy.entries() : undefined;
    if (entries) return entries.length;
    return callFunction(ctx, name, [materialize(lazy)], span, scope.file);
  }
  const values: TfValue[] = args.map((a) => evaluate(a, scope));
  if (expandFinal) {
    const last = values.pop();
    if (last !== undefined && isTfList(last)) values.push(...last);
    else if (last !== undefined) return isPending(last) ? derived(ctx, `${name}(): expanded argument is unknown`, last, [last]) : errorValue(ctx, `${name}(): only a list can be expanded with ...`);
  }
  return callFunction(ctx, name, values, span, scope.file);
}

/** file(path) and templatefile(path, vars) over the files the workspace view holds. */
function evalFileCall(ctx: EvalContext, name: 'file' | 'templatefile', args: readonly HclExpr[], span: Span, scope: Scope): TfValue {
  const want = name === 'file' ? 1 : 2;
  if (args.length !== want) return errorValue(ctx, `${name}() needs ${want} argument${want === 1 ? '' : 's'}`);
  const values = args.map((a) => evaluate(a, scope));
  const errorArg = values.find((v) => isErrorValue(ctx, v));
  if (errorArg !== undefined) return errorArg;
  const path = values[0] ?? null;
  const vars = values[1] ?? null;
  if (isPending(path)) return derived(ctx, `${name}(): the path is unknown`, path, values);
  if (typeof path !== 'string') return errorValue(ctx, `${name}(): the path must be a string`);
  const text = ctx.readFile?.(path, { file: scope.file, span }) ?? unknownValue(`${name}() is not evaluated statically`);
  // An unreadable file keeps the references of the variables (the policy still names the bucket it templates in).
  if (typeof text !== 'string') return unknownValue(text.reason, { refs: collectRefs(values) });
  if (name === 'file') return text;
  if (isPending(vars)) return derived(ctx, 'templatefile(): the variables are unknown', vars, values);
  if (vars === null || !isTfObject(vars)) return errorValue(ctx, 'templatefile(): the variables must be an object or map');
  const parts = ctx.template?.(path, text);
  if (parts === undefined || !Array.isArray(parts)) return parts !== undefined && isTfUnknown(parts as TfValue) ? (parts as TfUnknown) : unknownValue('templatefile() is not evaluated statically');
  // The template sees only the variables it is given: Terraform resolves no var., local., path. or resource
  // names inside it, so any other name is an error there too.
  let inner = makeScope({ ctx, root: () => undefined }, path);
  for (const [k, v] of vars.fields) inner = withVar(inner, k, v);
  // A template that is one interpolation keeps its value's type (`${port}` gives 5, not "5"), as in Terraform.
  return evalTemplate(parts as readonly HclTemplatePart[], inner);
}

/** Text of a template with holes: `HOLE_OPEN n HOLE_CLOSE` stands for the n-th value not known statically. */
export interface TemplateWithHoles {
  readonly text: string;
  readonly holes: readonly TfValue[];
}

/** Private-use characters: valid inside JSON strings, never written by hand. */
export const HOLE_OPEN = '\uE000';
export const HOLE_CLOSE = '\uE001';

/**
 * A quoted string, heredoc or templatefile() whose value is unknown only because some interpolations are
 * (an ARN known after apply): its text with a hole per such value, so a JSON policy keeps its statements.
 * Undefined when it is not a template, or when a directive or the file itself depends on an unknown.
 */
export function templateWithHoles(expr: HclExpr, scope: Scope): TemplateWithHoles | undefined {
  const ctx = scope.mod.ctx;
  let parts: readonly HclTemplatePart[];
  let inner = scope;
  if (expr.kind === 'template') {
    parts = expr.parts;
  } else if (expr.kind === 'call' && expr.name === 'templatefile' && expr.args.length === 2 && expr.args[0] && expr.args[1] && ctx.readFile) {
    const path = evaluate(expr.args[0], scope);
    const vars = evaluate(expr.args[1], scope);
    if (typeof path !== 'string' || vars === null || !isTfObject(vars)) return undefined;
    const text = ctx.readFile(path, { file: scope.file, span: expr.span });
    if (typeof text !== 'string') return undefined;
    const parsed = ctx.template?.(path, text);
    if (parsed === undefined || !Array.isArray(parsed)) return undefined;
    parts = parsed as readonly HclTemplatePart[];
    inner = makeScope({ ctx, root: () => undefined }, path);
    for (const [k, v] of vars.fields) inner = withVar(inner, k, v);
  } else {
    return undefined;
  }
  return partsWithHoles(parts, inner);
}

/** Template parts evaluated in `scope` as text with holes; undefined when nothing is unknown or a directive is. */
export function partsWithHoles(parts: readonly HclTemplatePart[], scope: Scope): TemplateWithHoles | undefined {
  const ctx = scope.mod.ctx;
  let text = '';
  const holes: TfValue[] = [];
  const append = (list: readonly HclTemplatePart[], s: Scope): boolean => {
    for (const part of list) {
      if (part.kind === 'string') {
        text += part.value;
      } else if (part.kind === 'interpolation') {
        const v = evaluate(part.expr, s);
        const str = toStringValue(v);
        if (typeof str === 'string') text += str;
        else if (isPending(v) && !isErrorValue(ctx, v)) text += `${HOLE_OPEN}${holes.push(v) - 1}${HOLE_CLOSE}`;
        else return false;
      } else if (part.kind === 'if') {
        const cond = toBoolValue(evaluate(part.condition, s));
        if (typeof cond !== 'boolean') return false;
        if (!append(cond ? part.then : part.else ?? [], s)) return false;
      } else {
        const coll = evaluate(part.collection, s);
        if (isPending(coll)) return false;
        for (const [k, v] of iterate(coll)) if (!append(part.body, withVars(s, part.valueVar, v, part.keyVar, k))) return false;
      }
    }
    return true;
  };
  return append(parts, scope) && holes.length > 0 ? { text, holes } : undefined;
}

/** fileexists(path) over the files the workspace view holds (Terraform: a bool; null or a folder is an error). */
function evalFileExists(ctx: EvalContext, args: readonly HclExpr[], span: Span, scope: Scope): TfValue {
  const arg = args[0];
  if (args.length !== 1 || !arg) return errorValue(ctx, 'fileexists() needs 1 argument');
  const path = evaluate(arg, scope);
  if (isErrorValue(ctx, path)) return path;
  if (isPending(path)) return derived(ctx, 'fileexists(): the path is unknown', path, [path]);
  if (path === null) return errorValue(ctx, 'fileexists(): the path must not be null');
  // Terraform converts a number or bool argument to its string form.
  if (typeof path !== 'string' && typeof path !== 'number' && typeof path !== 'boolean') return errorValue(ctx, 'fileexists(): the path must be a string');
  return ctx.fileExists?.(String(path), { file: scope.file, span }) ?? unknownValue('fileexists() is not evaluated statically');
}

function callFunction(ctx: EvalContext, name: string, values: TfValue[], span: Span, file: string): TfValue {
  const errorArg = values.find((v) => isErrorValue(ctx, v));
  if (errorArg !== undefined) return errorArg;
  const fn = ctx.functions.get(name.startsWith('core::') ? name.slice(6) : name);
  if (!fn) {
    // A function Terraform does not have is an error reported where it is written (references.ts).
    if (!isTerraformFunction(name)) return errorValue(ctx, `there is no function named "${name}"`);
    ctx.report({ code: 'tf-unsupported-function', severity: 'information', message: `The function ${name}() is not evaluated by Hyperplane Lens; its result is unknown.`, file, span });
    return unknownValue(`${name}() is not evaluated statically`, { refs: collectRefs(values) });
  }
  const r = fn(values);
  if (isFunctionError(r)) return errorValue(ctx, `${name}(): ${r.message}`);
  if (ctx.carry !== undefined && isTfUnknown(r)) ctx.carry(name, values, r);
  return r;
}

/** Reads a number from a value (count), or the reason it cannot. */
export function asNumber(v: TfValue): number | string | TfUnknown {
  const n = toNumberValue(v);
  if (isFunctionError(n)) return n.message;
  if (n === null) return 'the value is null';
  if (isPending(n)) return isTfUnknown(n) ? n : unknownValue(pendingReason(n), { refs: [n] });
  return typeof n === 'number' ? n : 'not a number';
}
