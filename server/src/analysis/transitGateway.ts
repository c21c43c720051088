// Transit gateway paths (P11): a VPC route to a transit gateway is followed through the sender's VPC attachment
// (it needs a subnet in the sender's AZ), the TGW route table that attachment is associated with (static and
// propagated routes, longest prefix, blackholes), to the attachment of the destination's VPC, and back the
// same way for replies. Explanation codes are Reachability Analyzer's TGW_* codes. What the workspace does not
// say (a gateway or attachment it does not declare, unknown CIDRs) leaves the answer open.

import { parseCidr } from '../model/cidr';
import type { NetworkModel } from '../model/network';
import { isKnown, unknown, type Maybe } from '../model/origin';
import {
  transitGatewayDefaultRouteTable,
  type Id,
  type Subnet,
  type TransitGateway,
  type TransitGatewayAttachment,
  type TransitGatewayRoute,
} from '../model/types';
import { addrOf, coverage, type Addr } from './addressing';
import { azMatch } from './availabilityZones';
import { nameOf, sgEgressStep, sgIngressStep, type GroupEnd } from './pathSteps';
import { evaluateSecurityGroups } from './securityGroups';
import { lookupRoute } from './routeLookup';
import type { Trace } from './trace';
import type { Fix, Hop } from './types';
import { override } from '../model/override';

/** The association of an attachment: a route table, none, or why it is unknown. */
type TgwAssociation = { readonly table: Id | null; readonly via: Id | null } | { readonly unknown: string };

type TgwMatch =
  | { readonly kind: 'attachment'; readonly attachment: Maybe<Id>; readonly route: TransitGatewayRoute | null; readonly cidr: string; readonly propagation?: Id | null }
  | { readonly kind: 'blackhole'; readonly route: TransitGatewayRoute; readonly cidr: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string };

interface Propagation {
  readonly attachment: Id;
  /** The propagation resource, or null for default route table propagation. */
  readonly via: Id | null;
}

/** Associations, propagations and static routes of every transit gateway, indexed once per model. */
class TransitGatewayIndex {
  private readonly attachmentsOfTgw = new Map<Id, TransitGatewayAttachment[]>();
  private readonly tablesOfTgw = new Map<Id, Id[]>();
  private readonly associations = new Map<Id, { readonly table: Maybe<Id>; readonly via: Id }>();
  private readonly staticRoutes = new Map<Id, TransitGatewayRoute[]>();
  private readonly propagations = new Map<Id, Propagation[]>();
  /** Tables that may hold routes the workspace cannot place (a propagation from an unknown attachment…). */
  private readonly openTables = new Map<Id, string>();
  /** A route, association or propagation whose route table is unknown: it may apply to any table. */
  private floating: string | null = null;

