// Test helper: analyses a small workspace through the real front ends and engine (AnalysisSession) and renders
// one function's answer for one destination as readable text (status, hops with their verdicts, fixes).

import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';

const MARK = { pass: '✓', block: '✗', unknown: '?' } as const;

export function analyzeFiles(files: Readonly<Record<string, string>>, region?: string): AnalysisResult {
  const session = new AnalysisSession(region === undefined ? {} : { region });
  for (const [path, text] of Object.entries(files)) session.setFile(path, text);
  return session.analyze().result;
}

/** The function whose id ends with `fn` ("aws_lambda_function.api", "Fn"). */
export function reachOf(result: AnalysisResult, fn: string, destination: string): DestinationReach | undefined {
  const report = result.functions.find((f) => f.function === fn || f.function.endsWith(`::${fn}`) || f.function.endsWith(`.${fn}`));
  return report?.reach.find((r) => r.destination === destination || r.destination.endsWith(`::${destination}`) || r.destination.endsWith(destination));
}

/** "status via reason" then, with `hops`, one line per hop ("✗ label: detail"), then "fix: …" lines. */
export function render(reach: DestinationReach | undefined, o: { hops?: boolean } = {}): string {
  if (!reach) return 'no answer';
  const lines = [`${reach.status} via ${reach.via ?? '-'}${reach.status === 'yes' ? '' : ` ${reach.reason ?? '-'}`}`];
  if (o.hops === true) for (const h of reach.path) lines.push(`  ${MARK[h.verdict]} ${h.label}: ${h.detail}`);
  for (const f of reach.fixes) lines.push(`  fix: ${f.description}`);
  return lines.join('\n');
}

/** Statuses of every destination of one function: "internet yes, s3 no, …". */
export function summary(result: AnalysisResult, fn: string): string {
  const report = result.functions.find((f) => f.function === fn || f.function.endsWith(`::${fn}`) || f.function.endsWith(`.${fn}`));
  if (!report) return 'no function';
  return report.reach.map((r) => `${r.destination.includes('::') ? r.destination.slice(r.destination.lastIndexOf('::') + 2) : r.destination} ${r.status}`).join(', ');
}
