// Export of the drawn diagram: a standalone SVG (theme colours resolved to the current values, so the file
// looks like the panel) and a PNG rendered from that SVG through a canvas.

import { colourRoles, diagramCss, type ColourRole } from '../../server/src/ide/diagram/diagramStyle';

/** The current theme's value of each colour role (falls back to Light+ outside VS Code). */
function resolvedColours(): (role: ColourRole) => string {
  const style = getComputedStyle(document.documentElement);
  return (role) => style.getPropertyValue(colourRoles[role].variable).trim() || colourRoles[role].light;
}

export function exportSvg(scene: SVGSVGElement): string {
  const copy = scene.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) throw new Error('the diagram is not an SVG element');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('x');
  copy.removeAttribute('y');
  const colour = resolvedColours();
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `${diagramCss(colour, font)}\n.hl-diagram { background: ${colour('bg')}; }`;
  copy.insertBefore(style, copy.firstChild);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', colour('bg'));
  copy.insertBefore(background, style.nextSibling);
  for (const hit of Array.from(copy.querySelectorAll('.edge-hit'))) hit.remove();
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** PNG data URL at twice the diagram's size (sharp on high-DPI screens), capped to what canvases allow. */
export async function exportPng(scene: SVGSVGElement): Promise<string> {
  const svg = exportSvg(scene);
  const width = Number(scene.getAttribute('width') ?? '1');
  const height = Number(scene.getAttribute('height') ?? '1');
  const scale = Math.max(0.25, Math.min(2, 16000 / Math.max(width, height)));
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be rendered to an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas available');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