  constructor(private readonly model: NetworkModel) {
    const push = <V>(map: Map<Id, V[]>, key: Id, value: V): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const table of model.all('transit-gateway-route-table')) {
      if (isKnown(table.transitGateway)) push(this.tablesOfTgw, table.transitGateway, table.id);
    }
    for (const a of model.all('transit-gateway-attachment')) {
      if (isKnown(a.transitGateway)) push(this.attachmentsOfTgw, a.transitGateway, a);
      if (!isKnown(a.transitGateway)) continue;
      const tgw = model.get(a.transitGateway);
      if (tgw?.kind !== 'transit-gateway') continue;
      // P11: default propagation puts the attachment's VPC CIDRs in the gateway's default route table.
      const flag = both(tgw.defaultRouteTablePropagation, a.defaultRouteTablePropagation);
      const table = transitGatewayDefaultRouteTable(tgw.id);
      if (flag === true) push(this.propagations, table, { attachment: a.id, via: null });
      else if (flag !== false) this.openTables.set(table, `whether ${a.address} propagates to the default route table is unknown: ${flag.reason}`);
    }
    for (const a of model.all('transit-gateway-association')) {
      if (isKnown(a.attachment)) {
        if (!this.associations.has(a.attachment)) this.associations.set(a.attachment, { table: isKnown(a.routeTable) ? this.table(a.routeTable) : a.routeTable, via: a.id });
      } else this.floating ??= `the attachment of ${a.address} is unknown`;
    }
    for (const p of model.all('transit-gateway-propagation')) {
      if (!isKnown(p.routeTable)) { this.floating ??= `the route table of ${p.address} is unknown`; continue; }
      const table = this.table(p.routeTable);
      if (isKnown(p.attachment)) push(this.propagations, table, { attachment: p.attachment, via: p.id });
      else this.openTables.set(table, `${p.address} propagates an unknown attachment`);
    }
    for (const r of model.all('transit-gateway-route')) {
      if (isKnown(r.routeTable)) push(this.staticRoutes, this.table(r.routeTable), r);
      else this.floating ??= `the route table of ${r.address} is unknown`;
    }
  }

  /** A route-table reference: a transit gateway's id stands for its default route table. */
  table(ref: Id): Id {
    return this.model.get(ref)?.kind === 'transit-gateway' ? transitGatewayDefaultRouteTable(ref) : ref;
  }

  attachmentsOf(tgw: Id): readonly TransitGatewayAttachment[] {
    return this.attachmentsOfTgw.get(tgw) ?? [];
  }

  tablesOf(tgw: TransitGateway): readonly Id[] {
    const own = this.tablesOfTgw.get(tgw.id) ?? [];
    const def = transitGatewayDefaultRouteTable(tgw.id);
    return this.model.get(def) ? [def, ...own] : own;
  }

  /** The table an attachment is associated with: an explicit association, else the default table (P11). */
  association(a: TransitGatewayAttachment, tgw: TransitGateway): TgwAssociation {
    const explicit = this.associations.get(a.id);
    if (explicit) return isKnown(explicit.table) ? { table: explicit.table, via: explicit.via } : { unknown: `the route table of ${nameOf(this.model, explicit.via)} is unknown: ${explicit.table.reason}` };
    if (this.floating !== null) return { unknown: this.floating };
    const flag = both(tgw.defaultRouteTableAssociation, a.defaultRouteTableAssociation);
    if (flag === true) return { table: transitGatewayDefaultRouteTable(tgw.id), via: null };
    if (flag === false) return { table: null, via: null };
    return { unknown: `whether ${a.address} is associated with the default route table is unknown: ${flag.reason}` };
  }

  /** Longest-prefix match (P9, P11): static routes beat propagated ones of the same prefix. */
  lookup(table: Id, addr: Addr): TgwMatch {
    let best: TgwMatch | null = null;
    let bestPrefix = -1;
    let open: string | null = this.openTables.get(table) ?? this.floating;
    for (const route of this.staticRoutes.get(table) ?? []) {
      const cov = coverage(route.destination, addr);
      if (cov === 'unknown') open ??= `the destination of ${route.address} is unknown`;
      if (cov !== 'all' || !isKnown(route.destination)) continue;
      const prefix = parseCidr(route.destination)?.prefix ?? 0;
      if (prefix <= bestPrefix) continue;
      if (!isKnown(route.blackhole)) { open ??= `whether ${route.address} is a blackhole is unknown`; continue; }
      bestPrefix = prefix;
      best = route.blackhole ? { kind: 'blackhole', route, cidr: route.destination } : { kind: 'attachment', attachment: route.attachment ?? unknown(`${route.address} names no attachment`), route, cidr: route.destination };
    }
    for (const p of this.propagations.get(table) ?? []) {
      const a = this.model.get(p.attachment);
      if (a?.kind !== 'transit-gateway-attachment' || !isKnown(a.vpc)) { open ??= `the VPC propagated by ${nameOf(this.model, p.attachment)} is not in the workspace`; continue; }
      for (const cidr of this.model.vpcCidrs(a.vpc)) {
        const cov = coverage(cidr, addr);
        if (cov === 'unknown') open ??= `a CIDR of ${nameOf(this.model, a.vpc)}, propagated by ${a.address}, is unknown`;
        if (cov !== 'all' || !isKnown(cidr)) continue;
        const prefix = parseCidr(cidr)?.prefix ?? 0;
        // A static route of the same prefix wins over a propagated one.
        if (prefix > bestPrefix) { bestPrefix = prefix; best = { kind: 'attachment', attachment: a.id, route: null, cidr, propagation: p.via }; }
      }
    }
    if (open !== null && (best === null || bestPrefix < 32)) return { kind: 'unknown', reason: open };
    return best ?? { kind: 'none' };
  }
}

