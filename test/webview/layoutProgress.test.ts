// While the topology panel lays out its first picture it says so ("Drawing N boxes and M lines…", with a hint
// to filter when the picture is big) instead of "Waiting for the analysis…", which stayed up for 5 s on the
// 10,000-resource bench after the analysis was done (it now opens with "Loading the topology…"); the text goes
// once the picture is drawn.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { layoutProgressText } from '../../client/webview/layoutProgress';
import { applyView, defaultCollapsed, layoutBudget, viewCost } from '../../server/src/ide/diagram/diagramView';
import type { WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';
import { exampleDiagram, largeDiagram, repoRoot } from '../unit/ide/diagram/diagramFixtures';

const nonce = 'dGVzdC1ub25jZQ==';

interface TestWindow {
  __posted: WebviewToHostMessage[];
  __messages: string[];
}

describe('topology panel while it lays out', function () {
  this.timeout(90_000);

  it('counts the boxes and lines, and hints at the filters only past the layout budget', () => {
    const small = applyView(exampleDiagram(), {});
    assert.ok(viewCost(small) <= layoutBudget);
    assert.equal(layoutProgressText(small), `Drawing ${small.nodes.length} boxes and ${viewCost(small) - small.nodes.length} lines…`);
    const bigModel = largeDiagram(120, 6);
    const big = applyView(bigModel, { collapsed: [] });
    assert.ok(viewCost(big) > layoutBudget, `${viewCost(big)}`);
    assert.match(layoutProgressText(big), /^Drawing \d+ boxes and \d+ lines… A picture this big takes a few seconds: choose a VPC or a function above to draw less\.$/);
    // The default overview of the same workspace is within the budget: no hint.
    assert.doesNotMatch(layoutProgressText(applyView(bigModel, { collapsed: defaultCollapsed(bigModel) })), /choose a VPC/);
  });

  it('shows the text before the first picture and hides it after (Chromium)', async () => {
    const root = repoRoot();
    const built = await esbuild.build({ absWorkingDir: root, entryPoints: [path.join(root, 'client/webview/main.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    const bundle = built.outputFiles[0]?.text ?? '';
    const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Every text the message element shows, recorded as it changes (a MutationObserver runs before the layout).
      const api = `window.__posted = []; window.__messages = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => null, setState: () => {} });
new MutationObserver(() => { const m = document.querySelector('.message'); if (m && !m.hidden) window.__messages.push(m.textContent); }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });`;
      await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:">
</head><body><script nonce="${nonce}">${api}</script><script nonce="${nonce}">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
      await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'));
      await page.evaluate((m) => window.postMessage({ type: 'diagram', model: m }, '*'), exampleDiagram());
      await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered'));
      const shown = await page.evaluate(() => (window as unknown as TestWindow).__messages);
      assert.ok(shown.some((t) => /^Drawing \d+ boxes and \d+ lines…$/.test(t)), shown.join(' | '));
      assert.ok(!shown.some((t) => /Waiting for the analysis/.test(t)), shown.join(' | '));
      assert.equal(await page.locator('.message').isHidden(), true);
      assert.ok((await page.locator('.hl-diagram .node.kind-function').count()) >= 3);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
