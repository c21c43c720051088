// Numeric functions: abs, ceil, floor, signum, pow, log, min, max, sum, parseint. Strings holding decimal
// numbers are converted as Terraform does ("3" → 3).

import type { TfValue } from '../value';
import { isPending, snapNumber } from '../valueOps';
import { type Call, arg, bailUnknown, callFailed, defineFunction, index, invalidParam, list, num, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

function unaryNumber(name: string, fn: (n: number) => number): readonly [string, TfFunction] {
  return [name, defineFunction(name, { min: 1, max: 1 }, (call) => snapNumber(fn(num(call, 'num', arg(call, 0)))))];
}

function extreme(name: string, pick: (a: number, b: number) => number): readonly [string, TfFunction] {
  return [
    name,
    defineFunction(name, { min: 0 }, (call) => {
      if (call.args.length === 0) return callFailed(call, 'must pass at least one number');
      return call.args.map((a) => num(call, 'numbers', a)).reduce((a, b) => pick(a, b));
    }),
  ];
}

function sum(call: Call): TfFunctionResult {
  const v = arg(call, 0);
  const items = list(call, 'list', v);
  if (items.length === 0) return callFailed(call, 'cannot sum an empty list');
  let total = 0;
  items.forEach((item: TfValue, i) => {
    if (isPending(item)) bailUnknown(call, `element ${i}`, item);
    if (item === null) invalidParam('list', 'argument must be list, set, or tuple of number values');
    total += num(call, 'list', item);
  });
  return snapNumber(total);
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** parseint: Go's strconv.ParseInt digits; bases above 36 use upper-case letters as further digits. */
function parseint(call: Call): TfFunctionResult {
  const text = str(call, 'number', arg(call, 0));
  const base = index(call, 'base', arg(call, 1));
  if (base < 2 || base > 62) return invalidParam('base', 'base must be a whole number between 2 and 62 inclusive');
  const negative = text.startsWith('-');
  const body = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  let value = 0n;
  for (const ch of body) {
    const d = base <= 36 ? DIGITS.indexOf(ch.toLowerCase()) : DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return invalidParam('number', `cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
    value = value * BigInt(base) + BigInt(d);
  }
  if (body === '') return invalidParam('number', `cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
  return Number(negative ? -value : value);
}

export const numericFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  unaryNumber('abs', Math.abs),
  // `+ 0` turns ceil(-0.5)'s -0 into the 0 Terraform prints.
  unaryNumber('ceil', (n) => Math.ceil(n) + 0),
  unaryNumber('floor', (n) => Math.floor(n) + 0),
  // Terraform's signum reads its argument as an integer: signum(-0.1) is an error, not -1.
  ['signum', defineFunction('signum', { min: 1, max: 1 }, (call) => Math.sign(index(call, 'num', arg(call, 0))))],
  extreme('min', Math.min),
  extreme('max', Math.max),
  ['pow', defineFunction('pow', { min: 2, max: 2 }, (call) => snapNumber(num(call, 'num', arg(call, 0)) ** num(call, 'power', arg(call, 1))))],
  ['log', defineFunction('log', { min: 2, max: 2 }, (call) => snapNumber(Math.log(num(call, 'num', arg(call, 0))) / Math.log(num(call, 'base', arg(call, 1)))))],
  ['sum', defineFunction('sum', { min: 1, max: 1 }, sum)],
  ['parseint', defineFunction('parseint', { min: 2, max: 2 }, parseint)],
]);
