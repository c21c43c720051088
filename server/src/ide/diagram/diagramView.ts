// What part of a diagram is drawn: filters (one VPC, one function) and collapsed containers (AZs, subnets,
// VPCs drawn as a single box). Pure: DiagramModel + view → the smaller DiagramModel the layout sees.

import type { DiagramEdge, DiagramModel, DiagramNode, DiagramNodeKind } from '../../protocol/diagram';

export interface DiagramView {
  /** Show only this customer VPC (and the functions attached to it). */
  readonly vpc?: string | null;
  /** Show only this function, its ENIs, paths and destinations. */
  readonly function?: string | null;
  /** Containers drawn as one box; their contents are hidden and edges end at the box. */
  readonly collapsed?: readonly string[];
}

/** A node of the viewed diagram: `hidden` counts the nodes folded into a collapsed container. */
export interface ViewNode extends DiagramNode {
  readonly hidden?: number;
}

export interface ViewedDiagram {
  readonly version: number;
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly DiagramEdge[];
}

const containerKinds: ReadonlySet<DiagramNodeKind> = new Set<DiagramNodeKind>(['cloud', 'region', 'lambda-service-vpc', 'vpc', 'az', 'subnet']);

export function isContainerKind(kind: DiagramNodeKind): boolean {
  return containerKinds.has(kind);
}

/** A container's second line: its detail (a subnet's also its class) and how many boxes it folds. */
export function containerSubtitle(n: ViewNode): string | undefined {
  const hidden = n.hidden === undefined ? '' : `${n.hidden} hidden`;
  const detail = n.kind === 'subnet' ? [n.detail, n.subnetClass].filter((s) => s !== undefined && s !== '').join(' · ') : n.detail;
  return [detail, hidden].filter((s) => s !== undefined && s !== '').join(' · ') || undefined;
}

/** Kinds drawn across their VPC's border: they connect the VPC to what is outside it (internet, S3, DynamoDB, a peered VPC). */
export function isVpcEdgeKind(kind: DiagramNodeKind): boolean {
  return kind === 'internet-gateway' || kind === 'egress-only-internet-gateway' || kind === 'gateway-endpoint' || kind === 'vpc-peering';
}

/** Kinds a user may collapse (the Lambda service VPC folds every function into one box). */
export function isCollapsibleKind(kind: DiagramNodeKind): boolean {
  return kind === 'vpc' || kind === 'az' || kind === 'subnet' || kind === 'lambda-service-vpc';
}

/**
 * What a view may cost to lay out: boxes plus drawn lines. ELK's layered layout grows faster than linearly;
 * about 350 stays under a second (measured: 89 boxes and 102 lines take 0.4–0.8 s on a busy 2-core machine).
 */
export const layoutBudget = 350;

/**
 * Beyond this cost the panel asks before laying out: ELK takes seconds (224 boxes and 521 lines took 5.8 s,
 * in a worker since, so the panel stays responsive), so a picture that big is drawn only when the user says so.
 */
export const askBeyondCost = Math.round(layoutBudget * 1.25);

/** Boxes plus lines (path edges between the same two boxes drawn as one) of a viewed diagram. */
export function viewCost(diagram: ViewedDiagram): number {
  const lines = new Set<string>();
  for (const e of diagram.edges) if (e.kind !== 'route') lines.add(`${e.source}\u0000${e.target}\u0000${e.kind === 'path' && e.status !== undefined && e.status !== 'yes' ? 'x' : 'o'}`);
  return diagram.nodes.length + lines.size;
}

/**
 * Functions one column of the picture may list before the overview folds them: ELK stacks a layer's boxes, so
 * 65 functions made a picture 5,000 px tall whose fitted view showed no readable name (1,000-resource bench).
 */
export const overviewFunctions = 40;

/**
 * The containers to collapse by default, for the filtered view: nothing while the picture is cheap to lay
 * out, else every AZ, else every VPC, else also the Lambda service VPC (an overview: filter by VPC or function,
 * or double-click a box, to open it). The first level within the budget wins; unfiltered, it must also list at
 * most overviewFunctions functions, else the same levels are tried with the Lambda service VPC folded.
 */
export function defaultCollapsed(model: DiagramModel, filter: Pick<DiagramView, 'vpc' | 'function'> = {}): string[] {
  const ids = (kinds: readonly DiagramNodeKind[]): string[] => model.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id);
  const lambda = ids(['lambda-service-vpc']);
  const levels: string[][] = [[], ids(['az']), ids(['vpc'])];
  // A filtered view is the part the user asked to see: its functions stay listed.
  const filtered = Boolean(filter.vpc) || Boolean(filter.function);
  const folded = levels.map((l) => [...l, ...lambda]);
  for (const [i, collapsed] of [...levels, ...folded].entries()) {
    const viewed = applyView(model, { ...filter, collapsed });
    if (viewCost(viewed) > layoutBudget) continue;
    if (filtered || i >= levels.length || viewed.nodes.filter((n) => n.kind === 'function').length <= overviewFunctions) return collapsed;
  }
  return folded[folded.length - 1] ?? [];
}

