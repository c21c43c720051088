// Editor test: when the language server process dies, the client starts a new one that works.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { State } from 'vscode-languageclient/node';
import * as vscode from 'vscode';
import { extensionApi, ours, waitForDiagnostics, waitForEvent, writeWorkspaceFile } from './waitFor';

/** Language server processes started by this extension host (the client forks dist/server.js). */
function serverPids(): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server.js'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('server recovery', () => {
  it('restarts a language server that was killed, and the new one reports diagnostics', async () => {
    const api = await extensionApi();
    const [before] = serverPids();
    assert.ok(before !== undefined, 'a language server process runs under the extension host');
    const restarted = waitForEvent(
      api.client.onDidChangeState,
      () => {
        const now = serverPids();
        return api.client.state === State.Running && now.length > 0 && !now.includes(before) ? now : undefined;
      },
      30_000,
      () => `the client did not restart the server (state ${api.client.state}, processes ${serverPids().join(' ')})`,
    );
    process.kill(before, 'SIGKILL');
    await restarted;

    const uri = await writeWorkspaceFile('e2e-recovery/main.tf', 'resource "aws_vpc" "main" {\n  cidr_block = \n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitForDiagnostics(uri, (all) => ours(all).length > 0);
    assert.ok(ours(diagnostics).length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
