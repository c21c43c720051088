// The panel lays out in a Web Worker (headless Chromium, the panel's CSP with `worker-src blob:`): the page keeps
// painting and answering while ELK works on a big picture, a newer diagram stops an older layout, and the worker
// places every box and line exactly where ELK in process (the CLI, diagramLayout.ts) does.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DiagramLayout } from '../../server/src/ide/diagram/diagramLayout';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { layoutWith, type ElkEngine } from '../../server/src/ide/diagram/elkLayout';
import { packDiagram } from '../../server/src/ide/diagram/diagramPack';
import { buildScene, type SceneElement } from '../../server/src/ide/diagram/diagramScene';
import { applyView, defaultCollapsed, layoutBudget, viewCost } from '../../server/src/ide/diagram/diagramView';
import type { DiagramModel } from '../../server/src/protocol/diagram';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../server/src/protocol/webviewMessages';
import { exampleDiagram, largeDiagram, repoRoot } from '../unit/ide/diagram/diagramFixtures';

const nonce = 'dGVzdC1ub25jZQ==';

interface WorkerProbe {
  /** Layout requests sent to a worker and not answered yet (elkjs numbers its messages). */
  pending: number[];
  layouts: number;
  terminated: number;
  /** Animation frames that ran while a layout was pending. */
  framesWhileBusy: number;
}

interface TestWindow {
  __posted: WebviewToHostMessage[];
  __probe: WorkerProbe;
  __violations: string[];
}

/**
 * Watches the page's workers without changing them: which layout requests are out, and a frame counter that
 * counts only while one is. A page whose thread ran ELK would count no frame then.
 */
const probe = `window.__probe = { pending: [], layouts: 0, terminated: 0, framesWhileBusy: 0 };
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
const Real = window.Worker;
window.Worker = class extends Real {
  constructor(url, options) {
    super(url, options);
    this.addEventListener('message', (e) => { const p = window.__probe.pending; const i = p.indexOf(e.data && e.data.id); if (i >= 0) p.splice(i, 1); });
  }
  postMessage(message, transfer) {
    if (message && message.cmd === 'layout') { window.__probe.layouts++; window.__probe.pending.push(message.id); }
    return transfer === undefined ? super.postMessage(message) : super.postMessage(message, transfer);
  }
  terminate() { window.__probe.terminated++; window.__probe.pending = []; return super.terminate(); }
};
const frame = () => { if (window.__probe.pending.length > 0) window.__probe.framesWhileBusy++; requestAnimationFrame(frame); };
requestAnimationFrame(frame);`;

/** elkjs's in-process engine loaded in a new global scope (vm context), untouched by other copies. */
function isolatedElk(): ElkEngine {
  const module = { exports: {} as unknown };
  const context = vm.createContext({ module, exports: module.exports, setTimeout, clearTimeout, console });
  // ELK's runtime finds its global object as `global` (or `self`): the context's own, with the context's builtins.
  vm.runInContext('globalThis.global = globalThis; globalThis.self = globalThis;', context);
  vm.runInContext(readFileSync(require.resolve('elkjs/lib/elk.bundled.js'), 'utf8'), context);
  const Elk = module.exports as new () => ElkEngine;
  const elk = new Elk();
  // The graph crosses into the context as JSON: ELK's runtime checks arrays against its own realm's Array.
  const parse = vm.runInContext('JSON.parse', context) as (text: string) => ElkNode;
  return { layout: async (graph) => JSON.parse(JSON.stringify(await elk.layout(parse(JSON.stringify(graph))))) as ElkNode };
}

/** Every box's rectangle and every line's path, as drawn: the geometry two layouts must share. */
function geometryOf(scene: SceneElement, out: string[] = [], owner?: string): string[] {
  const id = scene.attrs['data-id'] ?? owner;
  if (scene.tag === 'rect' && scene.attrs.class === 'box' && id !== undefined) out.push(`box ${id} ${scene.attrs.x} ${scene.attrs.y} ${scene.attrs.width} ${scene.attrs.height}`);
  if (scene.tag === 'path' && (scene.attrs.class ?? '').split(' ').includes('edge')) out.push(`line ${scene.attrs['data-source']}>${scene.attrs['data-target']} ${scene.attrs.d}`);
  for (const c of scene.children ?? []) geometryOf(c, out, id);
  return out;
}

