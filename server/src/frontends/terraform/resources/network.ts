// VPC structure, routing, gateways and endpoints (aws-networking.md §7 T5, T6) with Terraform's own
// defaults where they differ from AWS's (endpoint type Gateway, private DNS off, DNS hostnames off).

import { isKnown, unknown, type Maybe } from '../../../model/origin';
import type { PeeringAcceptance, RouteDestination, RouteTarget, RouteTargetKind } from '../../../model/types';
import type { HclExpr } from '../../../syntax/hcl/ast';
import type { BlockView } from '../blockView';
import { idOfRef, refType, toBool, toId, toIdList, toOptionalId, toOptionalStr, toPrefixListRef, toStr, argId } from '../modelValues';
import { policyFromArgument } from '../policy';
import { ACCOUNT_SYMBOL, isOwnAccount } from '../providerAccount';
import { isTfRef, isTfUnknown, type TfValue } from '../value';
import type { Mapper, MapContext } from './mapper';
import { prefixListEntry } from './prefixListEntries';

function vpc(m: MapContext): void {
  const v = m.view;
  const cidr = v.attr('cidr_block');
  const ipv6 = v.attr('ipv6_cidr_block');
  const assign = v.attr('assign_generated_ipv6_cidr_block');
  m.emit({
    kind: 'vpc',
    cidrBlocks: (cidr === undefined || cidr === null) && v.isSet('ipv4_ipam_pool_id') ? [unknown('the CIDR block is allocated from an IPAM pool')] : [toStr(cidr, 'cidr_block')],
    ipv6CidrBlocks: ipv6 !== undefined && ipv6 !== null ? [toStr(ipv6, 'ipv6_cidr_block')] : assign === true ? [unknown('the IPv6 block is assigned by AWS')] : [],
    enableDnsSupport: toBool(v.attr('enable_dns_support'), 'enable_dns_support', true),
    // T6: Terraform's default is false (AWS's console default is true).
    enableDnsHostnames: toBool(v.attr('enable_dns_hostnames'), 'enable_dns_hostnames', false),
    instanceTenancy: toStr(v.attr('instance_tenancy') ?? 'default', 'instance_tenancy'),
    ...m.base,
  });
}

function vpcCidr(m: MapContext): void {
  const v = m.view;
  const cidr = v.attr('cidr_block');
  const ipv6 = v.attr('ipv6_cidr_block');
  m.emit({
    kind: 'vpc-cidr',
    vpc: argId(v, 'vpc_id'),
    cidrBlock: cidr === undefined || cidr === null ? (v.isSet('ipv4_ipam_pool_id') ? unknown('allocated from an IPAM pool') : null) : toStr(cidr, 'cidr_block'),
    ipv6CidrBlock: ipv6 === undefined || ipv6 === null ? ((v.isSet('assign_generated_ipv6_cidr_block') && v.attr('assign_generated_ipv6_cidr_block') !== false) || v.isSet('ipv6_ipam_pool_id') ? unknown('assigned by AWS') : null) : toStr(ipv6, 'ipv6_cidr_block'),
    ...m.base,
  });
}

function subnet(m: MapContext): void {
  const v = m.view;
  const az = v.attr('availability_zone');
  m.emit({
    kind: 'subnet',
    vpc: argId(v, 'vpc_id'),
    cidrBlock: toStr(v.attr('cidr_block'), 'cidr_block'),
    ipv6CidrBlock: toOptionalStr(v.attr('ipv6_cidr_block'), 'ipv6_cidr_block'),
    availabilityZone: (az === undefined || az === null) && v.isSet('availability_zone_id') ? toStr(v.attr('availability_zone_id'), 'availability_zone_id') : az === undefined || az === null ? unknown('availability_zone is not set: AWS picks one') : toStr(az, 'availability_zone'),
    mapPublicIpOnLaunch: toBool(v.attr('map_public_ip_on_launch'), 'map_public_ip_on_launch', false),
    ...m.base,
  });
}

