// Records one path as Reachability Analyzer lists path components: each hop passes, blocks (with an
// explanation code and the fixes for that hop) or is unknown. Several blocking hops are all kept (a blocked
// path, P2 of R5), and their fixes are combined so each offered fix alone makes the path work.

import { listWords } from './listWords';
import type { Id } from '../model/types';
import type { Change, Fix, Hop, SubnetReach, Via } from './types';
import { override } from '../model/override';

type HopKind = Hop['componentKind'];

export interface Block {
  readonly component: Id | null;
  readonly code: string;
  readonly explanation: string;
  /** Alternatives for this hop alone. */
  readonly fixes: readonly Fix[];
  /** Which check blocked, when a rule needs to tell (an interface endpoint's SG: 'endpoint-sg'). */
  readonly tag?: string;
}

/** The outcome for one subnet, with what the aggregation and the findings need. */
export interface Evaluation extends SubnetReach {
  readonly code: string | null;
  readonly explanation: string;
  readonly fixes: readonly Fix[];
  readonly blocks: readonly Block[];
  /** NACLs that allow replies only on 32768–65535 (P6 warning). */
  readonly narrowAcls: readonly Id[];
}

/** Text given as a string or computed on first read (hop labels and details are read only when shown). */
export type Text = string | (() => string);

/**
 * A hop whose label and detail are formatted on first read: most hops of a large workspace are never shown,
 * and formatting them eagerly made string garbage the dominant cost of the analysis.
 */
class LazyHop implements Hop {
  private labelText: Text;
  private detailText: Text;

  constructor(
    readonly component: Id | null,
    readonly componentKind: HopKind,
    label: Text,
    readonly verdict: Hop['verdict'],
    detail: Text,
    readonly rule: string | undefined,
  ) {
    this.labelText = label;
    this.detailText = detail;
  }

  get label(): string {
    if (typeof this.labelText !== 'string') this.labelText = this.labelText();
    return this.labelText;
  }

  get detail(): string {
    if (typeof this.detailText !== 'string') this.detailText = this.detailText();
    return this.detailText;
  }

  /** Plain data for JSON.stringify and structured clones (getters are not own properties). */
  toJSON(): Hop {
    return this.rule === undefined
      ? { component: this.component, componentKind: this.componentKind, label: this.label, verdict: this.verdict, detail: this.detail }
      : { component: this.component, componentKind: this.componentKind, label: this.label, verdict: this.verdict, detail: this.detail, rule: this.rule };
  }
}

function text(t: Text): string {
  return typeof t === 'string' ? t : t();
}

/** Code for results that depend on values the workspace does not define. */
export const UNKNOWN_CODE = 'LAMBDA_UNKNOWN_INPUT';
const MAX_FIXES = 6;

export class Trace {
  readonly hops: Hop[] = [];
  readonly blocks: Block[] = [];
  readonly narrowAcls: Id[] = [];
  /** The first open hop; `code` and `fixes` when a rule explains it (an endpoint policy refusing some granted actions). */
  private open: { component: Id | null; reason: string; code?: string; fixes?: readonly Fix[] } | null = null;
  via: Via | null = null;

  constructor(readonly subnet: Id) {}

  get blocked(): boolean {
    return this.blocks.length > 0;
  }

  pass(component: Id | null, componentKind: HopKind, label: Text, detail: Text, rule?: string): void {
    this.hops.push(new LazyHop(component, componentKind, label, 'pass', detail, rule));
  }

  /** `rule` is undefined where aws-networking.md has no rule for the hop (VPC Lattice). */
  block(component: Id | null, componentKind: HopKind, label: Text, detail: Text, rule: string | undefined, code: string, fixes: readonly Fix[], tag?: string): void {
    const hop = new LazyHop(component, componentKind, text(label), 'block', text(detail), rule);
    this.hops.push(hop);
    const explanation = `${hop.label}: ${hop.detail}`;
    this.blocks.push(tag === undefined ? { component, code, explanation, fixes } : { component, code, explanation, fixes, tag });
  }

  unknown(component: Id | null, componentKind: HopKind, label: Text, detail: Text, rule?: string, code?: string, fixes?: readonly Fix[]): void {
    const hop = new LazyHop(component, componentKind, text(label), 'unknown', text(detail), rule);
    this.hops.push(hop);
    this.open ??= code === undefined ? { component, reason: `${hop.label}: ${hop.detail}` } : { component, reason: `${hop.label}: ${hop.detail}`, code, fixes: fixes ?? [] };
  }

  /** Appends a recorded part (memoised sub-paths shared between functions). */
  append(part: Evaluation): void {
    for (const hop of part.path) this.hops.push(hop);
    for (const block of part.blocks) this.blocks.push(block);
    for (const acl of part.narrowAcls) this.narrowAcls.push(acl);
    if (part.status === 'unknown') {
      this.open ??= part.code === null || part.code === UNKNOWN_CODE
        ? { component: part.blockedAt, reason: part.reason ?? 'unknown' }
        : { component: part.blockedAt, reason: part.reason ?? 'unknown', code: part.code, fixes: part.fixes };
    }
    if (part.via !== null) this.via = part.via;
  }

