// The server's state and its life cycle: open documents over the disk scan, settings, the debounced
// analysis, publishing. Request handlers read `current()`; they never run the analysis inside a request
// beyond bringing it up to date.

import { stat } from 'node:fs/promises';
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type FileEvent, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FindingFilter, type EffectiveFinding } from '../ide/findingFilter';
import { defaultSettings, type Settings } from '../ide/settings';
import type { Problem } from '../model/origin';
import { AnalysisChangedNotification, AnalysisStateNotification } from '../protocol/requests';
import { AnalysisSession, type WorkspaceAnalysis } from '../workspace/analysisSession';
import { readInstalledModules, readModuleFolders, readSourceFile, readWorkspace, type ReadResult } from '../workspace/diskReader';
import { readCalledFolders } from '../workspace/calledFolders';
import { fileKind, isWalkedPath } from '../workspace/fileKinds';
import { installedModulesOwner, RescanQueue } from '../workspace/installedModuleRefresh';
import { counted } from '../analysis/listWords';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { pathToUri, registerUri, uriToPath } from './uris';

/** Diagnostics refresh this long after typing stops. */
const DEBOUNCE_MS = 200;
/** A first scan with more files than this shows a progress notification. */
const PROGRESS_THRESHOLD = 200;
/** An analysis slower than this is logged even with tracing off. */
const SLOW_ANALYSIS_MS = 1000;

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
  /** Settles when the first disk scan has ended: a re-read of `.terraform` applied before it would be overwritten. */
  private firstScan: Promise<void> = Promise.resolve();
  /**
   * Events under `.terraform` re-read that root module's manifest and module folders, once per burst: the
   * editor's watcher on Linux misses files created inside folders created a moment before, which is how
   * `terraform init` writes them, so per-file events there cannot be trusted.
   */
  private readonly installedRescans = new RescanQueue((owners) => this.rereadInstalledModules(owners));
  /** Called folders outside the workspace folders already looked at (see readOutsideModules). */
  private readonly outsideTried = new Set<string>();
  private readingOutside = false;
  /** Set by the LSP `shutdown` request: nothing is analysed or re-read after it (the client sends `exit` next). */
  private stopped = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {
    this.publisher = new DiagnosticsPublisher(connection, (file) => this.isUserFile(file));
  }

  setRoots(roots: string[]): void {
    this.roots = roots;
  }

  /**
   * Whether `file` is the user's own code, which quick fixes may edit: inside a workspace folder, or an unsaved
   * buffer (with no folder open, any file the editor holds). Files under `.terraform/` never are (see ownership.ts).
   */
  isUserFile(file: string): boolean {
    const roots = this.roots;
    return roots.length === 0 || roots.some((r) => file.startsWith(r.endsWith('/') ? r : `${r}/`)) || !pathToUri(file).startsWith('file:');
  }

  /**
   * Whether the client shows code actions marked `disabled` (greyed out, with the reason). Clients without
   * it would offer an action that does nothing, so such actions are left out for them.
   */
  disabledActionsShown = false;

  /** Whether the client opens documents the server asks for (window/showDocument): the "go to module call" actions need it. */
  showDocumentSupported = false;

  /**
   * Whether the client watches files for the server outside the workspace folders (watchers registered at run
   * time with a base folder): local modules called from outside are then watched too, not only read once.
   */
  outsideWatchSupported = false;

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.session.setOptions({
      region: settings.region || undefined,
      varFiles: settings.varFiles,
      samConfigEnv: settings.samConfigEnv,
      eniQuotaPerVpc: settings.eniQuotaPerVpc,
      unsupportedAvailabilityZones: settings.unsupportedAvailabilityZones,
    });
    this.schedule(0);
  }

  get currentSettings(): Settings {
    return this.settings;
  }

  /**
   * Per open document, the version at which its text last matched the file on disk (opened or saved): a
   * buffer still at that version holds nothing the user has not saved.
   */
  private readonly savedVersions = new Map<string, number>();

  /** The generation of the last analysis logged (0: none yet). */
  private loggedGeneration = 0;

  documentOpened(document: TextDocument): void {
    this.savedVersions.set(document.uri, document.version);
    this.documentChanged(document, true);
  }

  documentSaved(document: TextDocument): void {
    this.savedVersions.set(document.uri, document.version);
  }

  /** Whether an open document holds unsaved text (then it wins even over a deleted file). */
  private unsaved(uri: string): boolean {
    const document = this.documents.get(uri);
    return document !== undefined && this.savedVersions.get(uri) !== document.version;
  }

  /** An open document's text wins over the disk; it is analysed at once, or when the first scan ends. */
  documentChanged(document: TextDocument, immediate: boolean): void {
    const path = registerUri(document.uri, document.languageId);
    if (fileKind(path) === undefined) return;
    this.session.setFile(path, document.getText());
    this.schedule(immediate ? 0 : DEBOUNCE_MS);
  }

  async documentClosed(document: TextDocument): Promise<void> {
    this.savedVersions.delete(document.uri);
    const path = registerUri(document.uri, document.languageId);
    if (!document.uri.startsWith('file:')) {
      this.session.setFile(path, undefined);
    } else {
      await this.reloadFromDisk(path);
    }
    this.schedule(0);
  }

  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    if (this.stopped) return;
    let reloaded = false;
    const deleted = new Set(changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri));
    for (const uri of new Set(changes.map((c) => c.uri))) {
      const path = uriToPath(uri);
      const owner = installedModulesOwner(path, this.roots);
      if (owner !== undefined) {
        this.installedRescans.request(owner);
        continue;
      }
      if (this.documents.get(uri)) {
        // The open buffer wins over the disk, except when the file is gone (moved or deleted outside the
        // editor; the tab stays open, marked deleted) and the buffer holds nothing unsaved: Terraform and
        // CloudFormation no longer see it, so neither does the analysis (a rename would otherwise declare
        // everything twice). Typing in the buffer brings it back.
        if (deleted.has(uri) && !this.unsaved(uri) && fileKind(path) !== undefined && !(await exists(path))) {
          this.session.setFile(path, undefined);
          reloaded = true;
        }
        continue;
      }
      if (fileKind(path) === undefined) reloaded = (await this.folderChanged(path)) || reloaded;
      else {
        await this.reloadFromDisk(path);
        reloaded = true;
      }
    }
    if (reloaded) this.schedule(DEBOUNCE_MS);
  }

  /**
   * A created or deleted path that is not a file we read: a folder, perhaps. The editor reports a folder
   * created or deleted as a whole (a checkout, a move, `rm -r`) but on Linux not the files inside it, so a new
   * folder inside the workspace folders is walked as the first scan walks, and the files held under a vanished
   * one are dropped (open documents with unsaved text keep it). Whether something changed.
   */
  private async folderChanged(path: string): Promise<boolean> {
    if (!isWalkedPath(path, this.roots)) return false;
    const isFolder = await stat(path).then((s) => s.isDirectory(), () => undefined);
    if (isFolder === false) return false;
    if (isFolder === undefined) {
      const gone = this.session.filesUnder(path).filter((file) => !this.unsaved(pathToUri(file)));
      for (const file of gone) {
        this.session.setFile(file, undefined);
        this.notices.delete(file);
      }
      if (gone.length > 0) this.log(`${path} was deleted: ${gone.length} files dropped`);
      return gone.length > 0;
    }
    const result = await readWorkspace([path]);
    this.adopt(result);
    if (result.files.size > 0) this.log(`${path} appeared: ${result.files.size} files read`);
    return result.files.size > 0;
  }

  /** Re-reads the manifest and module folders of each root module's `.terraform`; open documents keep their text. */
  private async rereadInstalledModules(owners: readonly string[]): Promise<void> {
    await this.firstScan;
    for (const owner of owners) {
      const started = Date.now();
      let result;
      try {
        result = await readInstalledModules(owner);
      } catch (error) {
        this.connection.console.warn(`could not re-read ${owner}/.terraform: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      // What the session holds under `.terraform` and the disk no longer has goes (`rm -rf .terraform`): the
      // editor reports a deleted folder, not its files.
      let removed = 0;
      for (const path of this.session.filesUnder(`${owner}/.terraform`)) {
        this.notices.delete(path);
        if (result.files.has(path) || this.documents.get(pathToUri(path))) continue; // the open buffer wins over the disk
        this.session.setFile(path, undefined);
        removed++;
      }
      this.adopt(result);
      this.log(`re-read ${owner}/.terraform: ${result.files.size} files, ${removed} removed, in ${Date.now() - started} ms`);
    }
    this.schedule(0);
  }

  /** Reads every workspace folder in the background, in batches, so requests are served meanwhile. */
  async scanWorkspace(): Promise<void> {
    if (this.roots.length === 0) return;
    this.scanning = true;
    const scan = this.scan();
    this.firstScan = scan.catch(() => undefined); // a failed scan is reported by scanWorkspace's caller
    try {
      await scan;
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
    this.adopt(result);
    this.log(`scanned ${result.files.size} files in ${Date.now() - started} ms`);
    await this.readOutsideModules();
    progress?.done();
  }

  /** LSP `shutdown`: drops the pending analysis and re-reads, and starts none after it. */
  shutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.installedRescans.dispose();
  }

  /** Whether an analysis or a re-read of installed modules is waiting to run. */
  get pendingWork(): boolean {
    return this.timer !== undefined || this.installedRescans.busy;
  }

  schedule(delay: number): void {
    if (this.stopped) return;
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
    // One line per new analysis (not again when an unchanged one is re-published): with tracing on, every one;
    // otherwise the first, and any slow one, so the Output view says what a scan cost without a setting.
    const fresh = analysis.generation !== this.loggedGeneration;
    if (fresh && (this.settings.trace !== 'off' || this.loggedGeneration === 0 || duration > SLOW_ANALYSIS_MS)) {
      this.loggedGeneration = analysis.generation;
      const stages = Object.entries(analysis.timings)
        .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
        .join(', ');
      this.log(`analysis #${analysis.generation}: ${this.session.fileCount} files, ${analysis.result.functions.length} functions in ${duration.toFixed(1)} ms (${stages}); diagnostics of ${counted(counts.converted, 'file')} rebuilt, ${counts.sent} sent`);
    }
    void this.connection.sendNotification(AnalysisStateNotification.method, {
      state: 'idle',
      functions: analysis.result.functions.length,
      errors: counts.errors,
      warnings: counts.warnings,
      lastDurationMs: Math.round(duration),
    } satisfies AnalysisStateNotification.Params);
    void this.connection.sendNotification(AnalysisChangedNotification.method, { version: analysis.generation } satisfies AnalysisChangedNotification.Params);
    // An edit may have added a call of a module outside the workspace folders: read it, then analyse again.
    void this.readOutsideModules().then((read) => {
      if (read) this.schedule(0);
    });
  }

  /**
   * Local modules the workspace calls from outside its folders (`source = "../../shared/sg"`), read as Terraform
   * reads them: at the first scan, and after an analysis in which a new such call appeared. Watched when the
   * client can watch outside the workspace (else an edit there is seen when the file is opened). Whether any
   * folder was read.
   */
  private async readOutsideModules(): Promise<boolean> {
    if (this.readingOutside || this.roots.length === 0) return false;
    this.readingOutside = true;
    try {
      const read = await readCalledFolders(this.session, (r) => this.adopt(r), this.outsideTried);
      if (read.length === 0) return false;
      this.log(`read ${read.length === 1 ? 'the local module' : 'the local modules'} ${read.join(', ')}, called from outside the workspace folders`);
      if (this.outsideWatchSupported) {
        const watchers = read.map((dir) => ({ globPattern: { baseUri: pathToUri(dir), pattern: '*.{tf,tf.json}' } }));
        // The editor watches from the moment it handles the registration; a file saved between our read and
        // then would go unseen, so the folders are read once more when the registration is acknowledged.
        void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).then(
          () => this.rereadOutside(read),
          () => undefined,
        );
      }
      return true;
    } finally {
      this.readingOutside = false;
    }
  }

  private async rereadOutside(dirs: readonly string[]): Promise<void> {
    if (this.stopped) return;
    this.adopt(await readModuleFolders(dirs));
    if (this.session.stale) this.schedule(0);
  }

  /** Takes files read from disk into the session; open documents keep their text. */
  private adopt(result: ReadResult): void {
    for (const [path, text] of result.files) {
      if (!this.documents.get(pathToUri(path))) this.session.setFile(path, text);
    }
    for (const notice of result.notices) this.notices.set(notice.file, notice);
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

/** Whether a path exists on disk (a watcher's "deleted" can be followed by a re-create before it arrives). */
function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
