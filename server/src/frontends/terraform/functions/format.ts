// format and formatlist with cty's verbs: %v %#v %t %s %q %d %b %o %x %X %e %E %f %g %G and %%, flags
// (- + # 0 space), width, precision and explicit argument indexes (%[2]s). Numbers follow Go's big.Float
// formatting (ties to even, two-digit exponents, %v as shortest %g).

import type { TfValue } from '../value';
import { findPending, formatNumber, isPending, toBoolValue, toNumberValue, toStringValue, unknownBecause } from '../valueOps';
import { type Call, arg, bail, bailUnknown, callFailed, defineFunction, invalidParam, list, str } from './arguments';
import { graphemes } from './collections';
import { jsonEncode } from './encoding';
import { type TfFunction, type TfFunctionResult, isFunctionError } from './result';

interface Spec {
  readonly minus: boolean;
  readonly plus: boolean;
  readonly sharp: boolean;
  readonly zero: boolean;
  readonly space: boolean;
  readonly width: number | undefined;
  readonly precision: number | undefined;
  readonly verb: string;
  readonly text: string;
  readonly offset: number;
}

const SPEC = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?(?:\[(\d+)\])?([a-zA-Z%])?/y;

/** Formats `fmt` with `args`; bails out with Terraform's errors, or unknown when a used argument is unknown. */
export function formatString(call: Call, fmt: string, args: readonly TfValue[]): string {
  let out = '';
  let next = 0;
  let used = 0;
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(fmt);
    const verb = m?.[6];
    if (m === null || verb === undefined) return callFailed(call, `invalid format string starting at offset ${pct}`);
    i = pct + m[0].length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const flags = m[1] ?? '';
    const explicit = m[2] ?? m[5];
    if (explicit !== undefined) next = Number(explicit) - 1;
    const spec: Spec = {
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      sharp: flags.includes('#'),
      zero: flags.includes('0'),
      space: flags.includes(' '),
      width: m[3] === undefined ? undefined : Number(m[3]),
      precision: m[4] === undefined ? undefined : Number(m[4] === '' ? 0 : m[4]),
      verb,
      text: m[0],
      offset: pct,
    };
    if (next >= args.length) {
      return callFailed(call, `not enough arguments for "${spec.text}" at ${pct}: need index ${next + 1} but have ${args.length} total`);
    }
    const value = args[next] ?? null;
    next++;
    used = Math.max(used, next);
    out += formatOne(call, spec, value, next);
  }
  if (used < args.length) invalidParam('args', `too many arguments; only ${used} used by format string`);
  return out;
}

function formatOne(call: Call, spec: Spec, value: TfValue, position: number): string {
  const pending = findPending(value);
  if (pending !== undefined) bailUnknown(call, `argument ${position}`, pending);
  // Terraform leaves a format with a null argument unknown rather than printing "null".
  if (value === null) bail({ unknown: true, reason: `${call.name}: argument ${position} is null, which Terraform leaves unknown` });
  const unsupported = (what: string): never => callFailed(call, `unsupported value for "${spec.text}" at ${spec.offset}: ${what}`);
  switch (spec.verb) {
    case 'v':
      if (spec.sharp) return pad(spec, jsonOf(value));
      if (typeof value === 'number') return pad(spec, formatG(value, undefined));
      if (typeof value === 'object') return pad(spec, jsonOf(value));
      return pad(spec, stringOf(value) ?? unsupported('string required'));
    case 't': {
      const b = toBoolValue(value);
      return pad(spec, typeof b === 'boolean' ? String(b) : unsupported('a bool is required'));
    }
    case 's': {
      const s = stringOf(value) ?? unsupported('string required');
      return pad(spec, spec.precision === undefined ? s : graphemes(s).slice(0, spec.precision).join(''));
    }
    case 'q':
      return pad(spec, jsonOf(stringOf(value) ?? unsupported('string required')));
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const n = numberOf(value) ?? unsupported('a number is required');
      if (!Number.isInteger(n)) return unsupported('an integer is required');
      return padNumber(spec, n < 0, integerDigits(spec, Math.abs(n)));
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = numberOf(value) ?? unsupported('a number is required');
      return padNumber(spec, n < 0 || Object.is(n, -0), floatDigits(spec, Math.abs(n)));
    }
    default:
      return callFailed(call, `unsupported format verb '${spec.verb}' in "${spec.text}" at offset ${spec.offset}`);
  }
}

function jsonOf(value: TfValue): string {
  const r = jsonEncode(value);
  return typeof r === 'string' ? r : 'null';
}

function stringOf(value: TfValue): string | undefined {
  const s = toStringValue(value);
  return typeof s === 'string' ? s : undefined;
}

function numberOf(value: TfValue): number | undefined {
  const n = toNumberValue(value);
  return typeof n === 'number' && !isFunctionError(n) ? n : undefined;
}

