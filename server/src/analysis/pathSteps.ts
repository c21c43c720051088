// The hop evaluators a path is made of (M5): security-group egress/ingress, a NACL in one direction, and a
// route lookup, each recorded on a Trace with its explanation code and the fixes for that hop alone.

import { isKnown, type Maybe } from '../model/origin';
import { implicitRef, type Id, type NatGateway, type RouteDestination, type Subnet, type Target } from '../model/types';
import type { Association, NetworkModel } from '../model/network';
import type { Addr } from './addressing';
import { displayName } from './naming';
import { evaluateNetworkAcl } from './networkAcls';
import { evaluateSecurityGroups, type SgPeerSpec } from './securityGroups';
import type { Trace } from './trace';
import type { Change, Fix } from './types';

/** What the security-group steps need of the function's end: its groups and its address (known or not). */
export interface GroupEnd {
  readonly addr: Addr;
  readonly groups: readonly Maybe<Id>[];
  /** The known groups, canonical ids. */
  readonly knownGroups: readonly Id[];
}

/** The function's end of a path: one subnet with the function's security groups (M3). */
export interface Source extends GroupEnd {
  readonly subnet: Subnet;
  readonly vpc: Id | null;
  readonly table: Association;
  readonly acl: Association;
  /** Identity of the group set, for memoising group-dependent steps. */
  readonly groupKey: string;
  readonly managed: boolean;
}

/** The object's address for messages (never a model id). */
export function nameOf(model: NetworkModel, id: Maybe<Id> | null): string {
  return displayName(model, id);
}

/** The subnets a target may live in: its own list, or its DB/cache subnet group's (EFS mount targets are targets of their own, P13). */
export function targetSubnets(model: NetworkModel, target: Target): Maybe<readonly Maybe<Id>[]> {
  if (target.subnetGroup === null) return target.subnets;
  if (!isKnown(target.subnetGroup)) return target.subnetGroup;
  const group = model.get(target.subnetGroup);
  if (group?.kind === 'subnet-group') return group.subnets;
  return { unknown: true, reason: `subnet group ${nameOf(model, target.subnetGroup)} is not in the workspace` };
}

/** A target's subnets when every one is a subnet of the workspace, else why not. */
export function declaredSubnets(model: NetworkModel, target: Target): Subnet[] | string {
  const refs = targetSubnets(model, target);
  if (!isKnown(refs)) return `the subnets of ${target.address} are unknown: ${refs.reason}`;
  if (refs.length === 0) return `the subnets of ${target.address} are not declared`;
  const out: Subnet[] = [];
  for (const ref of refs) {
    const s = isKnown(ref) ? model.get(ref) : undefined;
    if (s?.kind !== 'subnet') return `a subnet of ${target.address} is ${isKnown(ref) ? `not in the workspace (${nameOf(model, ref)})` : `unknown: ${ref.reason}`}`;
    out.push(s);
  }
  return out;
}

/**
 * A target's security groups; none declared: its VPC's default group, as AWS assigns it (P2). A Network Load
 * Balancer created without groups filters nothing (`unfiltered`) and gets none.
 */
export function targetGroups(model: NetworkModel, target: Target, vpc: Maybe<Id> | null | undefined): readonly Maybe<Id>[] {
  const raw = isKnown(target.securityGroups) ? target.securityGroups : [target.securityGroups];
  if (raw.length > 0 || target.unfiltered === true || vpc === null || vpc === undefined || !isKnown(vpc)) return raw;
  return [model.canonical(implicitRef(vpc, 'default-security-group'))];
}

/** The known groups of a list, by their canonical ids (what rules naming a group are compared with). */
export function knownGroupsOf(model: NetworkModel, groups: readonly Maybe<Id>[]): Id[] {
  return groups.filter((g): g is Id => isKnown(g)).map((g) => model.canonical(g));
}

/** The first group the workspace declares (not an implicit default group, whose ids hold '#': implicitRef). */
export function declaredGroupOf(model: NetworkModel, groups: readonly Id[]): Id | undefined {
  return groups.find((g) => model.get(g) !== undefined && !g.includes('#'));
}

