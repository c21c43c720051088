// Collection functions: length, concat, flatten, element, index, lookup, merge, keys, values, zipmap, coalesce,
// coalescelist, compact, slice, contains, range, one, sort, reverse, chunklist, matchkeys, transpose.
// Unknown or TfRef elements stay in place where the result does not depend on their content (concat, element,
// slice, merge, lookup…); a result that depends on them is unknown with the refs kept.
//
// Symbolic AZs: the evaluator represents e.g. `data.aws_availability_zones.x.names` as a TfUnknown with a
// `symbol` ('az-list'). `element(list, i)` on such an unknown returns a TfUnknown with symbol `<symbol>[i]`,
// or `<symbol>[i mod n]` from index 2 on (element() wraps modulo the unknown length, so `[3]` may be the same
// AZ as `[0]`); two different symbols compare as unknown, never as unequal. `slice(list, a, b)` on one is the known-length
// list of `<symbol>[a]` … `<symbol>[b-1]`.

import { type TfUnknown, type TfValue, isTfObject, isTfRef, isTfUnknown } from '../value';
import { type Pending, compareStrings, findPending, isPending, snapNumber, sortedObject, tfEquals, typeName } from '../valueOps';
import {
  type Call,
  arg,
  bailUnknown,
  callFailed,
  defineFunction,
  index,
  invalidParam,
  list,
  num,
  object,
  requireWhollyKnown,
  str,
  stringList,
} from './arguments';
import { unifyElements, valueKey } from './conversion';
import type { TfFunction, TfFunctionResult } from './result';
import { override } from '../../../model/override';

let segmenter: Intl.Segmenter | undefined;

/** Terraform counts user-perceived characters (grapheme clusters): length("👍🏽") is 1. */
export function graphemes(s: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(s)) return s.split('');
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (seg) => seg.segment);
}

function length(call: Call): TfFunctionResult {
  const v = arg(call, 0);
  if (v === null) return invalidParam('value', 'argument must not be null');
  if (isPending(v)) return bailUnknown(call, 'the value', v);
  if (typeof v === 'string') return graphemes(v).length;
  if (Array.isArray(v)) return v.length;
  if (isTfObject(v)) return v.fields.size;
  return invalidParam('value', `argument must be a string, a collection type, or a structural type, got ${typeName(v)}`);
}

function concat(call: Call): TfFunctionResult {
  const out: TfValue[] = [];
  call.args.forEach((a, i) => {
    if (isPending(a)) bailUnknown(call, `argument ${i + 1}`, a);
    if (!Array.isArray(a)) invalidParam('seqs', `all arguments must be lists or tuples; got ${typeName(a)}`);
    out.push(...(a as readonly TfValue[]));
  });
  return out;
}

function flattenInto(call: Call, items: readonly TfValue[], out: TfValue[]): void {
  for (const item of items) {
    // An unknown element might be a list that would be flattened: the shape of the result is unknown.
    if (isTfUnknown(item)) bailUnknown(call, 'an element of the list', item);
    if (Array.isArray(item)) flattenInto(call, item as readonly TfValue[], out);
    else out.push(item);
  }
}

function flatten(call: Call): TfFunctionResult {
  const v = arg(call, 0);
  if (isPending(v)) return bailUnknown(call, 'the list', v);
  if (!Array.isArray(v)) return callFailed(call, 'can only flatten lists, sets and tuples');
  const out: TfValue[] = [];
  flattenInto(call, v as readonly TfValue[], out);
  return out;
}

function element(call: Call): TfFunctionResult {
  const v = arg(call, 0);
  const i = index(call, 'index', arg(call, 1));
  if (i < 0) return callFailed(call, 'cannot use element function with a negative index');
  // element() wraps around the list's length, which is unknown here: from index 2 on (every Region has at
  // least two AZs) the pick may be an earlier one, so its identity says so and never counts as different.
  if (isTfUnknown(v) && v.symbol !== undefined) return i < 2 ? indexedSymbol(v, i) : override(v, { symbol: `${v.symbol}[${i} mod n]` });
  const items = list(call, 'list', v);
  if (items.length === 0) return callFailed(call, 'cannot use element function with an empty list');
  return items[i % items.length] ?? null;
}

