// Panning the topology keeps part of the diagram in view: the large-workspace audit scrolled ten wheel notches
// 1,200 px past the top of the diagram into empty space.

import * as assert from 'node:assert/strict';
import { clampPan } from '../../../../client/webview/panZoom';

const viewport = { width: 600, height: 800 };
const content = { width: 2000, height: 1500 };

describe('topology panning', () => {
  it('stops when only 80 px of the diagram are left on screen, on either side', () => {
    assert.deepEqual(clampPan({ x: 0, y: 1200, k: 1 }, content, viewport), { x: 0, y: 720, k: 1 });
    assert.deepEqual(clampPan({ x: -5000, y: -5000, k: 1 }, content, viewport), { x: -1920, y: -1420, k: 1 });
  });

  it('leaves a view inside those bounds alone, at any zoom', () => {
    assert.deepEqual(clampPan({ x: -300, y: -100, k: 0.5 }, content, viewport), { x: -300, y: -100, k: 0.5 });
  });

  it('keeps a diagram smaller than 80 px wholly on screen', () => {
    assert.deepEqual(clampPan({ x: 900, y: -50, k: 1 }, { width: 40, height: 30 }, viewport), { x: 560, y: 0, k: 1 });
  });
});