/** Both flags of a default (the gateway's and the attachment's; absent means enabled): true, false or unknown. */
function both(a: Maybe<boolean> | undefined, b: Maybe<boolean> | undefined): Maybe<boolean> {
  if (a === false || b === false) return false;
  if (a !== undefined && !isKnown(a)) return a;
  if (b !== undefined && !isKnown(b)) return b;
  return true;
}

const indexes = new WeakMap<NetworkModel, TransitGatewayIndex>();

function indexOf(model: NetworkModel): TransitGatewayIndex {
  let ix = indexes.get(model);
  if (!ix) indexes.set(model, (ix = new TransitGatewayIndex(model)));
  return ix;
}

/** One end of a transit gateway crossing: the subnet traffic enters the gateway from, and its sender's address. */
export interface TgwEnd {
  readonly vpc: Id | null;
  readonly subnet: Subnet;
  readonly addr: Addr;
}

/** A forward crossing that worked: the gateway, the sender's attachment and the attachment traffic leaves through. */
export interface TgwCrossing {
  readonly tgw: TransitGateway;
  readonly from: TransitGatewayAttachment;
  readonly to: TransitGatewayAttachment;
}

/** The VPC's CIDR block that contains `addr` (fixes name a whole VPC, which covers its other subnets too). */
function vpcBlock(model: NetworkModel, vpc: Id | null, addr: Addr): string | undefined {
  return vpc === null ? undefined : model.vpcCidrs(vpc).find((c): c is string => isKnown(c) && coverage(c, addr) === 'all');
}

function cidrText(addr: Addr): string {
  return addr.kind === 'cidr' ? addr.cidr.text : addr.kind === 'public' ? (addr.family === 4 ? '0.0.0.0/0' : '::/0') : '(unknown)';
}

function azText(subnet: Subnet): string {
  return isKnown(subnet.availabilityZone) ? subnet.availabilityZone : `the AZ of ${subnet.address}`;
}

/** P11: the VPC's attachment to the gateway must have a subnet in the AZ of `end` (TGW_ROUTE_AZ_RESTRICTION). */
function attachmentStep(model: NetworkModel, trace: Trace, tgw: TransitGateway, end: TgwEnd, leg: 'forward' | 'return'): TransitGatewayAttachment | null {
  const ix = indexOf(model);
  const all = ix.attachmentsOf(tgw.id);
  const attachment = all.find((a) => isKnown(a.vpc) && a.vpc === end.vpc);
  const tgwLabel = `transit gateway ${tgw.address}`;
  if (!attachment) {
    const why = end.vpc === null ? 'the VPC of the sender is unknown' : all.some((a) => !isKnown(a.vpc)) ? `an attachment of ${tgw.address} names an unknown VPC` : `the workspace declares no attachment of ${nameOf(model, end.vpc)} to it`;
    trace.unknown(tgw.id, 'transit-gateway', tgwLabel, `${why}${leg === 'return' ? ' (return)' : ''} (P11)`, 'P11');
    return null;
  }
  const label = `transit gateway attachment ${attachment.address}${leg === 'return' ? ' (return)' : ''}`;
  if (!isKnown(attachment.subnets)) {
    trace.unknown(attachment.id, 'transit-gateway-attachment', label, `its subnets are unknown: ${attachment.subnets.reason}`, 'P11');
    return null;
  }
  let open: string | null = null;
  for (const ref of attachment.subnets) {
    const s = isKnown(ref) ? model.get(ref) : undefined;
    if (!s || s.kind !== 'subnet') { open ??= `its subnet ${nameOf(model, ref)} is not in the workspace`; continue; }
    const same = azMatch(s.availabilityZone, end.subnet.availabilityZone);
    if (same === true) {
      trace.pass(attachment.id, 'transit-gateway-attachment', label, `attaches ${nameOf(model, attachment.vpc)} to ${tgw.address} with ${s.address} in ${azText(end.subnet)}`, 'P11');
      return attachment;
    }
    if (same === null) open ??= `cannot tell whether ${s.address} is in the AZ of ${end.subnet.address}`;
  }
  if (open !== null) {
    trace.unknown(attachment.id, 'transit-gateway-attachment', label, `${open}, so whether ${end.subnet.address} can reach the transit gateway is unknown (P11)`, 'P11');
    return null;
  }
  const az = azText(end.subnet);
  trace.block(attachment.id, 'transit-gateway-attachment', label,
    `the attachment has no subnet in ${az}, so traffic from ${end.subnet.address} cannot reach the transit gateway (P11)`, 'P11', 'TGW_ROUTE_AZ_RESTRICTION',
    [{ description: `add a subnet in ${az} (e.g. ${end.subnet.address}) to ${attachment.address}`, changes: [{ kind: 'other', component: attachment.id }] }]);
  return null;
}