/** The i-th element of a symbolic unknown list keeps an identity of its own (see the file comment). */
export function indexedSymbol(v: TfUnknown, i: number): TfUnknown {
  return override(v, { symbol: `${v.symbol ?? ''}[${i}]` });
}

/** Position of the first element equal to `value`; unknown when an undecidable comparison comes first. */
function firstMatch(items: readonly TfValue[], value: TfValue): number | Pending | undefined {
  let pending: Pending | undefined;
  for (let i = 0; i < items.length; i++) {
    const eq = tfEquals(items[i] ?? null, value);
    if (eq === true) return pending ?? i;
    if (eq !== false) pending ??= findPending(items[i] ?? null) ?? findPending(value) ?? eq;
  }
  return pending;
}

function indexFn(call: Call): TfFunctionResult {
  const items = list(call, 'list', arg(call, 0));
  const found = firstMatch(items, arg(call, 1));
  if (found === undefined) return callFailed(call, 'item not found');
  if (typeof found === 'number') return found;
  return bailUnknown(call, 'the position', found);
}

function contains(call: Call): TfFunctionResult {
  const items = list(call, 'list', arg(call, 0));
  let pending: Pending | undefined;
  for (const item of items) {
    const eq = tfEquals(item, arg(call, 1));
    if (eq === true) return true;
    if (eq !== false) pending ??= findPending(item) ?? findPending(arg(call, 1)) ?? eq;
  }
  return pending === undefined ? false : bailUnknown(call, 'the result', pending);
}

function lookup(call: Call): TfFunctionResult {
  const map = object(call, 'inputMap', arg(call, 0));
  const key = str(call, 'key', arg(call, 1));
  if (map.fields.has(key)) return map.fields.get(key) ?? null;
  if (call.args.length === 3) return arg(call, 2);
  return invalidParam('inputMap', `the given object has no attribute ${JSON.stringify(key)}`);
}

function merge(call: Call): TfFunctionResult {
  const fields = new Map<string, TfValue>();
  call.args.forEach((a, i) => {
    if (a === null) return;
    if (isPending(a)) bailUnknown(call, `argument ${i + 1}`, a);
    if (!isTfObject(a)) callFailed(call, `arguments must be maps or objects, got ${JSON.stringify(typeName(a))}`);
    for (const [k, v] of a.fields) fields.set(k, v);
  });
  return sortedObject(fields);
}

function sortedKeys(call: Call): string[] {
  const map = object(call, 'inputMap', arg(call, 0));
  return [...map.fields.keys()].sort(compareStrings);
}

function values(call: Call): TfFunctionResult {
  const map = object(call, 'mapping', arg(call, 0));
  return sortedKeys(call).map((k) => map.fields.get(k) ?? null);
}

function zipmap(call: Call): TfFunctionResult {
  const keys = stringList(call, 'keys', arg(call, 0));
  const vals = list(call, 'values', arg(call, 1));
  if (keys.length !== vals.length) {
    return callFailed(call, `number of keys (${keys.length}) does not match number of values (${vals.length})`);
  }
  const fields = new Map<string, TfValue>();
  keys.forEach((k, i) => fields.set(k, vals[i] ?? null));
  return sortedObject(fields);
}

function coalesce(call: Call): TfFunctionResult {
  if (call.args.length === 0) return callFailed(call, 'all arguments must have the same type');
  const unified = unifyElements(call.args);
  if (unified === undefined) return callFailed(call, 'all arguments must have the same type');
  for (const v of unified) {
    // A ref names a computed id/ARN, which is never null or empty; any other unknown could be.
    if (isTfUnknown(v)) return bailUnknown(call, 'the first non-null argument', v);
    if (v !== null && v !== '') return v;
  }
  return callFailed(call, 'no non-null, non-empty-string arguments');
}

