// Editor test of what a user sees on examples/: reachability findings with codes and ranges, the hover on a
// function, code lenses, and a quick fix applied through the editor that makes its finding disappear.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extensionApi, hasCode, ours, waitForDiagnostics, workspaceFolder } from './waitFor';

function lineOf(document: vscode.TextDocument, prefix: string): number {
  const line = document.getText().split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(line >= 0, `no line starting with ${prefix}`);
  return line;
}

describe('editor features on examples/', () => {
  let lambdaTf: vscode.Uri;
  before(async () => {
    await extensionApi();
    lambdaTf = vscode.Uri.joinPath(workspaceFolder(), 'terraform', 'lambda.tf');
  });

  it('reports the reachability findings with their codes, ranges and related blocking components', async () => {
    const document = await vscode.workspace.openTextDocument(lambdaTf);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(lambdaTf, (d) => hasCode(d, 'LAMBDA_NO_ROUTE_S3'));
    const s3 = ours(diagnostics).find((d) => codeOf(d) === 'LAMBDA_NO_ROUTE_S3');
    assert.ok(s3);
    assert.equal(s3.severity, vscode.DiagnosticSeverity.Error);
    // Located on the reports function's vpc_config (or its declaration).
    const reports = lineOf(document, 'resource "aws_lambda_function" "reports"');
    assert.ok(s3.range.start.line >= reports && s3.range.start.line < reports + 12, `S3 finding at line ${s3.range.start.line}`);
    assert.ok((s3.relatedInformation ?? []).some((r) => r.location.uri.path.endsWith('/network.tf')), 'related information points at the route table in network.tf');
    assert.ok(typeof s3.code === 'object' && s3.code.target.toString().includes('LAMBDA_NO_ROUTE_S3'), 'the code links to the rule page');
    const codes = ours(diagnostics).map(codeOf).sort();
    assert.ok(codes.includes('LAMBDA_PARTIAL_REACH') && codes.includes('LAMBDA_NO_ROUTE_TARGET'), codes.join(', '));
  });

  it('hovers a function: where it runs, the functions sharing its ENIs, the reach table', async () => {
    const document = await vscode.workspace.openTextDocument(lambdaTf);
    const line = lineOf(document, 'resource "aws_lambda_function" "orders"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', lambdaTf, new vscode.Position(line, 12));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /AWS-managed Lambda service VPC/);
    assert.match(text, /shared with 1 function: `audit`/);
    assert.match(text, /the internet \(IPv4\)/);
  });

  it('hovers a reference with its resolved value', async () => {
    const document = await vscode.workspace.openTextDocument(lambdaTf);
    const line = document.getText().split('\n').findIndex((l) => l.includes('subnet_ids') && l.includes('aws_subnet.app_a.id'));
    const column = document.lineAt(line).text.indexOf('aws_subnet.app_a') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', lambdaTf, new vscode.Position(line, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /aws_subnet\.app_a/);
    assert.match(text, /10\.0\.10\.0\/24/); // the subnet's own hover follows the value
  });

  it('shows a code lens summary above each function', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', lambdaTf);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.equal(titles.length, 3, titles.join(' | '));
    assert.ok(titles.some((t) => /Internet ◐/.test(t) && /shares ENIs with 1/.test(t)), titles.join(' | '));
  });

  it('applies a quick fix and the finding disappears', async () => {
    const document = await vscode.workspace.openTextDocument(lambdaTf);
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(lambdaTf, (d) => ours(d).some((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'LAMBDA_NO_ROUTE_TARGET'));
    const target = ours(diagnostics).find((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'LAMBDA_NO_ROUTE_TARGET');
    assert.ok(target);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', lambdaTf, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /allow ingress tcp 5432/i.test(a.title));
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    await waitForDiagnostics(lambdaTf, (d) => !ours(d).some((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'LAMBDA_NO_ROUTE_TARGET'));
    // Leave the workspace as the other tests expect it.
    const changed = fix.edit.entries().map(([uri]) => uri);
    for (const uri of changed) {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
