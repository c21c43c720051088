// The HCL native-syntax reader (.tf, .tfvars): a hand-written, error-tolerant lexer and recursive-descent
// parser producing the tree of ast.ts with exact spans. Never throws; linear time; recovers per line/block.

import { LineIndex, type Span, type SyntaxProblem } from '../text';
import { internName, StringCache } from '../stringCache';
import type {
  HclAttribute,
  HclBinaryOp,
  HclBlock,
  HclBody,
  HclCall,
  HclComment,
  HclExpr,
  HclFile,
  HclLabel,
  HclTemplate,
  HclTemplatePart,
  HclTraversalRef,
  HclVariable,
} from './ast';

/**
 * An array filled by push keeps the capacity it grew to (17 slots after the first push), and syntax trees are
 * retained while the workspace is analysed: every young-generation GC they survive copies the slack too. A
 * slice holds exactly its items; the grown array dies young, which costs the collector nothing.
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

export function parseHcl(text: string): HclFile {
  const parser = new HclParser(text, 0, undefined);
  const body = parser.parseFile();
  return { body, problems: parser.problems, comments: parser.comments, syntax: 'native', traversals: exact(parser.traversals) };
}

/**
 * Parses `content` as the inside of a template with no delimiters (what a JSON string holds in HCL's JSON
 * syntax). Spans are mapped into the enclosing file: `map[i]` is the file offset of content offset i (length
 * content.length + 1); without a map, offsets are shifted by `base`.
 */
export function parseTemplateContent(
  content: string,
  base: number,
  map: Int32Array | undefined,
): { parts: HclTemplatePart[]; problems: SyntaxProblem[] } {
  const parser = new HclParser(content, base, map);
  return { parts: parser.parseRawTemplate(), problems: parser.problems };
}

const enum T {
  EOF,
  Newline,
  Ident,
  Number,
  OQuote,
  Heredoc,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Equal,
  Colon,
  DColon,
  Question,
  Arrow,
  Or,
  And,
  EqEq,
  NotEq,
  Lt,
  Gt,
  Le,
  Ge,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Bang,
  Invalid,
}

const enum Mode {
  Quoted,
  Heredoc,
  Raw,
}

const enum Term {
  End,
  Else,
  EndIf,
  EndFor,
}

/** A string part while its template is read: strip markers and `<<-` still change its value. */
type MutableString = { kind: 'string'; value: string; span: Span };

/**
 * The tokens of a `<<-` heredoc in order (HCL scans each line as its own literal): each literal's text and the
 * part it joins, or '' and null for a `${…}`/`%{…}` sequence. Parallel arrays: no object per line.
 */
interface HeredocTokens {
  readonly texts: string[];
  readonly parts: (MutableString | null)[];
}

/** The span of a string part until its last token is read. */
const NO_SPAN: Span = { start: 0, end: 0 };
/** Holds a call's place in HclFile.traversals while its arguments are read. */
const CALL_SLOT: HclTraversalRef = { kind: 'variable', name: '', span: NO_SPAN };

/** Go's unicode.IsSpace, which HCL's strip markers and `<<-` use (JavaScript's trim differs on U+0085, U+FEFF). */
function isSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function trimSpaceStart(s: string): string {
  let k = 0;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  return k === 0 ? s : s.slice(k);
}

function trimSpaceEnd(s: string): string {
  let k = s.length;
  while (k > 0 && isSpace(s.charCodeAt(k - 1))) k--;
  return k === s.length ? s : s.slice(0, k);
}

/**
 * `<<-`: HCL's flushHeredocTemplateParts, applied after the strip markers; then sets the parts' values. Only a
 * token that starts a line (the first one, or one after a token ending in a line break) has indentation; a
 * line starting with `${` or `%{`, or whose text a strip marker emptied, has none; a whitespace-only line
 * ending in a line break is ignored and kept. The smallest indentation is removed from every line-starting
 * token (counted in characters, as HCL counts grapheme clusters of whitespace).
 */
function removeIndentation(tokens: HeredocTokens): void {
  const { texts, parts } = tokens;
  let min = Number.MAX_SAFE_INTEGER;
  let lineStart = true;
  for (let k = 0; k < texts.length; k++) {
    const t = texts[k] ?? '';
    if (lineStart) {
      lineStart = false;
      if (parts[k] === null) min = 0;
      else if (!blankLine(t)) min = Math.min(min, leadingSpaces(t));
    }
    if (t.charCodeAt(t.length - 1) === 10) lineStart = true;
  }
  if (min === Number.MAX_SAFE_INTEGER) min = 0;
  // Removing indentation never changes how a token ends, so the line starts are found again the same way.
  let part: MutableString | null = null;
  let value = '';
  lineStart = true;
  for (let k = 0; k < texts.length; k++) {
    let t = texts[k] ?? '';
    const owner = parts[k] ?? null;
    const ends = t.charCodeAt(t.length - 1) === 10;
    if (lineStart && min > 0 && owner !== null && !blankLine(t)) t = t.slice(min);
    lineStart = ends;
    if (owner === null) continue;
    if (owner !== part) {
      if (part !== null) part.value = value;
      part = owner;
      value = t;
    } else {
      value += t;
    }
  }
  if (part !== null) part.value = value;
}

function leadingSpaces(t: string): number {
  let n = 0;
  while (n < t.length && isSpace(t.charCodeAt(n))) n++;
  return n;
}

/** A whitespace-only line ending in a line break: HCL neither counts nor strips its indentation. */
function blankLine(t: string): boolean {
  return t.charCodeAt(t.length - 1) === 10 && leadingSpaces(t) === t.length;
}

/** Guards against stack overflow on pathological nesting; real configurations nest a few levels. */
const MAX_EXPR_DEPTH = 200;
const MAX_BLOCK_DEPTH = 100;

/**
 * Block types that only appear at the top level of a Terraform file. A nested body that meets one of them at
 * column 0 is taken to be missing its `}` (the user is typing), so the following blocks stay top-level.
 */
const TOP_LEVEL_BLOCKS = new Set([
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'provider',
  'locals',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
  'ephemeral',
]);

const TOKEN_NAMES: readonly string[] = [
  'end of file',
  'newline',
  'identifier',
  'number',
  "'\"'",
  'heredoc',
  "'{'",
  "'}'",
  "'['",
  "']'",
  "'('",
  "')'",
  "','",
  "'.'",
  "'...'",
  "'='",
  "':'",
  "'::'",
  "'?'",
  "'=>'",
  "'||'",
  "'&&'",
  "'=='",
  "'!='",
  "'<'",
  "'>'",
  "'<='",
  "'>='",
  "'+'",
  "'-'",
  "'*'",
  "'/'",
  "'%'",
  "'!'",
  'invalid character',
];

/** Binary operator precedence by token (0: not a binary operator); HCL: || < && < == != < comparisons < + - < * / %. */
const PRECEDENCE = new Uint8Array(T.Invalid + 1);
const OPERATOR: HclBinaryOp[] = [];
for (const [t, prec, op] of [
  [T.Or, 1, '||'],
  [T.And, 2, '&&'],
  [T.EqEq, 3, '=='],
  [T.NotEq, 3, '!='],
  [T.Lt, 4, '<'],
  [T.Gt, 4, '>'],
  [T.Le, 4, '<='],
  [T.Ge, 4, '>='],
  [T.Plus, 5, '+'],
  [T.Minus, 5, '-'],
  [T.Star, 6, '*'],
  [T.Slash, 6, '/'],
  [T.Percent, 6, '%'],
] as const) {
  PRECEDENCE[t] = prec;
  OPERATOR[t] = op;
}

const NON_ASCII_LETTER = /[\p{L}\p{Nl}]/u;
const NON_ASCII_IDENT = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function isIdentStart(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return NON_ASCII_LETTER.test(text.charAt(i));
}

