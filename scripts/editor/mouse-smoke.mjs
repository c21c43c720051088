// Real-mouse smoke test of the topology panel in a real VS Code: opens examples/terraform/lambda.tf with
// Hyperplane Lens installed from this working tree, runs "Hyperplane Lens: Show Topology", then double-clicks
// containers and drags the background (scripts/editor/topologyMouse.mjs). Exits non-zero on failure.
//   node scripts/editor/mouse-smoke.mjs [--shots DIR]      (build first: node scripts/build.mjs)
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser, openFile } from './browser.mjs';
import { Cleanups } from './cleanup.mjs';
import { ensureEditor, linkExtension } from './install.mjs';
import { startEditorServer } from './server.mjs';
import { checkTopologyMouse } from './topologyMouse.mjs';
import { prepareWorkspace } from './workspace.mjs';

const shotsIndex = process.argv.indexOf('--shots');
const shots = shotsIndex > 0 && shotsIndex + 1 < process.argv.length ? resolve(process.argv[shotsIndex + 1]) : undefined;
const timeoutMs = 90_000;

async function main() {
  const cleanups = new Cleanups();
  try {
    ensureEditor();
    if (shots) mkdirSync(shots, { recursive: true });
    const workspace = prepareWorkspace();
    cleanups.add(async () => workspace.remove());
    const server = await startEditorServer({
      args: ['--default-folder', workspace.folder],
      settings: { 'editor.minimap.enabled': false },
      beforeStart: ({ extensionsDir }) => linkExtension(extensionsDir),
    });
    cleanups.add(() => server.stop());
    const browser = await launchBrowser();
    cleanups.add(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1600, height: 950 } });
    await page.goto(server.url);
    await openFile(page, 'terraform/lambda.tf', timeoutMs);
    // The side bar closed: the diagram gets the room.
    await page.keyboard.press('Control+B');
    const done = await checkTopologyMouse(page, { shots });
    for (const line of done) console.log(`  ✔ ${line}`);
    console.log(`mouse smoke: ${done.length} passed, 0 failed`);
    return 0;
  } finally {
    await cleanups.run();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`mouse smoke: ${error instanceof Error ? error.message : String(error)}`);
    console.log('mouse smoke: 0 passed, 1 failed');
    process.exit(1);
  },
);
