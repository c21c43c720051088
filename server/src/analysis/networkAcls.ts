// Network ACL evaluation (P5, P6): entries of one direction in rule-number order, first match wins, the final
// '*' rule denies. A request is a TCP port range (one port forward, the ephemeral range for replies); every
// port must be allowed. Replies allowed only on 32768–65535 are flagged as narrow instead of blocked. A
// request for one port that is not known (a target without a known port) passes only if every port would,
// blocks only if none would, and is otherwise unknown.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, NetworkAclEntry } from '../model/types';
import type { NetworkModel } from '../model/network';
import { addrFamily, addrText, blocksCover, coverage, type Addr } from './addressing';
import { parseCidr, type Cidr } from '../model/cidr';
import { displayName } from './naming';
import { isAllProtocols, isTcp } from './protocols';
import type { Text } from './trace';

export const EPHEMERAL_FROM = 1024;
export const EPHEMERAL_TO = 65535;
/** Linux's ephemeral range start: NACLs written for EC2 often allow replies only from here (P6). */
export const LINUX_EPHEMERAL_FROM = 32768;

export interface AclVerdict {
  readonly verdict: 'pass' | 'block' | 'unknown';
  /** Formatted on demand for passes (most are never shown). */
  readonly detail: Text;
  /** The entry that decided (first deny, or null when the implicit '*' rule denied). */
  readonly entry: Id | null;
  /** Only 32768–65535 of the ephemeral range is allowed (P6 warning); verdict is then 'pass'. */
  readonly narrow: boolean;
}

type Interval = [number, number];

function subtract(ranges: Interval[], from: number, to: number): { rest: Interval[]; hit: Interval[] } {
  const rest: Interval[] = [];
  const hit: Interval[] = [];
  for (const [a, b] of ranges) {
    if (b < from || a > to) { rest.push([a, b]); continue; }
    if (a < from) rest.push([a, from - 1]);
    if (b > to) rest.push([to + 1, b]);
    hit.push([Math.max(a, from), Math.min(b, to)]);
  }
  return { rest, hit };
}

/** The parts of `ranges` outside every interval of `cut`. */
function subtractAll(ranges: Interval[], cut: readonly Interval[]): Interval[] {
  let rest = ranges;
  for (const [a, b] of cut) rest = subtract(rest, a, b).rest;
  return rest;
}

function entryPorts(entry: NetworkAclEntry): Interval | 'unknown' | 'none' {
  if (!isKnown(entry.protocol)) return 'unknown';
  if (isAllProtocols(entry.protocol)) return [0, 65535];
  if (!isTcp(entry.protocol)) return 'none';
  if (!isKnown(entry.fromPort) || !isKnown(entry.toPort)) return 'unknown';
  return [entry.fromPort, entry.toPort];
}

function describe(entry: NetworkAclEntry): string {
  return `rule ${isKnown(entry.ruleNumber) ? entry.ruleNumber : '?'} (${isKnown(entry.action) ? entry.action : '?'})`;
}

/**
 * P5 with partial blocks: from entry `start` (which holds part of `peer`), the entries in rule order that act
 * alike on every remaining port, until one that could act otherwise; the index of the last of them when their
 * blocks together hold every address of `peer` (so every packet meets one of them first), else -1.
 */
function unionRun(entries: readonly NetworkAclEntry[], start: number, family: 4 | 6, peer: Addr, remaining: readonly Interval[]): number {
  const action = entries[start]?.action;
  if (action === undefined || !isKnown(action)) return -1;
  const blocks: Cidr[] = [];
  for (let j = start; j < entries.length; j++) {
    const entry = entries[j];
    if (entry === undefined || !isKnown(entry.ruleNumber) || entry.existence !== undefined) continue; // weighed after the loop
    const ports = entryPorts(entry);
    if (ports === 'none') continue;
    const text = family === 4 ? entry.cidr : entry.ipv6Cidr;
    if (coverage(text, peer) === 'none') continue;
    if (ports !== 'unknown' && remaining.every(([a, b]) => b < ports[0] || a > ports[1])) continue;
    const block = text !== null && isKnown(text) ? parseCidr(text) : null;
    const whole = ports !== 'unknown' && remaining.every(([a, b]) => ports[0] <= a && b <= ports[1]);
    if (block === null || !whole || !isKnown(entry.action) || entry.action !== action) break;
    blocks.push(block);
    if (blocksCover(blocks, peer)) return j;
  }
  return -1;
}

/**
 * Evaluates one NACL, one direction, for TCP packets to/from `peer` on ports [from, to]; with `anyPort` the
 * request is one unknown port of that range rather than all of them.
 */
