// The topology panel where it usually is, beside the editor (tall and narrow), in headless Chromium on the
// real layout of examples/: a function selected from the editor (or a code lens) is shown with its paths at a
// readable zoom even after Fit, the details pane goes below the diagram instead of squeezing it into a strip,
// and Fit still shows everything. The audit saw Fit, then the cursor in a function, leave a 0.145 thumbnail.

import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readableZoom } from '../../client/webview/homeView';
import type { DiagramModel } from '../../server/src/protocol/diagram';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';
import { exampleDiagram, idEndingWith, repoRoot } from '../unit/ide/diagram/diagramFixtures';

const root = repoRoot();
const outputDir = path.join(root, 'test-output');
const nonce = 'dGVzdC1ub25jZQ==';
/** The panel beside an editor in a 1600×1000 window, as the audit had it. */
const besideEditor = { width: 620, height: 860 };

interface TestWindow {
  __posted: WebviewToHostMessage[];
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const inside = (inner: Box, outer: Box): boolean => inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

describe('topology panel beside the editor (Chromium)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let bundle: string;
  const model = exampleDiagram();
  const orders = idEndingWith(model, 'aws_lambda_function.orders');
  const reports = idEndingWith(model, 'aws_lambda_function.reports');

  before(async () => {
    mkdirSync(outputDir, { recursive: true });
    const built = await esbuild.build({ absWorkingDir: root, entryPoints: ['client/webview/main.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    const file = built.outputFiles[0];
    if (!file) throw new Error('esbuild produced no webview bundle');
    bundle = file.text;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const api = `window.__posted = []; window.__state = null;
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });`;
    await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:">
</head><body><script nonce="${nonce}">${api}</script><script nonce="${nonce}">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  const renderedCount = async (page: Page): Promise<number> => page.evaluate(() => (window as unknown as TestWindow).__posted.filter((m) => m.type === 'rendered').length);

  /** Sends `message` and waits for the panel's next 'rendered' report. */
  async function send(page: Page, message: HostToWebviewMessage): Promise<void> {
    const before = await renderedCount(page);
    await page.evaluate((m) => window.postMessage(m, '*'), message);
    await page.waitForFunction((n) => (window as unknown as TestWindow).__posted.filter((m) => m.type === 'rendered').length > n, before);
  }

  async function showDiagram(page: Page, diagram: DiagramModel, focus?: string): Promise<void> {
    await send(page, focus === undefined ? { type: 'diagram', model: diagram } : { type: 'diagram', model: diagram, focus });
  }

  async function zoom(page: Page): Promise<number> {
    const transform = (await page.locator('.surface > g').getAttribute('transform')) ?? '';
    return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
  }

  async function rect(page: Page, selector: string): Promise<Box> {
    const box = await page.locator(selector).first().boundingBox();
    assert.ok(box, `${selector} is laid out`);
    return box;
  }

  const fnBox = (id: string): string => `[data-id="${id}"] > rect.box`;

  it('a function the cursor selects after Fit is shown readable, the details pane below the diagram', async () => {
    const { page, errors } = await open(besideEditor);
    await showDiagram(page, model);
    await page.locator('.toolbar button', { hasText: 'Fit' }).click();
    const fitted = await zoom(page);
    assert.ok(fitted < readableZoom, `Fit shows the whole picture small (${fitted})`);
    await send(page, { type: 'select', functionId: orders });
    const k = await zoom(page);
    assert.ok(k >= readableZoom, `zoom ${k.toFixed(3)}: labels ${(12 * k).toFixed(1)} px`);
    const surface = await rect(page, '.surface');
    const details = await rect(page, '.details');
    // The pane is under the diagram, which keeps the panel's whole width and most of its height.
    assert.ok(details.y >= surface.y + surface.height - 1, `pane at ${details.y}, diagram ends at ${surface.y + surface.height}`);
    assert.ok(surface.width >= besideEditor.width - 1, `diagram ${surface.width} px wide`);
    assert.ok(surface.height >= 0.5 * besideEditor.height, `diagram ${surface.height} px high`);
    assert.ok(details.height <= 0.45 * besideEditor.height, `pane ${details.height} px high`);
    assert.ok(inside(await rect(page, fnBox(orders)), surface), 'the selected function is on screen');
    await page.screenshot({ path: path.join(outputDir, 'topology-panel-beside-selected.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('Fit still shows the whole drawing beside the editor, with the details pane open', async () => {
    const { page, errors } = await open(besideEditor);
    await showDiagram(page, model);
    await send(page, { type: 'select', functionId: orders });
    await page.locator('.toolbar button', { hasText: 'Fit' }).click();
    assert.ok(inside(await rect(page, '.hl-diagram'), await rect(page, '.surface')), 'the whole drawing is on screen');
    assert.ok(inside(await rect(page, fnBox(reports)), await rect(page, '.surface')));
    await page.screenshot({ path: path.join(outputDir, 'topology-panel-beside-fit.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a function a code lens opens after Fit is shown readable', async () => {
    const { page, errors } = await open(besideEditor);
    await showDiagram(page, model);
    await page.locator('.toolbar button', { hasText: 'Fit' }).click();
    await showDiagram(page, model, reports);
    const k = await zoom(page);
    assert.ok(k >= readableZoom, `zoom ${k.toFixed(3)}`);
    assert.ok(inside(await rect(page, fnBox(reports)), await rect(page, '.surface')), 'the function is on screen');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('in a wide panel the details pane stays beside the diagram', async () => {
    const { page, errors } = await open({ width: 1400, height: 820 });
    await showDiagram(page, model);
    await send(page, { type: 'select', functionId: orders });
    const surface = await rect(page, '.surface');
    const details = await rect(page, '.details');
    assert.ok(details.x >= surface.x + surface.width - 1 && Math.abs(details.y - surface.y) < 1, JSON.stringify({ surface, details }));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
