// AWS::EC2 network resources → model objects: VPC and CIDR blocks, subnets, route tables and routes,
// gateways (IGW only through VPCGatewayAttachment), NAT, endpoints, security groups with CloudFormation's
// egress default (T3), NACLs, peering, transit gateways, prefix lists (aws-networking.md §7, T3–T6).

import { isKnown, unknown, type Maybe } from '../../model/origin';
import type {
  GatewayAttachment, Id, ModelObject, NetworkAclAssociation, NetworkAclEntry, PeeringAcceptance, PrefixListRef, Route, RouteDestination, RouteTableAssociation, RouteTarget, RouteTargetKind,
  SecurityGroupRule, SgPeer, VpcEndpointAssociation,
} from '../../model/types';
import {
  Props, objectBase, toBool, toId, toNum, toOptionalId, toOptionalStr, toProtocol, toRefList, toStr, withBranches, type ObjectBase,
} from './emitContext';
import type { CfnEvaluator } from './evaluate';
import { documentFromValue } from './policy';
import { child, intrinsicOf, scalarString, type CfnResource } from './template';
import type { DataNode } from '../../syntax/data/ast';
import { field, isCfnList, isCfnMap, isCfnRef, isCfnUnknown, isNoValue, type CfnRef, type CfnUnknown, type CfnValue } from './value';
import { override } from '../../model/override';

const GATEWAY_KINDS: ReadonlyMap<string, RouteTargetKind> = new Map([
  ['AWS::EC2::InternetGateway', 'internet-gateway'],
  ['AWS::EC2::VPNGateway', 'virtual-private-gateway'],
  ['AWS::EC2::NatGateway', 'nat-gateway'],
  ['AWS::EC2::EgressOnlyInternetGateway', 'egress-only-internet-gateway'],
  ['AWS::EC2::TransitGateway', 'transit-gateway'],
  ['AWS::EC2::VPCPeeringConnection', 'vpc-peering'],
  ['AWS::EC2::VPCEndpoint', 'vpc-endpoint'],
  ['AWS::EC2::NetworkInterface', 'network-interface'],
  ['AWS::EC2::Instance', 'instance'],
  ['AWS::EC2::CarrierGateway', 'carrier-gateway'],
]);

const LITERAL_PREFIX_KINDS: readonly (readonly [string, RouteTargetKind])[] = [
  ['igw-', 'internet-gateway'],
  ['vgw-', 'virtual-private-gateway'],
  ['nat-', 'nat-gateway'],
  ['eigw-', 'egress-only-internet-gateway'],
  ['tgw-', 'transit-gateway'],
  ['pcx-', 'vpc-peering'],
  ['vpce-', 'vpc-endpoint'],
  ['eni-', 'network-interface'],
  ['i-', 'instance'],
  ['cagw-', 'carrier-gateway'],
  ['lgw-', 'local-gateway'],
];

const ROUTE_TARGET_PROPS: readonly (readonly [string, RouteTargetKind])[] = [
  ['GatewayId', 'unknown'], // IGW or VGW: decided by what it names
  ['NatGatewayId', 'nat-gateway'],
  ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'vpc-peering'],
  ['VpcEndpointId', 'vpc-endpoint'],
  ['NetworkInterfaceId', 'network-interface'],
  ['InstanceId', 'instance'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['LocalGatewayId', 'local-gateway'],
  ['CoreNetworkArn', 'core-network'],
];


/** DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver, AllResolvers or NotSpecified (E7, E9). */
function inboundResolverOnly(options: CfnValue | undefined): { privateDnsOnlyForInboundResolver?: Maybe<boolean> } {
  const v = options === undefined ? undefined : field(options, 'PrivateDnsOnlyForInboundResolverEndpoint');
  if (v === undefined || v === 'NotSpecified') return {};
  if (v === 'OnlyInboundResolver' || v === true || v === 'true') return { privateDnsOnlyForInboundResolver: true };
  if (v === 'AllResolvers' || v === false || v === 'false') return { privateDnsOnlyForInboundResolver: false };
  return { privateDnsOnlyForInboundResolver: unknown(isCfnUnknown(v) ? v.reason : 'DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint is not OnlyInboundResolver or AllResolvers') };
}

function routeTarget(p: Props): RouteTarget {
  for (const [prop, kind] of ROUTE_TARGET_PROPS) {
    const v = p.get(prop);
    if (v === undefined) continue;
    if (isCfnRef(v)) return { kind: GATEWAY_KINDS.get(v.resourceType) ?? kind, ref: v.target };
    if (typeof v === 'string') {
      if (v === 'local') return { kind: 'local', ref: unknown('the local route') };
      const lit = LITERAL_PREFIX_KINDS.find(([pre]) => v.startsWith(pre));
      return { kind: lit?.[1] ?? kind, ref: toId(v, prop) };
    }
    return { kind, ref: toId(v, prop) };
  }
  return { kind: 'unknown', ref: unknown('the route has no target') };
}

