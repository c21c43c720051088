// Plain text edits produced by quick fixes (converted to LSP WorkspaceEdits in lsp/), and the helpers both
// code generators share: indentation of a line, the end of a line.

import type { Span } from '../../syntax/text';

export interface TextEdit {
  readonly file: string;
  readonly span: Span; // replaced range; empty for an insertion
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix the analysis recommends first (shown as the preferred quick fix). */
  readonly preferred: boolean;
}

export function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/** Where to append at the end of a file: after its last character, with a blank line before the new text. */
export function appendAtEnd(file: string, text: string, block: string): TextEdit {
  const trimmed = text.replace(/\s+$/, '');
  return { file, span: { start: trimmed.length, end: text.length }, newText: `\n\n${block.trimEnd()}\n` };
}
