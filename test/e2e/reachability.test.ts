// Editor test: the server lists the example functions and the Explain Reachability command shows the
// server's explanation in a Markdown preview.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ListFunctionsRequest, type FunctionSummary } from '../../server/src/protocol/requests';
import { extensionApi, waitForEvent, waitForIdleAnalysis, workspaceFolder } from './waitFor';

async function listFunctions(): Promise<readonly FunctionSummary[]> {
  const api = await extensionApi();
  await waitForIdleAnalysis((state) => state.functions > 0);
  return api.client.sendRequest<ListFunctionsRequest.Result>(ListFunctionsRequest.method, {});
}

function relative(uri: string): string {
  return vscode.Uri.parse(uri).path.slice(workspaceFolder().path.length + 1);
}

describe('reachability', () => {
  it('lists the functions of the Terraform and SAM examples', async () => {
    const functions = await listFunctions();
    const files = new Set(functions.map((f) => relative(f.uri)));
    assert.ok([...files].some((f) => f.startsWith('terraform/')), `functions in: ${[...files].join(', ')}`);
    assert.ok(files.has('sam/template.yaml'), `functions in: ${[...files].join(', ')}`);
    for (const fn of functions) assert.ok(Object.keys(fn.reach).length > 0, `${fn.address} has a reach map`);
  });

  it('explains a function in a Markdown preview', async () => {
    const [fn] = await listFunctions();
    assert.ok(fn);
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('hyperplaneLens.explainReachability', fn.id);
    assert.ok(document, 'the command returns the Markdown document it showed');
    assert.equal(document.languageId, 'markdown');
    assert.ok(document.getText().length > 0);
    // Read-only: closing the preview never asks to save anything.
    assert.equal(document.isDirty, false);
    assert.equal(document.isUntitled, false);
    // The preview panel reaches the tab model a moment after the command returns.
    const describeTab = (t: vscode.Tab): string => `${t.label} (${t.input instanceof vscode.TabInputWebview ? t.input.viewType : t.input instanceof vscode.TabInputText ? t.input.uri.toString() : typeof t.input})`;
    const previews = (): vscode.Tab[] =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview'));
    const shown = await waitForEvent(vscode.window.tabGroups.onDidChangeTabs, () => (previews().length > 0 ? previews() : undefined), 10_000, () =>
      `no Markdown preview tab; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map(describeTab)).join(', ')}`,
    );
    assert.equal(shown.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('explains a destination the function is not known to need, analysed on demand by the server', async () => {
    const functions = await listFunctions();
    const fn = functions.find((f) => !('sqs' in f.reach));
    assert.ok(fn, 'a function that does not need SQS');
    const document = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('hyperplaneLens.explainReachability', fn.id, 'sqs');
    assert.ok(document);
    const text = document.getText();
    assert.match(text, /the sqs API/);
    assert.match(text, /Not a destination .* is known to need/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
