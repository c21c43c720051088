// SAM CLI configuration (samconfig.toml, samconfig.yaml/.yml, samconfig.json): the TOML subset SAM CLI writes,
// the `[env.command.parameters]` tables, and what `sam deploy` takes from them for one environment
// (parameter_overrides, region, template_file). Never throws: values plus problems with spans.

import type { DataFile, DataNode } from '../../syntax/data/ast';
import type { Span, SyntaxProblem } from '../../syntax/text';

export interface SamConfigEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: SamConfigValue;
  /** The value as written (a string with its quotes). */
  readonly span: Span;
}

export type SamConfigValue = string | number | boolean | readonly SamConfigValue[] | SamConfigTable;

/** An inline table (`{ a = 1 }`) or a YAML/JSON map below a parameters table: kept, never used. */
export interface SamConfigTable {
  readonly kind: 'table';
  readonly entries: ReadonlyMap<string, SamConfigEntry>;
}

export interface SamConfigFile {
  /** Key/value pairs by table path (see tablePath): `default.deploy.parameters` → region, parameter_overrides… */
  readonly tables: ReadonlyMap<string, ReadonlyMap<string, SamConfigEntry>>;
  readonly problems: readonly SyntaxProblem[];
}

/** The file names SAM CLI looks for beside the template, in its order (samconfig.json only through --config-file). */
export const SAM_CONFIG_NAMES: readonly string[] = ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml', 'samconfig.json'];

/** The templates `sam deploy` uses when the config names none (SAM CLI's defaults, in its order). */
export const SAM_DEFAULT_TEMPLATES: readonly string[] = ['template.yaml', 'template.yml', 'template.json'];

export function isSamConfigPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return SAM_CONFIG_NAMES.includes(name);
}

/** The key of a table in SamConfigFile.tables; a NUL separator keeps quoted keys with dots apart. */
export function tablePath(parts: readonly string[]): string {
  return parts.join('\u0000');
}

// ---------------------------------------------------------------- TOML

const CH_NL = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_TAB = 9;
const CH_HASH = 35;
const CH_DQ = 34;
const CH_SQ = 39;
const CH_BACKSLASH = 92;

/** Reads the TOML of a samconfig.toml: tables, dotted and quoted keys, strings, numbers, booleans, arrays, inline tables. */
export function parseSamConfigToml(text: string): SamConfigFile {
  return new TomlReader(text).read();
}

/** A syntax error inside one statement: caught by TomlReader.read, which records it and moves to the next line. */
class TomlError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

class TomlReader {
  private pos = 0;
  private readonly tables = new Map<string, Map<string, SamConfigEntry>>();
  private readonly problems: SyntaxProblem[] = [];
  /** Tables opened by a header, to tell a table defined twice. */
  private readonly headers = new Set<string>();
  private current: Map<string, SamConfigEntry>;
  private currentPath: readonly string[] = [];