export function evaluateNetworkAcl(model: NetworkModel, acl: Maybe<Id>, egress: boolean, peer: Addr, from: number, to: number, anyPort = false): AclVerdict {
  if (!isKnown(acl)) return { verdict: 'unknown', detail: `the network ACL is unknown: ${acl.reason}`, entry: null, narrow: false };
  if (!model.get(acl)) return { verdict: 'unknown', detail: `network ACL ${displayName(model, acl)} is not in the workspace`, entry: null, narrow: false };
  const family = addrFamily(peer);
  let remaining: Interval[] = [[from, to]];
  const denied: Interval[] = [];
  let denyEntry: NetworkAclEntry | null = null;
  let firstAllow: NetworkAclEntry | null = null;
  const what = (): string => `${egress ? 'outbound to' : 'inbound from'} ${addrText(peer)} tcp ${anyPort ? 'on an unknown port' : from === to ? from : `${from}-${to}`}`;
  // Entries whose rule number is unknown sort last but may be evaluated before any other (P5): one that can
  // match the request and could act differently from the outcome of the others leaves the verdict open.
  const unnumbered: NetworkAclEntry[] = [];
  const entries = model.naclEntries(acl, egress);
  /** Entries up to this index were decided together with an earlier one (a union, below). */
  let consumedTo = -1;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) continue;
    // P5: an entry that may not be created is weighed like one of unknown place: only if it could change the outcome.
    if (!isKnown(entry.ruleNumber) || entry.existence !== undefined) { unnumbered.push(entry); continue; }
    if (remaining.length === 0 || i <= consumedTo) continue;
    const ports = entryPorts(entry);
    if (ports === 'none') continue;
    const block = family === 4 ? entry.cidr : entry.ipv6Cidr;
    const cov = coverage(block, peer);
    if (cov === 'none') continue;
    if (ports === 'unknown' || cov !== 'all' || !isKnown(entry.action)) {
      const overlaps = ports === 'unknown' || subtract(remaining, ports[0], ports[1]).hit.length > 0;
      if (!overlaps) continue;
      const run = ports === 'unknown' ? -1 : unionRun(entries, i, family, peer, remaining);
      if (run < 0) return { verdict: 'unknown', detail: `cannot tell whether ${describe(entry)} matches ${what()}`, entry: entry.id, narrow: false };
      // P5: consecutive entries with one action whose blocks together hold the whole peer act as one entry.
      consumedTo = run;
      if (entry.action === 'deny') { denied.push(...remaining); denyEntry ??= entry; }
      else firstAllow ??= entry;
      remaining = [];
      continue;
    }
    // Most entries either cover the whole request or miss it: decide those without building intervals.
    const only = remaining.length === 1 ? remaining[0] : undefined;
    const whole = only !== undefined && ports[0] <= only[0] && only[1] <= ports[1];
    const { rest, hit } = whole ? { rest: [], hit: remaining } : subtract(remaining, ports[0], ports[1]);
    if (hit.length === 0) continue;
    remaining = rest;
    if (entry.action === 'deny') { denied.push(...hit); denyEntry ??= entry; }
    else firstAllow ??= entry;
  }
  const blocked = [...denied, ...remaining];
  const outcome = blocked.length === 0 ? 'allow' : 'deny';
  for (const entry of unnumbered) {
    const ports = entryPorts(entry);
    if (ports === 'none' || coverage(family === 4 ? entry.cidr : entry.ipv6Cidr, peer) === 'none') continue;
    if (ports !== 'unknown' && (ports[1] < from || ports[0] > to)) continue;
    // An allow placed first only allows more of an allowed request; a deny only denies more of a denied one.
    if (isKnown(entry.action) && entry.action === outcome) continue;
    if (entry.existence !== undefined) return { verdict: 'unknown', detail: `cannot tell whether ${entry.address} decides ${what()}: it is ${entry.existence.reason}`, entry: entry.id, narrow: false };
    const why = isKnown(entry.ruleNumber) ? '' : `: ${entry.ruleNumber.reason}`;
    return { verdict: 'unknown', detail: `cannot tell whether ${entry.address} decides ${what()}, its rule number is unknown${why}`, entry: entry.id, narrow: false };
  }
  if (blocked.length === 0) {
    const allow = firstAllow;
    return { verdict: 'pass', detail: () => `${allow ? describe(allow) : 'a rule'} allows ${what()}${anyPort ? ' (every port)' : ''}`, entry: allow?.id ?? null, narrow: false };
  }
  const ranges = (list: Interval[]): string => list.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).slice(0, 3).join(', ');
  const allowed = subtractAll([[from, to]], blocked);
  if (anyPort && allowed.length > 0) {
    // P5: some ports are allowed and some denied: the decision depends on the port, which is unknown.
    const by = denyEntry ? `${describe(denyEntry)} denies` : 'the final * rule denies';
    return { verdict: 'unknown', detail: `depends on the port, which is unknown: ${firstAllow ? describe(firstAllow) : 'a rule'} allows ${egress ? 'outbound to' : 'inbound from'} ${addrText(peer)} tcp ${ranges(allowed)}, but ${by} tcp ${ranges(blocked.sort((a, b) => a[0] - b[0]))}`, entry: denyEntry?.id ?? firstAllow?.id ?? null, narrow: false };
  }
  const narrow = !anyPort && from === EPHEMERAL_FROM && to === EPHEMERAL_TO && blocked.every(([, b]) => b < LINUX_EPHEMERAL_FROM);
  const first = ranges(blocked);
  if (narrow) {
    return { verdict: 'pass', detail: `allows ${what()} only from ${LINUX_EPHEMERAL_FROM}: ports ${first} are denied, which Lambda and NAT gateways may use (P6)`, entry: denyEntry?.id ?? null, narrow: true };
  }
  const by = denyEntry ? `${describe(denyEntry)} denies` : 'the final * rule denies';
  return { verdict: 'block', detail: `${by} ${what()} (ports ${first})`, entry: denyEntry?.id ?? null, narrow: false };
}
