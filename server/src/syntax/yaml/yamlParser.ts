// Hand-written, error-tolerant, single-pass YAML reader for CloudFormation/SAM templates: block and flow
// collections, all scalar styles, tags (`!Ref`…), anchors/aliases, comments, with exact spans and recovery.
//
// Scalar resolution (plain scalars only; quoted, block, tagged scalars and keys are strings):
// - booleans follow YAML 1.1 as CloudFormation does: true/false/yes/no/on/off in lower, Title and UPPER case
//   (CloudFormation turns an unquoted `YES` into "true"; aws-cli quotes these when it writes templates);
// - null: `~`, `null`, `Null`, `NULL`, and an empty value;
// - numbers follow the YAML 1.2 core schema (`[-+]?[0-9]+`, `0o…`, `0x…`, floats, `.inf`, `.nan`); YAML 1.1's
//   `010` = 8, `1_000` and sexagesimals are not numbers here. `raw` keeps the written text of every non-string
//   plain scalar, because CloudFormation passes most values on as strings (`1.10` must not become "1.1");
// - timestamps stay strings (`AWSTemplateFormatVersion: 2010-09-09`).
// Only the first document is read; later documents are ignored. Readers never throw.
//
// Speed on large templates is bounded by the garbage collector moving the retained tree, so:
// - every hot allocation site builds a node once, in its final form, and only nodes that are kept: V8 then
//   sees that the site's objects survive and allocates them directly in the old generation (allocation-site
//   pretenuring), instead of copying them out of the young generation twice; one throwaway object from a
//   site (e.g. an untagged copy of `!Sub '…'` made before the tagged one) stops this for the whole site;
// - the tree holds no slack or duplicates: exactly sized child arrays (json/entryList.ts), shared strings
//   for repeated keys and values (json/stringCache.ts), one span object for a one-entry mapping and its entry;
// - scanning works on character codes, without regexes or per-line substrings.

// Character codes are compared with numeric const-enum members (esbuild inlines them as literals).
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */

import type { DataEntry, DataFile, DataMap, DataNode, DataScalar, DataSeq, DataTag } from '../data/ast';
import type { Span, SyntaxProblem } from '../text';
import { ChildStack, EntryStack, duplicateKeyProblem } from '../json/entryList';
import { StringCache } from '../stringCache';

export function parseYaml(text: string): DataFile {
  const reader = new YamlReader(text);
  const root = reader.readDocument();
  return { root, problems: reader.problems, comments: reader.comments, syntax: 'yaml' };
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Percent = 37,
  Amp = 38,
  SQuote = 39,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Lt = 60,
  Gt = 62,
  Question = 63,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Backtick = 96,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
  Bom = 0xfeff,
}

/** Nesting deeper than this is reported and skipped (guards the call stack against hostile input). */
const MAX_DEPTH = 400;
/** The most nodes that all aliases of a file may expand to (a real template's aliases stand for a few hundred). */
const MAX_ALIAS_NODES = 100_000;

/** The node an alias reads: its target's content at the alias's span. */
function aliasCopy(target: DataNode, span: Span): DataNode {
  switch (target.kind) {
    case 'map':
      return { kind: 'map', entries: target.entries, tag: target.tag, span };
    case 'seq':
      return { kind: 'seq', items: target.items, tag: target.tag, span };
    case 'scalar':
      return target.raw === undefined
        ? { kind: 'scalar', value: target.value, style: target.style, tag: target.tag, span }
        : { kind: 'scalar', value: target.value, raw: target.raw, style: target.style, tag: target.tag, span };
  }
}

/**
 * The number of nodes `node` stands for with every alias in it expanded. Memoised per node, so an alias of an
 * alias costs one look-up; depth is bounded by MAX_DEPTH.
 */
function expandedSize(node: DataNode, memo: Map<DataNode, number>): number {
  const known = memo.get(node);
  if (known !== undefined) return known;
  let n = 1;
  if (node.kind === 'map') for (const entry of node.entries) n += 1 + expandedSize(entry.value, memo);
  else if (node.kind === 'seq') for (const item of node.items) n += expandedSize(item, memo);
  memo.set(node, n);
  return n;
}
/** Parent indentation that makes a quoted scalar single-line (implicit keys never span lines). */
const SINGLE_LINE = 0x3fffffff;

type Comment = { readonly text: string; readonly span: Span };

class YamlReader {
  readonly problems: SyntaxProblem[] = [];
  readonly comments: Comment[] = [];
  private pos = 0;
  /** End of the first document: shrinks when a second `---` or a `...` is met, hiding the rest. */
  private len: number;
  private lineStart = 0;
  private rootStarted = false;
  private depth = 0;
  private anchors: Map<string, DataNode> | undefined;
  /** Nodes that the aliases read so far stand for once expanded, and the expanded size per node (memo). */
  private aliasNodes = 0;
  private aliasSizes: Map<DataNode, number> | undefined;
  /** Set by scanPlainLine: offset of the `: ` mapping indicator that ended the run, or -1. */
  private colonAt = -1;
  /** Set by readProps. */
  private propTag: DataTag | undefined;
  private propAnchor: string | undefined;
  /** Set by readMapKey: whether the key is followed by its `:` (pos is then at the colon). */
  private keyHasColon = false;
  /** Where skipFlowSpace found the line that ends an unclosed flow collection (repeat calls stop there too). */
  private flowStop = -1;
  /** Set by readExplicitKey: a `? key` with no `: value` line. */
  private keyWithoutValue = false;
  /** Set by quoted-scalar readers: whether the closing quote was found. */
  private quoteClosed = true;
  /** Children of the open collections, and repeated strings (see entryList.ts and stringCache.ts for why). */
  private readonly entries = new EntryStack();
  private readonly items = new ChildStack<DataNode>();
  private readonly strings: StringCache;

  constructor(private readonly text: string) {
    this.len = text.length;
    this.strings = new StringCache(text);
    if (text.charCodeAt(0) === C.Bom) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  readDocument(): DataNode | undefined {
    if (this.nextContent() < 0) return undefined;
    const root = this.parseBlockNode(-1, false, true);
    let reported = false;
    while (this.nextContent() >= 0) {
      if (!reported) {
        this.error(this.pos, this.lineContentEnd(this.pos), "Unexpected content after the document's root value.");
        reported = true;
      }
      this.parseBlockNode(-1, false, true);
    }
    return root;
  }

  // ---- problems and small scanners -------------------------------------------------------------------

  private error(start: number, end: number, message: string, code = 'yaml-syntax'): void {
    this.problems.push({ code, severity: 'error', message, span: { start, end: Math.max(start, end) } });
  }

  private isSep(p: number): boolean {
    if (p >= this.len) return true;
    const c = this.text.charCodeAt(p);
    return c === C.Space || c === C.Tab || c === C.Lf || c === C.Cr;
  }

  private isFlowSepOrIndicator(p: number): boolean {
    if (this.isSep(p)) return true;
    const c = this.text.charCodeAt(p);
    return c === C.Comma || c === C.LBracket || c === C.RBracket || c === C.LBrace || c === C.RBrace;
  }

  private lineEnd(p: number): number {
    const text = this.text;
    while (p < this.len) {
      const c = text.charCodeAt(p);
      if (c === C.Lf || c === C.Cr) break;
      p++;
    }
    return p;
  }

  /** End of the line's content without trailing spaces, for problem spans. */
  private lineContentEnd(p: number): number {
    let e = this.lineEnd(p);
    while (e > p && (this.text.charCodeAt(e - 1) === C.Space || this.text.charCodeAt(e - 1) === C.Tab)) e--;
    return e;
  }

  /** Offset after the line break at p (p at CR or LF). */
  private afterBreak(p: number): number {
    return this.text.charCodeAt(p) === C.Cr && this.text.charCodeAt(p + 1) === C.Lf ? p + 2 : p + 1;
  }

  private readComment(p: number): number {
    const e = this.lineEnd(p);
    this.comments.push({ text: this.text.slice(p, e), span: { start: p, end: e } });
    return e;
  }

  /** `---` or `...` at column 0 followed by a separator. */
  private isDocMarker(p: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c !== C.Minus && c !== C.Dot) return false;
    return text.charCodeAt(p + 1) === c && text.charCodeAt(p + 2) === c && this.isSep(p + 3);
  }