describe('topology panel laying out in a Web Worker (Chromium)', function () {
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

  /** The panel's page: the CSP of topologyPanel.ts, the VS Code API replaced by a recorder. */
  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const api = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => null, setState: () => {} });`;
    await page.setContent(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: blob:; worker-src blob:">
</head><body><script nonce="${nonce}">${api}\n${probe}</script><script nonce="${nonce}">${bundle.replace(/<\/script/gi, '<\\/script')}</script></body></html>`);
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'ready'));
    return page;
  }

  const probeOf = (page: Page): Promise<WorkerProbe> => page.evaluate(() => (window as unknown as TestWindow).__probe);
  const drawn = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as TestWindow).__posted.filter((m) => m.type === 'rendered' && m.nodeIds.length > 0).length);
  const send = (page: Page, message: HostToWebviewMessage): Promise<void> => page.evaluate((m) => window.postMessage(m, '*'), message);

  /** 150 VPCs: far over the budget, a layout of seconds that the user asked for with "Draw … anyway". */
  async function startBigLayout(page: Page): Promise<void> {
    await send(page, { type: 'diagram', model: packDiagram(largeDiagram(150, 150)) });
    await page.locator('.message button.draw-anyway').click();
    await page.waitForFunction(() => (window as unknown as TestWindow).__probe.pending.length > 0);
  }

  it('keeps painting and answering while the worker lays out a big picture', async () => {
    const page = await open();
    await startBigLayout(page);
    // The page answers (this evaluate runs on its thread) while the layout is still out.
    const during = await page.evaluate(() => ({ pending: (window as unknown as TestWindow).__probe.pending.length, message: document.querySelector('.message')?.textContent ?? '' }));
    assert.equal(during.pending, 1, 'the page answered only after the layout: it ran on the page thread');
    assert.match(during.message, /^Drawing \d+ boxes and \d+ lines…/, 'the progress text stays up until the picture replaces it');
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered' && m.nodeIds.length > 0), undefined, { timeout: 100_000 });
    const after = await probeOf(page);
    assert.ok(after.framesWhileBusy > 0, `no frame was painted during the layout: ${JSON.stringify(after)}`);
    assert.equal(after.terminated, 0);
    assert.ok((await page.locator('.hl-diagram .node.kind-vpc').count()) >= 150);
    assert.ok(await page.locator('.message').isHidden());
    assert.deepEqual(await page.evaluate(() => (window as unknown as TestWindow).__violations), []);
    await page.close();
  });

  it('stops a running layout when a newer diagram arrives and draws the newer one', async () => {
    const page = await open();
    await startBigLayout(page);
    const small: DiagramModel = { ...largeDiagram(20, 2), version: 2 };
    await send(page, { type: 'diagram', model: packDiagram(small) });
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered' && m.nodeIds.length > 0));
    const p = await probeOf(page);
    assert.ok(p.terminated >= 1, `the old layout's worker kept running: ${JSON.stringify(p)}`);
    const renders = (await page.evaluate(() => (window as unknown as TestWindow).__posted)).filter((m): m is Extract<WebviewToHostMessage, { type: 'rendered' }> => m.type === 'rendered' && m.nodeIds.length > 0);
    assert.deepEqual(
      renders.map((r) => r.version),
      [2],
      'only the newer diagram is drawn',
    );
    assert.equal(await page.locator('.hl-diagram .node.kind-vpc').count(), 2);
    assert.ok(await page.locator('.message').isHidden(), 'no error from the stopped layout');
    assert.equal(await drawn(page), 1);
    await page.close();
  });

  it('draws every box and line where ELK in process puts them', async () => {
    const page = await open();
    const model = exampleDiagram();
    await send(page, { type: 'diagram', model });
    await page.waitForFunction(() => (window as unknown as TestWindow).__posted.some((m) => m.type === 'rendered' && m.nodeIds.length > 0));
    // The panel's first picture: laid out, then settled once on its own hints when cheap (main.ts relayout).
    const viewed = applyView(model, { vpc: null, function: null, collapsed: defaultCollapsed(model) });
    assert.ok(viewCost(viewed) <= layoutBudget / 2);
    // A fresh engine in its own global scope, as the page's worker is: every test file of this mocha process
    // bundles its own copy of elkjs, and those copies share the process's globals (ELK's GWT runtime keeps state
    // in `goog` on the global object), so an ELK that another file used may lay out differently.
    const engine = isolatedElk();
    const first: DiagramLayout = await layoutWith(engine, viewed);
    const expected = geometryOf(buildScene(await layoutWith(engine, viewed, first), { titles: false })).sort();
    const actual = (
      await page.evaluate(() => {
        const out: string[] = [];
        for (const r of Array.from(document.querySelectorAll('.hl-diagram [data-id] > rect.box'))) {
          const id = r.parentElement?.getAttribute('data-id') ?? '';
          out.push(`box ${id} ${r.getAttribute('x')} ${r.getAttribute('y')} ${r.getAttribute('width')} ${r.getAttribute('height')}`);
        }
        for (const e of Array.from(document.querySelectorAll('.hl-diagram path.edge'))) out.push(`line ${e.getAttribute('data-source')}>${e.getAttribute('data-target')} ${e.getAttribute('d')}`);
        return out;
      })
    ).sort();
    assert.ok(expected.length > 20);
    const p = await probeOf(page);
    assert.deepEqual(actual, expected, `worker layouts ${p.layouts}, terminated ${p.terminated}; posted ${JSON.stringify((await page.evaluate(() => (window as unknown as TestWindow).__posted)).map((m) => m.type))}`);
    assert.ok(p.layouts >= 1, 'the layout ran in a worker');
    await page.close();
  });
});
