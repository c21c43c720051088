// Span ↔ LSP range, problems and findings → LSP diagnostics. The only place that knows both our plain data
// and LSP's shapes for diagnostics.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { EffectiveFinding } from '../ide/findingFilter';
import type { ModuleCallNote } from '../ide/quickFixes/moduleCalls';
import type { Problem } from '../model/origin';
import type { RangeMapper } from '../ide/ranges';
import type { Severity } from '../syntax/text';
import { pathToUri } from './uris';
import { problemDocUri, ruleDocUri } from './ruleDocs';

export const SOURCE = 'Hyperplane Lens';

export function severity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

export function problemToDiagnostic(problem: Problem, ranges: RangeMapper): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (problem.code === 'tf-unused' || problem.code.endsWith('-unused')) tags.push(DiagnosticTag.Unnecessary);
  const href = problemDocUri(problem.code);
  return {
    source: SOURCE,
    code: problem.code,
    ...(href ? { codeDescription: { href } } : {}),
    severity: severity(problem.severity),
    message: problem.message,
    range: ranges.range(problem.file, problem.span),
    relatedInformation: problem.related?.map((r) => ({ location: { uri: pathToUri(r.file), range: ranges.range(r.file, r.span) }, message: r.message })),
    ...(tags.length ? { tags } : {}),
  };
}

/** `calls`: the user's `module` blocks through which the finding's foreign objects change, after its own related locations. */
export function findingToDiagnostic(finding: EffectiveFinding, ranges: RangeMapper, calls: readonly ModuleCallNote[] = []): Diagnostic {
  const related = finding.related.map((r) => ({ location: { uri: pathToUri(r.origin.file), range: ranges.range(r.origin.file, r.origin.span) }, message: r.message }));
  for (const c of calls) related.push({ location: { uri: pathToUri(c.file), range: ranges.range(c.file, c.span) }, message: c.message });
  const href = ruleDocUri(finding.rule);
  return {
    source: SOURCE,
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    severity: severity(finding.effectiveSeverity),
    message: finding.message,
    range: ranges.range(finding.origin.file, finding.origin.span),
    relatedInformation: related,
    data: { rule: finding.rule, subject: finding.subject },
  };
}
