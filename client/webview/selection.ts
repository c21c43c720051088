// What selecting a function shows: its lines and boxes highlighted with each hop's status, and its
// destinations with the reachability per Availability Zone (partial reachability made concrete).

import type { DiagramLayout } from '../../server/src/ide/diagram/diagramLayout';
import { blockedWhere } from '../../server/src/ide/diagram/blockNote';
import type { DiagramModel, PathStatus } from '../../server/src/protocol/diagram';

export interface AzReach {
  readonly az: string;
  readonly status: PathStatus;
  /** Why it is blocked there and the fix. */
  readonly note?: string;
}

/** AZs whose paths are blocked at the same place for the same reason: said once for all of them. */
export interface BlockedGroup {
  readonly azs: readonly string[];
  readonly where: string;
}

export interface DestinationRow {
  readonly destination: string;
  /** What the analysis calls it ("the internet (IPv4)", "Amazon S3"); the key when the data has no label. */
  readonly label: string;
  readonly status: PathStatus;
  readonly perAz: readonly AzReach[];
  /** Whether the function needs it; undefined for diagram data that does not say. */
  readonly needed: boolean | undefined;
  readonly neededBecause: readonly string[];
  /** Where the paths are blocked, AZs with the same reason together (AZ order). */
  readonly blocked: readonly BlockedGroup[];
  /** The AZs the fixes are for: those not reachable everywhere. */
  readonly fixFor: readonly string[];
  /** Alternatives, each alone a fix (the analysis's aggregate list; the first fix of a note for older data). */
  readonly fixes: readonly string[];
}

const worse = (a: PathStatus, b: PathStatus): PathStatus => {
  const rank: Record<PathStatus, number> = { yes: 0, unknown: 1, partial: 2, no: 3 };
  return rank[a] >= rank[b] ? a : b;
};

/**
 * Per destination of `fn`: its overall status, one entry per AZ its ENIs are in, where it is blocked (each
 * reason once) and the fixes. Destinations the function needs come first, in the analysis's order.
 */
export function destinationRows(model: DiagramModel, fn: string): DestinationRow[] {
  const summary = model.functions.find((f) => f.id === fn);
  if (!summary) return [];
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const azOf = (subnet: string): string => {
    const parent = byId.get(subnet)?.parent;
    const az = parent ? byId.get(parent) : undefined;
    return az?.kind === 'az' ? az.label : (byId.get(subnet)?.label ?? subnet);
  };
  // destination → subnet → status of that subnet's path (its worst hop) and note.
  const paths = new Map<string, Map<string, { status: PathStatus; note?: string }>>();
  for (const e of model.edges) {
    if (e.kind !== 'path' || e.functionId !== fn || e.destination === undefined || e.subnet === undefined) continue;
    const bySubnet = paths.get(e.destination) ?? new Map<string, { status: PathStatus; note?: string }>();
    const current = bySubnet.get(e.subnet) ?? { status: 'yes' as PathStatus };
    bySubnet.set(e.subnet, { status: worse(current.status, e.status ?? 'unknown'), ...(e.note ?? current.note ? { note: e.note ?? current.note } : {}) });
    paths.set(e.destination, bySubnet);
  }
  // The analysis's order (the internet (IPv4, IPv6), S3, DynamoDB, then targets), needed ones first.
  const rows = Object.entries(summary.reach)
    .map(([destination, status]): DestinationRow => {
      const perAzMap = new Map<string, { statuses: Set<PathStatus>; note?: string }>();
      for (const [subnet, p] of paths.get(destination) ?? []) {
        const az = azOf(subnet);
        const entry = perAzMap.get(az) ?? { statuses: new Set<PathStatus>() };
        entry.statuses.add(p.status);
        if (p.note !== undefined && entry.note === undefined) entry.note = p.note;
        perAzMap.set(az, entry);
      }
      const perAz = [...perAzMap.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([az, { statuses, note }]): AzReach => {
          const status: PathStatus = statuses.size === 1 ? ([...statuses][0] ?? 'unknown') : statuses.has('yes') ? 'partial' : statuses.has('no') ? 'no' : 'unknown';
          return { az, status, ...(note !== undefined && status !== 'yes' ? { note } : {}) };
        });
      const label = destinationLabel(model, fn, destination);
      const blocked: { azs: string[]; where: string }[] = [];
      for (const a of perAz) {
        if (a.note === undefined) continue;
        const where = blockedWhere(a.note, label);
        const group = blocked.find((g) => g.where === where);
        if (group) group.azs.push(a.az);
        else blocked.push({ azs: [a.az], where });
      }
      const info: unknown = summary.destinations?.[destination];
      const known = isDestinationInfo(info) ? info : undefined;
      const firstFix = perAz.map((a) => a.note?.split('\nFix: ')[1]).find((f): f is string => f !== undefined);
      return {
        destination,
        label,
        status,
        perAz,
        needed: known?.needed,
        neededBecause: known?.neededBecause ?? [],
        blocked,
        fixFor: perAz.filter((a) => a.status !== 'yes').map((a) => a.az),
        fixes: status === 'yes' ? [] : (known?.fixes ?? (firstFix === undefined ? [] : [firstFix])),
      };
    });
  return [...rows.filter((r) => r.needed === true), ...rows.filter((r) => r.needed !== true)];
}

