// Code actions never edit code the user does not own, through the real server on a workspace on disk: a
// registry module installed under .terraform/modules gets a disabled quick fix that says where the change
// belongs, the diagnostic points at the user's `module` call and an enabled action reveals it (showDocument); a
// local module inside the workspace keeps its edit; a local module outside the workspace folders (open in the
// editor) gets no edit either.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range, ShowDocumentParams } from 'vscode-languageserver';
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

  // VS Code's capabilities: it shows disabled code actions greyed out with their reason, and opens documents the server asks for.
  const showsDisabled = { textDocument: { codeAction: { disabledSupport: true } }, window: { showDocument: { support: true } } };

  /** The SG_NO_EGRESS diagnostic of `root`/main.tf, the code actions for it, and the client. */
  async function findingAndActions(root: string, open: readonly string[], capabilities: object = showsDisabled): Promise<{ finding: Diagnostic; actions: CodeAction[]; client: TestClient }> {
    const c = startInProcess();
    client = c;
    await c.initialize(root, capabilities);
    for (const file of open) await c.open(uri(file), 'terraform', readFileSync(file, 'utf8'));
    const doc = uri(path.join(root, 'main.tf'));
    const diagnostics: Diagnostic[] = await c.waitForDiagnostics(doc, (d) => d.some((x) => x.code === 'SG_NO_EGRESS'), 20000);
    const finding = diagnostics.find((d) => d.code === 'SG_NO_EGRESS');
    assert.ok(finding);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: finding.range, context: { diagnostics: [finding] } });
    return { finding, actions, client: c };
  }

  async function actionsFor(root: string, open: readonly string[], capabilities: object = showsDisabled): Promise<CodeAction[]> {
    return (await findingAndActions(root, open, capabilities)).actions;
  }

  const goToTitle = 'Go to module call "sg" (the fix belongs in its inputs)';
  /** The `module "sg"` header in main.tf. */
  function moduleHeader(root: string): Range {
    const line = readFileSync(path.join(root, 'main.tf'), 'utf8').split('\n').findIndex((l) => l.startsWith('module "sg"'));
    return { start: { line, character: 0 }, end: { line, character: 'module "sg"'.length } };
  }

  it('a registry module: the diagnostic points at the user\'s module call, and an action reveals it through showDocument', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main(registryCall),
      '.terraform/modules/modules.json': registryManifest,
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const { finding, actions, client: c } = await findingAndActions(root, [path.join(root, 'main.tf')]);
    const call = finding.relatedInformation?.find((r) => r.location.uri === uri(path.join(root, 'main.tf')));
    assert.deepEqual(call, {
      location: { uri: uri(path.join(root, 'main.tf')), range: moduleHeader(root) },
      message: 'aws_security_group.this is created by module "sg" (registry.terraform.io/acme/sg/aws 5.3.0, installed by terraform init): change it through this call\'s inputs',
    });
    // Both: the disabled fix says why there is no edit (where clients show it), the enabled action is listed everywhere.
    assert.deepEqual(actions.map((a) => a.title), ['Add an egress rule to module.sg.aws_security_group.this', goToTitle, 'Ignore SG_NO_EGRESS here (a hyperplane-lens-ignore comment)']);
    const goTo = actions[1];
    assert.ok(goTo?.command);
    assert.equal(goTo.disabled, undefined);
    assert.equal(goTo.edit, undefined);
    const shown: ShowDocumentParams[] = [];
    c.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      shown.push(params);
      return { success: true };
    });
    const result = await c.request<unknown>('workspace/executeCommand', { command: goTo.command.command, arguments: goTo.command.arguments });
    assert.equal(result, true);
    assert.deepEqual(shown, [{ uri: uri(path.join(root, 'main.tf')), selection: moduleHeader(root), takeFocus: true }]);
  });

  it('the server registers its command, and a client without showDocument gets the related location but no action', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main(registryCall),
      '.terraform/modules/modules.json': registryManifest,
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const c = startInProcess();
    client = c;
    const init = await c.connection.sendRequest<{ capabilities: { executeCommandProvider?: { commands: string[] } } }>('initialize', { processId: null, rootUri: uri(root), workspaceFolders: [{ uri: uri(root), name: 'ws' }], capabilities: {} });
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['hyperplaneLens.server.revealLocation']);
    c.dispose();
    const { finding, actions } = await findingAndActions(root, [path.join(root, 'main.tf')], {});
    assert.ok(finding.relatedInformation?.some((r) => r.location.uri === uri(path.join(root, 'main.tf')) && /created by module "sg"/.test(r.message)));
    assert.deepEqual(actions.filter((a) => a.title === goToTitle), []);
  });

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
    assert.deepEqual(actions.filter((a) => a.title === goToTitle), [], 'the user\'s own module needs no detour');
  });

  it('a local module outside the workspace folders, open in the editor: no edit', async () => {
    const root = path.join(dir, 'ws');
    write(dir, { 'ws/main.tf': main(localCall('../shared/sg')), 'shared/sg/main.tf': sgModule });
    const actions = await actionsFor(root, [path.join(root, 'main.tf'), path.join(dir, 'shared', 'sg', 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress, actions.map((a) => a.title).join(' | '));
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /outside the workspace folders/);
    assert.ok(actions.some((a) => a.title === goToTitle && a.command !== undefined), actions.map((a) => a.title).join(' | '));
  });
});
