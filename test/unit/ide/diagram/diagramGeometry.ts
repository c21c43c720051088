// Geometry checks on a drawn diagram, shared by the layout, SVG and webview tests: a gateway's box straddles
// its VPC's border, boxes that are not nested never overlap, texts fit their boxes, and the boxes read back
// from an SVG string.

import { boldFactor, containerInset, detailFontSize, labelFontSize, leafPadding, textWidth, titleFontSize } from '../../../../server/src/ide/diagram/diagramMetrics';
import type { SceneElement } from '../../../../server/src/ide/diagram/diagramScene';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Kinds drawn across their VPC's border (the issue: "internet and egress-only gateways and gateway endpoints on the VPC edge"). */
export const borderKinds: readonly string[] = ['internet-gateway', 'egress-only-internet-gateway', 'gateway-endpoint', 'vpc-peering'];

const eps = 0.5;

/** Positive-area overlap (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - eps && b.x < a.x + a.width - eps && a.y < b.y + b.height - eps && b.y < a.y + a.height - eps;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x - eps && inner.y >= outer.y - eps && inner.x + inner.width <= outer.x + outer.width + eps && inner.y + inner.height <= outer.y + outer.height + eps;
}

/** `box` crosses `container`'s border: it overlaps the container but is neither fully inside nor fully outside. */
export function straddles(box: Rect, container: Rect): boolean {
  return overlaps(box, container) && !contains(container, box);
}

export interface GeometryNode extends Rect {
  readonly id: string;
  readonly kind: string;
  readonly parent: string | null;
}

/**
 * Problems with a drawing: a border kind whose parent is a VPC that does not straddle it, any other node not
 * inside its parent, and two boxes neither of which contains the other (by parent links) that overlap.
 */
export function geometryProblems(nodes: readonly GeometryNode[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const problems: string[] = [];
  const ancestors = (n: GeometryNode): Set<string> => {
    const out = new Set<string>();
    for (let p = n.parent === null ? undefined : byId.get(n.parent); p && !out.has(p.id); p = p.parent === null ? undefined : byId.get(p.parent)) out.add(p.id);
    return out;
  };
  const lineage = new Map(nodes.map((n) => [n.id, ancestors(n)]));
  for (const n of nodes) {
    const p = n.parent === null ? undefined : byId.get(n.parent);
    if (!p) continue;
    if (borderKinds.includes(n.kind) && p.kind === 'vpc') {
      if (!straddles(n, p)) problems.push(`${n.kind} ${n.id} does not cross the border of ${p.id}`);
    } else if (!contains(p, n)) {
      problems.push(`${n.id} is outside ${p.id}`);
    }
  }
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i];
    if (!a) continue;
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j];
      if (!b || lineage.get(a.id)?.has(b.id) || lineage.get(b.id)?.has(a.id)) continue;
      if (overlaps(a, b)) problems.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return problems;
}

const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Each node group's id, classes and first rect (its box) in an SVG string written by diagramSvg.ts. */
export function svgBoxes(svg: string): Map<string, Rect & { readonly classes: string }> {
  const out = new Map<string, Rect & { readonly classes: string }>();
  const group = /<g class="(node [^"]*)" data-id="([^"]*)"[^>]*>\s*<rect class="box" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g;
  for (let m = group.exec(svg); m; m = group.exec(svg)) {
    const [, classes = '', id = '', x = '', y = '', width = '', height = ''] = m;
    out.set(unescape(id), { classes, x: Number(x), y: Number(y), width: Number(width), height: Number(height) });
  }
  return out;
}

export interface GeometryLine {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Lines of one group may share an end; lines of different groups must end apart. */
  readonly group: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** How far apart two arrowheads on one box must be not to read as one blot (a marker is about 9 px). */
export const markerRoom = 8;

/**
 * Arrowheads that pile up: two lines into the same box whose ends are closer than markerRoom but not the same
 * point (same group), or closer than markerRoom at all (different groups).
 */
export function endProblems(lines: readonly GeometryLine[]): string[] {
  const problems: string[] = [];
  const byTarget = new Map<string, GeometryLine[]>();
  for (const l of lines) byTarget.set(l.target, [...(byTarget.get(l.target) ?? []), l]);
  for (const [target, list] of byTarget) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const pa = a?.points.at(-1);
        const pb = b?.points.at(-1);
        if (!a || !b || !pa || !pb) continue;
        const d = Math.hypot(pa.x - pb.x, pa.y - pb.y);
        if (a.group === b.group ? d > eps && d < markerRoom : d < markerRoom) problems.push(`${a.id} (${a.group}) and ${b.id} (${b.group}) end ${d.toFixed(1)} px apart on ${target}`);
      }
    }
  }
  return problems;
}

/** Line segments that run through the inside of a leaf box other than their own line's two ends. */
export function crossingProblems(lines: readonly GeometryLine[], leaves: readonly GeometryNode[]): string[] {
  const problems: string[] = [];
  const inset = 1;
  for (const l of lines) {
    for (let i = 0; i + 1 < l.points.length; i++) {
      const p = l.points[i];
      const q = l.points[i + 1];
      if (!p || !q) continue;
      const seg = { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x), height: Math.abs(p.y - q.y) };
      for (const b of leaves) {
        if (b.id === l.source || b.id === l.target) continue;
        const inner = { x: b.x + inset, y: b.y + inset, width: b.width - 2 * inset, height: b.height - 2 * inset };
        const hit = seg.x <= inner.x + inner.width && seg.x + seg.width >= inner.x && seg.y <= inner.y + inner.height && seg.y + seg.height >= inner.y;
        if (hit) problems.push(`${l.id} (${l.source} → ${l.target}) runs through ${b.id}`);
      }
    }
  }
  return problems;
}

/** Every text of the scene that does not fit the room its box leaves it (the estimate the renderers cut by). */
export function overflowingTexts(scene: SceneElement): string[] {
  const problems: string[] = [];
  const visit = (el: SceneElement): void => {
    const id = el.attrs['data-id'];
    const box = el.children?.find((c) => c.tag === 'rect' && c.attrs.class === 'box');
    if (id !== undefined && box) {
      const right = Number(box.attrs.x) + Number(box.attrs.width);
      for (const t of el.children ?? []) {
        if (t.tag !== 'text' || t.text === undefined) continue;
        const cls = t.attrs.class ?? '';
        if (cls === 'badge-text') continue;
        const width = cls === 'title' ? textWidth(t.text, titleFontSize) * boldFactor : textWidth(t.text, cls === 'label' ? labelFontSize : detailFontSize);
        const inset = cls === 'title' || cls === 'subtitle' ? containerInset : leafPadding;
        if (Number(t.attrs.x) + width > right - inset + 0.5) problems.push(`${cls} '${t.text}' of ${id} overflows its box`);
      }
    }
    for (const c of el.children ?? []) visit(c);
  };
  visit(scene);
  return problems;
}