/** A table of the gateway with a route to `dest`, else the default table, else any: what an association fix proposes. */
function tableForFix(model: NetworkModel, tgw: TransitGateway, dest: Addr): Id | null {
  const ix = indexOf(model);
  const tables = ix.tablesOf(tgw);
  return tables.find((t) => ix.lookup(t, dest).kind === 'attachment') ?? tables[0] ?? null;
}

/**
 * Looks `dest` up in the table `attachment` is associated with; records the hops. Returns the attachment the
 * traffic leaves through, or null when the path blocks or stays open.
 */
function routeStep(model: NetworkModel, trace: Trace, tgw: TransitGateway, attachment: TransitGatewayAttachment, dest: Addr, destLabel: string, leg: 'forward' | 'return', peer: TransitGatewayAttachment | null): TransitGatewayAttachment | null {
  const ix = indexOf(model);
  const suffix = leg === 'return' ? ' (return)' : '';
  const association = ix.association(attachment, tgw);
  if ('unknown' in association) {
    trace.unknown(attachment.id, 'transit-gateway-attachment', `transit gateway attachment ${attachment.address}${suffix}`, `its route table association is unknown: ${association.unknown}`, 'P11');
    return null;
  }
  if (association.table === null) {
    const table = tableForFix(model, tgw, dest);
    trace.block(attachment.id, 'transit-gateway-attachment', `transit gateway attachment ${attachment.address}${suffix}`,
      `the attachment is associated with no transit gateway route table, so ${tgw.address} does not route its traffic (P11)`, 'P11', 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION',
      [{
        // P11: with default association and propagation disabled the gateway has no route table at all.
        description: table === null
          ? `create ${tgw.address.startsWith('aws_') ? 'an aws_ec2_transit_gateway_route_table' : 'an AWS::EC2::TransitGatewayRouteTable'} for ${tgw.address} and associate ${attachment.address} with it`
          : `associate ${attachment.address} with transit gateway route table ${nameOf(model, table)}`,
        changes: [{ kind: 'other', component: attachment.id }],
      }]);
    return null;
  }
  const table = association.table;
  const tableLabel = `transit gateway route table ${nameOf(model, table)}${suffix}`;
  if (association.via !== null && model.get(association.via)?.existence !== undefined) {
    trace.pass(association.via, 'transit-gateway-association', nameOf(model, association.via), `associates ${attachment.address} with ${nameOf(model, table)}`, 'P11');
  }
  const match = ix.lookup(table, dest);
  switch (match.kind) {
    case 'unknown':
      trace.unknown(table, 'transit-gateway-route-table', tableLabel, `the route to ${destLabel} is unknown: ${match.reason} (TGW_RTB_ROUTES_ARE_UNKNOWN)`, 'P11');
      return null;
    case 'none': {
      const cidr = cidrText(dest);
      const fixCidr = (peer !== null && isKnown(peer.vpc) ? vpcBlock(model, peer.vpc, dest) : undefined) ?? cidr;
      const fixes: Fix[] = peer === null ? [] : [
        { description: `propagate ${peer.address} to transit gateway route table ${nameOf(model, table)}`, changes: [{ kind: 'other', component: table }] },
        { description: `add a route to ${fixCidr} → ${peer.address} in transit gateway route table ${nameOf(model, table)}`, changes: [{ kind: 'add-route', routeTable: table, destination: fixCidr, target: peer.id }] },
      ];
      trace.block(table, 'transit-gateway-route-table', tableLabel, `no route covers ${destLabel} (${cidr}) (P11)`, 'P11', 'TGW_RTB_CANNOT_ROUTE', fixes);
      return null;
    }
    case 'blackhole':
      trace.block(match.route.id, 'transit-gateway-route', tableLabel, `${match.cidr} is a blackhole route (${match.route.address}): the transit gateway drops the traffic (P11, E12)`, 'P11', 'TGW_RTB_BAD_STATE_ROUTE',
        peer === null ? [] : [{ description: `route ${match.cidr} in ${nameOf(model, table)} to ${peer.address} instead of a blackhole`, changes: [{ kind: 'other', component: match.route.id }] }]);
      return null;
    case 'attachment': {
      const target = isKnown(match.attachment) ? model.get(match.attachment) : undefined;
      if (target?.kind !== 'transit-gateway-attachment') {
        trace.unknown(table, 'transit-gateway-route-table', tableLabel,
          `${match.cidr} → ${nameOf(model, match.attachment)}, an attachment the workspace does not declare as a VPC attachment (a VPN, peering or Direct Connect attachment?)`, 'P11');
        return null;
      }
      trace.pass(table, 'transit-gateway-route-table', tableLabel, `${match.cidr} → ${target.address} (${match.route === null ? `propagated from ${nameOf(model, target.vpc)}` : 'static'})`, 'P11');
      // A route or propagation created only under a condition is a hop of its own (analysis/existence.ts).
      if (match.route?.existence !== undefined) trace.pass(match.route.id, 'transit-gateway-route', match.route.address, 'selected by longest-prefix match', 'P11');
      const propagation = match.propagation ? model.get(match.propagation) : undefined;
      if (propagation?.existence !== undefined) trace.pass(propagation.id, 'transit-gateway-propagation', propagation.address, `propagates ${nameOf(model, target.vpc)} to ${nameOf(model, table)}`, 'P11');
      return target;
    }
  }
}

