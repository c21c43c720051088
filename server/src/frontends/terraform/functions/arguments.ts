// Argument checking shared by the built-in functions. A check that fails "bails out" with the call's result
// (an error with Terraform's wording, or an unknown saying which argument is unknown); `defineFunction` turns
// the bail-out back into a returned value, so no exception ever leaves the library.

import { type TfObject, type TfValue, isTfObject } from '../value';
import { type Pending, findPending, isPending, typeName, toBoolValue, toNumberValue, toStringValue, unknownBecause } from '../valueOps';
import { type TfFunction, type TfFunctionResult, isFunctionError, tfError } from './result';

/** Internal control flow only: never escapes `defineFunction`. */
class Bail extends Error {
  constructor(readonly result: TfFunctionResult) {
    super('bail');
  }
}

/** The call being evaluated: its name and arguments, for messages and for the refs kept by unknown results. */
export interface Call {
  readonly name: string;
  readonly args: readonly TfValue[];
}

export function bail(result: TfFunctionResult): never {
  throw new Bail(result);
}

export function fail(message: string): never {
  throw new Bail(tfError(message));
}

/** Bails out with "<fn>: <what> is unknown because …", keeping the refs of every argument. */
export function bailUnknown(call: Call, what: string, cause: Pending): never {
  throw new Bail(unknownBecause(`${call.name}: ${what} is unknown`, cause, call.args));
}

/** Terraform's message for a failure inside a function: 'Call to function "f" failed: <message>.' */
export function callFailed(call: Call, message: string): never {
  fail(`Call to function "${call.name}" failed: ${message}.`);
}

export function invalidParam(param: string, message: string): never {
  fail(`Invalid value for "${param}" parameter: ${message}.`);
}

export interface Signature {
  readonly min: number;
  /** Omitted: variadic. */
  readonly max?: number;
}

export function defineFunction(name: string, signature: Signature, impl: (call: Call) => TfFunctionResult): TfFunction {
  return (args) => {
    if (args.length < signature.min) return tfError(`Not enough function arguments: function "${name}" expects at least ${signature.min} argument(s).`);
    if (signature.max !== undefined && args.length > signature.max) {
      return tfError(`Too many function arguments: function "${name}" expects at most ${signature.max} argument(s).`);
    }
    try {
      return impl({ name, args });
    } catch (e) {
      if (e instanceof Bail) return e.result;
      if (e instanceof RangeError) return tfError(`Call to function "${name}" failed: ${e.message}.`);
      throw e;
    }
  };
}

export function arg(call: Call, index: number): TfValue {
  return call.args[index] ?? null;
}

function known(call: Call, param: string, v: TfValue): Exclude<TfValue, Pending> {
  if (isPending(v)) bailUnknown(call, param, v);
  return v;
}

export function requireNotNull(param: string, v: TfValue): void {
  if (v === null) invalidParam(param, 'argument must not be null');
}

export function str(call: Call, param: string, v: TfValue): string {
  requireNotNull(param, v);
  const r = toStringValue(known(call, param, v));
  if (typeof r === 'string') return r;
  return invalidParam(param, 'string required');
}

export function num(call: Call, param: string, v: TfValue): number {
  requireNotNull(param, v);
  const r = toNumberValue(known(call, param, v));
  if (typeof r === 'number') return r;
  if (isFunctionError(r) && typeof v === 'string') return invalidParam(param, r.message);
  return invalidParam(param, 'number required');
}

export function int(call: Call, param: string, v: TfValue): number {
  const n = num(call, param, v);
  if (!Number.isInteger(n)) callFailed(call, 'value must be a whole number');
  return n;
}

export function bool(call: Call, param: string, v: TfValue): boolean {
  requireNotNull(param, v);
  const r = toBoolValue(known(call, param, v));
  if (typeof r === 'boolean') return r;
  if (isFunctionError(r) && typeof v === 'string') return invalidParam(param, r.message);
  return invalidParam(param, 'bool required');
}

/** A list/tuple/set argument; its elements may still be unknown or refs. */
export function list(call: Call, param: string, v: TfValue): readonly TfValue[] {
  requireNotNull(param, v);
  const k = known(call, param, v);
  if (Array.isArray(k)) return k as readonly TfValue[];
  return invalidParam(param, `list of any single type required, got ${typeName(k)}`);
}

/** A map/object argument; its values may still be unknown or refs. */
export function object(call: Call, param: string, v: TfValue): TfObject {
  requireNotNull(param, v);
  const k = known(call, param, v);
  if (k !== null && isTfObject(k)) return k;
  return invalidParam(param, 'must have map or object type');
}

/** Bails out with an unknown result when anything inside `v` is unknown or a ref. */
export function requireWhollyKnown(call: Call, what: string, v: TfValue): void {
  const pending = findPending(v);
  if (pending !== undefined) bailUnknown(call, what, pending);
}

/** A list of strings with every element known (numbers and bools converted as Terraform does). */
export function stringList(call: Call, param: string, v: TfValue): string[] {
  return list(call, param, v).map((item, i) => {
    if (item === null) invalidParam(param, `element ${i} is null`);
    return str(call, `${param} element ${i}`, item);
  });
}

/** A whole number small enough for array work (slice bounds, counts). */
export function index(call: Call, param: string, v: TfValue): number {
  const n = int(call, param, v);
  if (!Number.isSafeInteger(n)) invalidParam(param, 'number out of range');
  return n;
}
