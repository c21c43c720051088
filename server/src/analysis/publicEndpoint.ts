// A function without VPC config and a publicly accessible database or an internet-facing load balancer (E1,
// P15): the function reaches it only over the internet, from the Lambda service VPC's public addresses to the
// target's public endpoint. AWS documents what that takes on the target's side: an internet gateway on its VPC
// and a public subnet (RDS CreateDBInstance / ModifyDBInstance, PubliclyAccessible; ELB Scheme), for a database
// the VPC's DNS hostnames and DNS resolution (RDS User Guide, "Working with a DB instance in a VPC"), and its
// security group and network ACLs admitting the function's (unknown, public) address.

import { isKnown, unknown, type Maybe } from '../model/origin';
import type { Id, Subnet, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import type { Addr } from './addressing';
import { withExistence } from './existence';
import { displayName } from './naming';
import { EPHEMERAL_FROM, EPHEMERAL_TO } from './networkAcls';
import { publicAccessStep } from './blockPublicAccess';
import { aclStep, conditionalAttachmentHop, declaredSubnets, igwAttachedStep, routeDestinationText, targetGroups } from './pathSteps';
import { lookupRoute } from './routeLookup';
import { evaluateSecurityGroups } from './securityGroups';
import { Trace, type Evaluation } from './trace';
import type { Fix } from './types';

/** The Lambda service VPC's egress addresses: public IPv4 addresses the workspace cannot name. */
const LAMBDA_PUBLIC: Addr = { kind: 'public', family: 4 };

/** Reason code: RDS rejects a publicly accessible instance in a VPC whose DNS attributes are off. */
export const PUBLIC_DB_REJECTED = 'LAMBDA_PUBLIC_DB_VPC_DNS_OFF';

/**
 * The fix that avoids the public endpoint altogether, and opens no database to the internet: offered after the
 * fixes of the public path, and alone when some blocking hop has none (opening a database's security group
 * to every public address is not advice we give).
 */
export function attachVpcFix(target: Target): Fix {
  return { description: `attach the function to the VPC of ${target.address} and reach it at its private address`, changes: [{ kind: 'attach-vpc-config', function: '' }] };
}

/** Whether the target is a database (the DNS attributes apply, RDS's own requirement). */
function isDatabase(target: Target): boolean {
  return target.targetKind === 'rds-instance' || target.targetKind === 'rds-cluster';
}

/**
 * Targets with a public endpoint these checks describe: publicly accessible databases, and internet-facing load
 * balancers (ELB Scheme: their DNS name resolves to their nodes' public addresses, P15).
 */
export function hasPublicEndpoint(model: NetworkModel, target: Target): boolean {
  return (isDatabase(target) || target.targetKind === 'load-balancer') && publicAccess(model, target) === true;
}

/**
 * Whether a target is publicly accessible. When the code leaves it to RDS (`publicByDefault`), RDS CreateDBInstance
 * and CreateDBCluster decide: public when the VPC of the subnet group has an internet gateway attached, private when
 * it has none; without a subnet group the account's default VPC decides, which no workspace describes.
 */
export function publicAccess(model: NetworkModel, target: Target): Maybe<boolean> {
  if (target.publicByDefault === undefined) return target.publiclyAccessible;
  const open = (why: string): Maybe<boolean> =>
    unknown(`PubliclyAccessible is not set, so RDS makes it public if the VPC of its subnet group has an internet gateway attached, and ${why}`);
  // An Aurora instance without a group of its own is placed by its cluster's.
  const parent = target.subnetGroup === null && target.parent !== null && isKnown(target.parent) ? model.get(target.parent) : undefined;
  const placed = parent?.kind === 'target' && parent.targetKind === 'rds-cluster' ? parent : target;
  if (placed.subnetGroup === null) return open('it has no subnet group: it goes to the account\'s default VPC, which the workspace does not describe');
  const subnets = declaredSubnets(model, placed);
  if (typeof subnets === 'string') return open(subnets);
  const first = subnets[0];
  if (first === undefined || !isKnown(first.vpc)) return open(first === undefined ? 'its subnet group lists no subnet' : `the VPC of ${first.address} is unknown`);
  const vpc = first.vpc;
  if (model.get(vpc)?.kind !== 'vpc') return open(`its VPC ${displayName(model, vpc)} is not in the workspace`);
  const gateways = model.internetGatewaysOf(vpc);
  if (gateways.some((igw) => model.conditionalAttachment(igw, vpc) === undefined)) return true;
  if (gateways.length > 0) return open(`the internet gateway of ${displayName(model, vpc)} is attached only under a condition`);
  // M3: an attachment or a gateway whose VPC the workspace does not resolve may be this VPC's.
  const undecided = model.all('gateway-attachment').some((a) => !isKnown(a.vpc) || !isKnown(a.gateway))
    || model.all('internet-gateway').some((igw) => igw.vpc !== null && !isKnown(igw.vpc));
  return undecided ? open(`an internet gateway attachment of the workspace names an unknown VPC or gateway`) : false;
}

/**
 * The public path to `target` in `subnetRef`: one subnet of a database's group (any of them may host it), or
 * one of a balancer's (it has a node in each). Starts after the Lambda service VPC hop, which the caller adds.
 */
export function publicEndpointLeg(model: NetworkModel, target: Target, subnetRef: Maybe<Id>, port: number | null,
  source = 'a function without VPC config connects from one of the Lambda service\'s public addresses'): Evaluation {
  const name = (id: Maybe<Id>): string => displayName(model, id);
  const subnet = isKnown(subnetRef) ? model.get(subnetRef) : undefined;
  const trace = new Trace(isKnown(subnetRef) ? subnetRef : '(unknown)');
  trace.via = 'lambda-service-vpc';
  if (subnet?.kind !== 'subnet') {
    trace.unknown(target.id, 'target', target.address, isKnown(subnetRef) ? `its subnet ${name(subnetRef)} is not in the workspace` : `its subnet is unknown: ${subnetRef.reason}`, 'E1');
    return trace.finish();
  }
  const where = `${isDatabase(target) ? 'database' : 'load balancer'} subnet ${subnet.address}`;
  const vpc = isKnown(subnet.vpc) ? model.get(subnet.vpc) : undefined;
  if (vpc?.kind !== 'vpc') {
    trace.unknown(target.id, 'target', target.address, `the VPC of ${subnet.address} is not in the workspace`, 'E1');
    return trace.finish();
  }
  internetGatewayRoute(model, trace, subnet, vpc.id, target);
  if (trace.blocked) return trace.finish();
  // RDS refuses to create a publicly accessible instance in a VPC without both DNS attributes
  // (InvalidVPCNetworkStateFault: "The specified VPC does not support DNS resolution, DNS hostnames, or both").
  const dns = isDatabase(target) ? [['enableDnsSupport', 'DNS resolution', vpc.enableDnsSupport], ['enableDnsHostnames', 'DNS hostnames', vpc.enableDnsHostnames]] as const : [];
  const off = dns.filter(([, , v]) => v === false);
  const open = dns.filter(([, , v]) => !isKnown(v));
  if (off.length > 0) {
    const fix: Fix = { description: `turn on ${off.map(([, what]) => what).join(' and ')} in ${vpc.address}`, changes: off.map(([attribute]) => ({ kind: 'enable-vpc-dns', vpc: vpc.id, attribute })) };
    trace.block(vpc.id, 'vpc', vpc.address, `${off.map(([, what]) => what).join(' and ')} ${off.length > 1 ? 'are' : 'is'} off: RDS does not create a publicly accessible instance in this VPC`, 'E1', PUBLIC_DB_REJECTED, [fix]);
  } else if (open.length > 0) {
    const [, what, v] = open[0] ?? [];
    trace.unknown(vpc.id, 'vpc', vpc.address, `whether ${what ?? 'a DNS attribute'} is on is unknown${v !== undefined && !isKnown(v) ? ` (${v.reason})` : ''}; RDS creates a publicly accessible instance only with both DNS attributes on`, 'E1');
  }
  aclStep(model, trace, model.naclOf(subnet.id), false, LAMBDA_PUBLIC, port ?? 0, port ?? 65535, where, port === null);
  aclStep(model, trace, model.naclOf(subnet.id), true, LAMBDA_PUBLIC, EPHEMERAL_FROM, EPHEMERAL_TO, where);
  if (target.unfiltered === true) {
    trace.pass(target.id, 'target', target.address, `a Network Load Balancer without security groups, public endpoint in ${subnet.address}${port === null ? '' : ` on tcp ${port}`}`, 'P15');
    return withExistence(model, trace.finish());
  }
  // No group named: the VPC's default security group applies, as for any target.
  const groups = targetGroups(model, target, vpc.id);
  const sg = evaluateSecurityGroups(model, groups, 'ingress', { addr: LAMBDA_PUBLIC, groups: [] }, port);
  const component = groups.find((g): g is Id => isKnown(g)) ?? null;
  const label = `security groups ${groups.map(name).join(', ') || '(none)'} of ${target.address} (ingress)`;
  // The Lambda service VPC's addresses are AWS's: only a rule for every public address admits them for certain.
  if (sg.verdict === 'pass') trace.pass(component, 'security-group', label, sg.detail, 'P2');
  else if (sg.verdict === 'unknown') trace.unknown(component, 'security-group', label, sg.detail, 'P2');
  else trace.block(component, 'security-group', label, `${typeof sg.detail === 'string' ? sg.detail : sg.detail()}, and ${source}`, 'P2', sg.noRules ? 'SG_HAS_NO_RULES' : 'ENI_SG_RULES_MISMATCH',
    // An internet-facing balancer is meant to admit the internet; a database's group is not opened by advice.
    isDatabase(target) || component === null ? [] : [{
      description: `allow ingress tcp ${port ?? 'on the listener port'} from 0.0.0.0/0 in ${name(component)}`,
      changes: [{ kind: 'add-sg-ingress', group: component, protocol: 'tcp', port: port ?? 0, sourceGroup: null, sourceCidr: '0.0.0.0/0' }],
    }]);
  if (!trace.blocked) trace.pass(target.id, 'target', target.address, `public endpoint of the ${target.targetKind} in ${subnet.address}${port === null ? '' : ` on tcp ${port}`}`, 'E1');
  return withExistence(model, trace.finish());
}

/**
 * Replies from the target to the function's public address leave through the subnet's route to an internet
 * gateway attached to its VPC: a public subnet, which a publicly accessible DB instance or an internet-facing
 * balancer's node must be in.
 */
function internetGatewayRoute(model: NetworkModel, trace: Trace, subnet: Subnet, vpc: Id, target: Target): void {
  const table = model.routeTableOf(subnet.id).id;
  const label = `route table ${displayName(model, table)} of ${subnet.address}`;
  if (!isKnown(table)) return trace.unknown(null, 'route-table', label, `the route table of ${subnet.address} is unknown: ${table.reason}`, 'P9');
  const match = lookupRoute(model, table, { kind: 'addr', addr: LAMBDA_PUBLIC });
  if (match.kind === 'unknown') return trace.unknown(table, 'route-table', label, match.reason, 'P9');
  const notPublic = `${subnet.address} is not a public subnet: a publicly accessible ${target.targetKind} there cannot answer the function's public address`;
  if (match.kind === 'none') return trace.block(table, 'route-table', label, `no route to the internet: ${notPublic}`, 'P9', 'NO_ROUTE_TO_DESTINATION', []);
  const route = match.route;
  if (route.target.kind !== 'internet-gateway') {
    return trace.block(table, 'route-table', label, `${route.address} sends public addresses to ${route.target.kind}, not an internet gateway: ${notPublic}`, 'P9', 'NO_ROUTE_TO_DESTINATION', []);
  }
  const igw = route.target.ref;
  if (!isKnown(igw)) return trace.unknown(table, 'route-table', label, `the internet gateway of ${route.address} is unknown: ${igw.reason}`, 'P9');
  trace.pass(table, 'route-table', label, `${routeDestinationText(model, route.destination)} → internet-gateway ${displayName(model, igw)}`, 'P9');
  // T5: a route that may not be created is a hop of its own, so the answer through it stays open (existence.ts).
  if (route.existence !== undefined) trace.pass(route.id, 'route', route.address, 'selected by longest-prefix match', 'P9');
  const igwLabel = `internet gateway ${displayName(model, igw)}`;
  if (!igwAttachedStep(model, trace, igw, vpc, igwLabel)) return;
  conditionalAttachmentHop(model, trace, igw, vpc);
  // E13: VPC Block Public Access in either mode refuses traffic that enters through an internet gateway, unless an
  // allow-bidirectional exclusion names the target's subnet or VPC (allow-egress admits nothing inbound). A
  // database's public endpoint gets no exclusion as advice, as its security group gets no opening.
  if (!publicAccessStep(model, trace, { direction: 'ingress', gateway: 'internet-gateway', throughNat: false, subnet, vpc, offerFix: !isDatabase(target) })) return;
  trace.pass(igw, 'internet-gateway', igwLabel, 'attached to the VPC: the target has a public address', 'E3');
}
