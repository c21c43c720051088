// Needs stated by security groups: an egress rule of one of the function's own groups whose destination is a
// target's group says that the group's members connect to that target (P2, P3). Only exact group references count.
// The index and helpers here serve the mirror case too (groupIngressIntent.ts).

import { isKnown, type Maybe } from '../model/origin';
import type { Id, LambdaFunction, SecurityGroupRule, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';
import { isAllProtocols, isTcp } from './protocols';
import { targetGroups, targetSubnets } from './pathSteps';

/** A target a group rule links to one of the function's groups (egress to it, or its ingress from them), and the rule in words. */
export interface GroupRuleNeed {
  readonly target: Target;
  readonly because: string;
}

/** Per model: canonical group id → the targets holding that group. Built once, read by every function. */
const indexes = new WeakMap<NetworkModel, ReadonlyMap<Id, readonly Target[]>>();

/** The VPC of a target's first known subnet: where its default group lives when it declares none (P2). */
function targetVpc(model: NetworkModel, target: Target): Id | null {
  const subnets = targetSubnets(model, target);
  if (!isKnown(subnets)) return null;
  for (const ref of subnets) {
    const s = isKnown(ref) ? model.get(ref) : undefined;
    if (s?.kind === 'subnet' && isKnown(s.vpc)) return s.vpc;
  }
  return null;
}

/** Per model: canonical group id → the targets that group stands for (P14: a proxy, not the database behind it). */
export function targetsByGroup(model: NetworkModel): ReadonlyMap<Id, readonly Target[]> {
  const cached = indexes.get(model);
  if (cached) return cached;
  const index = new Map<Id, Target[]>();
  const groupsOf = new Map<Id, readonly Id[]>();
  const known = (t: Target): readonly Id[] => {
    let groups = groupsOf.get(t.id);
    if (!groups) {
      const raw = targetGroups(model, t, isKnown(t.securityGroups) && t.securityGroups.length === 0 ? targetVpc(model, t) : null);
      groups = raw.filter((g): g is Id => isKnown(g)).map((g) => model.canonical(g));
      groupsOf.set(t.id, groups);
    }
    return groups;
  };
  for (const t of model.all('target')) {
    const parentRef = t.parent !== null && isKnown(t.parent) ? t.parent : null;
    const parent = parentRef !== null ? model.get(parentRef) : undefined;
    // An Aurora instance holds its cluster's groups: the cluster stands for it. A proxy's parent is the database
    // behind it (P14), a different endpoint, so a proxy is kept even when it shares the database's group.
    const sharesWithParent = parent?.kind === 'target' && !(t.targetKind === 'rds-proxy' && parent.targetKind !== 'rds-proxy');
    const parentGroups = sharesWithParent && parent.kind === 'target' ? known(parent) : [];
    for (const g of known(t)) {
      if (parentGroups.includes(g)) continue;
      let list = index.get(g);
      if (!list) index.set(g, (list = []));
      list.push(t);
    }
  }
  // P14: a group held by a proxy and the database behind it names the proxy: functions connect through it, and
  // the proxy's own leg to the database is part of its path.
  for (const [g, list] of index) {
    const proxied = new Set(list.filter((t) => t.targetKind === 'rds-proxy' && t.parent !== null && isKnown(t.parent)).map((t) => t.parent));
    if (proxied.size > 0) index.set(g, list.filter((t) => !proxied.has(t.id)));
  }
  indexes.set(model, index);
  return index;
}

/**
 * The groups on the function's ENIs (M3): its VpcConfig's, or for Lambda Managed Instances its capacity
 * provider's (as placement.ts decides, without the checks a need does not depend on); none when unknown.
 */
export function ownGroups(model: NetworkModel, fn: LambdaFunction): readonly Maybe<Id>[] {
  let config = fn.vpcConfig;
  if (fn.capacityProvider !== null) {
    const provider = isKnown(fn.capacityProvider) ? model.get(fn.capacityProvider) : undefined;
    config = provider?.kind === 'capacity-provider' ? provider.vpcConfig : null;
  }
  return config !== null && isKnown(config.securityGroups) ? config.securityGroups : [];
}

/** "tcp 3306", "tcp 1024-65535", "all traffic". */
export function portsText(rule: SecurityGroupRule): string {
  if (!isKnown(rule.protocol)) return 'an unknown protocol';
  if (isAllProtocols(rule.protocol)) return 'all traffic';
  const from = isKnown(rule.fromPort) ? String(rule.fromPort) : '?';
  const to = isKnown(rule.toPort) ? String(rule.toPort) : '?';
  return `${rule.protocol} ${from === to ? from : `${from}-${to}`}`;
}

/**
 * The targets the function's own groups (its effective VPC config, M3) allow egress to by naming one of their
 * groups. Not derived: from CIDR or prefix-list rules (they name addresses, not a resource), from a rule naming an
 * unknown group, from an unknown group list, from protocols other than TCP (the engine asks about TCP only), or
 * from a rule naming one of the function's own groups (a group open to its own members is a generic rule, not
 * a statement about one target).
 */
export function groupEgressNeeds(model: NetworkModel, fn: LambdaFunction): GroupRuleNeed[] {
  const groups = ownGroups(model, fn);
  if (groups.length === 0) return [];
  const own = groups.filter((g): g is Id => isKnown(g)).map((g) => model.canonical(g));
  let index: ReadonlyMap<Id, readonly Target[]> | undefined;
  const out: GroupRuleNeed[] = [];
  for (const group of own) {
    for (const rule of model.sgRules(group, 'egress')) {
      if (rule.peer.kind !== 'security-group' || !isKnown(rule.peer.group)) continue;
      if (isKnown(rule.protocol) && !isAllProtocols(rule.protocol) && !isTcp(rule.protocol)) continue;
      const dest = model.canonical(rule.peer.group);
      if (own.includes(dest)) continue;
      index ??= targetsByGroup(model);
      const targets = index.get(dest);
      if (!targets) continue;
      const because = `security group ${displayName(model, group)} allows egress ${portsText(rule)} to group ${displayName(model, dest)}`;
      for (const target of targets) out.push({ target, because });
    }
  }
  return out;
}
