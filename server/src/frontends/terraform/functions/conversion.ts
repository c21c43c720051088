// Type conversion functions (tostring, tonumber, tobool, tolist, toset, tomap) and the element-type unification
// and set normalisation they share with the collection and set functions.

import { type TfObject, type TfValue, isTfObject, isTfRef, isTfUnknown } from '../value';
import { compareStrings, isPending, sortedObject, toBoolValue, toNumberValue, toStringValue, typeName } from '../valueOps';
import { type Call, arg, bailUnknown, defineFunction, invalidParam, list, object, requireWhollyKnown } from './arguments';
import { type TfFunction, type TfFunctionResult, isFunctionError } from './result';
import { markSet } from '../setMarks';

type Kind = 'string' | 'number' | 'bool' | 'tuple' | 'object';

function kindOf(v: TfValue): Kind | undefined {
  if (v === null || isTfUnknown(v)) return undefined;
  if (isTfRef(v)) return 'string';
  const t = typeName(v);
  return t === 'null' || t === 'unknown' ? undefined : t;
}

/**
 * Terraform's unification of element types for a list, set or map: mixed string/number/bool elements all become
 * strings; number with bool (no string) or primitives with collections cannot unify. Returns undefined then.
 */
export function unifyElements(values: readonly TfValue[]): TfValue[] | undefined {
  const kinds = new Set<Kind>();
  for (const v of values) {
    const k = kindOf(v);
    if (k !== undefined) kinds.add(k);
  }
  if (kinds.size <= 1) return [...values];
  const structural = kinds.has('tuple') || kinds.has('object');
  if (structural || !kinds.has('string')) return undefined;
  return values.map((v) => {
    const s = toStringValue(v);
    return isFunctionError(s) ? v : s;
  });
}

/** A key identifying a wholly known value, equal for equal values (used to deduplicate). */
export function valueKey(v: TfValue): string {
  if (v === null) return 'n';
  if (typeof v === 'string') return `s${JSON.stringify(v)}`;
  if (typeof v === 'number') return `d${v}`;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (Array.isArray(v)) return `[${(v as readonly TfValue[]).map(valueKey).join(',')}]`;
  if (isTfRef(v)) return `r${v.target}\u0000${v.attribute}`;
  if (isTfUnknown(v)) return `u${v.symbol ?? v.reason}`;
  const parts: string[] = [];
  for (const [k, field] of (v as TfObject).fields) parts.push(`${JSON.stringify(k)}:${valueKey(field)}`);
  return `{${parts.join(',')}}`;
}

export function dedupe(values: readonly TfValue[]): TfValue[] {
  const seen = new Set<string>();
  const out: TfValue[] = [];
  for (const v of values) {
    const key = valueKey(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/**
 * The elements of a Terraform set, in the order Terraform iterates them: strings lexically, numbers ascending,
 * false before true, null last; sets of collections keep first-seen order (Terraform orders them by hash, which
 * nothing should depend on). Elements must be wholly known and already unified.
 */
export function setElements(values: readonly TfValue[]): TfValue[] {
  const unique = dedupe(values);
  const rank = (v: TfValue): number => (v === null ? 1 : 0);
  const primitive = unique.filter((v) => v !== null);
  if (primitive.every((v) => typeof v === 'string')) {
    return markSet(unique.sort((a, b) => rank(a) - rank(b) || (a === null || b === null ? 0 : compareStrings(a as string, b as string))));
  }
  if (primitive.every((v) => typeof v === 'number')) return markSet(unique.sort((a, b) => rank(a) - rank(b) || (a as number) - (b as number)));
  if (primitive.every((v) => typeof v === 'boolean')) return markSet(unique.sort((a, b) => rank(a) - rank(b) || Number(a) - Number(b)));
  return markSet(unique);
}

/** Unify, require known, and normalise a collection argument into set elements. */
export function toSetOf(call: Call, param: string, v: TfValue): TfValue[] {
  const items = list(call, param, v);
  requireWhollyKnown(call, param, items);
  const unified = unifyElements(items);
  if (unified === undefined) return invalidParam(param, 'all elements must have the same type');
  return setElements(unified);
}

function converted(call: Call, r: TfFunctionResult): TfFunctionResult {
  if (isFunctionError(r)) return invalidParam('v', r.message);
  if (isPending(r) && !isTfRef(r)) return bailUnknown(call, 'the value', r);
  return r;
}

export const conversionFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['tostring', defineFunction('tostring', { min: 1, max: 1 }, (call) => converted(call, toStringValue(arg(call, 0))))],
  [
    'tonumber',
    defineFunction('tonumber', { min: 1, max: 1 }, (call) => {
      const v = arg(call, 0);
      if (isTfRef(v)) bailUnknown(call, 'the value', v);
      return converted(call, toNumberValue(v));
    }),
  ],
  [
    'tobool',
    defineFunction('tobool', { min: 1, max: 1 }, (call) => {
      const v = arg(call, 0);
      if (isTfRef(v)) bailUnknown(call, 'the value', v);
      return converted(call, toBoolValue(v));
    }),
  ],
  [
    'tolist',
    defineFunction('tolist', { min: 1, max: 1 }, (call) => {
      const v = arg(call, 0);
      if (v === null) return null;
      if (isTfObject(v)) invalidParam('v', 'cannot convert object to list of any single type');
      const unified = unifyElements(list(call, 'v', v));
      // A copy: the list of a set is no longer a set (a for expression over it binds indexes again).
      return unified !== undefined ? [...unified] : invalidParam('v', 'cannot convert tuple to list of any single type');
    }),
  ],
  [
    'toset',
    defineFunction('toset', { min: 1, max: 1 }, (call) => {
      const v = arg(call, 0);
      if (v === null) return null;
      if (isTfObject(v)) invalidParam('v', 'cannot convert object to set of any single type');
      return toSetOf(call, 'v', v);
    }),
  ],
  [
    'tomap',
    defineFunction('tomap', { min: 1, max: 1 }, (call) => {
      const v = arg(call, 0);
      if (v === null) return null;
      const obj = object(call, 'v', v);
      const unified = unifyElements([...obj.fields.values()]);
      if (unified === undefined) return invalidParam('v', 'cannot convert object to map of any single type');
      const keys = [...obj.fields.keys()];
      return sortedObject(keys.map((k, i) => [k, unified[i] ?? null] as const));
    }),
  ],
]);
