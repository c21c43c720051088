// Hand-written, error-tolerant JSON reader for CloudFormation templates: exact spans for every key and value,
// problems instead of exceptions, and recovery (missing/trailing commas, unclosed strings and brackets, garbage).
// Built for large templates whose trees stay in memory: children go through shared stacks into exactly sized
// arrays, repeated strings are shared (see entryList.ts and stringCache.ts for why), and each node is built
// once in its final form so that V8 allocates the tree directly in the old generation (see yamlParser.ts).

// Character codes are compared with numeric const-enum members (esbuild inlines them as literals).
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */

import type { DataEntry, DataFile, DataMap, DataNode, DataScalar, DataSeq } from '../data/ast';
import type { SyntaxProblem } from '../text';
import { ChildStack, EntryStack, duplicateKeyProblem } from './entryList';
import { StringCache } from '../stringCache';

/** Deeper nesting than this is reported and skipped instead of recursing (no template nests this deep). */
const MAX_DEPTH = 500;

export function parseJson(text: string): DataFile {
  const reader = new JsonReader(text);
  const root = reader.readDocument();
  return { root, problems: reader.problems, comments: [], syntax: 'json' };
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LowerE = 101,
  LBrace = 123,
  RBrace = 125,
  Bom = 0xfeff,
}

class JsonReader {
  readonly problems: SyntaxProblem[] = [];
  private pos = 0;
  private readonly len: number;
  private depth = 0;
  private readonly entries = new EntryStack();
  private readonly items = new ChildStack<DataNode>();
  private readonly strings: StringCache;

  constructor(private readonly text: string) {
    this.len = text.length;
    this.strings = new StringCache(text);
    if (text.charCodeAt(0) === C.Bom) this.pos = 1;
  }

  readDocument(): DataNode | undefined {
    this.skipSpace();
    if (this.pos >= this.len) return undefined;
    const root = this.readValue();
    this.skipSpace();
    if (this.pos < this.len) {
      this.error(this.pos, this.len, 'Unexpected content after the end of the JSON value.');
    }
    return root;
  }

  private error(start: number, end: number, message: string): void {
    this.problems.push({ code: 'json-syntax', severity: 'error', message, span: { start, end } });
  }

