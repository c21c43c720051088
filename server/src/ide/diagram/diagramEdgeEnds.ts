// Where the drawn lines end: ELK spreads the lines entering one side of a box a few pixels apart, so ten lines
// into one ENI or one service drew ten overlapping arrowheads, a solid wedge. Here the lines that enter the
// same side of a box share their last stretch and end at one point per kind (reachable or blocked), so each
// kind shows one arrowhead (or one cross), and the kinds end apart from each other.

export interface EndPoint {
  readonly x: number;
  readonly y: number;
}

export interface EndBox {
  readonly id?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EndLine {
  readonly source?: string;
  readonly target: string;
  /** Lines of the same target and side join only with lines of the same group (reachable, blocked, ENI link). */
  readonly group: string;
  readonly points: readonly EndPoint[];
}

type Side = 'left' | 'right' | 'top' | 'bottom';

/** How far outside the box the lines join (less when a line's last bend is closer). */
export const busGap = 10;

const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5;

/** The side a line enters its target by, from its last non-empty segment; undefined for a slanted or empty one. */
function entrySide(points: readonly EndPoint[]): { side: Side; from: EndPoint; at: number } | undefined {
  const end = points[points.length - 1];
  if (!end) return undefined;
  for (let i = points.length - 2; i >= 0; i--) {
    const from = points[i];
    if (!from) return undefined;
    if (near(from.x, end.x) && near(from.y, end.y)) continue;
    if (near(from.y, end.y)) return { side: from.x < end.x ? 'left' : 'right', from, at: i };
    if (near(from.x, end.x)) return { side: from.y < end.y ? 'top' : 'bottom', from, at: i };
    return undefined;
  }
  return undefined;
}

function endsOnSide(end: EndPoint, from: EndPoint, side: Side, box: EndBox): boolean {
  switch (side) {
    case 'left':
      return Math.abs(end.x - box.x) < 1 && from.x < box.x && end.y >= box.y && end.y <= box.y + box.height;
    case 'right':
      return Math.abs(end.x - box.x - box.width) < 1 && from.x > box.x + box.width && end.y >= box.y && end.y <= box.y + box.height;
    case 'top':
      return Math.abs(end.y - box.y) < 1 && from.y < box.y && end.x >= box.x && end.x <= box.x + box.width;
    case 'bottom':
      return Math.abs(end.y - box.y - box.height) < 1 && from.y > box.y + box.height && end.x >= box.x && end.x <= box.x + box.width;
  }
}

/** A horizontal or vertical run passes through the inside of `box` (its border excluded). */
function crosses(run: EndBox, box: EndBox): boolean {
  return run.x < box.x + box.width - 1 && run.x + run.width > box.x + 1 && run.y < box.y + box.height - 1 && run.y + run.height > box.y + 1;
}

/** Drops points that repeat or lie on a straight run, so the path has only its real bends. */
export function simplify(points: readonly EndPoint[]): EndPoint[] {
  const out: EndPoint[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && near(last.x, p.x) && near(last.y, p.y)) continue;
    const before = out[out.length - 2];
    if (before && last && ((near(before.x, last.x) && near(last.x, p.x)) || (near(before.y, last.y) && near(last.y, p.y)))) out.pop();
    out.push(p);
  }
  return out;
}

/**
 * The lines with their ends moved: per target box and side, the groups of lines are ordered by where ELK
 * ended them and given evenly spaced points along that side; every line of a group turns onto its group's
 * point at its last bend (or on a bus just outside the box) and runs straight in. Lines entering a box that is not in `boxes`, or slanted, are kept.
 */
