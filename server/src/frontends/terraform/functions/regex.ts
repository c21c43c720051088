// regex, regexall and the RE2 → JavaScript pattern translation also used by replace("/re/"). Go's RE2 and
// JavaScript agree on most syntax; the translation covers (?P<name>), (?<name>), leading (?ims) flags, \A, \z,
// \pL, \x{hex}, \Q…\E and [[:class:]] / [[:^class:]]. What JavaScript cannot express but RE2 accepts (scoped
// flag groups such as (?i:…), (?U)) makes the result unknown, never an error that try()/can() would act on.

import { isTfUnknown, type TfUnknown, type TfValue } from '../value';
import { sortedObject, unknownBecause } from '../valueOps';
import { type Call, arg, callFailed, defineFunction, invalidParam, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

/** RE2's ASCII classes as code point ranges (so [[:^class:]] can be written as the complement). */
const POSIX_CLASSES: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

const hex = (n: number): string => `\\u{${n.toString(16)}}`;

/** Class-body text for the ranges, or for their complement over all code points (needs the u flag). */
function classRanges(ranges: readonly (readonly [number, number])[], negated: boolean): string {
  let list = ranges;
  if (negated) {
    const out: [number, number][] = [];
    let next = 0;
    for (const [lo, hi] of ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    out.push([next, 0x10ffff]);
    list = out;
  }
  return list.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

interface Translation {
  readonly source: string;
  readonly flags: string;
  readonly needsUnicode: boolean;
}

/** Valid RE2 that JavaScript cannot express: the caller's result is unknown rather than an error. */
export interface Untranslatable {
  readonly untranslatable: string;
}

/** Translates an RE2 pattern to a JavaScript one, or returns why it cannot (an RE2 error, or untranslatable). */
export function translateRe2(pattern: string): Translation | Untranslatable | string {
  let i = 0;
  let flags = '';
  for (let m = /^\(\?([imsU]+)\)/.exec(pattern); m !== null; m = /^\(\?([imsU]+)\)/.exec(pattern.slice(i))) {
    if (m[1]?.includes('U')) return { untranslatable: 'the (?U) flag' };
    for (const f of m[1] ?? '') if (!flags.includes(f)) flags += f;
    i += m[0].length;
  }
  let out = '';
  let inClass = false;
  let needsUnicode = false;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) return 'trailing backslash at end of expression';
      if (d === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (d === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (d === 'C') return { untranslatable: '\\C' };
      else if (d === 'x' && pattern[i + 2] === '{') {
        // RE2's \x{10FFFF} is JavaScript's \u{10FFFF} (unicode mode).
        const close = pattern.indexOf('}', i + 2);
        if (close < 0) return `invalid escape sequence: ${pattern.slice(i)}`;
        needsUnicode = true;
        out += `\\u{${pattern.slice(i + 3, close)}}`;
        i = close + 1;
        continue;
      }
      else if (d === 'p' || d === 'P') {
        needsUnicode = true;
        if (pattern[i + 2] === '{') {
          const close = pattern.indexOf('}', i + 2);
          if (close < 0) return `invalid character class range: ${pattern.slice(i)}`;
          out += pattern.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        out += `\\${d}{${pattern[i + 2] ?? ''}}`;
        i += 3;
        continue;
      } else if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end < 0 ? pattern.length : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? pattern.length : end + 2;
        continue;
      } else out += `\\${d}`;
      i += 2;
    } else if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix !== null) {
        const ranges = POSIX_CLASSES[posix[2] ?? ''];
        if (ranges === undefined) return `invalid character class range: ${posix[0]}`;
        out += classRanges(ranges, posix[1] === '^');
        needsUnicode = true;
        i += posix[0].length;
        continue;
      }
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      i++;
    } else if (c === '[') {
      inClass = true;
      out += '[';
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      // RE2 (like POSIX) takes a ']' right after '[' literally; JavaScript would read an empty class.
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
    } else if (pattern.startsWith('(?P<', i)) {
      out += '(?<';
      i += 4;
    } else if (pattern.startsWith('(?<', i) && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
      // Go 1.22's RE2 also accepts (?<name>…), which JavaScript writes the same way (lookbehinds are not RE2).
      out += '(?<';
      i += 3;
    } else if (/^\(\?[ims]+\)/.test(pattern.slice(i)) && /^(\^|\(\?<!\[\\s\\S\]\))*$/.test(out)) {
      // A flag group after nothing but anchors applies to the whole match: hoist it into the flags.
      const close = pattern.indexOf(')', i);
      for (const f of pattern.slice(i + 2, close)) if (!flags.includes(f)) flags += f;
      i = close + 1;
    } else if (/^\(\?[imsU-]+[:)]/.test(pattern.slice(i))) {
      // A scoped or mid-pattern flag group: valid RE2, but JavaScript (Node 20) has no inline modifiers.
      return { untranslatable: `the flag group ${/^\(\?[imsU-]+[:)]/.exec(pattern.slice(i))?.[0] ?? '(?'}…` };
    } else if (pattern.startsWith('(?', i) && !pattern.startsWith('(?:', i)) {
      return `unsupported group syntax at ${pattern.slice(i, i + 4)}…`;
    } else {
      out += c;
      i++;
    }
  }
  return { source: out, flags, needsUnicode };
}

