// The extension's entry point: wires the language client, the status bar and the commands together.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { AnalysisStateNotification } from '../../server/src/protocol/requests';
import { registerCommands } from './commands';
import { ExplainDocuments, explainScheme } from './explainDocuments';
import { clientName, createLanguageClient } from './languageClient';
import { AnalysisStatusBar } from './statusBar';
import { registerTopologyPanel } from './topologyPanel';

/** What `activate` returns: for the editor tests, which talk to the same server the user sees. */
export interface HyperplaneLensApi {
  readonly client: LanguageClient;
  /** Settles when the first server start has finished (or failed). */
  readonly ready: Promise<void>;
  /** The server's last analysis report (undefined before the first), and an event for each new one. */
  readonly analysisState: () => AnalysisStateNotification.Params | undefined;
  readonly onDidChangeAnalysisState: vscode.Event<AnalysisStateNotification.Params>;
  /** What the status bar item shows now. */
  readonly statusBarText: () => string;
}

let activeClient: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): HyperplaneLensApi {
  const output = vscode.window.createOutputChannel(clientName);
  const statusBar = new AnalysisStatusBar();
  const { client, restartPolicy } = createLanguageClient(context, output);
  activeClient = client;
  const explainDocuments = new ExplainDocuments();
  const analysisStates = new vscode.EventEmitter<AnalysisStateNotification.Params>();
  let lastState: AnalysisStateNotification.Params | undefined;
  // A report can arrive before the client announces Running; it must not be overwritten then.
  let reportedSinceStart = false;
  context.subscriptions.push(
    output,
    statusBar,
    analysisStates,
    explainDocuments,
    vscode.workspace.registerTextDocumentContentProvider(explainScheme, explainDocuments),
    client.onNotification(AnalysisStateNotification.method, (params: AnalysisStateNotification.Params) => {
      lastState = params;
      reportedSinceStart = true;
      statusBar.update(params);
      analysisStates.fire(params);
    }),
    client.onDidChangeState((event) => {
      switch (event.newState) {
        case State.Starting:
          reportedSinceStart = false;
          statusBar.showStarting();
          break;
        case State.Stopped:
          statusBar.showStopped();
          break;
        case State.Running:
          if (!reportedSinceStart) statusBar.showRunning();
          break;
      }
    }),
    ...registerCommands({ extension: context, client, output, restartPolicy, statusBar, explainDocuments }),
  );
  // Restores topology panels left open before a reload, and refreshes them after each analysis.
  registerTopologyPanel(context, client);
  const ready = client.start().catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    output.appendLine(`The language server did not start: ${detail}`);
    statusBar.showStopped();
    void vscode.window.showErrorMessage(`Hyperplane Lens: the language server did not start (${detail}).`, 'Show Output').then((choice) => {
      if (choice === 'Show Output') output.show(true);
    });
  });
  return { client, ready, analysisState: () => lastState, onDidChangeAnalysisState: analysisStates.event, statusBarText: () => statusBar.text };
}

export function deactivate(): Promise<void> | undefined {
  const client = activeClient;
  activeClient = undefined;
  // stop() throws unless the client is running (e.g. the server never started); nothing to stop then.
  return client?.isRunning() ? client.stop() : undefined;
}
