// Packaging smoke test: installs the packaged .vsix into a fresh code-server (its --install-extension),
// opens a copy of examples/ and checks that the extension activates and its language server reports.
//   node scripts/editor/vsix-smoke.mjs [path/to.vsix]      (default dist/hyperplane-lens.vsix; npm run package first)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, openPage } from './browser.mjs';
import { Cleanups } from './cleanup.mjs';
import { editorPaths, ensureEditor, repoRoot } from './install.mjs';
import { startEditorServer } from './server.mjs';
import { prepareWorkspace } from './workspace.mjs';

const vsix = resolve(process.argv[2] ?? join(repoRoot, 'dist', 'hyperplane-lens.vsix'));
const timeoutMs = Number(process.env.SMOKE_TIMEOUT ?? 90) * 1000;

async function main() {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  ensureEditor();
  const workspace = prepareWorkspace();
  const cleanups = new Cleanups();
  cleanups.add(async () => workspace.remove());
  try {
    const server = await startEditorServer({
      front: 'code-server',
      args: [workspace.folder],
      beforeStart: ({ extensionsDir, userDataDir }) => {
        const r = spawnSync(process.execPath, [editorPaths.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { encoding: 'utf8' });
        process.stdout.write(r.stdout);
        if (r.status !== 0) throw new Error(`--install-extension failed:\n${r.stderr}`);
      },
    });
    cleanups.add(() => server.stop());
    const browser = await launchBrowser();
    cleanups.add(() => browser.close());
    const page = await openPage(browser, server.url);
    // The status bar item is the extension's; its count comes from the language server's first analysis.
    const item = page.locator('.statusbar-item', { hasText: 'Hyperplane Lens:' }).first();
    await item.waitFor({ timeout: timeoutMs }).catch(async (error) => {
      await page.screenshot({ path: join(repoRoot, 'test-output', 'vsix-smoke-failure.png') });
      throw new Error(`${error.message}\n--- editor log (tail) ---\n${server.logTail(30)}`);
    });
    console.log(`status bar: ${(await item.innerText()).trim()}`);
    await page.screenshot({ path: join(repoRoot, 'test-output', 'vsix-smoke.png') });
    console.log('vsix smoke test: the packaged extension loads and its server reports');
  } finally {
    await cleanups.run();
  }
}

main().catch((error) => {
  console.error(`vsix smoke test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
