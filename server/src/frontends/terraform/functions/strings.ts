// String functions: join, split, replace, lower, upper, title, trimspace, trim, trimprefix, trimsuffix, chomp,
// strrev, substr, startswith, endswith, strcontains. A string argument that is unknown or a TfRef makes the
// result unknown (with the refs kept), since the text itself is needed.

import { isPending } from '../valueOps';
import { type Call, arg, bailUnknown, defineFunction, index, invalidParam, list, str } from './arguments';
import { graphemes } from './collections';
import { compileRe2, expandReplacement, goMatches } from './regex';
import type { TfFunction, TfFunctionResult } from './result';

function join(call: Call): TfFunctionResult {
  const sep = str(call, 'separator', arg(call, 0));
  const parts: string[] = [];
  for (let a = 1; a < call.args.length; a++) {
    list(call, 'lists', arg(call, a)).forEach((item, i) => {
      if (item === null) invalidParam('lists', `element ${i} is null; cannot concatenate null values`);
      if (isPending(item)) bailUnknown(call, `element ${i} of the list`, item);
      parts.push(str(call, 'lists', item));
    });
  }
  return parts.join(sep);
}

function split(call: Call): TfFunctionResult {
  const sep = str(call, 'separator', arg(call, 0));
  const s = str(call, 'str', arg(call, 1));
  return sep === '' ? [...s] : s.split(sep);
}

function replace(call: Call): TfFunctionResult {
  const s = str(call, 'str', arg(call, 0));
  const search = str(call, 'substr', arg(call, 1));
  const replacement = str(call, 'replace', arg(call, 2));
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    const re = compileRe2(search.slice(1, -1), 'g');
    if (typeof re === 'string') return invalidParam('substr', re);
    if (!(re instanceof RegExp)) return re;
    // Go's ReplaceAllString skips an empty match right after a match ("aaa" with /a*/ gives "x", not "xx").
    let out = '';
    let at = 0;
    for (const m of goMatches(re, s)) {
      out += s.slice(at, m.index) + expandReplacement(replacement, m.groups ? [...m, m.index, s, m.groups] : [...m, m.index, s]);
      at = m.index + m[0].length;
    }
    return out + s.slice(at);
  }
  // Go inserts the replacement before every character and at the end when the search string is empty.
  return search === '' ? [...s].map((c) => replacement + c).join('') + replacement : s.split(search).join(replacement);
}

/** Go maps case one character to one character: upper("straße") keeps the ß where JavaScript writes "SS". */
function mapChars(s: string, fn: (c: string) => string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(s)) return fn(s);
  let out = '';
  for (const c of s) {
    const mapped = fn(c);
    out += [...mapped].length === 1 ? mapped : c;
  }
  return out;
}

/** Go's strings.Title: upper-cases the first letter of every word; letters, digits and `_` continue a word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const separator = !/[\p{L}\p{N}_]/u.test(prev);
    out += separator ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

/** Go's unicode.IsSpace set, which trimspace strips. */
const SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${SPACE}+`);
const TRAILING_SPACE = new RegExp(`${SPACE}+$`);

function trim(s: string, cutset: string): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start] ?? '')) start++;
  while (end > start && cut.has(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

function substr(call: Call): TfFunctionResult {
  const s = str(call, 'str', arg(call, 0));
  let offset = index(call, 'offset', arg(call, 1));
  let length = index(call, 'length', arg(call, 2));
  const chars = graphemes(s);
  if (offset < 0) offset = Math.max(0, chars.length + offset);
  if (offset >= chars.length) return '';
  if (length < 0 || offset + length > chars.length) length = chars.length - offset;
  return chars.slice(offset, offset + length).join('');
}

function unary(name: string, fn: (s: string) => TfFunctionResult): readonly [string, TfFunction] {
  return [name, defineFunction(name, { min: 1, max: 1 }, (call) => fn(str(call, 'str', arg(call, 0))))];
}

function binary(name: string, params: readonly [string, string], fn: (a: string, b: string) => TfFunctionResult): readonly [string, TfFunction] {
  return [name, defineFunction(name, { min: 2, max: 2 }, (call) => fn(str(call, params[0], arg(call, 0)), str(call, params[1], arg(call, 1))))];
}

export const stringFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['join', defineFunction('join', { min: 2 }, join)],
  ['split', defineFunction('split', { min: 2, max: 2 }, split)],
  ['replace', defineFunction('replace', { min: 3, max: 3 }, replace)],
  ['substr', defineFunction('substr', { min: 3, max: 3 }, substr)],
  unary('lower', (s) => mapChars(s, (c) => c.toLowerCase())),
  unary('upper', (s) => mapChars(s, (c) => c.toUpperCase())),
  unary('title', title),
  unary('trimspace', (s) => s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')),
  unary('chomp', (s) => s.replace(/(\r\n|\n|\r)+$/, '')),
  unary('strrev', (s) => graphemes(s).reverse().join('')),
  binary('trim', ['str', 'cutset'], trim),
  binary('trimprefix', ['str', 'prefix'], (s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  binary('trimsuffix', ['str', 'suffix'], (s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  binary('startswith', ['str', 'prefix'], (s, p) => s.startsWith(p)),
  binary('endswith', ['str', 'suffix'], (s, p) => s.endsWith(p)),
  binary('strcontains', ['str', 'substr'], (s, p) => s.includes(p)),
]);
