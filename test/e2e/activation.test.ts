// Editor test: the extension activates for Terraform files and SAM templates and starts its language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, extensionId } from './waitFor';

describe('activation', () => {
  it('activates on a Terraform file', async () => {
    const [tf] = await vscode.workspace.findFiles('terraform/*.tf');
    assert.ok(tf, 'the workspace has a terraform/*.tf file');
    const document = await vscode.workspace.openTextDocument(tf);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'terraform');
    const api = await extensionApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.equal(api.client.isRunning(), true);
  });

  it('activates on a SAM template', async () => {
    const [template] = await vscode.workspace.findFiles('sam/template.yaml');
    assert.ok(template, 'the workspace has sam/template.yaml');
    const document = await vscode.workspace.openTextDocument(template);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    const api = await extensionApi();
    assert.equal(api.client.isRunning(), true);
  });
});
