// Real-mouse checks of the topology panel inside a running workbench page (the webview is an iframe in an
// iframe): a double-click folds and unfolds a VPC, an AZ and a subnet; dragging the background pans.
// The extension-host tests (test/e2e) cannot move the mouse, so a harness holding the page calls this.
//   import { checkTopologyMouse } from './topologyMouse.mjs';  await checkTopologyMouse(page, { shots: dir })
import { join } from 'node:path';

const timeoutMs = 30_000;

/** The frame that holds the diagram, opening the panel through the command palette when none is open. */
async function diagramFrame(page) {
  // Each webview is an iframe.webview whose document holds the extension's page in iframe#active-frame.
  const webview = (i) => page.frameLocator('iframe.webview').nth(i).frameLocator('iframe#active-frame');
  const count = await page.locator('iframe.webview').count();
  for (let i = 0; i < count; i++) {
    if ((await webview(i).locator('svg.surface').count()) > 0) return ready(webview(i));
  }
  await page.keyboard.press('F1');
  await page.keyboard.type('Hyperplane Lens: Show Topology');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Topology' }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
  // A new webview's iframe is added after the others.
  return ready(page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame'));
}

async function ready(frame) {
  await frame.locator('.hl-diagram .node.container.kind-vpc').first().waitFor({ timeout: timeoutMs });
  return frame;
}

/** The `translate(x y) scale(k)` of the diagram's view layer, as numbers. */
async function viewTransform(frame) {
  const text = (await frame.locator('svg.surface > g').first().getAttribute('transform')) ?? '';
  const m = /translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)\s*scale\(([-\d.e]+)\)/.exec(text);
  if (!m) throw new Error(`unexpected view transform "${text}"`);
  return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
}

/**
 * Runs the checks; throws with what went wrong. `shots`: a folder for screenshots (none if absent).
 * Returns one line per check passed.
 */
export async function checkTopologyMouse(page, { shots } = {}) {
  const done = [];
  const shot = async (name) => {
    if (shots) await page.screenshot({ path: join(shots, `topology-mouse-${name}.png`) });
  };
  const frame = await diagramFrame(page);
  // A known view: nothing selected (the details pane takes room), everything in sight.
  await frame.locator('svg.surface').focus();
  await page.keyboard.press('Escape');
  await frame.locator('.toolbar button', { hasText: 'Fit' }).click();

  for (const kind of ['subnet', 'az', 'vpc']) {
    const id = await frame.locator(`.hl-diagram .node.container.kind-${kind}:not(.collapsed)`).first().getAttribute('data-id', { timeout: timeoutMs });
    if (id === null) throw new Error(`no ${kind} container drawn`);
    const node = `.hl-diagram [data-id="${id.replace(/["\\]/g, '\\$&')}"]`;
    // Two real presses on the title (Playwright moves the mouse there and clicks twice through the iframes).
    await frame.locator(`${node} > text.title`).dblclick();
    await frame.locator(`${node}.collapsed`).waitFor({ timeout: timeoutMs }).catch(() => {
      throw new Error(`a double-click on the title of ${kind} ${id} did not fold it`);
    });
    await shot(`folded-${kind}`);
    // The folded box is small: a double-click anywhere on it unfolds it again.
    await frame.locator(`${node} > .box`).dblclick();
    await frame.locator(`${node}:not(.collapsed)`).waitFor({ timeout: timeoutMs }).catch(() => {
      throw new Error(`a double-click on the folded ${kind} ${id} did not unfold it`);
    });
    done.push(`double-click folds and unfolds ${kind} ${id.slice(id.indexOf('::') + 2)}`);
  }

  // A drag that starts on the empty background pans the view by the distance moved, at the same zoom.
  await frame.locator('.toolbar button', { hasText: 'Fit' }).click();
  const svg = await frame.locator('svg.surface').boundingBox();
  if (svg === null) throw new Error('the diagram surface has no box');
  const empty = await frame.locator('svg.surface').evaluate((surface) => {
    const r = surface.getBoundingClientRect();
    for (const [fx, fy] of [[0.01, 0.99], [0.99, 0.99], [0.01, 0.01], [0.99, 0.01]]) {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      if (document.elementFromPoint(x, y) === surface) return { dx: x - r.left, dy: y - r.top };
    }
    return undefined;
  });
  if (empty === undefined) throw new Error('no empty background corner to drag from');
  const before = await viewTransform(frame);
  const from = { x: svg.x + empty.dx, y: svg.y + empty.dy };
  const move = { x: from.x < svg.x + svg.width / 2 ? 90 : -90, y: from.y < svg.y + svg.height / 2 ? 60 : -60 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + move.x, from.y + move.y, { steps: 8 });
  await page.mouse.up();
  const after = await viewTransform(frame);
  const panned = Math.abs(after.x - before.x - move.x) < 0.5 && Math.abs(after.y - before.y - move.y) < 0.5 && after.k === before.k;
  if (!panned) throw new Error(`dragging the background by ${move.x},${move.y} moved the view from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
  if ((await frame.locator('.hl-diagram .node.collapsed').count()) > 0) throw new Error('the drag folded a container');
  await shot('panned');
  done.push(`dragging the background pans by ${move.x},${move.y}`);
  return done;
}