  constructor(private readonly text: string) {
    this.current = this.table([]);
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  read(): SamConfigFile {
    const text = this.text;
    while (this.pos < text.length) {
      this.skipBlanks();
      const c = text.charCodeAt(this.pos);
      if (this.pos >= text.length) break;
      const statement = this.pos;
      if (c === CH_NL || c === CH_CR) {
        this.pos++;
        continue;
      }
      if (c === CH_HASH) {
        this.skipToLineEnd();
        continue;
      }
      try {
        if (c === 91 /* [ */) this.header();
        else this.keyValue(this.currentPath, this.current);
        this.endOfLine();
      } catch (e) {
        if (!(e instanceof TomlError)) throw e;
        this.problems.push({ code: 'toml-syntax', severity: 'error', message: e.message, span: e.span });
        // An error on a later line than the statement's (an unclosed array meeting the next table header)
        // resumes at that line, so the header is still read; else the rest of the line is skipped.
        const line = text.lastIndexOf('\n', e.span.start - 1) + 1;
        if (line > statement) this.pos = line;
        else {
          this.pos = Math.max(statement, Math.min(e.span.start, text.length));
          this.skipToLineEnd();
        }
      }
    }
    return { tables: this.tables, problems: this.problems };
  }

  private table(parts: readonly string[]): Map<string, SamConfigEntry> {
    const key = tablePath(parts);
    let t = this.tables.get(key);
    if (t === undefined) {
      t = new Map();
      this.tables.set(key, t);
    }
    return t;
  }

  private fail(message: string, start: number, end = Math.min(start + 1, this.text.length)): never {
    throw new TomlError(message, { start, end: Math.max(end, start) });
  }

  private skipBlanks(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== CH_SPACE && c !== CH_TAB) break;
      this.pos++;
    }
  }

  /** Blanks, newlines and comments (inside arrays). */
  private skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_TAB || c === CH_NL || c === CH_CR) this.pos++;
      else if (c === CH_HASH) this.skipToLineEnd();
      else break;
    }
  }

  private skipToLineEnd(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }

  private endOfLine(): void {
    this.skipBlanks();
    const c = this.text.charCodeAt(this.pos);
    if (this.pos >= this.text.length || c === CH_NL || c === CH_CR) return;
    if (c === CH_HASH) {
      this.skipToLineEnd();
      return;
    }
    this.fail(`unexpected '${this.text[this.pos] ?? ''}' after the value (one key = value per line)`, this.pos, this.lineEnd());
  }

  private lineEnd(): number {
    const nl = this.text.indexOf('\n', this.pos);
    return nl < 0 ? this.text.length : nl;
  }

  private header(): void {
    const start = this.pos;
    const isArray = this.text.charCodeAt(this.pos + 1) === 91;
    this.pos += isArray ? 2 : 1;
    this.skipBlanks();
    const parts = this.keyPath().map((k) => k.name);
    this.skipBlanks();
    const close = isArray ? ']]' : ']';
    if (!this.text.startsWith(close, this.pos)) this.fail(`expected '${close}' to close the table header`, this.pos);
    this.pos += close.length;
    if (isArray) {
      // Arrays of tables hold nothing SAM CLI reads: their keys go to a table no lookup names.
      this.currentPath = ['\u0000array', ...parts];
      this.current = new Map();
      return;
    }
    const key = tablePath(parts);
    if (this.headers.has(key)) this.problems.push({ code: 'toml-syntax', severity: 'error', message: `table [${parts.join('.')}] is defined twice`, span: { start, end: this.pos } });
    this.headers.add(key);
    this.currentPath = parts;
    this.current = this.table(parts);
  }

  private keyPath(): { name: string; span: Span }[] {
    const out: { name: string; span: Span }[] = [];
    for (;;) {
      this.skipBlanks();
      out.push(this.simpleKey());
      this.skipBlanks();
      if (this.text.charCodeAt(this.pos) !== 46 /* . */) return out;
      this.pos++;
    }
  }

  private simpleKey(): { name: string; span: Span } {
    const start = this.pos;
    const c = this.text.charCodeAt(this.pos);
    if (c === CH_DQ || c === CH_SQ) {
      const name = c === CH_DQ ? this.basicString() : this.literalString();
      return { name, span: { start, end: this.pos } };
    }
    while (this.pos < this.text.length && isBareKeyChar(this.text.charCodeAt(this.pos))) this.pos++;
    if (this.pos === start) this.fail(this.pos >= this.text.length ? 'expected a key' : `expected a key, found '${this.text[this.pos] ?? ''}'`, start);
    return { name: this.text.slice(start, this.pos), span: { start, end: this.pos } };
  }

  /** `base` undefined: an inline table, whose dotted keys stay inside it (under their dotted name). */
  private keyValue(base: readonly string[] | undefined, into: Map<string, SamConfigEntry>): void {
    const keys = this.keyPath();
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) !== 61 /* = */) this.fail(`expected '=' after the key '${keys.map((k) => k.name).join('.')}'`, this.pos);
    this.pos++;
    this.skipBlanks();
    const valueStart = this.pos;
    const value = this.value();
    const tail = keys[keys.length - 1];
    if (tail === undefined) return;
    const last = base === undefined && keys.length > 1 ? { name: keys.map((k) => k.name).join('.'), span: { start: keys[0]?.span.start ?? tail.span.start, end: tail.span.end } } : tail;
    // A dotted key (`deploy.parameters.region = …`) names a key of a table below the current one.
    const target = keys.length === 1 || base === undefined ? into : this.table([...base, ...keys.slice(0, -1).map((k) => k.name)]);
    if (target.has(last.name)) {
      this.problems.push({ code: 'toml-syntax', severity: 'error', message: `key '${last.name}' is defined twice in this table`, span: last.span });
      return;
    }
    target.set(last.name, { key: last.name, keySpan: last.span, value, span: { start: valueStart, end: this.pos } });
  }

  private value(): SamConfigValue {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === CH_DQ) return text.startsWith('"""', this.pos) ? this.multilineBasic() : this.basicString();
    if (c === CH_SQ) return text.startsWith("'''", this.pos) ? this.multilineLiteral() : this.literalString();
    if (c === 91 /* [ */) return this.array();
    if (c === 123 /* { */) return this.inlineTable();
    return this.bareValue();
  }

  private array(): SamConfigValue[] {
    const start = this.pos;
    this.pos++;
    const out: SamConfigValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) this.fail("the array is not closed with ']'", start);
      if (this.text.charCodeAt(this.pos) === 93 /* ] */) {
        this.pos++;
        return out;
      }
      out.push(this.value());
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44 /* , */) this.pos++;
      else if (c !== 93) this.fail("expected ',' or ']' in the array", this.pos);
    }
  }

  private inlineTable(): SamConfigTable {
    this.pos++;
    const entries = new Map<string, SamConfigEntry>();
    this.skipBlanks();
    if (this.text.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++;
      return { kind: 'table', entries };
    }
    for (;;) {
      this.skipBlanks();
      this.keyValue(undefined, entries);
      this.skipBlanks();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) this.pos++;
      else if (c === 125) {
        this.pos++;
        return { kind: 'table', entries };
      } else this.fail("expected ',' or '}' in the inline table", this.pos);
    }
  }

  /** true, false, a number, or a date-time (kept as its text). */
  private bareValue(): SamConfigValue {
    const start = this.pos;
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_TAB || c === CH_NL || c === CH_CR || c === 44 || c === 93 || c === 125 || c === CH_HASH) break;
      this.pos++;
    }
    const token = text.slice(start, this.pos);
    if (token === '') this.fail(start >= text.length || text.charCodeAt(start) === CH_NL ? 'expected a value after =' : `expected a value, found '${text[start] ?? ''}'`, start);
    if (token === 'true') return true;
    if (token === 'false') return false;
    const n = tomlNumber(token);
    if (n !== undefined) return n;
    if (/^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(token)) return token;
    return this.fail(`'${token}' is not a TOML value (strings need quotes)`, start, this.pos);
  }

  private basicString(): string {
    const start = this.pos;
    const text = this.text;
    this.pos++;
    let out = '';
    let from = this.pos;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_DQ) {
        out += text.slice(from, this.pos);
        this.pos++;
        return out;
      }
      if (c === CH_NL || c === CH_CR) break;
      if (c === CH_BACKSLASH) {
        out += text.slice(from, this.pos);
        out += this.escape();
        from = this.pos;
        continue;
      }
      this.pos++;
    }
    return this.fail('the string is not closed on its line', start, this.pos);
  }

  private literalString(): string {
    const start = this.pos;
    const nl = this.text.indexOf('\n', start);
    const close = this.text.indexOf("'", start + 1);
    if (close < 0 || (nl >= 0 && close > nl)) this.fail('the string is not closed on its line', start, nl < 0 ? this.text.length : nl);
    this.pos = close + 1;
    return this.text.slice(start + 1, close);
  }

  private multilineBasic(): string {
    const start = this.pos;
    const text = this.text;
    this.pos += 3;
    this.skipFirstNewline();
    let out = '';
    let from = this.pos;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_DQ && text.startsWith('"""', this.pos)) {
        out += text.slice(from, this.pos);
        // Up to two quotes may end the content right before the closing delimiter.
        let end = this.pos + 3;
        while (end < text.length && text.charCodeAt(end) === CH_DQ && end - this.pos < 5) end++;
        out += '"'.repeat(end - this.pos - 3);
        this.pos = end;
        return out;
      }
      if (c === CH_BACKSLASH) {
        out += text.slice(from, this.pos);
        // A backslash ending a line trims the newline and the blanks that follow.
        let i = this.pos + 1;
        while (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB) i++;
        if (text.charCodeAt(i) === CH_NL || text.charCodeAt(i) === CH_CR) {
          while (i < text.length && isSpaceOrNewline(text.charCodeAt(i))) i++;
          this.pos = i;
        } else out += this.escape();
        from = this.pos;
        continue;
      }
      this.pos++;
    }
    return this.fail("the string is not closed with '\"\"\"'", start, start + 3);
  }

  private multilineLiteral(): string {
    const start = this.pos;
    this.pos += 3;
    this.skipFirstNewline();
    const close = this.text.indexOf("'''", this.pos);
    if (close < 0) this.fail("the string is not closed with \"'''\"", start, start + 3);
    let end = close + 3;
    while (end < this.text.length && this.text.charCodeAt(end) === CH_SQ && end - close < 5) end++;
    const out = this.text.slice(this.pos, end - 3);
    this.pos = end;
    return out;
  }

  private skipFirstNewline(): void {
    if (this.text.charCodeAt(this.pos) === CH_CR) this.pos++;
    if (this.text.charCodeAt(this.pos) === CH_NL) this.pos++;
  }

  /** The escape at `pos` (a backslash), decoded; moves past it. */
  private escape(): string {
    const start = this.pos;
    const e = this.text[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case 'b':
        return '\b';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'f':
        return '\f';
      case 'r':
        return '\r';
      case 'e':
        return '\u001b';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const len = e === 'u' ? 4 : 8;
        const hex = this.text.slice(this.pos, this.pos + len);
        const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : NaN;
        if (Number.isNaN(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) this.fail(`invalid unicode escape '\\${e}${hex}'`, start, this.pos + len);
        this.pos += len;
        return String.fromCodePoint(code);
      }
      default:
        return this.fail(`invalid escape '\\${e ?? ''}' (write '\\\\' for a backslash)`, start, Math.min(this.pos, this.text.length));
    }
  }
}

function isBareKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function isSpaceOrNewline(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_NL || c === CH_CR;
}

/** A TOML integer (decimal, 0x, 0o, 0b, with `_` between digits) or float (including inf and nan), else undefined. */
function tomlNumber(token: string): number | undefined {
  if (/^[+-]?(inf|nan)$/.test(token)) return token.endsWith('nan') ? NaN : token.startsWith('-') ? -Infinity : Infinity;
  if (/^0x[0-9A-Fa-f]+(_[0-9A-Fa-f]+)*$/.test(token)) return parseInt(token.slice(2).replace(/_/g, ''), 16);
  if (/^0o[0-7]+(_[0-7]+)*$/.test(token)) return parseInt(token.slice(2).replace(/_/g, ''), 8);
  if (/^0b[01]+(_[01]+)*$/.test(token)) return parseInt(token.slice(2).replace(/_/g, ''), 2);
  if (/^[+-]?(0|[1-9](_?\d)*)(\.\d(_?\d)*)?([eE][+-]?\d(_?\d)*)?$/.test(token)) return Number(token.replace(/_/g, ''));
  return undefined;
}

// ---------------------------------------------------------------- YAML and JSON

/** The same structure read from samconfig.yaml / .yml / .json (`default: { deploy: { parameters: { … } } }`). */
export function samConfigFromData(file: DataFile): SamConfigFile {
  const tables = new Map<string, Map<string, SamConfigEntry>>();
  const problems: SyntaxProblem[] = [];
  const root = file.root;
  if (root !== undefined && root.kind !== 'map') problems.push({ code: 'samconfig-invalid', severity: 'warning', message: 'a SAM CLI configuration is a map of environments', span: root.span });
  for (const env of root?.kind === 'map' ? root.entries : []) {
    if (env.value.kind !== 'map') continue; // `version: 0.1`
    for (const command of env.value.entries) {
      if (command.value.kind !== 'map') continue;
      for (const section of command.value.entries) {
        if (section.value.kind !== 'map') continue;
        const t = new Map<string, SamConfigEntry>();
        for (const e of section.value.entries) {
          const key = String(e.key.value);
          t.set(key, { key, keySpan: e.key.span, value: dataValue(e.value), span: e.value.span });
        }
        tables.set(tablePath([String(env.key.value), String(command.key.value), String(section.key.value)]), t);
      }
    }
  }
  return { tables, problems };
}

