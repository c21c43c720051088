// Span ↔ line/character conversion with one line index per file (rebuilt when the file's text changes):
// the JSON report, the CLI and the language server all convert through it. The language server passes the
// session's line indexes (kept per text), so a request never rescans a file that did not change.

import { LineIndex, type Position, type Span } from '../syntax/text';

export interface TextRange {
  readonly start: Position;
  readonly end: Position;
}

export class RangeMapper {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();
  constructor(
    private readonly textOf: (file: string) => string | undefined,
    private readonly linesOf?: (file: string) => LineIndex | undefined,
  ) {}

  private indexOf(file: string): LineIndex {
    const shared = this.linesOf?.(file);
    if (shared) return shared;
    const text = this.textOf(file) ?? '';
    let entry = this.indexes.get(file);
    if (!entry || entry.text !== text) {
      entry = { text, index: new LineIndex(text) };
      this.indexes.set(file, entry);
    }
    return entry.index;
  }

  range(file: string, span: Span): TextRange {
    const index = this.indexOf(file);
    return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
  }

  offset(file: string, position: Position): number {
    return this.indexOf(file).offsetAt(position);
  }
}
