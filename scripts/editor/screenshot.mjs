// Takes the README screenshot: opens a file of examples/ in the real editor with Hyperplane Lens installed,
// waits until the server's findings are drawn, and saves images/screenshot-editor.png.
//   node scripts/editor/screenshot.mjs [--url http://127.0.0.1:8080] [--file terraform/lambda.tf] [--out images/x.png]
//   node scripts/editor/screenshot.mjs --explain     runs "Explain Reachability" on the first function instead
//                                                    (images/screenshot-explain.png)
// Without --url it starts its own editor on a copy of examples/ (build first: node scripts/build.mjs).
import { resolve } from 'node:path';
import { launchBrowser, openFile, openPage } from './browser.mjs';
import { Cleanups } from './cleanup.mjs';
import { ensureEditor, linkExtension, repoRoot } from './install.mjs';
import { startEditorServer } from './server.mjs';
import { prepareWorkspace } from './workspace.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const file = option('--file', 'terraform/lambda.tf');
const explain = process.argv.includes('--explain');
const out = resolve(repoRoot, option('--out', explain ? 'images/screenshot-explain.png' : 'images/screenshot-editor.png'));
const timeoutMs = 90_000;

async function main() {
  const cleanups = new Cleanups();
  try {
    let url = option('--url', undefined);
    if (url === undefined) {
      ensureEditor();
      const workspace = prepareWorkspace();
      cleanups.add(async () => workspace.remove());
      const server = await startEditorServer({
        args: ['--default-folder', workspace.folder],
        // The temporary folder's path in the breadcrumbs says nothing to a README reader.
        settings: { 'breadcrumbs.enabled': false },
        beforeStart: ({ extensionsDir }) => linkExtension(extensionsDir),
      });
      cleanups.add(() => server.stop());
      url = server.url;
    }
    const browser = await launchBrowser();
    cleanups.add(() => browser.close());
    const page = await openPage(browser, url);
    await openFile(page, file, timeoutMs);
    const squiggles = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
    const drawn = await squiggles.first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!drawn) console.warn(`no findings are drawn in ${file}; the screenshot shows the file without squiggles`);
    if (explain) {
      await explainFirstFunction(page);
      await page.screenshot({ path: out });
      console.log(`wrote ${out}`);
      return;
    }
    // The Problems view lists every finding of the workspace.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    // Hovering the first finding shows its message as a reader would see it (the squiggle lies under the
    // text layer, so the mouse goes to its position rather than to the element).
    if (drawn) {
      const box = await squiggles.first().boundingBox();
      if (box) {
        await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
        await page.locator('.monaco-hover').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      }
    }
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await cleanups.run();
  }
}

/** Command palette → Explain Reachability → first function → all destinations → the Markdown preview. */
async function explainFirstFunction(page) {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await page.keyboard.press('F1');
  await page.keyboard.type('Hyperplane Lens: Explain Reachability');
  await rows.first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  for (const placeholder of ['Lambda function', 'Destination']) {
    await page.locator(`.quick-input-widget input[placeholder="${placeholder}"]`).waitFor({ timeout: timeoutMs });
    await rows.first().waitFor({ timeout: timeoutMs });
    await page.keyboard.press('Enter');
  }
  // The preview renders in a webview (nested iframes); its text is in the innermost document.
  const preview = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await preview.locator('body h1, body h2, body p').first().waitFor({ timeout: timeoutMs });
}

main().catch((error) => {
  console.error(`screenshot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
