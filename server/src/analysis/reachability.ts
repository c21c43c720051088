// Path search from one function subnet to one destination (M3, M5): internet over NAT (E2, E3), IPv6 (E11),
// AWS services over gateway/interface endpoints or NAT (E6–E10), private targets over local routes and
// peering (P2–P13). Results are memoised per (subnet, security-group set, destination): functions share them.

import { isKnown, type Maybe } from '../model/origin';
import { implicitRef, type Id, type Route, type RouteTargetKind, type Subnet, type Target, type VpcEndpoint } from '../model/types';
import type { NetworkModel } from '../model/network';
import { addrOf, type Addr } from './addressing';
import { endpointRegionMatch } from './endpointRegion';
import { withExistence } from './existence';
import { evaluateEndpointPolicy, type EndpointRequest, type PolicyResolver } from './endpointPolicy';
import { EPHEMERAL_FROM, EPHEMERAL_TO } from './networkAcls';
import { symbolLabel } from './naming';
import { aclStep, conditionalAttachmentHop, declaredGroupOf, declaredSubnets, igwAttachedStep, inCloudFormation, knownGroupsOf, nameOf, natFixes, privateDnsFix, publicSubnetOf, routeDestinationText, sgEgressStep, sgIngressStep, targetGroups, targetSubnets, vpcDnsFix, type GroupEnd, type Source } from './pathSteps';
import { lookupRoute, type RouteMatch, type RouteQuery } from './routeLookup';
import { policyResolver } from './serviceRequests';
import { privateRouteFixes } from './privateRouteFixes';
import { proxyAndDatabase, proxyDatabaseLeg } from './proxyDatabase';
import { hasPublicEndpoint, publicEndpointLeg } from './publicEndpoint';
import { peeringSgIngress, sameRegion, vpcBlock } from './peeringRegion';
import { peeringHop } from './peeringAcceptance';
import { peeringOverlapHop } from './peeringOverlap';
import { regionalNatStep } from './regionalNat';
import { publicAccessStep, publicAccessToNodes } from './blockPublicAccess';
import { crossTransitGateway, entrySubnet, returnThroughTransitGateway, transitGatewaySgEgress, transitGatewaySgIngress, transitGatewayToSubnet } from './transitGateway';
import { rules } from './rules';
import { Trace, type Evaluation } from './trace';
import type { Fix, Hop, Via } from './types';
import { azMatch } from './availabilityZones';
import { override } from '../model/override';

export type DestinationSpec =
  /** `port`: what the function connects to (443 unless a URL it names says otherwise, P2). */
  | { readonly kind: 'internet'; readonly family: 4 | 6; readonly port?: number }
  /** `request`: what the function asks of the service, checked against endpoint policies (E7, E9). */
  | { readonly kind: 'service'; readonly service: string; readonly request?: EndpointRequest }
  | { readonly kind: 'target'; readonly target: Target; readonly port: number | null };

const HTTPS = 443;
const PUBLIC4: Addr = { kind: 'public', family: 4 };
const PUBLIC6: Addr = { kind: 'public', family: 6 };
/** VPC Lattice's IPv4 link-local range (the com.amazonaws.<region>.vpc-lattice prefix list). */
const LATTICE4: Addr = addrOf('169.254.171.0/24', 'VPC Lattice');
const UNKNOWN4: Addr = { kind: 'unknown', family: 4, reason: 'the function\'s subnet is unknown' };
/** No Reachability Analyzer explanation code covers endpoint policies: ours, listed with the LAMBDA_* codes. */
const VPCE_POLICY_DENIES = 'VPCE_POLICY_DENIES';

export function destinationKey(dest: DestinationSpec): string {
  switch (dest.kind) {
    case 'internet': return `${dest.family === 4 ? 'internet' : 'internet-ipv6'}${dest.port === undefined || dest.port === HTTPS ? '' : `:${dest.port}`}`;
    case 'service': return `service:${dest.service}${dest.request ? `|${dest.request.key}` : ''}`;
    case 'target': return `target:${dest.target.id}:${dest.port ?? '?'}`;
  }
}

/** Route target kinds whose objects the model holds: a reference to one that is missing names something gone (E12). */
const MODELLED_TARGETS: ReadonlySet<RouteTargetKind> = new Set<RouteTargetKind>(['internet-gateway', 'nat-gateway', 'egress-only-internet-gateway', 'vpc-peering', 'transit-gateway', 'vpc-endpoint', 'instance']);

export class PathSearch {
  private readonly memo = new Map<string, Evaluation>();
  private readonly stopped = new Set<string>();
  private readonly eniHops = new Map<string, Hop>();
  private resolver: PolicyResolver | null = null;

  constructor(private readonly model: NetworkModel) {}