const TARGET_ARGS: readonly (readonly [string, RouteTargetKind])[] = [
  ['nat_gateway_id', 'nat-gateway'],
  ['egress_only_gateway_id', 'egress-only-internet-gateway'],
  ['transit_gateway_id', 'transit-gateway'],
  ['vpc_peering_connection_id', 'vpc-peering'],
  ['vpc_endpoint_id', 'vpc-endpoint'],
  ['network_interface_id', 'network-interface'],
  ['instance_id', 'instance'],
  ['carrier_gateway_id', 'carrier-gateway'],
  ['local_gateway_id', 'local-gateway'],
  ['core_network_arn', 'core-network'],
  ['gateway_id', 'internet-gateway'],
];

/** The route's target by which argument is set; `gateway_id` may name an IGW, a VGW, "local" or a NAT gateway. */
export function routeTarget(v: BlockView): RouteTarget {
  for (const [arg, kind] of TARGET_ARGS) {
    const value = v.attr(arg);
    if (value === undefined || value === null || value === '') continue;
    if (arg === 'gateway_id') return gatewayTarget(value);
    return { kind, ref: toId(value, arg) };
  }
  return { kind: 'unknown', ref: unknown('the route has no target') };
}

/** Resource types whose id gateway_id takes, and the target each makes (anything else is not decided here). */
const GATEWAY_ID_TYPES: ReadonlyMap<string, RouteTargetKind> = new Map<string, RouteTargetKind>([
  ['aws_internet_gateway', 'internet-gateway'],
  ['aws_vpn_gateway', 'virtual-private-gateway'],
  ['aws_vpc_endpoint', 'vpc-endpoint'],
  ['aws_nat_gateway', 'nat-gateway'],
]);

function gatewayTarget(value: TfValue): RouteTarget {
  if (value === 'local') return { kind: 'local', ref: unknown('the local route has no gateway') };
  if (isTfRef(value)) {
    const t = refType(value);
    // T5: AWS accepts a NAT gateway id in GatewayId and creates a NAT gateway route (hashicorp/terraform-provider-aws#9445).
    const kind = GATEWAY_ID_TYPES.get(t);
    if (kind === undefined) return { kind: 'unknown', ref: unknown(`gateway_id names a ${t || 'value'} (${value.address}.${value.attribute}), which is not an internet, virtual private or NAT gateway`) };
    return { kind, ref: idOfRef(value) };
  }
  if (typeof value === 'string') {
    const kind: RouteTargetKind = value.startsWith('vgw-') ? 'virtual-private-gateway' : value.startsWith('igw-') ? 'internet-gateway' : value.startsWith('nat-') ? 'nat-gateway' : 'unknown';
    return { kind, ref: unknown(`gateway_id "${value}" is not defined in this workspace`) };
  }
  return { kind: isTfUnknown(value) ? 'unknown' : 'internet-gateway', ref: toId(value, 'gateway_id') };
}

export function routeDestination(v: BlockView, cidrArg: string, ipv6Arg: string): RouteDestination {
  const pl = v.attr('destination_prefix_list_id');
  // Attribute-form routes (`route = [{ … }]`) write every argument, the unused ones as "" or null.
  if (pl !== undefined && pl !== null && pl !== '') return { kind: 'prefix-list', prefixList: toPrefixListRef(pl) };
  const ipv6 = v.attr(ipv6Arg);
  if (ipv6 !== undefined && ipv6 !== null && ipv6 !== '') return { kind: 'ipv6', cidr: toStr(ipv6, ipv6Arg) };
  return { kind: 'ipv4', cidr: toStr(v.attr(cidrArg), cidrArg) };
}

