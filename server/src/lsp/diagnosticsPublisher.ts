// Publishes diagnostics for every file of an analysis: syntax and front-end problems, disk notices and
// findings. Sends only what changed since the last publish, clears files whose problems went away, and tags
// open documents with the version the analysis saw (never a stale version). A file whose problems and
// findings are the same objects as last time, over the same texts, is not converted again: after an edit
// only the files of the re-analysed unit cost anything.

import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { EffectiveFinding } from '../ide/findingFilter';
import type { Problem } from '../model/origin';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';
import { ModuleCallNotes } from '../ide/quickFixes/moduleCalls';
import { RangeMapper } from '../ide/ranges';
import { findingToDiagnostic, problemToDiagnostic } from './conversions';
import { pathToUri } from './uris';

type Item = Problem | EffectiveFinding;

interface Published {
  /** The problems and findings the diagnostics were made from, in order. */
  readonly items: readonly Item[];
  /** Every file the diagnostics' ranges were read from, with the text it had. */
  readonly texts: ReadonlyMap<string, string | undefined>;
  readonly key: string;
  readonly errors: number;
  readonly warnings: number;
}

export interface PublishStats {
  readonly errors: number;
  readonly warnings: number;
  /** Files whose diagnostics were rebuilt from their problems and findings (the rest were reused). */
  readonly converted: number;
  /** publishDiagnostics notifications sent (changed files and cleared ones). */
  readonly sent: number;
}

export class DiagnosticsPublisher {
  private published = new Map<string, Published>();

  constructor(
    private readonly connection: Pick<Connection, 'sendDiagnostics'>,
    /** The host's rule for the user's own code (inside a workspace folder): objects elsewhere get a note at their `module` call. */
    private readonly editable?: (file: string) => boolean,
  ) {}

  publish(
    analysis: WorkspaceAnalysis,
    findings: readonly EffectiveFinding[],
    notices: readonly Problem[],
    versionOf: (path: string) => number | undefined,
  ): PublishStats {
    const textOf = (f: string): string | undefined => analysis.snapshot.text(f);
    const ranges = new RangeMapper(textOf, (f) => analysis.snapshot.lines(f));
    const notes = new ModuleCallNotes({ model: analysis.model, text: textOf, hcl: (f) => analysis.snapshot.hcl(f), paths: analysis.snapshot.paths, editable: this.editable });
    const byFile = new Map<string, Item[]>();
    const add = (file: string, item: Item): void => {
      const list = byFile.get(file);
      if (list) list.push(item);
      else byFile.set(file, [item]);
    };
    for (const p of analysis.problems) add(p.file, p);
    for (const p of notices) add(p.file, p);
    for (const f of findings) add(f.origin.file, f);
    let errors = 0;
    let warnings = 0;
    let converted = 0;
    let sent = 0;
    const next = new Map<string, Published>();
    for (const [file, items] of byFile) {
      const uri = pathToUri(file);
      const before = this.published.get(uri);
      let entry = before && sameItems(before.items, items) && sameTexts(before.texts, textOf) ? before : undefined;
      if (!entry) {
        converted++;
        const fresh = convert(file, items, ranges, textOf, notes);
        entry = fresh.entry;
        if (before?.key !== entry.key) {
          sent++;
          void this.connection.sendDiagnostics({ uri, version: versionOf(file), diagnostics: fresh.diagnostics });
        }
      }
      next.set(uri, entry);
      errors += entry.errors;
      warnings += entry.warnings;
    }
    for (const uri of this.published.keys()) {
      if (next.has(uri)) continue;
      sent++;
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published = next;
    return { errors, warnings, converted, sent };
  }
}

function convert(file: string, items: readonly Item[], ranges: RangeMapper, textOf: (file: string) => string | undefined, notes: ModuleCallNotes): { entry: Published; diagnostics: Diagnostic[] } {
  const texts = new Map<string, string | undefined>([[file, textOf(file)]]);
  const diagnostics = items.map((item): Diagnostic => {
    // A moved `module` block changes its note's range: its file's text is checked before reuse, as related files' are.
    const calls = isFinding(item) ? notes.of(item) : [];
    const related = isFinding(item) ? [...item.related.map((r) => r.origin.file), ...calls.map((c) => c.file)] : (item.related ?? []).map((r) => r.file);
    for (const f of related) if (!texts.has(f)) texts.set(f, textOf(f));
    return isFinding(item) ? findingToDiagnostic(item, ranges, calls) : problemToDiagnostic(item, ranges);
  });
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 1) errors++;
    else if (d.severity === 2) warnings++;
  }
  return { entry: { items, texts, key: JSON.stringify(diagnostics), errors, warnings }, diagnostics };
}

function isFinding(item: Item): item is EffectiveFinding {
  return 'effectiveSeverity' in item;
}

function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameTexts(texts: ReadonlyMap<string, string | undefined>, textOf: (file: string) => string | undefined): boolean {
  for (const [file, text] of texts) if (textOf(file) !== text) return false;
  return true;
}