function coalescelist(call: Call): TfFunctionResult {
  for (let i = 0; i < call.args.length; i++) {
    // A null argument is an error in Terraform (it is not skipped like an empty list).
    const items = list(call, `argument ${i + 1}`, call.args[i] ?? null);
    if (items.length > 0) return items;
  }
  return callFailed(call, 'no non-null arguments');
}

function compact(call: Call): TfFunctionResult {
  const items = list(call, 'list', arg(call, 0));
  const out: TfValue[] = [];
  for (const item of items) {
    if (isTfUnknown(item)) bailUnknown(call, 'an element', item);
    if (item === null || item === '') continue;
    out.push(isTfRef(item) ? item : str(call, 'list', item));
  }
  return out;
}

function slice(call: Call): TfFunctionResult {
  const start = index(call, 'start_index', arg(call, 1));
  const end = index(call, 'end_index', arg(call, 2));
  const v = arg(call, 0);
  // A slice of a symbolic list (the Region's AZ names) has a known length: `slice(azs, 0, 3)` is three AZs
  // that keep their identities, as element() gives them; Terraform fails the plan if the Region has fewer.
  if (isTfUnknown(v) && v.symbol !== undefined && start >= 0 && start <= end) {
    return Array.from({ length: end - start }, (_, k) => indexedSymbol(v, start + k));
  }
  const items = list(call, 'list', v);
  if (start < 0) return invalidParam('start_index', 'must be greater than or equal to 0');
  if (end > items.length) return invalidParam('end_index', 'end index must not be greater than the length of the list');
  if (start > end) return invalidParam('start_index', 'start index must not be greater than end index');
  return items.slice(start, end);
}

const RANGE_LIMIT = 1024;

function range(call: Call): TfFunctionResult {
  const nums = call.args.map((a) => num(call, 'params', a));
  const [start, end, stepArg] = nums.length === 1 ? [0, nums[0] ?? 0, undefined] : [nums[0] ?? 0, nums[1] ?? 0, nums[2]];
  const step = stepArg ?? (start <= end ? 1 : -1);
  if (step === 0) return invalidParam('params', 'step must not be zero');
  if (step > 0 && end < start) return invalidParam('params', 'end must be greater than start when step is positive');
  if (step < 0 && end > start) return invalidParam('params', 'end must be less than start when step is negative');
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const v = snapNumber(start + i * step);
    if (step > 0 ? v >= end : v <= end) break;
    if (out.length === RANGE_LIMIT) {
      return callFailed(call, `more than ${RANGE_LIMIT} values were generated; either decrease the difference between start and end or use a smaller step`);
    }
    out.push(v);
  }
  return out;
}

function one(call: Call): TfFunctionResult {
  // one(null) is an error in Terraform 1.x ("argument must not be null"), unlike one([]).
  const items = list(call, 'list', arg(call, 0));
  if (items.length > 1) return invalidParam('list', 'must be a list, set, or tuple value with either zero or one elements');
  return items[0] ?? null;
}

function sort(call: Call): TfFunctionResult {
  const items = list(call, 'list', arg(call, 0));
  requireWhollyKnown(call, 'an element of the list', items);
  const strings = items.map((item, i) => {
    if (item === null) invalidParam('list', `given list element ${i} is null; a null string cannot be sorted`);
    return str(call, 'list', item);
  });
  return strings.sort(compareStrings);
}