function dataValue(node: DataNode): SamConfigValue {
  switch (node.kind) {
    case 'scalar':
      return node.value === null ? '' : node.value;
    case 'seq':
      return node.items.map(dataValue);
    case 'map': {
      const entries = new Map<string, SamConfigEntry>();
      for (const e of node.entries) {
        const key = String(e.key.value);
        entries.set(key, { key, keySpan: e.key.span, value: dataValue(e.value), span: e.value.span });
      }
      return { kind: 'table', entries };
    }
  }
}

// ---------------------------------------------------------------- what sam deploy takes

export interface SamSetting<T> {
  readonly value: T;
  /** Where it is written (a parameter override: the whole parameter_overrides value or array item). */
  readonly span: Span;
  /** The table it was found in: `deploy` or `global`. */
  readonly command: string;
}

export interface SamDeploySettings {
  /** parameter_overrides by parameter name. */
  readonly parameters: ReadonlyMap<string, SamSetting<string>>;
  readonly region: SamSetting<string> | undefined;
  /** template_file (or its alias template), as written: relative to the configuration's folder. */
  readonly templateFile: SamSetting<string> | undefined;
  /** Values SAM CLI would reject (a parameter_overrides item with no Key=Value, a region that is not a string). */
  readonly problems: readonly SyntaxProblem[];
}

