// The first disk scan and the documents the editor opens at startup: a module must not be analysed from the
// open file alone while its sibling files are still being read (that would flash false "undeclared" errors).

import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { startInProcess, type TestClient } from './lspTestClient';

describe('language server: documents opened before the first scan ends', () => {
  let client: TestClient | undefined;
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-startup-'));
  });
  afterEach(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never publishes problems of a module read only in part', async () => {
    const main = path.join(dir, 'main.tf');
    const mainText = 'resource "aws_vpc" "v" {\n  cidr_block = var.cidr\n}\n';
    writeFileSync(main, mainText);
    writeFileSync(path.join(dir, 'variables.tf'), 'variable "cidr" {\n  default = "10.0.0.0/16"\n}\n');
    // Enough other files that the scan reads in several batches, yielding to the editor's messages between them.
    for (let i = 0; i < 400; i++) {
      const sub = path.join(dir, 'stacks', `s${i}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, 'main.tf'), `resource "aws_vpc" "v${i}" {\n  cidr_block = "10.${i % 250}.0.0/16"\n}\n`);
    }
    const c = (client = startInProcess());
    const doc = pathToFileURL(main).toString();
    const events: string[] = [];
    const published: Diagnostic[] = [];
    let scanned = false;
    const done = new Promise<void>((resolve) => {
      c.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        if (p.uri === doc) published.push(...p.diagnostics);
      });
      c.connection.onNotification('window/logMessage', (p: { message: string }) => {
        if (p.message.startsWith('scanned')) scanned = true;
      });
      c.connection.onNotification('hyperplaneLens/analysisState', (p: { state: string }) => {
        events.push(`${p.state}${scanned ? ' (after the scan)' : ''}`);
        if (p.state === 'idle' && scanned) resolve();
      });
    });
    await c.initialize(dir);
    await c.open(doc, 'terraform', mainText);
    await done;
    assert.deepEqual(published.map((d) => d.message), [], `analyses: ${events.join(', ')}`);
  });
});
