// regex, regexall and the RE2 → JavaScript pattern translation also used by replace("/re/"). Go's RE2 and
// JavaScript agree on most syntax; the translation covers (?P<name>), leading (?ims) flags, \A, \z, \pL,
// \Q…\E and [[:class:]]. What JavaScript cannot express (inline flag groups, \C, (?U)) is reported as an error.

import type { TfValue } from '../value';
import { sortedObject } from '../valueOps';
import { type Call, arg, callFailed, defineFunction, invalidParam, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

interface Translation {
  readonly source: string;
  readonly flags: string;
  readonly needsUnicode: boolean;
}

/** Translates an RE2 pattern to a JavaScript one, or returns why it cannot. */
export function translateRe2(pattern: string): Translation | string {
  let i = 0;
  let flags = '';
  for (let m = /^\(\?([imsU]+)\)/.exec(pattern); m !== null; m = /^\(\?([imsU]+)\)/.exec(pattern.slice(i))) {
    if (m[1]?.includes('U')) return 'the (?U) flag is not supported';
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
      else if (d === 'C') return '\\C is not supported';
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
        if (ranges === undefined || posix[1] === '^') return `invalid character class range: ${posix[0]}`;
        out += ranges;
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
    } else if (/^\(\?[ims]+\)/.test(pattern.slice(i)) && /^(\^|\(\?<!\[\\s\\S\]\))*$/.test(out)) {
      // A flag group after nothing but anchors applies to the whole match: hoist it into the flags.
      const close = pattern.indexOf(')', i);
      for (const f of pattern.slice(i + 2, close)) if (!flags.includes(f)) flags += f;
      i = close + 1;
    } else if (pattern.startsWith('(?', i) && !pattern.startsWith('(?:', i)) {
      return `unsupported group syntax at ${pattern.slice(i, i + 4)}…`;
    } else {
      out += c;
      i++;
    }
  }
  return { source: out, flags, needsUnicode };
}

/** A JavaScript RegExp for an RE2 pattern, or the error message Terraform-style. */
export function compileRe2(pattern: string, extraFlags: string): RegExp | string {
  const t = translateRe2(pattern);
  if (typeof t === 'string') return `invalid regexp pattern: ${t}`;
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

function compiled(call: Call, flags: string): { re: RegExp; s: string } {
  const pattern = str(call, 'pattern', arg(call, 0));
  const s = str(call, 'string', arg(call, 1));
  const re = compileRe2(pattern, flags);
  if (typeof re === 'string') return invalidParam('pattern', re);
  return { re, s };
}

function regex(call: Call): TfFunctionResult {
  const { re, s } = compiled(call, '');
  const m = re.exec(s);
  if (m === null) return callFailed(call, 'pattern did not match any part of the given string');
  return captures(re, m, call);
}

function regexall(call: Call): TfFunctionResult {
  const { re, s } = compiled(call, 'g');
  return Array.from(s.matchAll(re), (m) => captures(re, m, call));
}

export const regexFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['regex', defineFunction('regex', { min: 2, max: 2 }, regex)],
  ['regexall', defineFunction('regexall', { min: 2, max: 2 }, regexall)],
]);
