// Security group evaluation (P1–P3, E8): the union of the rules of every group on an ENI, matched on the peer
// (CIDR, referenced group, prefix list), protocol and destination port. Stateful: replies are never checked.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, PrefixListRef, SecurityGroupRule } from '../model/types';
import type { NetworkModel } from '../model/network';
import { blocksCover, coverage, addrText, type Addr, type Coverage } from './addressing';
import { parseCidr, type Cidr } from '../model/cidr';
import { displayName } from './naming';
import { endpointRegionMatch } from './endpointRegion';
import { listWords, someWords } from './listWords';
import { protocolCoverage } from './protocols';
import type { Text } from './trace';

/** The other end of a connection as a security group sees it. */
export interface SgPeerSpec {
  readonly addr: Addr;
  /** Security groups on the other end's ENI (already canonical). */
  readonly groups: readonly Id[];
  /** The AWS service whose prefix list stands for this peer (gateway endpoints, E8). */
  readonly service?: string;
  /**
   * The groups on the other end are not known (its placement depends on unknown inputs): rules naming a group
   * or a prefix list may match it, so only protocol and port decide against such a peer.
   */
  readonly groupsUnknown?: boolean;
  /**
   * Some of the other end's groups are unknown (a variable among known groups): a rule naming a group that is
   * not among the known ones may still name the unknown one.
   */
  readonly someGroupsUnknown?: boolean;
}

export interface SgVerdict {
  readonly verdict: 'pass' | 'block' | 'unknown';
  /** Formatted on demand for passes (most are never shown). */
  readonly detail: Text;
  /** The rule that allows (pass), or null. */
  readonly rule: Id | null;
  /** All groups have no rule at all in this direction (SG_HAS_NO_RULES). */
  readonly noRules: boolean;
}

function prefixListCoverage(model: NetworkModel, ref: PrefixListRef, peer: SgPeerSpec): Coverage {
  if (peer.groupsUnknown === true) return 'unknown';
  switch (ref.kind) {
    case 'service':
      return peer.service !== undefined && ref.service === peer.service ? 'all' : 'none';
    case 'endpoint': {
      const endpoint = model.get(ref.endpoint);
      if (!endpoint || endpoint.kind !== 'vpc-endpoint' || !isKnown(endpoint.service)) return 'unknown';
      if (peer.service === undefined || endpoint.service !== peer.service) return 'none';
      // E7/E8: the endpoint's prefix list holds the ranges of its own Region's service only.
      const region = endpointRegionMatch(model, endpoint).kind;
      return region === 'same' ? 'all' : region === 'other' ? 'none' : 'unknown';
    }
    case 'object': {
      const list = model.get(ref.ref);
      if (!list || list.kind !== 'prefix-list') return 'unknown';
      let best: Coverage = 'none';
      for (const entry of list.entries) {
        const c = coverage(entry, peer.addr);
        if (c === 'all') return 'all';
        if (c !== 'none') best = 'unknown';
      }
      return best;
    }
    case 'literal':
    case 'unknown':
      return 'unknown';
  }
}

function prefixListText(model: NetworkModel, ref: PrefixListRef): string {
  switch (ref.kind) {
    case 'service': return `the ${ref.service} prefix list`;
    case 'endpoint': return `the prefix list of ${displayName(model, ref.endpoint)}`;
    case 'object': return `prefix list ${displayName(model, ref.ref)}`;
    case 'literal': return `prefix list ${ref.id}`;
    case 'unknown': return 'a prefix list';
  }
}

function peerCoverage(model: NetworkModel, rule: SecurityGroupRule, peer: SgPeerSpec): Coverage {
  switch (rule.peer.kind) {
    case 'ipv4':
    case 'ipv6':
      return coverage(rule.peer.cidr, peer.addr);
    case 'security-group':
      // P3: a referenced group matches the ENIs that carry it.
      if (!isKnown(rule.peer.group) || peer.groupsUnknown === true) return 'unknown';
      if (peer.groups.includes(model.canonical(rule.peer.group))) return 'all';
      return peer.someGroupsUnknown === true ? 'unknown' : 'none';
    case 'prefix-list':
      return prefixListCoverage(model, rule.peer.prefixList, peer);
  }
}

