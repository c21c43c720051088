// Where the panel's view starts (and returns to on resize, filter change and selection): the whole drawing
// when it fits at a readable zoom, else the functions (or the selected function's paths) at that zoom. Pure.

import type { DiagramLayout } from '../../server/src/ide/diagram/diagramLayout';
import { labelFontSize } from '../../server/src/ide/diagram/diagramMetrics';
import type { ViewTransform } from './panZoom';
import { linesOf } from './selection';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

/** Box labels drawn at about 11 px: below that they stop being legible (the audit saw 2–4 px labels). */
export const readableZoom = 11 / labelFontSize;
/** The automatic views never enlarge the drawing: at 100 % it is already as the CSS says. */
export const maxAutoZoom = 1;
/** Room kept free around the drawing. */
export const viewMargin = 12;

/** The whole drawing, centred and as large as fits (never above 100 %): the Fit button. */
export function fitAllView(content: Size, viewport: Size): ViewTransform {
  const k = Math.min(maxAutoZoom, (viewport.width - 2 * viewMargin) / content.width, (viewport.height - 2 * viewMargin) / content.height);
  return { k, x: (viewport.width - content.width * k) / 2, y: Math.max(viewMargin, (viewport.height - content.height * k) / 2) };
}

/**
 * The first view: the whole drawing when it fits at `readableZoom`; else `focus` (the Lambda functions, or a
 * selected function and its paths) as large as fits between `readableZoom` and 100 %, centred when it fits,
 * else from its left/top edge (the picture flows left to right from the functions), never showing more
 * empty room past the drawing's edges than needed.
 */
export function homeView(content: Size, viewport: Size, focus?: Rect): ViewTransform {
  const all = fitAllView(content, viewport);
  if (all.k >= readableZoom) return all;
  const region = focus ?? { x: 0, y: 0, width: content.width, height: content.height };
  const room = { width: viewport.width - 2 * viewMargin, height: viewport.height - 2 * viewMargin };
  const k = Math.min(maxAutoZoom, Math.max(readableZoom, Math.min(room.width / region.width, room.height / region.height)));
  const axis = (start: number, length: number, total: number, view: number): number => {
    // The whole drawing fits along this axis: centre it.
    if (total * k <= view - 2 * viewMargin) return (view - total * k) / 2;
    // Too long to centre: start at its edge, or at the drawing's when little lies before it (the frames' titles).
    const from = start * k <= view / 4 ? 0 : start;
    const wanted = length * k <= view - 2 * viewMargin ? view / 2 - (start + length / 2) * k : viewMargin - from * k;
    // Keep the drawing's edges at or beyond the margins.
    return Math.min(viewMargin, Math.max(view - viewMargin - total * k, wanted));
  };
  return { k, x: axis(region.x, region.width, content.width, viewport.width), y: axis(region.y, region.height, content.height, viewport.height) };
}

/**
 * What the first view should show of `layout`: `selected`'s box and the boxes its lines touch; without a
 * selection (or when it is not drawn), the Lambda service VPC with the functions; undefined when neither is drawn.
 */
export function focusRect(layout: DiagramLayout, selected: string | null): Rect | undefined {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const ids = new Set<string>();
  if (selected !== null && byId.has(selected)) {
    ids.add(selected);
    const lines = linesOf(layout, selected);
    for (const line of layout.edges) {
      if (!lines.has(line.id)) continue;
      ids.add(line.source);
      ids.add(line.target);
    }
  } else {
    for (const n of layout.nodes) if (n.node.kind === 'lambda-service-vpc') ids.add(n.id);
  }
  let box: { x0: number; y0: number; x1: number; y1: number } | undefined;
  for (const id of ids) {
    const n = byId.get(id);
    if (!n) continue;
    box = box === undefined ? { x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height } : { x0: Math.min(box.x0, n.x), y0: Math.min(box.y0, n.y), x1: Math.max(box.x1, n.x + n.width), y1: Math.max(box.y1, n.y + n.height) };
  }
  return box === undefined ? undefined : { x: box.x0, y: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 };
}
