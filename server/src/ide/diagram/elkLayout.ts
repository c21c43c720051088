// Lays out a viewed diagram with an ELK engine given by the caller (layered, left to right, compound nodes,
// hierarchy handled as one graph) into absolute boxes and edge polylines. The engine is ELK in process for the
// CLI (diagramLayout.ts) and ELK in a Web Worker for the webview (client/webview/layoutWorker.ts): the same
// elkjs code, so the same positions. Deterministic: children sorted by (kind rank, id) and ELK asked to
// respect that order; given the previous layout, it keeps the picture (see layoutWith for the property).
// Internet gateways, egress-only gateways and gateway endpoints are ports of their VPC, so ELK itself puts
// them across the VPC's right border and routes the paths in from inside and out to the destinations.

import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk-api';
import type { DiagramEdge, DiagramNodeKind } from '../../protocol/diagram';
import { containerMinWidth, containerTopPadding, leafHeight, leafWidth } from './diagramMetrics';
import { joinLineEnds, joinLineStarts } from './diagramEdgeEnds';
import { containerSubtitle, isContainerKind, isVpcEdgeKind, layoutBudget, type ViewedDiagram, type ViewNode } from './diagramView';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PositionedNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Drawn as a container (it has children in this view). */
  readonly container: boolean;
  /** Drawn across its VPC's border (a gateway or gateway endpoint), not inside it. */
  readonly onBorder: boolean;
  readonly depth: number;
  readonly node: ViewNode;
}

/** One drawn line: an ENI link, or every path edge of any function between the same two boxes. */
export interface PositionedEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'eni-link' | 'path' | 'peering';
  /** Ends a blocked path (drawn apart from reachable hops between the same boxes). */
  readonly blocked: boolean;
  readonly points: readonly Point[];
  /** The diagram edges drawn by this line. */
  readonly members: readonly DiagramEdge[];
}

export interface DiagramLayout {
  readonly version: number;
  readonly width: number;
  readonly height: number;
  /** Parents before children (paint order). */
  readonly nodes: readonly PositionedNode[];
  readonly edges: readonly PositionedEdge[];
}

const kindRank: Record<DiagramNodeKind, number> = {
  cloud: 0,
  region: 1,
  'lambda-service-vpc': 2,
  function: 3,
  'capacity-provider': 4,
  vpc: 5,
  az: 6,
  subnet: 7,
  'hyperplane-eni': 8,
  'interface-endpoint': 9,
  target: 10,
  'nat-gateway': 11,
  'gateway-endpoint': 12,
  'egress-only-internet-gateway': 13,
  'internet-gateway': 14,
  'vpc-peering': 15,
  'aws-service': 16,
  internet: 17,
};

function subnetRank(n: ViewNode): number {
  // Private subnets (where the ENIs are) sit nearer the functions, public ones nearer the internet.
  return n.subnetClass === 'public' ? 1 : 0;
}

function compareNodes(a: ViewNode, b: ViewNode): number {
  return kindRank[a.kind] - kindRank[b.kind] || subnetRank(a) - subnetRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const rootOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.spacing.nodeNodeBetweenLayers': '46',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeNode': '12',
  'elk.spacing.edgeEdge': '6',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
  'elk.randomSeed': '1',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
};

/**
 * With a previous layout (the webview re-laying out after an update), ELK's interactive strategies keep the
 * picture: layers from the previous x positions, the order within each layer from the previous y positions,
 * back edges chosen by position. ELK reads these per graph, so every compound node carries them too (a
 * crossing-minimization strategy must also match the root's). Measured in layoutStability.test.ts.
 */
const stableOptions: Record<string, string> = {
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
};

