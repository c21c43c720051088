// Publishes diagnostics for every file of an analysis: syntax and front-end problems, disk notices and
// findings. Sends only what changed since the last publish, clears files whose problems went away, and tags
// open documents with the version the analysis saw (never a stale version).

import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { EffectiveFinding } from '../ide/findingFilter';
import type { Problem } from '../model/origin';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';
import { RangeMapper } from '../ide/ranges';
import { findingToDiagnostic, problemToDiagnostic } from './conversions';
import { pathToUri } from './uris';

export class DiagnosticsPublisher {
  private sent = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  publish(
    analysis: WorkspaceAnalysis,
    findings: readonly EffectiveFinding[],
    notices: readonly Problem[],
    versionOf: (path: string) => number | undefined,
  ): { errors: number; warnings: number } {
    const ranges = new RangeMapper((f) => analysis.snapshot.text(f));
    const byFile = new Map<string, Diagnostic[]>();
    const add = (file: string, d: Diagnostic): void => {
      const list = byFile.get(file);
      if (list) list.push(d);
      else byFile.set(file, [d]);
    };
    for (const p of analysis.problems) add(p.file, problemToDiagnostic(p, ranges));
    for (const p of notices) add(p.file, problemToDiagnostic(p, ranges));
    for (const f of findings) add(f.origin.file, findingToDiagnostic(f, ranges));
    let errors = 0;
    let warnings = 0;
    const next = new Map<string, string>();
    for (const [file, diagnostics] of byFile) {
      diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      for (const d of diagnostics) {
        if (d.severity === 1) errors++;
        else if (d.severity === 2) warnings++;
      }
      const uri = pathToUri(file);
      const key = JSON.stringify(diagnostics);
      next.set(uri, key);
      if (this.sent.get(uri) !== key) void this.connection.sendDiagnostics({ uri, version: versionOf(file), diagnostics });
    }
    for (const uri of this.sent.keys()) {
      if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.sent = next;
    return { errors, warnings };
  }
}
