// `terraform init` while the editor is open, through the real server on a workspace on disk: an event for the
// `.terraform` folder alone (editors on Linux miss the files written into folders just created) makes the server
// re-read that root module's manifest and module folders, once per burst; deleting `.terraform` makes the
// modules unavailable again; open documents keep the text the user typed.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { registryCall, registryManifest, rootModule, sgModule } from '../unit/ide/quickFixes/installedModuleWorkspace';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();
const notInstalled = (d: readonly Diagnostic[]): boolean => d.some((x) => x.code === 'tf-module-not-installed');
const noEgress = (d: readonly Diagnostic[]): boolean => d.some((x) => x.code === 'SG_NO_EGRESS');

/** File-change types of the protocol. */
const created = 1;
const changed = 2;
const deleted = 3;

/** The server's log and analysis-state notifications, awaited by event. */
class ServerEvents {
  readonly rereads: string[] = [];
  private readonly waiters: (() => boolean)[] = [];

  constructor(client: TestClient) {
    client.connection.onNotification('window/logMessage', (p: { message: string }) => {
      if (p.message.startsWith('re-read ')) this.rereads.push(p.message);
      this.poke();
    });
    client.connection.onNotification('hyperplaneLens/analysisState', (p: { state: string }) => {
      if (p.state === 'idle') this.idles++;
      this.poke();
    });
  }

  idles = 0;

  /** Resolves once `check` holds (checked on every notification); rejects after `timeoutMs` with `what`. */
  until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; re-reads: ${JSON.stringify(this.rereads)}`)), timeoutMs);
      this.waiters.push(() => {
        if (!check()) return false;
        clearTimeout(timer);
        resolve();
        return true;
      });
    });
  }

  private poke(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) if (this.waiters[i]?.()) this.waiters.splice(i, 1);
  }
}

describe('language server: modules installed by terraform init while the editor is open', () => {
  let client: TestClient | undefined;
  let dir = '';
  let root = '';
  let main = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-tfinit-'));
    root = path.join(dir, 'ws');
    mkdirSync(root);
    main = path.join(root, 'main.tf');
    writeFileSync(main, `provider "aws" {\n  region = "eu-west-1"\n}\n${rootModule(registryCall)}`);
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** What `terraform init` leaves: folders first, then the module's files and the manifest. */
  function terraformInit(module = sgModule): void {
    mkdirSync(path.join(root, '.terraform', 'modules', 'sg'), { recursive: true });
    writeFileSync(path.join(root, '.terraform', 'modules', 'sg', 'main.tf'), module);
    writeFileSync(path.join(root, '.terraform', 'modules', 'modules.json'), registryManifest);
  }

  async function start(): Promise<{ c: TestClient; events: ServerEvents }> {
    const c = startInProcess();
    client = c;
    const events = new ServerEvents(c);
    await c.initialize(root);
    return { c, events };
  }

  const watched = (c: TestClient, changes: [string, number][]): Promise<void> =>
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([rel, type]) => ({ uri: uri(path.join(root, rel)), type })) });

  it('an event for the created .terraform folder alone reads the manifest and the module; deleting it undoes that', async () => {
    const { c, events } = await start();
    await c.waitForDiagnostics(uri(main), notInstalled);
    terraformInit();
    // Only the folder's creation reaches the server, as with VS Code's watcher on Linux.
    await watched(c, [['.terraform', created]]);
    const after = await c.waitForDiagnostics(uri(main), (d) => !notInstalled(d) && noEgress(d));
    assert.ok(noEgress(after));
    assert.deepEqual(events.rereads.length, 1);
    assert.match(events.rereads[0] ?? '', /\/ws\/\.terraform: 2 files, 0 removed/);

    // `rm -rf .terraform`: the editor reports the folder, not the files in it.
    rmSync(path.join(root, '.terraform'), { recursive: true });
    await watched(c, [['.terraform', deleted]]);
    const removed = await c.waitForDiagnostics(uri(main), (d) => notInstalled(d) && !noEgress(d));
    assert.ok(notInstalled(removed));
    assert.match(events.rereads[1] ?? '', /: 0 files, 2 removed/);
  });

  it('a burst of events is one re-read; events outside the workspace folders are ignored', async () => {
    const { c, events } = await start();
    await c.waitForDiagnostics(uri(main), notInstalled);
    terraformInit();
    const outside = uri(path.join(dir, 'elsewhere', '.terraform', 'modules', 'modules.json'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: outside, type: created }] });
    await watched(c, [['.terraform', created], ['.terraform/modules', created]]);
    await watched(c, [['.terraform/modules/sg', created], ['.terraform/modules/sg/main.tf', created]]);
    await watched(c, [['.terraform/modules/modules.json', created], ['.terraform.lock.hcl', created]]);
    await c.waitForDiagnostics(uri(main), (d) => !notInstalled(d) && noEgress(d));
    await events.until(() => events.rereads.length > 0, 'a re-read');
    assert.equal(events.rereads.length, 1, JSON.stringify(events.rereads));
    assert.ok(!events.rereads.some((r) => r.includes('elsewhere')));
  });

  it('an open document under .terraform keeps the text typed in it', async () => {
    terraformInit();
    const { c, events } = await start();
    await c.waitForDiagnostics(uri(main), (d) => !notInstalled(d) && noEgress(d));
    // The user adds egress to the installed copy in the editor, unsaved.
    const installed = path.join(root, '.terraform', 'modules', 'sg', 'main.tf');
    const typed = sgModule.replace('vpc_id = var.vpc_id\n', 'vpc_id = var.vpc_id\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n');
    await c.open(uri(installed), 'terraform', typed);
    await c.waitForDiagnostics(uri(main), (d) => !notInstalled(d) && !noEgress(d));
    // terraform init again: the disk copy is rewritten without egress.
    rmSync(path.join(root, '.terraform'), { recursive: true });
    terraformInit();
    const idleBefore = events.idles;
    await watched(c, [['.terraform', created]]);
    await events.until(() => events.rereads.length === 1 && events.idles > idleBefore, 'the re-read and the analysis after it');
    const diagnostics = c.diagnostics.get(uri(main)) ?? [];
    assert.ok(!noEgress(diagnostics) && !notInstalled(diagnostics), JSON.stringify(diagnostics.map((d) => d.code)));
    // A change event for a module file goes through the same re-read, and the buffer still wins.
    const idleBetween = events.idles;
    await watched(c, [['.terraform/modules/sg/main.tf', changed]]);
    await events.until(() => events.rereads.length === 2 && events.idles > idleBetween, 'the second re-read and the analysis after it');
    assert.ok(!noEgress(c.diagnostics.get(uri(main)) ?? []));
  });
});