  /** Evaluates one function subnet (an id or an unknown) with the function's groups. */
  evaluate(subnetRef: Maybe<Id>, groups: readonly Maybe<Id>[], groupKey: string, managed: boolean, dest: DestinationSpec): Evaluation {
    const key = `${isKnown(subnetRef) ? subnetRef : `?${subnetRef.symbol ?? subnetRef.reason}`}|${groupKey}|${managed ? 'm' : 'h'}|${destinationKey(dest)}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    // Objects that may not be created (CloudFormation Conditions, conditional counts) leave the answer open.
    const result = withExistence(this.model, this.evaluateUncached(subnetRef, groups, groupKey, managed, dest));
    this.memo.set(key, result);
    return result;
  }

  /** A memoised part of a path that depends on the group set only (key: group set + destination). */
  private groupPart(src: Source, key: string, run: (t: Trace) => void): Evaluation {
    return this.part(`g|${src.groupKey}|${key}`, src, run);
  }

  /** A memoised part of a path that depends on the subnet only (routes, NACLs, gateways). */
  private subnetPart(src: Source, key: string, run: (t: Trace) => void | 'stop'): Evaluation {
    return this.part(`s|${src.subnet.id}|${key}`, src, run);
  }

  /** Runs and memoises a part; `run` returns 'stop' when the rest of the path cannot be evaluated. */
  private part(key: string, src: Source, run: (t: Trace) => void | 'stop'): Evaluation {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const t = new Trace(src.subnet.id);
    if (run(t) === 'stop') this.stopped.add(key);
    const result = t.finish();
    this.memo.set(key, result);
    return result;
  }

  private evaluateUncached(subnetRef: Maybe<Id>, groups: readonly Maybe<Id>[], groupKey: string, managed: boolean, dest: DestinationSpec): Evaluation {
    const m = this.model;
    if (!isKnown(subnetRef)) {
      const t = new Trace(subnetRef.symbol !== undefined ? symbolLabel(subnetRef) : '(unknown subnet)');
      t.unknown(null, 'subnet', subnetRef.symbol !== undefined ? `subnet ${symbolLabel(subnetRef)}` : 'subnet', `the subnet is unknown: ${subnetRef.reason}`, 'M3');
      this.independentFilters(t, groups, dest);
      return t.finish();
    }
    const subnet = m.get(subnetRef);
    const trace = new Trace(subnetRef);
    if (!subnet || subnet.kind !== 'subnet') {
      trace.unknown(null, 'subnet', `subnet ${nameOf(m, subnetRef)}`, 'the subnet is not defined in the workspace', 'M3');
      this.independentFilters(trace, groups, dest);
      return trace.finish();
    }
    const src: Source = {
      subnet, addr: addrOf(subnet.cidrBlock, subnet.address), vpc: isKnown(subnet.vpc) ? subnet.vpc : null,
      table: m.routeTableOf(subnet.id), acl: m.naclOf(subnet.id), groups,
      knownGroups: knownGroupsOf(m, groups), groupKey, managed,
    };
    const eniKey = `${subnet.id}|${groupKey}|${managed ? 'm' : 'h'}`;
    let eniHop = this.eniHops.get(eniKey);
    if (!eniHop) {
      eniHop = { component: subnet.id, componentKind: 'hyperplane-eni', label: managed ? `managed instance in ${subnet.address}` : `Hyperplane ENI in ${subnet.address}`, verdict: 'pass',
        detail: `source ${src.addr.kind === 'cidr' ? src.addr.cidr.text : 'address in the subnet'}, ${groups.length === 1 ? 'security group' : 'security groups'} ${groups.map((g) => nameOf(m, g)).join(', ')}`, rule: managed ? 'M3' : 'H1' };
      this.eniHops.set(eniKey, eniHop);
    }
    trace.hops.push(eniHop);
    // An EFS mount is made by Lambda itself at the mount target's address, not by a name the code resolves.
    const efs = dest.kind === 'target' && (dest.target.targetKind === 'efs-file-system' || dest.target.targetKind === 'efs-mount-target');
    if (!efs) this.vpcDnsResolution(trace, src);
    switch (dest.kind) {
      case 'internet': this.internet(trace, src, dest.family, dest.port ?? HTTPS); break;
      case 'service': this.service(trace, src, dest.service, dest.request ?? null); break;
      case 'target': this.target(trace, src, dest.target, dest.port); break;
    }
    return trace.finish();
  }

  /**
   * E7: the function finds every destination by name (service endpoints, database endpoints, API hosts), through
   * the VPC's resolver. With DNS resolution off the Amazon-provided resolver does not answer, and only a
   * resolver that DHCP options name would: the workspace does not model those, so the answer stays open.
   */
  private vpcDnsResolution(trace: Trace, src: Source): void {
    const vpc = src.vpc !== null ? this.model.get(src.vpc) : undefined;
    if (vpc?.kind !== 'vpc' || vpc.enableDnsSupport !== false) return;
    trace.unknown(vpc.id, 'vpc', `VPC ${vpc.address}`, 'DNS resolution is off in the VPC (enableDnsSupport false): the function resolves names only if DHCP options give it another DNS server, which the workspace does not show (E7)', 'E7');
  }

  /**
   * The filters that do not depend on where the function's ENI is (its subnet unknown): its own security
   * groups' egress and, for a private target, the target's ingress. A block there holds for every possible
   * subnet, so it decides "no"; passes leave the result unknown (the trace already holds the open hop).
   */
  private independentFilters(trace: Trace, groups: readonly Maybe<Id>[], dest: DestinationSpec): void {
    const m = this.model;
    const end: GroupEnd = { addr: UNKNOWN4, groups, knownGroups: knownGroupsOf(m, groups) };
    switch (dest.kind) {
      case 'internet':
        sgEgressStep(m, trace, end, { addr: dest.family === 4 ? PUBLIC4 : PUBLIC6, groups: [] }, dest.port ?? HTTPS);
        return;
      case 'service':
        // The peer is the public service range or an interface endpoint ENI, depending on the VPC.
        sgEgressStep(m, trace, end, { addr: UNKNOWN4, groups: [], service: dest.service, groupsUnknown: true }, HTTPS);
        return;
      case 'target':
        this.targetFilters(trace, end, dest.target, dest.target.targetKind === 'efs-file-system' ? 2049 : dest.port);
        return;
    }
  }

  /** SG egress towards a target and the target's SG ingress, when the target's subnet is not known. */
  private targetFilters(trace: Trace, end: GroupEnd, target: Target, port: number | null): void {
    const m = this.model;
    const raw = isKnown(target.securityGroups) ? target.securityGroups : null;
    // An empty list means the VPC's default SG, which is unknown while the subnets are.
    const known = raw !== null && raw.length > 0;
    const peerGroups = known ? knownGroupsOf(m, raw) : [];
    const groupsUnknown = !known || peerGroups.length < raw.length || target.targetKind === 'efs-file-system';
    sgEgressStep(m, trace, end, { addr: UNKNOWN4, groups: peerGroups, groupsUnknown }, port);
    if (known && target.targetKind !== 'efs-file-system') sgIngressStep(m, trace, raw, end, port, target.address);
  }

  // ------------------------------------------------------------------ internet

  /**
   * `port`: the destination port (443 for the internet and AWS APIs; an internet-facing balancer's listener port,
   * null when unknown): the function's SG egress and every NACL on the way filter on it (P2, P6, E3).
   */
  private internet(trace: Trace, src: Source, family: 4 | 6, port: number | null = HTTPS): void {
    const m = this.model;
    const pub = family === 4 ? PUBLIC4 : PUBLIC6;
    const portKey = port === HTTPS ? '' : `:${port ?? '?'}`;
    if (family === 6 && src.subnet.ipv6CidrBlock === null) {
      trace.block(src.subnet.id, 'subnet', src.subnet.address, 'the subnet has no IPv6 CIDR block, so the function sends no IPv6 traffic (E11)', 'E11', 'NO_ROUTE_TO_DESTINATION', []);
      return;
    }
    trace.append(this.groupPart(src, `internet${family}${portKey}`, (t) => sgEgressStep(m, t, src, { addr: pub, groups: [] }, port)));
    trace.append(this.subnetPart(src, `internet${family}${portKey}`, (t) => {
      const match = this.route(t, src, { kind: 'addr', addr: pub });
      if (match === null) {
        this.blockingAcls(t, src, pub, port);
        return this.noRouteFixes(t, src, null);
      }
      this.egressAcls(t, src, pub, port);
      this.routeHop(t, src, match);
      this.afterRoute(t, src, match, family, 'internet', null, null, port);
    }));
  }

  /** The function subnet's NACL both ways for traffic leaving the subnet (P6); port null: unknown (P5: every port decides). */
  private egressAcls(trace: Trace, src: Source, peer: Addr, port: number | null): void {
    if (port === null) aclStep(this.model, trace, src.acl, true, peer, 0, 65535, src.subnet.address, true);
    else aclStep(this.model, trace, src.acl, true, peer, port, port, src.subnet.address);
    aclStep(this.model, trace, src.acl, false, peer, EPHEMERAL_FROM, EPHEMERAL_TO, src.subnet.address);
  }

  /**
   * R5: with no route out, the route a fix adds (NAT, gateway endpoint) still crosses the subnet's NACL: when
   * the NACL blocks too, its hops join the blocked path so that every offered fix makes the whole path work.
   */
  private blockingAcls(trace: Trace, src: Source, peer: Addr, port: number | null = HTTPS): void {
    const scratch = new Trace(src.subnet.id);
    this.egressAcls(scratch, src, peer, port);
    const acls = scratch.finish();
    if (acls.status === 'no') trace.append(acls);
  }

  /** Looks up the function subnet's table; records unknown/none and returns the route, or null when there is none. */
  private route(trace: Trace, src: Source, query: RouteQuery): Route | null | 'stop' {
    const m = this.model;
    if (!isKnown(src.table.id)) {
      trace.unknown(null, 'route-table', `route table of ${src.subnet.address}`, src.table.id.reason, 'P7');
      return 'stop';
    }
    if (!m.get(src.table.id)) {
      trace.unknown(src.table.id, 'route-table', `route table ${nameOf(m, src.table.id)}`, 'the route table is not in the workspace', 'P7');
      return 'stop';
    }
    const match: RouteMatch = lookupRoute(m, src.table.id, query);
    if (match.kind === 'unknown') {
      trace.unknown(src.table.id, 'route-table', `route table ${nameOf(m, src.table.id)}`, match.reason, 'P9');
      return 'stop';
    }
    return match.kind === 'route' ? match.route : null;
  }

  private routeHop(trace: Trace, src: Source, route: Route | 'stop'): void {
    if (route === 'stop' || !isKnown(src.table.id)) return;
    const d = route.destination;
    const table = src.table;
    // A main table's own name already says so (nameOf: "aws_vpc.v (main route table)") unless it is declared.
    const mainNote = table.explicit || (isKnown(table.id) && table.id.includes('#')) ? '' : ' (main)';
    trace.pass(isKnown(table.id) ? table.id : null, 'route-table', () => `route table ${nameOf(this.model, table.id)}${mainNote}`,
      () => `${routeDestinationText(this.model, d)} → ${route.target.kind} ${nameOf(this.model, route.target.ref)}`, 'P9');
    // T5: a route or a subnet association that may not be created is a hop of its own, so the answer through
    // it stays open (analysis/existence.ts).
    if (route.existence !== undefined) trace.pass(route.id, 'route', route.address, 'selected by longest-prefix match', 'P9');
    const via = table.via !== null ? this.model.get(table.via) : undefined;
    if (via?.existence !== undefined) trace.pass(via.id, 'route-table-association', via.address, `associates ${src.subnet.address} with ${nameOf(this.model, table.id)}`, 'P7');
  }

  private noRouteFixes(trace: Trace, src: Source, extra: Fix | null): void {
    const table = isKnown(src.table.id) ? src.table.id : null;
    const fixes = [...(extra ? [extra] : []), ...natFixes(this.model, src)];
    trace.block(table, 'route-table', `route table ${nameOf(this.model, src.table.id)}`, 'no route covers the destination', 'P9', 'NO_ROUTE_TO_DESTINATION', fixes);
  }

  /** Follows the route chosen in the function subnet's table towards the internet or a public AWS endpoint. */
  private afterRoute(trace: Trace, src: Source, route: Route | 'stop', family: 4 | 6, final: string, endpointFix: Fix | null = null, request: EndpointRequest | null = null, port: number | null = HTTPS): void {
    if (route === 'stop') return;
    const m = this.model;
    const target = route.target;
    const tableId = isKnown(src.table.id) ? src.table.id : null;
    if (MODELLED_TARGETS.has(target.kind) && isKnown(target.ref) && !m.get(target.ref)) {
      // E12: the route points at an object the workspace knows is gone. Only kinds the model holds say so: a network
      // interface or VPN gateway the template declares is not in the model (a NAT instance's ENI is not a blackhole).
      trace.block(target.ref, 'route', route.address, `the route's target ${nameOf(m, target.ref)} does not exist: the route is a blackhole (E12)`, 'E12', 'BAD_STATE_ROUTE', natFixes(m, src));
      return;
    }
    switch (target.kind) {
      case 'nat-gateway':
        return this.natLeg(trace, src, target.ref, family, final, endpointFix, port);
      case 'internet-gateway':
        if (family === 6) return this.igwHop(trace, src.vpc, target.ref, final, 'internet-gateway', src.subnet);
        trace.block(isKnown(target.ref) ? target.ref : null, 'internet-gateway', `internet gateway ${nameOf(m, target.ref)}`,
          'the function\'s subnet routes to an internet gateway, but a Lambda ENI has no public IP, so the gateway drops its traffic (E2)', 'E2', 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
          [...(endpointFix ? [endpointFix] : []), ...this.publicSubnetFixes(src)]);
        return;
      case 'egress-only-internet-gateway':
        if (family === 4) {
          trace.unknown(tableId, 'route-table', `route table ${nameOf(m, tableId)}`, 'an IPv4 route points at an egress-only internet gateway, which carries IPv6 only');
          return;
        }
        // E13: the egress-only gateway sees the function's own ENI, so the function's subnet is what an exclusion names.
        if (!publicAccessStep(m, trace, { direction: 'egress', gateway: 'egress-only-internet-gateway', throughNat: false, subnet: src.subnet, vpc: src.vpc, offerFix: true })) return;
        trace.via = 'egress-only-internet-gateway';
        trace.pass(isKnown(target.ref) ? target.ref : null, 'egress-only-internet-gateway', `egress-only internet gateway ${nameOf(m, target.ref)}`, 'forwards outbound IPv6 (E11)', 'E11');
        return this.finalHop(trace, final);
      case 'vpc-endpoint': {
        const endpoint = isKnown(target.ref) ? m.get(target.ref) : undefined;
        if (endpoint?.kind === 'vpc-endpoint' && endpoint.endpointType === 'Gateway') {
          trace.via = 'gateway-endpoint';
          if (!this.policyHop(trace, endpoint, 'gateway', 'routes to the service', request, 'E7')) return;
          return this.finalHop(trace, final);
        }
        trace.unknown(isKnown(target.ref) ? target.ref : null, 'vpc-endpoint', `endpoint ${nameOf(m, target.ref)}`, 'traffic goes to a Gateway Load Balancer endpoint, which the analysis does not follow');
        return;
      }
      case 'vpc-peering':
        trace.block(isKnown(target.ref) ? target.ref : null, 'vpc-peering', `peering ${nameOf(m, target.ref)}`, 'a peering connection does not give access to the peer\'s internet or NAT gateways (P10)', 'P10', 'NO_ROUTE_TO_DESTINATION', natFixes(m, src));
        return;
      case 'local':
        trace.block(tableId, 'route-table', `route table ${nameOf(m, tableId)}`, 'the destination is routed locally inside the VPC', 'P8', 'NO_ROUTE_TO_DESTINATION', natFixes(m, src));
        return;
      case 'transit-gateway':
        return this.transitGatewayEgress(trace, src, target.ref, family, final, endpointFix, port);
      case 'network-interface':
      case 'instance':
      case 'virtual-private-gateway':
      case 'carrier-gateway':
      case 'local-gateway':
      case 'core-network':
      case 'unknown':
        trace.unknown(isKnown(target.ref) ? target.ref : null, 'route', route.address, `traffic leaves through a ${target.kind} (${nameOf(m, target.ref)}), which the analysis does not follow (a NAT instance?)`);
        return;
    }
  }

  private finalHop(trace: Trace, final: string): void {
    if (final === 'internet') trace.pass(null, 'internet', 'internet', 'reached');
    else trace.pass(null, 'aws-service', `${final} service endpoint`, 'reached');
  }

  private publicSubnetFixes(src: Source): Fix[] {
    const m = this.model;
    const nat = natFixes(m, src).filter((f) => f.changes.some((c) => c.kind === 'add-nat-route' && c.natGateway !== null));
    if (src.vpc === null) return [];
    return [{
      description: `place the function in private subnets whose route table sends 0.0.0.0/0 to a NAT gateway${nat.length > 0 ? '' : ` (add one in ${src.subnet.address})`}`,
      changes: [...(nat.length > 0 ? [] : [{ kind: 'add-nat-gateway' as const, vpc: src.vpc, publicSubnet: src.subnet.id }]), { kind: 'other', component: src.subnet.id }],
    }];
  }

  /**
   * `from`: the subnet of the ENI the gateway sees (the NAT gateway's, or the function's own), which a VPC Block
   * Public Access exclusion must name (E13); null for a regional NAT gateway. `inbound`: hops of the return
   * traffic entering through the gateway, listed after the gateway's own hop.
   */
  private igwHop(trace: Trace, vpc: Id | null, igw: Maybe<Id>, final: string, via: Via, from: Subnet | null, inbound?: () => void): void {
    const m = this.model;
    const id = isKnown(igw) ? igw : null;
    const label = `internet gateway ${nameOf(m, igw)}`;
    if (id === null || vpc === null) return trace.unknown(id, 'internet-gateway', label, 'the internet gateway or its VPC is unknown');
    if (!igwAttachedStep(m, trace, id, vpc, label)) return;
    if (!publicAccessStep(m, trace, { direction: 'egress', gateway: 'internet-gateway', throughNat: via === 'nat-gateway', subnet: from, vpc, offerFix: true })) return;
    conditionalAttachmentHop(m, trace, id, vpc);
    trace.via ??= via;
    trace.pass(id, 'internet-gateway', label, 'attached to the VPC', 'E3');
    inbound?.();
    this.finalHop(trace, final);
  }

  /** E3: function subnet → NAT gateway (public, EIP, own VPC) → NAT subnet's route to an attached IGW. */
  private natLeg(trace: Trace, src: Source, ref: Maybe<Id>, family: 4 | 6, final: string, endpointFix: Fix | null, port: number | null = HTTPS): void {
    const m = this.model;
    trace.via = 'nat-gateway';
    const nat = isKnown(ref) ? m.get(ref) : undefined;
    const label = `NAT gateway ${nameOf(m, ref)}`;
    if (!nat || nat.kind !== 'nat-gateway') return trace.unknown(isKnown(ref) ? ref : null, 'nat-gateway', label, isKnown(ref) ? 'not a NAT gateway of the workspace' : `unknown NAT gateway: ${ref.reason}`, 'E3');
    const alternatives = (): Fix[] => [...(endpointFix ? [endpointFix] : []), ...natFixes(m, src)];
    if (family === 6) return trace.unknown(nat.id, 'nat-gateway', label, 'IPv6 through a NAT gateway needs NAT64/DNS64, which the analysis does not follow', 'E5');
    if (!isKnown(nat.connectivityType)) return trace.unknown(nat.id, 'nat-gateway', label, `connectivity type unknown: ${nat.connectivityType.reason}`, 'E3');
    if (nat.connectivityType === 'private') {
      trace.block(nat.id, 'nat-gateway', label, 'a private NAT gateway cannot send traffic to the internet (E3)', 'E3', 'LAMBDA_NAT_PRIVATE', alternatives());
      return;
    }
    if (nat.hasElasticIp === false) {
      trace.block(nat.id, 'nat-gateway', label, 'the public NAT gateway has no Elastic IP allocation (E3)', 'E3', 'LAMBDA_NAT_NO_ELASTIC_IP', alternatives());
      return;
    }
    if (nat.subnet === null) {
      // E4: a regional NAT gateway has no subnet: its AZs and its VPC's internet gateway decide.
      const out = regionalNatStep(m, trace, nat, src, alternatives);
      if (out) this.igwHop(trace, out.vpc, out.igw, final, 'nat-gateway', null);
      return;
    }
    if (!isKnown(nat.subnet)) return trace.unknown(nat.id, 'nat-gateway', label, `its subnet is unknown: ${nat.subnet.reason}`, 'E3');
    const natSubnet = m.get(nat.subnet);
    if (!natSubnet || natSubnet.kind !== 'subnet') return trace.unknown(nat.id, 'nat-gateway', label, `its subnet ${nameOf(m, nat.subnet)} is not in the workspace`, 'E3');
    if (isKnown(natSubnet.vpc) && src.vpc !== null && natSubnet.vpc !== src.vpc) {
      trace.block(nat.id, 'nat-gateway', label, 'the NAT gateway is in another VPC; it only serves sources in its own VPC (E3)', 'E3', 'NGW_REQUIRES_SOURCE_IN_VPC', alternatives());
      return;
    }
    const natAddr = PUBLIC4;
    if (natSubnet.id !== src.subnet.id) {
      const natAcl = m.naclOf(natSubnet.id);
      aclStep(m, trace, natAcl, false, src.addr, port ?? 0, port ?? 65535, `NAT subnet ${natSubnet.address}`, port === null);
      aclStep(m, trace, natAcl, true, src.addr, EPHEMERAL_FROM, EPHEMERAL_TO, `NAT subnet ${natSubnet.address}`);
    }
    trace.pass(nat.id, 'nat-gateway', label, `public NAT gateway in ${natSubnet.address}`, 'E3');
    const natAssoc = m.routeTableOf(natSubnet.id);
    if (!isKnown(natAssoc.id)) return trace.unknown(null, 'route-table', `route table of ${natSubnet.address}`, natAssoc.id.reason, 'P7');
    const natTable: Id = natAssoc.id;
    const match = lookupRoute(m, natTable, { kind: 'addr', addr: natAddr });
    const tableLabel = `route table ${nameOf(m, natTable)} of the NAT subnet`;
    if (match.kind === 'unknown') return trace.unknown(natTable, 'route-table', tableLabel, match.reason, 'P9');
    const igw = src.vpc ? m.internetGatewaysOf(src.vpc)[0] : undefined;
    // E3: either make the NAT gateway's subnet public, or move the NAT gateway into a subnet that is.
    const publicSubnet = isKnown(natSubnet.vpc) ? publicSubnetOf(m, natSubnet.vpc) : null;
    const moveFix = (): Fix => ({
      description: publicSubnet
        ? `place ${nat.address} in a public subnet such as ${publicSubnet.address} (its route table sends 0.0.0.0/0 to an attached internet gateway)`
        : `place ${nat.address} in a public subnet (one whose route table sends 0.0.0.0/0 to an attached internet gateway)`,
      changes: [{ kind: 'other', component: nat.id }],
    });
    // P7: re-associating the NAT subnet with a table that already routes to the gateway changes no other
    // subnet, unlike a default route added to a main table that private subnets share.
    const publicTable = publicSubnet ? m.routeTableOf(publicSubnet.id).id : null;
    const associateFix = (): Fix[] => publicTable !== null && isKnown(publicTable) && publicTable !== natTable
      ? [{ description: `associate ${natSubnet.address} with ${nameOf(m, publicTable)}, which sends 0.0.0.0/0 to an attached internet gateway`, changes: [{ kind: 'other', component: natSubnet.id }] }]
      : [];
    // E2/E3: when the function's subnet uses the NAT subnet's table too, its default route must stay on the NAT
    // gateway: pointing it at the internet gateway would strand the function, so only moves remain.
    const sharedTable = isKnown(src.table.id) && src.table.id === natTable;
    const routeFix = (): Fix[] => [...(sharedTable ? [] : igw !== undefined
      ? [{ description: `route 0.0.0.0/0 in ${nameOf(m, natTable)} to ${nameOf(m, igw)}`, changes: [{ kind: 'add-route' as const, routeTable: natTable, destination: '0.0.0.0/0', target: igw }] }]
      : src.vpc === null ? []
      : [{ description: `attach an internet gateway to the VPC and route 0.0.0.0/0 in ${nameOf(m, natTable)} to it`, changes: [{ kind: 'attach-igw' as const, gateway: null, vpc: src.vpc }, { kind: 'other' as const, component: natTable }] }]), ...associateFix(), moveFix()];
    if (match.kind === 'none') {
      trace.block(natTable, 'route-table', tableLabel, 'no route to the internet: the NAT gateway sits in a private subnet (E3)', 'E3', 'NO_ROUTE_TO_DESTINATION', [...(endpointFix ? [endpointFix] : []), ...routeFix()]);
      return;
    }
    const t = match.route.target;
    if (t.kind !== 'internet-gateway') {
      const why = t.kind === 'nat-gateway' ? 'it sends 0.0.0.0/0 to a NAT gateway, not an internet gateway: the NAT gateway sits in a private subnet' : `it sends 0.0.0.0/0 to a ${t.kind}, not an internet gateway`;
      trace.block(natTable, 'route-table', tableLabel, `${why} (E3)`, 'E3', 'NO_ROUTE_TO_DESTINATION', [...(endpointFix ? [endpointFix] : []), ...routeFix()]);
      return;
    }
    trace.pass(natTable, 'route-table', tableLabel, `0.0.0.0/0 → ${nameOf(m, t.ref)}`, 'E3');
    aclStep(m, trace, m.naclOf(natSubnet.id), true, natAddr, port ?? 0, port ?? 65535, `NAT subnet ${natSubnet.address}`, port === null);
    aclStep(m, trace, m.naclOf(natSubnet.id), false, natAddr, EPHEMERAL_FROM, EPHEMERAL_TO, `NAT subnet ${natSubnet.address}`);
    this.igwHop(trace, isKnown(natSubnet.vpc) ? natSubnet.vpc : src.vpc, t.ref, final, 'nat-gateway', natSubnet, () => this.ingressStep(trace, t.ref, natSubnet));
  }

  /** Set while following a transit gateway into an egress VPC: a second gateway hop is not followed. */
  private inTransitGateway = false;

  /**
   * P11 + E3: the internet or a public AWS endpoint through a transit gateway to an egress VPC (centralised
   * egress): the gateway routes the traffic to an attachment, whose subnet in the function's AZ (or any) routes
   * it on, typically to a NAT gateway; the NAT subnet must route replies back to the gateway.
   */
  private transitGatewayEgress(trace: Trace, src: Source, ref: Maybe<Id>, family: 4 | 6, final: string, endpointFix: Fix | null, port: number | null = HTTPS): void {
    const m = this.model;
    trace.via = 'transit-gateway';
    if (this.inTransitGateway) {
      trace.unknown(isKnown(ref) ? ref : null, 'transit-gateway', `transit gateway ${nameOf(m, ref)}`, 'the egress VPC sends the traffic to a transit gateway again; the analysis follows one transit gateway hop (P11)', 'P11');
      return;
    }
    const dest = family === 4 ? PUBLIC4 : PUBLIC6;
    const crossing = crossTransitGateway(m, trace, ref, src, dest, final === 'internet' ? 'the internet' : `the ${final} endpoint`);
    if (!crossing) return;
    const entry = entrySubnet(m, crossing.to, src.subnet);
    if (!entry || !isKnown(entry.vpc)) {
      trace.unknown(crossing.to.id, 'transit-gateway-attachment', `transit gateway attachment ${crossing.to.address}`, 'its subnets are not in the workspace, so the egress VPC\'s routes are unknown (P11)', 'P11');
      return;
    }
    // The egress VPC routes the function's packets from the attachment's subnet (its ENI there) onwards.
    const egress: Source = override(src, { subnet: entry, vpc: entry.vpc, table: m.routeTableOf(entry.id), acl: m.naclOf(entry.id) });
    const match = this.route(trace, egress, { kind: 'addr', addr: dest });
    if (match === null) {
      trace.block(isKnown(egress.table.id) ? egress.table.id : null, 'route-table', `route table ${nameOf(m, egress.table.id)} of the attachment subnet ${entry.address}`,
        `the egress VPC has no route to ${final === 'internet' ? 'the internet' : final} (P11)`, 'P11', 'NO_ROUTE_TO_DESTINATION', natFixes(m, egress));
      return;
    }
    if (match === 'stop') return;
    this.routeHop(trace, egress, match);
    this.inTransitGateway = true;
    try {
      this.afterRoute(trace, egress, match, family, final, endpointFix, null, port);
    } finally {
      this.inTransitGateway = false;
    }
    trace.via = 'transit-gateway';
    // Replies come back from the NAT gateway's subnet: it must route the function's subnet to the gateway.
    const nat = match.target.kind === 'nat-gateway' && isKnown(match.target.ref) ? m.get(match.target.ref) : undefined;
    if (nat?.kind !== 'nat-gateway' || trace.blocked) return;
    const natSubnet = nat.subnet !== null && isKnown(nat.subnet) ? m.get(nat.subnet) : undefined;
    if (natSubnet?.kind !== 'subnet') {
      trace.unknown(nat.id, 'nat-gateway', `NAT gateway ${nat.address} (return)`, 'whether the NAT gateway\'s own route table sends replies back to the transit gateway is not modelled (P11)', 'P11');
      return;
    }
    returnThroughTransitGateway(m, trace, crossing, natSubnet, src.addr);
  }

  /** Gateway route tables by gateway (edge associations), built on first use: few exist, lookups are many. */
  private edgeTables: Map<Id, Maybe<Id>[]> | undefined;

  private edgeTablesOf(gateway: Id): readonly Maybe<Id>[] {
    if (this.edgeTables === undefined) {
      const tables = new Map<Id, Maybe<Id>[]>();
      for (const a of this.model.all('route-table-association')) {
        if (a.gateway === undefined || !isKnown(a.gateway)) continue;
        const key = this.model.canonical(a.gateway);
        const table = isKnown(a.routeTable) ? this.model.canonical(a.routeTable) : a.routeTable;
        const list = tables.get(key);
        if (list) list.push(table);
        else tables.set(key, [table]);
      }
      this.edgeTables = tables;
    }
    return this.edgeTables.get(gateway) ?? [];
  }

  /**
   * Ingress routing: the NAT gateway's return traffic enters the VPC through the internet gateway, so an
   * edge-associated (gateway) route table that sends the NAT subnet's block to a middlebox (network
   * interface, Gateway Load Balancer endpoint, instance) instead of `local` puts an appliance on the path,
   * which may inspect or drop it: the answer cannot be certain. aws-networking.md has no rule for ingress
   * routing; source: Amazon VPC User Guide, "Gateway route tables"
   * (https://docs.aws.amazon.com/vpc/latest/userguide/gateway-route-tables.html).
   */
  private ingressStep(trace: Trace, igw: Maybe<Id>, natSubnet: Subnet): void {
    if (!isKnown(igw)) return;
    const m = this.model;
    const tables = this.edgeTablesOf(m.canonical(igw));
    if (tables.length === 0) return;
    const addr = addrOf(natSubnet.cidrBlock, natSubnet.address);
    const back = `return traffic from the internet to the NAT gateway's subnet ${natSubnet.address}`;
    for (const table of tables) {
      if (!isKnown(table)) {
        trace.unknown(null, 'route-table', `gateway route table of ${nameOf(m, igw)}`, `the route table edge-associated with the internet gateway is unknown (${table.reason}), so where ${back} goes is unknown`);
        continue;
      }
      const label = `gateway route table ${nameOf(m, table)} of ${nameOf(m, igw)}`;
      const match = lookupRoute(m, table, { kind: 'addr', addr });
      if (match.kind === 'unknown') {
        trace.unknown(table, 'route-table', label, `${back}: ${match.reason}`);
        continue;
      }
      if (match.kind === 'none') continue;
      const target = match.route.target;
      if (target.kind === 'local') {
        trace.pass(table, 'route-table', label, `${back} is routed locally`);
        continue;
      }
      const appliance = target.kind === 'vpc-endpoint' ? 'Gateway Load Balancer endpoint' : target.kind === 'network-interface' ? 'network interface' : target.kind;
      trace.unknown(isKnown(target.ref) ? target.ref : table, 'route-table', label,
        `${back} is routed to the ${appliance} ${nameOf(m, target.ref)} (${match.route.address}): the appliance behind it may inspect or drop the traffic`);
    }
  }

  // ------------------------------------------------------------------ AWS services

  private interfaceEndpoint(src: Source, service: string): VpcEndpoint | null {
    if (src.vpc === null) return null;
    return this.model.endpointsOf(src.vpc).find((e) => e.endpointType === 'Interface' && e.service === service) ?? null;
  }

  /** The VPC's gateway endpoint for the service in the analysed Region (E7: another Region's endpoint does not serve it). */
  private gatewayEndpoint(src: Source, service: string): VpcEndpoint | null {
    if (src.vpc === null) return null;
    return this.model.endpointsOf(src.vpc).find((e) => e.endpointType === 'Gateway' && e.service === service && endpointRegionMatch(this.model, e).kind !== 'other') ?? null;
  }

  /** E7: gateway endpoints of the service that serve another Region, shown as hops that are not used. */
  private otherRegionEndpoints(trace: Trace, src: Source, service: string): void {
    if (src.vpc === null) return;
    for (const e of this.model.endpointsOf(src.vpc)) {
      if (e.endpointType !== 'Gateway' || e.service !== service) continue;
      const region = endpointRegionMatch(this.model, e);
      if (region.kind !== 'other') continue;
      trace.pass(e.id, 'vpc-endpoint', `gateway endpoint ${e.address}`, `not used: it serves ${service} in ${region.region}, not in the VPC's Region ${region.vpcRegion} (E7)`, 'E7');
    }
  }

  /**
   * Whether SDK hostnames resolve to the endpoint (E9, E10): true, or why not (`off` for the endpoint hop,
   * `cause` to put in front of whatever then blocks the public path, and the fix), or why it is unknown.
   */
  private privateDnsWorks(endpoint: VpcEndpoint, service: string): true | { off: string; cause: string; fix: Fix } | { unknown: string } {
    const m = this.model;
    // The public hostname then needs the internet path, or for S3 and DynamoDB a gateway endpoint (E6, E7).
    const needs = service === 's3' || service === 'dynamodb' ? 'a gateway endpoint or a NAT path' : 'a NAT path';
    if (!isKnown(endpoint.privateDnsEnabled)) return { unknown: `private DNS of ${endpoint.address} is unknown: ${endpoint.privateDnsEnabled.reason}` };
    if (!endpoint.privateDnsEnabled) {
      return {
        off: `private DNS is disabled on ${endpoint.address}, so SDK calls use the public endpoint (E10)`,
        cause: `the interface endpoint ${endpoint.address} exists but its private DNS is off, so the public ${service} name is used and needs ${needs} (E10)`,
        fix: privateDnsFix(m, endpoint),
      };
    }
    const vpc = isKnown(endpoint.vpc) ? m.get(endpoint.vpc) : undefined;
    if (!vpc || vpc.kind !== 'vpc') return { unknown: `the VPC of ${endpoint.address} is not in the workspace` };
    for (const attribute of ['enableDnsSupport', 'enableDnsHostnames'] as const) {
      const value = vpc[attribute];
      if (!isKnown(value)) return { unknown: `${attribute} of ${vpc.address} is unknown: ${value.reason}` };
      if (!value) {
        return {
          off: `${vpc.address} has ${attribute} off, so private DNS of ${endpoint.address} cannot work (E9, E10)`,
          cause: `the interface endpoint ${endpoint.address} exists but ${vpc.address} has ${attribute} off, so its private DNS does not work and the public ${service} name is used, which needs ${needs} (E9, E10)`,
          fix: vpcDnsFix(vpc, attribute),
        };
      }
    }
    return true;
  }

  private service(trace: Trace, src: Source, service: string, request: EndpointRequest | null): void {
    const endpoint = this.interfaceEndpoint(src, service);
    const policyKey = this.policyKey(src, service, request);
    if (endpoint) {
      const dns = this.privateDnsWorks(endpoint, service);
      if (dns === true) return this.interfaceOrGateway(trace, src, endpoint, service, request);
      if ('unknown' in dns) return trace.unknown(endpoint.id, 'vpc-endpoint', `interface endpoint ${endpoint.address}`, dns.unknown, 'E9');
      trace.append(this.groupPart(src, `service:${service}`, (t) => sgEgressStep(this.model, t, src, { addr: PUBLIC4, groups: [], service }, HTTPS)));
      trace.append(this.subnetPart(src, `service:${service}${policyKey}`, (t) => {
        t.pass(endpoint.id, 'vpc-endpoint', `interface endpoint ${endpoint.address}`, `not used: ${dns.off}`, 'E10');
        this.publicServiceLeg(t, src, service, dns.fix, request);
        // What blocks the public path (no route, no NAT, a NACL) is a consequence: the explanation names the
        // endpoint's DNS as the cause, and the DNS fix is an alternative of every blocking hop.
        t.blocks.forEach((b, i) => {
          const fixes = b.fixes.some((f) => f.description === dns.fix.description) ? b.fixes : [dns.fix, ...b.fixes];
          t.blocks[i] = override(b, { explanation: `${dns.cause}: ${b.explanation}`, fixes });
        });
      }));
      return;
    }
    this.publicPath(trace, src, service, request);
  }

  /** The function's SG egress to the service's public ranges and the path there: a gateway endpoint's route or NAT (E6, E7). */
  private publicPath(trace: Trace, src: Source, service: string, request: EndpointRequest | null): void {
    trace.append(this.groupPart(src, `service:${service}`, (t) => sgEgressStep(this.model, t, src, { addr: PUBLIC4, groups: [], service }, HTTPS)));
    trace.append(this.subnetPart(src, `service:${service}${this.policyKey(src, service, request)}`, (t) => this.publicServiceLeg(t, src, service, this.endpointFix(src, service), request)));
  }

  /**
   * E7, E9: an S3 or DynamoDB interface endpoint with private DNS beside a gateway endpoint of the service in its
   * VPC. Its DNS option "private DNS only for inbound Resolver endpoints" decides which one requests from the VPC
   * take: on, the gateway endpoint (routes); off, the interface endpoint. Not written, the answer holds only where
   * both ways agree.
   */
  private interfaceOrGateway(trace: Trace, src: Source, endpoint: VpcEndpoint, service: string, request: EndpointRequest | null): void {
    const m = this.model;
    const gateway = (service === 's3' || service === 'dynamodb') && isKnown(endpoint.vpc)
      && m.endpointsOf(endpoint.vpc).some((e) => e.endpointType === 'Gateway' && e.service === service);
    const inboundOnly = gateway ? endpoint.privateDnsOnlyForInboundResolver : false;
    if (inboundOnly === false) return this.interfaceLeg(trace, src, endpoint, service, request);
    const label = `interface endpoint ${endpoint.address}`;
    if (inboundOnly === true) {
      trace.pass(endpoint.id, 'vpc-endpoint', label, 'not used from the VPC: its private DNS answers only inbound Resolver endpoints, so requests take the gateway endpoint or the public path', 'E7');
      return this.publicPath(trace, src, service, request);
    }
    const viaInterface = new Trace(src.subnet.id);
    this.interfaceLeg(viaInterface, src, endpoint, service, request);
    const a = viaInterface.finish();
    const viaGateway = new Trace(src.subnet.id);
    this.publicPath(viaGateway, src, service, request);
    const b = viaGateway.finish();
    if (a.status === b.status) return trace.append(a);
    // The ways disagree: the path shown is one that is not blocked, and the answer stays open.
    trace.append(a.status !== 'no' ? a : b);
    const why = inboundOnly === undefined ? 'is not written here' : `is unknown (${inboundOnly.reason})`;
    trace.unknown(endpoint.id, 'vpc-endpoint', label,
      `whether requests from the VPC use it or the gateway endpoint depends on its DNS option "private DNS only for inbound Resolver endpoints", which ${why}: through it the answer is ${a.status}, through the gateway endpoint's path ${b.status}${b.status === 'yes' ? '' : ` (${b.reason ?? 'unknown'})`}`, 'E7');
  }

  /** Memo-key part for the function's requests: they matter only where an endpoint of the service has a policy. */
  private policyKey(src: Source, service: string, request: EndpointRequest | null): string {
    if (request === null || src.vpc === null) return '';
    return this.model.endpointsOf(src.vpc).some((e) => e.service === service && e.policy !== null) ? `|${request.key}` : '';
  }

  /**
   * The endpoint hop with its policy checked against the function's requests (E7; E9: with private DNS an
   * interface endpoint receives every request to the service). False when the policy blocks or stays open.
   */
  private policyHop(trace: Trace, endpoint: VpcEndpoint, type: 'gateway' | 'interface', routing: string, request: EndpointRequest | null, rule: 'E7' | 'E9'): boolean {
    const label = `${type} endpoint ${endpoint.address}`;
    const verdict = evaluateEndpointPolicy(endpoint, request, (this.resolver ??= policyResolver(this.model)));
    switch (verdict.kind) {
      case 'pass':
        trace.pass(endpoint.id, 'vpc-endpoint', label, `${routing}; ${verdict.detail}`, rule);
        return true;
      case 'unknown':
        // Some granted requests refused (not all): open, but explained by VPCE_POLICY_DENIES with its fix.
        if (verdict.fix !== undefined) {
          trace.unknown(endpoint.id, 'vpc-endpoint', label, `${routing}; ${verdict.detail} (${rule})`, rule, VPCE_POLICY_DENIES,
            [{ description: verdict.fix, changes: [{ kind: 'other', component: endpoint.id }] }]);
        } else trace.unknown(endpoint.id, 'vpc-endpoint', label, `${routing}; ${verdict.detail}`, rule);
        return false;
      case 'block':
        trace.block(endpoint.id, 'vpc-endpoint', label, `${routing}, but ${verdict.detail} (${rule})`, rule, VPCE_POLICY_DENIES,
          [{ description: verdict.fix, changes: [{ kind: 'other', component: endpoint.id }] }]);
        return false;
    }
  }

  private endpointFix(src: Source, service: string): Fix | null {
    const table = isKnown(src.table.id) ? src.table.id : null;
    if (src.vpc === null || table === null) return null;
    if (service === 's3' || service === 'dynamodb') {
      const existing = this.gatewayEndpoint(src, service);
      // CloudFormation has no attribute for a VPC's main route table: the subnet needs a table of its own.
      if (table === implicitRef(src.vpc, 'main-route-table') && inCloudFormation(this.model, src.vpc)) {
        // Worded for the VPC, not the subnet, so the fixes of several subnets join into one route table.
        const endpoint = existing ? `associate ${existing.address} with it` : `add ${service === 's3' ? 'an S3' : 'a DynamoDB'} gateway endpoint on it`;
        return {
          description: `give the subnets on the main route table of ${nameOf(this.model, src.vpc)} a route table of their own (CloudFormation cannot name the main one) and ${endpoint}`,
          changes: [{ kind: 'add-route-table-with-endpoint', vpc: src.vpc, subnets: [src.subnet.id], service, endpoint: existing?.id ?? null }],
        };
      }
      if (existing) return { description: `associate ${existing.address} with ${nameOf(this.model, table)}`, changes: [{ kind: 'associate-endpoint-route-table', endpoint: existing.id, routeTable: table }] };
      return { description: `add ${service === 's3' ? 'an S3' : 'a DynamoDB'} gateway endpoint associated with ${nameOf(this.model, table)}`, changes: [{ kind: 'add-gateway-endpoint', vpc: src.vpc, service, routeTables: [table] }] };
    }
    return { description: `add an interface endpoint for ${service} with private DNS in ${src.subnet.address}`, changes: [{ kind: 'add-interface-endpoint', vpc: src.vpc, service, subnets: [src.subnet.id] }] };
  }

  /** The service's public endpoint after the SG: gateway endpoint route (E7) or the internet path (E6). */
  private publicServiceLeg(trace: Trace, src: Source, service: string, endpointFix: Fix | null, request: EndpointRequest | null = null): void {
    this.otherRegionEndpoints(trace, src, service);
    const match = this.route(trace, src, { kind: 'service', service });
    if (match === null) {
      this.blockingAcls(trace, src, PUBLIC4);
      return this.noRouteFixes(trace, src, endpointFix);
    }
    this.egressAcls(trace, src, PUBLIC4, HTTPS);
    this.routeHop(trace, src, match);
    this.afterRoute(trace, src, match, 4, service, endpointFix, request);
  }

  /** E9: function → endpoint ENI in the function's AZ (or any) → endpoint SG admits 443. */
  private interfaceLeg(trace: Trace, src: Source, endpoint: VpcEndpoint, service: string, request: EndpointRequest | null = null): void {
    const m = this.model;
    trace.via = 'interface-endpoint';
    if (!isKnown(endpoint.subnets)) return trace.unknown(endpoint.id, 'vpc-endpoint', endpoint.address, `its subnets are unknown: ${endpoint.subnets.reason}`, 'E9');
    const subnets = endpoint.subnets.map((s) => (isKnown(s) ? m.get(s) : undefined)).filter((s): s is Subnet => s?.kind === 'subnet');
    const anySubnet = subnets[0];
    if (anySubnet === undefined) {
      if (endpoint.subnets.length > 0) return trace.unknown(endpoint.id, 'vpc-endpoint', endpoint.address, 'its subnets are not in the workspace', 'E9');
      trace.block(endpoint.id, 'vpc-endpoint', `interface endpoint ${endpoint.address}`, 'the endpoint has no subnet, so it has no network interface to connect to (E9)', 'E9', 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
        [{ description: `add ${src.subnet.address} to ${endpoint.address}`, changes: [{ kind: 'other', component: endpoint.id }] }]);
      return;
    }
    const local = subnets.find((s) => azMatch(s.availabilityZone, src.subnet.availabilityZone) === true) ?? anySubnet;
    const groups = isKnown(endpoint.securityGroups) && endpoint.securityGroups.length === 0 && isKnown(endpoint.vpc)
      ? [m.canonical(implicitRef(endpoint.vpc, 'default-security-group'))]
      : isKnown(endpoint.securityGroups) ? endpoint.securityGroups : [endpoint.securityGroups];
    const knownGroups = knownGroupsOf(m, groups);
    // E9: private DNS answers with the addresses of every network interface of the endpoint, in every AZ, and the
    // SDK may connect to any of them: each must be reachable. The one in the function's AZ is shown.
    const legs = [local, ...subnets.filter((s) => s !== local)].map((s) => {
      const leg = new Trace(src.subnet.id);
      this.endpointEniLeg(leg, src, s, endpoint, knownGroups);
      return { subnet: s, result: leg.finish() };
    });
    const first = legs[0];
    if (first === undefined) return;
    if (legs.every((l) => l.result.status === first.result.status)) trace.append(first.result);
    else {
      // Some interfaces are reached and some not: requests fail or not depending on the address the SDK picks.
      const shown = legs.find((l) => l.result.status === 'yes') ?? legs.find((l) => l.result.status === 'unknown') ?? first;
      const failing = legs.find((l) => l.result.status !== shown.result.status && l.result.status !== 'yes') ?? first;
      trace.append(shown.result);
      // A certain block of one interface is a rule of its own (some requests fail); an open one stays open.
      trace.unknown(endpoint.id, 'vpc-endpoint', `interface endpoint ${endpoint.address}`,
        `private DNS also answers with its network interface in ${failing.subnet.address}, which the function ${failing.result.status === 'no' ? 'cannot reach' : 'may not reach'} (${failing.result.reason ?? 'unknown'}): requests fail when the SDK picks that address`,
        'E9', failing.result.status === 'no' ? rules.VPCE_ENI_UNREACHABLE.id : failing.result.code ?? undefined, failing.result.fixes);
    }
    sgIngressStep(m, trace, groups, src, HTTPS, `endpoint ${endpoint.address}`, 'endpoint-sg');
    trace.append(this.part(`vpce-end|${endpoint.id}|${local.id}|${service}${this.policyKey(src, service, request)}`, src, (t) => {
      if (this.policyHop(t, endpoint, 'interface', `private DNS resolves the ${service} hostname to its ENI in ${local.address}`, request, 'E9')) this.finalHop(t, service);
    }));
  }

  /** The function's SG egress and both subnets' NACLs towards one network interface of an interface endpoint (E9, P6). */
  private endpointEniLeg(trace: Trace, src: Source, eniSubnet: Subnet, endpoint: VpcEndpoint, knownGroups: readonly Id[]): void {
    const m = this.model;
    const epAddr = addrOf(eniSubnet.cidrBlock, eniSubnet.address);
    trace.append(this.groupPart(src, `vpce-eg|${endpoint.id}|${eniSubnet.id}`, (t) => sgEgressStep(m, t, src, { addr: epAddr, groups: knownGroups }, HTTPS)));
    if (eniSubnet.id === src.subnet.id) return;
    trace.append(this.subnetPart(src, `vpce-acl|${eniSubnet.id}`, (t) => {
      this.egressAcls(t, src, epAddr, HTTPS);
      const epAcl = m.naclOf(eniSubnet.id);
      aclStep(m, t, epAcl, false, src.addr, HTTPS, HTTPS, `endpoint subnet ${eniSubnet.address}`);
      aclStep(m, t, epAcl, true, src.addr, EPHEMERAL_FROM, EPHEMERAL_TO, `endpoint subnet ${eniSubnet.address}`);
    }));
  }

  // ------------------------------------------------------------------ private targets

  private target(trace: Trace, src: Source, target: Target, port: number | null): void {
    const m = this.model;
    if (target.targetKind === 'efs-file-system') return this.fileSystem(trace, src, target);
    if (target.targetKind === 'vpc-lattice-service') return this.latticeService(trace, src, target, port);
    if (target.targetKind === 'load-balancer' && target.publiclyAccessible === true) return this.internetFacingBalancer(trace, src, target, port);
    if (target.targetKind === 'load-balancer' && !isKnown(target.publiclyAccessible)) {
      // Internal (private addresses, reached locally) or internet-facing (public addresses, over NAT): unknown.
      return trace.unknown(target.id, 'target', target.address, `whether it is internal or internet-facing is unknown (${target.publiclyAccessible.reason}): its DNS name resolves to private or to public addresses accordingly`, 'P15');
    }
    const elsewhere = this.publicDatabaseElsewhere(src, target);
    if (elsewhere !== null) {
      const mixed = target.targetKind === 'rds-cluster' && m.childrenOf(target.id).some((c) => c.targetKind === 'rds-instance' && !hasPublicEndpoint(m, c));
      return this.publicDatabase(trace, src, target, elsewhere, port, mixed);
    }
    this.privateTarget(trace, src, target, port);
    // P14: through RDS Proxy the request reaches the database only if the proxy itself does.
    const proxied = target.targetKind === 'rds-proxy' ? proxyAndDatabase(m, target) : null;
    if (proxied !== null) trace.append(this.proxyLeg(proxied.proxy, proxied.database));
  }

  /** The proxy → database leg, the same for every function: memoised per proxy. */
  private proxyLeg(proxy: Target, database: Target): Evaluation {
    const key = `proxy-db|${proxy.id}`;
    let leg = this.memo.get(key);
    if (!leg) this.memo.set(key, (leg = proxyDatabaseLeg(this.model, proxy, database)));
    return leg;
  }

  /**
   * E1, P15: the subnets of a publicly accessible database (RDS instance, Multi-AZ DB cluster) when they are all
   * in VPCs other than the function's, else null. RDS (CreateDBInstance, PubliclyAccessible): its endpoint
   * resolves to the private address from within its VPC and to the public address from outside it.
   */
  private publicDatabaseElsewhere(src: Source, target: Target): readonly Subnet[] | null {
    const m = this.model;
    if (target.targetKind === 'load-balancer' || src.vpc === null) return null;
    // An Aurora cluster's endpoints resolve to its instances, each publicly accessible or not on its own.
    const children = target.targetKind === 'rds-cluster' ? m.childrenOf(target.id) : [];
    const aurora = children.some((c) => c.targetKind === 'rds-instance');
    if (aurora ? !children.some((c) => c.targetKind === 'rds-instance' && hasPublicEndpoint(m, c)) : !hasPublicEndpoint(m, target)) return null;
    const subnets = declaredSubnets(m, target);
    return typeof subnets === 'string' || subnets.some((s) => !isKnown(s.vpc) || s.vpc === src.vpc) ? null : subnets;
  }

  /**
   * E1, E3, P15: a publicly accessible database in another VPC, reached at its public address through the
   * function's internet path (NAT): the database sees the NAT gateway's public address. Over a peering connection
   * its name resolves to the private address only with the peering's remote DNS resolution option, which the
   * model does not hold: where the private and the public path disagree the answer stays open. So it does for an
   * Aurora cluster whose instances are not all publicly accessible (`mixed`): its endpoint names one of them.
   */
  private publicDatabase(trace: Trace, src: Source, target: Target, subnets: readonly Subnet[], port: number | null, mixed: boolean): void {
    const m = this.model;
    const out = new Trace(src.subnet.id);
    this.internet(out, src, 4, port);
    const internet = out.finish();
    let viaPublic = internet;
    if (internet.status === 'yes') {
      const pub = new Trace(src.subnet.id);
      pub.append(internet);
      const legs = subnets.map((s) => publicEndpointLeg(m, target, s.id, port, 'the function reaches it from its NAT gateway\'s public address'));
      const first = legs[0];
      if (first !== undefined && legs.every((l) => l.status === first.status)) pub.append(first);
      else pub.unknown(target.id, 'target', target.address, 'depends on which subnet hosts the instance: its public endpoint is not reached alike in each of them', 'E1');
      pub.via = internet.via;
      viaPublic = pub.finish();
    }
    const priv = new Trace(src.subnet.id);
    this.privateTarget(priv, src, target, port);
    const viaPrivate = priv.finish();
    if ((!mixed && viaPrivate.via !== 'vpc-peering') || viaPrivate.status === viaPublic.status) return trace.append(viaPublic);
    trace.append(viaPublic.status !== 'no' ? viaPublic : viaPrivate);
    const why = mixed ? 'its endpoint resolves to the instance serving it, and only some of its instances are publicly accessible (public address) while the others are not (private address)'
      : 'from another VPC its name resolves to its public address, or to its private address over peering when the peering allows DNS resolution from the remote VPC, which the workspace does not say';
    trace.unknown(target.id, 'target', target.address, `${why}: publicly the answer is ${viaPublic.status}, privately ${viaPrivate.status}`, 'E1');
  }

  /** A target at its private addresses, in each of its subnets (P2, P6, P8–P11). */
  private privateTarget(trace: Trace, src: Source, target: Target, port: number | null): void {
    const m = this.model;
    const subnets = targetSubnets(m, target);
    if (!isKnown(subnets) || subnets.length === 0) {
      trace.unknown(target.id, 'target', target.address, isKnown(subnets) ? 'its subnets are not declared' : `its subnets are unknown: ${subnets.reason}`);
      this.targetFilters(trace, src, target, port);
      return;
    }
    // A DB in a subnet group may run in any of them: evaluate each, they must agree.
    const results = subnets.map((s) => {
      const sub = new Trace(src.subnet.id);
      this.toTargetSubnet(sub, src, target, s, port);
      return { subnet: s, result: sub.finish() };
    }).map(({ subnet, result }) => override(result, { subnet: isKnown(subnet) ? subnet : '(unknown)' }));
    const first = results[0];
    // subnets is non-empty (checked above), and so is results: the guard only narrows the type.
    if (first === undefined) return;
    const disagree = results.some((r) => r.status !== first.status);
    if (!disagree) {
      // The sub-trace holds the whole leg from the function's SG egress on (the ENI hop is the caller's): its
      // blocking or open hop, its narrow-NACL warnings (P6) and its via carry over as they are.
      trace.append(first);
      trace.via = first.via;
      return;
    }
    const yes = results.find((r) => r.status === 'yes');
    const no = results.find((r) => r.status !== 'yes');
    trace.via = yes?.via ?? null;
    trace.unknown(target.id, 'target', target.address,
      `depends on which subnet hosts the instance: ${yes ? `reachable in ${nameOf(m, yes.subnet)}` : 'unknown in some subnets'}, but not in ${no ? `${nameOf(m, no.subnet)} (${no.reason ?? no.status})` : 'another subnet'}`);
  }

  private toTargetSubnet(trace: Trace, src: Source, target: Target, subnetRef: Maybe<Id>, port: number | null): void {
    const m = this.model;
    const dst = isKnown(subnetRef) ? m.get(subnetRef) : undefined;
    if (!dst || dst.kind !== 'subnet') {
      trace.unknown(target.id, 'target', target.address, isKnown(subnetRef) ? `its subnet ${nameOf(m, subnetRef)} is not in the workspace` : `its subnet is unknown: ${subnetRef.reason}`);
      return;
    }
    const dstVpc = isKnown(dst.vpc) ? dst.vpc : null;
    const dstAddr = addrOf(dst.cidrBlock, dst.address);
    const groups = targetGroups(m, target, dstVpc);
    const knownGroups = knownGroupsOf(m, groups);
    const where = `${target.id}|${dst.id}|${port ?? '?'}`;
    // A target in several subnets may run in any of them: the fix admits its declared security group (same
    // VPC, P3) or its VPC's block, never only the subnet evaluated here. One subnet: its block is complete.
    const placements = targetSubnets(m, target);
    const spread = isKnown(placements) && placements.length > 1;
    const declaredGroup = declaredGroupOf(m, knownGroups);
    const fixPeer = !spread ? undefined
      : dstVpc !== null && dstVpc === src.vpc && declaredGroup !== undefined ? declaredGroup : vpcBlock(m, dstVpc, dstAddr) ?? undefined;
    const legKey = `target-leg|${where}`;
    const leg = this.subnetPart(src, legKey, (t) => this.targetLeg(t, src, dst, dstAddr, dstVpc, port));
    // P3: the function's egress rules cannot reference the target's groups across Regions, nor over a transit
    // gateway at all: its security group referencing support covers inbound rules only (outbound references over
    // a transit gateway are not supported, with or without it).
    const overTgw = leg.via === 'transit-gateway';
    const peerGroups = sameRegion(m, src.vpc, dstVpc) === false ? [] : knownGroups;
    trace.append(overTgw
      ? this.groupPart(src, `target-eg|${where}|tgw`, (t) => transitGatewaySgEgress(m, t, src, dstAddr, knownGroups, port, vpcBlock(m, dstVpc, dstAddr)))
      : this.groupPart(src, `target-eg|${where}`, (t) => sgEgressStep(m, t, src, { addr: dstAddr, groups: peerGroups }, port, fixPeer)));
    trace.append(leg);
    if (this.stopped.has(`s|${src.subnet.id}|${legKey}`)) return;
    // P3: over a transit gateway, references to the function's security groups match only with referencing support.
    if (target.unfiltered === true) trace.pass(target.id, 'target', target.address, 'a Network Load Balancer without security groups: no security group filters at it', 'P2');
    else if (leg.via === 'transit-gateway') transitGatewaySgIngress(m, trace, groups, src, port, target.address, leg.path, dstVpc);
    else if (leg.via === 'vpc-peering') peeringSgIngress(m, trace, groups, src, port, target.address, dstVpc);
    else sgIngressStep(m, trace, groups, src, port, target.address);
    trace.append(this.part(`target-end|${where}`, src, (t) => t.pass(target.id, 'target', target.address, `${target.targetKind} in ${dst.address}${port === null ? '' : ` on tcp ${port}`}`)));
  }

  /** Routes and NACLs between the function subnet and a target subnet (P6, P8–P11). */
  private targetLeg(trace: Trace, src: Source, dst: Subnet, dstAddr: Addr, dstVpc: Id | null, port: number | null): void | 'stop' {
    const m = this.model;
    if (dst.id === src.subnet.id) {
      trace.via = 'local';
      trace.pass(dst.id, 'subnet', dst.address, 'same subnet: network ACLs do not apply (P6)', 'P6');
      return;
    }
    const match = this.route(trace, src, { kind: 'addr', addr: dstAddr });
    if (match === null) {
      const disconnected = dstVpc !== null && src.vpc !== null && dstVpc !== src.vpc;
      trace.block(isKnown(src.table.id) ? src.table.id : null, 'route-table', `route table ${nameOf(m, src.table.id)}`,
        disconnected ? `no route to ${dst.address} in another VPC (no peering or transit gateway route)` : `no route to ${dst.address}`, 'P9',
        disconnected ? 'DISCONNECTED_VPCS' : 'NO_ROUTE_TO_DESTINATION',
        src.vpc !== null && isKnown(src.table.id) ? privateRouteFixes(m, src.table.id, src.vpc, dst, null) : []);
      return 'stop';
    }
    if (match === 'stop') return 'stop';
    this.egressAcls(trace, src, dstAddr, port);
    this.routeHop(trace, src, match);
    if (!this.privateRoute(trace, src, match, dst)) return 'stop';
    const dstAcl = m.naclOf(dst.id);
    aclStep(m, trace, dstAcl, false, src.addr, port ?? 0, port ?? 65535, `target subnet ${dst.address}`, port === null);
    aclStep(m, trace, dstAcl, true, src.addr, EPHEMERAL_FROM, EPHEMERAL_TO, `target subnet ${dst.address}`);
  }

  /** Local route (P8) or peering with its return route (P10); transit gateways stay unknown (P11). */
  private privateRoute(trace: Trace, src: Source, route: Route, dst: Subnet): boolean {
    const m = this.model;
    const t = route.target;
    const dstVpc = isKnown(dst.vpc) ? dst.vpc : null;
    if (t.kind === 'local') {
      if (dstVpc !== null && src.vpc !== null && dstVpc !== src.vpc) {
        trace.block(null, 'vpc', nameOf(m, dstVpc), 'the target is in another VPC whose CIDR overlaps the local range', 'P10', 'DISCONNECTED_VPCS', []);
        return false;
      }
      trace.via = 'local';
      return true;
    }
    if (t.kind === 'vpc-peering') {
      trace.via = 'vpc-peering';
      const pcx = isKnown(t.ref) ? m.get(t.ref) : undefined;
      if (!pcx || pcx.kind !== 'vpc-peering') { trace.unknown(isKnown(t.ref) ? t.ref : null, 'vpc-peering', `peering ${nameOf(m, t.ref)}`, 'the peering connection is not in the workspace', 'P10'); return false; }
      const ends = [pcx.vpc, pcx.peerVpc].filter((v): v is Id => isKnown(v));
      if (dstVpc !== null && !ends.includes(dstVpc)) {
        trace.block(pcx.id, 'vpc-peering', pcx.address, 'the target is not in the peered VPC (peering is not transitive, P10)', 'P10', 'PCX_REQUIRES_ADDRESS_IN_VPC_CIDR', []);
        return false;
      }
      if (!peeringOverlapHop(m, trace, pcx)) return false; // P10: AWS refuses peering between overlapping VPCs
      if (!peeringHop(m, trace, pcx)) return false; // P10: only an accepted (active) connection carries traffic
      const back = m.routeTableOf(dst.id);
      if (!isKnown(back.id)) { trace.unknown(null, 'route-table', `route table of ${dst.address}`, back.id.reason, 'P10'); return false; }
      const ret = lookupRoute(m, back.id, { kind: 'addr', addr: src.addr });
      if (ret.kind === 'unknown') { trace.unknown(back.id, 'route-table', nameOf(m, back.id), ret.reason, 'P10'); return false; }
      if (ret.kind === 'none' || ret.route.target.kind !== 'vpc-peering' || ret.route.target.ref !== pcx.id) {
        const cidr = src.addr.kind === 'cidr' ? src.addr.cidr.text : '(function subnet)';
        trace.block(back.id, 'route-table', `route table ${nameOf(m, back.id)} (return)`, `no return route to ${cidr} through ${pcx.address} (P10)`, 'P10', 'NO_ROUTE_TO_DESTINATION',
          [{ description: `route ${cidr} in ${nameOf(m, back.id)} to ${pcx.address}`, changes: [{ kind: 'add-route', routeTable: back.id, destination: cidr, target: pcx.id }] }]);
        return false;
      }
      return true;
    }
    if (t.kind === 'nat-gateway' && this.natForwardsPrivately(t.ref, dst)) {
      // E3/P8: a NAT gateway (private, or public) translates and forwards by its own subnet's route table, which
      // may lead on to a transit gateway or another VPC; a middlebox route inside the VPC is not decided (P8).
      trace.unknown(isKnown(t.ref) ? t.ref : null, 'nat-gateway', `NAT gateway ${nameOf(m, t.ref)}`,
        `the private address of ${dst.address} is routed to NAT gateway ${nameOf(m, t.ref)}, whose subnet's route table sends it on; that path (a transit gateway, another VPC, a middlebox) is not followed`, 'E3');
      return false;
    }
    if (t.kind === 'nat-gateway' || t.kind === 'internet-gateway' || t.kind === 'egress-only-internet-gateway') {
      // A private address sent towards the internet is dropped there (IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS).
      const other = dstVpc !== null && src.vpc !== null && dstVpc !== src.vpc;
      trace.block(isKnown(src.table.id) ? src.table.id : null, 'route-table', `route table ${nameOf(m, src.table.id)}`,
        `the private address of ${dst.address} is routed to ${t.kind} ${nameOf(m, t.ref)}, which does not lead to ${other ? 'another VPC' : 'it'}`, 'P9',
        other ? 'DISCONNECTED_VPCS' : 'NO_ROUTE_TO_DESTINATION', src.vpc !== null && isKnown(src.table.id) ? privateRouteFixes(m, src.table.id, src.vpc, dst, route) : []);
      return false;
    }
    if (t.kind === 'transit-gateway') {
      trace.via = 'transit-gateway';
      return transitGatewayToSubnet(m, trace, t.ref, src, dst);
    }
    trace.unknown(isKnown(t.ref) ? t.ref : null, 'route', route.address, `the target is routed to a ${t.kind}, which the analysis does not follow`);
    return false;
  }

  /**
   * Whether a NAT gateway may forward traffic for a private address on (E3: a NAT gateway routes by its subnet's
   * table): false only when that table is known to send the address nowhere or to an internet gateway, which
   * drops private destinations; anything else (a transit gateway, peering, a local route through the NAT as a
   * middlebox, an unknown table) may carry it.
   */
  private natForwardsPrivately(natRef: Maybe<Id>, dst: Subnet): boolean {
    const m = this.model;
    const nat = isKnown(natRef) ? m.get(natRef) : undefined;
    const subnet = nat?.kind === 'nat-gateway' && nat.subnet !== null && isKnown(nat.subnet) ? m.get(nat.subnet) : undefined;
    if (subnet?.kind !== 'subnet') return true;
    const table = m.routeTableOf(subnet.id).id;
    const addr = addrOf(dst.cidrBlock, dst.address);
    if (!isKnown(table) || addr.kind !== 'cidr') return true;
    const match = lookupRoute(m, table, { kind: 'addr', addr });
    if (match.kind === 'unknown') return true;
    if (match.kind === 'none') return false;
    const next = match.route.target.kind;
    return next !== 'internet-gateway' && next !== 'egress-only-internet-gateway';
  }

  /**
   * VPC Lattice: the function's VPC must be associated with a service network the service is associated with.
   * Traffic goes to Lattice's link-local range (169.254.171.0/24) without using the route table; the function
   * SG egress and subnet NACLs must allow it, and the VPC association's SGs must admit the function.
   */
  private latticeService(trace: Trace, src: Source, service: Target, port: number | null): void {
    const m = this.model;
    const associations = m.all('lattice-association');
    const networks = associations.filter((a) => a.service !== null && isKnown(a.service) && a.service === service.id).map((a) => a.serviceNetwork);
    trace.via = 'vpc-lattice';
    if (networks.length === 0) {
      trace.unknown(service.id, 'target', service.address, 'the workspace associates the service with no service network');
      return;
    }
    const inNetwork = (a: (typeof associations)[number]): boolean | null => {
      if (!isKnown(a.serviceNetwork)) return null;
      const network = a.serviceNetwork;
      return networks.some((n) => isKnown(n) && n === network) ? true : networks.some((n) => !isKnown(n)) ? null : false;
    };
    const vpcAssociations = associations.filter((a) => a.vpc !== null);
    const assoc = vpcAssociations.find((a) => a.vpc !== null && isKnown(a.vpc) && a.vpc === src.vpc && inNetwork(a) === true);
    if (!assoc) {
      const open = vpcAssociations.some((a) => a.vpc !== null && (!isKnown(a.vpc) || a.vpc === src.vpc) && inNetwork(a) !== false);
      const vpcName = nameOf(m, src.vpc);
      if (open || src.vpc === null) return trace.unknown(service.id, 'target', service.address, `cannot tell whether ${vpcName} is associated with a service network of the service`);
      trace.block(service.id, 'target', service.address, `${vpcName} is not associated with a service network that ${service.address} belongs to, so its clients cannot reach it`, undefined, 'LAMBDA_LATTICE_VPC_NOT_ASSOCIATED',
        [{ description: `associate ${vpcName} with the service network of ${service.address}`, changes: [{ kind: 'other', component: service.id }] }]);
      return;
    }
    trace.append(this.groupPart(src, `lattice-eg|${port ?? '?'}`, (t) => sgEgressStep(m, t, src, { addr: LATTICE4, groups: [], service: 'vpc-lattice' }, port, '169.254.171.0/24')));
    trace.append(this.subnetPart(src, `lattice-acl|${port ?? '?'}`, (t) => {
      this.egressAcls(t, src, LATTICE4, port);
      t.pass(assoc.id, 'lattice-association', `service network association ${assoc.address}`, `connects ${nameOf(m, src.vpc)} to the service network; Lattice traffic does not use the route table`);
    }));
    const groups = isKnown(assoc.securityGroups) ? assoc.securityGroups : [assoc.securityGroups];
    if (groups.length > 0) sgIngressStep(m, trace, groups, src, port, `the VPC association ${assoc.address}`);
    trace.pass(service.id, 'target', service.address, `VPC Lattice service${port === null ? '' : ` (listener tcp ${port})`}; an auth policy (AuthType AWS_IAM) is not evaluated`);
  }

  /**
   * P15, E2, E3: an internet-facing load balancer's DNS name resolves to its nodes' public addresses, from inside
   * its VPC too (ELB, Scheme): the function reaches it over the internet, through a NAT gateway, and the balancer
   * sees the NAT gateway's public address, never the function's security group or private address.
   */
  private internetFacingBalancer(trace: Trace, src: Source, lb: Target, port: number | null): void {
    // P2, P6: the listener's port, not 443, is what the function's SG egress and the NACLs on the way must allow.
    this.internet(trace, src, 4, port);
    if (trace.blocked) return;
    // E13: the connection enters the balancer's VPC through its internet gateway, which BPA may refuse.
    if (!publicAccessToNodes(this.model, trace, lb)) return;
    const rawGroups = isKnown(lb.securityGroups) ? lb.securityGroups : [lb.securityGroups];
    if (lb.unfiltered === true) {
      trace.pass(lb.id, 'target', lb.address, `internet-facing Network Load Balancer without security groups, reached at its public addresses${port === null ? '' : ` on tcp ${port}`}`, 'P15');
      return;
    }
    // No group named: a Network Load Balancer without security groups does not filter; an ALB gets the VPC's default.
    if (rawGroups.length === 0) {
      trace.unknown(lb.id, 'target', lb.address, 'internet-facing: reached at its public addresses; it names no security group (the VPC\'s default for an Application Load Balancer, none for a Network Load Balancer)', 'P15');
      return;
    }
    sgIngressStep(this.model, trace, rawGroups, { addr: PUBLIC4, groups: [], knownGroups: [] }, port, `${lb.address} (internet-facing: it sees the NAT gateway's public address)`);
    if (!trace.blocked) trace.pass(lb.id, 'target', lb.address, `internet-facing load balancer reached at its public addresses${port === null ? '' : ` on tcp ${port}`}`, 'P15');
  }

  /** P13: the mount target in the function subnet's AZ, NFS tcp 2049. */
  private fileSystem(trace: Trace, src: Source, fs: Target): void {
    const m = this.model;
    const mounts = m.mountTargetsOf(fs.id);
    let open = false;
    for (const mt of mounts) {
      const subnets = isKnown(mt.subnets) ? mt.subnets : [];
      const sub = subnets[0];
      const s = sub !== undefined && isKnown(sub) ? m.get(sub) : undefined;
      if (!s || s.kind !== 'subnet') { open = true; continue; }
      // P13: a mount target in the function's own subnet is in its AZ, whether or not the code writes that AZ.
      const same = s.id === src.subnet.id || azMatch(s.availabilityZone, src.subnet.availabilityZone);
      if (same === null) { open = true; continue; }
      if (same) return this.toTargetSubnet(trace, src, mt, s.id, 2049);
    }
    const az = isKnown(src.subnet.availabilityZone) ? src.subnet.availabilityZone : 'the function subnet\'s AZ';
    if (open) return trace.unknown(fs.id, 'target', fs.address, `cannot tell which mount target serves ${az}`, 'P13');
    trace.block(fs.id, 'target', fs.address, `no mount target in ${az} (P13)`, 'P13', 'LAMBDA_EFS_NO_MOUNT_TARGET',
      [{ description: `add a mount target of ${fs.address} in ${src.subnet.address}`, changes: [{ kind: 'other', component: fs.id }] }]);
  }
}

