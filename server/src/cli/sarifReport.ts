// SARIF 2.1.0 output as GitHub code scanning accepts it: tool.driver with the rules catalogue, results with
// ruleId, level, message, physical and related locations, and partialFingerprints that stay stable across
// commits (rule + file + resource address + the finding's key, not line numbers; reading problems, which have
// no resource, use their message with line numbers masked). Limits: GitHub's hard limits on results per run.

import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleList } from '../analysis/rules';
import type { Finding } from '../analysis/types';
import type { Severity } from '../syntax/text';
import { relativeFile, type JsonReport } from '../ide/report';
import { PROJECT_HOME, repositoryFileUri } from '../projectHome';

export const RULES_HELP_BASE = repositoryFileUri('docs/rules/');

const levels = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** GitHub code scanning rejects a run with more results than this (docs: "SARIF results exceed hard limit"). */
export const MAX_SARIF_RESULTS = 25000;

/** Tags on every rule: code scanning filters alerts by them (GitHub keeps at most 10 per rule). */
const ruleTags = ['aws', 'lambda', 'networking', 'iac'];

export interface SarifOptions {
  /** The working directory as a model path: files outside it are written as absolute file URIs. */
  readonly cwd: string;
}

export function renderSarif(report: JsonReport, toolVersion: string, subjectOf: (d: JsonReport['diagnostics'][number]) => string, options?: SarifOptions): Log {
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
      properties: { tags: ruleTags },
    });
    usedCodes.delete(rule.id);
  }
  // Problems that are not catalogue rules (syntax errors, unresolvable references) still need a descriptor;
  // they share one page, docs/problems.md, with an anchor per code.
  const firstSeverity = new Map<string, Severity>();
  for (const d of report.diagnostics) if (!firstSeverity.has(d.code)) firstSeverity.set(d.code, d.severity);
  for (const code of [...usedCodes].sort()) {
    const summary = `A problem found while reading the Terraform or CloudFormation/SAM code (${code}), not a network finding: the message says what could not be read or evaluated, and what the analysis treats as unknown because of it.`;
    rules.push({
      id: code,
      name: code.replace(/(^|[-_])(\w)/g, (_m, _sep: string, ch: string) => ch.toUpperCase()),
      shortDescription: { text: `Input problem: ${code}` },
      fullDescription: { text: summary },
      help: { text: `${summary} See ${INPUT_PROBLEMS_HELP}#${code}`, markdown: `${summary}\n\n[Documentation](${INPUT_PROBLEMS_HELP}#${code})` },
      helpUri: `${INPUT_PROBLEMS_HELP}#${code}`,
      defaultConfiguration: { level: levels[firstSeverity.get(code) ?? 'warning'] },
      properties: { tags: [...ruleTags, 'input'] },
    });
  }
  const fingerprints = fingerprintsOf(report.diagnostics, subjectOf);
  const cwd = options?.cwd;
  const all: Result[] = report.diagnostics.map((d, i) => ({
    ruleId: d.code,
    level: levels[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: physical(d.file, d.range, cwd) }],
    relatedLocations: d.related.slice(0, MAX_RELATED).map((r, j) => ({ id: j + 1, message: { text: r.message }, physicalLocation: physical(r.file, r.range, cwd) })),
    partialFingerprints: { 'hyperplaneLens/v1': fingerprints[i] ?? '' },
  }));
  const results = all.length > MAX_SARIF_RESULTS ? mostSevere(all, MAX_SARIF_RESULTS) : all;
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    // Columns come from LSP positions, which count UTF-16 code units (SARIF's default is code points).
    runs: [{ tool: { driver: { name: 'Hyperplane Lens', version: toolVersion, informationUri: PROJECT_HOME, rules } }, columnKind: 'utf16CodeUnits', results }],
  };
}

const INPUT_PROBLEMS_HELP = repositoryFileUri('docs/problems.md');

/** GitHub keeps 100 of a result's locations and rejects more than 1,000; ours stay far below, this guards it. */
const MAX_RELATED = 100;

const levelRank = { error: 3, warning: 2, note: 1, none: 0 } as const;

/** The `limit` most severe results, in their original order (code scanning keeps the most severe too). */
function mostSevere(results: readonly Result[], limit: number): Result[] {
  const order = results.map((r, i) => ({ i, rank: levelRank[r.level ?? 'warning'] })).sort((a, b) => b.rank - a.rank || a.i - b.i);
  const keep = new Set(order.slice(0, limit).map((x) => x.i));
  return results.filter((_r, i) => keep.has(i));
}

/**
 * A SARIF artifact location is a URI: a path inside the working directory is a relative reference against
 * %SRCROOT% (each segment percent-encoded); one outside it (a `..` path, another drive) is an absolute file
 * URI without a base id, since resolving it against the source root would name another file.
 */
function artifactLocation(file: string, cwd: string | undefined): { uri: string; uriBaseId?: string } {
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const outside = file.startsWith('../') || file.startsWith('/') || /^[A-Za-z]:\//.test(file);
  if (!outside) return { uri: encode(file), uriBaseId: '%SRCROOT%' };
  const absolute = file.startsWith('../') && cwd !== undefined ? joinPath(cwd, file) : file;
  const drive = /^[A-Za-z]:\//.test(absolute);
  return { uri: `file://${drive ? '/' : ''}${absolute.split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s))).join('/')}` };
}

/** `cwd` joined with a relative path that may go up. */
function joinPath(cwd: string, relative: string): string {
  const parts = cwd.split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (const seg of relative.split('/')) {
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/') || '/';
}

function physical(file: string, range: JsonReport['diagnostics'][number]['range'], cwd: string | undefined): NonNullable<Result['locations']>[number]['physicalLocation'] {
  return {
    artifactLocation: artifactLocation(file, cwd),
    region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
  };
}

function fingerprint(code: string, file: string, subject: string): string {
  return createHash('sha256').update(`${code}\u0000${file}\u0000${subject}`).digest('hex').slice(0, 32);
}

/**
 * One fingerprint per diagnostic. Line numbers inside a subject ("already defined on line 59") are masked, so
 * an edit above does not change it; results that would still share one (the same message on several lines of
 * a file) are told apart by their order in the file, which such an edit keeps. The first keeps the plain
 * fingerprint, so existing alerts keep theirs.
 */
function fingerprintsOf(diagnostics: readonly Diagnostic[], subjectOf: (d: Diagnostic) => string): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const base = fingerprint(d.code, d.file, subjectOf(d).replace(/\blines? \d+(?:\s*[-–]\s*\d+)?/g, 'line #'));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : fingerprint(d.code, d.file, `${base}\u0000#${n}`);
  });
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
