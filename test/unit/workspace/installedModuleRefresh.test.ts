// Re-reading what `terraform init` installed: which root module an event under `.terraform` concerns, the
// debounced queue (one re-read per burst, never two at once), and reading one root module's `.terraform`.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readInstalledModules, toModelPath } from '../../../server/src/workspace/diskReader';
import { installedModulesOwner, RescanQueue } from '../../../server/src/workspace/installedModuleRefresh';

describe('installed modules: which root module an event concerns', () => {
  const roots = ['/ws', '/other/'];
  const cases: [string, string | undefined][] = [
    ['/ws/.terraform', '/ws'],
    ['/ws/net/.terraform', '/ws/net'],
    ['/ws/net/.terraform/modules', '/ws/net'],
    ['/ws/net/.terraform/modules/modules.json', '/ws/net'],
    ['/ws/net/.terraform/modules/vpc/main.tf', '/ws/net'],
    ['/ws/net/.terraform/providers/registry.terraform.io/hashicorp/aws', '/ws/net'],
    ['/ws/net/.terraform.lock.hcl', '/ws/net'],
    ['/other/app/.terraform', '/other/app'],
    // Not a data folder: other names that start alike, ordinary files.
    ['/ws/net/.terraformrc', undefined],
    ['/ws/net/.terraform-docs.yml', undefined],
    ['/ws/net/main.tf', undefined],
    // Outside the workspace folders, or below folders the workspace walk never enters.
    ['/elsewhere/.terraform/modules/modules.json', undefined],
    ['/wsx/.terraform', undefined],
    ['/ws/node_modules/pkg/.terraform', undefined],
    ['/ws/.git/x/.terraform/modules/modules.json', undefined],
  ];
  for (const [changed, owner] of cases) {
    it(`${changed} → ${owner ?? 'none'}`, () => assert.equal(installedModulesOwner(changed, roots), owner));
  }
});

describe('installed modules: the re-read queue', () => {
  it('re-reads each root module once for a burst of events', async () => {
    const calls: string[][] = [];
    const done = new Promise<void>((resolve) => {
      const queue = new RescanQueue((owners) => {
        calls.push([...owners]);
        resolve();
        return Promise.resolve();
      }, 10);
      for (let i = 0; i < 50; i++) queue.request(i % 2 === 0 ? '/ws/a' : '/ws/b');
    });
    await done;
    assert.deepEqual(calls, [['/ws/a', '/ws/b']]);
  });

  it('never runs two re-reads at once; what is asked meanwhile is read when the running one ends', async () => {
    const calls: string[][] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    let secondDone = (): void => undefined;
    const second = new Promise<void>((resolve) => (secondDone = resolve));
    let running = 0;
    let overlapped = false;
    const queue = new RescanQueue(async (owners) => {
      running++;
      overlapped ||= running > 1;
      calls.push([...owners]);
      if (calls.length === 1) {
        firstStarted();
        await gate;
      } else {
        secondDone();
      }
      running--;
    }, 5);
    queue.request('/ws/a');
    await started;
    queue.request('/ws/b');
    queue.request('/ws/c');
    assert.equal(queue.busy, true);
    release();
    await second;
    assert.deepEqual(calls, [['/ws/a'], ['/ws/b', '/ws/c']]);
    assert.equal(overlapped, false);
    queue.dispose();
  });
});

describe('installed modules: reading one root module\'s .terraform', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-installed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
  }

  it('reads the manifest and the module folders, never providers or the root module\'s own files', async () => {
    write({
      'main.tf': 'module "vpc" {\n  source = "acme/vpc/aws"\n}\n',
      '.terraform/modules/modules.json': '{"Modules":[]}',
      '.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "v" {}\n',
      '.terraform/modules/vpc/nested/.terraform/x.tf': '',
      '.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/LICENSE.json': '{}',
    });
    const result = await readInstalledModules(dir);
    const root = toModelPath(dir);
    assert.deepEqual([...result.files.keys()].sort(), [`${root}/.terraform/modules/modules.json`, `${root}/.terraform/modules/vpc/main.tf`]);
  });

  it('reads nothing without a manifest (not initialised yet, or .terraform deleted)', async () => {
    write({ '.terraform/modules/vpc/main.tf': 'resource "aws_vpc" "v" {}\n' });
    assert.equal((await readInstalledModules(dir)).files.size, 0);
    rmSync(path.join(dir, '.terraform'), { recursive: true });
    assert.equal((await readInstalledModules(dir)).files.size, 0);
  });

  it('does not follow a .terraform that is a symbolic link, as the workspace walk does not', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    write({ 'elsewhere/modules/modules.json': '{"Modules":[]}', 'root/main.tf': '' });
    symlinkSync(elsewhere, path.join(dir, 'root', '.terraform'));
    assert.equal((await readInstalledModules(path.join(dir, 'root'))).files.size, 0);
  });
});
