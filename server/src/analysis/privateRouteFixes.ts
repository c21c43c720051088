// Fixes for a private target whose address the function subnet's table does not route to the target's VPC
// (P9 longest-prefix match, P10 peering, P11 transit gateway): every change that alone would fix that hop.

import { isKnown } from '../model/origin';
import type { Id, Route, Subnet, VpcPeeringConnection } from '../model/types';
import type { NetworkModel } from '../model/network';
import { nameOf } from './pathSteps';
import { peeringStatus } from './peeringAcceptance';
import { overlappingPrimaryBlocks } from './peeringOverlap';
import { transitGatewayRouteFixes } from './transitGateway';
import type { Fix } from './types';
import { override } from '../model/override';

function cidrOf(route: Route): string | null {
  const d = route.destination;
  return d.kind !== 'prefix-list' && isKnown(d.cidr) ? d.cidr : null;
}

/** Accepted first, then unknown, then pending: the connection a route fix had best lead to. */
const ACCEPTANCE_RANK = { true: 0, unknown: 1, false: 2 } as const;

/**
 * P10: routing to a connection that is not accepted would only move the block to the connection (BAD_STATE),
 * so the fix carries the change that gets it accepted; for an unknown acceptance, the change that settles it.
 */
function withAcceptance(model: NetworkModel, pcx: VpcPeeringConnection, fix: Fix): Fix {
  const status = peeringStatus(model, pcx);
  if (status.accepted === true || status.fixes.length === 0) return fix;
  const how = status.fixes.map((f) => f.description).join(', or ');
  const what = status.accepted === false ? 'and accept the request (it is pending-acceptance)' : 'and make sure the request is accepted (the workspace does not show whether it is)';
  return { description: `${fix.description}, ${what}: ${how}`, changes: [...fix.changes, ...(status.fixes[0]?.changes ?? [])] };
}

/**
 * `hiding`: the route that wins for the target's address but leads elsewhere (an internet or NAT gateway), or
 * null when no route covers it. Offers: drop the hiding route when a less specific route of the table already
 * leads to the target's VPC (P9); route the address to a peering connection between the two VPCs (P10) or to a
 * transit gateway both are attached to (P11); for a target in the function's own VPC, drop the hiding route so
 * the local route applies (P8).
 */
export function privateRouteFixes(model: NetworkModel, table: Id, srcVpc: Id, dst: Subnet, hiding: Route | null): Fix[] {
  const dstVpc = isKnown(dst.vpc) ? dst.vpc : null;
  const hidingCidr = hiding ? cidrOf(hiding) : null;
  const hidingText = hiding ? `${hidingCidr ?? '(unknown)'} → ${hiding.target.kind} ${nameOf(model, hiding.target.ref)}` : '';
  if (dstVpc === null) return [];
  if (dstVpc === srcVpc) {
    return hiding ? [{ description: `remove the route ${hidingText} from ${nameOf(model, table)} so the local route reaches ${dst.address} (P8, P9)`, changes: [{ kind: 'other', component: hiding.id }] }] : [];
  }
  const fixes: Fix[] = [];
  // P10: a connection between overlapping VPCs is refused by AWS, so routing to it fixes nothing.
  const peerings = model.all('vpc-peering').filter((p) => isKnown(p.vpc) && isKnown(p.peerVpc) && ((p.vpc === srcVpc && p.peerVpc === dstVpc) || (p.vpc === dstVpc && p.peerVpc === srcVpc)) && overlappingPrimaryBlocks(model, p) === null)
    .sort((a, b) => ACCEPTANCE_RANK[`${peeringStatus(model, a).accepted}`] - ACCEPTANCE_RANK[`${peeringStatus(model, b).accepted}`]);
  const peeringOf = (r: Route): VpcPeeringConnection | undefined => {
    const ref = r.target.ref;
    if (r.target.kind !== 'vpc-peering' || !isKnown(ref)) return undefined;
    const id = model.canonical(ref);
    return peerings.find((p) => p.id === id);
  };
  // P9: a less specific route of the table already leads to the peer VPC; the hiding route alone is in the way.
  const shadowed = hiding ? model.routesOf(table).find((r) => r !== hiding && peeringOf(r) !== undefined) : undefined;
  const shadowedPeering = shadowed ? peeringOf(shadowed) : undefined;
  if (hiding && shadowed && shadowedPeering) {
    fixes.push(withAcceptance(model, shadowedPeering, {
      description: `remove the route ${hidingText} from ${nameOf(model, table)}: it is more specific than ${cidrOf(shadowed) ?? 'the route'} → ${nameOf(model, shadowed.target.ref)} and takes ${dst.address}'s traffic away from the peering (P9)`,
      changes: [{ kind: 'other', component: hiding.id }],
    }));
  }
  // The hiding route's own block, else the peer VPC's (primary IPv4) block, else the target subnet's.
  const vpcCidr = model.vpcCidrs(dstVpc).find((c): c is string => isKnown(c) && !c.includes(':'));
  const dstCidr = hidingCidr ?? vpcCidr ?? (isKnown(dst.cidrBlock) ? dst.cidrBlock : null);
  const peering = peerings[0];
  if (peering && dstCidr !== null) {
    fixes.push(withAcceptance(model, peering, {
      description: hiding ? `point the route ${hidingText} in ${nameOf(model, table)} at ${peering.address} instead (P10)` : `route ${dstCidr} in ${nameOf(model, table)} to ${peering.address} (P10)`,
      changes: [...(hiding ? [{ kind: 'other' as const, component: hiding.id }] : []), { kind: 'add-route', routeTable: table, destination: dstCidr, target: peering.id }],
    }));
  }
  fixes.push(...transitGatewayRouteFixes(model, table, srcVpc, dstVpc).map((f) => (hiding ? override(f, { description: `${f.description}, replacing the route ${hidingText}`, changes: [{ kind: 'other' as const, component: hiding.id }, ...f.changes] }) : f)));
  if (fixes.length === 0) {
    fixes.push({
      description: `connect ${nameOf(model, srcVpc)} to ${nameOf(model, dstVpc)} (VPC peering or a transit gateway) and route ${dstCidr ?? dst.address} in ${nameOf(model, table)} to it (P10, P11)`,
      changes: [{ kind: 'other', component: dstVpc }],
    });
  }
  return fixes;
}
