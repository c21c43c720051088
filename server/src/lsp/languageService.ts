// The server's state and its life cycle: open documents over the disk scan, settings, the debounced
// analysis, publishing. Request handlers read `current()`; they never run the analysis inside a request
// beyond bringing it up to date.

import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FindingFilter, type EffectiveFinding } from '../ide/findingFilter';
import { defaultSettings, type Settings } from '../ide/settings';
import type { Problem } from '../model/origin';
import { AnalysisChangedNotification, AnalysisStateNotification } from '../protocol/requests';
import { AnalysisSession, type WorkspaceAnalysis } from '../workspace/analysisSession';
import { readSourceFile, readWorkspace } from '../workspace/diskReader';
import { fileKind } from '../workspace/fileKinds';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { pathToUri, registerUri, uriToPath } from './uris';

/** Diagnostics refresh this long after typing stops. */
const DEBOUNCE_MS = 200;
/** A first scan with more files than this shows a progress notification. */
const PROGRESS_THRESHOLD = 200;

export interface CurrentAnalysis {
  readonly analysis: WorkspaceAnalysis;
  readonly findings: readonly EffectiveFinding[];
}

export class LanguageService {
  readonly session = new AnalysisSession();
  private settings: Settings = defaultSettings;
  private readonly publisher: DiagnosticsPublisher;
  private readonly findingFilter = new FindingFilter();
  private readonly notices = new Map<string, Problem>();
  private timer: NodeJS.Timeout | undefined;
  private latest: CurrentAnalysis | undefined;
  private roots: string[] = [];
  /**
   * True while the first disk scan runs. A document the editor opens meanwhile is held, not analysed: its
   * module's other files are not read yet, and an analysis of the open file alone would publish false
   * problems (a variable declared in variables.tf reported as undeclared) until the scan ends.
   */
  private scanning = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.publisher = new DiagnosticsPublisher(connection);
  }

  setRoots(roots: string[]): void {
    this.roots = roots;
  }

  /** The workspace folders: quick fixes edit only files inside them. */
  get workspaceRoots(): readonly string[] {
    return this.roots;
  }

  /**
   * Whether the client shows code actions marked `disabled` (greyed out, with the reason). Clients without
   * it would offer an action that does nothing, so such actions are left out for them.
   */
  disabledActionsShown = false;

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.session.setOptions({
      region: settings.region || undefined,
      varFiles: settings.varFiles,
      eniQuotaPerVpc: settings.eniQuotaPerVpc,
      unsupportedAvailabilityZones: settings.unsupportedAvailabilityZones,
    });
    this.schedule(0);
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /** An open document's text wins over the disk; it is analysed at once, or when the first scan ends. */
  documentChanged(document: TextDocument, immediate: boolean): void {
    const path = registerUri(document.uri, document.languageId);
    if (fileKind(path) === undefined) return;
    this.session.setFile(path, document.getText());
    this.schedule(immediate ? 0 : DEBOUNCE_MS);
  }

  async documentClosed(document: TextDocument): Promise<void> {
    const path = registerUri(document.uri, document.languageId);
    if (!document.uri.startsWith('file:')) {
      this.session.setFile(path, undefined);
    } else {
      await this.reloadFromDisk(path);
    }
    this.schedule(0);
  }

  async filesChanged(uris: readonly string[]): Promise<void> {
    for (const uri of uris) {
      if (this.documents.get(uri)) continue; // the open buffer wins over the disk
      await this.reloadFromDisk(uriToPath(uri));
    }
    this.schedule(DEBOUNCE_MS);
  }

  /** Reads every workspace folder in the background, in batches, so requests are served meanwhile. */
  async scanWorkspace(): Promise<void> {
    if (this.roots.length === 0) return;
    this.scanning = true;
    try {
      await this.scan();
    } finally {
      this.scanning = false;
    }
    this.runNow();
  }

  private async scan(): Promise<void> {
    let progress: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
    const started = Date.now();
    const result = await readWorkspace(this.roots, {
      onProgress: async (read) => {
        if (!progress && read >= PROGRESS_THRESHOLD) {
          progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
          progress?.begin('Hyperplane Lens', 0, 'Reading Terraform and CloudFormation files…');
        }
        progress?.report(`${read} files read`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
    });
    for (const [path, text] of result.files) {
      if (!this.documents.get(pathToUri(path))) this.session.setFile(path, text);
    }
    for (const notice of result.notices) this.notices.set(notice.file, notice);
    this.log(`scanned ${result.files.size} files in ${Date.now() - started} ms`);
    progress?.done();
  }

  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow();
    }, delay);
  }

  /** The analysis for requests: brought up to date synchronously if edits are pending. */
  current(): CurrentAnalysis | undefined {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.runNow();
    }
    return this.latest;
  }

  private runNow(): void {
    if (this.scanning) return; // the scan's end runs the analysis, open documents included
    if (!this.settings.enable) {
      this.latest = undefined;
      return;
    }
    void this.connection.sendNotification(AnalysisStateNotification.method, { state: 'analysing', functions: 0, errors: 0, warnings: 0 } satisfies AnalysisStateNotification.Params);
    const started = performance.now();
    let analysis: WorkspaceAnalysis;
    try {
      analysis = this.session.analyze();
    } catch (error) {
      // A bug in the core must not take the server down: log it and keep the previous results.
      this.connection.console.error(`analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    const findings = this.findingFilter.filter(analysis.result.findings, this.settings, analysis.model, (f) => analysis.snapshot.text(f), (f) => analysis.snapshot.lines(f));
    this.latest = { analysis, findings };
    const counts = this.publisher.publish(analysis, findings, [...this.notices.values()], (path) => this.documents.get(pathToUri(path))?.version);
    const duration = performance.now() - started;
    if (this.settings.trace !== 'off') {
      const stages = Object.entries(analysis.timings)
        .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
        .join(', ');
      this.log(`analysis #${analysis.generation}: ${this.session.fileCount} files, ${analysis.result.functions.length} functions in ${duration.toFixed(1)} ms (${stages}); diagnostics of ${counts.converted} file(s) rebuilt, ${counts.sent} sent`);
    }
    void this.connection.sendNotification(AnalysisStateNotification.method, {
      state: 'idle',
      functions: analysis.result.functions.length,
      errors: counts.errors,
      warnings: counts.warnings,
      lastDurationMs: Math.round(duration),
    } satisfies AnalysisStateNotification.Params);
    void this.connection.sendNotification(AnalysisChangedNotification.method, { version: analysis.generation } satisfies AnalysisChangedNotification.Params);
  }

  private async reloadFromDisk(path: string): Promise<void> {
    if (fileKind(path) === undefined) return;
    const read = await readSourceFile(path);
    this.notices.delete(path);
    if (read?.notice) this.notices.set(path, read.notice);
    this.session.setFile(path, read?.text);
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }
}