export function prefixListRef(v: CfnValue): PrefixListRef {
  if (typeof v === 'string') return { kind: 'literal', id: v };
  if (isCfnRef(v)) return v.resourceType === 'AWS::EC2::PrefixList' ? { kind: 'object', ref: v.target } : { kind: 'unknown', value: unknown(`${v.logicalId} is not a prefix list`) };
  return { kind: 'unknown', value: isCfnUnknown(v) ? v : unknown('prefix list id is not a string') };
}

function routeDestination(p: Props): RouteDestination {
  const v6 = p.get('DestinationIpv6CidrBlock');
  if (v6 !== undefined) return { kind: 'ipv6', cidr: toStr(v6, undefined, 'DestinationIpv6CidrBlock') };
  const pl = p.get('DestinationPrefixListId');
  if (pl !== undefined) return { kind: 'prefix-list', prefixList: prefixListRef(pl) };
  return { kind: 'ipv4', cidr: toStr(p.get('DestinationCidrBlock'), undefined, 'DestinationCidrBlock') };
}

/**
 * P10: CloudFormation accepts a request within one account itself (also across Regions); to another account
 * it accepts only by assuming PeerRoleArn there. Without it the request stays pending-acceptance until that
 * account accepts it, which the template cannot show. PeerOwnerId `!Ref AWS::AccountId` is this account.
 */
function peeringAcceptance(p: Props, address: string): PeeringAcceptance {
  const owner = p.get('PeerOwnerId');
  if (owner === undefined || (isCfnUnknown(owner) && owner.symbol === 'AWS::AccountId')) {
    return { accepted: true, why: 'both VPCs are in the stack\'s account: CloudFormation accepts the request', fixes: [] };
  }
  const account = typeof owner === 'string' ? `'${owner}'` : 'PeerOwnerId';
  if (p.has('PeerRoleArn')) return { accepted: true, why: `CloudFormation accepts the request by assuming PeerRoleArn in the account ${account}`, fixes: [] };
  return {
    accepted: unknown(`the request goes to the account ${account} without PeerRoleArn: unless that is the stack's own account, it stays pending-acceptance until that account accepts it, which the template does not show`),
    why: `the request goes to the account ${account} without PeerRoleArn`,
    fixes: [`set PeerRoleArn on ${address} to a role in the account ${account} that allows ec2:AcceptVpcPeeringConnection`],
  };
}

/** Short service name from "com.amazonaws.<region>.<service>" (or "aws.api.<region>.<service>"). */
export function serviceFromName(name: string): string | undefined {
  const parts = name.split('.');
  if (parts.length >= 4 && (parts[0] === 'com' || parts[0] === 'aws') && parts[1] !== 'vpce') return parts.slice(3).join('.');
  return undefined;
}

/** The service of an endpoint whose full name is only partly known (`com.amazonaws.${AWS::Region}.s3`). */
function serviceFromRaw(p: Props): Maybe<string> {
  const name = p.get('ServiceName');
  if (typeof name === 'string') return serviceFromName(name) ?? unknown(`'${name}' is not an AWS service endpoint name`);
  const raw = p.raw('ServiceName');
  const text = raw !== undefined ? regionText(raw, 0) : undefined;
  if (text !== undefined) {
    const m = /^com\.amazonaws\.\$\{AWS::Region\}\.(.+)$/.exec(text);
    if (m?.[1] !== undefined && !m[1].includes('${')) return m[1];
  }
  return isCfnUnknown(name ?? null) ? (name as Maybe<string>) : unknown('the endpoint service name is not set');
}

/**
 * An endpoint service name as written, with the Region left as `${AWS::Region}`: a literal, `!Sub` (also with
 * a variable map), `!Join` of literals and `!Ref AWS::Region`, as templates spell `com.amazonaws.<region>.s3`
 * when the Region is only known at deploy time (E5: the service decides gateway or interface routing).
 */
function regionText(n: DataNode, depth: number): string | undefined {
  const fn = intrinsicOf(n);
  if (fn === undefined) return scalarString(n);
  if (depth > 4) return undefined;
  if (fn.name === 'Ref') return scalarString(fn.arg) === 'AWS::Region' ? '${AWS::Region}' : undefined;
  const items = fn.arg.kind === 'seq' ? fn.arg.items : undefined;
  if (fn.name === 'Fn::Sub') {
    if (fn.arg.kind === 'scalar') return typeof fn.arg.value === 'string' ? fn.arg.value : undefined;
    const text = items?.length === 2 ? scalarString(items[0]) : undefined;
    const vars = items?.[1];
    if (text === undefined || vars?.kind !== 'map') return undefined;
    return text.replace(/\$\{([^}!]+)\}/g, (whole, v: string) => {
      const value = child(vars, v.trim());
      return (value !== undefined ? regionText(value, depth + 1) : undefined) ?? whole;
    });
  }
  if (fn.name === 'Fn::Join' && items?.length === 2) {
    const delimiter = scalarString(items[0]) ?? (items[0]?.kind === 'scalar' && items[0].value === null ? '' : undefined);
    const list = items[1];
    if (delimiter === undefined || list?.kind !== 'seq') return undefined;
    const parts: string[] = [];
    for (const item of list.items) {
      const t = regionText(item, depth + 1);
      if (t === undefined) return undefined;
      parts.push(t);
    }
    return parts.join(delimiter);
  }
  return undefined;
}

