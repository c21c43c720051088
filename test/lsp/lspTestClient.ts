// A minimal LSP client for tests: talks JSON-RPC to the real server, either in process over a stream pair
// or to the standalone `dist/server.js --stdio` process, and waits for published diagnostics by event.

import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node';
import type { LanguageService } from '../../server/src/lsp/languageService';
import { startServer } from '../../server/src/lsp/startServer';

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  private versions = new Map<string, number>();

  constructor(
    readonly connection: MessageConnection,
    private readonly child?: ChildProcess,
    /** The server's service, when it runs in this process (to check its state after an event). */
    readonly service?: LanguageService,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.poke();
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification(() => undefined);
    connection.listen();
  }

  async initialize(rootDir: string | null, capabilities: object = {}): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: rootDir ? pathToFileURL(rootDir).toString() : null,
      workspaceFolders: rootDir ? [{ uri: pathToFileURL(rootDir).toString(), name: 'test' }] : null,
      capabilities,
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resolves when the diagnostics of `uri` satisfy the predicate; rejects after `timeoutMs` with what was seen. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const d = this.diagnostics.get(uri);
        return d !== undefined && predicate(d);
      };
      if (check()) return resolve(this.diagnostics.get(uri)!);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve(this.diagnostics.get(uri)!)) });
    });
  }

  dispose(): void {
    this.connection.dispose();
    this.child?.kill();
  }

  private poke(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w !== undefined && w.check()) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}

/** The real server in this process, over a pair of streams. */
export function startInProcess(): TestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const service = startServer(createConnection(toServer, toClient));
  return new TestClient(createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), undefined, service);
}

/** The standalone server (`node dist/server.js --stdio`), as another editor would start it. */
export function startStdio(serverJs: string): TestClient {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new TestClient(createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), child);
}
