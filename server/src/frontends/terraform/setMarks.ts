// Which list values stand for Terraform sets. Values carry no set type here (a set is its elements as a sorted
// list, functions/conversion.ts setElements), yet a `for` expression over a set binds its key to the element,
// not to an index: `{ for k, v in toset(var.azs) : k => v }` is keyed by the AZ names.

import type { TfValue } from './value';

const sets = new WeakSet<readonly TfValue[]>();

/** Marks a list built as a set (toset, setunion, set(…) type conversion…) and returns it. */
export function markSet<T extends readonly TfValue[]>(elements: T): T {
  sets.add(elements);
  return elements;
}

/** Whether a list value is a set (iterated with each element as its own key). */
export function isSetValue(v: readonly TfValue[]): boolean {
  return sets.has(v);
}