  /**
   * Moves to the next content character (skipping spaces, comments, line breaks, directives and the first
   * document's `---`) and returns its column, or -1 at the end of the (first) document.
   */
  private nextContent(): number {
    const text = this.text;
    let p = this.pos;
    let atLineStart = p === this.lineStart;
    let tabAt = -1;
    for (;;) {
      if (p >= this.len) {
        this.pos = this.len;
        return -1;
      }
      const c = text.charCodeAt(p);
      if (c === C.Space) {
        p++;
      } else if (c === C.Tab) {
        if (atLineStart && tabAt < 0) tabAt = p;
        p++;
      } else if (c === C.Lf || c === C.Cr) {
        p = this.afterBreak(p);
        this.lineStart = p;
        atLineStart = true;
        tabAt = -1;
      } else if (c === C.Hash) {
        p = this.readComment(p);
      } else if (p === this.lineStart && c === C.Percent && !this.rootStarted) {
        p = this.lineEnd(p);
      } else if (p === this.lineStart && this.isDocMarker(p)) {
        if (this.rootStarted) {
          this.len = p;
          this.pos = p;
          return -1;
        }
        p += 3;
        atLineStart = false;
      } else {
        if (tabAt >= 0) {
          this.error(tabAt, p, 'Tabs are not allowed in YAML indentation; indent with spaces.', 'yaml-tab');
        }
        this.pos = p;
        this.rootStarted = true;
        return p - this.lineStart;
      }
    }
  }

  /** After a value: only spaces and a comment may follow on the line; anything else is reported and skipped. */
  private finishLine(): void {
    const text = this.text;
    let p = this.pos;
    // A construct that stopped at a line start (an unclosed flow collection) has nothing left on its line.
    if (p === this.lineStart && p > 0) return;
    while (p < this.len && (text.charCodeAt(p) === C.Space || text.charCodeAt(p) === C.Tab)) p++;
    if (p >= this.len) {
      this.pos = p;
      return;
    }
    const c = text.charCodeAt(p);
    if (c === C.Lf || c === C.Cr) {
      this.pos = p;
      return;
    }
    if (c === C.Hash) {
      this.pos = this.readComment(p);
      return;
    }
    const e = this.lineContentEnd(p);
    this.error(p, e, `Unexpected text '${clip(text.slice(p, e))}' after the value.`);
    this.pos = this.lineEnd(p);
  }

  private skipInlineSpace(): void {
    const text = this.text;
    let p = this.pos;
    while (p < this.len && (text.charCodeAt(p) === C.Space || text.charCodeAt(p) === C.Tab)) p++;
    this.pos = p;
  }

  /** At the end of the line's content (line break, EOF or a comment)? */
  private atLineEndOrComment(): boolean {
    const p = this.pos;
    if (p >= this.len) return true;
    const c = this.text.charCodeAt(p);
    return c === C.Lf || c === C.Cr || c === C.Hash;
  }

