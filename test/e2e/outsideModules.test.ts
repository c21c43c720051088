// Editor test: a local module outside the workspace folder (`source = "../outside/sg"`), as Terraform reads it.
// A module call added while the editor is open makes the server read that folder, and then the editor watches it
// for the server: an edit of the module on disk (not open in the editor) is analysed without a reload.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, hasCode, waitForDiagnostics, waitForIdleAnalysis, workspaceFolder } from './waitFor';

const broken = (diagnostics: readonly vscode.Diagnostic[]): boolean => hasCode(diagnostics, 'hcl-syntax');
/** A block left open: a syntax error on the module file shows that the server read it. */
const openBlock = 'resource "aws_security_group" "this" {\n';

describe('local modules outside the workspace folder', () => {
  let outside = '';
  let caller = '';
  let module: vscode.Uri;

  before(async () => {
    await extensionApi();
    outside = join(dirname(workspaceFolder().fsPath), 'e2e-outside');
    caller = join(workspaceFolder().fsPath, 'e2e-outside-caller');
    module = vscode.Uri.file(join(outside, 'sg', 'main.tf'));
    mkdirSync(dirname(module.fsPath), { recursive: true });
    writeFileSync(module.fsPath, openBlock);
  });

  after(async () => {
    rmSync(caller, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
    await waitForIdleAnalysis();
  });

  it('is read once a file in the workspace calls it', async () => {
    mkdirSync(caller, { recursive: true });
    writeFileSync(join(caller, 'main.tf'), 'module "sg" {\n  source = "../../e2e-outside/sg"\n}\n');
    await waitForDiagnostics(module, broken);
  });

  it('is watched: an edit on disk is analysed', async () => {
    // The editor's file watcher for the folder starts asynchronously after the server registers it and signals
    // nothing when it is in place, so a save in that instant can go unreported (a CI run lost the race once). The
    // server re-reads the folder when the registration is acknowledged; beyond that, the fix is saved again, with
    // a new comment each time, until the diagnostics follow. A watcher that never fires still fails the test.
    const saves = 4;
    for (let save = 1; ; save++) {
      writeFileSync(module.fsPath, `${openBlock}}\n# save ${save}\n`);
      try {
        await waitForDiagnostics(module, (d) => !broken(d), save < saves ? 5_000 : 20_000);
        return;
      } catch (error) {
        if (save === saves) throw error;
      }
    }
  });
});
