// Lays out a viewed diagram with elkjs in process (elk.bundled.js runs ELK's worker code on the calling
// thread): the CLI's SVG export and the tests. The webview runs the same layout in a Web Worker instead
// (client/webview/layoutWorker.ts), so that a big picture does not hold its thread; the graph ELK is given
// and the reading of its answer are shared (elkLayout.ts).

import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWith, type DiagramLayout } from './elkLayout';
import type { ViewedDiagram } from './diagramView';

export { clipToBoxes, mergeEdges, type DiagramLayout, type ElkEngine, type Point, type PositionedEdge, type PositionedNode } from './elkLayout';

let elk: InstanceType<typeof ELK> | undefined;

/** Lays out `diagram` on this thread; `previous` keeps the picture of an update (see layoutWith). */
export function layoutDiagram(diagram: ViewedDiagram, previous?: DiagramLayout): Promise<DiagramLayout> {
  elk ??= new ELK();
  return layoutWith(elk, diagram, previous);
}
