// Needs stated by security groups, the mirror of groupEgressIntent.ts: an ingress rule of a target's group whose
// source is one of the function's own groups says that the group's members connect to that target (P2, P3).

import { isKnown } from '../model/origin';
import type { Id, LambdaFunction, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';
import { isAllProtocols, isTcp } from './protocols';
import { ownGroups, portsText, targetsByGroup, type GroupRuleNeed } from './groupEgressIntent';

/** A target whose group `group` admits some source group, and the rule in words (made once, shared by every function). */
interface Admission {
  readonly target: Target;
  readonly group: Id;
  readonly because: string;
}

/** Per model: canonical source group id → the targets whose groups admit it. Built once, read by every function. */
const indexes = new WeakMap<NetworkModel, ReadonlyMap<Id, readonly Admission[]>>();

function admissionsBySource(model: NetworkModel): ReadonlyMap<Id, readonly Admission[]> {
  const cached = indexes.get(model);
  if (cached) return cached;
  const index = new Map<Id, Admission[]>();
  // Only groups that stand for a target (the egress index: a proxy rather than the database sharing its group,
  // P14; an Aurora cluster rather than its instances) are read, each rule once.
  for (const [group, targets] of targetsByGroup(model)) {
    for (const rule of model.sgRules(group, 'ingress')) {
      if (rule.peer.kind !== 'security-group' || !isKnown(rule.peer.group)) continue;
      if (isKnown(rule.protocol) && !isAllProtocols(rule.protocol) && !isTcp(rule.protocol)) continue;
      const source = model.canonical(rule.peer.group);
      // P3: a group admitting its own members is a generic rule, not a statement about one client.
      if (source === group) continue;
      let list = index.get(source);
      if (!list) index.set(source, (list = []));
      const words = `admits ${portsText(rule)} from group ${displayName(model, source)}`;
      for (const target of targets) list.push({ target, group, because: `security group ${displayName(model, group)} of ${target.address} ${words}` });
    }
  }
  indexes.set(model, index);
  return index;
}

/**
 * The targets one of whose groups admits one of the function's own groups (its effective VPC config or its
 * capacity provider's, M3) by naming it. Not derived: from CIDR or prefix-list sources (they name addresses, not
 * a client), from a rule naming an unknown group, from an unknown group list, from protocols other than TCP, or
 * from a rule of one of the function's own groups (a group shared with the target says nothing about one target).
 */
export function groupIngressNeeds(model: NetworkModel, fn: LambdaFunction): GroupRuleNeed[] {
  const groups = ownGroups(model, fn);
  if (groups.length === 0) return [];
  const own = groups.filter((g): g is Id => isKnown(g)).map((g) => model.canonical(g));
  if (own.length === 0) return [];
  const index = admissionsBySource(model);
  const out: GroupRuleNeed[] = [];
  for (const source of own) {
    const admissions = index.get(source);
    if (!admissions) continue;
    for (const a of admissions) {
      if (own.includes(a.group)) continue;
      out.push({ target: a.target, because: a.because });
    }
  }
  return out;
}
