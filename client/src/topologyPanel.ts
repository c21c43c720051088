// The topology panel (extension side, runs in the extension host): one webview panel showing the diagram of
// the active editor's stack, refreshed after every analysis, following the cursor's function, revealing
// declarations and saving exports. It survives window reloads through a webview panel serializer.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DiagramModel, DiagramRequestOptions, PackedDiagram } from '../../server/src/protocol/diagram';
import { AnalysisChangedNotification, DiagramRequest, ListFunctionsRequest, type FunctionSummary } from '../../server/src/protocol/requests';
import { isWebviewToHostMessage, type ExportFormat, type HostToWebviewMessage, type RevealLocation, type WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';

export const topologyViewType = 'hyperplaneLens.topology';
/** Internal command for the editor tests: the last render the panel reported. */
export const lastTopologyRenderCommand = 'hyperplaneLens.test.lastTopologyRender';

export interface TopologyRender {
  /** Counts the panel's renders (a redraw of the same analysis keeps `version`). */
  readonly serial: number;
  readonly version: number;
  readonly nodeIds: readonly string[];
  readonly selected: string | null;
}

/** What the editor tests wait for (argument of the test command). */
export interface RenderWait {
  readonly idsEndingWith: readonly string[];
  readonly selectedEndingWith?: string;
  readonly minVersion?: number;
  /** Only a render after the one with this serial. */
  readonly afterSerial?: number;
  readonly timeoutMs?: number;
}

function isRenderWait(value: unknown): value is RenderWait {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.idsEndingWith) && v.idsEndingWith.every((s) => typeof s === 'string') && (v.selectedEndingWith === undefined || typeof v.selectedEndingWith === 'string');
}

