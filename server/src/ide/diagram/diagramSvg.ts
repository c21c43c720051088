// The diagram as an SVG string (CLI export): scene → markup, every attribute value and text escaped, so a
// resource named `<img src=x onerror=alert(1)>` is text in the picture and never markup.

import type { DiagramModel } from '../../protocol/diagram';
import { layoutDiagram } from './diagramLayout';
import { buildScene, type SceneElement } from './diagramScene';
import { diagramCss, fixedColour } from './diagramStyle';
import { applyView, defaultCollapsed, type DiagramView } from './diagramView';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

const attributeName = /^[a-zA-Z][a-zA-Z0-9:_-]*$/;

export function sceneToSvg(element: SceneElement, indent = ''): string {
  if (!/^[a-zA-Z]+$/.test(element.tag)) throw new Error(`invalid element name '${element.tag}'`);
  const attrs = Object.entries(element.attrs)
    .filter(([name]) => attributeName.test(name))
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  const children = element.children ?? [];
  if (children.length === 0 && element.text === undefined) return `${indent}<${element.tag}${attrs}/>`;
  const text = element.text === undefined ? '' : escapeXml(element.text);
  if (children.length === 0) return `${indent}<${element.tag}${attrs}>${text}</${element.tag}>`;
  return `${indent}<${element.tag}${attrs}>${text}\n${children.map((c) => sceneToSvg(c, indent + ' ')).join('\n')}\n${indent}</${element.tag}>`;
}

export interface SvgExportOptions {
  readonly theme?: 'light' | 'dark';
  /** What to draw; by default everything, with containers collapsed as defaultCollapsed picks for a big workspace. */
  readonly view?: DiagramView;
}

/** The whole diagram as a standalone SVG document with fixed colours and tooltips. */
export async function diagramToSvg(model: DiagramModel, options: SvgExportOptions = {}): Promise<string> {
  const theme = options.theme ?? 'light';
  // Without a view, a big workspace is drawn as the panel opens it (collapsed to lay out in about a second).
  const layout = await layoutDiagram(applyView(model, options.view ?? { collapsed: defaultCollapsed(model) }));
  const colour = fixedColour(theme);
  const css = `${diagramCss(colour, "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif")}\n.hl-diagram { background: ${colour('bg')}; }`;
  const scene = buildScene(layout, { titles: true, css });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${sceneToSvg(scene)}\n`;
}