  /**
   * Scans one line of a plain scalar from p; returns the end of its text (trailing spaces excluded) and sets
   * colonAt to the `:` mapping indicator that ended it, or -1 (ended by a line break, ` #` or, in flow
   * context, a flow indicator).
   */
  private scanPlainLine(p: number, flow: boolean): number {
    const text = this.text;
    const len = this.len;
    let end = p;
    this.colonAt = -1;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c === C.Lf || c === C.Cr) break;
      if (c === C.Space || c === C.Tab) {
        p++;
        continue;
      }
      if (c === C.Colon) {
        if (flow ? this.isFlowSepOrIndicator(p + 1) : this.isSep(p + 1)) {
          this.colonAt = p;
          break;
        }
      } else if (c === C.Hash) {
        const b = text.charCodeAt(p - 1);
        if (b === C.Space || b === C.Tab) break;
      } else if (flow && (c === C.Comma || c === C.LBracket || c === C.RBracket || c === C.LBrace || c === C.RBrace)) {
        break;
      }
      p++;
      end = p;
    }
    return end;
  }

  // ---- block structure -------------------------------------------------------------------------------

  /**
   * A node starting at pos (a content character). parentIndent: the enclosing block's indentation (lines of
   * this node must be deeper). inMapValue: the node is a mapping value (a sequence may then sit at the key's
   * indentation). compact: a block mapping/sequence may start on this line (not right after `key: `).
   */
  private parseBlockNode(parentIndent: number, inMapValue: boolean, compact: boolean): DataNode {
    if (this.depth >= MAX_DEPTH) return this.tooDeep();
    this.depth++;
    const start = this.pos;
    let node: DataNode;
    const c = this.text.charCodeAt(start);
    if (c === C.Bang || c === C.Amp) {
      this.readProps(false);
      const tag = this.propTag;
      const anchor = this.propAnchor;
      const propsEnd = this.pos;
      this.skipInlineSpace();
      if (this.atLineEndOrComment()) {
        this.finishLine();
        const k = this.nextContent();
        if (k > parentIndent || (inMapValue && k === parentIndent && this.isSeqEntry())) {
          node = this.parseBlockContent(parentIndent, true, tag, start);
        } else {
          node = scalar(tag === undefined ? null : '', 'plain', tag, start, propsEnd);
        }
      } else {
        node = this.parseBlockContent(parentIndent, compact, tag, start);
      }
      if (anchor !== undefined) (this.anchors ??= new Map()).set(anchor, node);
    } else {
      node = this.parseBlockContent(parentIndent, compact, undefined, start);
    }
    this.depth--;
    return node;
  }

  private isSeqEntry(): boolean {
    return this.text.charCodeAt(this.pos) === C.Minus && this.isSep(this.pos + 1);
  }

  /** The node's content at pos, with its properties (tag; start = where the properties began). */
  private parseBlockContent(parentIndent: number, compact: boolean, tag: DataTag | undefined, start: number): DataNode {
    const text = this.text;
    const p = this.pos;
    const col = p - this.lineStart;
    const c = text.charCodeAt(p);
    switch (c) {
      case C.Minus:
        if (this.isSep(p + 1)) {
          if (!compact) this.error(p, p + 1, 'A block sequence cannot start on the same line as its key; put the items on the next lines.');
          return this.parseBlockSeq(col, tag, start);
        }
        break;
      case C.Question:
        if (this.isSep(p + 1)) {
          if (!compact) this.error(p, p + 1, 'An explicit key cannot start on the same line as another key.');
          return this.parseBlockMap(col, undefined, tag, start);
        }
        break;
      case C.Star: {
        const node = this.readAlias(false);
        this.finishLine();
        return node;
      }
      case C.Pipe:
      case C.Gt:
        return this.readBlockScalar(parentIndent, tag, start);
      case C.DQuote:
      case C.SQuote: {
        // Read as the value it almost always is (`!Sub '…'`): building an untagged node first and a tagged
        // copy after would make this allocation site produce short-lived nodes, and V8 would stop
        // allocating its nodes directly in the old generation (see the header comment).
        const q = c === C.DQuote ? this.readDouble(parentIndent, tag, start) : this.readSingle(parentIndent, tag, start);
        const afterQuote = this.pos;
        this.skipInlineSpace();
        if (this.text.charCodeAt(this.pos) === C.Colon && this.isSep(this.pos + 1) && this.quoteClosed) {
          if (!compact) {
            this.error(p, this.pos + 1, 'A mapping cannot start on the same line as its key (is a line break missing?).');
          }
          // A quoted key: the tag and anchor belong to the mapping, not to the key.
          const key = tag === undefined && start === p ? q : scalar(q.value, q.style, undefined, p, q.span.end);
          return this.parseBlockMap(col, key, tag, start);
        }
        this.pos = afterQuote;
        this.finishLine();
        return q;
      }
      case C.LBracket:
      case C.LBrace: {
        const node = this.readFlow(parentIndent, tag, start);
        if (this.pos === this.flowStop) return node;
        this.skipInlineSpace();
        if (this.text.charCodeAt(this.pos) === C.Colon && this.isSep(this.pos + 1) && compact) {
          // `[a, b]: value`: skip the entry and read the rest of the mapping.
          this.error(p, node.span.end, 'Flow collections as mapping keys are not supported.');
          this.readMapValue(col, true, this.pos);
          return this.parseBlockMap(col, undefined, tag, start);
        }
        this.finishLine();
        return node;
      }
      case C.RBracket:
      case C.RBrace:
      case C.Comma:
      case C.Percent:
      case C.At:
      case C.Backtick: {
        const e = this.lineContentEnd(p);
        this.error(p, e, `Unexpected '${text.charAt(p)}': a value cannot start with this character.`);
        this.pos = this.lineEnd(p);
        return scalar(null, 'plain', tag, start, start === p ? p : start);
      }
      default:
        break;
    }
    const end = this.scanPlainLine(p, false);
    if (this.colonAt >= 0) {
      if (compact) {
        const key = this.keyScalar(p, end, undefined, p);
        this.pos = this.colonAt;
        return this.parseBlockMap(col, key, tag, start);
      }
      // `a: b: c`: YAML forbids a mapping on the key's line; keep the rest of the line as one string.
      const e = this.lineContentEnd(p);
      const lineEnd = this.scanToComment(p, e);
      this.error(this.colonAt, this.colonAt + 1, "Unexpected ':' in a value: a mapping cannot start on the same line as its key (quote the value if the ':' belongs to it).");
      this.pos = lineEnd;
      this.finishLine();
      return scalar(text.slice(p, lineEnd), 'plain', tag, start, lineEnd);
    }
    if (compact && p === start && this.deeperEntryFollows(end, col)) {
      // `Properties` (colon forgotten) above indented entries: read it as a key.
      this.error(p, end, `Missing ':' after '${clip(text.slice(p, end))}': a mapping entry is written 'key: value'.`);
      this.pos = end;
      return this.parseBlockMap(col, this.keyScalar(p, end, undefined, p), tag, start, false);
    }
    return this.readPlainBlock(p, end, parentIndent, tag, start);
  }

  /** Whether only spaces end the line at p and the next non-blank line is a `key:`/`- ` entry deeper than col. */
  private deeperEntryFollows(p: number, col: number): boolean {
    const text = this.text;
    while (p < this.len && (text.charCodeAt(p) === C.Space || text.charCodeAt(p) === C.Tab)) p++;
    if (p >= this.len) return false;
    const c = text.charCodeAt(p);
    if (c !== C.Lf && c !== C.Cr) return false;
    let ls = this.afterBreak(p);
    for (;;) {
      let r = ls;
      while (r < this.len && text.charCodeAt(r) === C.Space) r++;
      if (r >= this.len) return false;
      const d = text.charCodeAt(r);
      if (d === C.Lf || d === C.Cr) {
        ls = this.afterBreak(r);
        continue;
      }
      const saved = this.colonAt;
      const entry = r - ls > col && this.looksLikeBlockEntry(r);
      this.colonAt = saved;
      return entry;
    }
  }

  /** End of the text before a ` #` comment on the line [p, e). */
  private scanToComment(p: number, e: number): number {
    const text = this.text;
    for (let q = p + 1; q < e; q++) {
      if (text.charCodeAt(q) === C.Hash && (text.charCodeAt(q - 1) === C.Space || text.charCodeAt(q - 1) === C.Tab)) {
        let r = q;
        while (r > p && (text.charCodeAt(r - 1) === C.Space || text.charCodeAt(r - 1) === C.Tab)) r--;
        return r;
      }
    }
    return e;
  }

  private parseBlockMap(n: number, firstKey: DataScalar | undefined, tag: DataTag | undefined, start: number, firstHasColon = true): DataMap {
    const base = this.entries.open();
    let key = firstKey;
    let hasColon = firstHasColon;
    let end = start;
    for (;;) {
      if (key === undefined) {
        const k = this.nextContent();
        if (k < n) break;
        if (k > n) {
          end = this.overIndented(n, base, end);
          continue;
        }
        this.keyWithoutValue = false;
        key = this.readMapKey(n);
        if (key === undefined) continue;
        hasColon = this.keyHasColon;
      }
      let value: DataNode;
      if (this.keyWithoutValue) {
        value = scalar(null, 'plain', undefined, key.span.end, key.span.end);
        this.keyWithoutValue = false;
      } else {
        value = this.readMapValue(n, hasColon, key.span.end);
      }
      const entry: DataEntry = { key, value, span: { start: key.span.start, end: Math.max(value.span.end, key.span.end) } };
      const earlier = this.entries.add(base, entry);
      if (earlier !== undefined) this.problems.push(duplicateKeyProblem(this.text, earlier, key));
      end = entry.span.end;
      key = undefined;
      hasColon = true;
    }
    const entries = this.entries.close(base);
    // A one-entry mapping (`Principal:\n  Service: x`, common in templates) covers exactly its entry: share
    // the entry's span object instead of retaining an equal one.
    const only = entries.length === 1 ? entries[0]?.span : undefined;
    const span = only !== undefined && only.start === start && only.end === end ? only : { start, end };
    return { kind: 'map', entries, tag, span };
  }

  /** A line indented deeper than its siblings: report it, read it, and keep a mapping's entries. */
  private overIndented(n: number, base: number, end: number): number {
    const p = this.pos;
    this.error(p, this.lineContentEnd(p), `Bad indentation: expected ${Math.max(n, 0)} spaces like the entries above, found ${p - this.lineStart}.`);
    const node = this.parseBlockNode(n, false, true);
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        const earlier = this.entries.add(base, entry);
        if (earlier !== undefined) this.problems.push(duplicateKeyProblem(this.text, earlier, entry.key));
        end = Math.max(end, entry.span.end);
      }
    }
    return end;
  }

  /**
   * Reads a mapping key at pos (column n). Returns undefined when the line held no usable key (reported and
   * consumed, including its value). Sets keyHasColon; with a colon, pos is left at it.
   */
  private readMapKey(n: number): DataScalar | undefined {
    const text = this.text;
    const p = this.pos;
    const c = text.charCodeAt(p);
    this.keyHasColon = false;
    switch (c) {
      case C.Minus:
        if (this.isSep(p + 1)) {
          this.error(p, this.lineContentEnd(p), "A sequence item is not allowed here: the entries at this indentation are 'key: value' pairs.");
          this.parseBlockSeq(n, undefined, p);
          return undefined;
        }
        break;
      case C.Question:
        if (this.isSep(p + 1)) return this.readExplicitKey(n);
        break;
      case C.Bang:
      case C.Amp: {
        this.readProps(false);
        const tag = this.propTag;
        if (this.propAnchor !== undefined) this.error(p, this.pos, 'Anchors on mapping keys are not supported.');
        this.skipInlineSpace();
        if (this.atLineEndOrComment()) {
          this.error(p, this.pos, 'Expected a key after the tag.');
          this.finishLine();
          return undefined;
        }
        const key = this.readMapKey(n);
        return key === undefined || tag === undefined ? key : { ...key, tag, span: { start: p, end: key.span.end } };
      }
      case C.DQuote:
      case C.SQuote: {
        const q = c === C.DQuote ? this.readDouble(SINGLE_LINE, undefined, p) : this.readSingle(SINGLE_LINE, undefined, p);
        this.skipInlineSpace();
        if (text.charCodeAt(this.pos) === C.Colon && this.isSep(this.pos + 1)) {
          this.keyHasColon = true;
        } else if (this.quoteClosed) {
          this.error(q.span.start, q.span.end, `Missing ':' after the key ${clip(text.slice(q.span.start, q.span.end))}.`);
          this.finishLine();
        }
        return q;
      }
      case C.LBracket:
      case C.LBrace:
      case C.Star: {
        const node = c === C.Star ? this.readAlias(false) : this.readFlow(n, undefined, p);
        this.error(p, node.span.end, c === C.Star ? 'Aliases as mapping keys are not supported.' : 'Flow collections as mapping keys are not supported.');
        if (this.pos === this.flowStop) return undefined;
        this.skipInlineSpace();
        const hasColon = text.charCodeAt(this.pos) === C.Colon;
        this.readMapValue(n, hasColon, this.pos);
        return undefined;
      }
      case C.RBracket:
      case C.RBrace:
      case C.Comma:
      case C.Percent:
      case C.At:
      case C.Backtick:
      case C.Pipe:
      case C.Gt: {
        this.error(p, this.lineContentEnd(p), `Unexpected '${text.charAt(p)}': expected a 'key: value' entry.`);
        this.pos = this.lineEnd(p);
        return undefined;
      }
      default:
        break;
    }
    const end = this.scanPlainLine(p, false);
    if (this.colonAt >= 0) {
      if (end === p) this.error(p, p + 1, "Missing key before ':'.");
      this.pos = this.colonAt;
      this.keyHasColon = true;
      return this.keyScalar(p, end, undefined, p);
    }
    this.error(p, end, `Missing ':' after '${clip(text.slice(p, end))}': a mapping entry is written 'key: value'.`);
    this.pos = end;
    this.finishLine();
    return this.keyScalar(p, end, undefined, p);
  }

  /** `? key` then `: value` on the next line at the same indentation (scalar keys only). */
  private readExplicitKey(n: number): DataScalar | undefined {
    const q = this.pos;
    this.pos++;
    this.skipInlineSpace();
    let keyNode: DataNode;
    if (this.atLineEndOrComment()) {
      this.finishLine();
      const k = this.nextContent();
      keyNode = k > n ? this.parseBlockNode(n, false, true) : scalar('', 'plain', undefined, q + 1, q + 1);
    } else {
      keyNode = this.parseBlockNode(n, false, true);
    }
    const k = this.nextContent();
    this.keyHasColon = k === n && this.text.charCodeAt(this.pos) === C.Colon && this.isSep(this.pos + 1);
    if (keyNode.kind !== 'scalar') {
      this.error(q, keyNode.span.end, 'Complex (collection) mapping keys are not supported.');
      if (this.keyHasColon) this.readMapValue(n, true, this.pos);
      return undefined;
    }
    // Without a `: value` line the key's value is null and pos stays at the next content.
    this.keyWithoutValue = !this.keyHasColon;
    const key = this.asKey(keyNode);
    return { ...key, span: { start: q, end: key.span.end } };
  }

  /** The value after a key (pos at the colon when hasColon). keyEnd: where an empty value sits otherwise. */
  private readMapValue(n: number, hasColon: boolean, keyEnd: number): DataNode {
    let at = keyEnd;
    if (hasColon) {
      this.pos++;
      at = this.pos;
      this.skipInlineSpace();
    }
    if (!this.atLineEndOrComment()) return this.parseBlockNode(n, true, false);
    this.finishLine();
    const k = this.nextContent();
    if (k > n || (k === n && k >= 0 && this.isSeqEntry())) return this.parseBlockNode(n, true, true);
    return scalar(null, 'plain', undefined, at, at);
  }

  private parseBlockSeq(n: number, tag: DataTag | undefined, start: number): DataSeq {
    const base = this.items.open();
    let end = start;
    let first = true;
    for (;;) {
      if (!first) {
        const k = this.nextContent();
        if (k < n) break;
        if (k > n) {
          const p = this.pos;
          this.error(p, this.lineContentEnd(p), `Bad indentation: expected ${n} spaces like the items above, found ${k}.`);
          const node = this.parseBlockNode(n, false, true);
          if (node.kind === 'seq') for (const item of node.items) this.items.push(item);
          end = Math.max(end, node.span.end);
          continue;
        }
        if (!this.isSeqEntry()) break;
      }
      first = false;
      const dash = this.pos;
      this.pos++;
      this.skipInlineSpace();
      let item: DataNode;
      if (this.atLineEndOrComment()) {
        this.finishLine();
        const k = this.nextContent();
        item = k > n ? this.parseBlockNode(n, false, true) : scalar(null, 'plain', undefined, dash + 1, dash + 1);
      } else {
        item = this.parseBlockNode(n, false, true);
      }
      this.items.push(item);
      end = Math.max(item.span.end, dash + 1);
    }
    return { kind: 'seq', items: this.items.close(base), tag, span: { start, end } };
  }

  // ---- properties and aliases ------------------------------------------------------------------------

  /** Reads tags and anchors (any order) at pos into propTag/propAnchor; pos ends after the last one. */
  private readProps(flow: boolean): void {
    const text = this.text;
    this.propTag = undefined;
    this.propAnchor = undefined;
    for (;;) {
      const p = this.pos;
      const c = text.charCodeAt(p);
      if (c !== C.Bang && c !== C.Amp) return;
      let e = p + 1;
      if (c === C.Bang && text.charCodeAt(e) === C.Lt) {
        while (e < this.len && text.charCodeAt(e) !== C.Gt && !this.isSep(e)) e++;
        if (text.charCodeAt(e) === C.Gt) e++;
      } else {
        while (e < this.len && !(flow ? this.isFlowSepOrIndicator(e) : this.isSep(e))) e++;
      }
      if (c === C.Bang) {
        if (this.propTag !== undefined) this.error(p, e, 'A node can have only one tag.');
        else this.propTag = { name: this.strings.slice(p, e), span: { start: p, end: e }, untagged: undefined };
      } else if (e === p + 1) {
        this.error(p, e, "Expected an anchor name after '&'.");
      } else {
        if (this.propAnchor !== undefined) this.error(p, e, 'A node can have only one anchor.');
        this.propAnchor = text.slice(p + 1, e);
      }
      this.pos = e;
      this.skipInlineSpace();
      if (this.pos === e) return;
    }
  }

  /** `*name`: CloudFormation rejects aliases; resolve to a copy of the anchored node so analysis continues. */
  private readAlias(flow: boolean): DataNode {
    const text = this.text;
    const p = this.pos;
    let e = p + 1;
    while (e < this.len && !(flow ? this.isFlowSepOrIndicator(e) : this.isSep(e))) e++;
    this.pos = e;
    const name = text.slice(p + 1, e);
    const span = { start: p, end: e };
    const target = this.anchors?.get(name);
    if (target === undefined) {
      this.error(p, e, name === '' ? "Expected an anchor name after '*'." : `Unknown anchor '&${name}': an alias must follow its anchor.`);
      return scalar(null, 'plain', undefined, p, e);
    }
    this.error(p, e, `CloudFormation does not support YAML aliases ('*${name}'): the template is rejected unless a tool such as 'aws cloudformation package' expands them first.`, 'yaml-alias');
    // Aliases of aliases grow exponentially once expanded ("billion laughs"): every reader after this one
    // walks the tree as if it were expanded, so past a budget the alias is not read at all.
    const sizes = (this.aliasSizes ??= new Map<DataNode, number>());
    const size = expandedSize(target, sizes);
    this.aliasNodes += size;
    if (this.aliasNodes > MAX_ALIAS_NODES) {
      this.error(p, e, `Alias '*${name}' is not read: the aliases of this file expand to more than ${MAX_ALIAS_NODES} nodes.`, 'yaml-alias');
      return scalar(null, 'plain', undefined, p, e);
    }
    const copy = aliasCopy(target, span);
    sizes.set(copy, size);
    return copy;
  }

  private tooDeep(): DataScalar {
    const p = this.pos;
    this.error(p, this.lineContentEnd(p), `Nesting deeper than ${MAX_DEPTH} levels is not read.`);
    this.pos = this.lineEnd(p);
    return scalar(null, 'plain', undefined, p, p);
  }

  // ---- scalars -------------------------------------------------------------------------------------------

  /** A key: always a string (CloudFormation keys are names), whatever it would resolve to as a value. */
  private keyScalar(p: number, end: number, tag: DataTag | undefined, start: number): DataScalar {
    return { kind: 'scalar', value: this.strings.slice(p, end), style: 'plain', tag, span: { start, end } };
  }

  private asKey(node: DataScalar): DataScalar {
    if (typeof node.value === 'string') return node;
    const value = node.raw ?? (node.value === null ? '' : String(node.value));
    return { kind: 'scalar', value, style: node.style, tag: node.tag, span: node.span };
  }

  /**
   * A plain scalar whose first line is [p, firstEnd), with its continuation lines (deeper than parentIndent,
   * not comments, not `key:` lines), folded into one string.
   */
  private readPlainBlock(p: number, firstEnd: number, parentIndent: number, tag: DataTag | undefined, start: number): DataScalar {
    const text = this.text;
    let end = firstEnd;
    let value: string | undefined;
    this.pos = firstEnd;
    for (;;) {
      // The line must end here (no comment) for a continuation to follow.
      let q = end;
      while (q < this.len && (text.charCodeAt(q) === C.Space || text.charCodeAt(q) === C.Tab)) q++;
      if (q >= this.len) break;
      let c = text.charCodeAt(q);
      if (c !== C.Lf && c !== C.Cr) break;
      let blank = 0;
      let ls = this.afterBreak(q);
      let r = ls;
      for (;;) {
        while (r < this.len && (text.charCodeAt(r) === C.Space || text.charCodeAt(r) === C.Tab)) r++;
        if (r >= this.len) break;
        c = text.charCodeAt(r);
        if (c !== C.Lf && c !== C.Cr) break;
        blank++;
        ls = this.afterBreak(r);
        r = ls;
      }
      if (r >= this.len || r - ls <= parentIndent || c === C.Hash) break;
      if (r === ls && this.isDocMarker(r)) break;
      const e = this.scanPlainLine(r, false);
      if (this.colonAt >= 0 || e === r) break;
      value = (value ?? text.slice(p, end)) + (blank > 0 ? '\n'.repeat(blank) : ' ') + text.slice(r, e);
      end = e;
      this.pos = e;
      this.lineStart = ls;
    }
    this.finishLine();
    if (value !== undefined) return scalar(value, 'plain', tag, start, end);
    const raw = this.strings.slice(p, end);
    if (tag !== undefined) return { kind: 'scalar', value: resolveTagged(raw, tag.name), style: 'plain', tag, span: { start, end } };
    const resolved = resolvePlain(raw);
    return typeof resolved === 'string'
      ? { kind: 'scalar', value: resolved, style: 'plain', tag, span: { start, end } }
      : { kind: 'scalar', value: resolved, raw, style: 'plain', tag, span: { start, end } };
  }

  /**
   * After a line break inside a quoted or flow scalar at p: skips blank lines and returns the offset of the
   * next line's first non-space character, with foldBlank = number of blank lines and foldLineStart its line
   * start; returns -1 if the next line ends the construct (end of input, a document marker, or a line not
   * deeper than parentIndent).
   */
  private foldBlank = 0;
  private foldLineStart = 0;
  private continueAfterBreak(p: number, parentIndent: number, quote: number): number {
    const text = this.text;
    let blank = 0;
    let ls = this.afterBreak(p);
    let r = ls;
    for (;;) {
      while (r < this.len && (text.charCodeAt(r) === C.Space || text.charCodeAt(r) === C.Tab)) r++;
      if (r >= this.len) return -1;
      const c = text.charCodeAt(r);
      if (c !== C.Lf && c !== C.Cr) break;
      blank++;
      ls = this.afterBreak(r);
      r = ls;
    }
    if (parentIndent === SINGLE_LINE || (r === ls && this.isDocMarker(r))) return -1;
    // A line not deeper than the parent ends a plain scalar. Quoted scalars are commonly written with
    // ragged indentation (JSON policies inside `!Sub '{ … }'`) and YAML readers accept that, so they end
    // early only at a line that looks like the next block entry (`key: …` or `- …`): the quote was not closed.
    if (r - ls <= parentIndent && (quote === 0 || this.looksLikeBlockEntry(r))) return -1;
    this.foldBlank = blank;
    this.foldLineStart = ls;
    return r;
  }

  /** A `- item` or plain `key: value` line (used to detect an unclosed quote). */
  private looksLikeBlockEntry(p: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === C.Minus && this.isSep(p + 1)) return true;
    if (c === C.DQuote || c === C.SQuote || c === C.LBrace || c === C.LBracket || c === C.RBrace || c === C.RBracket || c === C.Comma || c === C.Hash) return false;
    this.scanPlainLine(p, false);
    return this.colonAt >= 0;
  }

  private readDouble(parentIndent: number, tag: DataTag | undefined, start: number): DataScalar {
    const text = this.text;
    const open = this.pos;
    const firstLineStart = this.lineStart;
    let p = open + 1;
    let seg = p;
    let value = '';
    this.quoteClosed = true;
    for (;;) {
      if (p >= this.len) break;
      const c = text.charCodeAt(p);
      if (c === C.DQuote) {
        // A one-line string without escapes (the usual case) can share a cached copy.
        value = seg === open + 1 ? this.strings.slice(seg, p) : value + text.slice(seg, p);
        this.pos = p + 1;
        return scalar(value, 'double', tag, start, p + 1);
      }
      if (c === C.Backslash) {
        value += text.slice(seg, p);
        const n = text.charCodeAt(p + 1);
        if (n === C.Lf || n === C.Cr) {
          // Escaped line break: join the lines without a space.
          const r = this.continueAfterBreak(p + 1, parentIndent, C.DQuote);
          if (r < 0) break;
          this.lineStart = this.foldLineStart;
          if (this.foldBlank > 0) value += '\n'.repeat(this.foldBlank);
          p = seg = r;
          continue;
        }
        p = this.readEscape(p);
        value += this.escaped;
        seg = p;
        continue;
      }
      if (c === C.Lf || c === C.Cr) {
        value += trimEnd(text.slice(seg, p));
        const r = this.continueAfterBreak(p, parentIndent, C.DQuote);
        if (r < 0) break;
        this.lineStart = this.foldLineStart;
        value += this.foldBlank > 0 ? '\n'.repeat(this.foldBlank) : ' ';
        p = seg = r;
        continue;
      }
      p++;
    }
    return this.unterminated(open, firstLineStart, '"', tag, start, 'double');
  }

  private readSingle(parentIndent: number, tag: DataTag | undefined, start: number): DataScalar {
    const text = this.text;
    const open = this.pos;
    const firstLineStart = this.lineStart;
    let p = open + 1;
    let seg = p;
    let value = '';
    this.quoteClosed = true;
    for (;;) {
      if (p >= this.len) break;
      const c = text.charCodeAt(p);
      if (c === C.SQuote) {
        if (text.charCodeAt(p + 1) === C.SQuote) {
          value += text.slice(seg, p + 1);
          p += 2;
          seg = p;
          continue;
        }
        value = seg === open + 1 ? this.strings.slice(seg, p) : value + text.slice(seg, p);
        this.pos = p + 1;
        return scalar(value, 'single', tag, start, p + 1);
      }
      if (c === C.Lf || c === C.Cr) {
        value += trimEnd(text.slice(seg, p));
        const r = this.continueAfterBreak(p, parentIndent, C.SQuote);
        if (r < 0) break;
        this.lineStart = this.foldLineStart;
        value += this.foldBlank > 0 ? '\n'.repeat(this.foldBlank) : ' ';
        p = seg = r;
        continue;
      }
      p++;
    }
    return this.unterminated(open, firstLineStart, "'", tag, start, 'single');
  }

  /** An unclosed quote: report it and end the scalar at the end of its first line, resuming on the next. */
  private unterminated(open: number, firstLineStart: number, quote: string, tag: DataTag | undefined, start: number, style: 'single' | 'double'): DataScalar {
    const e = this.lineContentEnd(open);
    this.error(open, e, `Unterminated ${style === 'double' ? 'double' : 'single'}-quoted string: the closing ${quote} is missing.`);
    this.quoteClosed = false;
    this.lineStart = firstLineStart;
    this.pos = this.lineEnd(open);
    let raw = this.text.slice(open + 1, e);
    if (style === 'single') raw = raw.split("''").join("'");
    return scalar(raw, style, tag, start, e);
  }

  /** The text an escape produced; set by readEscape (avoids a result object per escape). */
  private escaped = '';

  private readEscape(p: number): number {
    const text = this.text;
    const c = text.charCodeAt(p + 1);
    let digits: number;
    switch (c) {
      case 48: this.escaped = '\0'; return p + 2;
      case 97: this.escaped = '\x07'; return p + 2;
      case 98: this.escaped = '\b'; return p + 2;
      case 116: case C.Tab: this.escaped = '\t'; return p + 2;
      case 110: this.escaped = '\n'; return p + 2;
      case 118: this.escaped = '\v'; return p + 2;
      case 102: this.escaped = '\f'; return p + 2;
      case 114: this.escaped = '\r'; return p + 2;
      case 101: this.escaped = '\x1b'; return p + 2;
      case C.Space: this.escaped = ' '; return p + 2;
      case C.DQuote: this.escaped = '"'; return p + 2;
      case 47: this.escaped = '/'; return p + 2;
      case C.Backslash: this.escaped = '\\'; return p + 2;
      case 78: this.escaped = '\x85'; return p + 2;
      case 95: this.escaped = '\xa0'; return p + 2;
      case 76: this.escaped = '\u2028'; return p + 2;
      case 80: this.escaped = '\u2029'; return p + 2;
      case 120: digits = 2; break;
      case 117: digits = 4; break;
      case 85: digits = 8; break;
      default: {
        const e = Math.min(p + 2, this.len);
        this.error(p, e, `Invalid escape sequence '${text.slice(p, e)}'.`);
        this.escaped = text.slice(p + 1, e);
        return e;
      }
    }
    let code = 0;
    let q = p + 2;
    for (; q < p + 2 + digits && q < this.len; q++) {
      const h = hexValue(text.charCodeAt(q));
      if (h < 0) break;
      code = code * 16 + h;
    }
    if (q !== p + 2 + digits || code > 0x10ffff) {
      this.error(p, q, `Invalid escape sequence: expected ${digits} hex digits.`);
      this.escaped = '';
      return q;
    }
    this.escaped = String.fromCodePoint(code);
    return q;
  }

  /** `|` or `>` with chomping (`-`/`+`) and indentation (1–9) indicators; pos at the indicator. */
  private readBlockScalar(parentIndent: number, tag: DataTag | undefined, start: number): DataScalar {
    const text = this.text;
    const folded = text.charCodeAt(this.pos) === C.Gt;
    let p = this.pos + 1;
    let chomp = 0; // 0 clip, 1 strip, 2 keep
    let explicit = 0;
    for (let i = 0; i < 2; i++) {
      const c = text.charCodeAt(p);
      if (c === C.Minus && chomp === 0) chomp = 1;
      else if (c === C.Plus && chomp === 0) chomp = 2;
      else if (c > C.Zero && c <= C.Nine && explicit === 0) explicit = c - C.Zero;
      else break;
      p++;
    }
    const headerEnd = p;
    this.pos = p;
    if (!this.isSep(p) && text.charCodeAt(p) !== C.Hash) {
      const e = this.lineContentEnd(p);
      this.error(p, e, 'Unexpected text after the block scalar indicator.');
      this.pos = this.lineEnd(p);
    } else {
      this.finishLine();
    }
    const base = parentIndent < 0 ? 0 : parentIndent;
    let indent = explicit > 0 ? base + explicit : -1;
    let q = this.pos < this.len ? this.afterBreak(this.pos) : this.len;
    if (indent < 0) {
      // Detect from the first non-empty line.
      let r = q;
      for (;;) {
        let s = r;
        while (s < this.len && text.charCodeAt(s) === C.Space) s++;
        if (s >= this.len) break;
        const c = text.charCodeAt(s);
        if (c === C.Lf || c === C.Cr) {
          r = this.afterBreak(s);
          continue;
        }
        indent = s - r;
        break;
      }
      if (indent <= parentIndent) indent = -1;
    }
    let value = '';
    let prevKind = 0; // 0 none yet, 1 normal, 2 more-indented (folding keeps its breaks)
    let pendingEmpty = 0;
    let contentEnd = headerEnd;
    let resume = q;
    while (q < this.len) {
      let s = q;
      while (s < this.len && text.charCodeAt(s) === C.Space && (indent < 0 || s - q < indent)) s++;
      const e = this.lineEnd(s);
      // Empty: nothing after the indentation (spaces beyond it are content, as YAML says).
      if (s === e) {
        pendingEmpty++;
        q = e < this.len ? this.afterBreak(e) : this.len;
        resume = q;
        continue;
      }
      if (indent < 0 || s - q < indent || (q === s && this.isDocMarker(s))) break;
      const line = text.slice(s, e);
      if (folded) {
        const kind = text.charCodeAt(s) === C.Space || text.charCodeAt(s) === C.Tab ? 2 : 1;
        if (prevKind === 0) value += '\n'.repeat(pendingEmpty);
        else if (prevKind === 1 && kind === 1) value += pendingEmpty > 0 ? '\n'.repeat(pendingEmpty) : ' ';
        else value += '\n'.repeat(pendingEmpty + 1);
        prevKind = kind;
      } else {
        value += prevKind === 0 ? '\n'.repeat(pendingEmpty) : '\n'.repeat(pendingEmpty + 1);
        prevKind = 1;
      }
      value += line;
      pendingEmpty = 0;
      contentEnd = e;
      q = e < this.len ? this.afterBreak(e) : this.len;
      resume = q;
    }
    if (prevKind !== 0) {
      if (chomp === 0) value += '\n';
      else if (chomp === 2) value += '\n'.repeat(pendingEmpty + 1);
    } else if (chomp === 2) {
      value = '\n'.repeat(pendingEmpty);
    }
    // Resume at the start of the first line that is not part of the scalar.
    this.pos = resume;
    this.lineStart = resume;
    return scalar(value, folded ? 'folded' : 'literal', tag, start, contentEnd);
  }

  // ---- flow collections ------------------------------------------------------------------------------

  /**
   * Skips spaces, line breaks and comments inside a flow collection. Returns false at the end of input, or
   * when a line is not deeper than parentIndent (the collection was left open), leaving pos at that line.
   */
  private skipFlowSpace(parentIndent: number): boolean {
    const text = this.text;
    let p = this.pos;
    if (p === this.flowStop) return false;
    for (;;) {
      if (p >= this.len) {
        this.pos = this.len;
        return false;
      }
      const c = text.charCodeAt(p);
      if (c === C.Space || c === C.Tab) {
        p++;
      } else if (c === C.Hash) {
        p = this.readComment(p);
      } else if (c === C.Lf || c === C.Cr) {
        const ls = this.afterBreak(p);
        let r = ls;
        while (r < this.len && (text.charCodeAt(r) === C.Space || text.charCodeAt(r) === C.Tab)) r++;
        const d = text.charCodeAt(r);
        if (r < this.len && d !== C.Lf && d !== C.Cr && d !== C.Hash) {
          const closing = d === C.RBracket || d === C.RBrace;
          if ((r - ls <= parentIndent && !closing) || (r === ls && this.isDocMarker(r))) {
            this.flowStop = ls;
            this.pos = ls;
            this.lineStart = ls;
            return false;
          }
        }
        this.lineStart = ls;
        p = ls;
      } else {
        this.pos = p;
        return true;
      }
    }
  }

  private readFlow(parentIndent: number, tag: DataTag | undefined, start: number): DataMap | DataSeq {
    const text = this.text;
    const open = this.pos;
    const isMap = text.charCodeAt(open) === C.LBrace;
    const close = isMap ? C.RBrace : C.RBracket;
    this.pos++;
    this.depth++;
    // A flow mapping collects entries, a flow sequence items; only the stack in use is opened and closed.
    const base = isMap ? this.entries.open() : this.items.open();
    let end = -1;
    let last = open + 1;
    for (;;) {
      if (!this.skipFlowSpace(parentIndent)) break;
      const p = this.pos;
      const c = text.charCodeAt(p);
      if (c === close) {
        end = ++this.pos;
        break;
      }
      if (c === C.RBracket || c === C.RBrace) {
        this.error(p, p + 1, `Expected '${isMap ? '}' : ']'}' to close the ${isMap ? 'mapping' : 'sequence'}, found '${text.charAt(p)}'.`);
        end = ++this.pos;
        break;
      }
      if (c === C.Comma) {
        this.error(p, p + 1, "Unexpected ',': expected an entry.");
        this.pos++;
        continue;
      }
      if (this.depth >= MAX_DEPTH) {
        const node = this.tooDeep();
        last = node.span.end;
        continue;
      }
      let explicit = false;
      if (c === C.Question && this.isFlowSepOrIndicator(p + 1)) {
        explicit = true;
        this.pos++;
        if (!this.skipFlowSpace(parentIndent)) break;
      }
      const first = this.readFlowNode(parentIndent);
      let entryEnd = first.span.end;
      const more = this.skipFlowSpace(parentIndent);
      let value: DataNode | undefined;
      if (more && text.charCodeAt(this.pos) === C.Colon && (first.kind === 'scalar' && first.style !== 'plain' ? true : this.isFlowSepOrIndicator(this.pos + 1))) {
        const colon = this.pos++;
        if (!this.skipFlowSpace(parentIndent)) {
          value = scalar(null, 'plain', undefined, colon + 1, colon + 1);
        } else {
          const d = text.charCodeAt(this.pos);
          value = d === C.Comma || d === C.RBrace || d === C.RBracket ? scalar(null, 'plain', undefined, colon + 1, colon + 1) : this.readFlowNode(parentIndent);
        }
        entryEnd = value.span.end;
      }
      if (isMap || value !== undefined || explicit) {
        const v = value ?? scalar(null, 'plain', undefined, first.span.end, first.span.end);
        let entry: DataEntry | undefined;
        if (first.kind !== 'scalar') {
          this.error(first.span.start, first.span.end, 'Complex (collection) mapping keys are not supported.');
        } else {
          const key = this.asKey(first);
          entry = { key, value: v, span: { start: key.span.start, end: Math.max(v.span.end, key.span.end) } };
        }
        if (isMap) {
          if (entry !== undefined) {
            const earlier = this.entries.add(base, entry);
            if (earlier !== undefined) this.problems.push(duplicateKeyProblem(text, earlier, entry.key));
          }
        } else if (entry !== undefined) {
          // `[a: b]`: a single-pair mapping inside a sequence.
          this.items.push({ kind: 'map', entries: [entry], tag: undefined, span: entry.span });
        }
      } else {
        this.items.push(first);
      }
      last = entryEnd;
      if (!this.skipFlowSpace(parentIndent)) break;
      const d = text.charCodeAt(this.pos);
      if (d === C.Comma) {
        this.pos++;
      } else if (d !== close && d !== C.RBracket && d !== C.RBrace) {
        this.error(last, this.pos, `Missing ',' between ${isMap ? 'mapping entries' : 'sequence items'}.`);
      }
    }
    this.depth--;
    if (end < 0) {
      this.error(open, open + 1, `This '${isMap ? '{' : '['}' is not closed.`);
      end = last;
    }
    const span = { start, end };
    return isMap ? { kind: 'map', entries: this.entries.close(base), tag, span } : { kind: 'seq', items: this.items.close(base), tag, span };
  }

  private readFlowNode(parentIndent: number): DataNode {
    const text = this.text;
    const start = this.pos;
    let tag: DataTag | undefined;
    let anchor: string | undefined;
    let c = text.charCodeAt(start);
    if (c === C.Bang || c === C.Amp) {
      this.readProps(true);
      tag = this.propTag;
      anchor = this.propAnchor;
      const propsEnd = this.pos;
      const more = this.skipFlowSpace(parentIndent);
      c = text.charCodeAt(this.pos);
      if (!more || c === C.Comma || c === C.RBracket || c === C.RBrace || (c === C.Colon && this.isFlowSepOrIndicator(this.pos + 1))) {
        const empty = scalar(tag === undefined ? null : '', 'plain', tag, start, propsEnd);
        if (anchor !== undefined) (this.anchors ??= new Map()).set(anchor, empty);
        return empty;
      }
    }
    const p = this.pos;
    let node: DataNode;
    switch (c) {
      case C.LBracket:
      case C.LBrace:
        node = this.readFlow(parentIndent, tag, start);
        break;
      case C.DQuote:
        node = this.readDouble(parentIndent, tag, start);
        break;
      case C.SQuote:
        node = this.readSingle(parentIndent, tag, start);
        break;
      case C.Star:
        node = this.readAlias(true);
        break;
      default: {
        const end = this.scanPlainLine(p, true);
        if (end === p) {
          this.error(p, p + 1, `Unexpected '${text.charAt(p)}' in a flow collection.`);
          this.pos = p + 1;
          node = scalar(null, 'plain', tag, start, p + 1);
        } else {
          node = this.readPlainFlow(p, end, parentIndent, tag, start);
        }
      }
    }
    if (anchor !== undefined) (this.anchors ??= new Map()).set(anchor, node);
    return node;
  }

  /** A plain scalar in a flow collection, possibly continued on following lines. */
  private readPlainFlow(p: number, firstEnd: number, parentIndent: number, tag: DataTag | undefined, start: number): DataScalar {
    const text = this.text;
    let end = firstEnd;
    let value: string | undefined;
    this.pos = firstEnd;
    while (this.colonAt < 0) {
      let q = end;
      while (q < this.len && (text.charCodeAt(q) === C.Space || text.charCodeAt(q) === C.Tab)) q++;
      if (q >= this.len) break;
      const c = text.charCodeAt(q);
      if (c !== C.Lf && c !== C.Cr) break;
      const r = this.continueAfterBreak(q, parentIndent, 0);
      if (r < 0) break;
      const d = text.charCodeAt(r);
      if (d === C.Hash || d === C.Comma || d === C.RBracket || d === C.RBrace || d === C.LBracket || d === C.LBrace) break;
      if (d === C.Colon && this.isFlowSepOrIndicator(r + 1)) break;
      const blank = this.foldBlank;
      const ls = this.foldLineStart;
      const e = this.scanPlainLine(r, true);
      if (e === r) break;
      value = (value ?? text.slice(p, end)) + (blank > 0 ? '\n'.repeat(blank) : ' ') + text.slice(r, e);
      end = e;
      this.pos = e;
      this.lineStart = ls;
    }
    this.colonAt = -1;
    if (value !== undefined) return scalar(value, 'plain', tag, start, end);
    const raw = this.strings.slice(p, end);
    if (tag !== undefined) return { kind: 'scalar', value: resolveTagged(raw, tag.name), style: 'plain', tag, span: { start, end } };
    const resolved = resolvePlain(raw);
    return typeof resolved === 'string'
      ? { kind: 'scalar', value: resolved, style: 'plain', tag, span: { start, end } }
      : { kind: 'scalar', value: resolved, raw, style: 'plain', tag, span: { start, end } };
  }
}

