// Editor test: the status bar item follows the server's analysis reports.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, ours, waitForDiagnostics, waitForIdleAnalysis, writeWorkspaceFile } from './waitFor';

describe('status bar', () => {
  it('shows the error and warning counts of the last analysis', async () => {
    const api = await extensionApi();
    const state = await waitForIdleAnalysis((s) => s.functions > 0);
    const problems = state.errors + state.warnings;
    const count = (n: number, noun: string): string => (n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`);
    const words = [count(state.errors, 'error'), count(state.warnings, 'warning')].filter(Boolean).join(', ');
    const expected = problems === 0 ? `$(pass) Hyperplane Lens: ${state.functions} function` : `Hyperplane Lens: ${words}`;
    assert.ok(api.statusBarText().includes(expected), `status bar: ${api.statusBarText()}, state: ${JSON.stringify(state)}`);
  });

  it('counts a new syntax error as one more error', async () => {
    const before = await waitForIdleAnalysis();
    const uri = await writeWorkspaceFile('e2e-status/main.tf', 'resource "aws_vpc" "main" {\n  cidr_block = \n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, (all) => ours(all).length > 0);
    const after = await waitForIdleAnalysis((s) => s.errors > before.errors);
    const api = await extensionApi();
    assert.ok(api.statusBarText().startsWith('$(error) Hyperplane Lens: '), api.statusBarText());
    assert.ok(after.errors > before.errors);
    await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
