// SARIF 2.1.0 output as GitHub code scanning accepts it: tool.driver with the rules catalogue, results with
// ruleId, level, message, physical and related locations, and partialFingerprints that stay stable across
// commits (rule + file + resource address + the finding's key, not line numbers nor message text).

import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleList } from '../analysis/rules';
import type { Finding } from '../analysis/types';
import { relativeFile, type JsonReport } from '../ide/report';

export const RULES_HELP_BASE = 'https://github.com/hyperplane-lens/hyperplane-lens/blob/main/docs/rules/';

const levels = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function renderSarif(report: JsonReport, toolVersion: string, subjectOf: (d: JsonReport['diagnostics'][number]) => string): Log {
  const usedCodes = new Set(report.diagnostics.map((d) => d.code));
  const rules: ReportingDescriptor[] = [];
  for (const rule of ruleList) {
    rules.push({
      id: rule.id,
      name: rule.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().replace(/ (\w)/g, (_m, ch: string) => ch.toUpperCase()),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.summary },
      help: { text: `${rule.summary} See ${RULES_HELP_BASE}${rule.id}.md`, markdown: `${rule.summary}\n\n[Rule documentation](${RULES_HELP_BASE}${rule.id}.md)` },
      helpUri: `${RULES_HELP_BASE}${rule.id}.md`,
      defaultConfiguration: { level: levels[rule.severity] },
    });
    usedCodes.delete(rule.id);
  }
  // Problems that are not catalogue rules (syntax errors, unresolvable references) still need a descriptor.
  for (const code of [...usedCodes].sort()) {
    rules.push({ id: code, shortDescription: { text: code }, helpUri: `${RULES_HELP_BASE}README.md`, defaultConfiguration: { level: 'warning' } });
  }
  const results: Result[] = report.diagnostics.map((d) => ({
    ruleId: d.code,
    level: levels[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: physical(d.file, d.range) }],
    relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: physical(r.file, r.range) })),
    partialFingerprints: { 'hyperplaneLens/v1': fingerprint(d.code, d.file, subjectOf(d)) },
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'Hyperplane Lens', version: toolVersion, informationUri: 'https://github.com/hyperplane-lens/hyperplane-lens', rules } }, results }],
  };
}

function physical(file: string, range: JsonReport['diagnostics'][number]['range']): NonNullable<Result['locations']>[number]['physicalLocation'] {
  return {
    artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' },
    region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
  };
}

function fingerprint(code: string, file: string, subject: string): string {
  return createHash('sha256').update(`${code}\u0000${file}\u0000${subject}`).digest('hex').slice(0, 32);
}

type Diagnostic = JsonReport['diagnostics'][number];

/**
 * The fingerprint subject of each finding's diagnostic: the resource address, plus the finding's key when the
 * rule can report several findings on one resource (LAMBDA_PARTIAL_REACH per destination, LAMBDA_VPC_LIMITS
 * per limit…). Keyless findings keep the subject they always had, so existing alerts keep their fingerprint.
 * The diagnostic is matched to its finding by rule, file and message within this one run only; the message
 * never enters the fingerprint.
 */
export function fingerprintSubjects(findings: readonly Finding[], cwd: string, address: (f: Finding) => string): (d: Diagnostic) => string {
  const byDiagnostic = new Map<string, string>();
  for (const f of findings) {
    const subject = f.key === undefined ? address(f) : `${address(f)}\u0000${f.key}`;
    byDiagnostic.set(matchKey(f.rule, relativeFile(f.origin.file, cwd), f.message), subject);
  }
  return (d) => byDiagnostic.get(matchKey(d.code, d.file, d.message)) ?? d.resource ?? d.message;
}

function matchKey(code: string, file: string, message: string): string {
  return `${code}\u0000${file}\u0000${message}`;
}
