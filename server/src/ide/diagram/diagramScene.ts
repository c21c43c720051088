// A laid-out diagram → a tree of SVG elements (tag, attributes, text), the one description of the picture
// that both the CLI's string renderer (diagramSvg.ts) and the webview's DOM renderer turn into SVG.
// Text is kept as data here; each renderer escapes it or sets it with textContent.

import { badgeText, badgeTextRoom, badgeTextWidth, badgeWidth, containerInset, detailFontSize, fitAddress, fitText, labelFontSize, leafPadding, titleFontSize } from './diagramMetrics';
import type { DiagramLayout, Point, PositionedEdge, PositionedNode } from './diagramLayout';
import { containerSubtitle } from './diagramView';

export interface SceneElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly children?: readonly SceneElement[];
}

export interface SceneOptions {
  /** Add <title> tooltips (the static SVG); the panel shows its own hover card instead. */
  readonly titles: boolean;
  /** A <style> element to embed (exports); the panel styles the SVG from its document. */
  readonly css?: string;
}

const el = (tag: string, attrs: Record<string, string>, children?: SceneElement[], text?: string): SceneElement => ({
  tag,
  attrs,
  ...(children ? { children } : {}),
  ...(text !== undefined ? { text } : {}),
});

const n2 = (v: number): string => String(Math.round(v * 10) / 10);

export function buildScene(layout: DiagramLayout, options: SceneOptions): SceneElement {
  const width = Math.max(1, Math.ceil(layout.width));
  const height = Math.max(1, Math.ceil(layout.height));
  const children: SceneElement[] = [];
  if (options.css !== undefined) children.push(el('style', {}, undefined, options.css));
  children.push(markers());
  children.push(el('g', { class: 'layer-containers' }, layout.nodes.filter((n) => n.container).map((n) => containerElement(n, options))));
  children.push(el('g', { class: 'layer-edges' }, layout.edges.map((e) => edgeElement(e, options))));
  children.push(el('g', { class: 'layer-leaves' }, layout.nodes.filter((n) => !n.container).map((n) => leafElement(n, options))));
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', class: 'hl-diagram', width: String(width), height: String(height), viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Network topology' }, children);
}

function markers(): SceneElement {
  const arrow = (id: string, cls: string): SceneElement =>
    el('marker', { id, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, [el('path', { d: 'M0,0 L10,5 L0,10 z', class: cls })]);
  const cross = el('marker', { id: 'hl-cross', viewBox: '0 0 10 10', refX: '5', refY: '5', markerWidth: '10', markerHeight: '10', orient: 'auto' }, [el('path', { d: 'M1,1 L9,9 M9,1 L1,9', class: 'marker-blocked' })]);
  return el('defs', {}, [arrow('hl-arrow', 'marker-neutral'), arrow('hl-arrow-lambda', 'marker-lambda'), arrow('hl-arrow-ok', 'marker-ok'), arrow('hl-arrow-unknown', 'marker-unknown'), cross]);
}

function nodeClasses(n: PositionedNode, shape: 'container' | 'leaf'): string {
  const classes = ['node', shape, `kind-${n.node.kind}`];
  if (n.node.subnetClass) classes.push(`subnet-${n.node.subnetClass}`);
  if (n.node.hidden !== undefined) classes.push('collapsed');
  return classes.join(' ');
}

function tooltip(n: PositionedNode): string {
  return [n.node.label, ...(n.node.detail ? [n.node.detail] : []), ...n.node.facts].join('\n');
}

function containerElement(n: PositionedNode, options: SceneOptions): SceneElement {
  const subtitle = containerSubtitle(n.node);
  const room = n.width - 2 * containerInset;
  const parts: SceneElement[] = [
    el('rect', { class: 'box', x: n2(n.x), y: n2(n.y), width: n2(n.width), height: n2(n.height), rx: n.node.kind === 'subnet' || n.node.kind === 'az' ? '4' : '8' }),
    el('text', { class: 'title', x: n2(n.x + containerInset), y: n2(n.y + 14) }, undefined, fitAddress(n.node.label, titleFontSize, room, true)),
  ];
  if (subtitle) parts.push(el('text', { class: 'subtitle', x: n2(n.x + containerInset), y: n2(n.y + 29) }, undefined, fitText(subtitle, detailFontSize, room)));
  if (options.titles) parts.push(el('title', {}, undefined, tooltip(n)));
  const attrs: Record<string, string> = { class: nodeClasses(n, 'container'), 'data-id': n.id };
  if (n.node.hidden !== undefined) Object.assign(attrs, { tabindex: '0', role: 'button', 'aria-label': `${n.node.label} (collapsed)` });
  return el('g', attrs, parts);
}

function leafElement(n: PositionedNode, options: SceneOptions): SceneElement {
  const badge = badgeText(n.node.kind, n.node.kind === 'aws-service' ? n.node.label : n.node.detail);
  const textX = n.x + badgeWidth + leafPadding;
  const room = n.width - badgeWidth - 2 * leafPadding;
  const hasDetail = n.node.detail !== undefined && n.node.detail !== '';
  const parts: SceneElement[] = [
    el('rect', { class: 'box', x: n2(n.x), y: n2(n.y), width: n2(n.width), height: n2(n.height), rx: '5' }),
    el('rect', { class: 'badge', x: n2(n.x + 3), y: n2(n.y + 3), width: n2(badgeWidth - 6), height: n2(n.height - 6), rx: '3' }),
    el('text', { class: 'badge-text', x: n2(n.x + badgeWidth / 2), y: n2(n.y + n.height / 2), ...(badgeTextWidth(badge) > badgeTextRoom ? { textLength: String(badgeTextRoom), lengthAdjust: 'spacingAndGlyphs' } : {}) }, undefined, badge),
    el('text', { class: 'label', x: n2(textX), y: n2(n.y + (hasDetail ? 16 : n.height / 2)) }, undefined, fitAddress(n.node.label, labelFontSize, room)),
  ];
  if (hasDetail && n.node.detail !== undefined) parts.push(el('text', { class: 'detail', x: n2(textX), y: n2(n.y + 32) }, undefined, fitText(n.node.detail, detailFontSize, room)));
  if (options.titles) parts.push(el('title', {}, undefined, tooltip(n)));
  const attrs: Record<string, string> = { class: nodeClasses(n, 'leaf'), 'data-id': n.id, role: 'button', 'aria-label': `${n.node.kind} ${n.node.label}` };
  // Keyboard users tab through the functions (the panel moves focus to other nodes with the arrow keys).
  attrs.tabindex = n.node.kind === 'function' ? '0' : '-1';
  return el('g', attrs, parts);
}

function pathData(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n2(p.x)},${n2(p.y)}`).join(' ');
}

function edgeElement(e: PositionedEdge, options: SceneOptions): SceneElement {
  const classes = ['edge', `edge-${e.kind}`];
  if (e.blocked) classes.push('blocked');
  // A peering connection joins two VPCs both ways: no arrowhead.
  const marker = e.blocked ? 'url(#hl-cross)' : e.kind === 'eni-link' ? 'url(#hl-arrow-lambda)' : e.kind === 'peering' ? undefined : 'url(#hl-arrow)';
  const attrs: Record<string, string> = { class: classes.join(' '), d: pathData(e.points), 'data-line': e.id, 'data-source': e.source, 'data-target': e.target, ...(marker === undefined ? {} : { 'marker-end': marker }) };
  const notes = [...new Set(e.members.map((m) => m.note).filter((s): s is string => s !== undefined))];
  return el('path', attrs, options.titles && notes.length > 0 ? [el('title', {}, undefined, notes.join('\n\n'))] : undefined);
}