function sgRule(base: ObjectBase, group: Maybe<Id>, direction: 'ingress' | 'egress', rule: CfnValue, inline: boolean): SecurityGroupRule {
  const get = (n: string): CfnValue | undefined => field(rule, n);
  const protocol = toProtocol(get('IpProtocol'));
  const all = protocol === '-1';
  const peerGroup = direction === 'ingress' ? get('SourceSecurityGroupId') ?? get('SourceSecurityGroupName') : get('DestinationSecurityGroupId');
  const peerPl = direction === 'ingress' ? get('SourcePrefixListId') : get('DestinationPrefixListId');
  let peer: SgPeer;
  if (get('CidrIp') !== undefined) peer = { kind: 'ipv4', cidr: toStr(get('CidrIp'), undefined, 'CidrIp') };
  else if (get('CidrIpv6') !== undefined) peer = { kind: 'ipv6', cidr: toStr(get('CidrIpv6'), undefined, 'CidrIpv6') };
  else if (peerGroup !== undefined) peer = { kind: 'security-group', group: toId(peerGroup, 'security group') };
  else if (peerPl !== undefined) peer = { kind: 'prefix-list', prefixList: prefixListRef(peerPl) };
  else peer = { kind: 'ipv4', cidr: unknown('the rule names no peer') };
  return {
    kind: 'security-group-rule',
    group,
    direction,
    protocol,
    fromPort: toNum(get('FromPort'), all ? 0 : unknown('FromPort is not set'), 'FromPort'),
    toPort: toNum(get('ToPort'), all ? 65535 : unknown('ToPort is not set'), 'ToPort'),
    peer,
    inline,
    ...base,
  };
}

function withSuffix(b: ObjectBase, suffix: string): ObjectBase {
  return override(b, { id: b.id + suffix, address: b.address + suffix });
}

/** A rule whose every field is `why`: the engine answers unknown for what it would decide (M3). */
function unknownRule(base: ObjectBase, group: Id, direction: 'ingress' | 'egress', why: CfnUnknown): SecurityGroupRule {
  return { kind: 'security-group-rule', group, direction, protocol: why, fromPort: why, toPort: why, peer: { kind: 'ipv4', cidr: why }, inline: true, ...base };
}

/**
 * The inline rules of one direction. A list item that is not a rule map is never dropped: an Fn::If whose
 * condition cannot be decided (`- !If [Cond, {…}, !Ref AWS::NoValue]`) or a wrong type becomes a rule whose
 * fields are unknown, so the group neither allows nor blocks by guess (M3); a wrong type is also reported.
 */
function inlineRules(ev: CfnEvaluator, r: CfnResource, p: Props, b: ObjectBase, dir: 'ingress' | 'egress', out: ModelObject[]): void {
  const prop = dir === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const list = p.get(prop);
  if (list === undefined) return;
  const raw = p.raw(prop);
  if (!isCfnList(list)) {
    if (!isCfnUnknown(list)) ev.report('cfn-wrong-type', 'error', `${prop} must be a list of ${dir} rules`, raw?.span ?? r.keySpan);
    out.push(unknownRule(withSuffix(b, `.${prop}`), b.id, dir, isCfnUnknown(list) ? list : unknown(`${prop} is not a list of rules`)));
    return;
  }
  // Items map to the written ones only when no AWS::NoValue item was dropped.
  const items = raw?.kind === 'seq' && raw.items.length === list.length ? raw.items : undefined;
  list.forEach((rule, i) => {
    const rb = withSuffix(b, `.${prop}[${i}]`);
    if (isCfnMap(rule)) out.push(sgRule(rb, b.id, dir, rule, true));
    else if (isCfnUnknown(rule)) out.push(unknownRule(rb, b.id, dir, rule));
    else {
      ev.report('cfn-wrong-type', 'error', `${prop}[${i}] must be a map with IpProtocol and a ${dir === 'ingress' ? 'source' : 'destination'}`, items?.[i]?.span ?? raw?.span ?? r.keySpan);
      out.push(unknownRule(rb, b.id, dir, unknown(`${prop}[${i}] is not a rule`)));
    }
  });
}

function securityGroup(ev: CfnEvaluator, r: CfnResource, p: Props, b: ObjectBase): ModelObject[] {
  const egress = p.get('SecurityGroupEgress');
  // T3: CloudFormation adds allow-all egress unless egress rules are declared inline. A list whose items are
  // all unknown may end up empty (allow-all) or not: its unknown rules make the answer unknown either way.
  const declaredEgress = egress !== undefined && (!isCfnList(egress) || egress.length > 0);
  const out: ModelObject[] = [
    {
      kind: 'security-group',
      vpc: p.has('VpcId') ? toId(p.get('VpcId'), 'VpcId') : unknown(`${r.logicalId} has no VpcId: it is created in the default VPC`),
      name: toStr(p.get('GroupName'), unknown('the group name is generated by CloudFormation'), 'GroupName'),
      implicitEgress: declaredEgress ? 'none' : 'allow-all',
      adoptsDefaultOf: null,
      ...b,
    },
  ];
  inlineRules(ev, r, p, b, 'ingress', out);
  inlineRules(ev, r, p, b, 'egress', out);
  return out;
}

