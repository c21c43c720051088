// What the panel says while its first picture is laid out (ELK runs in a worker, seconds for a big workspace),
// and how it lets that text be painted before the graph for the layout is built. Pure but for nextPaint.

import { askBeyondCost, layoutBudget, viewCost, type ViewedDiagram } from '../../server/src/ide/diagram/diagramView';

/**
 * "Drawing 300 boxes and 763 lines…", with a hint to filter when the picture is over the layout budget:
 * the panel used to say "Waiting for the analysis…" for 5 s after the analysis of 10,000 resources was done.
 */
export function layoutProgressText(viewed: ViewedDiagram): string {
  const cost = viewCost(viewed);
  const boxes = viewed.nodes.length;
  const lines = cost - boxes;
  const what = `Drawing ${boxes} box${boxes === 1 ? '' : 'es'} and ${lines} line${lines === 1 ? '' : 's'}…`;
  return cost > layoutBudget ? `${what} A picture this big takes a few seconds: choose a VPC or a function above to draw less.` : what;
}

/** Resolves once the page had a chance to paint (or after 50 ms in a hidden panel, where frames stop). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 50);
  });
}

/** Whether the panel asks before laying `viewed` out (see askBeyondCost). */
export function needsConsent(viewed: ViewedDiagram): boolean {
  return viewCost(viewed) > askBeyondCost;
}

/** What the panel says instead of starting a multi-second layout nobody asked for. */
export function overBudgetText(viewed: ViewedDiagram, units: number): string {
  const boxes = viewed.nodes.length;
  const lines = viewCost(viewed) - boxes;
  const unit = units > 1 ? ', a unit,' : '';
  return `This picture has ${boxes} boxes and ${lines} lines: laying it out would take several seconds. Choose${unit} a VPC or a function above, or draw everything anyway.`;
}