function integerDigits(spec: Spec, n: number): string {
  const big = BigInt(n);
  switch (spec.verb) {
    case 'b':
      return big.toString(2);
    case 'o':
      return (spec.sharp ? '0' : '') + big.toString(8);
    case 'x':
      return (spec.sharp ? '0x' : '') + big.toString(16);
    case 'X':
      return (spec.sharp ? '0X' : '') + big.toString(16).toUpperCase();
    default:
      return big.toString(10);
  }
}

function floatDigits(spec: Spec, n: number): string {
  const upper = spec.verb === 'E' || spec.verb === 'G';
  let text: string;
  if (spec.verb === 'f' || spec.verb === 'F') text = toFixedEven(n, spec.precision ?? 6);
  else if (spec.verb === 'e' || spec.verb === 'E') text = formatE(n, spec.precision ?? 6);
  else text = formatG(n, spec.precision);
  return upper ? text.toUpperCase() : text;
}

/** Fixed notation with Go's round-half-to-even on exact ties (JavaScript's toFixed rounds ties up). */
export function toFixedEven(n: number, precision: number): string {
  const p = Math.min(precision, 100);
  if (n >= 1e21) return `${formatNumber(n)}${p > 0 ? `.${'0'.repeat(p)}` : ''}`;
  const rounded = n.toFixed(p);
  if (p + 25 > 100) return rounded;
  const exact = n.toFixed(p + 25);
  const tail = exact.slice(exact.length - 25);
  if (!/^50*$/.test(tail)) return rounded;
  const truncated = exact.slice(0, exact.length - 25 - (p === 0 ? 1 : 0));
  const lastDigit = Number(truncated[truncated.length - 1]);
  return lastDigit % 2 === 0 ? truncated : rounded;
}

function exponentSuffix(exp: number): string {
  const abs = Math.abs(exp);
  return `e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function formatE(n: number, precision: number): string {
  const [mantissa = '0', exp = '0'] = n.toExponential(Math.min(precision, 100)).split('e');
  return mantissa + exponentSuffix(Number(exp));
}

/** Go's %g: shortest digits (or `precision` significant ones), exponent form when exp < -4 or exp >= eprec. */
export function formatG(n: number, precision: number | undefined): string {
  if (n === 0) return '0';
  const shortest = precision === undefined;
  const [m = '0', expText = '0'] = (shortest ? n.toExponential() : n.toExponential(Math.max(0, Math.min(precision, 101) - 1))).split('e');
  const digits = m.replace('-', '').replace('.', '').replace(/0+$/, '') || '0';
  const exp = Number(expText);
  let eprec = precision ?? 6;
  if (eprec > digits.length && digits.length >= exp + 1) eprec = digits.length;
  if (shortest) eprec = 6;
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= eprec) {
    return `${sign}${digits[0] ?? '0'}${digits.length > 1 ? `.${digits.slice(1)}` : ''}${exponentSuffix(exp)}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}${frac === '' ? '' : `.${frac}`}`;
}

function padNumber(spec: Spec, negative: boolean, digits: string): string {
  const sign = negative ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const width = spec.width ?? 0;
  if (spec.zero && !spec.minus && sign.length + digits.length < width) {
    return sign + digits.padStart(width - sign.length, '0');
  }
  return pad(spec, sign + digits);
}

function pad(spec: Spec, s: string): string {
  const width = spec.width ?? 0;
  const length = graphemes(s).length;
  if (length >= width) return s;
  const fill = (spec.zero && !spec.minus ? '0' : ' ').repeat(width - length);
  return spec.minus ? s + fill : fill + s;
}

function format(call: Call): TfFunctionResult {
  const fmt = str(call, 'format', arg(call, 0));
  return formatString(call, fmt, call.args.slice(1));
}

function formatlist(call: Call): TfFunctionResult {
  const fmt = str(call, 'format', arg(call, 0));
  const rest = call.args.slice(1);
  let rows = -1;
  let firstList = 0;
  rest.forEach((a, i) => {
    if (isPending(a) && !Array.isArray(a)) {
      // An unknown argument may be a list, which would decide the number of results.
      bail(unknownBecause(`${call.name}: argument ${i + 2} is unknown`, a, call.args));
    }
    if (!Array.isArray(a)) return;
    const n = list(call, 'args', a).length;
    if (rows < 0) {
      rows = n;
      firstList = i + 2;
    } else if (n !== rows) {
      callFailed(call, `argument ${i + 2} has length ${n}, which is inconsistent with argument ${firstList} of length ${rows}`);
    }
  });
  if (rows < 0) rows = 1;
  const out: TfValue[] = [];
  for (let r = 0; r < rows; r++) {
    const rowArgs = rest.map((a) => (Array.isArray(a) ? ((a as readonly TfValue[])[r] ?? null) : a));
    out.push(formatString(call, fmt, rowArgs));
  }
  return out;
}

export const formatFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['format', defineFunction('format', { min: 1 }, format)],
  ['formatlist', defineFunction('formatlist', { min: 1 }, formatlist)],
]);