/** A rule in words, naming referenced groups by address (never by model id). */
export function describeRule(model: NetworkModel, rule: SecurityGroupRule): string {
  const proto = isKnown(rule.protocol) ? (rule.protocol === '-1' ? 'all traffic' : rule.protocol) : 'unknown protocol';
  const ports = rule.protocol === '-1' ? '' : ` ${isKnown(rule.fromPort) ? rule.fromPort : '?'}-${isKnown(rule.toPort) ? rule.toPort : '?'}`;
  const p = rule.peer;
  const peer =
    p.kind === 'security-group' ? `group ${displayName(model, p.group)}`
    : p.kind === 'prefix-list' ? prefixListText(model, p.prefixList)
    : isKnown(p.cidr) ? p.cidr : '(unknown CIDR)';
  return `${rule.direction} rule ${proto}${ports} ${rule.direction === 'egress' ? 'to' : 'from'} ${peer}`;
}

/**
 * Evaluates the groups on one ENI for a TCP connection to `port` (null: the port is unknown, only rules for
 * every port decide). Unknown groups (not in the workspace) leave the result open unless another group allows.
 */
export function evaluateSecurityGroups(
  model: NetworkModel,
  groups: readonly Maybe<Id>[],
  direction: 'ingress' | 'egress',
  peer: SgPeerSpec,
  port: number | null,
): SgVerdict {
  let open: string | null = null;
  let ruleCount = 0;
  /** Rules for the whole request whose block holds part of the peer's addresses: together they may hold all. */
  let partial: { rule: SecurityGroupRule; block: Cidr }[] | undefined;
  for (const group of groups) {
    if (!isKnown(group)) { open ??= `a security group is unknown: ${group.reason}`; continue; }
    if (!model.get(group)) { open ??= `security group ${displayName(model, group)} is not in the workspace`; continue; }
    for (const rule of model.sgRules(group, direction)) {
      ruleCount++;
      const proto = protocolCoverage(rule.protocol, rule.fromPort, rule.toPort, port);
      if (proto === 'none') continue;
      const peerCov = peerCoverage(model, rule, peer);
      if (peerCov === 'none') continue;
      if (proto === 'all' && peerCov === 'all') {
        // P1: an allowing rule that may not be created allows only if it is; another rule may still allow.
        if (rule.existence !== undefined) { open ??= `${describeRule(model, rule)} would allow ${addrText(peer.addr)}, but it is ${rule.existence.reason}`; continue; }
        return { verdict: 'pass', detail: () => `${describeRule(model, rule)} allows ${addrText(peer.addr)}${port === null ? '' : ` tcp ${port}`}`, rule: rule.id, noRules: false };
      }
      if (proto === 'all' && rule.existence === undefined && (rule.peer.kind === 'ipv4' || rule.peer.kind === 'ipv6') && isKnown(rule.peer.cidr)) {
        const block = parseCidr(rule.peer.cidr);
        if (block) (partial ??= []).push({ rule, block });
      }
      open ??= `cannot tell whether ${describeRule(model, rule)} matches ${addrText(peer.addr)}${port === null ? ' (port unknown)' : ` tcp ${port}`}`;
    }
  }
  // P1: the rules of every group are one union of allows, so blocks that each hold part of the peer's addresses
  // (0.0.0.0/1 and 128.0.0.0/1) allow it when together they hold all of them, whatever else is open.
  if (partial !== undefined && blocksCover(partial.map((p) => p.block), peer.addr)) {
    const rules = partial.map((p) => p.rule);
    const detail = (): string => {
      const words = rules.map((r) => describeRule(model, r));
      return `${words.length <= 4 ? listWords(words) : someWords(words, 3)} together allow ${addrText(peer.addr)}${port === null ? '' : ` tcp ${port}`}`;
    };
    return { verdict: 'pass', detail, rule: rules[0]?.id ?? null, noRules: false };
  }
  if (open !== null) return { verdict: 'unknown', detail: open, rule: null, noRules: false };
  const noRules = ruleCount === 0;
  const what = `${direction} ${direction === 'egress' ? 'to' : 'from'} ${addrText(peer.addr)}${port === null ? '' : ` on tcp ${port}`}`;
  return { verdict: 'block', detail: noRules ? `no ${direction} rules at all: nothing allows ${what}` : `no rule allows ${what}`, rule: null, noRules };
}
