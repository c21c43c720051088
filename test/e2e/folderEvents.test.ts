// Editor test: a folder of Terraform created or deleted as a whole (a checkout, a move, `rm -r`) while the
// editor is open. VS Code's watcher on Linux reports the folder but not the files written into it or removed
// with it; the files must still be analysed without a reload, and forgotten once the folder is gone.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, hasCode, ours, waitForDiagnostics, waitForIdleAnalysis, workspaceFolder } from './waitFor';

const broken = (diagnostics: readonly vscode.Diagnostic[]): boolean => hasCode(diagnostics, 'hcl-syntax');

describe('folders created or deleted while the editor is open', () => {
  let root = '';
  let file: vscode.Uri;

  before(async () => {
    await extensionApi();
    root = join(workspaceFolder().fsPath, 'e2e-folder');
    file = vscode.Uri.file(join(root, 'net', 'main.tf'));
  });

  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await waitForIdleAnalysis();
  });

  it('a new folder is read, though only the folder is reported', async () => {
    mkdirSync(join(root, 'net'), { recursive: true });
    // A block left open: a syntax error, whatever else the workspace holds.
    writeFileSync(file.fsPath, 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n');
    await waitForDiagnostics(file, broken);
  });

  it('a deleted folder takes its files out of the analysis', async () => {
    rmSync(root, { recursive: true });
    await waitForDiagnostics(file, (d) => ours(d).length === 0);
  });
});