  finish(): Evaluation {
    const first = this.blocks[0];
    if (first) {
      return {
        subnet: this.subnet, status: 'no', via: this.via, path: this.hops, blockedAt: first.component, reason: first.explanation,
        code: first.code, explanation: this.blocks.map((b) => b.explanation).join('; '), fixes: combineFixes(this.blocks.map((b) => b.fixes)),
        blocks: this.blocks, narrowAcls: this.narrowAcls,
      };
    }
    if (this.open) {
      return {
        subnet: this.subnet, status: 'unknown', via: this.via, path: this.hops, blockedAt: this.open.component, reason: this.open.reason,
        code: this.open.code ?? UNKNOWN_CODE, explanation: this.open.reason, fixes: this.open.fixes ?? [], blocks: [], narrowAcls: this.narrowAcls,
      };
    }
    return {
      subnet: this.subnet, status: 'yes', via: this.via, path: this.hops, blockedAt: null, reason: null,
      code: null, explanation: 'reachable', fixes: [], blocks: [], narrowAcls: this.narrowAcls,
    };
  }
}

function changeKey(c: Change): string {
  return JSON.stringify(c);
}

/** The items of both lists, each once. */
function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

/**
 * `change` folded into `prev` when both create one thing per VPC and service (a gateway endpoint, a route table
 * with its endpoint, an interface endpoint) that several subnets' fixes each add to; else undefined.
 */
function foldInto(prev: Change, change: Change): Change | undefined {
  if (prev.kind === 'add-gateway-endpoint' && change.kind === prev.kind && change.vpc === prev.vpc && change.service === prev.service) {
    return override(prev, { routeTables: union(prev.routeTables, change.routeTables) });
  }
  if (prev.kind === 'add-route-table-with-endpoint' && change.kind === prev.kind && change.vpc === prev.vpc && change.service === prev.service) {
    return override(prev, { subnets: union(prev.subnets, change.subnets) });
  }
  if (prev.kind === 'add-interface-endpoint' && change.kind === prev.kind && change.vpc === prev.vpc && change.service === prev.service) {
    return override(prev, { subnets: union(prev.subnets, change.subnets) });
  }
  return undefined;
}

/** Merges change lists: equal changes once, and one endpoint (or new route table) per VPC and service (foldInto). */
export function mergeChanges(lists: readonly (readonly Change[])[]): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const change of list) {
      let folded = false;
      for (const [i, prev] of out.entries()) {
        const merged = foldInto(prev, change);
        if (merged === undefined) continue;
        out[i] = merged;
        folded = true;
        break;
      }
      if (folded) continue;
      const key = changeKey(change);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(change);
    }
  }
  return out;
}

/** Joins the parts of fixes' descriptions, each part once: fixes joined before (per subnet) share parts. */
const PART_SEPARATOR = ', and ';

/** "add an interface endpoint for sqs with private DNS in " + subnet: one endpoint serves every subnet named (E8). */
const ENDPOINT_PART = /^(add an interface endpoint for \S+ with private DNS in )(.+)$/;

function joinFixes(fixes: readonly Fix[]): Fix {
  const parts: string[] = [];
  const endpointSubnets = new Map<string, string[]>();
  for (const f of fixes) {
    for (const part of f.description.split(PART_SEPARATOR)) {
      const endpoint = ENDPOINT_PART.exec(part);
      const head = endpoint?.[1];
      const subnet = endpoint?.[2];
      if (head === undefined || subnet === undefined) {
        if (!parts.includes(part)) parts.push(part);
        continue;
      }
      const subnets = endpointSubnets.get(head);
      if (subnets === undefined) {
        endpointSubnets.set(head, [subnet]);
        parts.push(head);
      } else if (!subnets.includes(subnet)) subnets.push(subnet);
    }
  }
  const description = parts.map((p) => {
    const subnets = endpointSubnets.get(p);
    return subnets === undefined ? p : p + listWords(subnets);
  }).join(PART_SEPARATOR);
  return { description, changes: mergeChanges(fixes.map((f) => f.changes)) };
}

/** Every hop must be fixed: the cartesian product of the per-hop alternatives (capped), each joined into one fix. */
export function combineFixes(perBlock: readonly (readonly Fix[])[]): Fix[] {
  let combos: Fix[][] = [[]];
  for (const alternatives of perBlock) {
    if (alternatives.length === 0) continue;
    const next: Fix[][] = [];
    for (const combo of combos) for (const alt of alternatives) if (next.length < MAX_FIXES) next.push([...combo, alt]);
    combos = next;
  }
  return combos.filter((c) => c.length > 0).map(joinFixes);
}

/** Fixes that work for several subnets at once: the i-th alternative of every subnet, joined. */
export function zipFixes(perSubnet: readonly (readonly Fix[])[]): Fix[] {
  const lists = perSubnet.filter((l) => l.length > 0);
  if (lists.length === 0) return [];
  const n = Math.max(...lists.map((l) => l.length));
  const out: Fix[] = [];
  // Lists are non-empty, so the clamped index always finds a fix; the filter only narrows the type.
  for (let i = 0; i < n; i++) out.push(joinFixes(lists.map((l) => l[Math.min(i, l.length - 1)]).filter((f): f is Fix => f !== undefined)));
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.description) ? false : (seen.add(f.description), true)));
}
