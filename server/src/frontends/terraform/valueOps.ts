// Operations on Terraform values for the expression evaluator and the function library: Terraform's automatic
// conversions, equality, operators, number formatting and unknown propagation (an unknown or TfRef operand makes
// the result unknown, with a reason and the refs it came from, unless the known parts already decide it).

import type { HclBinaryOp } from '../../syntax/hcl/ast';
import { type TfFunctionResult, tfError, isFunctionError } from './functions/result';
import { chainedReason } from './unknownReasons';
import { type TfObject, type TfRef, type TfUnknown, type TfValue, isTfObject, isTfRef, isTfUnknown } from './value';

export type TfTypeName = 'string' | 'number' | 'bool' | 'null' | 'tuple' | 'object' | 'unknown';

/** Terraform's word for the type, for messages ("got tuple"). A TfRef is a computed string attribute. */
export function typeName(v: TfValue): TfTypeName {
  if (v === null) return 'null';
  if (typeof v === 'string' || isTfRef(v)) return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'tuple';
  return isTfUnknown(v) ? 'unknown' : 'object';
}

/** A value whose concrete content is not known statically: an unknown, or a reference to a computed attribute. */
export type Pending = TfUnknown | TfRef;

export function isPending(v: TfValue): v is Pending {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (isTfRef(v) || isTfUnknown(v));
}

export function refLabel(ref: TfRef): string {
  return `${ref.address}.${ref.attribute}`;
}

export function pendingReason(v: Pending): string {
  return isTfRef(v) ? (v.reason ?? `${refLabel(v)} is known only after apply`) : v.reason;
}