/** The host's message check (isDiagramModel) does not look into the optional destination data: check it here. */
function isDestinationInfo(v: unknown): v is { needed: boolean; neededBecause: readonly string[]; fixes: readonly string[] } {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');
  return typeof r.needed === 'boolean' && strings(r.neededBecause) && strings(r.fixes);
}

/** The analysis's label of `fn`'s destination `key`, else the key (diagram data without labels). */
export function destinationLabel(model: DiagramModel, fn: string, key: string): string {
  // The host's message check (isDiagramModel) does not look into the optional labels: take strings only.
  const label: unknown = model.functions.find((f) => f.id === fn)?.reachLabels?.[key];
  return typeof label === 'string' && label !== '' ? label : key;
}

/** Line id → the status it has on `fn`'s paths (absent: not on them). */
export function linesOf(layout: DiagramLayout, fn: string): Map<string, PathStatus> {
  const out = new Map<string, PathStatus>();
  for (const line of layout.edges) {
    let status: PathStatus | undefined;
    for (const m of line.members) {
      if (m.kind === 'eni-link' && m.source === fn) status = status ?? 'yes';
      if (m.kind === 'path' && m.functionId === fn) status = status === undefined ? (m.status ?? 'unknown') : worse(status, m.status ?? 'unknown');
    }
    if (status !== undefined) out.set(line.id, status);
  }
  return out;
}

/** Sets the highlight classes on the rendered diagram for `fn` (null: no selection). */
export function applyHighlight(scene: SVGSVGElement, layout: DiagramLayout, fn: string | null): void {
  scene.classList.toggle('has-selection', fn !== null);
  for (const el of Array.from(scene.querySelectorAll('.on-path, .selected, .status-yes, .status-no, .status-unknown, .status-partial'))) {
    el.classList.remove('on-path', 'selected', 'status-yes', 'status-no', 'status-unknown', 'status-partial');
  }
  if (fn === null) return;
  const lines = linesOf(layout, fn);
  const onPath = new Set<string>([fn]);
  for (const line of layout.edges) {
    const status = lines.get(line.id);
    if (status === undefined) continue;
    onPath.add(line.source);
    onPath.add(line.target);
    for (const el of Array.from(scene.querySelectorAll(`[data-line="${CSS.escape(line.id)}"]`))) el.classList.add('on-path', `status-${status}`);
  }
  for (const id of onPath) {
    const el = scene.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (el) el.classList.add('on-path');
    if (id === fn && el) el.classList.add('selected');
  }
}
