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
  /**
   * Set when the change belongs in code the user does not own (a module `terraform init` installed, a file
   * outside the workspace): why no edit is offered and where the change belongs instead. `edits` is empty.
   */
  readonly disabled?: string;
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

/** How a file writes line ends and one indentation step, so inserted code looks like the user's own. */
export interface CodeStyle {
  readonly eol: '\n' | '\r\n';
  readonly unit: string;
}

/** The file's line end (CRLF if its first line ends so) and indentation step (its first indented line). */
export function codeStyle(text: string): CodeStyle {
  const nl = text.indexOf('\n');
  const eol = nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  const lead = m?.[1] ?? '  ';
  const unit = lead.startsWith('\t') ? '\t' : lead.length === 4 ? '    ' : '  ';
  return { eol, unit };
}

/** Code written with LF and two-space steps, rewritten in the file's style. */
export function restyle(code: string, style: CodeStyle): string {
  if (style.eol === '\n' && style.unit === '  ') return code;
  return code
    .split('\n')
    .map((line) => {
      const lead = /^(?: {2})*/.exec(line)?.[0].length ?? 0;
      return style.unit.repeat(lead / 2) + line.slice(lead);
    })
    .join(style.eol);
}

/** Where to append at the end of a file: after its last character, with a blank line before the new text. */
export function appendAtEnd(file: string, text: string, block: string): TextEdit {
  const trimmed = text.replace(/\s+$/, '');
  return { file, span: { start: trimmed.length, end: text.length }, newText: restyle(`\n\n${block.trimEnd()}\n`, codeStyle(text)) };
}

/**
 * Deletes the whole lines `span` covers (a block, a YAML entry), with their line break; undefined when other
 * code shares its first or last line (`{ vpc_config {…} }` on one line), which a line deletion would take too.
 */
export function deleteLines(file: string, text: string, span: Span): TextEdit | undefined {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start > 0 && text[start - 1] !== '\n') return undefined;
  const end = lineEnd(text, span.end);
  if (text.slice(span.end, end).trim() !== '') return undefined;
  return { file, span: { start, end: end < text.length ? end + 1 : end }, newText: '' };
}