/** aws_route_table and aws_default_route_table: the table plus its inline routes. */
function routeTable(adopts: boolean): Mapper {
  return (m) => {
    const v = m.view;
    let vpcId: Maybe<string>;
    if (adopts) {
      // `default_route_table_id = aws_vpc.x.default_route_table_id` names the VPC whose main table is adopted.
      const d = v.attr('default_route_table_id');
      vpcId = d !== undefined && isTfRef(d) && refType(d) === 'aws_vpc' ? d.target : v.isSet('vpc_id') ? argId(v, 'vpc_id') : unknown('the VPC of default_route_table_id is not in this workspace');
    } else vpcId = argId(v, 'vpc_id');
    m.emit({ kind: 'route-table', vpc: vpcId, adoptsMainRouteTable: adopts, ...m.base });
    // Blocks, or the attribute form `route = [{ … }]`; `route = []` declares no route and removes AWS's extra ones (T5).
    const routes = v.blocks('route');
    if (routes.length > 0 || v.has('route')) m.inlineOwner(m.base.id, 'route table', ['route']);
    routes.forEach((r, i) => emitRoute(m, r, `route[${i}]`, r));
    const unknownRoutes = v.blocksUnknown('route');
    if (unknownRoutes) m.problem('tf-unknown-routes', 'information', `Some routes of ${m.base.address} are not known statically: ${unknownRoutes.reason}`);
  };
}

function emitRoute(m: MapContext, r: BlockView, suffix: string, block: BlockView): void {
  m.emit({
    kind: 'route',
    routeTable: m.base.id,
    destination: routeDestination(r, 'cidr_block', 'ipv6_cidr_block'),
    target: routeTarget(r),
    inline: true,
    ...m.sub(suffix, block),
  });
}

function route(m: MapContext): void {
  const v = m.view;
  const table = argId(v, 'route_table_id');
  if (typeof table === 'string') m.standaloneFor(table, 'route');
  m.emit({ kind: 'route', routeTable: table, destination: routeDestination(v, 'destination_cidr_block', 'destination_ipv6_cidr_block'), target: routeTarget(v), inline: false, ...m.base });
}

const EDGE_ASSOCIATION = 'an edge association: the table routes traffic entering the VPC through a gateway, not a subnet\'s';

function routeTableAssociation(m: MapContext): void {
  const v = m.view;
  // Edge associations (gateway_id) route traffic entering the VPC through a gateway, not a subnet's traffic
  // (a gateway route table, see the engine's ingress check).
  if (!v.isSet('subnet_id')) {
    if (!v.isSet('gateway_id')) return;
    m.emit({ kind: 'route-table-association', subnet: unknown(EDGE_ASSOCIATION), routeTable: argId(v, 'route_table_id'), gateway: argId(v, 'gateway_id'), ...m.base });
    return;
  }
  m.emit({ kind: 'route-table-association', subnet: argId(v, 'subnet_id'), routeTable: argId(v, 'route_table_id'), ...m.base });
}

function mainRouteTableAssociation(m: MapContext): void {
  const v = m.view;
  m.emit({ kind: 'main-route-table-association', vpc: argId(v, 'vpc_id'), routeTable: argId(v, 'route_table_id'), ...m.base });
}

function internetGateway(m: MapContext): void {
  m.emit({ kind: 'internet-gateway', vpc: toOptionalId(m.view.attr('vpc_id'), 'vpc_id'), ...m.base });
}

function gatewayAttachment(gatewayArg: string): Mapper {
  return (m) => {
    const v = m.view;
    m.emit({ kind: 'gateway-attachment', gateway: toId(v.attr(gatewayArg), gatewayArg), vpc: argId(v, 'vpc_id'), ...m.base });
  };
}

function egressOnlyGateway(m: MapContext): void {
  m.emit({ kind: 'egress-only-internet-gateway', vpc: toId(m.view.attr('vpc_id'), 'vpc_id'), ...m.base });
}

/** The AZs of a regional NAT gateway's availability_zone_address blocks; null when there are none (automatic mode). */
function regionalZones(v: BlockView): Maybe<readonly Maybe<string>[]> | null {
  const unknownBlocks = v.blocksUnknown('availability_zone_address');
  if (unknownBlocks) return unknownBlocks;
  const blocks = v.blocks('availability_zone_address');
  if (blocks.length === 0) return null;
  return blocks.map((b) => toStr(b.attr('availability_zone') ?? b.attr('availability_zone_id'), 'availability_zone'));
}