function standaloneRule(p: Props, b: ObjectBase, direction: 'ingress' | 'egress'): ModelObject[] {
  const group = p.get('GroupId') ?? (direction === 'ingress' ? p.get('GroupName') : undefined);
  const fields = new Map<string, CfnValue>();
  for (const n of ['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6', 'SourceSecurityGroupId', 'SourceSecurityGroupName', 'DestinationSecurityGroupId', 'SourcePrefixListId', 'DestinationPrefixListId']) {
    const v = p.get(n);
    if (v !== undefined) fields.set(n, v);
  }
  return perArm(sgRule(b, toId(group, 'GroupId'), direction, { kind: 'map', fields }, false), group, 'GroupId', (o, g) => override(o, { group: g }));
}

function portRange(p: Props, edge: 'From' | 'To', all: boolean): Maybe<number> {
  const range = p.get('PortRange');
  return toNum(field(range, edge), all ? (edge === 'From' ? 0 : 65535) : unknown('PortRange is not set'), `PortRange.${edge}`);
}

/** An "enable" | "disable" property of the transit gateway resources (P11, P3). */
function enableFlag(v: CfnValue | undefined, fallback: boolean, what: string): Maybe<boolean> {
  const value = toStr(v, fallback ? 'enable' : 'disable', what);
  if (value === 'enable') return true;
  if (value === 'disable') return false;
  return typeof value === 'string' ? unknown(`${what} '${value}' is neither enable nor disable`) : value;
}

/** The AZs of a regional NAT gateway's AvailabilityZoneAddresses; null when there are none (automatic mode). */
function regionalZones(v: CfnValue | undefined): Maybe<readonly Maybe<string>[]> | null {
  if (v === undefined) return null;
  if (!isCfnList(v)) return isCfnUnknown(v) ? v : unknown('AvailabilityZoneAddresses is not a list');
  if (v.length === 0) return null;
  return v.map((entry) => toStr(field(entry, 'AvailabilityZone') ?? field(entry, 'AvailabilityZoneId'), undefined, 'AvailabilityZone'));
}

/** The CIDRs of a literal list of PrefixList entries; an element that is not a literal entry is an unknown entry. */
function literalEntries(list: readonly CfnValue[]): Maybe<string>[] {
  const out: Maybe<string>[] = [];
  for (const e of list) {
    if (isNoValue(e)) continue;
    if (isCfnUnknown(e)) out.push(unknown(`an entry is not known statically (${withBranches(e, 'the entry').reason})`));
    else out.push(toStr(field(e, 'Cidr'), undefined, 'Cidr'));
  }
  return out;
}

/**
 * AWS::EC2::PrefixList Entries. Absent: the list is empty. Anything but a literal list (a parameter, an import,
 * an undecidable Fn::If) leaves the entries unknown, never an empty list that reads as certain. Of an Fn::If
 * between two literal lists, the entries both arms hold are certain and the rest one unknown entry.
 */
function prefixListEntries(v: CfnValue | undefined): Maybe<string>[] {
  if (v === undefined || isNoValue(v)) return [];
  if (isCfnList(v)) return literalEntries(v);
  if (!isCfnUnknown(v)) return [unknown('Entries is not a list')];
  const why = unknown(`the entries are not known statically (${withBranches(v, 'Entries').reason})`);
  const arms = v.branches;
  const [a, b] = arms?.length === 2 ? arms : [undefined, undefined];
  const armEntries = (arm: CfnValue | undefined): Maybe<string>[] | undefined => (arm === undefined ? undefined : isNoValue(arm) ? [] : isCfnList(arm) ? literalEntries(arm) : undefined);
  const left = armEntries(a);
  const right = armEntries(b);
  if (left === undefined || right === undefined) return [why];
  const inRight = new Set(right.filter((x): x is string => isKnown(x)));
  const common = left.filter((x): x is string => isKnown(x) && inRight.has(x));
  const known = new Set(common);
  const rest = left.some((x) => !isKnown(x) || !known.has(x)) || right.some((x) => !isKnown(x) || !known.has(x));
  return rest ? [...common, why] : common;
}

/**
 * M3: a reference an Fn::If chooses under a condition that cannot be decided (`SubnetId: !If [NewVpc, !Ref
 * Subnet, !Ref ExistingSubnet]`) gives one object per arm, each created only in its outcome (`existence`).
 * One object naming an unknown subnet, group, table or ACL is dropped by the model, so the subnet fell back
 * to the main route table (P7) or default NACL (P5), or the rule vanished, and the answer was a guess.
 */
function perArm<T extends ModelObject>(o: T, v: CfnValue | undefined, what: string, withRef: (o: T, ref: Maybe<Id>) => T): T[] {
  // Arms that name nothing in the template split nothing: the object stays one, naming an unknown.
  if (v === undefined || !isCfnUnknown(v) || v.branches?.length !== 2 || !v.branches.some(isCfnRef)) return [o];
  const out: T[] = [];
  v.branches.forEach((arm, i) => {
    if (isNoValue(arm)) return;
    const outcome = i === 0 ? 'true' : 'false';
    const name = isCfnRef(arm) ? (arm.attribute === 'Ref' ? arm.logicalId : `${arm.logicalId}.${arm.attribute}`) : typeof arm === 'string' ? `'${arm}'` : 'a value known at deploy time';
    const existence = unknown(`${what} is ${name} only if the Fn::If condition is ${outcome}: ${v.reason}`);
    const copy: Partial<ModelObject> = { id: `${o.id}#if-${outcome}`, address: `${o.address} (${what} ${name})`, existence };
    out.push(withRef(Object.assign({}, o, copy), toId(arm, what)));
  });
  return out;
}

