// Editor test: `terraform init` while the editor is open. Terraform creates .terraform/modules/<key>/ and then
// writes the module's files and modules.json into those new folders, which VS Code's watcher on Linux does
// not report; the registry module must still become available without a window reload, and unavailable
// again after `rm -rf .terraform`.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { registryCall, registryManifest, rootModule, sgModule } from '../unit/ide/quickFixes/installedModuleWorkspace';
import { extensionApi, hasCode, waitForDiagnostics, waitForIdleAnalysis, workspaceFolder } from './waitFor';

const has = hasCode;

describe('terraform init while the editor is open', () => {
  const folder = 'e2e-tfinit';
  let root = '';
  let main: vscode.Uri;

  before(async () => {
    await extensionApi();
    root = join(workspaceFolder().fsPath, folder);
    main = vscode.Uri.file(join(root, 'main.tf'));
    mkdirSync(root, { recursive: true });
    writeFileSync(main.fsPath, rootModule(registryCall));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(main));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(main);
    await vscode.workspace.fs.delete(vscode.Uri.file(root), { recursive: true });
    await waitForIdleAnalysis();
  });

  it('the registry module is analysed once terraform has installed it, without a reload', async () => {
    await waitForDiagnostics(main, (d) => has(d, 'tf-module-not-installed'));
    // As terraform does it, straight through the file system: folders first, then the files in them.
    const installed = join(root, '.terraform', 'modules', 'sg');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, 'main.tf'), sgModule);
    writeFileSync(join(root, '.terraform', 'modules', 'modules.json'), registryManifest);
    // The module's security group (declared without egress) is now part of the analysis.
    await waitForDiagnostics(main, (d) => !has(d, 'tf-module-not-installed') && has(d, 'SG_NO_EGRESS'));
  });

  it('rm -rf .terraform makes the module unavailable again', async () => {
    rmSync(join(root, '.terraform'), { recursive: true, force: true });
    await waitForDiagnostics(main, (d) => has(d, 'tf-module-not-installed') && !has(d, 'SG_NO_EGRESS'));
  });
});