function natGateway(m: MapContext): void {
  const v = m.view;
  const connectivity = toStr(v.attr('connectivity_type') ?? 'public', 'connectivity_type');
  const mode = toStr(v.attr('availability_mode') ?? 'zonal', 'availability_mode');
  const allocation = v.attr('allocation_id');
  const hasEip: Maybe<boolean> = allocation !== undefined && allocation !== null ? true : v.blocks('availability_zone_address').length > 0 ? true : mode === 'regional' ? unknown('a regional NAT gateway may allocate its addresses automatically') : false;
  m.emit({
    kind: 'nat-gateway',
    subnet: toOptionalId(v.attr('subnet_id'), 'subnet_id'),
    vpc: toOptionalId(v.attr('vpc_id'), 'vpc_id'),
    connectivityType: connectivity === 'public' || connectivity === 'private' ? connectivity : typeof connectivity === 'string' ? unknown(`unknown connectivity_type "${connectivity}"`) : connectivity,
    availabilityMode: mode === 'zonal' || mode === 'regional' ? mode : typeof mode === 'string' ? unknown(`unknown availability_mode "${mode}"`) : mode,
    hasElasticIp: hasEip,
    ...m.base,
    // E4: availability_zone_address blocks put a regional NAT gateway in manual mode, serving only those AZs.
    ...(mode === 'regional' ? { availabilityZones: regionalZones(v) } : {}),
  });
}

/** "com.amazonaws.us-east-1.s3" → "s3"; "com.amazonaws.${var.region}.dynamodb" still → "dynamodb". */
export function endpointServiceShortName(serviceName: TfValue | undefined, expr: HclExpr | undefined): Maybe<string> {
  if (typeof serviceName === 'string') {
    const m = /^(?:com\.amazonaws|aws\.api|aws\.sagemaker|cn\.com\.amazonaws)\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
    return m?.[1] ?? serviceName;
  }
  if (serviceName !== undefined && isTfUnknown(serviceName)) {
    const sym = serviceName.symbol !== undefined ? /^endpoint-service:(.+)$/.exec(serviceName.symbol) : null;
    if (sym?.[1] !== undefined) return sym[1];
  }
  if (expr?.kind === 'template') {
    const last = expr.parts[expr.parts.length - 1];
    if (last?.kind === 'string') {
      const m = /^\.([a-z0-9.-]+)$/.exec(last.value);
      if (m?.[1] !== undefined) return m[1];
    }
  }
  return unknown('the endpoint service name is not known statically');
}

function vpcEndpoint(m: MapContext): void {
  const v = m.view;
  const serviceName = v.attr('service_name');
  const type = toStr(v.attr('vpc_endpoint_type') ?? 'Gateway', 'vpc_endpoint_type');
  const subnets = v.isSet('subnet_ids') ? toIdList(v.attr('subnet_ids'), 'subnet_ids') : v.blocks('subnet_configuration').map((b) => argId(b, 'subnet_id'));
  m.emit({
    kind: 'vpc-endpoint',
    vpc: argId(v, 'vpc_id'),
    serviceName: toStr(serviceName, 'service_name'),
    service: endpointServiceShortName(serviceName, v.expr('service_name')),
    endpointType: type === 'Gateway' || type === 'Interface' || type === 'GatewayLoadBalancer' ? type : typeof type === 'string' ? unknown(`endpoint type "${type}" is not modelled`) : type,
    routeTables: toIdList(v.attr('route_table_ids'), 'route_table_ids'),
    subnets,
    securityGroups: toIdList(v.attr('security_group_ids'), 'security_group_ids'),
    privateDnsEnabled: toBool(v.attr('private_dns_enabled'), 'private_dns_enabled', false),
    ...inboundResolverOnly(v),
    policy: policyFromArgument(m.session, v, 'policy', m.base.origin),
    ...m.base,
  });
}