/**
 * E7: the route tables an Fn::If puts in a gateway endpoint's RouteTableIds under a condition that cannot be
 * decided (`- !If [HasAz3, !Ref Rt3, !Ref AWS::NoValue]`, or `!If [C, [Rt1, Rt3], [Rt1]]`) become
 * associations created only in their outcome, which the model turns into conditional endpoint routes; the
 * endpoint's own list keeps them unknown, so without this they got no endpoint route at all.
 */
function conditionalEndpointTables(v: CfnValue | undefined, b: ObjectBase): VpcEndpointAssociation[] {
  if (v === undefined) return [];
  const out: VpcEndpointAssociation[] = [];
  const add = (arm: CfnRef, outcome: 'true' | 'false' | null, why: CfnUnknown, n: number): void => {
    const name = arm.attribute === 'Ref' ? arm.logicalId : `${arm.logicalId}.${arm.attribute}`;
    const existence = outcome === null ? undefined : unknown(`RouteTableIds holds ${name} only if the Fn::If condition is ${outcome}: ${why.reason}`);
    out.push({
      kind: 'vpc-endpoint-association', endpoint: b.id, routeTable: arm.target,
      ...withSuffix(b, `.RouteTableIds[${n}]${outcome === null ? '' : `#if-${outcome}`}`), ...(existence !== undefined ? { existence } : {}),
    });
  };
  const refsOf = (arm: CfnValue | undefined): CfnRef[] => (arm !== undefined && isCfnList(arm) ? arm.filter(isCfnRef) : []);
  if (isCfnList(v)) {
    v.forEach((item, n) => {
      if (!isCfnUnknown(item) || item.branches?.length !== 2) return;
      item.branches.forEach((arm, i) => { if (isCfnRef(arm)) add(arm, i === 0 ? 'true' : 'false', item, n); });
    });
  } else if (wholeListOfRefs(v)) {
    const [whenTrue, whenFalse] = [refsOf(v.branches?.[0]), refsOf(v.branches?.[1])];
    const inOther = (ref: CfnRef, list: CfnRef[]): boolean => list.some((x) => x.target === ref.target);
    whenTrue.forEach((ref, n) => add(ref, inOther(ref, whenFalse) ? null : 'true', v, n));
    whenFalse.forEach((ref, n) => { if (!inOther(ref, whenTrue)) add(ref, 'false', v, n); });
  }
  return out;
}

/** An Fn::If choosing between two lists of references (or none): its associations say all it can give. */
function wholeListOfRefs(v: CfnValue | undefined): v is CfnUnknown {
  const listOfRefs = (arm: CfnValue | undefined): boolean => arm !== undefined && (isNoValue(arm) || (isCfnList(arm) && arm.every(isCfnRef)));
  return v !== undefined && isCfnUnknown(v) && v.branches?.length === 2 && listOfRefs(v.branches[0]) && listOfRefs(v.branches[1]);
}

/** Per template, the AWS::EC2::SubnetCidrBlock resources by the logical id of the subnet they extend. */
const subnetBlockIndexes = new WeakMap<CfnEvaluator, ReadonlyMap<string, readonly CfnResource[]>>();

function subnetBlocks(ev: CfnEvaluator, subnet: string): readonly CfnResource[] {
  let index = subnetBlockIndexes.get(ev);
  if (index === undefined) {
    const byId = new Map<string, CfnResource[]>();
    for (const r of ev.resources.values()) {
      if (r.type !== 'AWS::EC2::SubnetCidrBlock') continue;
      const ref = new Props(ev, r).get('SubnetId');
      if (ref === undefined || !isCfnRef(ref)) continue;
      const list = byId.get(ref.logicalId);
      if (list) list.push(r);
      else byId.set(ref.logicalId, [r]);
    }
    subnetBlockIndexes.set(ev, (index = byId));
  }
  return index.get(subnet) ?? [];
}

/**
 * E11: a subnet's IPv6 block, written on the subnet or added by an AWS::EC2::SubnetCidrBlock (the way
 * dual-stack templates often give a subnet its block). One whose block comes from IPAM, or that is created
 * under an undecidable Condition, gives an unknown block (the model has no "maybe no block": the reason says so).
 */
function subnetIpv6(ev: CfnEvaluator, r: CfnResource, p: Props): Maybe<string> | null {
  if (p.has('Ipv6CidrBlock')) return toStr(p.get('Ipv6CidrBlock'), undefined, 'Ipv6CidrBlock');
  for (const block of subnetBlocks(ev, r.logicalId)) {
    const created = block.condition === undefined ? true : ev.resourceExistence(block.condition);
    if (created === false) continue;
    const bp = new Props(ev, block);
    const cidr = bp.has('Ipv6CidrBlock') ? toStr(bp.get('Ipv6CidrBlock'), undefined, 'Ipv6CidrBlock') : unknown(`${block.logicalId} allocates the IPv6 block from IPAM`);
    return created === true ? cidr : unknown(`${block.logicalId} gives ${r.logicalId} an IPv6 block only if it is ${created.reason}`);
  }
  return null;
}

/** Model objects for an AWS::EC2 network resource, or undefined when the type is not a network type. */
export function networkObjects(ev: CfnEvaluator, r: CfnResource, p: Props): ModelObject[] | undefined {
  const b = objectBase(ev, r);
  switch (r.type) {
    case 'AWS::EC2::VPC':
      return [
        {
          kind: 'vpc',
          cidrBlocks: [toStr(p.get('CidrBlock'), unknown('the CIDR block is allocated from IPAM'), 'CidrBlock')],
          ipv6CidrBlocks: [],
          enableDnsSupport: toBool(p.get('EnableDnsSupport'), true, 'EnableDnsSupport'),
          enableDnsHostnames: toBool(p.get('EnableDnsHostnames'), false, 'EnableDnsHostnames'),
          instanceTenancy: toStr(p.get('InstanceTenancy'), 'default', 'InstanceTenancy'),
          ...b,
        },
      ];
    case 'AWS::EC2::VPCCidrBlock': {
      const amazonV6 = toBool(p.get('AmazonProvidedIpv6CidrBlock'), false, 'AmazonProvidedIpv6CidrBlock');
      const v6 = p.get('Ipv6CidrBlock');
      return [
        {
          kind: 'vpc-cidr',
          vpc: toId(p.get('VpcId'), 'VpcId'),
          cidrBlock: !p.has('CidrBlock') && p.has('Ipv4IpamPoolId') ? unknown('the IPv4 block is allocated from an IPAM pool') : toOptionalStr(p.get('CidrBlock'), 'CidrBlock'),
          ipv6CidrBlock: v6 !== undefined ? toStr(v6, undefined, 'Ipv6CidrBlock') : amazonV6 === true || p.has('Ipv6IpamPoolId') ? unknown('the IPv6 block is allocated by AWS') : null,
          ...b,
        },
      ];
    }
    case 'AWS::EC2::Subnet':
      return [
        {
          kind: 'subnet',
          vpc: toId(p.get('VpcId'), 'VpcId'),
          cidrBlock: toStr(p.get('CidrBlock'), unknown('the CIDR block is allocated from IPAM'), 'CidrBlock'),
          ipv6CidrBlock: subnetIpv6(ev, r, p),
          availabilityZone: toStr(p.get('AvailabilityZone') ?? p.get('AvailabilityZoneId'), unknown('AWS chooses the Availability Zone'), 'AvailabilityZone'),
          mapPublicIpOnLaunch: toBool(p.get('MapPublicIpOnLaunch'), false, 'MapPublicIpOnLaunch'),
          ...b,
        },
      ];
    case 'AWS::EC2::SubnetCidrBlock':
      return []; // read with its subnet (subnetIpv6)
    case 'AWS::EC2::RouteTable':
      return [{ kind: 'route-table', vpc: toId(p.get('VpcId'), 'VpcId'), adoptsMainRouteTable: false, ...b }];
    case 'AWS::EC2::Route':
      return perArm<Route>({ kind: 'route', routeTable: toId(p.get('RouteTableId'), 'RouteTableId'), destination: routeDestination(p), target: routeTarget(p), inline: false, ...b },
        p.get('RouteTableId'), 'RouteTableId', (o, routeTable) => override(o, { routeTable }));
    case 'AWS::EC2::SubnetRouteTableAssociation':
      return perArm<RouteTableAssociation>({ kind: 'route-table-association', subnet: toId(p.get('SubnetId'), 'SubnetId'), routeTable: toId(p.get('RouteTableId'), 'RouteTableId'), ...b },
        p.get('SubnetId'), 'SubnetId', (o, subnet) => override(o, { subnet }));
    case 'AWS::EC2::GatewayRouteTableAssociation':
      // An edge association: the gateway route table routes traffic entering the VPC through the gateway.
      return [{ kind: 'route-table-association', subnet: unknown('an edge association: the table routes traffic entering the VPC through a gateway, not a subnet\'s'), routeTable: toId(p.get('RouteTableId'), 'RouteTableId'), gateway: toId(p.get('GatewayId'), 'GatewayId'), ...b }];
    case 'AWS::EC2::InternetGateway':
      // CloudFormation attaches an IGW only through AWS::EC2::VPCGatewayAttachment.
      return [{ kind: 'internet-gateway', vpc: null, ...b }];
    case 'AWS::EC2::VPCGatewayAttachment':
      return perArm<GatewayAttachment>({ kind: 'gateway-attachment', gateway: toId(p.get('InternetGatewayId') ?? p.get('VpnGatewayId'), 'InternetGatewayId'), vpc: toId(p.get('VpcId'), 'VpcId'), ...b },
        p.get('InternetGatewayId') ?? p.get('VpnGatewayId'), 'InternetGatewayId', (o, gateway) => override(o, { gateway }))
        .flatMap((o) => (o.existence === undefined ? perArm(o, p.get('VpcId'), 'VpcId', (x, vpc) => override(x, { vpc })) : [o]));
    case 'AWS::EC2::VPNGateway':
      return [];
    case 'AWS::EC2::EgressOnlyInternetGateway':
      return [{ kind: 'egress-only-internet-gateway', vpc: toId(p.get('VpcId'), 'VpcId'), ...b }];
    case 'AWS::EC2::NatGateway': {
      const ct = toStr(p.get('ConnectivityType'), 'public', 'ConnectivityType');
      const mode = toStr(p.get('AvailabilityMode'), 'zonal', 'AvailabilityMode');
      const hasEip = p.has('AllocationId') || p.has('SecondaryAllocationIds');
      return [
        {
          kind: 'nat-gateway',
          subnet: toOptionalId(p.get('SubnetId'), 'SubnetId'),
          vpc: toOptionalId(p.get('VpcId'), 'VpcId'),
          connectivityType: ct === 'public' || ct === 'private' ? ct : typeof ct === 'string' ? unknown(`ConnectivityType '${ct}'`) : ct,
          availabilityMode: mode === 'zonal' || mode === 'regional' ? mode : typeof mode === 'string' ? unknown(`AvailabilityMode '${mode}'`) : mode,
          hasElasticIp: hasEip ? true : ct === 'public' && mode === 'regional' ? unknown('a regional NAT gateway can allocate its addresses automatically') : false,
          ...b,
          // E4: AvailabilityZoneAddresses put a regional NAT gateway in manual mode, serving only those AZs.
          ...(mode === 'regional' ? { availabilityZones: regionalZones(p.get('AvailabilityZoneAddresses')) } : {}),
        },
      ];
    }
    case 'AWS::EC2::EIP':
      return [];
    case 'AWS::EC2::VPCEndpoint': {
      const typeV = toStr(p.get('VpcEndpointType'), 'Gateway', 'VpcEndpointType');
      const endpointType = typeV === 'Gateway' || typeV === 'Interface' || typeV === 'GatewayLoadBalancer' ? typeV : typeof typeV === 'string' ? unknown(`endpoint type '${typeV}'`) : typeV;
      const dns = p.get('PrivateDnsEnabled');
      const serviceName = p.get('ServiceName');
      return [
        {
          kind: 'vpc-endpoint',
          vpc: toId(p.get('VpcId'), 'VpcId'),
          serviceName: toStr(serviceName, undefined, 'ServiceName'),
          service: serviceFromRaw(p),
          endpointType,
          // Tables an undecidable Fn::If chooses are in conditionalEndpointTables' associations instead.
          routeTables: endpointType === 'Gateway' && wholeListOfRefs(p.get('RouteTableIds')) ? [] : toRefList(p.get('RouteTableIds'), 'route table'),
          subnets: toRefList(p.get('SubnetIds'), 'subnet'),
          securityGroups: toRefList(p.get('SecurityGroupIds'), 'security group'),
          // E10 (open question 7): the CloudFormation template reference (AWS::EC2::VPCEndpoint, PrivateDnsEnabled)
          // gives "Default: false", unlike the EC2 API and console: an interface endpoint without it has no private DNS.
          privateDnsEnabled: dns !== undefined ? toBool(dns, false, 'PrivateDnsEnabled') : false,
          ...inboundResolverOnly(p.get('DnsOptions')),
          policy: p.has('PolicyDocument') ? documentFromValue(p.get('PolicyDocument')) : null,
          ...b,
        },
        ...(endpointType === 'Gateway' ? conditionalEndpointTables(p.get('RouteTableIds'), b) : []),
      ];
    }
    case 'AWS::EC2::SecurityGroup':
      return securityGroup(ev, r, p, b);
    case 'AWS::EC2::SecurityGroupIngress':
      return standaloneRule(p, b, 'ingress');
    case 'AWS::EC2::SecurityGroupEgress':
      return standaloneRule(p, b, 'egress');
    case 'AWS::EC2::NetworkAcl':
      return [{ kind: 'network-acl', vpc: toId(p.get('VpcId'), 'VpcId'), adoptsDefaultOf: null, ...b }];
    case 'AWS::EC2::NetworkAclEntry': {
      const protocol = toProtocol(p.get('Protocol'));
      const all = protocol === '-1' || protocol === 'icmp' || protocol === 'icmpv6';
      const action = toStr(p.get('RuleAction'), undefined, 'RuleAction');
      return perArm<NetworkAclEntry>(
        {
          kind: 'network-acl-entry',
          acl: toId(p.get('NetworkAclId'), 'NetworkAclId'),
          ruleNumber: toNum(p.get('RuleNumber'), unknown('RuleNumber is not set'), 'RuleNumber'),
          egress: toBool(p.get('Egress'), false, 'Egress') === true,
          action: action === 'allow' || action === 'deny' ? action : typeof action === 'string' ? unknown(`RuleAction '${action}'`) : action,
          protocol,
          cidr: toOptionalStr(p.get('CidrBlock'), 'CidrBlock'),
          ipv6Cidr: toOptionalStr(p.get('Ipv6CidrBlock'), 'Ipv6CidrBlock'),
          fromPort: portRange(p, 'From', all),
          toPort: portRange(p, 'To', all),
          inline: false,
          ...b,
        },
        p.get('NetworkAclId'), 'NetworkAclId', (o, acl) => override(o, { acl }),
      );
    }
    case 'AWS::EC2::SubnetNetworkAclAssociation':
      return perArm<NetworkAclAssociation>({ kind: 'network-acl-association', acl: toId(p.get('NetworkAclId'), 'NetworkAclId'), subnet: toId(p.get('SubnetId'), 'SubnetId'), ...b },
        p.get('SubnetId'), 'SubnetId', (o, subnet) => override(o, { subnet }));
    case 'AWS::EC2::VPCPeeringConnection':
      return [{ kind: 'vpc-peering', vpc: toId(p.get('VpcId'), 'VpcId'), peerVpc: toId(p.get('PeerVpcId'), 'PeerVpcId'), acceptance: peeringAcceptance(p, b.address), ...b }];
    case 'AWS::EC2::TransitGateway':
      return [
        {
          kind: 'transit-gateway',
          defaultRouteTableAssociation: enableFlag(p.get('DefaultRouteTableAssociation'), true, 'DefaultRouteTableAssociation'),
          defaultRouteTablePropagation: enableFlag(p.get('DefaultRouteTablePropagation'), true, 'DefaultRouteTablePropagation'),
          securityGroupReferencing: enableFlag(p.get('SecurityGroupReferencingSupport'), false, 'SecurityGroupReferencingSupport'),
          ...b,
        },
      ];
    case 'AWS::EC2::TransitGatewayAttachment':
    case 'AWS::EC2::TransitGatewayVpcAttachment':
      return [
        {
          kind: 'transit-gateway-attachment',
          transitGateway: toId(p.get('TransitGatewayId'), 'TransitGatewayId'),
          vpc: toId(p.get('VpcId'), 'VpcId'),
          subnets: toRefList(p.get('SubnetIds'), 'subnet'),
          securityGroupReferencing: enableFlag(field(p.get('Options'), 'SecurityGroupReferencingSupport'), true, 'Options.SecurityGroupReferencingSupport'),
          ...b,
        },
      ];
    case 'AWS::EC2::TransitGatewayRouteTable':
      return [{ kind: 'transit-gateway-route-table', transitGateway: toId(p.get('TransitGatewayId'), 'TransitGatewayId'), isDefault: false, ...b }];
    case 'AWS::EC2::TransitGatewayRouteTableAssociation':
    case 'AWS::EC2::TransitGatewayRouteTablePropagation':
      return [
        {
          kind: r.type === 'AWS::EC2::TransitGatewayRouteTableAssociation' ? 'transit-gateway-association' : 'transit-gateway-propagation',
          attachment: toId(p.get('TransitGatewayAttachmentId'), 'TransitGatewayAttachmentId'),
          routeTable: toId(p.get('TransitGatewayRouteTableId'), 'TransitGatewayRouteTableId'),
          ...b,
        },
      ];
    case 'AWS::EC2::TransitGatewayRoute': {
      const blackhole = toBool(p.get('Blackhole'), false, 'Blackhole');
      return [
        {
          kind: 'transit-gateway-route',
          routeTable: toId(p.get('TransitGatewayRouteTableId'), 'TransitGatewayRouteTableId'),
          destination: toStr(p.get('DestinationCidrBlock'), undefined, 'DestinationCidrBlock'),
          attachment: blackhole === true ? null : toId(p.get('TransitGatewayAttachmentId'), 'TransitGatewayAttachmentId'),
          blackhole,
          ...b,
        },
      ];
    }
    case 'AWS::EC2::PrefixList': {
      return [
        {
          kind: 'prefix-list',
          entries: prefixListEntries(p.get('Entries')),
          ...b,
        },
      ];
    }
    case 'AWS::EC2::VPCBlockPublicAccessOptions': {
      // E13: the account's mode in the stack's Region (InternetGatewayBlockMode: block-bidirectional | block-ingress).
      const mode = toStr(p.get('InternetGatewayBlockMode'), undefined, 'InternetGatewayBlockMode');
      return [{ kind: 'block-public-access', mode: mode === 'block-bidirectional' || mode === 'block-ingress' || mode === 'off' ? mode : typeof mode === 'string' ? unknown(`unknown mode '${mode}'`) : mode, ...b }];
    }
    case 'AWS::EC2::VPCBlockPublicAccessExclusion': {
      // E13: one VPC or one subnet exempted (InternetGatewayExclusionMode: allow-bidirectional | allow-egress).
      const mode = toStr(p.get('InternetGatewayExclusionMode'), undefined, 'InternetGatewayExclusionMode');
      return [{
        kind: 'block-public-access-exclusion',
        vpc: toOptionalId(p.get('VpcId'), 'VpcId'),
        subnet: toOptionalId(p.get('SubnetId'), 'SubnetId'),
        mode: mode === 'allow-bidirectional' || mode === 'allow-egress' ? mode : typeof mode === 'string' ? unknown(`unknown exclusion mode '${mode}'`) : mode,
        ...b,
      }];
    }
    default:
      return undefined;
  }
}

