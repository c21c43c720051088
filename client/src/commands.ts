// Registers the extension's commands (the ids declared in package.json `contributes.commands`).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ExplainDocuments } from './explainDocuments';
import { explainReachability } from './explainReachability';
import type { RestartPolicy } from './restartPolicy';
import type { AnalysisStatusBar } from './statusBar';
import { showTopology } from './topologyPanel';

export const commandIds = {
  restartServer: 'hyperplaneLens.restartServer',
  showOutput: 'hyperplaneLens.showOutput',
  explainReachability: 'hyperplaneLens.explainReachability',
  showTopology: 'hyperplaneLens.showTopology',
} as const;

export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly client: LanguageClient;
  readonly output: vscode.OutputChannel;
  readonly restartPolicy: RestartPolicy;
  readonly statusBar: AnalysisStatusBar;
  readonly explainDocuments: ExplainDocuments;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(commandIds.restartServer, () => restartServer(ctx)),
    vscode.commands.registerCommand(commandIds.showOutput, () => ctx.output.show(true)),
    vscode.commands.registerCommand(commandIds.explainReachability, (functionId?: unknown, destination?: unknown) =>
      explainReachability(ctx.client, ctx.explainDocuments, typeof functionId === 'string' ? functionId : undefined, typeof destination === 'string' ? destination : undefined).catch((error: unknown) =>
        reportFailure(ctx.output, 'Explaining reachability failed', error),
      ),
    ),
    // The code lens passes the function to select.
    vscode.commands.registerCommand(commandIds.showTopology, (functionId?: unknown) => showTopology(ctx.extension, ctx.client, functionId)),
  ];
}

async function restartServer(ctx: CommandContext): Promise<void> {
  ctx.output.appendLine(`[${new Date().toISOString()}] Restarting the language server (requested by the user).`);
  ctx.restartPolicy.reset();
  ctx.statusBar.showStarting();
  try {
    if (ctx.client.isRunning()) await ctx.client.stop();
    await ctx.client.start();
    ctx.output.appendLine(`[${new Date().toISOString()}] The language server is running again.`);
  } catch (error) {
    ctx.statusBar.showStopped();
    reportFailure(ctx.output, 'Restarting the Hyperplane Lens language server failed', error);
  }
}

function reportFailure(output: vscode.OutputChannel, what: string, error: unknown): undefined {
  const detail = error instanceof Error ? error.message : String(error);
  output.appendLine(`${what}: ${detail}`);
  void vscode.window.showErrorMessage(`${what}: ${detail}`, 'Show Output').then((choice) => {
    if (choice === 'Show Output') output.show(true);
  });
  return undefined;
}
