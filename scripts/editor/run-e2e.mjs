// Runs the editor tests (out/test/e2e) in a real VS Code: the VS Code Server from .editor-cache/ plus
// headless Chromium, on a copy of examples/. Prints the results like mocha's spec reporter, screenshots
// the workbench to test-output/, stops everything it started, and exits non-zero on failure or timeout.
// Build first: `node scripts/build.mjs --tests` (npm run test:e2e does). E2E_TIMEOUT (seconds) overrides 300.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage } from './browser.mjs';
import { Cleanups } from './cleanup.mjs';
import { ensureEditor, repoRoot } from './install.mjs';
import { printResult } from './report.mjs';
import { startEditorServer, workbenchUrl } from './server.mjs';
import { checkTopologyMouse } from './topologyMouse.mjs';
import { prepareWorkspace } from './workspace.mjs';

const timeoutMs = Number(process.env.E2E_TIMEOUT ?? 300) * 1000;
const outputDir = join(repoRoot, 'test-output');
const resultFile = join(outputDir, 'e2e-result.json');
const testsEntry = join(repoRoot, 'out', 'test', 'e2e', 'index.js');

async function main() {
  for (const [file, hint] of [[testsEntry, 'node scripts/build.mjs --tests'], [join(repoRoot, 'dist', 'client.js'), 'node scripts/build.mjs']]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${hint} first (npm run test:e2e does)`);
  }
  ensureEditor();
  mkdirSync(outputDir, { recursive: true });
  rmSync(resultFile, { force: true });
  const cleanups = new Cleanups();
  const workspace = prepareWorkspace();
  cleanups.add(async () => workspace.remove());
  const log = [];
  try {
    const started = Date.now();
    // The extension to test and its tests are named in the workbench URL (the server ignores them as
    // options); the extension host is the server's child and so inherits where to write the result.
    const server = await startEditorServer({ env: { HYPERPLANE_E2E_RESULT: resultFile } });
    cleanups.add(() => server.stop());
    const browser = await launchBrowser();
    cleanups.add(() => browser.close());
    const url = workbenchUrl(server.url, workspace.folder, { extensionDevelopmentPath: repoRoot, extensionTestsPath: testsEntry });
    console.log(`editor tests: VS Code Server at ${server.url}, workspace ${workspace.folder}`);
    const page = await openPage(browser, url, (line) => log.push(line));
    const result = await waitForResult(resultFile, timeoutMs, server.exited);
    if (result === undefined) {
      console.error(`editor tests: no result within ${timeoutMs / 1000} s (set E2E_TIMEOUT to change)`);
      console.error(`--- editor server log (tail) ---\n${server.logTail(80)}`);
      console.error(`--- browser console (tail) ---\n${log.slice(-20).join('\n')}`);
      await screenshot(page, 'e2e-timeout.png');
      console.log('0 passed, 1 failed');
      return 1;
    }
    await mouseChecks(page, result);
    await screenshot(page, 'e2e-workbench.png');
    writeFileSync(join(outputDir, 'e2e-server.log'), readFileSync(server.logFile, 'utf8'));
    printResult(result, Date.now() - started);
    return result.failed === 0 && result.passed > 0 ? 0 : 1;
  } finally {
    await cleanups.run();
  }
}

/** Resolves with the parsed result file, or undefined at the deadline or when the editor server exits. */
async function waitForResult(file, ms, serverExited) {
  let serverGone = false;
  void serverExited.then(() => (serverGone = true));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    if (serverGone) {
      console.error('editor tests: the editor server exited before the tests finished');
      return undefined;
    }
    // The runner renames the finished file into place; checking a few times a second is cheap.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

/**
 * What the extension-host tests cannot do: the real mouse in the topology panel (on the page the suite left,
 * where the panel is open), added to `result` as one more suite.
 */
async function mouseChecks(page, result) {
  const started = Date.now();
  result.entries.push({ kind: 'suite', title: 'topology panel with the mouse (browser)', depth: 0 });
  try {
    const done = await checkTopologyMouse(page);
    result.entries.push({ kind: 'test', title: done.join('; '), depth: 1, state: 'passed', durationMs: Date.now() - started });
    result.passed++;
  } catch (error) {
    result.entries.push({ kind: 'test', title: 'folds containers by double-click and pans by drag', fullTitle: 'topology panel with the mouse', depth: 1, state: 'failed', durationMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) });
    result.failed++;
  }
}

async function screenshot(page, name) {
  const path = join(outputDir, name);
  try {
    await page.screenshot({ path, timeout: 10_000 });
    console.log(`screenshot: ${path.slice(repoRoot.length)}`);
  } catch (error) {
    console.error(`screenshot failed: ${error.message}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`editor tests: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