function isIdentPart(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
  return NON_ASCII_IDENT.test(text.charAt(i));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexValue(text: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

class HclParser {
  readonly problems: SyntaxProblem[] = [];
  readonly comments: HclComment[] = [];
  /** HclFile.traversals, recorded as the expressions are built; cut back wherever a built part is dropped. */
  readonly traversals: HclTraversalRef[] = [];
  /** The names bound by the `for` expressions and `%{for}` directives around the expression being read. */
  private readonly forNames: string[] = [];
  /** The last variable parsePrimary returned (parseUnary tells a traversal's root by identity). */
  private lastVariable: HclVariable | undefined;

  private readonly end: number;
  /** Where the next token scan starts. */
  private pos = 0;
  private tok: T = T.EOF;
  private tokStart = 0;
  private tokEnd = 0;
  /** The current `}` was written `~}` (strip the whitespace after it). */
  private tokStrip = false;
  private hdMarker = '';
  private hdIndented = false;
  /** While > 0 (inside parentheses, brackets, interpolations), newlines are not tokens. */
  private ignoreNl = false;
  /** Comments before this offset were already collected (the lexer may re-scan after a rewind). */
  private commentMark = 0;
  private exprDepth = 0;
  /**
   * The deepest exprDepth reached, counting one more per operator of a binary chain and per step of a
   * traversal (`1 + 1 + …`, `a.b.c…` build trees as deep as they are long, which would overflow the stack of
   * every tree walker after the parser): parseBinary and parsePostfix read it to bound the trees they build.
   */
  private peakDepth = 0;
  private blockDepth = 0;
  /** Template scanning position and the terminator that ended the last nested part list. */
  private tpos = 0;
  private term: Term = Term.End;
  private termEnd = 0;
  /** The last `}` was written `~}`: the next literal token loses its leading whitespace. */
  private stripNext = false;
  /** The string part ending with the last literal token (for `${~`). */
  private lastString: MutableString | undefined;
  /** In a `<<-` heredoc: its literal tokens in order, null for each `${…}`/`%{…}` (see removeIndentation). */
  private hdTokens: HeredocTokens | undefined;
  /** The index in hdTokens of the last literal token, or -1. */
  private lastToken = -1;
  /** The opening quote of the quoted template being read (for "unterminated" reports from nested parts). */
  private quoteOpen = 0;
  private lines: LineIndex | undefined;
  /** Names repeat thousands of times in a workspace (vpc_id, aws_subnet, var, each): one string per name (`name()`). */
  private readonly strings: StringCache;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly map: Int32Array | undefined,
  ) {
    this.end = text.length;
    this.strings = new StringCache(text);
  }

  // ---------------------------------------------------------------------------------------------- entry points

  parseFile(): HclBody {
    this.pos = 0;
    this.advance();
    const items = this.parseBodyItems(true);
    return { items, span: this.sp(0, this.end) };
  }

  parseRawTemplate(): HclTemplatePart[] {
    this.tpos = 0;
    this.stripNext = false;
    return this.scanParts(Mode.Raw, this.end, false);
  }

  // ---------------------------------------------------------------------------------------------- problems, spans

  /** A source offset (no allocation: throwaway spans at the `sp` site would stop V8 pretenuring the kept ones). */
  private at(offset: number): number {
    const map = this.map;
    return map === undefined ? offset + this.base : (map[offset] ?? this.base);
  }

  private sp(start: number, end: number): Span {
    const map = this.map;
    if (map === undefined) return { start: start + this.base, end: end + this.base };
    return { start: map[start] ?? this.base, end: map[end] ?? this.base };
  }

  private error(start: number, end: number, message: string): void {
    const span = this.sp(start, end);
    const last = this.problems[this.problems.length - 1];
    // One mistake often makes several enclosing constructs fail at the same place: report it once.
    if (last !== undefined && last.span.start === span.start) return;
    this.problems.push({ code: 'hcl-syntax', message, severity: 'error', span });
  }

  private lineOf(offset: number): number {
    if (this.lines === undefined) this.lines = new LineIndex(this.text);
    return this.lines.positionAt(offset).line + 1;
  }

  private describeToken(): string {
    const t = this.tok;
    if (t === T.Ident || t === T.Number || t === T.Invalid) {
      return `'${this.text.slice(this.tokStart, Math.min(this.tokEnd, this.tokStart + 40))}'`;
    }
    return TOKEN_NAMES[t] ?? 'token';
  }

  // ---------------------------------------------------------------------------------------------- lexer

  /** Scans the next token from `pos`. Newlines are always tokens here; `peek` drops them where ignored. */
  private advance(): void {
    const text = this.text;
    const end = this.end;
    let i = this.pos;
    let c: number;
    for (;;) {
      if (i >= end) {
        this.tok = T.EOF;
        this.tokStart = this.tokEnd = this.pos = end;
        return;
      }
      c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
      } else if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) {
        const start = i;
        while (i < end) {
          const d = text.charCodeAt(i);
          if (d === 10 || (d === 13 && text.charCodeAt(i + 1) === 10)) break;
          i++;
        }
        this.addComment(start, i);
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const start = i;
        const close = text.indexOf('*/', i + 2);
        if (close < 0 || close + 2 > end) {
          i = end;
          if (start >= this.commentMark) this.error(start, start + 2, 'Unterminated comment: expected "*/"');
        } else {
          i = close + 2;
        }
        this.addComment(start, i);
      } else {
        break;
      }
    }
    const start = i;
    this.tokStart = start;
    this.tokStrip = false;
    let t: T;
    switch (c) {
      case 10:
        t = T.Newline;
        i++;
        break;
      case 123:
        t = T.LBrace;
        i++;
        break;
      case 125:
        t = T.RBrace;
        i++;
        break;
      case 91:
        t = T.LBrack;
        i++;
        break;
      case 93:
        t = T.RBrack;
        i++;
        break;
      case 40:
        t = T.LParen;
        i++;
        break;
      case 41:
        t = T.RParen;
        i++;
        break;
      case 44:
        t = T.Comma;
        i++;
        break;
      case 34:
        t = T.OQuote;
        i++;
        break;
      case 46:
        if (text.charCodeAt(i + 1) === 46 && text.charCodeAt(i + 2) === 46) {
          t = T.Ellipsis;
          i += 3;
        } else {
          t = T.Dot;
          i++;
        }
        break;
      case 61: {
        const d = text.charCodeAt(i + 1);
        if (d === 61) {
          t = T.EqEq;
          i += 2;
        } else if (d === 62) {
          t = T.Arrow;
          i += 2;
        } else {
          t = T.Equal;
          i++;
        }
        break;
      }
      case 58:
        if (text.charCodeAt(i + 1) === 58) {
          t = T.DColon;
          i += 2;
        } else {
          t = T.Colon;
          i++;
        }
        break;
      case 63:
        t = T.Question;
        i++;
        break;
      case 33:
        if (text.charCodeAt(i + 1) === 61) {
          t = T.NotEq;
          i += 2;
        } else {
          t = T.Bang;
          i++;
        }
        break;
      case 124:
        if (text.charCodeAt(i + 1) === 124) {
          t = T.Or;
          i += 2;
        } else {
          t = T.Invalid;
          i++;
        }
        break;
      case 38:
        if (text.charCodeAt(i + 1) === 38) {
          t = T.And;
          i += 2;
        } else {
          t = T.Invalid;
          i++;
        }
        break;
      case 60:
        if (text.charCodeAt(i + 1) === 60) {
          const heredocEnd = this.scanHeredocStart(i);
          if (heredocEnd > 0) {
            t = T.Heredoc;
            i = heredocEnd;
          } else {
            t = T.Invalid;
            i += 2;
          }
        } else if (text.charCodeAt(i + 1) === 61) {
          t = T.Le;
          i += 2;
        } else {
          t = T.Lt;
          i++;
        }
        break;
      case 62:
        if (text.charCodeAt(i + 1) === 61) {
          t = T.Ge;
          i += 2;
        } else {
          t = T.Gt;
          i++;
        }
        break;
      case 43:
        t = T.Plus;
        i++;
        break;
      case 45:
        t = T.Minus;
        i++;
        break;
      case 42:
        t = T.Star;
        i++;
        break;
      case 47:
        t = T.Slash;
        i++;
        break;
      case 37:
        t = T.Percent;
        i++;
        break;
      case 126:
        if (text.charCodeAt(i + 1) === 125) {
          t = T.RBrace;
          this.tokStrip = true;
          i += 2;
        } else {
          t = T.Invalid;
          i++;
        }
        break;
      default:
        if (isDigit(c)) {
          t = T.Number;
          i = this.scanNumber(i);
        } else if (isIdentStart(c, text, i)) {
          t = T.Ident;
          i++;
          while (i < end && isIdentPart(text.charCodeAt(i), text, i)) i++;
        } else {
          t = T.Invalid;
          // Keep surrogate pairs together so a span never splits a character.
          i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        }
    }
    this.tok = t;
    this.tokEnd = i;
    this.pos = i;
  }

  private scanNumber(i: number): number {
    const text = this.text;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const s = text.charCodeAt(j);
      if (s === 43 || s === 45) j++;
      if (isDigit(text.charCodeAt(j))) {
        while (isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
    }
    return i;
  }

  /** At `<<`: returns the offset after the marker word if this opens a heredoc, else 0. */
  private scanHeredocStart(i: number): number {
    const text = this.text;
    let j = i + 2;
    const indented = text.charCodeAt(j) === 45;
    if (indented) j++;
    const markerStart = j;
    if (!isIdentStart(text.charCodeAt(j), text, j)) return 0;
    while (j < this.end && isIdentPart(text.charCodeAt(j), text, j)) j++;
    let k = j;
    if (text.charCodeAt(k) === 13) k++;
    if (k < this.end && text.charCodeAt(k) !== 10) return 0;
    this.hdMarker = text.slice(markerStart, j);
    this.hdIndented = indented;
    return j;
  }

  private addComment(start: number, end: number): void {
    if (start < this.commentMark) return;
    this.comments.push({ text: this.text.slice(start, end), span: this.sp(start, end) });
    this.commentMark = end;
  }

  /** The current token without narrowing (TypeScript cannot see that calls move the lexer). */
  private cur(): T {
    return this.tok;
  }

  /** The current token, skipping newlines where they are not significant. */
  private peek(): T {
    if (this.ignoreNl) while (this.tok === T.Newline) this.advance();
    return this.tok;
  }

  /** Restarts scanning at `offset`, forgetting comments collected at or after it. */
  private rewind(offset: number): void {
    const mapped = this.at(offset);
    while (this.comments.length > 0) {
      const last = this.comments[this.comments.length - 1];
      if (last === undefined || last.span.start < mapped) break;
      this.comments.pop();
    }
    if (this.commentMark > offset) this.commentMark = offset;
    this.pos = offset;
    this.advance();
  }

  private atColumn0(offset: number): boolean {
    return offset === 0 || this.text.charCodeAt(offset - 1) === 10;
  }

  /** The current token starts a top-level block header at column 0 (see TOP_LEVEL_BLOCKS). */
  private atTopLevelHeader(): boolean {
    if (this.tok !== T.Ident || !this.atColumn0(this.tokStart)) return false;
    if (!TOP_LEVEL_BLOCKS.has(this.text.slice(this.tokStart, this.tokEnd))) return false;
    let i = this.tokEnd;
    while (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9) i++;
    const c = this.text.charCodeAt(i);
    return c === 34 || c === 123 || (i > this.tokEnd && isIdentStart(c, this.text, i));
  }

  /** Skips one token; strings and heredocs are skipped whole so their content is not read as tokens. */
  private skipToken(): void {
    const mark = this.traversals.length;
    if (this.tok === T.OQuote) this.parseQuoted();
    else if (this.tok === T.Heredoc) this.parseHeredoc();
    else this.advance();
    this.dropTraversals(mark);
  }

  /** Recovery: skips to the end of the line (and stops before a `}` when inside a block). */
  private skipLine(stopAtBrace: boolean): void {
    const saved = this.ignoreNl;
    this.ignoreNl = false;
    for (;;) {
      const t = this.tok;
      if (t === T.Newline || t === T.EOF || (stopAtBrace && t === T.RBrace)) break;
      this.skipToken();
    }
    this.ignoreNl = saved;
  }

  // ---------------------------------------------------------------------------------------------- bodies

  private parseBodyItems(top: boolean): (HclAttribute | HclBlock)[] {
    const items: (HclAttribute | HclBlock)[] = [];
    for (;;) {
      const t = this.tok;
      if (t === T.Newline) {
        this.advance();
        continue;
      }
      if (t === T.EOF) break;
      if (t === T.RBrace) {
        if (!top) break;
        this.error(this.tokStart, this.tokEnd, "Unexpected '}': no block is open here");
        this.advance();
        continue;
      }
      if (t !== T.Ident) {
        this.error(this.tokStart, this.tokEnd, `Expected an attribute or a block, found ${this.describeToken()}`);
        this.skipLine(!top);
        continue;
      }
      if (!top && this.atTopLevelHeader()) break;
      const item = this.parseItem(top);
      if (item !== undefined) items.push(item);
    }
    return exact(items);
  }

  private parseItem(top: boolean): HclAttribute | HclBlock | undefined {
    const nameStart = this.tokStart;
    const nameEnd = this.tokEnd;
    const name = this.strings.name(nameStart, nameEnd);
    this.advance();
    const t = this.tok;
    if (t === T.Equal) {
      this.advance();
      const expr = this.parseExpression();
      const after = this.tok;
      // A top-level block header here means a bracket was left open: it was reported, and the header is kept.
      if (after !== T.Newline && after !== T.EOF && !(after === T.RBrace && !top) && !this.atTopLevelHeader()) {
        this.error(
          this.tokStart,
          this.tokEnd,
          `Unexpected ${this.describeToken()} after the value of '${name}': expected a newline`,
        );
        this.skipLine(!top);
      }
      return {
        kind: 'attribute',
        name,
        nameSpan: this.sp(nameStart, nameEnd),
        expr,
        span: { start: this.at(nameStart), end: expr.span.end },
      };
    }
    if (t === T.OQuote || t === T.Ident || t === T.LBrace) return this.parseBlock(name, nameStart, nameEnd, top);
    if (t === T.Newline || t === T.EOF) {
      this.error(nameStart, nameEnd, `Expected '=' after '${name}' for an attribute, or labels and '{' for a block`);
    } else {
      this.error(this.tokStart, this.tokEnd, `Unexpected ${this.describeToken()} after '${name}': expected '=' or '{'`);
      this.skipLine(!top);
    }
    return undefined;
  }

  private parseBlock(type: string, typeStart: number, typeEnd: number, top: boolean): HclBlock {
    const labels: HclLabel[] = [];
    let lastEnd = typeEnd;
    for (;;) {
      const t = this.tok;
      if (t === T.OQuote) {
        const start = this.tokStart;
        const tpl = this.parseQuoted();
        lastEnd = this.tpos;
        let value = '';
        for (const part of tpl.parts) {
          if (part.kind === 'string') value += part.value;
          else this.error(start, lastEnd, 'Block labels cannot contain interpolations or directives');
        }
        labels.push({ value: internName(value), span: tpl.span });
      } else if (t === T.Ident) {
        labels.push({ value: this.strings.name(this.tokStart, this.tokEnd), span: this.sp(this.tokStart, this.tokEnd) });
        lastEnd = this.tokEnd;
        this.advance();
      } else {
        break;
      }
    }
    const typeSpan = this.sp(typeStart, typeEnd);
    if (this.tok !== T.LBrace) {
      this.error(
        this.tokStart,
        this.tokEnd,
        `Expected '{' to open the body of the '${type}' block, found ${this.describeToken()}`,
      );
      this.skipLine(!top);
      return {
        kind: 'block',
        type,
        typeSpan,
        labels,
        body: { items: [], span: this.sp(lastEnd, lastEnd) },
        span: this.sp(typeStart, lastEnd),
      };
    }
    const openStart = this.tokStart;
    this.advance();
    let items: (HclAttribute | HclBlock)[];
    if (++this.blockDepth > MAX_BLOCK_DEPTH) {
      this.error(openStart, openStart + 1, 'Blocks are nested too deeply');
      items = [];
      while (this.cur() !== T.EOF && this.cur() !== T.RBrace) this.skipToken();
    } else {
      items = this.parseBodyItems(false);
    }
    this.blockDepth--;
    let end: number;
    if (this.cur() === T.RBrace) {
      end = this.tokEnd;
      this.advance();
    } else {
      const lastItem = items[items.length - 1];
      end = lastItem !== undefined ? this.unmapEnd(lastItem.span.end, openStart + 1) : openStart + 1;
      this.error(openStart, openStart + 1, `Expected '}' to close the block opened at line ${this.lineOf(openStart)}`);
    }
    return {
      kind: 'block',
      type,
      typeSpan,
      labels: exact(labels),
      body: { items, span: this.sp(openStart, end) },
      span: this.sp(typeStart, end),
    };
  }

  /** Native parses have no span map, so a mapped offset is the raw one; kept as a function for clarity. */
  private unmapEnd(mappedEnd: number, fallback: number): number {
    return this.map === undefined ? mappedEnd - this.base : fallback;
  }

  // ---------------------------------------------------------------------------------------------- expressions

  /** Reports at the current token (consuming nothing) and returns an empty `invalid` placeholder there. */
  private invalidHere(message: string): HclExpr {
    const start = this.tokStart;
    this.error(start, this.tok === T.Newline || this.tok === T.EOF ? start : this.tokEnd, message);
    return { kind: 'invalid', span: this.sp(start, start) };
  }

  private parseExpression(): HclExpr {
    if (this.exprDepth >= MAX_EXPR_DEPTH) return this.invalidHere('Expression is nested too deeply');
    this.exprDepth++;
    const condition = this.parseBinary(1);
    let result = condition;
    if (this.peek() === T.Question) {
      this.advance();
      const then = this.parseExpression();
      let otherwise: HclExpr;
      if (this.peek() === T.Colon) {
        this.advance();
        otherwise = this.parseExpression();
      } else {
        otherwise = this.invalidHere(`Expected ':' in the conditional expression, found ${this.describeToken()}`);
      }
      result = {
        kind: 'conditional',
        condition,
        then,
        else: otherwise,
        span: { start: condition.span.start, end: Math.max(otherwise.span.end, then.span.end) },
      };
    }
    this.exprDepth--;
    return result;
  }

  private parseBinary(minPrec: number): HclExpr {
    const outerPeak = this.peakDepth;
    let left = this.parseUnary();
    let depth = this.peakDepth;
    for (;;) {
      const t = this.peek();
      const prec = PRECEDENCE[t] ?? 0;
      const op = OPERATOR[t];
      if (prec === 0 || prec < minPrec || op === undefined) break;
      if (depth >= MAX_EXPR_DEPTH) {
        this.error(this.tokStart, this.tokEnd, 'Expression is nested too deeply (too many operators in a row)');
        break;
      }
      this.advance();
      this.peakDepth = this.exprDepth;
      const right = this.parseBinary(prec + 1);
      depth = Math.max(depth, this.peakDepth) + 1;
      left = { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    this.peakDepth = Math.max(outerPeak, depth);
    return left;
  }

  private parseUnary(): HclExpr {
    const t = this.peek();
    if (t === T.Bang || t === T.Minus) {
      const start = this.tokStart;
      this.advance();
      if (this.exprDepth >= MAX_EXPR_DEPTH) return this.invalidHere('Expression is nested too deeply');
      this.exprDepth++;
      const operand = this.parseUnary();
      this.exprDepth--;
      return {
        kind: 'unary',
        op: t === T.Bang ? '!' : '-',
        operand,
        span: { start: this.at(start), end: operand.span.end },
      };
    }
    this.peakDepth = this.exprDepth;
    const mark = this.traversals.length;
    const primary = this.parsePrimary();
    // Compared by identity: reading `kind` of every primary costs more (its hidden class varies).
    const root = primary === this.lastVariable ? this.lastVariable : undefined;
    return this.parsePostfix(primary, mark, root);
  }

  /** Forgets the traversals recorded from `mark` on (their expression is not kept in the tree). */
  private dropTraversals(mark: number): void {
    // pop, not a length assignment: that is a runtime call, and object keys come here often.
    const list = this.traversals;
    while (list.length > mark) list.pop();
  }

  /** Records a finished traversal rooted at `root` unless a `for` binds the root's name. */
  private recordTraversal(e: HclTraversalRef, root: string): void {
    if (this.forNames.length === 0 || !this.forNames.includes(root)) this.traversals.push(e);
  }

  /**
   * `mark`: the length of `traversals` before the primary expression was read; `root`: the primary when it is
   * a variable (the chain built on it is recorded when it ends, or when a splat takes it as its source).
   */
  private parsePostfix(expr: HclExpr, mark: number, root: HclVariable | undefined): HclExpr {
    let e = expr;
    let rootName = root?.name;
    for (;;) {
      const t = this.peek();
      if ((t === T.Dot || t === T.LBrack) && ++this.peakDepth > MAX_EXPR_DEPTH) {
        this.error(this.tokStart, this.tokEnd, 'Expression is nested too deeply (too many attribute or index steps in a row)');
        if (rootName !== undefined) this.recordTraversal(e as HclTraversalRef, rootName);
        return e;
      }
      if (t === T.Dot) {
        const dotStart = this.tokStart;
        const dotEnd = this.tokEnd;
        this.advance();
        const n = this.peek();
        if (n === T.Star) {
          const starEnd = this.tokEnd;
          this.advance();
          if (rootName !== undefined) this.recordTraversal(e as HclTraversalRef, rootName);
          rootName = undefined;
          e = this.parseSplat(e, dotStart, starEnd, false);
          continue;
        }
        const step = this.parseDotStep(e);
        if (step === undefined) {
          this.error(dotEnd, this.tok === T.Newline || this.tok === T.EOF ? dotEnd : this.tokEnd,
            "Expected an attribute name after '.'");
          // A broken step drops the whole chain, references in its index keys included.
          this.dropTraversals(mark);
          return { kind: 'invalid', span: { start: e.span.start, end: this.at(dotEnd) } };
        }
        e = step;
      } else if (t === T.LBrack) {
        const open = this.tokStart;
        const saved = this.ignoreNl;
        this.ignoreNl = true;
        this.advance();
        if (this.peek() === T.Star) {
          const starStart = this.tokStart;
          this.advance();
          if (this.peek() === T.RBrack) {
            const close = this.tokEnd;
            this.ignoreNl = saved;
            this.advance();
            if (rootName !== undefined) this.recordTraversal(e as HclTraversalRef, rootName);
            rootName = undefined;
            e = this.parseSplat(e, open, close, true);
            continue;
          }
          this.error(starStart, this.tokEnd, "Expected ']' after '[*'");
        }
        const keyMark = this.traversals.length;
        const key = this.parseExpression();
        if (keyMark !== mark && this.traversals.length !== keyMark) this.keyFirst(mark, keyMark);
        let end: number;
        if (this.peek() === T.RBrack) {
          end = this.tokEnd;
          this.ignoreNl = saved;
          this.advance();
        } else {
          this.error(this.tokStart, this.tokEnd, `Expected ']' to close the index, found ${this.describeToken()}`);
          this.ignoreNl = saved;
          end = -1;
        }
        e = {
          kind: 'index',
          object: e,
          key,
          span: { start: e.span.start, end: end >= 0 ? this.at(end) : key.span.end },
        };
      } else {
        if (rootName !== undefined) this.recordTraversal(e as HclTraversalRef, rootName);
        return e;
      }
    }
  }

  /**
   * The entries of an index key (from `keyMark`) go before those of the object it indexes (from `mark`), as
   * HclFile.traversals orders them. Rare: needs a reference both in the key and in an earlier part of the chain.
   */
  private keyFirst(mark: number, keyMark: number): void {
    const list = this.traversals;
    const key = list.splice(keyMark);
    list.splice(mark, 0, ...key);
  }

  /** After a `.`: `name` or a legacy numeric index `0`. Undefined (nothing consumed) when neither follows. */
  private parseDotStep(object: HclExpr): HclExpr | undefined {
    const t = this.tok;
    if (t === T.Ident) {
      const nameSpan = this.sp(this.tokStart, this.tokEnd);
      const name = this.strings.name(this.tokStart, this.tokEnd);
      this.advance();
      return { kind: 'getAttr', object, name, nameSpan, span: { start: object.span.start, end: nameSpan.end } };
    }
    if (t === T.Number) {
      // Legacy `list.0.name`: only the digits belong to this step (the lexer may have read `0.1` as one number).
      const start = this.tokStart;
      let i = start;
      while (isDigit(this.text.charCodeAt(i))) i++;
      const key: HclExpr = { kind: 'literal', value: Number(this.text.slice(start, i)), span: this.sp(start, i) };
      if (i !== this.tokEnd) this.rewind(i);
      else this.advance();
      return { kind: 'index', object, key, span: { start: object.span.start, end: key.span.end } };
    }
    return undefined;
  }

  /** `source[*]…` or `source.*…`: the traversal steps that follow apply to each element. */
  private parseSplat(source: HclExpr, markerStart: number, markerEnd: number, full: boolean): HclExpr {
    let each: HclExpr = { kind: 'splatItem', span: this.sp(markerStart, markerEnd) };
    const mark = this.traversals.length;
    for (;;) {
      const t = this.peek();
      if ((t === T.Dot || t === T.LBrack) && ++this.peakDepth > MAX_EXPR_DEPTH) {
        this.error(this.tokStart, this.tokEnd, 'Expression is nested too deeply (too many attribute or index steps in a row)');
        break;
      }
      if (t === T.Dot) {
        const dotEnd = this.tokEnd;
        // `.*` right after a splat starts a new splat over this one's result.
        const c = this.text.charCodeAt(this.skipBlanks(dotEnd));
        if (c === 42) break;
        this.advance();
        const step = this.parseDotStep(each);
        if (step === undefined) {
          this.error(dotEnd, this.tok === T.Newline || this.tok === T.EOF ? dotEnd : this.tokEnd,
            "Expected an attribute name after '.'");
          break;
        }
        each = step;
      } else if (t === T.LBrack && full) {
        const c = this.text.charCodeAt(this.skipBlanks(this.tokEnd));
        if (c === 42) break;
        const saved = this.ignoreNl;
        this.ignoreNl = true;
        this.advance();
        const keyMark = this.traversals.length;
        const key = this.parseExpression();
        if (keyMark !== mark && this.traversals.length !== keyMark) this.keyFirst(mark, keyMark);
        let end = key.span.end;
        if (this.peek() === T.RBrack) {
          end = this.at(this.tokEnd);
          this.ignoreNl = saved;
          this.advance();
        } else {
          this.error(this.tokStart, this.tokEnd, `Expected ']' to close the index, found ${this.describeToken()}`);
          this.ignoreNl = saved;
        }
        each = { kind: 'index', object: each, key, span: { start: each.span.start, end } };
      } else {
        break;
      }
    }
    return { kind: 'splat', source, each, full, span: { start: source.span.start, end: each.span.end } };
  }

  private skipBlanks(i: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || (c === 10 && this.ignoreNl)) i++;
      else return i;
    }
  }

  private parsePrimary(): HclExpr {
    const t = this.peek();
    const start = this.tokStart;
    if (t === T.Number) {
      const end = this.tokEnd;
      this.advance();
      return { kind: 'literal', value: Number(this.text.slice(start, end)), span: this.sp(start, end) };
    }
    if (t === T.Ident) {
      if (this.ignoreNl && this.atTopLevelHeader()) return this.invalidHere('Expected an expression');
      const end = this.tokEnd;
      const name = this.strings.name(start, end);
      this.advance();
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', span: this.sp(start, end) };
      if (name === 'null') return { kind: 'literal', value: null, span: this.sp(start, end) };
      const n = this.peek();
      if (n === T.LParen || n === T.DColon) return this.parseCall(name, start, end);
      const variable: HclVariable = { kind: 'variable', name, span: this.sp(start, end) };
      this.lastVariable = variable;
      return variable;
    }
    if (t === T.OQuote) return this.parseQuoted();
    if (t === T.Heredoc) return this.parseHeredoc();
    if (t === T.LParen) {
      const saved = this.ignoreNl;
      this.ignoreNl = true;
      this.advance();
      const inner = this.parseExpression();
      let end: number;
      if (this.peek() === T.RParen) {
        end = this.at(this.tokEnd);
        this.ignoreNl = saved;
        this.advance();
      } else {
        this.error(start, start + 1, `Expected ')' to close the parenthesis opened at line ${this.lineOf(start)}`);
        this.ignoreNl = saved;
        end = inner.span.end;
      }
      return { kind: 'paren', inner, span: { start: this.at(start), end } };
    }
    if (t === T.LBrack) return this.parseTuple();
    if (t === T.LBrace) return this.parseObject();
    if (t === T.EOF || t === T.Newline) return this.invalidHere('Expected an expression');
    return this.invalidHere(`Expected an expression, found ${this.describeToken()}`);
  }

  private parseCall(first: string, start: number, firstEnd: number): HclExpr {
    let name = first;
    let nameEnd = firstEnd;
    while (this.peek() === T.DColon) {
      this.advance();
      if (this.peek() !== T.Ident) {
        this.error(this.tokStart, this.tokEnd, "Expected a function name after '::'");
        return { kind: 'invalid', span: this.sp(start, nameEnd) };
      }
      nameEnd = this.tokEnd;
      this.advance();
    }
    if (nameEnd !== firstEnd) name = this.text.slice(start, nameEnd);
    if (this.peek() !== T.LParen) {
      this.error(this.tokStart, this.tokEnd, `Expected '(' after the function name '${name}'`);
      return { kind: 'invalid', span: this.sp(start, nameEnd) };
    }
    const open = this.tokStart;
    const saved = this.ignoreNl;
    this.ignoreNl = true;
    this.advance();
    // The call's entry goes before its arguments' (filled in below: every path from here returns the call).
    const slot = this.traversals.push(CALL_SLOT) - 1;
    const args: HclExpr[] = [];
    let expandFinal = false;
    let closed = false;
    for (;;) {
      const t = this.peek();
      if (t === T.RParen) {
        closed = true;
        break;
      }
      if (t === T.EOF || this.atTopLevelHeader()) break;
      args.push(this.parseExpression());
      const after = this.peek();
      if (after === T.Ellipsis) {
        expandFinal = true;
        this.advance();
        closed = this.peek() === T.RParen;
        if (!closed) this.error(this.tokStart, this.tokEnd, "Expected ')' after '...': it must follow the last argument");
        break;
      }
      if (after === T.Comma) {
        this.advance();
        continue;
      }
      if (after === T.RParen) {
        closed = true;
        break;
      }
      this.error(this.tokStart, this.tokEnd, `Expected ',' or ')' in the call to '${name}', found ${this.describeToken()}`);
      break;
    }
    let end: number;
    if (closed) {
      end = this.tokEnd;
      this.ignoreNl = saved;
      this.advance();
    } else {
      this.error(open, open + 1, `Expected ')' to close the call to '${name}' opened at line ${this.lineOf(open)}`);
      this.ignoreNl = saved;
      const last = args[args.length - 1];
      const unclosed: HclCall = {
        kind: 'call',
        name,
        nameSpan: this.sp(start, nameEnd),
        args,
        expandFinal,
        span: { start: this.at(start), end: last !== undefined ? last.span.end : this.at(open + 1) },
      };
      this.traversals[slot] = unclosed;
      return unclosed;
    }
    const call: HclCall = { kind: 'call', name, nameSpan: this.sp(start, nameEnd), args: exact(args), expandFinal, span: this.sp(start, end) };
    this.traversals[slot] = call;
    return call;
  }

  private isForKeyword(): boolean {
    return this.tok === T.Ident && this.tokEnd - this.tokStart === 3 && this.text.startsWith('for', this.tokStart);
  }

  private isKeyword(word: string): boolean {
    return (
      this.tok === T.Ident && this.tokEnd - this.tokStart === word.length && this.text.startsWith(word, this.tokStart)
    );
  }

  private parseTuple(): HclExpr {
    const open = this.tokStart;
    const saved = this.ignoreNl;
    this.ignoreNl = true;
    this.advance();
    if (this.peek() === T.Ident && this.isForKeyword()) return this.parseFor(open, false, saved);
    const items: HclExpr[] = [];
    let closed = false;
    for (;;) {
      const t = this.peek();
      if (t === T.RBrack) {
        closed = true;
        break;
      }
      if (t === T.EOF || this.atTopLevelHeader()) break;
      items.push(this.parseExpression());
      const after = this.peek();
      if (after === T.Comma) {
        this.advance();
        continue;
      }
      if (after === T.RBrack) {
        closed = true;
        break;
      }
      this.error(this.tokStart, this.tokEnd, `Expected ',' or ']' in the tuple, found ${this.describeToken()}`);
      break;
    }
    if (closed) {
      const end = this.tokEnd;
      this.ignoreNl = saved;
      this.advance();
      return { kind: 'tuple', items: exact(items), span: this.sp(open, end) };
    }
    this.error(open, open + 1, `Expected ']' to close the tuple opened at line ${this.lineOf(open)}`);
    this.ignoreNl = saved;
    const last = items[items.length - 1];
    return {
      kind: 'tuple',
      items,
      span: { start: this.at(open), end: last !== undefined ? last.span.end : this.at(open + 1) },
    };
  }

  private parseObject(): HclExpr {
    const open = this.tokStart;
    const saved = this.ignoreNl;
    this.ignoreNl = true;
    this.advance();
    if (this.peek() === T.Ident && this.isForKeyword()) return this.parseFor(open, true, saved);
    // Object items are separated by newlines (or commas): newlines are significant again.
    this.ignoreNl = false;
    const items: { key: HclExpr; value: HclExpr; span: Span }[] = [];
    let closed = false;
    for (;;) {
      const t = this.tok;
      if (t === T.Newline || t === T.Comma) {
        if (t === T.Comma && items.length === 0) this.error(this.tokStart, this.tokEnd, "Unexpected ','");
        this.advance();
        continue;
      }
      if (t === T.RBrace) {
        closed = true;
        break;
      }
      if (t === T.EOF || this.atTopLevelHeader()) break;
      const mark = this.traversals.length;
      let key = this.parseExpression();
      if (key.kind === 'variable') {
        // A bare name is the key itself, not a reference.
        this.dropTraversals(mark);
        key = { kind: 'literal', value: key.name, span: key.span };
      }
      if (this.tok !== T.Equal && this.tok !== T.Colon) {
        this.error(this.tokStart, this.tokEnd, `Expected '=' or ':' after the object key, found ${this.describeToken()}`);
        this.skipObjectItem();
        this.dropTraversals(mark);
        continue;
      }
      this.advance();
      const value = this.parseExpression();
      items.push({ key, value, span: { start: key.span.start, end: value.span.end } });
      const after = this.cur();
      if (after === T.Comma || after === T.Newline) {
        this.advance();
        continue;
      }
      if (after === T.RBrace) {
        closed = true;
        break;
      }
      if (after === T.EOF) break;
      this.error(this.tokStart, this.tokEnd, `Expected ',', a newline or '}' after the object item, found ${this.describeToken()}`);
      this.skipObjectItem();
    }
    if (closed) {
      const end = this.tokEnd;
      this.ignoreNl = saved;
      this.advance();
      return { kind: 'object', items: exact(items), span: this.sp(open, end) };
    }
    this.error(open, open + 1, `Expected '}' to close the object opened at line ${this.lineOf(open)}`);
    this.ignoreNl = saved;
    const last = items[items.length - 1];
    return {
      kind: 'object',
      items,
      span: { start: this.at(open), end: last !== undefined ? last.span.end : this.at(open + 1) },
    };
  }

  private skipObjectItem(): void {
    for (;;) {
      const t = this.tok;
      if (t === T.Newline || t === T.Comma || t === T.RBrace || t === T.EOF) return;
      this.skipToken();
    }
  }

  /** After `[` or `{` and at `for`: `for k, v in coll : [key =>] value [...] [if cond]`. */
  private parseFor(open: number, objectForm: boolean, savedIgnoreNl: boolean): HclExpr {
    this.advance();
    let keyVar: string | undefined;
    let valueVar = '';
    const closer = objectForm ? T.RBrace : T.RBrack;
    let ok = true;
    if (this.peek() === T.Ident) {
      valueVar = this.text.slice(this.tokStart, this.tokEnd);
      this.advance();
      if (this.peek() === T.Comma) {
        this.advance();
        if (this.peek() === T.Ident) {
          keyVar = valueVar;
          valueVar = this.text.slice(this.tokStart, this.tokEnd);
          this.advance();
        } else {
          ok = false;
          this.error(this.tokStart, this.tokEnd, "Expected a variable name after ',' in the 'for' expression");
        }
      }
    } else {
      ok = false;
      this.error(this.tokStart, this.tokEnd, "Expected a variable name after 'for'");
    }
    let collection: HclExpr;
    if (ok && this.peek() === T.Ident && this.isKeyword('in')) {
      this.advance();
      collection = this.parseExpression();
    } else {
      if (ok) this.error(this.tokStart, this.tokEnd, "Expected 'in' in the 'for' expression");
      ok = false;
      collection = { kind: 'invalid', span: this.sp(this.tokStart, this.tokStart) };
    }
    let keyExpr: HclExpr | undefined;
    let valueExpr: HclExpr;
    let grouping = false;
    let condition: HclExpr | undefined;
    const names = this.forNames.length;
    this.forNames.push(valueVar);
    if (keyVar !== undefined) this.forNames.push(keyVar);
    if (ok && this.peek() === T.Colon) {
      this.advance();
      if (objectForm) {
        keyExpr = this.parseExpression();
        if (this.peek() === T.Arrow) {
          this.advance();
          valueExpr = this.parseExpression();
          if (this.peek() === T.Ellipsis) {
            grouping = true;
            this.advance();
          }
        } else {
          valueExpr = this.invalidHere("Expected '=>' in the object 'for' expression");
        }
      } else {
        valueExpr = this.parseExpression();
      }
      if (this.peek() === T.Ident && this.isKeyword('if')) {
        this.advance();
        condition = this.parseExpression();
      }
    } else {
      if (ok) this.error(this.tokStart, this.tokEnd, "Expected ':' in the 'for' expression");
      valueExpr = { kind: 'invalid', span: this.sp(this.tokStart, this.tokStart) };
    }
    if (this.forNames.length > names) this.forNames.length = names;
    let end: number;
    if (this.peek() === closer) {
      end = this.at(this.tokEnd);
      this.ignoreNl = savedIgnoreNl;
      this.advance();
    } else {
      this.error(
        this.tokStart,
        this.tokEnd,
        `Expected '${objectForm ? '}' : ']'}' to close the 'for' expression opened at line ${this.lineOf(open)}`,
      );
      this.ignoreNl = savedIgnoreNl;
      end = (condition ?? valueExpr).span.end;
    }
    return {
      kind: 'for',
      keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      condition,
      grouping,
      objectForm,
      span: { start: this.at(open), end },
    };
  }

  // ---------------------------------------------------------------------------------------------- templates

  /** At `"`: reads the quoted template and moves the lexer past it. */
  private parseQuoted(): HclTemplate {
    const open = this.tokStart;
    const plain = this.parsePlainQuoted(open);
    if (plain !== undefined) return plain;
    const outerQuote = this.quoteOpen;
    this.quoteOpen = open;
    this.tpos = this.tokEnd;
    const outerTokens = this.hdTokens;
    this.hdTokens = undefined;
    this.stripNext = false;
    const parts = this.scanParts(Mode.Quoted, this.end, false);
    this.hdTokens = outerTokens;
    this.quoteOpen = outerQuote;
    const end = this.tpos;
    if (parts.length === 0) {
      // Contract: a quoted string without interpolation is a template with exactly one string part.
      parts.push({ kind: 'string', value: '', span: this.sp(open + 1, open + 1) });
    }
    this.pos = end;
    this.advance();
    return { kind: 'template', parts: exact(parts), span: this.sp(open, end) };
  }

  /**
   * The common case of a quoted string, read without the template scanner: one line, no escape, no `$` or
   * `%`. The result is what scanParts would build (one string part, the lexer past the closing quote); it
   * exists because half of a workspace's templates are such strings and the scanner allocates for its general
   * case (closures, a growable parts array) on every call. Undefined when the string is anything else.
   */
  private parsePlainQuoted(open: number): HclTemplate | undefined {
    const text = this.text;
    const from = this.tokEnd;
    let j = from;
    for (;;) {
      if (j >= this.end) return undefined;
      const c = text.charCodeAt(j);
      if (c === 34) break;
      if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13) return undefined;
      j++;
    }
    const part: MutableString = { kind: 'string', value: this.strings.slice(from, j), span: this.sp(from, j) };
    this.stripNext = false;
    this.term = Term.End;
    this.lastString = part;
    this.tpos = j + 1;
    this.pos = j + 1;
    this.advance();
    return { kind: 'template', parts: [part], span: this.sp(open, j + 1) };
  }

  /** At `<<MARKER` / `<<-MARKER`: finds the closing line, reads the body and moves the lexer past it. */
  private parseHeredoc(): HclTemplate {
    const text = this.text;
    const open = this.tokStart;
    const marker = this.hdMarker;
    const indented = this.hdIndented;
    const markerLength = marker.length;
    let bodyStart = text.indexOf('\n', this.tokEnd);
    bodyStart = bodyStart < 0 ? this.end : bodyStart + 1;
    let contentEnd = -1;
    let closeEnd = this.end;
    let lineStart = bodyStart;
    while (lineStart < this.end) {
      let k = lineStart;
      while (k < this.end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      if (text.startsWith(marker, k)) {
        const after = text.charCodeAt(k + markerLength);
        if (k + markerLength >= this.end || after === 10 || after === 13) {
          contentEnd = lineStart;
          closeEnd = k + markerLength;
          break;
        }
      }
      const nl = text.indexOf('\n', k);
      lineStart = nl < 0 ? this.end : nl + 1;
    }
    if (contentEnd < 0) {
      contentEnd = this.end;
      closeEnd = this.end;
      this.error(open, this.tokEnd, `Unterminated heredoc: expected a line containing only '${marker}'`);
    }
    this.tpos = bodyStart;
    const outerTokens = this.hdTokens;
    const tokens: HeredocTokens | undefined = indented ? { texts: [], parts: [] } : undefined;
    this.hdTokens = tokens;
    this.stripNext = false;
    const parts = this.scanParts(Mode.Heredoc, contentEnd, false);
    if (tokens !== undefined) removeIndentation(tokens);
    this.hdTokens = outerTokens;
    this.rewind(closeEnd);
    return { kind: 'template', parts: exact(parts), heredoc: { marker, indented }, span: this.sp(open, closeEnd) };
  }

  /**
   * Reads template parts from `tpos` up to `limit` (or the closing quote). With `nested`, stops at
   * `%{else}`/`%{endif}`/`%{endfor}` and records which in `term`. Leaves `tpos` after what it consumed.
   * Literal text is read as HCL's scanner reads it: one literal token per line (and per run between
   * sequences), so a strip marker trims only the adjacent token, never into the next or previous line.
   */
  private scanParts(mode: Mode, limit: number, nested: boolean): HclTemplatePart[] {
    const text = this.text;
    const parts: HclTemplatePart[] = [];
    let i = this.tpos;
    let buf = '';
    let segStart = i;
    /** Start of the literal token being read (-1 between tokens). */
    let tokStart = -1;
    /** The string part the current tokens join (one part per run of literal text between sequences). */
    let str: MutableString | undefined;
    let strStart = 0;
    let strEnd = 0;
    this.term = Term.End;
    const endToken = (at: number): void => {
      if (tokStart < 0) return;
      // Short literals repeat ("tcp", "0.0.0.0/0", "Allow"): shared through the cache when read in one piece.
      let value = buf === '' ? this.strings.slice(segStart, at) : buf + text.slice(segStart, at);
      buf = '';
      if (this.stripNext) {
        this.stripNext = false;
        value = trimSpaceStart(value);
      }
      if (str === undefined) {
        str = { kind: 'string', value: '', span: NO_SPAN };
        parts.push(str);
        strStart = tokStart;
      }
      strEnd = at;
      tokStart = -1;
      if (this.hdTokens !== undefined) {
        // In a `<<-` heredoc the tokens hold the text; removeIndentation joins each part's value.
        this.lastToken = this.hdTokens.texts.push(value) - 1;
        this.hdTokens.parts.push(str);
        return;
      }
      this.lastString = str;
      str.value += value;
    };
    const endString = (): void => {
      if (str === undefined) return;
      str.span = this.sp(strStart, strEnd);
      str = undefined;
    };
    for (;;) {
      if (i >= limit) {
        if (mode === Mode.Quoted) this.unterminated(this.quoteOpen, i);
        endToken(i);
        break;
      }
      const c = text.charCodeAt(i);
      if (mode === Mode.Quoted) {
        if (c === 34) {
          endToken(i);
          i++;
          break;
        }
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) === 10)) {
          this.unterminated(this.quoteOpen, i);
          endToken(i);
          break;
        }
        if (c === 92) {
          if (tokStart < 0) tokStart = i;
          buf += text.slice(segStart, i);
          i = this.decodeEscape(i);
          buf += this.escaped;
          segStart = i;
          continue;
        }
      }
      const next = text.charCodeAt(i + 1);
      if ((c === 36 || c === 37) && next === 123) {
        endToken(i);
        endString();
        // A `~}` strips only a literal right after it.
        this.stripNext = false;
        const open = i;
        i += 2;
        if (text.charCodeAt(i) === 126) {
          i++;
          this.trimLastToken(mode);
        }
        this.lastString = undefined;
        this.lastToken = -1;
        if (this.hdTokens !== undefined) {
          this.hdTokens.texts.push('');
          this.hdTokens.parts.push(null);
        }
        if (c === 36) {
          i = this.scanInterpolation(parts, open, i, mode, limit);
        } else {
          this.tpos = i;
          const stop = this.scanDirective(parts, open, mode, limit, nested);
          i = this.tpos;
          if (stop) {
            this.tpos = i;
            return parts;
          }
        }
        // A template inside the sequence read literals of its own: a following `${~` must not trim them.
        this.lastString = undefined;
        this.lastToken = -1;
        segStart = i;
        continue;
      }
      if ((c === 36 || c === 37) && next === c && text.charCodeAt(i + 2) === 123) {
        // `$${` and `%%{` are the escapes for a literal `${` and `%{`.
        if (tokStart < 0) tokStart = i;
        buf += text.slice(segStart, i + 1);
        i += 2;
        segStart = i;
        continue;
      }
      if (tokStart < 0) tokStart = i;
      i++;
      // A line break ends a token where it matters: `<<-` and the one line after `~}`. Elsewhere the
      // line breaks within a part's value still mark its tokens (see trimLastToken).
      if (c === 10 && (this.hdTokens !== undefined || this.stripNext)) {
        endToken(i);
        segStart = i;
      }
    }
    endString();
    this.stripNext = false;
    this.tpos = i;
    if (nested) this.term = Term.End;
    return parts;
  }

  private unterminated(open: number, at: number): void {
    this.error(open, at, 'Unterminated string: expected \'"\' before the end of the line');
  }

  private escaped = '';

  /** At `\`: decodes one escape into `escaped` and returns the offset after it. */
  private decodeEscape(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i + 1);
    switch (c) {
      case 110:
        this.escaped = '\n';
        return i + 2;
      case 116:
        this.escaped = '\t';
        return i + 2;
      case 114:
        this.escaped = '\r';
        return i + 2;
      case 34:
        this.escaped = '"';
        return i + 2;
      case 92:
        this.escaped = '\\';
        return i + 2;
      case 117:
      case 85: {
        const count = c === 117 ? 4 : 8;
        const v = hexValue(text, i + 2, count);
        if (v >= 0 && v <= 0x10ffff && i + 2 + count <= this.end) {
          this.escaped = String.fromCodePoint(v);
          return i + 2 + count;
        }
        this.error(i, Math.min(i + 2 + count, this.end), `Invalid '\\${c === 117 ? 'u' : 'U'}' escape: expected ${count} hex digits`);
        this.escaped = '';
        return i + 2;
      }
      default:
        if (Number.isNaN(c) || c === 10 || c === 13) {
          this.escaped = '';
          this.error(i, i + 1, 'Incomplete escape sequence');
          return i + 1;
        }
        this.error(i, i + 2, `Invalid escape sequence '\\${text.charAt(i + 1)}'`);
        this.escaped = text.charAt(i + 1);
        return i + 2;
    }
  }

  /** `${~` / `%{~`: removes the trailing whitespace of the literal token right before it (only that token). */
  private trimLastToken(mode: Mode): void {
    const texts = this.hdTokens?.texts;
    if (texts !== undefined && this.lastToken >= 0) {
      texts[this.lastToken] = trimSpaceEnd(texts[this.lastToken] ?? '');
      return;
    }
    const str = this.lastString;
    if (str === undefined) return;
    const v = str.value;
    // A quoted part is one token; in a heredoc or template file the last token is the last line of the part
    // (with its line break when the sequence starts a line), and every "\n" in its value is a line break.
    const at = mode === Mode.Quoted || v.length < 2 ? 0 : v.lastIndexOf('\n', v.length - 2) + 1;
    str.value = v.slice(0, at) + trimSpaceEnd(v.slice(at));
  }

  /** From after `${` (and `~`): the expression and the closing `}`. Returns where the literal text resumes. */
  private scanInterpolation(parts: HclTemplatePart[], open: number, from: number, mode: Mode, limit: number): number {
    const saved = this.ignoreNl;
    this.ignoreNl = true;
    this.pos = from;
    this.advance();
    const mark = this.traversals.length;
    let expr = this.parseExpression();
    if (this.peek() === T.RBrace && this.tokEnd <= limit) {
      const end = this.tokEnd;
      this.stripNext = this.tokStrip;
      this.ignoreNl = saved;
      parts.push({ kind: 'interpolation', expr, span: this.sp(open, end) });
      return end;
    }
    this.ignoreNl = saved;
    this.error(this.tokStart, this.tokEnd, `Expected '}' to close the interpolation, found ${this.describeToken()}`);
    const resume = this.recoveryPoint(open, mode, limit);
    if (expr.span.end > this.at(resume)) {
      this.dropTraversals(mark);
      expr = { kind: 'invalid', span: this.sp(from, resume) };
    }
    parts.push({ kind: 'interpolation', expr, span: { start: this.at(open), end: expr.span.end } });
    return resume;
  }

  /**
   * After a broken `${…` or `%{…`: where literal text resumes. Within a quoted string, at the unexpected token
   * if it is on the opening line, else at the end of that line (so a stray `${` never swallows later lines).
   */
  private recoveryPoint(open: number, mode: Mode, limit: number): number {
    let lineEnd = limit;
    if (mode === Mode.Quoted) {
      const nl = this.text.indexOf('\n', open);
      if (nl >= 0 && nl < lineEnd) lineEnd = nl;
    }
    const resume = this.tokStart <= lineEnd ? this.tokStart : lineEnd;
    this.rewind(resume);
    return resume;
  }

  /**
   * From after `%{` (and `~`), with `tpos` there: reads one directive. `if` and `for` consume their bodies up
   * to the matching end directive. Returns true when the directive is a terminator for an enclosing list.
   */
  private scanDirective(
    parts: HclTemplatePart[],
    open: number,
    mode: Mode,
    limit: number,
    nested: boolean,
  ): boolean {
    const saved = this.ignoreNl;
    this.ignoreNl = true;
    this.pos = this.tpos;
    this.advance();
    const t = this.peek();
    let word = t === T.Ident ? this.text.slice(this.tokStart, this.tokEnd) : '';
    if ((word === 'if' || word === 'for') && this.exprDepth >= MAX_EXPR_DEPTH) {
      this.error(this.tokStart, this.tokEnd, 'Template directives are nested too deeply');
      word = '';
    }
    if (word === 'if') {
      this.advance();
      const condition = this.parseExpression();
      if (!this.closeDirective(open, mode, limit, saved)) {
        parts.push({ kind: 'if', condition, then: [], else: undefined, span: this.sp(open, this.tpos) });
        return false;
      }
      this.exprDepth++;
      const then = this.scanParts(mode, limit, true);
      let otherwise: HclTemplatePart[] | undefined;
      let term = this.term;
      if (term === Term.Else) {
        otherwise = this.scanParts(mode, limit, true);
        term = this.term;
      }
      this.exprDepth--;
      let end = this.tpos;
      if (term !== Term.EndIf) {
        this.error(open, open + 2, `Expected %{endif} for the %{if} at line ${this.lineOf(open)}`);
      } else {
        end = this.termEnd;
      }
      this.term = Term.End;
      parts.push({ kind: 'if', condition, then, else: otherwise, span: this.sp(open, end) });
      return false;
    }
    if (word === 'for') {
      this.advance();
      let keyVar: string | undefined;
      let valueVar = '';
      if (this.peek() === T.Ident) {
        valueVar = this.text.slice(this.tokStart, this.tokEnd);
        this.advance();
        if (this.peek() === T.Comma) {
          this.advance();
          if (this.peek() === T.Ident) {
            keyVar = valueVar;
            valueVar = this.text.slice(this.tokStart, this.tokEnd);
            this.advance();
          }
        }
      }
      let collection: HclExpr;
      if (this.peek() === T.Ident && this.isKeyword('in')) {
        this.advance();
        collection = this.parseExpression();
      } else {
        collection = this.invalidHere("Expected 'in' in the %{for} directive");
      }
      if (!this.closeDirective(open, mode, limit, saved)) {
        parts.push({ kind: 'for', keyVar, valueVar, collection, body: [], span: this.sp(open, this.tpos) });
        return false;
      }
      this.exprDepth++;
      const names = this.forNames.length;
      this.forNames.push(valueVar);
      if (keyVar !== undefined) this.forNames.push(keyVar);
      const body = this.scanParts(mode, limit, true);
      if (this.forNames.length > names) this.forNames.length = names;
      this.exprDepth--;
      let end = this.tpos;
      if (this.term !== Term.EndFor) {
        this.error(open, open + 2, `Expected %{endfor} for the %{for} at line ${this.lineOf(open)}`);
      } else {
        end = this.termEnd;
      }
      this.term = Term.End;
      parts.push({ kind: 'for', keyVar, valueVar, collection, body, span: this.sp(open, end) });
      return false;
    }
    if (word === 'else' || word === 'endif' || word === 'endfor') {
      const wordStart = this.tokStart;
      this.advance();
      const closed = this.closeDirective(open, mode, limit, saved);
      if (nested && closed) {
        this.term = word === 'else' ? Term.Else : word === 'endif' ? Term.EndIf : Term.EndFor;
        this.termEnd = this.tpos;
        return true;
      }
      if (!nested) this.error(open, wordStart + word.length, `Unexpected %{${word}} without a matching %{${word === 'endfor' ? 'for' : 'if'}}`);
      return false;
    }
    this.error(this.tokStart, this.tokEnd, "Expected 'if', 'for', 'else', 'endif' or 'endfor' after '%{'");
    this.tpos = this.recoveryPoint(open, mode, limit);
    this.ignoreNl = saved;
    return false;
  }

  /** Expects the `}` (or `~}`) closing a directive; sets `tpos` after it (or at the recovery point). */
  private closeDirective(open: number, mode: Mode, limit: number, savedIgnoreNl: boolean): boolean {
    if (this.peek() === T.RBrace && this.tokEnd <= limit) {
      this.tpos = this.tokEnd;
      this.stripNext = this.tokStrip;
      this.ignoreNl = savedIgnoreNl;
      return true;
    }
    this.ignoreNl = savedIgnoreNl;
    this.error(this.tokStart, this.tokEnd, `Expected '}' to close the directive, found ${this.describeToken()}`);
    this.tpos = this.recoveryPoint(open, mode, limit);
    return false;
  }
}
