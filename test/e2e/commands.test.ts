// Editor test: the extension's commands are registered and behave in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi } from './waitFor';

describe('commands', () => {
  before(async () => {
    await extensionApi();
  });

  it('registers every command declared in package.json', async () => {
    const extension = vscode.extensions.getExtension('hyperplane-lens.hyperplane-lens');
    const declared = ((extension?.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
    assert.deepEqual(declared.sort(), ['hyperplaneLens.explainReachability', 'hyperplaneLens.restartServer', 'hyperplaneLens.showOutput', 'hyperplaneLens.showTopology']);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(declared.filter((id) => !registered.has(id)), []);
  });

  it('restarts the language server on request', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('hyperplaneLens.restartServer');
    assert.equal(api.client.isRunning(), true);
  });
});
