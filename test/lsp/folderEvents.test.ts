// Folders created or deleted as a whole while the editor is open (a checkout, a move, `rm -r`), through the real
// server on a workspace on disk. The editor reports the folder but, on Linux, not the files inside it: the
// server walks a new folder and drops the files it held under a deleted one, keeps open documents' text, and
// leaves folders the workspace walk skips (node_modules) alone.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();
const broken = (d: readonly Diagnostic[]): boolean => d.some((x) => x.code === 'hcl-syntax');
/** File-change types of the protocol. */
const created = 1;
const deleted = 3;

/** A block left open: a syntax error on the file, whatever else the workspace holds. */
const network = 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n';

describe('language server: folders created or deleted as a whole', () => {
  let client: TestClient | undefined;
  let dir = '';
  let root = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-folders-'));
    root = path.join(dir, 'ws');
    mkdirSync(root);
    // Broken too: its diagnostics tell that the first scan has ended before a folder appears.
    writeFileSync(path.join(root, 'main.tf'), network);
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const watched = (c: TestClient, changes: [string, number][]): Promise<void> =>
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([rel, type]) => ({ uri: uri(path.join(root, rel)), type })) });

  /** Writes `rel/main.tf` the way a checkout does: the folder first, then its file. */
  function addFolder(rel: string): string {
    mkdirSync(path.join(root, rel), { recursive: true });
    const file = path.join(root, rel, 'main.tf');
    writeFileSync(file, network);
    return file;
  }

  async function start(): Promise<TestClient> {
    const c = startInProcess();
    client = c;
    await c.initialize(root);
    await c.waitForDiagnostics(uri(path.join(root, 'main.tf')), broken);
    return c;
  }

  it('reads a created folder from its event alone, and drops its files when it is deleted', async () => {
    const c = await start();
    const file = addFolder('net/a');
    await watched(c, [['net', created]]);
    await c.waitForDiagnostics(uri(file), broken);

    rmSync(path.join(root, 'net'), { recursive: true });
    await watched(c, [['net', deleted]]);
    const after = await c.waitForDiagnostics(uri(file), (d) => !broken(d));
    assert.deepEqual(after, []);
  });

  it('keeps the text of an open document with unsaved changes under a deleted folder', async () => {
    const c = await start();
    const kept = addFolder('kept');
    const gone = addFolder('gone');
    await watched(c, [['kept', created], ['gone', created]]);
    await c.waitForDiagnostics(uri(gone), broken);
    await c.open(uri(kept), 'terraform', network);
    await c.change(uri(kept), `${network}# typed, not saved\n`);

    rmSync(path.join(root, 'kept'), { recursive: true });
    rmSync(path.join(root, 'gone'), { recursive: true });
    await watched(c, [['kept', deleted], ['gone', deleted]]);
    await c.waitForDiagnostics(uri(gone), (d) => d.length === 0);
    assert.ok(broken(c.diagnostics.get(uri(kept)) ?? []), 'the open, unsaved buffer is still analysed');
  });

  it('drops an open document that is deleted or moved on disk when it holds nothing unsaved', async () => {
    const c = await start();
    const file = addFolder('net');
    await watched(c, [['net', created]]);
    await c.waitForDiagnostics(uri(file), broken);
    await c.open(uri(file), 'terraform', network);
    // Moved outside the editor: the tab stays open on the old name, the file is now elsewhere.
    const moved = path.join(root, 'net', 'network.tf');
    writeFileSync(moved, network);
    rmSync(file);
    await watched(c, [['net/main.tf', deleted], ['net/network.tf', created]]);
    await c.waitForDiagnostics(uri(moved), broken);
    await c.waitForDiagnostics(uri(file), (d) => d.length === 0);
    // Typing in the deleted file's buffer brings it back into the analysis.
    await c.change(uri(file), network);
    await c.waitForDiagnostics(uri(file), broken);
  });

  it('keeps an open document deleted on disk after a save, when it has unsaved changes', async () => {
    const c = await start();
    const file = addFolder('net');
    await watched(c, [['net', created]]);
    await c.open(uri(file), 'terraform', network);
    await c.change(uri(file), `${network}# saved\n`);
    await c.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri(file) } });
    await c.change(uri(file), `${network}# typed after the save\n`);
    await c.waitForDiagnostics(uri(file), broken);
    rmSync(file);
    // One notification with the file that is kept and a folder event that is analysed: its result shows the
    // deletion has been considered.
    const other = addFolder('other');
    await watched(c, [['net/main.tf', deleted], ['other', created]]);
    await c.waitForDiagnostics(uri(other), broken);
    assert.ok(broken(c.diagnostics.get(uri(file)) ?? []), 'the unsaved buffer is still analysed');
  });

  it('ignores folders the workspace walk skips', async () => {
    const c = await start();
    const skipped = addFolder('node_modules/pkg');
    const read = addFolder('infra');
    // One notification: by the time infra's diagnostics arrive, node_modules has been considered too.
    await watched(c, [['node_modules', created], ['node_modules/pkg', created], ['infra', created]]);
    await c.waitForDiagnostics(uri(read), broken);
    assert.equal(c.diagnostics.get(uri(skipped)), undefined);
  });
});