  /** Skips whitespace; comments are not JSON, so they are reported and skipped. */
  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      // Indentation runs are long in pretty-printed templates: scan them in a local, not through `this.pos`.
      let p = this.pos;
      let c = text.charCodeAt(p);
      while (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab) c = text.charCodeAt(++p);
      this.pos = p;
      if (c === C.Slash) {
        const next = text.charCodeAt(this.pos + 1);
        const start = this.pos;
        if (next === C.Slash) {
          let q = start + 2;
          while (q < this.len && text.charCodeAt(q) !== C.Lf && text.charCodeAt(q) !== C.Cr) q++;
          this.pos = q;
        } else if (next === 42) {
          const close = text.indexOf('*/', start + 2);
          this.pos = close < 0 ? this.len : close + 2;
        } else {
          return;
        }
        this.error(start, this.pos, 'Comments are not allowed in JSON.');
      } else {
        return;
      }
    }
  }

  private readValue(): DataNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case C.LBrace:
        return this.depth >= MAX_DEPTH ? this.skipTooDeep() : this.readObject();
      case C.LBracket:
        return this.depth >= MAX_DEPTH ? this.skipTooDeep() : this.readArray();
      case C.Quote:
        return this.readString();
      default:
        if ((c >= C.Zero && c <= C.Nine) || c === C.Minus) return this.readNumber();
        return this.readWord();
    }
  }

  private readObject(): DataMap {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    this.depth++;
    const base = this.entries.open();
    let end = -1;
    let lastChildEnd = start + 1;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.len) break;
      let c = text.charCodeAt(this.pos);
      if (c === C.RBrace) {
        end = ++this.pos;
        break;
      }
      if (c === C.RBracket) {
        this.error(this.pos, this.pos + 1, "Expected '}' to close the object, found ']'.");
        end = ++this.pos;
        break;
      }
      if (c === C.Comma) {
        this.error(this.pos, this.pos + 1, 'Unexpected comma: expected a key.');
        this.pos++;
        continue;
      }
      const key = this.readKey();
      if (key === undefined) continue;
      this.skipSpace();
      c = text.charCodeAt(this.pos);
      let value: DataNode;
      if (c === C.Colon) {
        this.pos++;
        this.skipSpace();
        c = text.charCodeAt(this.pos);
        if (this.pos >= this.len || c === C.Comma || c === C.RBrace || c === C.RBracket) {
          this.error(key.span.start, this.pos, `Missing value for key '${String(key.value)}'.`);
          value = emptyScalar(this.pos);
        } else {
          value = this.readValue();
        }
      } else {
        this.error(key.span.end, key.span.end, `Expected ':' after key '${String(key.value)}'.`);
        if (this.pos >= this.len || c === C.Comma || c === C.RBrace || c === C.RBracket) value = emptyScalar(key.span.end);
        else value = this.readValue();
      }
      const entry: DataEntry = { key, value, span: { start: key.span.start, end: value.span.end } };
      const earlier = this.entries.add(base, entry);
      if (earlier !== undefined) this.problems.push(duplicateKeyProblem(text, earlier, key));
      lastChildEnd = value.span.end;
      this.skipSpace();
      c = text.charCodeAt(this.pos);
      if (c === C.Comma) {
        const comma = this.pos++;
        this.skipSpace();
        if (text.charCodeAt(this.pos) === C.RBrace) this.error(comma, comma + 1, 'Trailing comma before the end of the object.');
      } else if (c === C.Quote) {
        this.error(value.span.end, value.span.end, "Missing ',' between object entries.");
      } else if (c !== C.RBrace && c !== C.RBracket && this.pos < this.len) {
        this.error(value.span.end, value.span.end, "Expected ',' or '}' after the value.");
      }
    }
    this.depth--;
    if (end < 0) {
      this.error(start, start + 1, "This '{' is not closed.");
      // An empty value at the end of the input sits after trailing spaces: keep it inside its parent.
      end = Math.max(this.lastContentEnd(), lastChildEnd);
    }
    return { kind: 'map', entries: this.entries.close(base), tag: undefined, span: { start, end } };
  }

  /** A key must be a string; an unquoted word is accepted as a key with a problem. */
  private readKey(): DataScalar | undefined {
    const c = this.text.charCodeAt(this.pos);
    if (c === C.Quote) return this.readString();
    const start = this.pos;
    if (c === C.LBrace || c === C.LBracket) {
      const node = this.readValue();
      this.error(start, node.span.end, 'Expected a string key, found a nested value.');
      return undefined;
    }
    if (!isWordChar(c)) {
      this.error(start, start + 1, `Unexpected character '${this.text.charAt(start)}': expected a string key.`);
      this.pos++;
      return undefined;
    }
    const word = this.readWord();
    return { kind: 'scalar', value: this.strings.slice(word.span.start, word.span.end), style: 'json', tag: undefined, span: word.span };
  }

  private readArray(): DataSeq {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    this.depth++;
    const base = this.items.open();
    let end = -1;
    let lastChildEnd = start + 1;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.len) break;
      let c = text.charCodeAt(this.pos);
      if (c === C.RBracket) {
        end = ++this.pos;
        break;
      }
      if (c === C.RBrace) {
        this.error(this.pos, this.pos + 1, "Expected ']' to close the array, found '}'.");
        end = ++this.pos;
        break;
      }
      if (c === C.Comma) {
        this.error(this.pos, this.pos + 1, 'Unexpected comma: expected a value.');
        this.pos++;
        continue;
      }
      const item = this.readValue();
      this.items.push(item);
      lastChildEnd = item.span.end;
      this.skipSpace();
      c = text.charCodeAt(this.pos);
      if (c === C.Comma) {
        const comma = this.pos++;
        this.skipSpace();
        if (text.charCodeAt(this.pos) === C.RBracket) this.error(comma, comma + 1, 'Trailing comma before the end of the array.');
      } else if (c === C.Colon) {
        this.error(this.pos, this.pos + 1, "Unexpected ':' in an array (is a '{' missing?).");
        this.pos++;
      } else if (c !== C.RBracket && c !== C.RBrace && this.pos < this.len) {
        this.error(item.span.end, item.span.end, "Missing ',' between array items.");
      }
    }
    this.depth--;
    if (end < 0) {
      this.error(start, start + 1, "This '[' is not closed.");
      end = Math.max(this.lastContentEnd(), lastChildEnd);
    }
    return { kind: 'seq', items: this.items.close(base), tag: undefined, span: { start, end } };
  }

  private readString(): DataScalar {
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    // Fast path: no escapes.
    for (;;) {
      if (p >= this.len) break;
      const c = text.charCodeAt(p);
      if (c === C.Quote) {
        this.pos = p + 1;
        return { kind: 'scalar', value: this.strings.slice(start + 1, p), style: 'json', tag: undefined, span: { start, end: p + 1 } };
      }
      if (c === C.Backslash || c === C.Lf || c === C.Cr) break;
      p++;
    }
    let value = text.slice(start + 1, p);
    for (;;) {
      if (p >= this.len) break;
      const c = text.charCodeAt(p);
      if (c === C.Quote) {
        this.pos = p + 1;
        return { kind: 'scalar', value, style: 'json', tag: undefined, span: { start, end: p + 1 } };
      }
      if (c === C.Lf || c === C.Cr) break;
      if (c === C.Backslash) {
        p = this.readEscape(p);
        value += this.escaped;
        continue;
      }
      let q = p + 1;
      while (q < this.len) {
        const d = text.charCodeAt(q);
        if (d === C.Quote || d === C.Backslash || d === C.Lf || d === C.Cr) break;
        q++;
      }
      value += text.slice(p, q);
      p = q;
    }
    // Unterminated: JSON strings never span lines, so the string ends at the end of its line.
    this.error(start, p, 'Unterminated string: a closing \'"\' is missing.');
    this.pos = p;
    return { kind: 'scalar', value, style: 'json', tag: undefined, span: { start, end: p } };
  }

  /** The text an escape produced; set by readEscape (avoids allocating a result object per escape). */
  private escaped = '';

  /** Reads the escape at p (a backslash), sets `escaped` and returns the offset after it. */
  private readEscape(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p + 1);
    switch (c) {
      case C.Quote: this.escaped = '"'; return p + 2;
      case C.Backslash: this.escaped = '\\'; return p + 2;
      case C.Slash: this.escaped = '/'; return p + 2;
      case 98: this.escaped = '\b'; return p + 2;
      case 102: this.escaped = '\f'; return p + 2;
      case 110: this.escaped = '\n'; return p + 2;
      case 114: this.escaped = '\r'; return p + 2;
      case 116: this.escaped = '\t'; return p + 2;
      case 117: {
        let code = 0;
        let q = p + 2;
        for (; q < p + 6 && q < this.len; q++) {
          const h = hexValue(text.charCodeAt(q));
          if (h < 0) break;
          code = code * 16 + h;
        }
        if (q === p + 6) {
          this.escaped = String.fromCharCode(code);
          return q;
        }
        this.error(p, q, 'Invalid unicode escape: expected four hex digits after \\u.');
        this.escaped = '';
        return q;
      }
      default: {
        const end = p + 1 < this.len && c !== C.Lf && c !== C.Cr ? p + 2 : p + 1;
        this.error(p, end, 'Invalid escape sequence.');
        this.escaped = end === p + 2 ? text.charAt(p + 1) : '';
        return end;
      }
    }
  }

  private readNumber(): DataScalar {
    const text = this.text;
    const start = this.pos;
    let p = start;
    if (text.charCodeAt(p) === C.Minus) p++;
    const digitsStart = p;
    while (isDigit(text.charCodeAt(p))) p++;
    let valid = p > digitsStart && !(text.charCodeAt(digitsStart) === C.Zero && p - digitsStart > 1);
    if (text.charCodeAt(p) === C.Dot) {
      p++;
      const f = p;
      while (isDigit(text.charCodeAt(p))) p++;
      if (p === f) valid = false;
    }
    const e = text.charCodeAt(p);
    if (e === C.LowerE || e === C.UpperE) {
      p++;
      const s = text.charCodeAt(p);
      if (s === C.Plus || s === C.Minus) p++;
      const x = p;
      while (isDigit(text.charCodeAt(p))) p++;
      if (p === x) valid = false;
    }
    // Letters glued to the number (`12abc`) make it one bad token.
    while (p < this.len && isWordChar(text.charCodeAt(p))) {
      p++;
      valid = false;
    }
    this.pos = p;
    const raw = this.strings.slice(start, p);
    if (!valid) {
      this.error(start, p, `Invalid number '${raw}'.`);
      return { kind: 'scalar', value: raw, style: 'json', tag: undefined, span: { start, end: p } };
    }
    return { kind: 'scalar', value: Number(raw), raw, style: 'json', tag: undefined, span: { start, end: p } };
  }

  /** true/false/null, or garbage: a run of word characters (or one stray character) reported as an error. */
  private readWord(): DataScalar {
    const text = this.text;
    const start = this.pos;
    let p = start;
    while (p < this.len && isWordChar(text.charCodeAt(p))) p++;
    if (p === start) {
      if (start >= this.len) {
        this.error(start, start, 'Expected a value.');
        return emptyScalar(start);
      }
      // One stray character (e.g. `=`, `'`): report it and move on.
      p = start + 1;
      this.pos = p;
      this.error(start, p, `Unexpected character '${text.charAt(start)}': expected a value.`);
      return { kind: 'scalar', value: null, style: 'json', tag: undefined, span: { start, end: p } };
    }
    this.pos = p;
    const word = text.slice(start, p);
    if (word === 'true') return { kind: 'scalar', value: true, style: 'json', tag: undefined, span: { start, end: p } };
    if (word === 'false') return { kind: 'scalar', value: false, style: 'json', tag: undefined, span: { start, end: p } };
    if (word === 'null') return { kind: 'scalar', value: null, style: 'json', tag: undefined, span: { start, end: p } };
    this.error(start, p, `Unexpected '${word}': expected a string, number, object, array, true, false or null.`);
    return { kind: 'scalar', value: word, style: 'json', tag: undefined, span: { start, end: p } };
  }

  /** Nesting beyond MAX_DEPTH: skip the balanced brackets without building a tree. */
  private skipTooDeep(): DataScalar {
    const text = this.text;
    const start = this.pos;
    let depth = 0;
    let p = start;
    for (; p < this.len; p++) {
      const c = text.charCodeAt(p);
      if (c === C.LBrace || c === C.LBracket) depth++;
      else if (c === C.RBrace || c === C.RBracket) {
        if (--depth === 0) {
          p++;
          break;
        }
      } else if (c === C.Quote) {
        p++;
        while (p < this.len && text.charCodeAt(p) !== C.Quote) p += text.charCodeAt(p) === C.Backslash ? 2 : 1;
      }
    }
    this.pos = Math.min(p, this.len);
    this.error(start, start + 1, `Nesting deeper than ${MAX_DEPTH} levels is not read.`);
    return { kind: 'scalar', value: null, style: 'json', tag: undefined, span: { start, end: this.pos } };
  }

  /** End of the last non-space character, for the span of a collection that is never closed. */
  private lastContentEnd(): number {
    let p = this.len;
    while (p > 0) {
      const c = this.text.charCodeAt(p - 1);
      if (c !== C.Space && c !== C.Lf && c !== C.Cr && c !== C.Tab) break;
      p--;
    }
    return p;
  }
}

function emptyScalar(at: number): DataScalar {
  return { kind: 'scalar', value: null, style: 'json', tag: undefined, span: { start: at, end: at } };
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}

/** Characters of a bare word (an unquoted literal or garbage): letters, digits, `_`, `-`, `.`, `+`, `$`. */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= C.Zero && c <= C.Nine) || c === 95 || c === C.Minus || c === C.Dot || c === C.Plus || c === 36
  );
}

function hexValue(c: number): number {
  if (c >= C.Zero && c <= C.Nine) return c - C.Zero;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