/** A route's destination in hop text: its block, a customer prefix list by name, or the service prefix list. */
export function routeDestinationText(model: NetworkModel, d: RouteDestination): string {
  if (d.kind === 'prefix-list') return d.prefixList.kind === 'object' ? `prefix list ${nameOf(model, d.prefixList.ref)}` : 'the service prefix list';
  return isKnown(d.cidr) ? d.cidr : '(unknown)';
}

/** E3: whether the internet gateway is attached to the VPC; when not, a block with the fix that attaches it. */
export function igwAttachedStep(model: NetworkModel, trace: Trace, igw: Id, vpc: Id, label: string): boolean {
  if (model.vpcsOfInternetGateway(model.canonical(igw)).includes(vpc)) return true;
  trace.block(igw, 'internet-gateway', label, `the internet gateway is not attached to ${nameOf(model, vpc)}`, 'E3', 'LAMBDA_IGW_NOT_ATTACHED',
    [{ description: `attach ${nameOf(model, igw)} to ${nameOf(model, vpc)}`, changes: [{ kind: 'attach-igw', gateway: igw, vpc }] }]);
  return false;
}

/** M3: an attachment that may not be created is a hop of its own, so the answer through the gateway stays open. */
export function conditionalAttachmentHop(model: NetworkModel, trace: Trace, igw: Id, vpc: Id): void {
  const attachment = model.conditionalAttachment(model.canonical(igw), vpc);
  if (attachment) trace.pass(attachment.id, 'gateway-attachment', attachment.address, `attaches ${nameOf(model, igw)} to ${nameOf(model, vpc)}`, 'E3');
}

/** Each group once: a list may name one twice (AWS keeps the set, H1). */
function groupsLabel(model: NetworkModel, groups: readonly Maybe<Id>[]): string {
  return [...new Set(groups.map((g) => nameOf(model, g)))].join(', ') || '(none)';
}

function peerText(addr: Addr): string {
  return addr.kind === 'cidr' ? addr.cidr.text : addr.family === 6 ? '::/0' : '0.0.0.0/0';
}

