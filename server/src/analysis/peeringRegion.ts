// P3 over VPC peering: a security group rule that references a group in the peer VPC matches only over
// same-Region peering; across Regions (inter-Region peering) the reference matches nothing, so the target's
// ingress must admit the function's CIDR and the function's egress cannot name the target's groups.

import { isKnown, type Maybe } from '../model/origin';
import type { Id } from '../model/types';
import type { NetworkModel } from '../model/network';
import { coverage, type Addr } from './addressing';
import { nameOf, sgIngressStep, type GroupEnd } from './pathSteps';
import { evaluateSecurityGroups } from './securityGroups';
import type { Trace } from './trace';
import { override } from '../model/override';

/** The Region a VPC is created in: its own (provider alias, `region` argument) or the workspace's. */
function regionOfVpc(model: NetworkModel, vpc: Id): Maybe<string> {
  const v = model.get(vpc);
  return v?.region ?? model.region;
}

/** Whether two VPCs are in the same Region: true, false, or null when either Region is unknown. */
export function sameRegion(model: NetworkModel, a: Id | null, b: Id | null): boolean | null {
  if (a === null || b === null || a === b) return a === b && a !== null ? true : null;
  const ra = regionOfVpc(model, a);
  const rb = regionOfVpc(model, b);
  if (!isKnown(ra) || !isKnown(rb)) return null;
  return ra === rb;
}

/**
 * The VPC block that holds a subnet's address, else the subnet's own block: the peer a fix names so that every
 * subnet of the function (or of a target's subnet group) is covered, not only the one evaluated.
 */
export function vpcBlock(model: NetworkModel, vpc: Id | null, addr: Addr): string | null {
  const block = vpc === null ? undefined : model.vpcCidrs(vpc).find((c): c is string => isKnown(c) && coverage(c, addr) === 'all');
  return block ?? (addr.kind === 'cidr' ? addr.cidr.text : null);
}

/**
 * The target's SG ingress for traffic arriving over VPC peering (P2, P3). Same Region: as within a VPC.
 * Across Regions a rule referencing the function's group matches nothing: when only such a rule would admit
 * the function, the hop blocks (Region unknown: open), and the fix admits the function VPC's CIDR instead.
 */
export function peeringSgIngress(model: NetworkModel, trace: Trace, groups: readonly Maybe<Id>[], src: GroupEnd & { readonly vpc: Id | null }, port: number | null, what: string, dstVpc: Id | null): void {
  const same = sameRegion(model, src.vpc, dstVpc);
  if (same === true) return sgIngressStep(model, trace, groups, src, port, what);
  const cidr = vpcBlock(model, src.vpc, src.addr);
  const withReferences = evaluateSecurityGroups(model, groups, 'ingress', { addr: src.addr, groups: src.knownGroups }, port);
  const withoutReferences = evaluateSecurityGroups(model, groups, 'ingress', { addr: src.addr, groups: [] }, port);
  if (withoutReferences.verdict === 'pass' || (withReferences.verdict !== 'pass' && same === null)) return sgIngressStep(model, trace, groups, src, port, what);
  if (withReferences.verdict !== 'pass') {
    // Across Regions nothing admits the function; the fix names its CIDR, since a group reference would not work.
    return sgIngressStep(model, trace, groups, override(src, { knownGroups: [] }), port, what, undefined, cidr ?? undefined);
  }
  const component = groups.find((g): g is Id => isKnown(g)) ?? null;
  const label = `security groups ${groups.map((g) => nameOf(model, g)).join(', ')} of ${what} (ingress)`;
  if (same === null) {
    trace.unknown(component, 'security-group', label, 'only a rule referencing the function\'s security group admits it, and whether the peered VPCs are in the same Region is unknown: references work over same-Region peering only (P3)', 'P3');
    return;
  }
  const fixes = component === null || cidr === null ? [] : [{
    description: `allow ingress tcp ${port ?? 'on the port'} from ${cidr} (the function's VPC) in ${nameOf(model, component)}: a security group reference does not work across Regions`,
    changes: [{ kind: 'add-sg-ingress' as const, group: component, protocol: 'tcp', port: port ?? 0, sourceGroup: null, sourceCidr: cidr }],
  }];
  trace.block(component, 'security-group', label,
    'only a rule referencing the function\'s security group admits it, but the VPCs are peered across Regions, where security group references do not match (P3)',
    'P3', 'ENI_SG_RULES_MISMATCH', fixes);
}
