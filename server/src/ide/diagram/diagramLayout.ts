// Lays out a viewed diagram with elkjs (layered, left to right, compound nodes, hierarchy handled as one
// graph) into absolute boxes and edge polylines. Runs in the webview and in the CLI (elk.bundled.js needs no
// worker file). Deterministic: children sorted by (kind rank, id) and ELK asked to respect that order.

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DiagramEdge, DiagramNodeKind } from '../../protocol/diagram';
import { containerTopPadding, leafHeight, leafWidth } from './diagramMetrics';
import { isContainerKind, type ViewedDiagram, type ViewNode } from './diagramView';

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
  readonly depth: number;
  readonly node: ViewNode;
}

/** One drawn line: an ENI link, or every path edge of any function between the same two boxes. */
export interface PositionedEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'eni-link' | 'path';
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
  'aws-service': 15,
  internet: 16,
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

let elk: InstanceType<typeof ELK> | undefined;

/** Merges the path edges between the same two boxes into one line (blocked ends apart). */
export function mergeEdges(edges: readonly DiagramEdge[]): { id: string; source: string; target: string; kind: 'eni-link' | 'path'; blocked: boolean; members: DiagramEdge[] }[] {
  const lines = new Map<string, { id: string; source: string; target: string; kind: 'eni-link' | 'path'; blocked: boolean; members: DiagramEdge[] }>();
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

export async function layoutDiagram(diagram: ViewedDiagram): Promise<DiagramLayout> {
  const children = new Map<string | null, ViewNode[]>();
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  for (const n of diagram.nodes) {
    const parent = n.parent !== null && byId.has(n.parent) ? n.parent : null;
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(compareNodes);
  const toElk = (n: ViewNode): ElkNode => {
    const kids = children.get(n.id);
    if (kids && kids.length > 0) {
      const top = containerTopPadding(n.detail !== undefined || n.kind === 'subnet');
      return {
        id: n.id,
        layoutOptions: { 'elk.padding': `[top=${top},left=12,bottom=12,right=12]`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${leafWidth(n.label, n.detail)},${top + 20})` },
        children: kids.map(toElk),
      };
    }
    return { id: n.id, width: leafWidth(n.label, n.detail), height: leafHeight };
  };
  const lines = mergeEdges(diagram.edges).filter((l) => byId.has(l.source) && byId.has(l.target));
  const graph: ElkNode = {
    id: '__root',
    layoutOptions: rootOptions,
    children: (children.get(null) ?? []).map(toElk),
    edges: lines.map((l): ElkExtendedEdge => ({ id: l.id, sources: [l.source], targets: [l.target] })),
  };
  elk ??= new ELK();
  const laid = await elk.layout(graph);
  const positioned: PositionedNode[] = [];
  const walk = (n: ElkNode, depth: number): void => {
    const node = byId.get(n.id);
    if (node) {
      positioned.push({ id: n.id, x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0, container: (n.children?.length ?? 0) > 0 || isContainerKind(node.kind), depth, node });
    }
    for (const c of n.children ?? []) walk(c, depth + 1);
  };
  for (const c of laid.children ?? []) walk(c, 0);
  const sections = new Map<string, Point[]>();
  for (const e of (laid.edges ?? [])) {
    const points: Point[] = [];
    for (const s of e.sections ?? []) points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    sections.set(e.id, points.map((p) => ({ x: p.x, y: p.y })));
  }
  const edges = lines.map((l): PositionedEdge => ({ ...l, points: sections.get(l.id) ?? [] }));
  return { version: diagram.version, width: laid.width ?? 0, height: laid.height ?? 0, nodes: positioned, edges };
}
