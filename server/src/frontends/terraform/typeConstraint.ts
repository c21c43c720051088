// Input variable type constraints (`type = object({ cidr = string, nat = optional(bool, true) })`) and the
// conversions Terraform applies to a variable's value: "443" → 443 for number, "true" → true for bool, lists
// to sets (sorted, deduplicated), object attributes left out filled with optional() defaults or null.
// A value that cannot be converted is kept as it is (the evaluator reports misuse where it is used).

import type { HclExpr } from '../../syntax/hcl/ast';
import { isFunctionError } from './functions/result';
import { setElements } from './functions/conversion';
import { isTfList, isTfObject, type TfValue } from './value';
import { findPending, isPending, sortedObject, toBoolValue, toNumberValue, toStringValue } from './valueOps';

export interface TfObjectAttribute {
  readonly type: TfType;
  readonly optional: boolean;
  /** optional(type, default): the default's expression, evaluated when the attribute is left out. */
  readonly defaultExpr: HclExpr | undefined;
}

export type TfType =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: TfType }
  | { readonly kind: 'tuple'; readonly elements: readonly TfType[] }
  | { readonly kind: 'object'; readonly attributes: ReadonlyMap<string, TfObjectAttribute> };

const ANY: TfType = { kind: 'any' };

function keyName(e: HclExpr): string | undefined {
  if (e.kind === 'variable') return e.name;
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  if (e.kind === 'template' && e.parts.length === 1 && e.parts[0]?.kind === 'string') return e.parts[0].value;
  if (e.kind === 'template' && e.parts.length === 0) return '';
  return undefined;
}

/** The type an expression of a `type` argument denotes; anything not understood is `any` (no conversion). */
export function parseType(e: HclExpr | undefined): TfType {
  if (!e) return ANY;
  if (e.kind === 'paren') return parseType(e.inner);
  if (e.kind === 'variable') {
    switch (e.name) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { kind: e.name };
      default:
        return ANY;
    }
  }
  if (e.kind !== 'call') return ANY;
  const first = e.args[0];
  switch (e.name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: e.name, element: parseType(first) };
    case 'tuple':
      return first?.kind === 'tuple' ? { kind: 'tuple', elements: first.items.map(parseType) } : ANY;
    case 'object': {
      if (first?.kind !== 'object') return ANY;
      const attributes = new Map<string, TfObjectAttribute>();
      for (const item of first.items) {
        const name = keyName(item.key);
        if (name === undefined) return ANY;
        const v = item.value;
        if (v.kind === 'call' && v.name === 'optional') attributes.set(name, { type: parseType(v.args[0]), optional: true, defaultExpr: v.args[1] });
        else attributes.set(name, { type: parseType(v), optional: false, defaultExpr: undefined });
      }
      return { kind: 'object', attributes };
    }
    default:
      return ANY;
  }
}

/** Whether converting to this type could change a value (`any` and unknown types never do). */
export function converts(t: TfType): boolean {
  return t.kind !== 'any';
}

/**
 * The value converted to the type as Terraform converts variable values. `evalDefault` evaluates an
 * optional() default (constant expressions). Unknowns and references stay as they are.
 */
export function convertToType(v: TfValue, t: TfType, evalDefault: (e: HclExpr) => TfValue): TfValue {
  if (v === null || t.kind === 'any') return v;
  if (isPending(v)) return v;
  switch (t.kind) {
    case 'string': {
      const s = toStringValue(v);
      return isFunctionError(s) || s === null ? v : s;
    }
    case 'number': {
      const n = toNumberValue(v);
      return isFunctionError(n) || n === null ? v : n;
    }
    case 'bool': {
      const b = toBoolValue(v);
      return isFunctionError(b) || b === null ? v : b;
    }
    case 'list':
    case 'set': {
      if (!isTfList(v)) return v;
      const items = v.map((x) => convertToType(x, t.element, evalDefault));
      // A set orders and deduplicates its elements; with unknown elements the order is not known, keep it.
      return t.kind === 'set' && findPending(items) === undefined ? setElements(items) : items;
    }
    case 'tuple': {
      if (!isTfList(v) || v.length !== t.elements.length) return v;
      return v.map((x, i) => convertToType(x, t.elements[i] ?? ANY, evalDefault));
    }
    case 'map': {
      if (!isTfObject(v)) return v;
      return sortedObject([...v.fields].map(([k, x]) => [k, convertToType(x, t.element, evalDefault)] as const));
    }
    case 'object': {
      if (!isTfObject(v)) return v;
      // Attributes the type does not declare are dropped; optional ones left out get their default or null.
      const entries: [string, TfValue][] = [];
      for (const [name, attr] of t.attributes) {
        const given = v.fields.get(name);
        if (given !== undefined && given !== null) entries.push([name, convertToType(given, attr.type, evalDefault)]);
        else if (attr.optional && attr.defaultExpr) entries.push([name, convertToType(evalDefault(attr.defaultExpr), attr.type, evalDefault)]);
        else if (given === null || attr.optional) entries.push([name, null]);
        else return v;
      }
      return sortedObject(entries);
    }
  }
}