/**
 * Forward leg (P11): from the sender's subnet through its VPC's attachment (AZ check) and the associated route
 * table to the attachment `dest` is routed to. Null when the path blocks or stays open (recorded on the trace).
 */
export function crossTransitGateway(model: NetworkModel, trace: Trace, tgwRef: Maybe<Id>, from: TgwEnd, dest: Addr, destLabel: string, toVpc: Id | null = null): TgwCrossing | null {
  const tgw = isKnown(tgwRef) ? model.get(tgwRef) : undefined;
  if (!tgw || tgw.kind !== 'transit-gateway') {
    trace.unknown(isKnown(tgwRef) ? tgwRef : null, 'transit-gateway', `transit gateway ${nameOf(model, tgwRef)}`,
      isKnown(tgwRef) ? 'the transit gateway is not in the workspace, so its route tables are unknown (P11)' : `the transit gateway is not in the workspace (${tgwRef.reason}), so its route tables are unknown (P11)`, 'P11');
    return null;
  }
  const fromAttachment = attachmentStep(model, trace, tgw, from, 'forward');
  if (!fromAttachment) return null;
  // The destination VPC's attachment, for fixes that route to it.
  const peer = toVpc === null ? null : indexOf(model).attachmentsOf(tgw.id).find((a) => a.vpc === toVpc) ?? null;
  const to = routeStep(model, trace, tgw, fromAttachment, dest, destLabel, 'forward', peer);
  return to ? { tgw, from: fromAttachment, to } : null;
}

