// Editor test: the topology panel in a real VS Code on examples/: it draws the active stack (functions,
// Hyperplane ENIs, the NAT gateway), follows the cursor into a function's block, redraws after an edit,
// and opens focused on the function a code lens names.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, waitForIdleAnalysis, workspaceFolder } from './waitFor';

const waitCommand = 'hyperplaneLens.test.lastTopologyRender';

interface Render {
  readonly version: number;
  readonly nodeIds: readonly string[];
  readonly selected: string | null;
}

function waitForRender(wait: { idsEndingWith: string[]; selectedEndingWith?: string; minVersion?: number }): Thenable<Render> {
  return vscode.commands.executeCommand<Render>(waitCommand, { ...wait, timeoutMs: 30_000 });
}

describe('topology panel', () => {
  let lambdaTf: vscode.Uri;
  let first: Render;

  before(async () => {
    await extensionApi();
    await waitForIdleAnalysis((s) => s.functions > 0);
    lambdaTf = vscode.Uri.joinPath(workspaceFolder(), 'terraform', 'lambda.tf');
    await vscode.window.showTextDocument(lambdaTf);
  });

  after(async () => {
    // Leaves lambda.tf as the other editor tests expect it.
    await vscode.window.showTextDocument(lambdaTf, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('draws the active stack: the three Terraform functions, their Hyperplane ENIs and the NAT gateway', async () => {
    await vscode.commands.executeCommand('hyperplaneLens.showTopology');
    first = await waitForRender({ idsEndingWith: ['aws_lambda_function.orders', 'aws_lambda_function.audit', 'aws_lambda_function.reports', 'aws_nat_gateway.main', 'internet'] });
    assert.equal(first.nodeIds.filter((id) => id.startsWith('eni:')).length, 4, 'app_a, app_b (shared by orders and audit), data a and b (reports)');
    assert.ok(!first.nodeIds.some((id) => id.endsWith('InventoryFunction')), 'the SAM stack is not the active one');
  });

  it('selects the function whose block holds the cursor', async () => {
    const editor = await vscode.window.showTextDocument(lambdaTf, { viewColumn: vscode.ViewColumn.One });
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('resource "aws_lambda_function" "reports"'));
    assert.ok(line >= 0);
    editor.selection = new vscode.Selection(line + 2, 4, line + 2, 4);
    const render = await waitForRender({ idsEndingWith: [], selectedEndingWith: 'aws_lambda_function.reports' });
    assert.ok(render.selected?.endsWith('aws_lambda_function.reports'));
  });

  it('redraws after an edit', async () => {
    const editor = await vscode.window.showTextDocument(lambdaTf, { viewColumn: vscode.ViewColumn.One });
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const added = `\nresource "aws_lambda_function" "topology_probe" {\n  function_name = "topology-probe"\n  role          = aws_iam_role.lambda.arn\n  runtime       = "python3.12"\n  handler       = "probe.handler"\n  filename      = "build/probe.zip"\n}\n`;
    assert.ok(await editor.edit((b) => b.insert(end, added)));
    const render = await waitForRender({ idsEndingWith: ['aws_lambda_function.topology_probe'], minVersion: first.version + 1 });
    assert.ok(render.version > first.version);
  });

  it('opens focused on the function the code lens passes', async () => {
    const api = await extensionApi();
    const functions = await api.client.sendRequest<{ id: string; address: string }[]>('hyperplaneLens/listFunctions', {});
    const audit = functions.find((f) => f.address === 'aws_lambda_function.audit');
    assert.ok(audit, `functions: ${functions.map((f) => f.address).join(', ')}`);
    await vscode.commands.executeCommand('hyperplaneLens.showTopology', audit.id);
    const render = await waitForRender({ idsEndingWith: [], selectedEndingWith: 'aws_lambda_function.audit' });
    assert.equal(render.selected, audit.id);
  });
});