/** The first unknown or TfRef anywhere inside `v` (depth first), or undefined when `v` is wholly known. */
export function findPending(v: TfValue): Pending | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (Array.isArray(v)) {
    for (const item of v as readonly TfValue[]) {
      const found = findPending(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isPending(v)) return v;
  for (const field of (v as TfObject).fields.values()) {
    const found = findPending(field);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every TfRef inside the values (directly, or kept by unknowns built from them), without duplicates. */
export function collectRefs(values: readonly TfValue[]): TfRef[] {
  const seen = new Set<string>();
  const out: TfRef[] = [];
  const add = (ref: TfRef): void => {
    const key = `${ref.target}\u0000${ref.attribute}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(ref);
    }
  };
  const walk = (v: TfValue): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const item of v as readonly TfValue[]) walk(item);
    } else if (isTfRef(v)) {
      add(v);
    } else if (isTfUnknown(v)) {
      for (const ref of v.refs ?? []) add(ref);
    } else {
      for (const field of (v as TfObject).fields.values()) walk(field);
    }
  };
  for (const v of values) walk(v);
  return out;
}

/**
 * An unknown result: "<what> because <cause's reason>", keeping the cause's origin and every ref found in
 * `sources` (usually all the arguments), so a hover can still name the resources involved.
 */
export function unknownBecause(what: string, cause: Pending, sources: readonly TfValue[]): TfUnknown {
  const refs = collectRefs(sources);
  const origin = isTfUnknown(cause) ? cause.origin : undefined;
  return {
    unknown: true,
    reason: chainedReason(what, pendingReason(cause)),
    ...(origin !== undefined ? { origin } : {}),
    ...(refs.length > 0 ? { refs } : {}),
  };
}

/** An object with keys in Terraform's lexical order (the order every object/map iterates in). */
export function sortedObject(entries: Iterable<readonly [string, TfValue]>): TfObject {
  const input = Array.isArray(entries);
  let list = input ? (entries as (readonly [string, TfValue])[]) : [...entries];
  // Objects written in order (and rebuilt ones) are common: skip the sort and its copy when already sorted.
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const next = list[i];
    // Both indices are in bounds; the check narrows the type and costs nothing measurable.
    if (prev === undefined || next === undefined) break;
    if (compareStrings(prev[0], next[0]) < 0) continue;
    if (input) list = list.slice();
    sortEntries(list);
    break;
  }
  return { kind: 'object', fields: new Map(list) };
}

/** Stable in-place sort by key: insertion sort for the small objects configurations are made of. */
function sortEntries(list: (readonly [string, TfValue])[]): void {
  if (list.length > 32) {
    list.sort((a, b) => compareStrings(a[0], b[0]));
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const item = list[i];
    // i < length, so item exists; the guard narrows the type (the list holds no holes).
    if (item === undefined) break;
    let j = i - 1;
    while (j >= 0) {
      const earlier = list[j];
      if (earlier === undefined || compareStrings(earlier[0], item[0]) <= 0) break;
      list[j + 1] = earlier;
      j--;
    }
    list[j + 1] = item;
  }
}

/** Go's string order (UTF-8 bytes = code points), which differs from UTF-16 order above the BMP. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after U+E000–U+FFFF in code point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Terraform's number to string: plain decimal, never exponent notation ("1e-7" → "0.0000001"). */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * Terraform computes with 512-bit floats, so 0.1 * 3 is 0.3 there; with doubles it is 0.30000000000000004.
 * A non-integer result within two ulps of its 15-digit rounding is snapped to it; genuine fractions such as
 * 1/3 are further away than that and keep every digit.
 */
export function snapNumber(n: number): number {
  if (Number.isInteger(n) || !Number.isFinite(n)) return n;
  const rounded = Number(n.toPrecision(15));
  return Math.abs(rounded - n) <= 2 * Number.EPSILON * Math.abs(n) ? rounded : n;
}

const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/** Conversion to string as Terraform does it implicitly and in tostring(); pending values pass through. */
export function toStringValue(v: TfValue): TfFunctionResult {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isPending(v)) return v;
  return tfError(`cannot convert ${typeName(v)} to string`);
}

/** Conversion to number: strings must be decimal ("1e3", "+1", ".5"; not "0x10" or " 1"). */
export function toNumberValue(v: TfValue): TfFunctionResult {
  if (v === null || typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (!DECIMAL.test(v)) {
      return tfError(`cannot convert ${JSON.stringify(v)} to number; given string must be a decimal representation of a number`);
    }
    return Number(v);
  }
  if (isPending(v)) return v;
  return tfError(`cannot convert ${typeName(v)} to number`);
}

/** Conversion to bool: the strings "true"/"false" (and "1"/"0", which cty also accepts). */
export function toBoolValue(v: TfValue): TfFunctionResult {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return tfError(`cannot convert ${JSON.stringify(v)} to bool; only the strings "true" or "false" are allowed`);
  }
  if (isPending(v)) return v;
  return tfError(`cannot convert ${typeName(v)} to bool`);
}

/** Attributes whose values are unique per resource: two different resources never share an id or an ARN. */
const IDENTITY_ATTRIBUTES = new Set(['id', 'arn']);

function isDataSource(ref: TfRef): boolean {
  return ref.address.startsWith('data.') || ref.address.includes('.data.');
}

/**
 * Equality of two refs. Same target and attribute: equal. The `id` (or `arn`) of two different managed
 * resources: not equal, since AWS gives every resource its own. Anything else (a data source that may read the
 * very resource, two different attributes that may coincide such as a VPC's main and default route table):
 * unknown.
 */
function refsEqual(a: TfRef, b: TfRef): boolean | undefined {
  if (a.target === b.target && a.attribute === b.attribute) return true;
  if (a.attribute === b.attribute && IDENTITY_ATTRIBUTES.has(a.attribute) && !isDataSource(a) && !isDataSource(b)) {
    return false;
  }
  return undefined;
}

/** Structural equality: true/false when decided, or the pending value that prevents deciding. */
function equalsOrPending(a: TfValue, b: TfValue): boolean | Pending {
  if (isTfUnknown(a) || isTfUnknown(b)) {
    if (isTfUnknown(a) && isTfUnknown(b) && a.symbol !== undefined && a.symbol === b.symbol) return true;
    return isTfUnknown(a) ? a : (b as TfUnknown);
  }
  if (isTfRef(a) || isTfRef(b)) {
    if (isTfRef(a) && isTfRef(b)) return refsEqual(a, b) ?? a;
    const ref = isTfRef(a) ? a : (b as TfRef);
    const other = ref === a ? b : a;
    if (other === null && IDENTITY_ATTRIBUTES.has(ref.attribute)) return false;
    if (Array.isArray(other) || (other !== null && isTfObject(other))) return false;
    return ref;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return allEqual((a as readonly TfValue[]).map((x, i) => [x, (b as readonly TfValue[])[i] ?? null] as const));
  }
  const fa = (a as TfObject).fields;
  const fb = (b as TfObject).fields;
  if (fa.size !== fb.size) return false;
  const pairs: (readonly [TfValue, TfValue])[] = [];
  for (const [key, value] of fa) {
    if (!fb.has(key)) return false;
    pairs.push([value, fb.get(key) ?? null]);
  }
  return allEqual(pairs);
}

function allEqual(pairs: readonly (readonly [TfValue, TfValue])[]): boolean | Pending {
  let pending: Pending | undefined;
  for (const [x, y] of pairs) {
    const r = equalsOrPending(x, y);
    if (r === false) return false;
    if (r !== true) pending ??= r;
  }
  return pending ?? true;
}

/** `a == b` with Terraform's rules (no conversion: 1 == "1" is false); unknown when it cannot be decided. */
export function tfEquals(a: TfValue, b: TfValue): boolean | TfUnknown {
  const r = equalsOrPending(a, b);
  return typeof r === 'boolean' ? r : unknownBecause('the comparison is unknown', r, [a, b]);
}

type OperandResult<T> = T | Pending | { readonly error: string };

function operand<T extends TfValue>(v: TfValue, side: string, convert: (v: TfValue) => TfFunctionResult, kind: string, want: (x: TfValue) => x is T): OperandResult<T> {
  const r = convert(v);
  if (isFunctionError(r) || r === null) return { error: `Unsuitable value for ${side} operand: ${kind} is required.` };
  if (isPending(r)) return r;
  if (want(r)) return r;
  return { error: `Unsuitable value for ${side} operand: ${kind} is required.` };
}

const isNumber = (x: TfValue): x is number => typeof x === 'number';
const isBool = (x: TfValue): x is boolean => typeof x === 'boolean';

function isOperandError(x: unknown): x is { readonly error: string } {
  return typeof x === 'object' && x !== null && 'error' in x;
}

/** A binary operator as HCL evaluates it, operands already evaluated (the evaluator short-circuits nothing). */
export function binaryOp(op: HclBinaryOp, a: TfValue, b: TfValue): TfFunctionResult {
  switch (op) {
    case '==':
      return tfEquals(a, b);
    case '!=': {
      const eq = tfEquals(a, b);
      return typeof eq === 'boolean' ? !eq : eq;
    }
    case '&&':
    case '||':
      return logicalOp(op, a, b);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '<':
    case '>':
    case '<=':
    case '>=':
      return numericOp(op, a, b);
  }
}

function logicalOp(op: '&&' | '||', a: TfValue, b: TfValue): TfFunctionResult {
  const x = operand(a, 'left', toBoolValue, 'a bool', isBool);
  const y = operand(b, 'right', toBoolValue, 'a bool', isBool);
  if (isOperandError(x)) return tfError(x.error);
  if (isOperandError(y)) return tfError(y.error);
  // A known operand can decide the result alone: false && anything, true || anything.
  const decisive = op === '||';
  if (x === decisive || y === decisive) return decisive;
  if (isPending(x)) return unknownBecause(`the left operand of ${op} is unknown`, x, [a, b]);
  if (isPending(y)) return unknownBecause(`the right operand of ${op} is unknown`, y, [a, b]);
  return op === '&&' ? x && y : x || y;
}

function numericOp(op: '+' | '-' | '*' | '/' | '%' | '<' | '>' | '<=' | '>=', a: TfValue, b: TfValue): TfFunctionResult {
  const x = operand(a, 'left', toNumberValue, 'a number', isNumber);
  const y = operand(b, 'right', toNumberValue, 'a number', isNumber);
  if (isOperandError(x)) return tfError(x.error);
  if (isOperandError(y)) return tfError(y.error);
  if (isPending(x)) return unknownBecause(`the left operand of ${op} is unknown`, x, [a, b]);
  if (isPending(y)) return unknownBecause(`the right operand of ${op} is unknown`, y, [a, b]);
  switch (op) {
    case '+':
      return snapNumber(x + y);
    case '-':
      return snapNumber(x - y);
    case '*':
      return snapNumber(x * y);
    case '/':
      return y === 0 ? tfError('Division by zero.') : snapNumber(x / y);
    case '%':
      // cty's Modulo returns the dividend for a zero divisor (3 % 0 is 3 in terraform console), no error.
      return y === 0 ? x : snapNumber(x % y);
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

export function unaryOp(op: '!' | '-', v: TfValue): TfFunctionResult {
  if (op === '!') {
    const x = operand(v, 'unary', toBoolValue, 'bool', isBool);
    if (isOperandError(x)) return tfError('Unsuitable value for unary operand: bool required.');
    return isPending(x) ? unknownBecause('the operand of ! is unknown', x, [v]) : !x;
  }
  const x = operand(v, 'unary', toNumberValue, 'a number', isNumber);
  if (isOperandError(x)) return tfError(x.error);
  return isPending(x) ? unknownBecause('the operand of - is unknown', x, [v]) : -x;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** HCL-literal rendering for hovers and tests: "a", 1, [1, 2], { a = 1 }, (known after apply), aws_vpc.main.id. */
export function renderValue(v: TfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return renderString(v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${(v as readonly TfValue[]).map(renderValue).join(', ')}]`;
  if (isTfRef(v)) return refLabel(v);
  if (isTfUnknown(v)) return '(known after apply)';
  const fields = (v as TfObject).fields;
  if (fields.size === 0) return '{}';
  const items: string[] = [];
  for (const [key, value] of fields) items.push(`${IDENTIFIER.test(key) ? key : renderString(key)} = ${renderValue(value)}`);
  return `{ ${items.join(', ')} }`;
}

function renderString(s: string): string {
  const escaped = s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}