/**
 * Return leg (P10, P11): the receiver's subnet must route the sender's address back to the same gateway, the
 * destination attachment must have a subnet in the receiver's AZ, and its route table must route the sender's
 * address to the sender's attachment. Returns whether the return path works.
 */
export function returnThroughTransitGateway(model: NetworkModel, trace: Trace, crossing: TgwCrossing, receiver: Subnet, back: Addr): boolean {
  const { tgw } = crossing;
  const cidr = cidrText(back);
  const assoc = model.routeTableOf(receiver.id);
  if (!isKnown(assoc.id)) { trace.unknown(null, 'route-table', `route table of ${receiver.address} (return)`, assoc.id.reason, 'P11'); return false; }
  const tableLabel = `route table ${nameOf(model, assoc.id)} (return)`;
  const ret = lookupRoute(model, assoc.id, { kind: 'addr', addr: back });
  if (ret.kind === 'unknown') { trace.unknown(assoc.id, 'route-table', tableLabel, ret.reason, 'P11'); return false; }
  const target = ret.kind === 'route' ? ret.route.target : null;
  if (target?.kind === 'transit-gateway' && !isKnown(target.ref)) {
    trace.unknown(assoc.id, 'route-table', tableLabel, `the return route to ${cidr} goes to an unknown transit gateway: ${target.ref.reason}`, 'P11');
    return false;
  }
  if (target?.kind !== 'transit-gateway' || target.ref !== tgw.id) {
    // The fix routes the sender's whole VPC block, which also covers its other subnets.
    const fixCidr = vpcBlock(model, isKnown(crossing.from.vpc) ? crossing.from.vpc : null, back) ?? cidr;
    trace.block(assoc.id, 'route-table', tableLabel, `no return route to ${cidr} through ${tgw.address} for ${receiver.address} (P11)`, 'P11', 'NO_ROUTE_TO_DESTINATION',
      [{ description: `add a route to ${fixCidr} → ${tgw.address} in route table ${nameOf(model, assoc.id)}`, changes: [{ kind: 'add-route', routeTable: assoc.id, destination: fixCidr, target: tgw.id }] }]);
    return false;
  }
  const d = ret.kind === 'route' ? ret.route.destination : null;
  trace.pass(assoc.id, 'route-table', tableLabel, `${d === null || d.kind === 'prefix-list' || !isKnown(d.cidr) ? cidr : d.cidr} → ${tgw.address}`, 'P11');
  const vpc = isKnown(receiver.vpc) ? receiver.vpc : null;
  const receiverAttachment = attachmentStep(model, trace, tgw, { vpc, subnet: receiver, addr: addrOf(receiver.cidrBlock, receiver.address) }, 'return');
  if (!receiverAttachment) return false;
  const back2 = routeStep(model, trace, tgw, receiverAttachment, back, `the sender ${cidr}`, 'return', crossing.from);
  if (!back2) return false;
  if (back2.id !== crossing.from.id) {
    trace.unknown(back2.id, 'transit-gateway-attachment', `transit gateway attachment ${back2.address} (return)`,
      `replies to ${cidr} are routed to ${back2.address}, not back to ${crossing.from.address}: an appliance in ${nameOf(model, back2.vpc)} may forward them`, 'P11');
    return false;
  }
  return true;
}

/**
 * A private destination over a transit gateway (P11): the forward crossing must end at the attachment of the
 * destination subnet's VPC, and the replies must come back the same way. Returns whether the path works.
 */
