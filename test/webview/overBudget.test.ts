// The panel on a picture too big to lay out quickly, in headless Chromium: it receives the packed wire form,
// starts no layout but says why and offers to draw anyway (which draws), and its unit picker asks the host
// for another unit. A 10,000-resource workspace held the webview's thread 5.8 s in ELK before this.

import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packDiagram } from '../../server/src/ide/diagram/diagramPack';
import { allStacks, type DiagramModel } from '../../server/src/protocol/diagram';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';
import { largeDiagram, repoRoot } from '../unit/ide/diagram/diagramFixtures';

const nonce = 'dGVzdC1ub25jZQ==';

interface TestWindow {
  __posted: WebviewToHostMessage[];
}

describe('topology panel over its layout budget (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let bundle: string;

  before(async () => {
    const built = await esbuild.build({ absWorkingDir: repoRoot(), entryPoints: ['client/webview/main.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    const file = built.outputFiles[0];
    if (!file) throw new Error('esbuild produced no webview bundle');
    bundle = file.text;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const api = `window.__posted = []; window.__state = null;
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });`;
    await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:">
</head><body><script nonce="${nonce}">${api}</script><script nonce="${nonce}">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'));
    return page;
  }

  const posted = (page: Page): Promise<WebviewToHostMessage[]> => page.evaluate(() => (window as unknown as TestWindow).__posted);
  const renders = async (page: Page): Promise<Extract<WebviewToHostMessage, { type: 'rendered' }>[]> => (await posted(page)).filter((m): m is Extract<WebviewToHostMessage, { type: 'rendered' }> => m.type === 'rendered');

  it('asks before a multi-second layout, draws on request, and lets the user pick a unit', async () => {
    const page = await open();
    // 150 VPCs: 455 boxes and lines even with every VPC and the functions folded.
    const model: DiagramModel = { ...largeDiagram(150, 150), scope: { stacks: [{ id: '/w/env/a', label: 'env/a' }, { id: '/w/env/b', label: 'env/b' }], shown: null } };
    const message: HostToWebviewMessage = { type: 'diagram', model: packDiagram(model) };
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered'));
    assert.deepEqual((await renders(page)).map((r) => r.nodeIds.length), [0], 'nothing drawn unasked');
    assert.equal(await page.locator('.hl-diagram').count(), 0);
    const prompt = page.locator('.message');
    assert.match((await prompt.textContent()) ?? '', /laying it out would take several seconds/);

    const units = page.locator('select[aria-label="Unit to draw"]');
    assert.ok(await units.isVisible());
    assert.deepEqual(await units.locator('option').allTextContents(), ['env/a', 'env/b', 'Whole workspace (2 units)']);
    assert.equal(await units.inputValue(), allStacks);
    await units.selectOption('/w/env/b');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'scope'), [{ type: 'scope', stack: '/w/env/b' }]);

    await page.locator('.message button.draw-anyway').click();
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered' && m.nodeIds.length > 0), undefined, { timeout: 100_000 });
    assert.ok((await page.locator('.hl-diagram .node.kind-vpc').count()) >= 150, 'every folded VPC is drawn');
    assert.ok(await page.locator('.message').isHidden());
    await page.close();
  });

  it('draws a picture within the budget at once, without a unit picker when there is no scope', async () => {
    const page = await open();
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'diagram', model: packDiagram(largeDiagram(20, 2)) } satisfies HostToWebviewMessage);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered' && m.nodeIds.length > 0));
    assert.ok(await page.locator('select[aria-label="Unit to draw"]').isHidden());
    await page.close();
  });
});