export function joinLineEnds<L extends EndLine>(lines: readonly L[], boxes: ReadonlyMap<string, EndBox>, obstacles: readonly EndBox[] = []): L[] {
  const sides = new Map<string, { box: EndBox; side: Side; members: { index: number; from: EndPoint; at: number; group: string }[] }>();
  lines.forEach((line, index) => {
    const box = boxes.get(line.target);
    const entry = entrySide(line.points);
    if (!box || !entry) return;
    // Only a line that ends on the side it comes from outside of (ELK's hierarchy ends do, the clipped ports too).
    const end = line.points[line.points.length - 1];
    if (!end || !endsOnSide(end, entry.from, entry.side, box)) return;
    const key = `${line.target}\u0000${entry.side}`;
    const s = sides.get(key) ?? { box, side: entry.side, members: [] };
    s.members.push({ index, from: entry.from, at: entry.at, group: line.group });
    sides.set(key, s);
  });
  const out = [...lines];
  for (const { box, side, members } of sides.values()) {
    const horizontal = side === 'left' || side === 'right';
    // Where each group's lines end today (their mean), to keep ELK's order of the groups along the side.
    const groups = new Map<string, { sum: number; count: number }>();
    for (const m of members) {
      const end = lines[m.index]?.points.at(-1);
      if (!end) continue;
      const g = groups.get(m.group) ?? { sum: 0, count: 0 };
      g.sum += horizontal ? end.y : end.x;
      g.count += 1;
      groups.set(m.group, g);
    }
    if (groups.size === members.length && members.length === 1) continue;
    const order = [...groups.entries()].sort((a, b) => a[1].sum / a[1].count - b[1].sum / b[1].count || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
    const span = horizontal ? box.height : box.width;
    const start = horizontal ? box.y : box.x;
    const slot = new Map(order.map((g, k) => [g, start + (span * (k + 1)) / (order.length + 1)]));
    // The bus: outside the side, no nearer the box than any line's last bend allows (lines never turn back).
    const edge = side === 'left' ? box.x : side === 'right' ? box.x + box.width : side === 'top' ? box.y : box.y + box.height;
    const outward = side === 'left' || side === 'top' ? -1 : 1;
    const lastBend = members.map((m) => (horizontal ? m.from.x : m.from.y));
    const bus = outward < 0 ? Math.max(edge - busGap, ...lastBend) : Math.min(edge + busGap, ...lastBend);
    for (const m of members) {
      const line = lines[m.index];
      const at = slot.get(m.group);
      if (!line || at === undefined) continue;
      // A line whose last run comes along the side (ELK's usual last bend) slides that run to the point, so
      // the lines of a group share their last stretch; a straight line gets a bend on the bus.
      const pre = line.points[m.at - 1];
      // Unless the slid run would cross a box ELK had routed it around: then the bend goes on the bus.
      const slid: EndBox = horizontal ? { x: Math.min(m.from.x, edge), y: at, width: Math.abs(edge - m.from.x), height: 0 } : { x: at, y: Math.min(m.from.y, edge), width: 0, height: Math.abs(edge - m.from.y) };
      const blocked = obstacles.some((o) => o.id !== line.target && o.id !== line.source && crosses(slid, o));
      const along = !blocked && pre !== undefined && (horizontal ? near(pre.x, m.from.x) : near(pre.y, m.from.y));
      const head = line.points.slice(0, along ? m.at : m.at + 1);
      const tail: EndPoint[] = along
        ? horizontal
          ? [{ x: m.from.x, y: at }, { x: edge, y: at }]
          : [{ x: at, y: m.from.y }, { x: at, y: edge }]
        : horizontal
          ? [{ x: bus, y: m.from.y }, { x: bus, y: at }, { x: edge, y: at }]
          : [{ x: m.from.x, y: bus }, { x: at, y: bus }, { x: at, y: edge }];
      out[m.index] = { ...line, points: simplify([...head, ...tail]) };
    }
  }
  return out;
}

/**
 * The same for where lines leave a box: the lines leaving one side of a source start at one point and share
 * their first stretch (a function's ten paths leave it as one line that branches), there being no marker to
 * keep apart at the start.
 */
export function joinLineStarts<L extends EndLine & { readonly source: string }>(lines: readonly L[], boxes: ReadonlyMap<string, EndBox>, obstacles: readonly EndBox[] = []): L[] {
  const reversed = lines.map((l) => ({ source: l.target, target: l.source, group: '', points: [...l.points].reverse() }));
  return joinLineEnds(reversed, boxes, obstacles).map((r, i) => ({ ...(lines[i] as L), points: [...r.points].reverse() }));
}
