// The topology panel's first view on real corpus cases: readable (box labels at about 11 px or more), using
// the panel's height, on the functions and their paths (or the selected function's), and Fit still shows all.
// The audit saw EFS (17 boxes) open with 4 px labels and 80 % of the panel empty, and AFT (52 boxes) at 2 px.

import * as assert from 'node:assert/strict';
import { focusRect, fitAllView, homeView, readableZoom, viewMargin, type Rect, type Size } from '../../../../client/webview/homeView';
import { labelFontSize } from '../../../../server/src/ide/diagram/diagramMetrics';
import { layoutDiagram, type DiagramLayout } from '../../../../server/src/ide/diagram/diagramLayout';
import { applyView, defaultCollapsed } from '../../../../server/src/ide/diagram/diagramView';
import type { ViewTransform } from '../../../../client/webview/panZoom';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { corpusDiagram } from './corpusDiagrams';
import { exampleDiagram } from './diagramFixtures';

/** The panel beside an editor in a 1600×1000 window (the audit's screenshots). */
const besideEditor: Size = { width: 620, height: 860 };
/** The same with the 250 px details pane open. */
const withDetails: Size = { width: 350, height: 860 };

async function layoutOf(model: DiagramModel, fn: string | null = null): Promise<DiagramLayout> {
  const filter = { function: fn };
  return layoutDiagram(applyView(model, { ...filter, collapsed: defaultCollapsed(model, filter) }));
}

/** A box's rectangle on screen under `t`. */
function onScreen(t: ViewTransform, r: Rect): Rect {
  return { x: t.x + r.x * t.k, y: t.y + r.y * t.k, width: r.width * t.k, height: r.height * t.k };
}

function visibleShare(t: ViewTransform, r: Rect, viewport: Size): number {
  const s = onScreen(t, r);
  const w = Math.max(0, Math.min(viewport.width, s.x + s.width) - Math.max(0, s.x));
  const h = Math.max(0, Math.min(viewport.height, s.y + s.height) - Math.max(0, s.y));
  return (w * h) / (s.width * s.height);
}

function assertWhole(t: ViewTransform, r: Rect, viewport: Size, what: string): void {
  assert.ok(Math.abs(visibleShare(t, r, viewport) - 1) < 1e-9, `${what} is whole on screen`);
}

function boxOf(layout: DiagramLayout, id: string): Rect {
  const n = layout.nodes.find((b) => b.id === id);
  assert.ok(n, `${id} is drawn`);
  return n;
}

/** The drawing never leaves more than the margin empty on a side where it runs past the panel. */
function assertNoWastedEdge(t: ViewTransform, layout: DiagramLayout, viewport: Size): void {
  const s = onScreen(t, { x: 0, y: 0, width: layout.width, height: layout.height });
  if (s.width > viewport.width) assert.ok(s.x <= viewMargin + 0.01 && s.x + s.width >= viewport.width - viewMargin - 0.01, `horizontal ${s.x}…${s.x + s.width}`);
  if (s.height > viewport.height) assert.ok(s.y <= viewMargin + 0.01 && s.y + s.height >= viewport.height - viewMargin - 0.01, `vertical ${s.y}…${s.y + s.height}`);
}

describe('topology panel: the first view is readable', function () {
  this.timeout(60_000);

  it('readableZoom draws box labels at about 11 px', () => {
    assert.ok(readableZoom * labelFontSize >= 10.9 && readableZoom * labelFontSize <= 12);
  });

  it('EFS (17 boxes): labels readable, the function and its paths on screen, the panel height used', async () => {
    const { model } = await corpusDiagram('serverless-patterns/apigw-lambda-efs-sam');
    const layout = await layoutOf(model);
    // What the panel did before: fitted to the width, labels about 4 px, most of the height empty.
    assert.ok(fitAllView(layout, besideEditor).k * labelFontSize < 6);
    const t = homeView(layout, besideEditor, focusRect(layout, null));
    assert.ok(t.k >= readableZoom, `zoom ${t.k}`);
    const fn = model.functions[0];
    assert.ok(fn);
    assertWhole(t, boxOf(layout, fn.id), besideEditor, 'the function');
    // The drawing is shorter than the panel: it is centred vertically, not pinned to the top.
    const drawn = onScreen(t, { x: 0, y: 0, width: layout.width, height: layout.height });
    assert.ok(drawn.height / besideEditor.height > 0.5, `the drawing fills ${Math.round((100 * drawn.height) / besideEditor.height)} % of the height`);
    assert.ok(Math.abs(drawn.y - (besideEditor.height - drawn.height) / 2) < 1);
    assertNoWastedEdge(t, layout, besideEditor);
  });

  it('AFT (52 boxes): readable, starting at the Lambda functions; Fit still shows everything', async () => {
    const { model } = await corpusDiagram('aws-ia-control-tower-aft/aft-root');
    const layout = await layoutOf(model);
    const t = homeView(layout, besideEditor, focusRect(layout, null));
    assert.ok(t.k >= readableZoom, `zoom ${t.k}`);
    const lambda = layout.nodes.find((n) => n.node.kind === 'lambda-service-vpc');
    assert.ok(lambda);
    // The column of functions starts on screen at its top-left corner.
    const s = onScreen(t, lambda);
    assert.ok(s.x >= 0 && s.y >= 0 && s.x < besideEditor.width / 2 && s.y < besideEditor.height / 2, JSON.stringify(s));
    assertNoWastedEdge(t, layout, besideEditor);
    const all = fitAllView(layout, besideEditor);
    const whole = onScreen(all, { x: 0, y: 0, width: layout.width, height: layout.height });
    assert.ok(whole.x >= 0 && whole.y >= 0 && whole.x + whole.width <= besideEditor.width && whole.y + whole.height <= besideEditor.height);
  });

  it('AFT: picking one function in the menu zooms to it and its paths; the details pane gets a readable view too', async () => {
    const { model } = await corpusDiagram('aws-ia-control-tower-aft/aft-root');
    const fn = model.functions.find((f) => f.label.endsWith('aws_lambda_function.aft_account_request_audit_trigger'));
    assert.ok(fn);
    const layout = await layoutOf(model, fn.id);
    for (const viewport of [besideEditor, withDetails]) {
      const t = homeView(layout, viewport, focusRect(layout, fn.id));
      assert.ok(t.k >= readableZoom, `zoom ${t.k} in ${viewport.width} px`);
      assertWhole(t, boxOf(layout, fn.id), viewport, `in ${viewport.width} px, the function`);
      assertNoWastedEdge(t, layout, viewport);
    }
  });

  it('clicking a function in the whole AFT picture moves the view to it and its paths', async () => {
    const { model } = await corpusDiagram('aws-ia-control-tower-aft/aft-root');
    const layout = await layoutOf(model);
    const last = [...layout.nodes].filter((n) => n.node.kind === 'function').sort((a, b) => b.y - a.y)[0];
    assert.ok(last);
    const focus = focusRect(layout, last.id);
    assert.ok(focus);
    // Its paths reach right of the function column.
    assert.ok(focus.width > last.width * 2);
    const t = homeView(layout, withDetails, focus);
    assert.ok(t.k >= readableZoom);
    assertWhole(t, last, withDetails, 'the lowest function');
  });

  it('a small picture that fits legibly is shown whole, centred, never above 100 %', async () => {
    const layout = await layoutOf(exampleDiagram());
    const big: Size = { width: 3000, height: 2000 };
    const t = homeView(layout, big, focusRect(layout, null));
    assert.deepEqual(t, fitAllView(layout, big));
    assert.equal(t.k, 1);
  });
});