function chunklist(call: Call): TfFunctionResult {
  const items = list(call, 'list', arg(call, 0));
  const size = index(call, 'size', arg(call, 1));
  if (size < 0) return callFailed(call, 'the size argument must be positive');
  if (size === 0) return [items];
  const out: TfValue[] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function matchkeys(call: Call): TfFunctionResult {
  const vals = list(call, 'values', arg(call, 0));
  const keys = list(call, 'keys', arg(call, 1));
  const search = list(call, 'searchset', arg(call, 2));
  if (vals.length !== keys.length) return invalidParam('values', 'length of keys and values should be equal');
  requireWhollyKnown(call, 'keys', keys);
  requireWhollyKnown(call, 'searchset', search);
  const wanted = new Set(search.map(valueKey));
  return vals.filter((_, i) => wanted.has(valueKey(keys[i] ?? null)));
}

function transpose(call: Call): TfFunctionResult {
  const map = object(call, 'values', arg(call, 0));
  const out = new Map<string, string[]>();
  for (const k of [...map.fields.keys()].sort(compareStrings)) {
    for (const v of stringList(call, 'values', map.fields.get(k) ?? null)) {
      const bucket = out.get(v) ?? [];
      bucket.push(k);
      out.set(v, bucket);
    }
  }
  return sortedObject(out);
}

function boolsOf(call: Call): { known: boolean[]; pending: Pending | undefined } {
  const items = list(call, 'list', arg(call, 0));
  const known: boolean[] = [];
  let pending: Pending | undefined;
  for (const item of items) {
    if (isPending(item)) pending ??= item;
    else if (item === true || item === 'true') known.push(true);
    else if (item === false || item === 'false' || item === null) known.push(false);
    else invalidParam('list', 'bool required');
  }
  return { known, pending };
}

function alltrue(call: Call): TfFunctionResult {
  const { known, pending } = boolsOf(call);
  if (known.includes(false)) return false;
  return pending === undefined ? true : bailUnknown(call, 'an element', pending);
}

function anytrue(call: Call): TfFunctionResult {
  const { known, pending } = boolsOf(call);
  if (known.includes(true)) return true;
  return pending === undefined ? false : bailUnknown(call, 'an element', pending);
}

export const collectionFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['length', defineFunction('length', { min: 1, max: 1 }, length)],
  ['concat', defineFunction('concat', { min: 0 }, concat)],
  ['flatten', defineFunction('flatten', { min: 1, max: 1 }, flatten)],
  ['element', defineFunction('element', { min: 2, max: 2 }, element)],
  ['index', defineFunction('index', { min: 2, max: 2 }, indexFn)],
  ['contains', defineFunction('contains', { min: 2, max: 2 }, contains)],
  ['lookup', defineFunction('lookup', { min: 2, max: 3 }, lookup)],
  ['merge', defineFunction('merge', { min: 0 }, merge)],
  ['keys', defineFunction('keys', { min: 1, max: 1 }, sortedKeys)],
  ['values', defineFunction('values', { min: 1, max: 1 }, values)],
  ['zipmap', defineFunction('zipmap', { min: 2, max: 2 }, zipmap)],
  ['coalesce', defineFunction('coalesce', { min: 0 }, coalesce)],
  ['coalescelist', defineFunction('coalescelist', { min: 0 }, coalescelist)],
  ['compact', defineFunction('compact', { min: 1, max: 1 }, compact)],
  ['slice', defineFunction('slice', { min: 3, max: 3 }, slice)],
  ['range', defineFunction('range', { min: 1, max: 3 }, range)],
  ['one', defineFunction('one', { min: 1, max: 1 }, one)],
  ['sort', defineFunction('sort', { min: 1, max: 1 }, sort)],
  ['reverse', defineFunction('reverse', { min: 1, max: 1 }, (call) => [...list(call, 'list', arg(call, 0))].reverse())],
  ['chunklist', defineFunction('chunklist', { min: 2, max: 2 }, chunklist)],
  ['matchkeys', defineFunction('matchkeys', { min: 3, max: 3 }, matchkeys)],
  ['transpose', defineFunction('transpose', { min: 1, max: 1 }, transpose)],
  ['alltrue', defineFunction('alltrue', { min: 1, max: 1 }, alltrue)],
  ['anytrue', defineFunction('anytrue', { min: 1, max: 1 }, anytrue)],
]);