/** SG egress of the function's groups (P1, P2, E8); returns whether the hop passed. */
export function sgEgressStep(model: NetworkModel, trace: Trace, src: GroupEnd, peer: SgPeerSpec, port: number | null, fixPeer?: string): void {
  const v = evaluateSecurityGroups(model, src.groups, 'egress', peer, port);
  const component = src.knownGroups[0] ?? null;
  const label = (): string => `security groups ${groupsLabel(model, src.groups)} (egress)`;
  if (v.verdict === 'pass') return trace.pass(component, 'security-group', label, v.detail, 'P1');
  if (v.verdict === 'unknown') return trace.unknown(component, 'security-group', label, v.detail, 'P1');
  // `fixPeer` may be a security group's id (P3): the description names it by address.
  const peerName = fixPeer !== undefined && model.get(fixPeer) ? nameOf(model, fixPeer) : fixPeer;
  const fixes: Fix[] = component === null ? [] : [{
    description: `allow egress tcp ${port ?? 'to the port'} to ${peerName ?? peerText(peer.addr)} in ${nameOf(model, component)}`,
    changes: [{ kind: 'add-sg-egress', group: component, protocol: 'tcp', port: port ?? 0, peer: fixPeer ?? peerText(peer.addr) }],
  }];
  trace.block(component, 'security-group', label, v.detail, 'P2', v.noRules ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH', fixes);
}

/**
 * SG ingress of the far end (target, endpoint ENI) from the function (P2, P3, E9). `sourceCidr`: the fix admits
 * this block instead of the function's group (where a group reference cannot match, P3).
 */
export function sgIngressStep(model: NetworkModel, trace: Trace, groups: readonly Maybe<Id>[], src: GroupEnd, port: number | null, what: string, tag?: string, sourceCidr?: string): void {
  // P3: an unknown group of the function may be the one an ingress rule names.
  const someGroupsUnknown = src.knownGroups.length < src.groups.length;
  const v = evaluateSecurityGroups(model, groups, 'ingress', { addr: src.addr, groups: src.knownGroups, someGroupsUnknown }, port);
  const component = groups.find((g): g is Id => isKnown(g)) ?? null;
  const label = (): string => `security groups ${groupsLabel(model, groups)} of ${what} (ingress)`;
  if (v.verdict === 'pass') return trace.pass(component, 'security-group', label, v.detail, 'P2');
  if (v.verdict === 'unknown') return trace.unknown(component, 'security-group', label, v.detail, 'P2');
  const sourceGroup = src.knownGroups[0] ?? null;
  const fixes: Fix[] = [];
  if (component !== null && sourceCidr !== undefined) {
    fixes.push({
      description: `allow ingress tcp ${port ?? 'on the port'} from ${sourceCidr} in ${nameOf(model, component)}`,
      changes: [{ kind: 'add-sg-ingress', group: component, protocol: 'tcp', port: port ?? 0, sourceGroup: null, sourceCidr }],
    });
  } else if (component !== null && sourceGroup !== null) {
    fixes.push({
      description: `allow ingress tcp ${port ?? 'on the port'} from ${nameOf(model, sourceGroup)} in ${nameOf(model, component)}`,
      changes: [{ kind: 'add-sg-ingress', group: component, protocol: 'tcp', port: port ?? 0, sourceGroup, sourceCidr: null }],
    });
  }
  trace.block(component, 'security-group', label, v.detail, 'P2', v.noRules ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH', fixes, tag);
}

/** One NACL, one direction (P5, P6); `anyPort`: the request is one unknown port of [from, to] (a target's port unknown). */
export function aclStep(model: NetworkModel, trace: Trace, acl: Association, egress: boolean, peer: Addr, from: number, to: number, where: string, anyPort = false): void {
  // P5, M3: an association that may not be created (else the default NACL applies) is a hop of its own, once
  // per path, so the answer through the NACL stays open (existence.ts).
  const via = acl.via !== null ? model.get(acl.via) : undefined;
  if (via?.existence !== undefined && !trace.hops.some((h) => h.component === via.id)) {
    trace.pass(via.id, 'network-acl-association', via.address, `associates ${where} with network ACL ${nameOf(model, acl.id)}`, 'P5');
  }
  const v = evaluateNetworkAcl(model, acl.id, egress, peer, from, to, anyPort);
  const component = isKnown(acl.id) ? acl.id : null;
  const label = (): string => `network ACL ${nameOf(model, acl.id)} of ${where} (${egress ? 'outbound' : 'inbound'})`;
  const rule = from === to || anyPort ? 'P5' : 'P6';
  if (v.verdict === 'pass') {
    if (v.narrow && component !== null) trace.narrowAcls.push(component);
    return trace.pass(component, 'network-acl', label, v.detail, rule);
  }
  if (v.verdict === 'unknown') return trace.unknown(component, 'network-acl', label, v.detail, rule);
  // P5: first match wins, so an allow added after a matching deny changes nothing: say where it must go.
  const deny = v.entry !== null ? model.get(v.entry) : undefined;
  const denyNumber = deny?.kind === 'network-acl-entry' && isKnown(deny.ruleNumber) && isKnown(deny.action) && deny.action === 'deny' ? deny.ruleNumber : null;
  const denyName = deny !== undefined && deny.address !== nameOf(model, component) ? ` (${deny.address})` : '';
  const placement = deny !== undefined && denyNumber !== null
    ? ` with a rule numbered below ${denyNumber}, or remove or narrow the deny rule ${denyNumber}${denyName}, which matches first`
    : '';
  const fixes: Fix[] = component === null ? [] : [{
    description: `allow ${egress ? 'outbound' : 'inbound'} tcp ${anyPort ? 'on the target\'s port' : from === to ? from : `${from}-${to}`} ${egress ? 'to' : 'from'} ${peerText(peer)} in ${nameOf(model, component)}${placement}`,
    changes: [{ kind: 'add-nacl-entry', acl: component, egress, protocol: 'tcp', fromPort: from, toPort: to, cidr: peerText(peer) }],
  }];
  trace.block(component, 'network-acl', label, v.detail, rule, 'SUBNET_ACL_RESTRICTION', fixes);
}

/** Whether a NAT gateway can reach the internet (E3): public, with an EIP, and its subnet routes to an attached IGW. */
export function natWorks(model: NetworkModel, nat: NatGateway): boolean {
  if (nat.connectivityType !== 'public' || nat.hasElasticIp !== true || nat.subnet === null || !isKnown(nat.subnet)) return false;
  const subnet = model.get(nat.subnet);
  if (!subnet || subnet.kind !== 'subnet' || !isKnown(subnet.vpc)) return false;
  const table = model.routeTableOf(subnet.id).id;
  if (!isKnown(table)) return false;
  for (const route of model.routesOf(table)) {
    if (route.destination.kind === 'ipv4' && route.destination.cidr === '0.0.0.0/0' && route.target.kind === 'internet-gateway' && isKnown(route.target.ref)) {
      return model.vpcsOfInternetGateway(route.target.ref).includes(subnet.vpc);
    }
  }
  return false;
}

/** A subnet of the VPC whose route table sends 0.0.0.0/0 to an attached IGW (where a NAT gateway could go). */
export function publicSubnetOf(model: NetworkModel, vpc: Id, az?: string): Subnet | null {
  for (const subnet of model.all('subnet')) {
    if (subnet.vpc !== vpc || (az !== undefined && subnet.availabilityZone !== az)) continue;
    const table = model.routeTableOf(subnet.id).id;
    if (!isKnown(table)) continue;
    const viaIgw = model.routesOf(table).some((r) => r.destination.kind === 'ipv4' && r.destination.cidr === '0.0.0.0/0' && r.target.kind === 'internet-gateway' && isKnown(r.target.ref) && model.vpcsOfInternetGateway(r.target.ref).includes(vpc));
    if (viaIgw) return subnet;
  }
  return null;
}

/** E10: turning on an interface endpoint's private DNS, so SDK hostnames resolve to its ENIs. */
export function privateDnsFix(model: NetworkModel, endpoint: { readonly id: Id; readonly address: string; readonly vpc: Maybe<Id> }): Fix {
  // E9: AWS refuses private DNS on an endpoint whose VPC has DNS support or DNS hostnames off, so the fix
  // turns those on too; otherwise applying it would only trade one finding for VPCE_VPC_DNS_DISABLED.
  const vpc = isKnown(endpoint.vpc) ? model.get(endpoint.vpc) : undefined;
  const off = vpc?.kind === 'vpc' ? (['enableDnsSupport', 'enableDnsHostnames'] as const).filter((a) => vpc[a] === false) : [];
  if (vpc?.kind !== 'vpc' || off.length === 0) {
    return { description: `enable private DNS on ${endpoint.address}`, changes: [{ kind: 'enable-private-dns', endpoint: endpoint.id }] };
  }
  const what = off.map((a) => (a === 'enableDnsSupport' ? 'DNS support' : 'DNS hostnames')).join(' and ');
  return {
    description: `enable private DNS on ${endpoint.address}, and ${what} on ${vpc.address}, which private DNS needs (E9)`,
    changes: [{ kind: 'enable-private-dns', endpoint: endpoint.id }, ...off.map((attribute) => ({ kind: 'enable-vpc-dns' as const, vpc: vpc.id, attribute }))],
  };
}

/** E9: a VPC DNS attribute that private DNS of interface endpoints needs (the Terraform and CloudFormation names differ: say it in words). */
export function vpcDnsFix(vpc: { readonly id: Id; readonly address: string }, attribute: 'enableDnsSupport' | 'enableDnsHostnames'): Fix {
  const what = attribute === 'enableDnsSupport' ? 'DNS support' : 'DNS hostnames';
  return { description: `enable ${what} on ${vpc.address}`, changes: [{ kind: 'enable-vpc-dns', vpc: vpc.id, attribute }] };
}

/** Whether the object is written in a CloudFormation template (not Terraform). */
export function inCloudFormation(model: NetworkModel, id: Id): boolean {
  const file = model.get(id)?.origin.file ?? '';
  return !file.endsWith('.tf') && !file.endsWith('.tf.json');
}

/**
 * "route 0.0.0.0/0 in <table>", to be followed by " to <target>". A template cannot name a VPC's main route table
 * (CloudFormation has no attribute for it), so there the subnets on it need a table of their own first.
 */
function defaultRouteIn(model: NetworkModel, table: Id, vpc: Id): string {
  if (table === implicitRef(vpc, 'main-route-table') && inCloudFormation(model, vpc)) {
    return `give the subnets on the main route table of ${nameOf(model, vpc)} a route table of their own (CloudFormation cannot name the main one) and route 0.0.0.0/0 in it`;
  }
  return `route 0.0.0.0/0 in ${nameOf(model, table)}`;
}

/** Fixes giving a subnet internet access through NAT (E3): reuse a working NAT gateway, else add one. */
export function natFixes(model: NetworkModel, src: Source): Fix[] {
  const table = isKnown(src.table.id) ? src.table.id : null;
  if (src.vpc === null || table === null) return [];
  const candidates = model.all('nat-gateway').filter((n) => {
    const s = n.subnet !== null && isKnown(n.subnet) ? model.get(n.subnet) : undefined;
    return s?.kind === 'subnet' && s.vpc === src.vpc && s.id !== src.subnet.id && natWorks(model, n);
  });
  const sameAz = candidates.find((n) => {
    const s = n.subnet !== null && isKnown(n.subnet) ? model.get(n.subnet) : undefined;
    return s?.kind === 'subnet' && s.availabilityZone === src.subnet.availabilityZone;
  });
  const nat = sameAz ?? candidates[0];
  if (nat) {
    const toExisting: Fix = { description: `${defaultRouteIn(model, table, src.vpc)} to ${nat.address}`, changes: [{ kind: 'add-nat-route', routeTable: table, natGateway: nat.id }] };
    // E4: a NAT gateway in another AZ works, but the subnet then loses its way out when that AZ fails (and the
    // traffic crosses AZs, LAMBDA_NAT_OTHER_AZ): where the subnet's own AZ has a public subnet, the AZ-local NAT
    // gateway is the other alternative.
    const az = src.subnet.availabilityZone;
    const local = sameAz === undefined && isKnown(az) ? publicSubnetOf(model, src.vpc, az) : null;
    if (local === null || !isKnown(az)) return [toExisting];
    return [toExisting, {
      description: `add a public NAT gateway in ${local.address} (${az}, the subnet's own AZ) and ${defaultRouteIn(model, table, src.vpc)} to it`,
      changes: [{ kind: 'add-nat-gateway', vpc: src.vpc, publicSubnet: local.id }, { kind: 'add-nat-route', routeTable: table, natGateway: null }],
    }];
  }
  // A NAT gateway the code declares but does not create (count 0): the fix is to create it, not to add one.
  const declared = model.notCreated?.find((n) => n.resourceType === 'aws_nat_gateway');
  if (declared) {
    // Worded as the change to make (fixes are joined with "and"): a bare "is not created" reads as a fact.
    return [{ description: `create ${declared.address} (${declared.reason})${declared.hint ? `: ${declared.hint}` : ''}`, changes: [{ kind: 'other', component: null }] }];
  }
  const pub = publicSubnetOf(model, src.vpc);
  const natChanges: Change[] = [{ kind: 'add-nat-gateway', vpc: src.vpc, publicSubnet: pub?.id ?? null }, { kind: 'add-nat-route', routeTable: table, natGateway: null }];
  if (pub) {
    return [{ description: `add a public NAT gateway in ${pub.address} and ${defaultRouteIn(model, table, src.vpc)} to it`, changes: natChanges }];
  }
  // E3: the NAT gateway needs a public subnet, which needs an internet gateway attached to the VPC: the whole change.
  const igw = model.internetGatewaysOf(src.vpc)[0];
  const first = igw !== undefined
    ? `add a public subnet whose route table sends 0.0.0.0/0 to ${nameOf(model, igw)}`
    : `attach an internet gateway to ${nameOf(model, src.vpc)}, add a public subnet whose route table sends 0.0.0.0/0 to it`;
  return [{
    description: `${first}, add a public NAT gateway in that subnet and ${defaultRouteIn(model, table, src.vpc)} to the NAT gateway`,
    changes: [...natChanges, { kind: 'other', component: src.vpc }],
  }];
}

