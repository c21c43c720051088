// Text positions shared by every reader: spans are UTF-16 offsets into a file's text (what JavaScript
// strings index), converted to LSP line/character positions only at the edge (see LineIndex).

/** A half-open range [start, end) of UTF-16 code unit offsets into one file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found while reading one file. Invariant: readers never throw on user input; they return problems. */
export interface SyntaxProblem {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly span: Span;
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** Maps offsets to zero-based line/character positions (LSP convention) and back. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      // mid is in 1..length-1, so the fallback never applies; `?? 0` keeps the number type without a branch cost.
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.lineStarts[lo] ?? 0) };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    // A line past the end was handled above, so `start` exists; the fallback (end of text) matches that branch.
    const start = this.lineStarts[Math.max(0, position.line)] ?? this.text.length;
    // The last line runs to the end of the text.
    const next = this.lineStarts[position.line + 1] ?? this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  lineStart(line: number): number {
    // Clamped into range and lineStarts always holds line 0, so the fallback never applies.
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
  }
}
