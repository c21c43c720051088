// Editor test: quick fixes for a resource in a module `terraform init` installed (.terraform/modules) never edit
// that copy: the real client gets the action disabled with where the change belongs (VS Code's own code-action
// list leaves disabled quick fixes out), and, listed, the diagnostic's related location and an action that open
// the user's `module` call; a local module in the workspace keeps a fix that applies.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodeAction as LspCodeAction } from 'vscode-languageclient';
import { localCall, registryCall, registryManifest, rootModule, sgModule } from '../unit/ide/quickFixes/installedModuleWorkspace';
import { codeOf, extensionApi, ours, waitForDiagnostics, waitForEvent, waitForIdleAnalysis, workspaceFolder } from './waitFor';

const fixTitle = 'Add an egress rule to module.sg.aws_security_group.this';

const goToTitle = 'Go to module call "sg" (the fix belongs in its inputs)';

/** The `module "sg"` header of a root module's text. */
function moduleHeader(text: string): vscode.Range {
  const line = text.split('\n').findIndex((l) => l.startsWith('module "sg"'));
  return new vscode.Range(line, 0, line, 'module "sg"'.length);
}


async function noEgressFinding(uri: vscode.Uri): Promise<vscode.Diagnostic> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostics = await waitForDiagnostics(uri, (d) => ours(d).some((x) => codeOf(x) === 'SG_NO_EGRESS'));
  const finding = ours(diagnostics).find((x) => codeOf(x) === 'SG_NO_EGRESS');
  assert.ok(finding);
  return finding;
}

/**
 * Writes workspace files so that the editor's file watcher reports each one. On Linux the watcher can miss a
 * file written straight into a folder created a moment before (it watches a new folder only once it has seen
 * it), and the language client learns of files on disk only through those events, so each new folder is
 * created and seen before anything is written into it.
 */
class SeenWriter {
  private readonly seen = new Set<string>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceFolder(), '**'));
  private readonly subscription = this.watcher.onDidCreate((uri) => this.seen.add(uri.path));

  async write(relativePath: string, text: string): Promise<void> {
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = vscode.Uri.joinPath(workspaceFolder(), ...parts.slice(0, i));
      const exists = await vscode.workspace.fs.stat(dir).then(() => true, () => false);
      if (exists) continue;
      await vscode.workspace.fs.createDirectory(dir);
      await this.created(dir);
    }
    const file = vscode.Uri.joinPath(workspaceFolder(), relativePath);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    await this.created(file);
  }

  dispose(): void {
    this.subscription.dispose();
    this.watcher.dispose();
  }

  private created(uri: vscode.Uri): Promise<true> {
    return waitForEvent(this.watcher.onDidCreate, () => (this.seen.has(uri.path) ? true : undefined), 20_000, () => `the file watcher did not report ${uri.path}`);
  }
}

