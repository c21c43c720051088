// Set functions: distinct, setunion, setintersection, setsubtract, setproduct. Results follow Terraform's set order (see
// setElements); an unknown or ref element makes the result unknown, since it may equal another element (except
// in distinct(), which keeps list order and so stays known when refs are decidably different).

import type { TfValue } from '../value';
import { findPending, tfEquals } from '../valueOps';
import { type Call, arg, bailUnknown, defineFunction, invalidParam, list } from './arguments';
import { dedupe, setElements, toSetOf, unifyElements, valueKey } from './conversion';
import { markSet } from '../setMarks';
import type { TfFunction } from './result';

/** The most elements setproduct() builds (its result is the product of its arguments' sizes). */
const MAX_PRODUCT = 100_000;

/**
 * distinct() over elements that include refs: still known when every comparison is decided, e.g. the ids of
 * different subnets (see tfEquals). Pairwise, so only for the short lists such arguments are.
 */
function distinctWithRefs(call: Call, items: readonly TfValue[]): TfValue[] {
  const kept: TfValue[] = [];
  for (const item of items) {
    let duplicate = false;
    for (const other of kept) {
      const eq = tfEquals(other, item);
      if (typeof eq !== 'boolean') return bailUnknown(call, 'an element of the list', findPending(item) ?? findPending(other) ?? eq);
      if (eq) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) kept.push(item);
  }
  return kept;
}

export const setFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  [
    'distinct',
    defineFunction('distinct', { min: 1, max: 1 }, (call) => {
      const items = list(call, 'list', arg(call, 0));
      if (items.every((item) => findPending(item) === undefined)) {
        return dedupe(unifyElements(items) ?? invalidParam('list', 'all elements must have the same type'));
      }
      return distinctWithRefs(call, items);
    }),
  ],
  [
    'setunion',
    defineFunction('setunion', { min: 1 }, (call) => {
      const all = call.args.flatMap((a, i) => toSetOf(call, `set ${i + 1}`, a));
      return setElements(unifyElements(all) ?? invalidParam('sets', 'all elements must have the same type'));
    }),
  ],
  [
    'setintersection',
    defineFunction('setintersection', { min: 1 }, (call) => {
      const sets = call.args.map((a, i) => toSetOf(call, `set ${i + 1}`, a));
      const [first = [], ...rest] = sets;
      const restKeys = rest.map((s) => new Set(s.map(valueKey)));
      return markSet(first.filter((v) => restKeys.every((keys) => keys.has(valueKey(v)))));
    }),
  ],
  [
    // Every combination, first argument outermost (`setproduct(["app", "data"], ["a", "b"])` → app/a, app/b,
    // data/a, data/b), as Terraform returns it for lists; the elements are only placed, never compared.
    'setproduct',
    defineFunction('setproduct', { min: 2 }, (call): TfValue => {
      const sets = call.args.map((_, i) => list(call, `set ${i + 1}`, arg(call, i)));
      // The product grows as the sizes multiply: three ranges of 1,000 would be a billion elements.
      const size = sets.reduce((n, items) => n * items.length, 1);
      if (size > MAX_PRODUCT) return { unknown: true, reason: `setproduct() would have ${size} elements: over ${MAX_PRODUCT}, too many to evaluate` };
      let product: TfValue[][] = [[]];
      for (const items of sets) product = product.flatMap((prefix) => items.map((item) => [...prefix, item]));
      return product;
    }),
  ],
  [
    'setsubtract',
    defineFunction('setsubtract', { min: 2, max: 2 }, (call) => {
      const a = toSetOf(call, 'a', arg(call, 0));
      const remove = new Set(toSetOf(call, 'b', arg(call, 1)).map(valueKey));
      return markSet(a.filter((v) => !remove.has(valueKey(v))));
    }),
  ],
]);
