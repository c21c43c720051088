// The quick fix that silences one finding where it is reported: a `# hyperplane-lens-ignore RULE` comment on the
// line above the finding (the comment findingFilter reads), or the rule added to such a comment already there.

import type { Finding } from '../../analysis/types';
import { ignoredRulesOn, ignoresRule } from '../findingFilter';
import { codeStyle, indentationAt, type QuickFix } from './textEdit';

/** JSON (templates, `.tf.json`) has no comments: the `hyperplaneLens.suppressions` setting is the way there. */
function holdsComments(file: string): boolean {
  return !file.endsWith('.json');
}

export function suppressionFix(text: string | undefined, finding: Finding): QuickFix | undefined {
  const file = finding.origin.file;
  if (text === undefined || !holdsComments(file)) return undefined;
  const title = `Ignore ${finding.rule} here (a hyperplane-lens-ignore comment)`;
  let lineStart = finding.origin.span.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  // The line above: extend a suppression comment already there rather than stack a second one.
  if (lineStart > 0) {
    let aboveStart = lineStart - 1;
    while (aboveStart > 0 && text[aboveStart - 1] !== '\n') aboveStart--;
    const above = text.slice(aboveStart, lineStart - 1).replace(/\r$/, '');
    const ids = ignoredRulesOn(above);
    if (ids !== undefined) {
      if (ignoresRule(ids, finding.rule)) return undefined;
      const end = aboveStart + above.trimEnd().length;
      return { title, edits: [{ file, span: { start: end, end }, newText: ` ${finding.rule}` }], preferred: false };
    }
  }
  const newText = `${indentationAt(text, lineStart)}# hyperplane-lens-ignore ${finding.rule}${codeStyle(text).eol}`;
  return { title, edits: [{ file, span: { start: lineStart, end: lineStart }, newText }], preferred: false };
}