/**
 * Whether a (translated) pattern repeats, without bound, a group that holds a repetition or an alternation
 * (`(a+)+`, `(a|aa)*`): JavaScript's backtracking matcher can take exponential time on those, RE2 never does.
 */
function nestedRepetition(source: string): boolean {
  // Per open group: whether it holds a repetition or an alternation.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const risky = groups.pop() ?? false;
      const next = source[i + 1];
      const repeated = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1, i + 12)));
      if (risky && repeated) return true;
      if (groups.length > 0 && (risky || repeated)) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '|') && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}

/** A JavaScript RegExp for an RE2 pattern, the error message Terraform-style, or an unknown (untranslatable). */
export function compileRe2(pattern: string, extraFlags: string): RegExp | string | TfUnknown {
  const t = translateRe2(pattern);
  if (typeof t === 'string') return `invalid regexp pattern: ${t}`;
  if ('untranslatable' in t) return { unknown: true, reason: `the regular expression uses ${t.untranslatable}, which Hyperplane Lens does not evaluate` };
  if (nestedRepetition(t.source)) {
    return { unknown: true, reason: 'the regular expression repeats a group that itself repeats or alternates, which JavaScript could take exponential time to match (Terraform uses RE2); Hyperplane Lens does not evaluate it' };
  }
  try {
    return new RegExp(t.source, `${t.flags}${extraFlags}u`);
  } catch (e) {
    // Unicode mode rejects escapes RE2 allows (\", \@); retry without it unless \p{…} needs it.
    if (!t.needsUnicode) {
      try {
        return new RegExp(t.source, `${t.flags}${extraFlags}`);
      } catch {
        // fall through to the error below
      }
    }
    return `invalid regexp pattern: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. `match` is String.replace's callback arguments. */
export function expandReplacement(template: string, match: readonly unknown[]): string {
  const last = match[match.length - 1];
  const hasNamed = typeof last === 'object' && last !== null;
  const groups = hasNamed ? (last as Record<string, string | undefined>) : {};
  // The callback receives (match, p1…pn, offset, input[, groups]).
  const groupCount = match.length - (hasNamed ? 4 : 3);
  const numbered = (n: number): string => {
    const v = n <= groupCount ? match[n] : undefined;
    return typeof v === 'string' ? v : '';
  };
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, _all: string, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    if (/^[0-9]+$/.test(name)) return numbered(Number(name));
    return groups[name] ?? '';
  });
}

function captures(re: RegExp, m: RegExpExecArray, call: Call): TfValue {
  const names = Object.keys(m.groups ?? {});
  const groupCount = m.length - 1;
  if (groupCount === 0) return m[0];
  if (names.length > 0) {
    if (names.length !== groupCount) return callFailed(call, `pattern ${re.source} mixes named and unnamed capture groups`);
    return sortedObject(names.map((n) => [n, m.groups?.[n] ?? null] as const));
  }
  return m.slice(1).map((g) => g ?? null);
}

/**
 * The matches Go's FindAll would report: JavaScript also reports an empty match right where the previous match
 * ended ("aaa" with a* gives "aaa" then "" at 3), which Go skips.
 */
export function goMatches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  for (const m of s.matchAll(re)) {
    const end = m.index + m[0].length;
    if (!(m[0].length === 0 && m.index === prevEnd)) out.push(m);
    prevEnd = end;
  }
  return out;
}

function compiled(call: Call, flags: string): { re: RegExp; s: string } | TfUnknown {
  const pattern = str(call, 'pattern', arg(call, 0));
  const s = str(call, 'string', arg(call, 1));
  const re = compileRe2(pattern, flags);
  if (typeof re === 'string') return invalidParam('pattern', re);
  if (!(re instanceof RegExp)) return re;
  return { re, s };
}

function regex(call: Call): TfFunctionResult {
  const c = compiled(call, '');
  if (!('re' in c)) return c;
  const { re, s } = c;
  const m = re.exec(s);
  if (m === null) return callFailed(call, 'pattern did not match any part of the given string');
  return captures(re, m, call);
}

/**
 * Availability Zone names of every shape AWS uses (commercial, GovCloud, China, ISO, Local Zones): what an
 * element of `data.aws_availability_zones.x.names` may be, and zone ids for `.zone_ids`.
 */
const AZ_NAME_SHAPES = ['us-east-1a', 'eu-west-1b', 'ap-southeast-2c', 'ap-northeast-1d', 'sa-east-1a', 'ca-central-1b', 'me-south-1a', 'af-south-1c', 'il-central-1a', 'mx-central-1b', 'eu-central-2a', 'us-gov-west-1a', 'cn-north-1a', 'us-iso-east-1a', 'us-west-2-lax-1a'];
const AZ_ID_SHAPES = ['use1-az1', 'euw1-az2', 'apse2-az3', 'apne1-az4', 'sae1-az1', 'cac1-az2', 'usgw1-az1', 'cnn1-az1', 'usw2-lax1-az1'];

/**
 * `regexall(pattern, az)` on an AZ the Region picks at plan time: when the pattern matches every possible AZ
 * name (or zone id) the same number of times, that many matches, each unknown. terraform-aws-modules/vpc tells
 * names from ids with `length(regexall("^[a-z]{2}-", az)) > 0`, which then decides where its subnets go.
 */
function regexallOnAz(call: Call): TfFunctionResult | undefined {
  const s = arg(call, 1);
  const pattern = arg(call, 0);
  if (!isTfUnknown(s) || typeof pattern !== 'string' || s.symbol === undefined) return undefined;
  const element = /^az-list:.*\[\d+\]$/.exec(s.symbol);
  if (element === null) return undefined;
  const shapes = s.symbol.includes('.zone_ids[') ? AZ_ID_SHAPES : AZ_NAME_SHAPES;
  const re = compileRe2(pattern, 'g');
  if (!(re instanceof RegExp)) return undefined;
  const counts = new Set(shapes.map((shape) => goMatches(re, shape).length));
  if (counts.size !== 1) return undefined;
  const [n = 0] = counts;
  return Array.from({ length: n }, () => unknownBecause(`regexall: a match of ${pattern} is unknown`, s, [s]));
}

function regexall(call: Call): TfFunctionResult {
  const onAz = regexallOnAz(call);
  if (onAz !== undefined) return onAz;
  const c = compiled(call, 'g');
  if (!('re' in c)) return c;
  return goMatches(c.re, c.s).map((m) => captures(c.re, m, call));
}

export const regexFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['regex', defineFunction('regex', { min: 2, max: 2 }, regex)],
  ['regexall', defineFunction('regexall', { min: 2, max: 2 }, regexall)],
]);