/** What lays out ELK's graph: elkjs's own API, in process or in a worker. */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/** Merges the path edges between the same two boxes into one line (blocked ends apart). */
export function mergeEdges(edges: readonly DiagramEdge[]): { id: string; source: string; target: string; kind: PositionedEdge['kind']; blocked: boolean; members: DiagramEdge[] }[] {
  const lines = new Map<string, { id: string; source: string; target: string; kind: PositionedEdge['kind']; blocked: boolean; members: DiagramEdge[] }>();
  // ENI links first: a path's first hop (function → ENI) is drawn on the link itself.
  const ordered = [...edges].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'eni-link' ? -1 : 1));
  for (const e of ordered) {
    if (e.kind === 'route') continue;
    const blocked = e.kind === 'path' && e.status !== undefined && e.status !== 'yes';
    const key = `${e.source}\u0000${e.target}\u0000${blocked ? 'x' : 'o'}`;
    const line = lines.get(key);
    if (line) line.members.push(e);
    else lines.set(key, { id: `line:${lines.size}`, source: e.source, target: e.target, kind: e.kind, blocked, members: [e] });
  }
  return [...lines.values()].sort((a, b) => (a.source + a.target < b.source + b.target ? -1 : a.source + a.target > b.source + b.target ? 1 : Number(a.blocked) - Number(b.blocked)));
}

/**
 * Lays out `diagram`. Without `previous` (the CLI, a panel's first picture, a changed filter) the layout
 * depends on the diagram alone. With `previous`, the layout of the same view before an update, the previous
 * positions are ELK's hints (new nodes start below their siblings, in the layer of the last sibling of their
 * kind). The property this buys, asserted by layoutStability.test.ts on the examples after adding a subnet,
 * adding a function on shared subnets, and removing a route so a path is blocked, starting from a hinted
 * layout: every two sibling boxes present in both layouts keep their left-to-right and top-to-bottom order
 * (border gateways among themselves). For three of the four edits, also every container the edit did not
 * touch keeps its size and its contents their places within 1 px; in the fourth, one untouched VPC with two
 * border gateways re-settles by 12 px (ELK's interactive mode is not an exact fixed point). Not guaranteed:
 * an untouched box slides, keeping its order, when a touched sibling grows; and the first hinted layout after
 * an unhinted one may move boxes (one order change measured), which is why the panel's first picture is
 * settled by laying it out twice. Without hints the same edits made 8–15 order changes each.
 */