export function transitGatewayToSubnet(model: NetworkModel, trace: Trace, tgwRef: Maybe<Id>, from: TgwEnd, dst: Subnet): boolean {
  const dstAddr = addrOf(dst.cidrBlock, dst.address);
  const dstVpc = isKnown(dst.vpc) ? dst.vpc : null;
  const crossing = crossTransitGateway(model, trace, tgwRef, from, dstAddr, dst.address, dstVpc);
  if (!crossing) return false;
  if (!isKnown(crossing.to.vpc) || crossing.to.vpc !== dstVpc) {
    trace.unknown(crossing.to.id, 'transit-gateway-attachment', `transit gateway attachment ${crossing.to.address}`,
      `${dst.address} is routed to ${nameOf(model, crossing.to.vpc)}, not to its own VPC ${nameOf(model, dstVpc)}: an appliance there may forward it`, 'P11');
    return false;
  }
  return returnThroughTransitGateway(model, trace, crossing, dst, from.addr);
}

/** The attachment's subnet in `near`'s AZ, else its first subnet in the workspace: where traffic enters its VPC. */
export function entrySubnet(model: NetworkModel, attachment: TransitGatewayAttachment, near: Subnet): Subnet | null {
  if (!isKnown(attachment.subnets)) return null;
  let first: Subnet | null = null;
  for (const ref of attachment.subnets) {
    const s = isKnown(ref) ? model.get(ref) : undefined;
    if (!s || s.kind !== 'subnet') continue;
    if (azMatch(s.availabilityZone, near.availabilityZone) === true) return s;
    first ??= s;
  }
  return first;
}

/**
 * The target's security-group ingress for traffic that crossed a transit gateway (P3): a rule referencing the
 * function's security group matches only when security group referencing support is enabled on the gateway
 * and both attachments (SG_REFERENCES_NOT_PRESERVED otherwise). `legPath` is the path through the gateway.
 */
export function transitGatewaySgIngress(model: NetworkModel, trace: Trace, groups: readonly Maybe<Id>[], src: GroupEnd & { readonly vpc: Id | null }, port: number | null, what: string, legPath: readonly Hop[], dstVpc: Id | null): void {
  const hop = legPath.find((h) => h.componentKind === 'transit-gateway-attachment' && h.component !== null);
  const attachment = hop?.component ? model.get(hop.component) : undefined;
  const tgwRef: Maybe<Id> = attachment?.kind === 'transit-gateway-attachment' ? attachment.transitGateway : unknown('the transit gateway of the path is unknown');
  const keeps = transitGatewayKeepsSgReferences(model, tgwRef, [src.vpc, dstVpc]);
  if (keeps === true) return sgIngressStep(model, trace, groups, src, port, what);
  const withReferences = evaluateSecurityGroups(model, groups, 'ingress', { addr: src.addr, groups: src.knownGroups }, port);
  const withoutReferences = evaluateSecurityGroups(model, groups, 'ingress', { addr: src.addr, groups: [] }, port);
  // Only when a reference alone admits the function does its support decide.
  if (withReferences.verdict !== 'pass' || withoutReferences.verdict === 'pass') return sgIngressStep(model, trace, groups, override(src, { knownGroups: [] }), port, what);
  const component = groups.find((g): g is Id => isKnown(g)) ?? null;
  const label = `security groups ${groups.map((g) => nameOf(model, g)).join(', ')} of ${what} (ingress)`;
  const tgwName = nameOf(model, tgwRef);
  if (!isKnown(keeps)) {
    trace.unknown(component, 'security-group', label, `only a rule referencing the function's security group admits it, and whether ${tgwName} preserves security group references is unknown: ${keeps.reason} (P3)`, 'P3');
    return;
  }
  const fixes: Fix[] = [];
  if (isKnown(tgwRef)) fixes.push({ description: `enable security group referencing support on ${tgwName} and its VPC attachments`, changes: [{ kind: 'other', component: tgwRef }] });
  if (component !== null && src.addr.kind === 'cidr') {
    const block = vpcBlock(model, src.vpc, src.addr) ?? src.addr.cidr.text;
    fixes.push({ description: `allow ingress tcp ${port ?? 'on the port'} from ${block} in ${nameOf(model, component)}`,
      changes: [{ kind: 'add-sg-ingress', group: component, protocol: 'tcp', port: port ?? 0, sourceGroup: null, sourceCidr: block }] });
  }
  trace.block(component, 'security-group', label,
    `only a rule referencing the function's security group admits it, but security group referencing support is not enabled on ${tgwName} and its attachments, so the reference does not match traffic over the transit gateway (P3)`,
    'P3', 'SG_REFERENCES_NOT_PRESERVED', fixes);
}