/** `dns_options { private_dns_only_for_inbound_resolver_endpoint = … }`, when written (E7, E9). */
function inboundResolverOnly(v: BlockView): { privateDnsOnlyForInboundResolver?: Maybe<boolean> } {
  const options = v.blocks('dns_options')[0];
  if (options === undefined || !options.isSet('private_dns_only_for_inbound_resolver_endpoint')) return {};
  return { privateDnsOnlyForInboundResolver: toBool(options.attr('private_dns_only_for_inbound_resolver_endpoint'), 'private_dns_only_for_inbound_resolver_endpoint', false) };
}

function endpointAssociation(field: 'routeTable' | 'subnet' | 'securityGroup', arg: string): Mapper {
  return (m) => {
    const v = m.view;
    m.emit({ kind: 'vpc-endpoint-association', endpoint: argId(v, 'vpc_endpoint_id'), [field]: toId(v.attr(arg), arg), ...m.base });
  };
}

function peering(m: MapContext): void {
  const v = m.view;
  // P10: peer_owner_id = data.aws_caller_identity.x.account_id of this resource's own provider configuration
  // names this account, which is the same as leaving it out.
  const own = isOwnAccount(m.inst, v.attr('peer_owner_id'));
  m.emit({ kind: 'vpc-peering', vpc: argId(v, 'vpc_id'), peerVpc: argId(v, 'peer_vpc_id'), acceptance: peeringAcceptance(v, m.base.address, own), ...m.base });
}

const isSet = (value: TfValue | undefined): value is Exclude<TfValue, null> => value !== undefined && value !== null && value !== '';

/** A value for a message: the literal, else the argument's name. */
const shown = (value: TfValue, arg: string): string => (typeof value === 'string' ? `"${value}"` : arg);

/** peer_owner_id for a message: the literal, the provider configuration whose caller identity it reads, else its name. */
const shownAccount = (value: TfValue): string =>
  isTfUnknown(value) && value.symbol?.startsWith(ACCOUNT_SYMBOL) === true ? `of the provider ${value.symbol.slice(ACCOUNT_SYMBOL.length)} (peer_owner_id)` : shown(value, 'peer_owner_id');

/**
 * P10: a request is active only once the accepter VPC's owner accepts it. `auto_accept = true` accepts it at
 * creation, which AWS allows only within one account and Region (Terraform refuses it with `peer_region`);
 * otherwise it stays pending-acceptance until an aws_vpc_peering_connection_accepter (found by the engine) or
 * someone outside the workspace accepts it.
 */
function peeringAcceptance(v: BlockView, address: string, ownAccount: boolean): PeeringAcceptance {
  const auto = toBool(v.attr('auto_accept'), 'auto_accept', false);
  const owner = ownAccount ? undefined : v.attr('peer_owner_id');
  const region = v.attr('peer_region');
  const accepter = `add an aws_vpc_peering_connection_accepter with vpc_peering_connection_id = ${address}.id and auto_accept = true`;
  if (isSet(owner)) {
    const account = shownAccount(owner);
    return {
      accepted: unknown(`the request goes to the account ${account}, which must accept it (auto_accept works only within one account): whether it is this account, or whether that account accepts it, is not in this workspace`),
      why: `the request goes to the account ${account}`,
      fixes: [`${accepter}, in the configuration of the account ${account}${isSet(region) ? ` and Region ${shown(region, 'peer_region')}` : ''}`],
    };
  }
  if (isSet(region)) {
    const where = shown(region, 'peer_region');
    const rejected = auto === true ? 'Terraform refuses auto_accept = true with peer_region: auto_accept accepts only a request within one Region; ' : '';
    return {
      accepted: false,
      why: `${rejected}a request to the Region ${where} stays pending-acceptance until it is accepted in that Region, and nothing in the workspace accepts it`,
      fixes: [`${accepter}, with a provider for the Region ${where}${auto === true ? ', and remove auto_accept' : ''}`],
    };
  }
  if (!isKnown(auto)) return { accepted: auto, why: `auto_accept is not known: ${auto.reason}`, fixes: [`set auto_accept = true on ${address}`] };
  if (auto) return { accepted: true, why: 'auto_accept = true accepts the request (same account and Region)', fixes: [] };
  return {
    accepted: false,
    why: 'auto_accept is not set, so the request stays pending-acceptance, and nothing in the workspace accepts it',
    fixes: [`set auto_accept = true on ${address}`, accepter],
  };
}

