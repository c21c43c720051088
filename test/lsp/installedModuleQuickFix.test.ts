// Code actions never edit code the user does not own, through the real server on a workspace on disk: a
// registry module installed under .terraform/modules gets a disabled quick fix that says where the change
// belongs; a local module inside the workspace keeps its edit; a local module outside the workspace folders
// (open in the editor) gets no edit either.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { registryCall, registryManifest, localCall, rootModule, sgModule } from '../unit/ide/quickFixes/installedModuleWorkspace';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();

/** The root module with the provider's Region (the in-process server has no settings). */
const main = (call: string): string => `provider "aws" {\n  region = "eu-west-1"\n}\n${rootModule(call)}`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

describe('language server: quick fixes stay in the user\'s code', () => {
  let client: TestClient | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-qf-'));
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  // VS Code's capability: it shows disabled code actions greyed out with their reason.
  const showsDisabled = { textDocument: { codeAction: { disabledSupport: true } } };

  async function actionsFor(root: string, open: readonly string[], capabilities: object = showsDisabled): Promise<CodeAction[]> {
    const c = startInProcess();
    client = c;
    await c.initialize(root, capabilities);
    for (const file of open) await c.open(uri(file), 'terraform', readFileSync(file, 'utf8'));
    const doc = uri(path.join(root, 'main.tf'));
    const diagnostics: Diagnostic[] = await c.waitForDiagnostics(doc, (d) => d.some((x) => x.code === 'SG_NO_EGRESS'), 20000);
    const finding = diagnostics.find((d) => d.code === 'SG_NO_EGRESS');
    assert.ok(finding);
    return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: finding.range, context: { diagnostics: [finding] } });
  }

  it('a registry module installed by terraform init: a disabled action, no edit into .terraform', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main(registryCall),
      '.terraform/modules/modules.json': registryManifest,
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress, actions.map((a) => a.title).join(' | '));
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /installed from registry\.terraform\.io\/acme\/sg\/aws 5\.3\.0 into \.terraform\/modules\/sg/);
    const edited = actions.flatMap((a) => Object.keys(a.edit?.changes ?? {}));
    assert.deepEqual(edited.filter((u) => u.includes('/.terraform/')), []);
  });

  it('a client that cannot show disabled actions gets none (not an action that does nothing)', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main(registryCall),
      '.terraform/modules/modules.json': registryManifest,
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')], {});
    assert.deepEqual(actions.filter((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this'), []);
    assert.deepEqual(actions.flatMap((a) => Object.keys(a.edit?.changes ?? {})).filter((u) => u.includes('/.terraform/')), []);
  });

  it('a local module inside the workspace keeps its edit', async () => {
    const root = path.join(dir, 'ws');
    write(root, { 'main.tf': main(localCall('./modules/sg')), 'modules/sg/main.tf': sgModule });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress?.edit?.changes, JSON.stringify(actions));
    assert.deepEqual(Object.keys(egress.edit.changes), [uri(path.join(root, 'modules', 'sg', 'main.tf'))]);
    assert.equal(egress.disabled, undefined);
  });

  it('a local module outside the workspace folders, open in the editor: no edit', async () => {
    const root = path.join(dir, 'ws');
    write(dir, { 'ws/main.tf': main(localCall('../shared/sg')), 'shared/sg/main.tf': sgModule });
    const actions = await actionsFor(root, [path.join(root, 'main.tf'), path.join(dir, 'shared', 'sg', 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress, actions.map((a) => a.title).join(' | '));
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /outside the workspace folders/);
  });
});
