// Stable plain-text rendering of an analysis result: one line per function destination, ENI and finding,
// sorted. Used by readable test expectations and by the CLI's text output.

import type { AnalysisResult, DestinationReach } from './types';

export function renderReachLine(r: DestinationReach): string {
  const parts = [`${r.destination}: ${r.status}`];
  if (r.via) parts.push(`via ${r.via}`);
  if (r.reason) parts.push(r.reason);
  if (r.blockedAt) parts.push(`at ${r.blockedAt}`);
  return parts.join(' ');
}

export function renderReach(result: AnalysisResult, options: { neededOnly?: boolean } = {}): string {
  const lines: string[] = [];
  for (const f of result.functions) {
    for (const r of f.reach) if (!options.neededOnly || r.needed || r.destination === 'internet') lines.push(`${f.function} ${renderReachLine(r)}`);
  }
  return lines.sort().join('\n');
}

export function renderEnis(result: AnalysisResult): string {
  return result.enis.map((e) => `${e.subnet} [${e.securityGroups.join(',')}]: ${e.functions.join(', ')}`).join('\n');
}

export function renderFindings(result: AnalysisResult): string {
  return result.findings.map((f) => `${f.rule} ${f.severity} ${f.subject}`).sort().join('\n');
}
