// Span ↔ LSP range, problems and findings → LSP diagnostics. The only place that knows both our plain data
// and LSP's shapes for diagnostics.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver';
import type { EffectiveFinding } from '../ide/findingFilter';
import type { Problem } from '../model/origin';
import { LineIndex, type Severity, type Span } from '../syntax/text';
import { pathToUri } from './uris';
import { ruleDocUri } from './ruleDocs';

export const SOURCE = 'Hyperplane Lens';

export class RangeConverter {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();
  constructor(private readonly textOf: (file: string) => string | undefined) {}

  toRange(file: string, span: Span): Range {
    const text = this.textOf(file) ?? '';
    let entry = this.indexes.get(file);
    if (!entry || entry.text !== text) {
      entry = { text, index: new LineIndex(text) };
      this.indexes.set(file, entry);
    }
    return { start: entry.index.positionAt(span.start), end: entry.index.positionAt(span.end) };
  }

  toOffset(file: string, position: { line: number; character: number }): number {
    this.toRange(file, { start: 0, end: 0 });
    return this.indexes.get(file)!.index.offsetAt(position);
  }
}

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

export function problemToDiagnostic(problem: Problem, ranges: RangeConverter): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (problem.code === 'tf-unused' || problem.code.endsWith('-unused')) tags.push(DiagnosticTag.Unnecessary);
  return {
    source: SOURCE,
    code: problem.code,
    severity: severity(problem.severity),
    message: problem.message,
    range: ranges.toRange(problem.file, problem.span),
    relatedInformation: problem.related?.map((r) => ({ location: { uri: pathToUri(r.file), range: ranges.toRange(r.file, r.span) }, message: r.message })),
    ...(tags.length ? { tags } : {}),
  };
}

export function findingToDiagnostic(finding: EffectiveFinding, ranges: RangeConverter): Diagnostic {
  const href = ruleDocUri(finding.rule);
  return {
    source: SOURCE,
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    severity: severity(finding.effectiveSeverity),
    message: finding.message,
    range: ranges.toRange(finding.origin.file, finding.origin.span),
    relatedInformation: finding.related.map((r) => ({ location: { uri: pathToUri(r.origin.file), range: ranges.toRange(r.origin.file, r.origin.span) }, message: r.message })),
    // An attached function that needs nothing private: the VPC config is unnecessary (LAMBDA_VPC_UNNEEDED).
    ...(finding.rule === 'LAMBDA_VPC_UNNEEDED' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data: { rule: finding.rule, subject: finding.subject },
  };
}
