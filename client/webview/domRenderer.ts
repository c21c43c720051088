// Turns the shared scene description into live SVG elements with createElementNS and textContent, so names
// from the user's code are always text (never parsed as markup).

import type { SceneElement } from '../../server/src/ide/diagram/diagramScene';

const svgNs = 'http://www.w3.org/2000/svg';

export function renderScene(element: SceneElement, options: { readonly skipTitles: boolean }): SVGElement {
  const node = document.createElementNS(svgNs, element.tag);
  for (const [name, value] of Object.entries(element.attrs)) {
    // The namespace declaration is implied by createElementNS; event-handler attributes never occur.
    if (name === 'xmlns' || name.toLowerCase().startsWith('on')) continue;
    node.setAttribute(name, value);
  }
  if (element.text !== undefined) node.textContent = element.text;
  for (const child of element.children ?? []) {
    if (options.skipTitles && child.tag === 'title') continue;
    node.appendChild(renderScene(child, options));
  }
  return node;
}