function scalar(value: DataScalar['value'], style: DataScalar['style'], tag: DataTag | undefined, start: number, end: number): DataScalar {
  return { kind: 'scalar', value, style, tag, span: { start, end } };
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0) {
    const c = s.charCodeAt(e - 1);
    if (c !== C.Space && c !== C.Tab) break;
    e--;
  }
  return e === s.length ? s : s.slice(0, e);
}

function hexValue(c: number): number {
  if (c >= C.Zero && c <= C.Nine) return c - C.Zero;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** A plain scalar with an explicit tag: the standard `!!` types resolve; local tags (`!Ref`) keep the text. */
function resolveTagged(raw: string, tag: string): string | number | boolean | null {
  switch (tag) {
    case '!!int':
    case '!!float': {
      const v = resolvePlain(raw);
      return typeof v === 'number' ? v : raw;
    }
    case '!!bool': {
      const v = resolvePlain(raw);
      return typeof v === 'boolean' ? v : raw;
    }
    case '!!null':
      return null;
    default:
      return raw;
  }
}

/** Resolves an untagged single-line plain scalar (see the header comment for the rules and why). */
export function resolvePlain(s: string): string | number | boolean | null {
  const n = s.length;
  if (n === 0) return null;
  const c = s.charCodeAt(0);
  switch (c) {
    case 126: // ~
      return n === 1 ? null : s;
    case 110: // n
    case 78: // N
      if (s === 'null' || s === 'Null' || s === 'NULL') return null;
      if (s === 'no' || s === 'No' || s === 'NO') return false;
      return s;
    case 116: // t
    case 84: // T
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 102: // f
    case 70: // F
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case 121: // y
    case 89: // Y
      return s === 'yes' || s === 'Yes' || s === 'YES' ? true : s;
    case 111: // o
    case 79: // O
      if (s === 'on' || s === 'On' || s === 'ON') return true;
      if (s === 'off' || s === 'Off' || s === 'OFF') return false;
      return s;
    default:
      if ((c >= C.Zero && c <= C.Nine) || c === C.Minus || c === C.Plus || c === C.Dot) return resolveNumber(s);
      return s;
  }
}

/** YAML 1.2 core schema numbers; anything else stays a string. */
function resolveNumber(s: string): string | number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === C.Zero && n > 2) {
    const x = s.charCodeAt(1);
    if (x === 120 || x === 111) {
      // 0x… / 0o…
      const radix = x === 120 ? 16 : 8;
      for (let j = 2; j < n; j++) {
        const h = hexValue(s.charCodeAt(j));
        if (h < 0 || h >= radix) return s;
      }
      return parseInt(s.slice(2), radix);
    }
  }
  if (c === C.Minus || c === C.Plus) {
    i = 1;
    c = s.charCodeAt(1);
  }
  if (c === C.Dot) {
    const rest = s.slice(i + 1);
    if (rest === 'inf' || rest === 'Inf' || rest === 'INF') return s.charCodeAt(0) === C.Minus ? -Infinity : Infinity;
    if (i === 0 && (rest === 'nan' || rest === 'NaN' || rest === 'NAN')) return NaN;
  }
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === C.Dot) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return s;
  if (i < n && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (s.charCodeAt(i) === C.Plus || s.charCodeAt(i) === C.Minus)) i++;
    const e = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === e) return s;
  }
  return i === n ? Number(s) : s;
}

function isDigit(c: number): boolean {
  return c >= C.Zero && c <= C.Nine;
}
