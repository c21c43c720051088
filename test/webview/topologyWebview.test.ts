// The topology webview in headless Chromium on a plain page with the panel's CSP and a stand-in for the
// VS Code webview API: drawing, path highlighting, reveal, theming, escaping, state, export, and the CLI's
// HTML export opened as a file. Screenshots go to test-output/ for a human to look at.

import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { diagramHtml } from '../../server/src/ide/diagram/diagramHtml';
import type { DiagramModel } from '../../server/src/protocol/diagram';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';
import { exampleDiagram, hostileDiagram, hostileName, idEndingWith, largeDiagram, repoRoot } from '../unit/ide/diagram/diagramFixtures';
import { borderKinds, geometryProblems, straddles, type GeometryNode } from '../unit/ide/diagram/diagramGeometry';

const root = repoRoot();
const outputDir = path.join(root, 'test-output');
const nonce = 'dGVzdC1ub25jZQ==';

interface TestWindow {
  __posted: WebviewToHostMessage[];
  __state: unknown;
}

async function webviewBundle(): Promise<string> {
  const result = await esbuild.build({ absWorkingDir: root, entryPoints: ['client/webview/main.ts'], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no webview bundle');
  return file.text;
}

/** The panel's page: same CSP as topologyPanel.ts, the VS Code API replaced by a recorder. */
function testPage(bundle: string, savedState: unknown): string {
  const api = `window.__posted = []; window.__state = ${JSON.stringify(savedState ?? null)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } });`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:">
</head><body><script nonce="${nonce}">${api}</script><script nonce="${nonce}">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

const lightTheme: Record<string, string> = {
  '--vscode-foreground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-errorForeground': '#e51400',
  '--vscode-testing-iconPassed': '#388a34',
};
const darkTheme: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-errorForeground': '#f85149',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
};

function luminance(rgb: string): number {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(rgb);
  if (!m) throw new Error(`not an rgb colour: ${rgb}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('topology webview (Chromium)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let bundle: string;
  const model = exampleDiagram();
  const orders = idEndingWith(model, 'aws_lambda_function.orders');

  before(async () => {
    mkdirSync(outputDir, { recursive: true });
    bundle = await webviewBundle();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  async function open(options: { state?: unknown; theme?: Record<string, string>; width?: number; height?: number } = {}): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1400, height: options.height ?? 820 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.setContent(testPage(bundle, options.state));
    if (options.theme) await setTheme(page, options.theme);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'));
    return { page, errors };
  }

  async function setTheme(page: Page, theme: Record<string, string>): Promise<void> {
    // VS Code sets the theme variables on <html>'s style; so does this (CSSOM, allowed by the CSP).
    await page.evaluate((vars) => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    }, theme);
  }

  async function send(page: Page, message: HostToWebviewMessage): Promise<void> {
    await page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  async function posted(page: Page): Promise<WebviewToHostMessage[]> {
    return page.evaluate(() => (window as unknown as TestWindow).__posted);
  }

  /** Waits for the n-th 'rendered' message and returns it. */
  async function rendered(page: Page, n: number): Promise<Extract<WebviewToHostMessage, { type: 'rendered' }>> {
    await page.waitForFunction((count) => (window as unknown as TestWindow).__posted.filter((m) => m.type === 'rendered').length >= count, n);
    const all = (await posted(page)).filter((m): m is Extract<WebviewToHostMessage, { type: 'rendered' }> => m.type === 'rendered');
    const last = all[n - 1];
    if (!last) throw new Error('no rendered message');
    return last;
  }

  async function showDiagram(page: Page, diagram: DiagramModel, focus?: string): Promise<Extract<WebviewToHostMessage, { type: 'rendered' }>> {
    const before = (await posted(page)).filter((m) => m.type === 'rendered').length;
    await send(page, focus === undefined ? { type: 'diagram', model: diagram } : { type: 'diagram', model: diagram, focus });
    return rendered(page, before + 1);
  }

  it('draws every node and line of the examples and reports the rendered ids', async () => {
    const { page, errors } = await open({ theme: lightTheme });
    const report = await showDiagram(page, model);
    assert.deepEqual([...report.nodeIds].sort(), model.nodes.map((n) => n.id).sort());
    assert.equal(await page.locator('.hl-diagram .node').count(), model.nodes.length);
    assert.equal(await page.locator('.hl-diagram .node.kind-function').count(), 4);
    assert.equal(await page.locator('.hl-diagram .node.kind-hyperplane-eni').count(), 6);
    assert.ok((await page.locator('.hl-diagram path.edge').count()) >= 20);
    assert.equal(await page.locator(`[data-id="${orders}"] text.label`).textContent(), 'aws_lambda_function.orders');
    await page.screenshot({ path: path.join(outputDir, 'topology-webview-light.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('draws internet gateways and gateway endpoints across their VPC border, nothing overlapping', async () => {
    const { page, errors } = await open({ theme: lightTheme });
    await showDiagram(page, model);
    // Boxes as the browser renders them (after zoom and pan), read from the live SVG.
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.hl-diagram [data-id] > rect.box')).map((rect) => {
        const r = rect.getBoundingClientRect();
        return { id: rect.parentElement?.getAttribute('data-id') ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    const boxes = new Map(drawn.map((b) => [b.id, b]));
    for (const n of model.nodes) assert.ok(boxes.has(n.id), `${n.id} is drawn`);
    const geometry: GeometryNode[] = model.nodes.map((n) => {
      const b = boxes.get(n.id);
      return { id: n.id, kind: n.kind, parent: n.parent, x: b?.x ?? 0, y: b?.y ?? 0, width: b?.width ?? 0, height: b?.height ?? 0 };
    });
    assert.deepEqual(geometryProblems(geometry), []);
    const gateways = model.nodes.filter((n) => borderKinds.includes(n.kind));
    assert.equal(gateways.length, 4);
    for (const g of gateways) {
      const vpc = g.parent === null ? undefined : boxes.get(g.parent);
      const box = boxes.get(g.id);
      assert.ok(box && vpc && straddles(box, vpc), `${g.id} straddles its VPC`);
    }
    await page.screenshot({ path: path.join(outputDir, 'topology-webview-gateways.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('opens 200 functions as an overview, finds a folded function, and opens one VPC from the filter', async () => {
    const big = largeDiagram(200, 3);
    const { page, errors } = await open({ theme: lightTheme });
    const started = Date.now();
    const first = await showDiagram(page, big);
    const ms = Date.now() - started;
    assert.ok(first.nodeIds.length < 30, `${first.nodeIds.length} boxes drawn`);
    assert.equal(await page.locator('.node.collapsed.kind-lambda-service-vpc').count(), 1);
    await page.screenshot({ path: path.join(outputDir, 'topology-webview-200-overview.png') });
    await page.locator('.toolbar input').fill('f123');
    assert.equal(await page.locator('.node.match.kind-lambda-service-vpc').count(), 1, 'the box holding the function is marked');
    await page.locator('.toolbar select').first().selectOption({ label: 'aws_vpc.v1' });
    const vpc = await rendered(page, 2);
    assert.ok(vpc.nodeIds.includes('fn1') && !vpc.nodeIds.includes('fn0'), 'the VPC filter draws its own functions');
    assert.ok(vpc.nodeIds.includes('igw1'));
    assert.ok(await page.locator('[data-id="fn1"]').isVisible());
    await page.screenshot({ path: path.join(outputDir, 'topology-webview-200-one-vpc.png') });
    console.log(`      200 functions: overview drawn in ${ms} ms, VPC filter shows ${vpc.nodeIds.length} boxes`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('highlights a selected function: reachable hops, the blocked hop, and reachability per AZ', async () => {
    const { page, errors } = await open({ theme: lightTheme });
    await showDiagram(page, model);
    await send(page, { type: 'select', functionId: orders });
    const report = await rendered(page, 2);
    assert.equal(report.selected, orders);
    assert.ok((await page.locator('path.edge.on-path.status-yes').count()) >= 6);
    assert.equal(await page.locator('path.edge.on-path.status-no').count(), 2, 'ENI in app_b → internet and → DynamoDB are blocked');
    assert.equal(await page.locator(`[data-id="${orders}"].selected`).count(), 1);
    const details = await page.locator('.details').innerText();
    assert.match(details, /the internet \(IPv4\) — partly reachable needed\s+because [^\n]+\s+✓ eu-west-1a\s+✕ eu-west-1b:\s+blocked at route table aws_route_table\.app_b: no route covers the destination \(P9\)\s+Fix \(any one\) for eu-west-1b:\s+route 0\.0\.0\.0\/0 in aws_route_table\.app_b to aws_nat_gateway\.main\s+add a public NAT gateway in aws_subnet\.public\[1\] \(eu-west-1b, the subnet's own AZ\)/);
    // Hover on the blocked line shows the reason and the fix.
    const blocked = page.locator('path.edge-hit').and(page.locator(`[data-line="${await page.locator('path.edge.on-path.status-no').first().getAttribute('data-line')}"]`));
    const box = await page.locator('path.edge.on-path.status-no').first().boundingBox();
    assert.ok(box && (await blocked.count()) === 1);
    const okColour = await page.locator('path.edge.on-path.status-yes').first().evaluate((e) => getComputedStyle(e).stroke);
    const noColour = await page.locator('path.edge.on-path.status-no').first().evaluate((e) => getComputedStyle(e).stroke);
    assert.equal(okColour, 'rgb(56, 138, 52)');
    assert.equal(noColour, 'rgb(229, 20, 0)');
    await page.screenshot({ path: path.join(outputDir, 'topology-webview-selected.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('opens focused on the function the code lens names, and selects by click with a reveal request', async () => {
    const { page } = await open();
    const report = await showDiagram(page, model, idEndingWith(model, 'InventoryFunction'));
    assert.equal(report.selected, idEndingWith(model, 'InventoryFunction'));
    await page.locator(`[data-id="${orders}"]`).click();
    const reveal = (await posted(page)).find((m) => m.type === 'reveal');
    assert.ok(reveal && reveal.type === 'reveal');
    assert.match(reveal.location.uri, /examples\/terraform\/lambda\.tf$/);
    assert.equal((await rendered(page, 2)).selected, orders);
    await page.close();
  });

  it('works from the keyboard: Tab to a function, Enter selects it, Escape clears, +/- zoom', async () => {
    const { page } = await open();
    await showDiagram(page, model);
    await page.locator('.surface').focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);
    assert.ok(focused !== null && model.functions.some((f) => f.id === focused), `focus is on ${focused}`);
    await page.keyboard.press('Enter');
    assert.equal((await rendered(page, 2)).selected, focused);
    await page.keyboard.press('Escape');
    assert.equal((await rendered(page, 3)).selected, null);
    const zoom = async (): Promise<number> => page.evaluate(() => Number(/scale\(([\d.]+)\)/.exec(document.querySelector('.surface > g')?.getAttribute('transform') ?? '')?.[1]));
    const before = await zoom();
    await page.locator('.surface').focus();
    await page.keyboard.press('+');
    assert.ok((await zoom()) > before);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    assert.ok((await zoom()) < before);
    await page.close();
  });

  it('takes its colours from the theme: legible in light, dark and high contrast', async () => {
    const colours = async (page: Page): Promise<{ text: string; bg: string; box: string }> =>
      page.evaluate((id) => {
        const label = document.querySelector(`[data-id="${CSS.escape(id)}"] text.label`);
        const box = document.querySelector(`[data-id="${CSS.escape(id)}"] rect.box`);
        return { text: label ? getComputedStyle(label).fill : '', bg: getComputedStyle(document.body).backgroundColor, box: box ? getComputedStyle(box).fill : '' };
      }, orders);
    const light = await open({ theme: lightTheme });
    await showDiagram(light.page, model);
    const l = await colours(light.page);
    const dark = await open({ theme: darkTheme });
    await showDiagram(dark.page, model);
    const d = await colours(dark.page);
    await dark.page.screenshot({ path: path.join(outputDir, 'topology-webview-dark.png') });
    const hc = await open({ theme: { ...darkTheme, '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-editorWidget-background': '#0c141f', '--vscode-focusBorder': '#f38518' } });
    await showDiagram(hc.page, model);
    const h = await colours(hc.page);
    await hc.page.screenshot({ path: path.join(outputDir, 'topology-webview-hc.png') });
    assert.notEqual(l.text, d.text);
    assert.notEqual(l.bg, d.bg);
    for (const [name, c] of Object.entries({ light: l, dark: d, 'high contrast': h })) {
      assert.ok(contrast(c.text, c.box) >= 4.5, `${name}: label ${c.text} on ${c.box} has contrast ${contrast(c.text, c.box).toFixed(2)}`);
    }
    assert.ok(contrast(h.text, h.box) >= 7, 'high contrast theme keeps AAA contrast');
    for (const p of [light.page, dark.page, hc.page]) await p.close();
  });

  it('shows hostile resource names as text, never as markup', async () => {
    const hostile = hostileDiagram();
    const victim = hostile.functions[0]?.id ?? '';
    const { page, errors } = await open();
    await showDiagram(page, hostile);
    await send(page, { type: 'select', functionId: victim });
    await rendered(page, 2);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('.hl-diagram script, body > script').count(), 2, 'only the two page scripts exist');
    assert.equal(await page.locator('.details h2').textContent(), hostileName);
    await page.locator(`[data-id="${victim}"]`).hover();
    assert.equal(await page.locator('.hovercard .head').textContent(), hostileName);
    assert.match((await page.locator('.hovercard').textContent()) ?? '', /"quoted" & <b>bold<\/b>/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('ignores malformed messages and restores zoom, selection and filters from the saved state', async () => {
    const state = { transform: { x: 10, y: 20, k: 0.5 }, moved: true, selected: orders, vpc: null, fn: null, search: 'nat', collapsed: [] };
    const { page } = await open({ state });
    await page.evaluate(() => window.postMessage({ type: 'diagram', model: { nodes: 'not a list' } }, '*'));
    const report = await showDiagram(page, model);
    assert.equal(report.selected, orders);
    assert.equal(await page.locator('.surface > g').getAttribute('transform'), 'translate(10 20) scale(0.5)');
    assert.equal(await page.locator('.toolbar input').inputValue(), 'nat');
    assert.equal(await page.locator('.node.match').count(), 1);
    assert.ok((await posted(page)).some((m) => m.type === 'log'));
    await page.locator('.toolbar button', { hasText: '+' }).click();
    const saved = await page.evaluate(() => (window as unknown as TestWindow).__state);
    assert.equal((saved as { transform: { k: number } }).transform.k, 0.625);
    await page.close();
  });

  it('collapses the AZs and filters to one VPC from the toolbar', async () => {
    const { page } = await open();
    await showDiagram(page, model);
    await page.locator('.toolbar button', { hasText: 'Collapse AZs' }).click();
    const collapsed = await rendered(page, 2);
    assert.ok(!collapsed.nodeIds.some((id) => id.endsWith('aws_subnet.app_a')));
    assert.equal(await page.locator('.node.collapsed').count(), 4);
    // The button says what it does next.
    assert.equal(await page.locator('.toolbar button[aria-pressed]').textContent(), 'Expand AZs');
    await page.locator('.toolbar select').first().selectOption({ label: 'Vpc' });
    const filtered = await rendered(page, 3);
    assert.ok(!filtered.nodeIds.some((id) => id.endsWith('aws_lambda_function.orders')));
    assert.ok(filtered.nodeIds.some((id) => id.endsWith('InventoryFunction')));
    await page.close();
  });

  it('exports the drawing as SVG text and as a PNG data URL', async () => {
    const { page } = await open({ theme: darkTheme });
    await showDiagram(page, model);
    await page.locator('.toolbar button', { hasText: 'SVG' }).click();
    await page.locator('.toolbar button', { hasText: 'PNG' }).click();
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.filter((m) => m.type === 'export').length >= 2);
    const exports = (await posted(page)).filter((m): m is Extract<WebviewToHostMessage, { type: 'export' }> => m.type === 'export');
    const svg = exports.find((e) => e.format === 'svg')?.data ?? '';
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    assert.ok(svg.includes('aws_lambda_function.orders'));
    assert.ok(svg.includes('#1f1f1f'), 'the export carries the theme colours');
    assert.ok(!svg.includes('edge-hit'));
    const png = exports.find((e) => e.format === 'png')?.data ?? '';
    assert.match(png, /^data:image\/png;base64,/);
    writeFileSync(path.join(outputDir, 'topology-export-dark.png'), Buffer.from(png.slice('data:image/png;base64,'.length), 'base64'));
    assert.ok(png.length > 20_000);
    await page.close();
  });

  it('opens the CLI HTML export as a file, with no network and no CSP violation', async () => {
    const file = path.join(outputDir, 'topology-export.html');
    writeFileSync(file, diagramHtml(hostileDiagram(), bundle, 'aHRtbC1ub25jZQ=='));
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Refused/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.locator('.hl-diagram .node.kind-function').first().waitFor();
    assert.equal(await page.locator('.hl-diagram .node').count(), model.nodes.length);
    // The hostile copy renamed the first function (orders): its name is shown as text.
    await page.locator(`[data-id="${orders}"]`).click();
    assert.equal(await page.locator('.details h2').textContent(), hostileName);
    assert.match(await page.locator('.details').innerText(), /the internet \(IPv4\) — partly reachable/);
    await page.screenshot({ path: path.join(outputDir, 'topology-export-html.png') });
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.close();
  });
});