/**
 * The function's SG egress towards a target reached over a transit gateway (P2, P3): a rule referencing the
 * target's group never matches there, since transit gateway security group referencing covers inbound rules only
 * (outbound references over a transit gateway are not supported). When only such a rule would allow the traffic,
 * the block says so (SG_REFERENCES_NOT_PRESERVED) and the fix names the target VPC's block (`block`).
 */
export function transitGatewaySgEgress(model: NetworkModel, trace: Trace, src: GroupEnd, dstAddr: Addr, targetGroups: readonly Id[], port: number | null, block: string | null): void {
  const without = evaluateSecurityGroups(model, src.groups, 'egress', { addr: dstAddr, groups: [] }, port);
  const withReferences = without.verdict === 'block' && targetGroups.length > 0 ? evaluateSecurityGroups(model, src.groups, 'egress', { addr: dstAddr, groups: targetGroups }, port) : without;
  if (withReferences.verdict === 'block' || without.verdict !== 'block') return sgEgressStep(model, trace, src, { addr: dstAddr, groups: [] }, port, block ?? undefined);
  const component = src.knownGroups[0] ?? null;
  const fixes: Fix[] = component === null || block === null ? [] : [{
    description: `allow egress tcp ${port ?? 'to the port'} to ${block} in ${nameOf(model, component)}: a security group reference in an outbound rule does not work over a transit gateway`,
    changes: [{ kind: 'add-sg-egress', group: component, protocol: 'tcp', port: port ?? 0, peer: block }],
  }];
  trace.block(component, 'security-group', `security groups ${src.groups.map((g) => nameOf(model, g)).join(', ')} (egress)`,
    'only a rule referencing the target\'s security group allows it, but references in outbound rules do not match traffic over a transit gateway (only inbound rules can reference groups across one) (P3)',
    'P3', 'SG_REFERENCES_NOT_PRESERVED', fixes);
}

/** Whether the security groups on both ends can reference each other across the gateway (P3): both flags enabled. */
export function transitGatewayKeepsSgReferences(model: NetworkModel, tgwRef: Maybe<Id>, vpcs: readonly (Id | null)[]): Maybe<boolean> {
  const tgw = isKnown(tgwRef) ? model.get(tgwRef) : undefined;
  if (!tgw || tgw.kind !== 'transit-gateway') return { unknown: true, reason: 'the transit gateway is not in the workspace' };
  let result: Maybe<boolean> = tgw.securityGroupReferencing ?? false;
  for (const vpc of vpcs) {
    const a = indexOf(model).attachmentsOf(tgw.id).find((x) => isKnown(x.vpc) && x.vpc === vpc);
    result = both(result, a?.securityGroupReferencing);
  }
  return result;
}

/**
 * A fix for a route table without a route to another VPC: a transit gateway both VPCs are attached to
 * (P11), as "add a route to <VPC CIDR> → <tgw> in <table>". Empty when there is none.
 */
export function transitGatewayRouteFixes(model: NetworkModel, table: Id, srcVpc: Id, dstVpc: Id): Fix[] {
  const cidr = model.vpcCidrs(dstVpc).find((c): c is string => isKnown(c) && !c.includes(':'));
  if (cidr === undefined) return [];
  const ix = indexOf(model);
  for (const tgw of model.all('transit-gateway')) {
    const attached = ix.attachmentsOf(tgw.id);
    if (!attached.some((a) => a.vpc === srcVpc) || !attached.some((a) => a.vpc === dstVpc)) continue;
    return [{ description: `add a route to ${cidr} → ${tgw.address} in route table ${nameOf(model, table)}`, changes: [{ kind: 'add-route', routeTable: table, destination: cidr, target: tgw.id }] }];
  }
  return [];
}