/** The commands whose tables `sam deploy` reads, the command's own first (SAM CLI: command-specific over global). */
const DEPLOY_COMMANDS: readonly string[] = ['deploy', 'global'];

/** What `sam deploy --config-env <env>` reads from a configuration. */
export function samDeploySettings(config: SamConfigFile, env = 'default'): SamDeploySettings {
  const problems: SyntaxProblem[] = [];
  const lookup = (key: string): { entry: SamConfigEntry; command: string } | undefined => {
    for (const command of DEPLOY_COMMANDS) {
      const entry = config.tables.get(tablePath([env, command, 'parameters']))?.get(key);
      if (entry !== undefined) return { entry, command };
    }
    return undefined;
  };
  const text = (key: string): SamSetting<string> | undefined => {
    const found = lookup(key);
    if (found === undefined) return undefined;
    if (typeof found.entry.value !== 'string') {
      problems.push({ code: 'samconfig-invalid', severity: 'warning', message: `${key} must be a string`, span: found.entry.span });
      return undefined;
    }
    return { value: found.entry.value, span: found.entry.span, command: found.command };
  };
  const parameters = new Map<string, SamSetting<string>>();
  const overrides = lookup('parameter_overrides');
  if (overrides !== undefined) {
    const { entry, command } = overrides;
    const items = Array.isArray(entry.value) ? entry.value : [entry.value];
    for (const item of items) {
      if (typeof item !== 'string') {
        problems.push({ code: 'samconfig-invalid', severity: 'warning', message: 'parameter_overrides must be a string of Key=Value pairs or an array of them', span: entry.span });
        continue;
      }
      const pairs = parseParameterOverrides(item);
      if (pairs.length === 0 && item.trim() !== '') {
        problems.push({ code: 'samconfig-invalid', severity: 'warning', message: `parameter_overrides item '${item.length > 60 ? `${item.slice(0, 60)}…` : item}' holds no Key=Value pair; sam deploy rejects it`, span: entry.span });
      }
      for (const [k, v] of pairs) parameters.set(k, { value: v, span: entry.span, command });
    }
  }
  const region = text('region');
  const templateFile = text('template_file') ?? text('template');
  return { parameters, region, templateFile, problems };
}