export async function layoutWith(engine: ElkEngine, diagram: ViewedDiagram, previous?: DiagramLayout): Promise<DiagramLayout> {
  const hint = previous === undefined ? undefined : new Map(previous.nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, ViewNode[]>();
  const ports = new Map<string, ViewNode[]>();
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  for (const n of diagram.nodes) {
    const parent = n.parent !== null && byId.has(n.parent) ? n.parent : null;
    const onBorder = parent !== null && isVpcEdgeKind(n.kind) && byId.get(parent)?.kind === 'vpc';
    const into = onBorder ? ports : children;
    const list = into.get(parent) ?? [];
    list.push(n);
    into.set(parent, list);
  }
  for (const list of children.values()) list.sort(compareNodes);
  for (const list of ports.values()) list.sort(compareNodes);
  // Leaves of one kind in one box share the widest one's width, so a column of functions or ENIs lines up
  // on both sides instead of each box starting where its own label length puts it.
  const sharedWidth = new Map<string, number>();
  for (const [parent, list] of children) {
    for (const n of list) {
      if (isContainerKind(n.kind) || children.has(n.id) || ports.has(n.id)) continue;
      const key = `${parent ?? ''}\u0000${n.kind}`;
      sharedWidth.set(key, Math.max(sharedWidth.get(key) ?? 0, leafWidth(n.label, n.detail)));
    }
  }
  const portIds = new Set<string>();
  const at = (n: ViewNode): { x?: number; y?: number } => {
    if (!hint) return {};
    const p = hint.get(n.id);
    const parent = n.parent === null ? undefined : hint.get(n.parent);
    if (p) return { x: p.x - (parent?.x ?? 0), y: p.y - (parent?.y ?? 0) };
    // A new node: in the layer of its last sibling of the same kind, below every sibling it has.
    const siblings = (n.parent === null ? [] : (children.get(n.parent) ?? [])).map((s) => hint.get(s.id)).filter((s): s is PositionedNode => s !== undefined);
    const same = siblings.filter((s) => s.node.kind === n.kind).sort((a, b) => a.y - b.y).at(-1) ?? siblings.at(-1);
    return { x: (same?.x ?? 0) - (parent?.x ?? 0), y: Math.max(0, ...siblings.map((s) => s.y + s.height + 1)) - (parent?.y ?? 0) };
  };
  const toElk = (n: ViewNode): ElkNode => {
    const kids = children.get(n.id) ?? [];
    const edgePorts = ports.get(n.id) ?? [];
    for (const p of edgePorts) portIds.add(p.id);
    if (kids.length > 0 || edgePorts.length > 0) {
      const top = containerTopPadding(containerSubtitle(n) !== undefined);
      return {
        id: n.id,
        ...at(n),
        layoutOptions: {
          'elk.padding': `[top=${top},left=12,bottom=12,right=12]`,
          // A VPC with nothing inside but gateways is sized by ELK to hold its ports apart.
          'elk.nodeSize.constraints': kids.length > 0 ? 'MINIMUM_SIZE' : 'MINIMUM_SIZE PORTS',
          'elk.nodeSize.minimum': `(${containerMinWidth(n.label, containerSubtitle(n))},${top + 20})`,
          ...(edgePorts.length > 0 ? borderPortOptions : {}),
          ...(hint ? stableOptions : {}),
        },
        children: kids.map(toElk),
        ports: edgePorts.map(borderPort),
      };
    }
    // An empty container (the Lambda service VPC of a workspace without functions) still shows its whole title.
    // A collapsed or empty container shows its whole title and subtitle ("10.0.0.0/16 · 15 hidden").
    const width = isContainerKind(n.kind) ? containerMinWidth(n.label, containerSubtitle(n)) : (sharedWidth.get(`${n.parent !== null && byId.has(n.parent) ? n.parent : ''}\u0000${n.kind}`) ?? leafWidth(n.label, n.detail));
    return { id: n.id, ...at(n), width, height: leafHeight };
  };
  const lines = mergeEdges(diagram.edges).filter((l) => byId.has(l.source) && byId.has(l.target));
  const rootChildren = (children.get(null) ?? []).map(toElk);
  const elkEdges = lines.map((l): ElkExtendedEdge => ({ id: l.id, sources: [l.source], targets: [l.target] }));
  // ELK reserves room inside a compound node only for ports that have a line: a gateway that no path uses
  // gets an undrawn line from the VPC's last child so that it, too, sits beside the contents, not on them.
  const connected = new Set(lines.flatMap((l) => [l.source, l.target]));
  for (const [vpc, list] of ports) {
    const last = children.get(vpc)?.at(-1);
    if (last === undefined) continue;
    for (const p of list) if (!connected.has(p.id)) elkEdges.push({ id: `spacer:${p.id}`, sources: [last.id], targets: [p.id] });
  }
  elkEdges.push(...gridSpacers(children, connected, byId));
  // Network-simplex placement gives the straightest lines but costs a large share of a big layout's time.
  const big = diagram.nodes.length + lines.length > layoutBudget;
  const graph: ElkNode = { id: '__root', layoutOptions: { ...rootOptions, ...(big ? { 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' } : {}), ...(hint ? stableOptions : {}) }, children: rootChildren, edges: elkEdges };
  const laid = await engine.layout(graph);
  const positioned: PositionedNode[] = [];
  const place = (n: ElkNode | ElkPort, depth: number, container: boolean, onBorder: boolean): void => {
    const node = byId.get(n.id);
    if (node) positioned.push({ id: n.id, x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0, container, onBorder, depth, node });
  };
  const walk = (n: ElkNode, depth: number): void => {
    const node = byId.get(n.id);
    place(n, depth, (n.children?.length ?? 0) > 0 || (node !== undefined && isContainerKind(node.kind)), false);
    for (const c of n.children ?? []) walk(c, depth + 1);
    for (const p of n.ports ?? []) place(p, depth + 1, false, true);
  };
  for (const c of laid.children ?? []) walk(c, 0);
  const boxes = new Map(positioned.filter((n) => portIds.has(n.id)).map((n) => [n.id, n]));
  const sections = new Map<string, Point[]>();
  for (const e of laid.edges ?? []) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    sections.set(e.id, points.map((p) => ({ x: p.x, y: p.y })));
  }
  const clipped = lines.map((l): PositionedEdge & { group: string } => ({ ...l, group: l.kind === 'eni-link' || l.kind === 'peering' ? l.kind : l.blocked ? 'blocked' : 'path', points: clipToBoxes(sections.get(l.id) ?? [], boxes.get(l.source), boxes.get(l.target)) }));
  const all = new Map(positioned.map((n) => [n.id, n]));
  const leaves = positioned.filter((n) => !n.container);
  const edges = joinLineEnds(joinLineStarts(clipped, all, leaves), all, leaves).map(({ group: _group, ...e }): PositionedEdge => e);
  return { version: diagram.version, width: laid.width ?? 0, height: laid.height ?? 0, nodes: positioned, edges };
}

/** Fewer unconnected boxes than this stay in ELK's column. */
const gridFrom = 4;

/**
 * ELK puts boxes that no line touches (interface endpoints nothing uses, empty subnets) in one layer, a column
 * that made a VPC many times taller than its contents. Undrawn chains through each box's unconnected children
 * (in their sorted order) lay them out in rows of about √(n/2) instead, which keeps the picture wider than
 * tall like the screen it is shown on.
 */
function gridSpacers(children: ReadonlyMap<string | null, readonly ViewNode[]>, connected: ReadonlySet<string>, byId: ReadonlyMap<string, ViewNode>): ElkExtendedEdge[] {
  const busy = new Set<string>();
  for (const id of connected) {
    for (let n = byId.get(id); n && !busy.has(n.id); n = n.parent === null ? undefined : byId.get(n.parent)) busy.add(n.id);
  }
  const out: ElkExtendedEdge[] = [];
  for (const [parent, list] of children) {
    if (parent === null) continue;
    const idle = list.filter((n) => !busy.has(n.id));
    if (idle.length < gridFrom) continue;
    const columns = Math.ceil(Math.sqrt(idle.length / 2));
    for (let i = 0; i + 1 < idle.length; i++) {
      const a = idle[i];
      const b = idle[i + 1];
      if (a && b && (i + 1) % columns !== 0) out.push({ id: `grid:${a.id}`, sources: [a.id], targets: [b.id] });
    }
  }
  return out;
}

/** A border node is a port of its VPC: on the right side (the side the paths leave by), centred on the border. */
const borderPortOptions: Record<string, string> = { 'elk.portConstraints': 'FIXED_SIDE', 'elk.spacing.portPort': '18' };

function borderPort(n: ViewNode): ElkPort {
  const width = leafWidth(n.label, n.detail);
  return { id: n.id, width, height: leafHeight, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.borderOffset': String(-width / 2) } };
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const within = (p: Point, b: Box): boolean => p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5;

/**
 * ELK ends a line at a port's anchor, which for a port this wide lies inside (or on the far side of) the box:
 * the line is cut where it first enters the target box and starts where it last leaves the source box, so
 * the arrowhead touches the border. Orthogonal routing: every segment is horizontal or vertical.
 */
export function clipToBoxes(points: readonly Point[], source: Box | undefined, target: Box | undefined): Point[] {
  let out = [...points];
  if (target && out.length >= 2) {
    const i = out.findIndex((p) => within(p, target));
    if (i > 0) {
      const prev = out[i - 1];
      const cur = out[i];
      if (prev && cur) out = [...out.slice(0, i), entryPoint(prev, cur, target)];
    }
  }
  if (source && out.length >= 2) {
    let i = -1;
    for (let k = out.length - 1; k >= 0; k--) {
      const p = out[k];
      if (p && within(p, source)) {
        i = k;
        break;
      }
    }
    if (i >= 0 && i < out.length - 1) {
      const cur = out[i];
      const next = out[i + 1];
      if (cur && next) out = [entryPoint(next, cur, source), ...out.slice(i + 1)];
    }
  }
  return out;
}

/** Where the segment from `outside` to `inside` crosses the border of `box`. */
function entryPoint(outside: Point, inside: Point, box: Box): Point {
  if (outside.y === inside.y) {
    const x = outside.x < box.x ? box.x : outside.x > box.x + box.width ? box.x + box.width : inside.x;
    return { x, y: inside.y };
  }
  if (outside.x === inside.x) {
    const y = outside.y < box.y ? box.y : outside.y > box.y + box.height ? box.y + box.height : inside.y;
    return { x: inside.x, y };
  }
  return inside;
}
