// Test helper: runs a small workspace through the real pipeline (AnalysisSession: front ends, model, engine)
// and renders what tests compare as text: one function's reach, its destinations' statuses, findings.

import type { NetworkModel } from '../../../server/src/model/network';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import type { Problem } from '../../../server/src/model/origin';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';

export interface WorkspaceRun {
  readonly model: NetworkModel;
  readonly result: AnalysisResult;
  readonly problems: readonly Problem[];
  /** `RULE address-of-subject` per finding, sorted. */
  readonly findings: readonly string[];
}

/**
 * Analyses `files` (path → text), or one fixture string whose files start with `//- /path` header lines.
 * Without `region` the session has no default Region (the workspace's providers decide).
 */
export function analyseWorkspace(files: Readonly<Record<string, string>> | string, region?: string): WorkspaceRun {
  const session = new AnalysisSession(region === undefined ? {} : { region });
  for (const [path, text] of Object.entries(typeof files === 'string' ? splitFixture(files) : files)) session.setFile(path, text);
  const a = session.analyze();
  const findings = a.result.findings.map((f) => `${f.rule} ${a.model.get(f.subject)?.address ?? f.subject}`).sort();
  return { model: a.model, result: a.result, problems: a.problems, findings };
}

/** The result alone, for tests that look only at reach and findings. */
export function analyzeFiles(files: Readonly<Record<string, string>>, region?: string): AnalysisResult {
  return analyseWorkspace(files, region).result;
}

function splitFixture(text: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const chunk of text.split(/^\/\/- /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    files[chunk.slice(0, nl).trim()] = chunk.slice(nl + 1);
  }
  return files;
}

/** `severity: message` of each finding of `rule`, with the address of its subject, in result order. */
export function findingsOf(run: WorkspaceRun, rule: string): { readonly address: string; readonly text: string }[] {
  return run.result.findings.filter((f) => f.rule === rule)
    .map((f) => ({ address: run.model.get(f.subject)?.address ?? f.subject, text: `${f.severity}: ${f.message}` }));
}

const MARK = { pass: '✓', block: '✗', unknown: '?' } as const;

const functionOf = (result: AnalysisResult, fn: string): AnalysisResult['functions'][number] | undefined =>
  result.functions.find((f) => f.function === fn || f.function.endsWith(`::${fn}`) || f.function.endsWith(`.${fn}`));

/** The answer for `destination` of the function whose id ends with `fn` ("aws_lambda_function.api", "Fn"). */
export function reachOf(result: AnalysisResult, fn: string, destination: string): DestinationReach | undefined {
  return functionOf(result, fn)?.reach.find((r) => r.destination === destination || r.destination.endsWith(`::${destination}`) || r.destination.endsWith(destination));
}

/** Options of `render`: what to show after the first line. */
export interface RenderOptions {
  /** Append ": explanation" to the first line of an answer that is not yes. */
  readonly explain?: boolean;
  /** One line per hop: "✗ label: detail". */
  readonly hops?: boolean;
  /** One line per subnet ("a: no CODE") when the subnets disagree. */
  readonly bySubnet?: boolean;
}

/** "status via reason" then hop and subnet lines as asked, then "fix: …" lines. */
export function render(reach: DestinationReach | undefined, o: RenderOptions = {}): string {
  if (!reach) return 'no answer';
  const why = reach.status === 'yes' ? '' : ` ${reach.reason ?? '-'}${o.explain === true ? `: ${reach.explanation}` : ''}`;
  const lines = [`${reach.status} via ${reach.via ?? '-'}${why}`];
  if (o.hops === true) for (const h of reach.path) lines.push(`  ${MARK[h.verdict]} ${h.label}: ${h.detail}`);
  if (o.bySubnet === true && reach.bySubnet.some((s) => s.status !== reach.bySubnet[0]?.status)) {
    for (const s of reach.bySubnet) lines.push(`  ${s.subnet.slice(s.subnet.lastIndexOf('::') + 2)}: ${s.status}${s.code ? ` ${s.code}` : ''}`);
  }
  for (const f of reach.fixes) lines.push(`  fix: ${f.description}`);
  return lines.join('\n');
}

/** Statuses of every destination of one function: "internet yes, s3 no, …". */
export function summary(result: AnalysisResult, fn: string): string {
  const report = functionOf(result, fn);
  if (!report) return 'no function';
  return report.reach.map((r) => `${r.destination.includes('::') ? r.destination.slice(r.destination.lastIndexOf('::') + 2) : r.destination} ${r.status}`).join(', ');
}