export function applyView(model: DiagramModel, view: DiagramView): ViewedDiagram {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  let keep: Set<string> | undefined;
  if (view.function && byId.has(view.function)) keep = focusOnFunction(model, view.function);
  if (view.vpc && byId.get(view.vpc)?.kind === 'vpc') keep = intersect(keep, focusOnVpc(model, byId, view.vpc));
  const kept = keep === undefined ? model.nodes : closeUnderAncestors(keep, byId);
  const keptIds = new Set(kept.map((n) => n.id));
  const edges = model.edges.filter((e) => keptIds.has(e.source) && keptIds.has(e.target));
  return collapse({ version: model.version, nodes: kept, edges }, new Set(view.collapsed ?? []), byId);
}

function intersect(a: Set<string> | undefined, b: Set<string>): Set<string> {
  if (a === undefined) return b;
  return new Set([...a].filter((id) => b.has(id)));
}

/** The function and every node one of its edges touches. */
function focusOnFunction(model: DiagramModel, fn: string): Set<string> {
  const keep = new Set<string>([fn]);
  for (const e of model.edges) {
    if (e.source === fn || e.functionId === fn) {
      keep.add(e.source);
      keep.add(e.target);
    }
  }
  return keep;
}

/** The VPC's subtree, the functions linked into it, and what their paths reach outside it. */
function focusOnVpc(model: DiagramModel, byId: ReadonlyMap<string, DiagramNode>, vpc: string): Set<string> {
  const inside = (id: string): boolean => {
    for (let n = byId.get(id); n; n = n.parent === null ? undefined : byId.get(n.parent)) if (n.id === vpc) return true;
    return false;
  };
  const keep = new Set(model.nodes.filter((n) => inside(n.id)).map((n) => n.id));
  const functions = new Set(model.edges.filter((e) => e.kind === 'eni-link' && keep.has(e.target)).map((e) => e.source));
  for (const f of functions) keep.add(f);
  for (const e of model.edges) {
    if (e.functionId === undefined || !functions.has(e.functionId)) continue;
    // Paths through this VPC only: a path leaving from another VPC's ENI is not drawn.
    if (e.subnet !== undefined && !inside(e.subnet)) continue;
    keep.add(e.source);
    keep.add(e.target);
  }
  return keep;
}

function closeUnderAncestors(keep: ReadonlySet<string>, byId: ReadonlyMap<string, DiagramNode>): DiagramNode[] {
  const all = new Set<string>();
  for (const id of keep) {
    for (let n = byId.get(id); n && !all.has(n.id); n = n.parent === null ? undefined : byId.get(n.parent)) all.add(n.id);
  }
  // The frame (cloud, region, Lambda service VPC, internet) stays so the picture keeps its shape.
  for (const n of byId.values()) if (n.kind === 'cloud' || n.kind === 'region' || n.kind === 'lambda-service-vpc' || n.kind === 'internet') all.add(n.id);
  return [...byId.values()].filter((n) => all.has(n.id));
}

function collapse(diagram: ViewedDiagram, collapsed: ReadonlySet<string>, byId: ReadonlyMap<string, DiagramNode>): ViewedDiagram {
  if (collapsed.size === 0) return diagram;
  // The outermost collapsed ancestor of each node (itself excluded), if any.
  const present = new Set(diagram.nodes.map((n) => n.id));
  const foldedInto = new Map<string, string>();
  for (const n of diagram.nodes) {
    let outer: string | undefined;
    for (let p = n.parent === null ? undefined : byId.get(n.parent); p; p = p.parent === null ? undefined : byId.get(p.parent)) {
      if (collapsed.has(p.id) && present.has(p.id) && isCollapsibleKind(p.kind)) outer = p.id;
    }
    if (outer !== undefined) foldedInto.set(n.id, outer);
  }
  const hidden = new Map<string, number>();
  for (const outer of foldedInto.values()) hidden.set(outer, (hidden.get(outer) ?? 0) + 1);
  const nodes: ViewNode[] = diagram.nodes.filter((n) => !foldedInto.has(n.id)).map((n) => (hidden.has(n.id) ? { ...n, hidden: hidden.get(n.id) } : n));
  const edges: DiagramEdge[] = [];
  for (const e of diagram.edges) {
    const source = foldedInto.get(e.source) ?? e.source;
    const target = foldedInto.get(e.target) ?? e.target;
    if (source === target) continue;
    edges.push(source === e.source && target === e.target ? e : { ...e, source, target });
  }
  return { version: diagram.version, nodes, edges };
}