/** The accepter's side: accepts the pending request only with `auto_accept = true` (default false). */
function peeringAccepter(m: MapContext): void {
  const v = m.view;
  m.emit({ kind: 'vpc-peering-accepter', connection: argId(v, 'vpc_peering_connection_id'), autoAccept: toBool(v.attr('auto_accept'), 'auto_accept', false), ...m.base });
}

/**
 * aws_vpc_peering_connection_options sets DNS resolution across an active connection: it neither accepts the
 * request nor changes routing, so it adds nothing to the model (read so it is not reported as unmodelled).
 */
function peeringOptions(): void {
  // Deliberately empty: see above.
}

/** An "enable" | "disable" argument of the transit gateway resources (P11, P3). */
function enableFlag(v: BlockView, arg: string, fallback: boolean): Maybe<boolean> {
  const value = toStr(v.attr(arg) ?? (fallback ? 'enable' : 'disable'), arg);
  if (value === 'enable') return true;
  if (value === 'disable') return false;
  return typeof value === 'string' ? unknown(`${arg} "${value}" is neither enable nor disable`) : value;
}

function transitGateway(m: MapContext): void {
  const v = m.view;
  m.emit({
    kind: 'transit-gateway',
    defaultRouteTableAssociation: enableFlag(v, 'default_route_table_association', true),
    defaultRouteTablePropagation: enableFlag(v, 'default_route_table_propagation', true),
    securityGroupReferencing: enableFlag(v, 'security_group_referencing_support', false),
    ...m.base,
  });
}

function transitGatewayAttachment(m: MapContext): void {
  const v = m.view;
  m.emit({
    kind: 'transit-gateway-attachment',
    transitGateway: argId(v, 'transit_gateway_id'),
    vpc: argId(v, 'vpc_id'),
    subnets: toIdList(v.attr('subnet_ids'), 'subnet_ids'),
    defaultRouteTableAssociation: toBool(v.attr('transit_gateway_default_route_table_association'), 'transit_gateway_default_route_table_association', true),
    defaultRouteTablePropagation: toBool(v.attr('transit_gateway_default_route_table_propagation'), 'transit_gateway_default_route_table_propagation', true),
    securityGroupReferencing: enableFlag(v, 'security_group_referencing_support', true),
    ...m.base,
  });
}

function transitGatewayRouteTable(m: MapContext): void {
  m.emit({ kind: 'transit-gateway-route-table', transitGateway: argId(m.view, 'transit_gateway_id'), isDefault: false, ...m.base });
}

function transitGatewayLink(kind: 'transit-gateway-association' | 'transit-gateway-propagation'): Mapper {
  return (m) => {
    const v = m.view;
    m.emit({ kind, attachment: argId(v, 'transit_gateway_attachment_id'), routeTable: argId(v, 'transit_gateway_route_table_id'), ...m.base });
  };
}

function transitGatewayRoute(m: MapContext): void {
  const v = m.view;
  const blackhole = toBool(v.attr('blackhole'), 'blackhole', false);
  m.emit({
    kind: 'transit-gateway-route',
    routeTable: argId(v, 'transit_gateway_route_table_id'),
    destination: toStr(v.attr('destination_cidr_block'), 'destination_cidr_block'),
    attachment: blackhole === true ? null : argId(v, 'transit_gateway_attachment_id'),
    blackhole,
    ...m.base,
  });
}

function managedPrefixList(m: MapContext): void {
  const blocks = m.view.blocks('entry');
  const entries: Maybe<string>[] = blocks.map((e) => toStr(e.attr('cidr'), 'cidr'));
  // A dynamic entry block over a collection not known statically: some entries are missing, not absent.
  const pending = m.view.blocksUnknown('entry');
  if (pending) entries.push(unknown(`some entries of ${m.base.address} are not known statically (${pending.reason})`));
  // `entry` is Optional+Computed: a list without entry blocks leaves its entries to aws_ec2_managed_prefix_list_entry.
  if (blocks.length > 0 || pending !== undefined) m.inlineEntries(m.base.id);
  m.emit({ kind: 'prefix-list', entries, ...m.base });
}

