// Starts the language server on a connection: the IPC/stdio entry (server.ts) and the in-process tests
// (test/lsp) share this, so the tests exercise exactly what editors talk to.

import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normaliseSettings } from '../ide/settings';
import { registerFeatures } from './features';
import { LanguageService } from './languageService';
import { revealLocationCommand } from './revealLocation';
import { uriToPath } from './uris';

export function startServer(connection: Connection): LanguageService {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService(connection, documents);
  let configurationPull = false;

  connection.onInitialize((params) => {
    configurationPull = params.capabilities.workspace?.configuration === true;
    service.disabledActionsShown = params.capabilities.textDocument?.codeAction?.disabledSupport === true;
    service.showDocumentSupported = params.capabilities.window?.showDocument?.support === true;
    const watched = params.capabilities.workspace?.didChangeWatchedFiles;
    service.outsideWatchSupported = watched?.dynamicRegistration === true && watched.relativePatternSupport === true;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
    service.setRoots(folders);
    const initOptions: unknown = params.initializationOptions;
    if (initOptions && typeof initOptions === 'object' && 'settings' in initOptions) service.applySettings(normaliseSettings(initOptions.settings));
    return {
      capabilities: {
        // Saves are reported so the server knows when an open buffer matches the disk (see documentSaved).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [revealLocationCommand] },
      },
      serverInfo: { name: 'hyperplane-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationPull) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'hyperplaneLens' }).catch(() => undefined);
      void pullSettings().then(() => service.scanWorkspace());
    } else {
      void service.scanWorkspace();
    }
  });

  async function pullSettings(): Promise<void> {
    try {
      const raw: unknown = await connection.workspace.getConfiguration('hyperplaneLens');
      service.applySettings(normaliseSettings(raw));
    } catch (error) {
      connection.console.warn(`could not read settings: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    const raw: unknown = change.settings;
    if (configurationPull) void pullSettings();
    else if (raw && typeof raw === 'object' && 'hyperplaneLens' in raw) service.applySettings(normaliseSettings(raw.hyperplaneLens));
  });

  documents.onDidOpen((e) => service.documentOpened(e.document));
  documents.onDidSave((e) => service.documentSaved(e.document));
  documents.onDidChangeContent((e) => service.documentChanged(e.document, false));
  documents.onDidClose((e) => void service.documentClosed(e.document));
  connection.onShutdown(() => service.shutdown());
  connection.onDidChangeWatchedFiles((e) => void service.filesChanged(e.changes));

  registerFeatures(connection, documents, service);
  documents.listen(connection);
  connection.listen();
  return service;
}
