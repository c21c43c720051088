// A local module outside the workspace folder (`source = "../shared/sg"`), through the real server: the first
// scan reads it, as Terraform would, so its problems are reported and the call is not "no .tf files".

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();

describe('language server: local modules outside the workspace folders', () => {
  let client: TestClient | undefined;
  let dir = '';
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the called folder at the first scan', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-outside-'));
    mkdirSync(path.join(dir, 'app'));
    mkdirSync(path.join(dir, 'shared', 'sg'), { recursive: true });
    const main = path.join(dir, 'app', 'main.tf');
    writeFileSync(main, 'module "sg" {\n  source = "../shared/sg"\n}\n');
    // A block left open in the module: its syntax error shows that the server read it.
    const module = path.join(dir, 'shared', 'sg', 'main.tf');
    writeFileSync(module, 'resource "aws_security_group" "this" {\n');
    client = startInProcess();
    await client.initialize(path.join(dir, 'app'));
    await client.waitForDiagnostics(uri(module), (d) => d.some((x) => x.code === 'hcl-syntax'));
    // The same analysis published main.tf's diagnostics, if it had any: no "no .tf files" warning among them.
    assert.ok(!(client.diagnostics.get(uri(main)) ?? []).some((x) => x.code === 'tf-module-source'));
  });
});