export class TopologyPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pendingFocus: string | undefined;
  private documentUri: string | undefined;
  /**
   * The unit the user picked in the panel, or the one drawn last: drawn again for every file that belongs to it,
   * so a shared module's file shows the environment the user came from (see chooseScope).
   */
  private stack: string | undefined;
  private functions: { uri: string | undefined; list: readonly FunctionSummary[] } | undefined;
  private cursorFunction: string | null = null;
  private requesting = false;
  private stale = false;
  private last: TopologyRender | undefined;
  private readonly renders = new vscode.EventEmitter<TopologyRender>();
  /** Fires whenever the webview reports a finished render (tests wait on it). */
  readonly onDidRender = this.renders.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.disposables.push(
      this.renders,
      vscode.window.registerWebviewPanelSerializer(topologyViewType, {
        deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
          this.attach(panel);
          return Promise.resolve();
        },
      }),
      client.onNotification(AnalysisChangedNotification.method, () => {
        this.functions = undefined;
        void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && this.followable(editor.document.uri) && editor.document.uri.toString() !== this.documentUri) {
          this.documentUri = editor.document.uri.toString();
          this.functions = undefined;
          void this.refresh();
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => void this.followCursor(event.textEditor)),
      vscode.commands.registerCommand(lastTopologyRenderCommand, (wait?: unknown) => (isRenderWait(wait) ? this.waitForRender(wait) : this.last)),
    );
  }

  get lastRender(): TopologyRender | undefined {
    return this.last;
  }

  /** Resolves with the first render (the last one, or a later one) matching `wait`; rejects at the deadline. */
  waitForRender(wait: RenderWait): Promise<TopologyRender> {
    const matches = (r: TopologyRender | undefined): r is TopologyRender =>
      r !== undefined && wait.idsEndingWith.every((suffix) => r.nodeIds.some((id) => id.endsWith(suffix))) && (wait.selectedEndingWith === undefined || (r.selected ?? '').endsWith(wait.selectedEndingWith)) && r.version >= (wait.minVersion ?? 0) && r.serial > (wait.afterSerial ?? -1);
    if (matches(this.last)) return Promise.resolve(this.last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`no topology render matching ${JSON.stringify(wait)} within ${wait.timeoutMs ?? 20_000} ms; last: ${JSON.stringify(this.last)}`));
      }, wait.timeoutMs ?? 20_000);
      const subscription = this.onDidRender((r) => {
        if (!matches(r)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(r);
      });
    });
  }

  /** Opens (or reveals) the panel; `focus` selects a function (the code lens passes its id). */
  show(focus?: string): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && this.followable(editor.document.uri)) this.documentUri = editor.document.uri.toString();
    if (this.panel) {
      this.panel.reveal(undefined, true);
      if (focus !== undefined) {
        this.pendingFocus = focus;
        void this.refresh();
      }
      return;
    }
    this.pendingFocus = focus;
    const panel = vscode.window.createWebviewPanel(topologyViewType, 'Topology', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.attach(panel);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    panel.title = 'Topology';
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToHostMessage(message)) void this.receive(message);
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    ];
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview.js'));
    // worker-src blob: the layout's Web Worker runs ELK's script from a blob: URL the page makes (layoutWorker.ts);
    // no script file, the extension's or another, may start a worker.
    const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} data: blob:`, `font-src ${webview.cspSource}`, `worker-src blob:`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Topology</title>
</head>
<body>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private async receive(message: WebviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        break;
      case 'rendered':
        this.last = { serial: (this.last?.serial ?? 0) + 1, version: message.version, nodeIds: message.nodeIds, selected: message.selected };
        this.renders.fire(this.last);
        break;
      case 'reveal':
        await reveal(message.location);
        break;
      case 'export':
        await saveExport(message.format, message.data);
        break;
      case 'log':
        break;
      case 'scope':
        this.stack = message.stack;
        await this.refresh();
        break;
    }
  }

  private post(message: HostToWebviewMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Asks the server for the diagram and sends it; calls that arrive meanwhile coalesce into one more. */
  private async refresh(): Promise<void> {
    if (!this.panel || !this.ready) return;
    if (this.requesting) {
      this.stale = true;
      return;
    }
    this.requesting = true;
    try {
      do {
        this.stale = false;
        // Packed: ids once in a string table, a seventh of the plain JSON for the webview's message too.
        const params: DiagramRequestOptions = { packed: true, ...(this.documentUri === undefined ? {} : { uri: this.documentUri }), ...(this.stack === undefined ? {} : { stack: this.stack }) };
        const model = await this.client.sendRequest<DiagramModel | PackedDiagram>(DiagramRequest.method, params);
        if (model.stack !== undefined) this.stack = model.stack;
        const focus = this.pendingFocus;
        this.pendingFocus = undefined;
        this.post(focus === undefined ? { type: 'diagram', model } : { type: 'diagram', model, focus });
      } while (this.stale);
    } catch (error) {
      this.post({ type: 'error', message: `The topology is not available: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      this.requesting = false;
    }
  }

  /** Selects the function whose declaration holds the cursor (moving out of every function keeps the selection). */
  private async followCursor(editor: vscode.TextEditor): Promise<void> {
    if (!this.panel || !this.ready || !this.followable(editor.document.uri)) return;
    const uri = editor.document.uri.toString();
    if (this.functions?.uri !== uri) {
      try {
        const list = await this.client.sendRequest<ListFunctionsRequest.Result>(ListFunctionsRequest.method, { uri } satisfies ListFunctionsRequest.Params);
        this.functions = { uri, list };
      } catch {
        return;
      }
    }
    const position = editor.selection.active;
    const hit = this.functions.list.find((f) => f.uri === uri && contains(f.range, position));
    if (!hit || hit.id === this.cursorFunction) return;
    this.cursorFunction = hit.id;
    this.post({ type: 'select', functionId: hit.id });
  }

  private followable(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' || uri.scheme === 'untitled';
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function contains(range: FunctionSummary['range'], p: vscode.Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

async function reveal(location: RevealLocation): Promise<void> {
  const uri = vscode.Uri.parse(location.uri);
  const position = new vscode.Position(location.line, location.character);
  // Next to the panel, in the editor group the user was editing.
  const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? vscode.ViewColumn.One;
  await vscode.window.showTextDocument(uri, { viewColumn: column, selection: new vscode.Range(position, position), preserveFocus: false });
}

async function saveExport(format: ExportFormat, data: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `topology.${format}`;
  const target = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Export topology as ${format.toUpperCase()}`,
  });
  if (!target) return;
  let bytes: Uint8Array;
  if (format === 'svg') bytes = new TextEncoder().encode(data);
  else {
    const prefix = 'data:image/png;base64,';
    if (!data.startsWith(prefix)) {
      void vscode.window.showErrorMessage('Hyperplane Lens: the panel produced no PNG image.');
      return;
    }
    bytes = Buffer.from(data.slice(prefix.length), 'base64');
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`Topology exported to ${vscode.workspace.asRelativePath(target)}`);
}

const controllers = new WeakMap<vscode.ExtensionContext, TopologyPanels>();

/** Call once from activate(): registers the serializer (panels restored after reload), the refresh on analysis and the test command. */
export function registerTopologyPanel(context: vscode.ExtensionContext, client: LanguageClient): TopologyPanels {
  let panels = controllers.get(context);
  if (!panels) {
    panels = new TopologyPanels(context, client);
    controllers.set(context, panels);
    context.subscriptions.push(panels);
  }
  return panels;
}

/** The "Show Topology" command: `functionId` (from the code lens) selects that function. */
export function showTopology(context: vscode.ExtensionContext, client: LanguageClient, functionId?: unknown): void {
  registerTopologyPanel(context, client).show(typeof functionId === 'string' ? functionId : undefined);
}