describe('quick fixes for code from installed modules', () => {
  const folders = ['e2e-qf-registry', 'e2e-qf-local'];

  before(async () => {
    await extensionApi();
    const writer = new SeenWriter();
    try {
      // The installed copy and its manifest exist before the root module, as after `terraform init`.
      await writer.write('e2e-qf-registry/.terraform/modules/sg/main.tf', sgModule);
      await writer.write('e2e-qf-registry/.terraform/modules/modules.json', registryManifest);
      await writer.write('e2e-qf-registry/main.tf', rootModule(registryCall));
      await writer.write('e2e-qf-local/modules/sg/main.tf', sgModule);
      await writer.write('e2e-qf-local/main.tf', rootModule(localCall('./modules/sg')));
    } finally {
      writer.dispose();
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const folder of folders) await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), folder), { recursive: true });
    await waitForIdleAnalysis();
  });

  it('a registry module: the client gets a disabled action naming the module source, and nothing edits .terraform', async () => {
    const main = vscode.Uri.joinPath(workspaceFolder(), 'e2e-qf-registry', 'main.tf');
    const finding = await noEgressFinding(main);
    // What the server sends the real client (it announced disabledSupport).
    const api = await extensionApi();
    const sent = await api.client.sendRequest<LspCodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: main.toString() },
      range: api.client.code2ProtocolConverter.asRange(finding.range),
      context: { diagnostics: [api.client.code2ProtocolConverter.asDiagnostic(finding)], only: ['quickfix'] },
    });
    const egress = sent.find((a) => a.title === fixTitle);
    assert.ok(egress, `actions sent: ${sent.map((a) => a.title).join(' | ')}`);
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /installed from registry\.terraform\.io\/acme\/sg\/aws 5\.3\.0 into \.terraform\/modules\/sg/);
    // What VS Code offers through its code-action pipeline: valid actions only, none writing into .terraform.
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main, finding.range, vscode.CodeActionKind.QuickFix.value);
    const edited = offered.flatMap((a) => a.edit?.entries().map(([uri]) => uri.path) ?? []);
    assert.deepEqual(edited.filter((p) => p.includes('/.terraform/')), []);
    assert.ok(!offered.some((a) => a.title === fixTitle && a.edit !== undefined), offered.map((a) => a.title).join(' | '));
  });

  it('a registry module: the diagnostic points at the user\'s module call, and a listed action opens it', async () => {
    const main = vscode.Uri.joinPath(workspaceFolder(), 'e2e-qf-registry', 'main.tf');
    const finding = await noEgressFinding(main);
    const header = moduleHeader(rootModule(registryCall));
    const call = finding.relatedInformation?.find((r) => r.location.uri.toString() === main.toString());
    assert.ok(call, `related: ${JSON.stringify(finding.relatedInformation?.map((r) => `${r.location.uri.path}:${r.location.range.start.line} ${r.message}`))}`);
    assert.ok(call.location.range.isEqual(header), `range ${JSON.stringify(call.location.range)}`);
    assert.equal(call.message, 'aws_security_group.this is created by module "sg" (registry.terraform.io/acme/sg/aws 5.3.0, installed by terraform init): change it through this call\'s inputs');
    // VS Code lists it (it is enabled) through its own code-action pipeline.
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main, finding.range, vscode.CodeActionKind.QuickFix.value);
    const goTo = offered.find((a) => a.title === goToTitle);
    assert.ok(goTo?.command, `quick fixes offered: ${offered.map((a) => a.title).join(' | ')}`);
    assert.equal(goTo.disabled, undefined);
    // Run from another editor, as from the installed copy's diagnostics: the server asks the editor to open main.tf there.
    const installed = vscode.Uri.joinPath(workspaceFolder(), 'e2e-qf-registry', '.terraform', 'modules', 'sg', 'main.tf');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(installed));
    const revealed = (): vscode.TextEditor | undefined => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.toString() === main.toString() && editor.selection.isEqual(new vscode.Selection(header.start, header.end)) ? editor : undefined;
    };
    assert.equal(revealed(), undefined);
    const shown = waitForEvent(vscode.window.onDidChangeTextEditorSelection, revealed, 20_000, () => `the module call was not revealed; active: ${vscode.window.activeTextEditor?.document.uri.path ?? 'none'} at ${JSON.stringify(vscode.window.activeTextEditor?.selection)}`);
    const args: readonly unknown[] = goTo.command.arguments ?? [];
    await vscode.commands.executeCommand(goTo.command.command, ...args);
    await shown;
  });

  it('a local module in the workspace: the fix edits the module and the finding goes away', async () => {
    const main = vscode.Uri.joinPath(workspaceFolder(), 'e2e-qf-local', 'main.tf');
    const finding = await noEgressFinding(main);
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', main, finding.range, vscode.CodeActionKind.QuickFix.value);
    const fix = offered.find((a) => a.title === fixTitle);
    assert.ok(fix?.edit, `quick fixes offered: ${offered.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.disabled, undefined);
    const moduleFile = vscode.Uri.joinPath(workspaceFolder(), 'e2e-qf-local', 'modules', 'sg', 'main.tf');
    assert.deepEqual(fix.edit.entries().map(([uri]) => uri.path), [moduleFile.path]);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    await waitForDiagnostics(main, (d) => !ours(d).some((x) => codeOf(x) === 'SG_NO_EGRESS'));
    assert.match((await vscode.workspace.openTextDocument(moduleFile)).getText(), /egress \{/);
    // Saved, so removing the folder afterwards leaves no unsaved copy behind.
    await vscode.workspace.save(moduleFile);
  });
});