function blockPublicAccess(m: MapContext): void {
  const mode = toStr(m.view.attr('internet_gateway_block_mode'), 'internet_gateway_block_mode');
  m.emit({ kind: 'block-public-access', mode: mode === 'block-bidirectional' || mode === 'block-ingress' || mode === 'off' ? mode : typeof mode === 'string' ? unknown(`unknown mode "${mode}"`) : mode, ...m.base });
}

/**
 * E13: an exclusion names a VPC or a subnet (AWS takes exactly one) and internet_gateway_exclusion_mode
 * (EC2 API CreateVpcBlockPublicAccessExclusion, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcBlockPublicAccessExclusion.html).
 */
function blockPublicAccessExclusion(m: MapContext): void {
  const v = m.view;
  const mode = toStr(v.attr('internet_gateway_exclusion_mode'), 'internet_gateway_exclusion_mode');
  const set = (arg: string): boolean => { const x = v.attr(arg); return x !== undefined && x !== null; };
  m.emit({
    kind: 'block-public-access-exclusion',
    vpc: set('vpc_id') ? argId(v, 'vpc_id') : null,
    subnet: set('subnet_id') ? argId(v, 'subnet_id') : null,
    mode: mode === 'allow-bidirectional' || mode === 'allow-egress' ? mode : typeof mode === 'string' ? unknown(`unknown exclusion mode "${mode}"`) : mode,
    ...m.base,
  });
}

export const networkMappers: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  ['aws_vpc', vpc],
  ['aws_vpc_ipv4_cidr_block_association', vpcCidr],
  ['aws_vpc_ipv6_cidr_block_association', vpcCidr],
  ['aws_subnet', subnet],
  ['aws_route_table', routeTable(false)],
  ['aws_default_route_table', routeTable(true)],
  ['aws_route', route],
  ['aws_route_table_association', routeTableAssociation],
  ['aws_main_route_table_association', mainRouteTableAssociation],
  ['aws_internet_gateway', internetGateway],
  ['aws_internet_gateway_attachment', gatewayAttachment('internet_gateway_id')],
  ['aws_vpn_gateway_attachment', gatewayAttachment('vpn_gateway_id')],
  ['aws_egress_only_internet_gateway', egressOnlyGateway],
  ['aws_nat_gateway', natGateway],
  ['aws_vpc_endpoint', vpcEndpoint],
  ['aws_vpc_endpoint_route_table_association', endpointAssociation('routeTable', 'route_table_id')],
  ['aws_vpc_endpoint_subnet_association', endpointAssociation('subnet', 'subnet_id')],
  ['aws_vpc_endpoint_security_group_association', endpointAssociation('securityGroup', 'security_group_id')],
  ['aws_vpc_peering_connection', peering],
  ['aws_vpc_peering_connection_accepter', peeringAccepter],
  ['aws_vpc_peering_connection_options', peeringOptions],
  ['aws_ec2_transit_gateway', transitGateway],
  ['aws_ec2_transit_gateway_vpc_attachment', transitGatewayAttachment],
  ['aws_ec2_transit_gateway_route_table', transitGatewayRouteTable],
  ['aws_ec2_transit_gateway_route_table_association', transitGatewayLink('transit-gateway-association')],
  ['aws_ec2_transit_gateway_route_table_propagation', transitGatewayLink('transit-gateway-propagation')],
  ['aws_ec2_transit_gateway_route', transitGatewayRoute],
  ['aws_ec2_managed_prefix_list', managedPrefixList],
  ['aws_ec2_managed_prefix_list_entry', prefixListEntry],
  ['aws_vpc_block_public_access_options', blockPublicAccess],
  ['aws_vpc_block_public_access_exclusion', blockPublicAccessExclusion],
]);
