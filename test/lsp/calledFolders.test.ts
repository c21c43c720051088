// Local modules outside the workspace folder (`source = "../shared/sg"`), through the real server: read at the
// first scan as Terraform would read them, so their problems are reported and the call is not "no .tf files";
// watched when the client can watch outside the workspace; read when an edit adds such a call.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();
const broken = (d: readonly Diagnostic[]): boolean => d.some((x) => x.code === 'hcl-syntax');
/** A block left open: a syntax error on the file shows that the server read it. */
const openBlock = 'resource "aws_security_group" "this" {\n';
const watchOutside = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } };

interface Registration {
  readonly method: string;
  readonly registerOptions?: { readonly watchers?: { readonly globPattern: { readonly baseUri: string; readonly pattern: string } }[] };
}

describe('language server: local modules outside the workspace folders', () => {
  let client: TestClient | undefined;
  let dir = '';
  let main = '';
  let module = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-outside-'));
    mkdirSync(path.join(dir, 'app'));
    mkdirSync(path.join(dir, 'shared', 'sg'), { recursive: true });
    main = path.join(dir, 'app', 'main.tf');
    writeFileSync(main, 'module "sg" {\n  source = "../shared/sg"\n}\n');
    module = path.join(dir, 'shared', 'sg', 'main.tf');
    writeFileSync(module, openBlock);
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the called folder at the first scan, and watches it when the client can', async () => {
    const c = startInProcess();
    client = c;
    const registrations: Registration[] = [];
    c.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      registrations.push(...params.registrations);
      return null;
    });
    await c.initialize(path.join(dir, 'app'), watchOutside);
    await c.waitForDiagnostics(uri(module), broken);
    // The same analysis published main.tf's diagnostics, if it had any: no "no .tf files" warning among them.
    assert.ok(!(c.diagnostics.get(uri(main)) ?? []).some((x) => x.code === 'tf-module-source'));
    const watchers = registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r) => r.registerOptions?.watchers ?? []);
    assert.deepEqual(watchers.map((w) => w.globPattern), [{ baseUri: uri(path.join(dir, 'shared', 'sg')), pattern: '*.{tf,tf.json}' }]);

    // The module is fixed on disk; the client reports it through that watcher.
    writeFileSync(module, `${openBlock}}\n`);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(module), type: 2 }] });
    await c.waitForDiagnostics(uri(module), (d) => !broken(d));
  });

  it('reads a called folder created after the first scan at the next analysis', async () => {
    const later = path.join(dir, 'later', 'main.tf');
    const text = 'module "sg" {\n  source = "../shared/sg"\n}\nmodule "later" {\n  source = "../later"\n}\n';
    writeFileSync(main, text);
    const c = startInProcess();
    client = c;
    await c.initialize(path.join(dir, 'app'));
    await c.waitForDiagnostics(uri(main), (d) => d.some((x) => x.code === 'tf-module-source'));
    mkdirSync(path.dirname(later));
    writeFileSync(later, openBlock);
    // Any edit analyses again; the folder that held nothing is looked at again.
    await c.open(uri(main), 'terraform', `${text}# edited\n`);
    await c.waitForDiagnostics(uri(later), broken);
    await c.waitForDiagnostics(uri(main), (d) => !d.some((x) => x.code === 'tf-module-source'));
  });

  it('reads a folder outside when an edit adds a call of it', async () => {
    const other = path.join(dir, 'other', 'main.tf');
    mkdirSync(path.dirname(other));
    writeFileSync(other, openBlock);
    const c = startInProcess();
    client = c;
    await c.initialize(path.join(dir, 'app'));
    await c.waitForDiagnostics(uri(module), broken);
    const text = 'module "sg" {\n  source = "../shared/sg"\n}\nmodule "other" {\n  source = "../other"\n}\n';
    await c.open(uri(main), 'terraform', text);
    await c.waitForDiagnostics(uri(other), broken);
  });
});