/**
 * SAM CLI's parameter_overrides format (CfnParameterOverridesType): `Key=Value` pairs after spaces, a value
 * either double-quoted (`"a b"`, with backslash escapes) or unquoted (no space or quote; backslash escapes),
 * or CloudFormation's `ParameterKey=K,ParameterValue=V`. Text between pairs that does not match is skipped, as
 * SAM CLI's findall does. Quotes around a value are removed and `\"` and `\ ` unescaped, as its _unquote does.
 */
export function parseParameterOverrides(item: string): [string, string][] {
  const text = ` ${item.trim()}`;
  const out: [string, string][] = [];
  const long = text.includes('ParameterKey=');
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) !== CH_SPACE) {
      i++;
      continue;
    }
    const m = long ? matchLongPair(text, i + 1) : matchPair(text, i + 1);
    if (m === undefined) {
      i++;
      continue;
    }
    out.push([unquote(m.key), unquote(m.value)]);
    i = m.end;
  }
  return out;
}

interface PairMatch {
  readonly key: string;
  readonly value: string;
  readonly end: number;
}

function matchPair(text: string, at: number): PairMatch | undefined {
  const keyEnd = matchKey(text, at);
  if (keyEnd === at || text.charCodeAt(keyEnd) !== 61 /* = */) return undefined;
  const valueEnd = matchValue(text, keyEnd + 1);
  if (valueEnd === undefined) return undefined;
  return { key: text.slice(at, keyEnd), value: text.slice(keyEnd + 1, valueEnd), end: valueEnd };
}

function matchLongPair(text: string, at: number): PairMatch | undefined {
  if (!text.startsWith('ParameterKey=', at)) return undefined;
  const keyStart = at + 'ParameterKey='.length;
  const keyEnd = matchKey(text, keyStart);
  if (keyEnd === keyStart || !text.startsWith(',ParameterValue=', keyEnd)) return undefined;
  const valueStart = keyEnd + ',ParameterValue='.length;
  const valueEnd = matchValue(text, valueStart);
  if (valueEnd === undefined) return undefined;
  return { key: text.slice(keyStart, keyEnd), value: text.slice(valueStart, valueEnd), end: valueEnd };
}

/** SAM CLI's key pattern `[A-Za-z0-9"]+`: the end of the key starting at `at` (at itself when none). */
function matchKey(text: string, at: number): number {
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === CH_DQ)) break;
  }
  return i;
}

/** The end of a value: `"(?:\\.|[^"\\])*"` or `(?:\\.|[^ "\\])+`; undefined when none starts at `at`. */
function matchValue(text: string, at: number): number | undefined {
  if (text.charCodeAt(at) === CH_DQ) {
    for (let i = at + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CH_BACKSLASH) {
        if (i + 1 >= text.length) break;
        i++;
      } else if (c === CH_DQ) return i + 1;
    }
    return undefined;
  }
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === CH_BACKSLASH && i + 1 < text.length) i += 2;
    else if (c === CH_SPACE || c === CH_DQ || c === CH_BACKSLASH) break;
    else i++;
  }
  return i > at ? i : undefined;
}

function unquote(value: string): string {
  let v = value;
  if (v.length > 0 && v.startsWith('"') && v.endsWith('"')) {
    let s = 0;
    let e = v.length;
    while (s < e && v.charCodeAt(s) === CH_DQ) s++;
    while (e > s && v.charCodeAt(e - 1) === CH_DQ) e--;
    v = v.slice(s, e);
  }
  return v.replaceAll('\\ ', ' ').replaceAll('\\"', '"');
}
