// Takes the README screenshot of the topology panel: opens examples/terraform/lambda.tf in the real editor
// with Hyperplane Lens installed, runs "Hyperplane Lens: Show Topology", puts the cursor in the `orders`
// function (the panel highlights its paths) and saves images/screenshot-topology.png.
//   node scripts/editor/screenshotTopology.mjs [--out images/x.png]      (build first: node scripts/build.mjs)
// With --workspace DIR --file REL [--function TEXT] it instead checks how the panel opens on that folder, as
// the user audit did: it saves OUT-open.png (the first view, panel beside the editor), OUT-menu.png (TEXT
// picked in the functions menu), OUT-select.png (all functions again, TEXT clicked: the details pane) and
// OUT-fit.png (Fit), and prints the zoom of each view (box labels are 12 px at 100 %).
import { resolve } from 'node:path';
import { launchBrowser, openFile } from './browser.mjs';
import { ensureEditor, linkExtension, repoRoot } from './install.mjs';
import { startEditorServer } from './server.mjs';
import { prepareWorkspace } from './workspace.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const out = resolve(repoRoot, option('--out', 'images/screenshot-topology.png'));
const auditFolder = option('--workspace', undefined);
const timeoutMs = 90_000;

/** The zoom of the panel's diagram (the scale of its view transform). */
async function zoomOf(panel) {
  const transform = (await panel.locator('svg.surface > g').first().getAttribute('transform')) ?? '';
  const m = /scale\(([\d.]+)\)/.exec(transform);
  return m ? Number(m[1]) : NaN;
}

async function shot(page, panel, name) {
  await page.mouse.move(5, 990);
  const file = out.replace(/\.png$/, `-${name}.png`);
  await page.screenshot({ path: file });
  const k = await zoomOf(panel);
  console.log(`wrote ${file}: zoom ${k.toFixed(2)}, labels ${(12 * k).toFixed(1)} px`);
}

/** The audit's steps on a folder of the user's (see the header). */
async function audit(page, panel) {
  const fnText = option('--function', undefined);
  await panel.locator('.hl-diagram .node.kind-function').first().waitFor({ timeout: timeoutMs });
  await shot(page, panel, 'open');
  if (fnText === undefined) return;
  const select = panel.locator('select[aria-label="Filter by function"]');
  const value = await select.locator('option', { hasText: fnText }).first().getAttribute('value');
  await select.selectOption(value ?? '');
  await panel.locator('.details h2').waitFor({ timeout: timeoutMs });
  await panel.locator('.hl-diagram').first().waitFor({ timeout: timeoutMs });
  await page.waitForTimeout(1500);
  await shot(page, panel, 'menu');
  await select.selectOption('');
  await panel.locator('.hl-diagram .node.kind-function').first().waitFor({ timeout: timeoutMs });
  await page.waitForTimeout(1500);
  // Labels may be cut to fit (the id ends with the full address).
  await panel.locator(`.hl-diagram .node.kind-function[data-id$="${fnText}"]`).first().click();
  await panel.locator('.details h2').waitFor({ timeout: timeoutMs });
  await shot(page, panel, 'select');
  await panel.locator('.toolbar button', { hasText: 'Fit' }).click();
  await shot(page, panel, 'fit');
}

async function main() {
  const cleanups = [];
  try {
    ensureEditor();
    const workspace = auditFolder === undefined ? prepareWorkspace() : { folder: resolve(auditFolder), remove: () => undefined };
    cleanups.unshift(async () => workspace.remove());
    const server = await startEditorServer({
      args: ['--default-folder', workspace.folder],
      settings: { 'breadcrumbs.enabled': false, 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false },
      beforeStart: ({ extensionsDir }) => linkExtension(extensionsDir),
    });
    cleanups.unshift(() => server.stop());
    const browser = await launchBrowser();
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: auditFolder === undefined ? { width: 1920, height: 1000 } : { width: 1600, height: 1000 } });
    await page.goto(server.url);
    if (auditFolder !== undefined) {
      await openFile(page, option('--file', ''), timeoutMs);
      await page.keyboard.press('F1');
      await page.keyboard.type('Hyperplane Lens: Show Topology');
      await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: timeoutMs });
      await page.keyboard.press('Enter');
      await audit(page, page.frameLocator('iframe.webview').frameLocator('iframe#active-frame'));
      return;
    }
    await openFile(page, 'terraform/lambda.tf', timeoutMs);
    // Close the side bar: the picture needs the room.
    await page.keyboard.press('Control+B');
    // Cursor into the orders function (line 16), then open the panel beside the editor.
    await page.keyboard.press('Control+G');
    await page.keyboard.type('16');
    await page.keyboard.press('Enter');
    await page.keyboard.press('F1');
    await page.keyboard.type('Hyperplane Lens: Show Topology');
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: timeoutMs });
    await page.keyboard.press('Enter');
    const panel = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await panel.locator('.hl-diagram .node.kind-function').first().waitFor({ timeout: timeoutMs });
    // Give the panel most of the width, as one would to study the picture: drag the sash between the groups.
    const sash = page.locator('.part.editor .monaco-sash.vertical').first();
    const box = await sash.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + 200);
      await page.mouse.down();
      await page.mouse.move(box.x - 560, box.y + 200, { steps: 8 });
      await page.mouse.up();
    }
    await panel.locator('.toolbar button', { hasText: 'Fit' }).click();
    // Select orders in the panel as a user would, so the paths and the per-AZ list show.
    await panel.locator('.hl-diagram .node.kind-function', { hasText: 'aws_lambda_function.orders' }).click();
    await panel.locator('.details h2').waitFor({ timeout: timeoutMs });
    // The pointer leaves the diagram so no hover card covers it.
    await page.mouse.move(1900, 990);
    await panel.locator('.hovercard').waitFor({ state: 'hidden', timeout: timeoutMs });
    await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
  }
}

main().catch((error) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
