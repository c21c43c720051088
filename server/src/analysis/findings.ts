// Rules → findings: each check of the catalogue (rules.ts) over the per-function facts and the model. Function
// findings are located on the function's VPC config (else its declaration), with the blocking components as
// related locations; findings about a component (NAT gateway, endpoint, SG, subnet, VPC) sit on it.

import { parseCidr, usableSubnetAddresses } from '../model/cidr';
import { isKnown, type Maybe, type Origin } from '../model/origin';
import type { Id, LambdaFunction, ModelObject, RefList, SecurityGroupRule } from '../model/types';
import type { NetworkModel } from '../model/network';
import type { Need } from './intent';
import { displayName } from './naming';
import { lookupRoute } from './routeLookup';
import { eniPermissions } from './eniPermissions';
import { IPV6_ONLY_EGRESS, ipv6Gateway } from './ipv6Egress';
import { natOtherAzUses } from './natOtherAz';
import { natWorks, privateDnsFix, vpcDnsFix } from './pathSteps';
import type { Placement } from './placement';
import { rules, type RuleInfo } from './rules';
import type { Evaluation } from './trace';
import type { AnalysisOptions, DestinationReach, Finding, FindingRelated, Fix, HyperplaneEni } from './types';
import { counted, listWords } from './listWords';
import { blockedReaderPorts, type ReaderPortCheck } from './readerPort';
import { ownVpcConfigNote } from './capacityProviderConfig';
import { subnetsOutsideVpc } from './subnetOutsideVpc';

export interface FunctionFacts {
  readonly fn: LambdaFunction;
  readonly placement: Placement;
  readonly needs: readonly Need[];
  readonly reach: readonly DestinationReach[];
  readonly evaluations: ReadonlyMap<string, readonly Evaluation[]>;
  readonly eniKeys: readonly string[];
  /** ElastiCache Serverless reader ports of the caches it reaches (absent when none). */
  readonly readerPorts?: readonly ReaderPortCheck[] | undefined;
}

class Findings {
  readonly list: Finding[] = [];
  constructor(readonly model: NetworkModel) {}

  related(ids: readonly (Id | null)[], message: string): FindingRelated[] {
    const out: FindingRelated[] = [];
    const seen = new Set<Id>();
    for (const id of ids) {
      if (id === null || seen.has(id)) continue;
      seen.add(id);
      const o = this.model.get(id);
      if (o) out.push({ component: o.id, origin: o.origin, message: `${message}: ${o.address}` });
    }
    return out;
  }

  add(rule: RuleInfo, subject: Id, origin: Origin, message: string, related: FindingRelated[] = [], fixes: readonly Fix[] = [], severity = rule.severity, key?: string): void {
    // A subject created only under an undecidable condition is analysed as if created; the finding says so.
    const existence = this.model.get(subject)?.existence;
    const text = existence === undefined ? message : `${message} (applies if it is deployed: ${existence.reason})`;
    this.list.push({ rule: rule.id, severity, message: text, subject, origin, related, fixes, ...(key !== undefined ? { key } : {}) });
  }
}

/**
 * An egress rule that reaches nothing off the host: CloudFormation's documented way to remove a group's default
 * allow-all egress is a rule to 127.0.0.1/32 only (AWS::EC2::SecurityGroup, SecurityGroupEgress), T3.
 */
function loopbackOnly(rule: SecurityGroupRule): boolean {
  return rule.peer.kind === 'ipv4' && rule.peer.cidr === '127.0.0.1/32';
}

/**
 * Why groups that allow no egress allow none (T3): their only rule is the loopback one, or, in Terraform's
 * terms, the default egress was removed. Called when every egress rule of the groups is loopbackOnly.
 */
function noEgressCause(groups: readonly (ModelObject | undefined)[], model: NetworkModel): string {
  const g = groups.find((x) => x?.kind === 'security-group');
  if (g?.kind !== 'security-group') return '';
  if (model.sgRules(g.id, 'egress').length > 0) return ` (${g.address} allows egress to 127.0.0.1/32 only, CloudFormation's way to remove the default allow-all egress, T3)`;
  if (g.adoptsDefaultOf !== null) return ` (${g.address} adopts the VPC's default security group and declares no egress, so Terraform removes its allow-all egress, T3)`;
  if (g.implicitEgress === 'none') return ' (Terraform removes the default allow-all egress of an aws_security_group, T3)';
  return '';
}

/**
 * Where a function's findings go: its own vpc_config / VpcConfig, else its declaration's header. A VpcConfig written
 * outside the function (SAM Globals) is not the function's: every function inheriting it would stack its
 * findings on that one line.
 */
function locate(fn: LambdaFunction): Origin {
  // On Lambda Managed Instances the capacity provider's network places the function, not its own VPC config.
  return fn.capacityProvider === null ? ownVpcConfigAt(fn) : headerOf(fn.origin);
}

/** The function's own VPC config block when it is written inside the declaration, else the declaration's header. */
function ownVpcConfigAt(fn: LambdaFunction): Origin {
  const own = fn.vpcConfig?.origin;
  if (own === undefined) return headerOf(fn.origin);
  const inside = own.file === fn.origin.file && own.span.start >= fn.origin.span.start && own.span.end <= fn.origin.span.end;
  return inside ? own : headerOf(fn.origin);
}

/**
 * A declaration's header (`resource "aws_lambda_function" "f"`, a template's logical id): findings about a
 * function without VPC config underline it rather than the whole block, which would hide the code under them.
 */
function headerOf(origin: Origin): Origin {
  const name = origin.nameSpan;
  if (name === undefined || name.start < origin.span.start || name.end > origin.span.end) return origin;
  return { file: origin.file, span: { start: origin.span.start, end: name.end }, nameSpan: name, ...(origin.cdkPath !== undefined ? { cdkPath: origin.cdkPath } : {}) };
}

function noRouteRule(reach: DestinationReach): RuleInfo {
  switch (reach.destinationKind) {
    case 'internet':
    case 'internet-ipv6':
      return rules.LAMBDA_NO_ROUTE_INTERNET;
    case 'aws-service':
      return reach.destination === 's3' ? rules.LAMBDA_NO_ROUTE_S3 : reach.destination === 'dynamodb' ? rules.LAMBDA_NO_ROUTE_DYNAMODB : rules.LAMBDA_NO_ROUTE_AWS_SERVICE;
    case 'target':
      return rules.LAMBDA_NO_ROUTE_TARGET;
  }
}

/** The AWS rule a no-route finding applies, unless its explanation already cites one: E3 internet, E6 AWS APIs. */
/**
 * The explanation, after the blocking component's name unless it names it already. The reason code
 * (NO_ROUTE_TO_DESTINATION…) is in the JSON, the hover and `explain`; the message stays in words.
 */
function blockedBody(model: NetworkModel, reach: DestinationReach): string {
  const at = reach.blockedAt !== null ? displayName(model, reach.blockedAt) : undefined;
  return at === undefined || reach.explanation.includes(at) ? reach.explanation : `blocked at ${at}: ${reach.explanation}`;
}

function noRouteRuleId(reach: DestinationReach): string {
  if (/\([A-Z]\d+(, [A-Z]\d+)*\)$/.test(reach.explanation)) return '';
  // A filter that blocks (the function's own security group: P1, a NACL: P5) is cited by its own rule; a routing
  // block by the destination's (E3: the internet needs a NAT gateway; E6: a service an endpoint or NAT).
  const blocking = reach.path.find((h) => h.verdict === 'block');
  if ((blocking?.componentKind === 'security-group' || blocking?.componentKind === 'network-acl') && blocking.rule !== undefined && /^[A-Z]\d+$/.test(blocking.rule)) return ` (${blocking.rule})`;
  switch (reach.destinationKind) {
    case 'internet':
    case 'internet-ipv6':
      return reach.destinationKind === 'internet' ? ' (E3)' : ' (E11)';
    case 'aws-service':
      return ' (E6)';
    case 'target':
      return '';
  }
}

export function collectFindings(model: NetworkModel, options: AnalysisOptions, facts: readonly FunctionFacts[], enis: readonly HyperplaneEni[]): Finding[] {
  const f = new Findings(model);
  const narrowAcls = new Map<Id, Set<Id>>();
  const usedGroups = new Map<Id, Id[]>();
  for (const fact of facts) {
    reachFindings(f, fact);
    configFindings(f, model, options, fact);
    for (const evals of fact.evaluations.values()) {
      for (const e of evals) for (const acl of e.narrowAcls) (narrowAcls.get(acl) ?? narrowAcls.set(acl, new Set()).get(acl))?.add(fact.fn.id);
    }
    if (fact.placement.kind === 'vpc') {
      for (const g of fact.placement.securityGroups) if (isKnown(g)) (usedGroups.get(model.canonical(g)) ?? usedGroups.set(model.canonical(g), []).get(model.canonical(g)))?.push(fact.fn.id);
    }
  }
  for (const [acl, fns] of narrowAcls) {
    const o = model.get(acl);
    if (o) f.add(rules.NACL_EPHEMERAL_RANGE_NARROW, acl, o.origin, `${o.address} allows return traffic only on 32768–65535; Lambda and NAT gateways may use source ports from 1024 (P6)`, f.related([...fns], 'used by'));
  }
  componentFindings(f, model, usedGroups);
  eniFindings(f, model, options, enis);
  return f.list;
}

function reachFindings(f: Findings, fact: FunctionFacts): void {
  const { fn } = fact;
  for (const reach of fact.reach) {
    if (reach.needed && reach.status === 'unknown' && reach.reason === 'VPCE_POLICY_DENIES') {
      // E7, E9: the endpoint policy allows some granted actions and refuses others. Grants are an upper bound
      // on what the function calls (a SAM CRUD template grants Scan to a function that may only GetItem), so
      // nothing says the refused calls happen: information, not a warning, and the reach stays unknown.
      const open = (fact.evaluations.get(reach.destination) ?? []).find((e) => e.status === 'unknown' && e.code === 'VPCE_POLICY_DENIES');
      f.add(rules.VPCE_POLICY_DENIES, fn.id, locate(fn), `the endpoint policy may refuse some requests of ${fn.address} to ${reach.label}: ${reach.explanation}`,
        f.related([reach.blockedAt], 'endpoint'), open?.fixes ?? [], 'information', reach.destination);
      continue;
    }
    if (reach.needed && reach.status === 'unknown' && reach.reason === rules.VPCE_ENI_UNREACHABLE.id) {
      // E9: some requests certainly fail (those that pick an interface the function cannot reach): a warning, as
      // for a destination reachable from some subnets only; which requests fail is the SDK's pick.
      const open = (fact.evaluations.get(reach.destination) ?? []).find((e) => e.status === 'unknown' && e.code === rules.VPCE_ENI_UNREACHABLE.id);
      f.add(rules.VPCE_ENI_UNREACHABLE, fn.id, locate(fn), `${fn.address} reaches only some network interfaces of the endpoint for ${reach.label}: ${reach.explanation}`,
        f.related([reach.blockedAt], 'endpoint'), open?.fixes ?? [], undefined, reach.destination);
      continue;
    }
    const ipv6Only = reach.reason === IPV6_ONLY_EGRESS;
    // Not needed includes a target that only control-plane grants name (E1: those calls go to the regional API).
    if (!reach.needed || (reach.status !== 'no' && reach.status !== 'partial' && !ipv6Only)) continue;
    const because = reach.neededBecause[0] ? ` (${reach.neededBecause[0]})` : '';
    const evals = fact.evaluations.get(reach.destination) ?? [];
    const blocks = evals.flatMap((e) => e.blocks);
    const related = f.related(blocks.map((b) => b.component), 'blocked at');
    if (ipv6Only) {
      // E11: IPv6-only egress works only for dual-stack hosts, which the workspace cannot tell → a warning.
      const v6 = fact.reach.find((r) => r.destination === 'internet-ipv6');
      const gateway = v6 ? ipv6Gateway(v6) : undefined;
      f.add(rules.LAMBDA_NO_ROUTE_INTERNET, fn.id, locate(fn),
        `${fn.address} reaches the internet only over IPv6${gateway ? ` (through ${gateway.label})` : ''}${because}; IPv4 is blocked${reach.blockedAt !== null ? ` at ${displayName(f.model, reach.blockedAt)}` : ''}, so hosts without an IPv6 (AAAA) address are unreachable (E11)`,
        [...f.related(gateway?.component ? [gateway.component] : [], 'IPv6 path'), ...related], reach.fixes, 'warning', reach.destination);
      continue;
    }
    // E1: a private target is out of reach without VPC config; a public endpoint that blocks is reported below.
    if (fact.placement.kind === 'service-vpc' && reach.reason === 'LAMBDA_NOT_IN_VPC') {
      f.add(rules.LAMBDA_PRIVATE_TARGET_WITHOUT_VPC, fn.id, locate(fn), `${fn.address} has no VPC config but uses ${reach.label}${because}, which is reachable only inside its VPC (E1)`, f.related([reach.target], 'private resource'), reach.fixes, undefined, reach.destination);
      continue;
    }
    const endpointSg = blocks.find((b) => b.tag === 'endpoint-sg');
    if (endpointSg) {
      f.add(rules.VPCE_SG_BLOCKS_FUNCTION, fn.id, locate(fn), `${fn.address} cannot use the interface endpoint for ${reach.destination}: ${endpointSg.explanation}`, related, reach.fixes, undefined, reach.destination);
      continue;
    }
    const policy = blocks.find((b) => b.code === 'VPCE_POLICY_DENIES');
    if (policy) {
      // E7: a warning, not an error: the evaluation cannot see every statement (bucket policies, SCPs…).
      f.add(rules.VPCE_POLICY_DENIES, fn.id, locate(fn), `${fn.address} cannot use ${reach.label}${because}: ${policy.explanation}`, related, reach.fixes, undefined, reach.destination);
      continue;
    }
    if (blocks.some((b) => b.code === 'LAMBDA_EFS_NO_MOUNT_TARGET')) {
      f.add(rules.LAMBDA_EFS_NO_MOUNT_TARGET, fn.id, locate(fn), `${fn.address} mounts ${reach.label}, which has no mount target in the AZ of some of its subnets (P13)`, f.related([reach.target], 'file system'), reach.fixes, undefined, reach.destination);
      continue;
    }
    if (reach.status === 'partial') {
      f.add(rules.LAMBDA_PARTIAL_REACH, fn.id, locate(fn), `${fn.address} reaches ${reach.label} from some subnets only${because}: ${reach.explanation}`, related, reach.fixes, undefined, reach.destination);
      continue;
    }
    // P3: a need only a security group rule states is weaker evidence (a rule says what a group's members may reach,
    // not that each member connects): a warning that says so, not an error.
    const weak = reach.neededByRulesOnly === true;
    f.add(noRouteRule(reach), fn.id, locate(fn), `${fn.address} cannot reach ${reach.label}${because}: ${blockedBody(f.model, reach)}${noRouteRuleId(reach)}${dualStackEndpointNote(fact, reach)}${weak ? '. Only a security group rule links the function to it, nothing in its environment, role or file systems: if the function does not connect to it, that rule is the one to change' : ''}`,
      related, reach.fixes, weak ? 'warning' : undefined, reach.destination);
  }
  undecidedFinding(f, fact);
  publicSubnetFinding(f, fact);
  natOtherAzFinding(f, fact);
  readerPortFinding(f, fact);
}

/**
 * E11: an AWS API blocked over IPv4 while IPv6 gets out. The SDK's default endpoints are IPv4-only, so the answer
 * stays blocked, but a dual-stack endpoint would work: the user who built IPv6-only egress on purpose is told so.
 */
function dualStackEndpointNote(fact: FunctionFacts, reach: DestinationReach): string {
  if (reach.destinationKind !== 'aws-service') return '';
  const v6 = fact.reach.find((r) => r.destination === 'internet-ipv6');
  if (v6?.status !== 'yes') return '';
  const gateway = ipv6Gateway(v6);
  return `. IPv6 reaches the internet${gateway ? ` through ${gateway.label}` : ''}, but the SDK's default endpoint is IPv4-only: `
    + 'AWS_USE_DUALSTACK_ENDPOINT=true would use the dual-stack endpoint where the Region has one (E11)';
}

/** P15: a serverless cache reached on its primary port whose reader port is blocked. */
function readerPortFinding(f: Findings, fact: FunctionFacts): void {
  if (fact.readerPorts === undefined) return;
  const { fn } = fact;
  for (const { check, primary } of blockedReaderPorts(fact.reach, fact.readerPorts)) {
    const r = check.reach;
    const cache = primary.target !== null ? f.model.get(primary.target) : undefined;
    const name = cache?.kind === 'target' ? cache.address : primary.label;
    const where = r.status === 'partial' ? ' from some of its subnets' : '';
    const message = `${fn.address} reaches ${name} on its primary port tcp ${check.primaryPort} but not on its reader port tcp ${check.port}${where}: ${blockedBody(f.model, r)}${noRouteRuleId(r)}. `
      + `Reads from replicas use tcp ${check.port}, and many clients connect to both ports: allow tcp ${check.port} as well as tcp ${check.primaryPort} (P15)`;
    const blockedAt = r.bySubnet.filter((s) => s.status === 'no').map((s) => s.blockedAt);
    f.add(rules.LAMBDA_CACHE_READER_PORT_BLOCKED, fn.id, locate(fn), message, [...f.related([primary.target], 'cache'), ...f.related(blockedAt, 'blocked at')], r.fixes, undefined, `${check.destination}:${check.port}`);
  }
}

/**
 * M5: the needed destinations whose answer depends on what the workspace does not say, once per function and
 * at the function: the reading notes that explain them sit elsewhere (a parameter, an installed module), and a
 * "?" in the lens alone does not say why. Endpoint-policy unknowns have their own note (VPCE_POLICY_DENIES).
 */
function undecidedFinding(f: Findings, fact: FunctionFacts): void {
  const undecided = fact.reach.filter((r) => r.needed && r.status === 'unknown' && r.reason !== 'VPCE_POLICY_DENIES' && r.reason !== rules.VPCE_ENI_UNREACHABLE.id);
  const first = undecided[0];
  if (first === undefined) return;
  const { fn } = fact;
  // The explanation names the undecided hop itself ("network ACL … (inbound): cannot tell whether …").
  f.add(rules.LAMBDA_REACH_UNKNOWN, fn.id, locate(fn),
    `cannot tell whether ${fn.address} reaches ${listWords(undecided.map((r) => r.label))}, which it needs: ${first.explanation}`,
    f.related([...new Set(undecided.map((r) => r.blockedAt))], 'undecided at'), [], undefined, undecided.map((r) => r.destination).join(','));
}

/**
 * E4: a subnet whose internet or AWS-service traffic goes through a zonal NAT gateway in another AZ, once per
 * NAT gateway. Warning when a destination the function needs goes that way; information when none does.
 */
function natOtherAzFinding(f: Findings, fact: FunctionFacts): void {
  if (fact.placement.kind !== 'vpc') return;
  const { fn } = fact;
  for (const use of natOtherAzUses(f.model, fn.address, fact.reach, fact.evaluations)) {
    f.add(rules.LAMBDA_NAT_OTHER_AZ, fn.id, locate(fn), use.message,
      [...f.related(use.routeTables, 'route table'), ...f.related([use.nat.id], 'NAT gateway in another AZ')], use.fixes, use.needed ? 'warning' : 'information', use.nat.address);
  }
}

const IGW_NO_PUBLIC_IP = 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS';

/**
 * E2: the function's subnets route a destination to an internet gateway, which drops a Lambda ENI's traffic
 * (no public IP). Error when, for a destination the function needs, every subnet's only way out is that
 * gateway; warning when some subnets rely on it for a needed destination (others have another way);
 * information when it needs nothing through it (the public route is merely useless to it).
 */
function publicSubnetFinding(f: Findings, fact: FunctionFacts): void {
  const { fn } = fact;
  const publicSubnets = new Set<Id>();
  const relyingSubnets = new Set<Id>();
  const relying: DestinationReach[] = [];
  const only: DestinationReach[] = [];
  let fixes: readonly Fix[] = [];
  for (const reach of fact.reach) {
    const evals = fact.evaluations.get(reach.destination) ?? [];
    const viaIgw = evals.filter((e) => e.code === IGW_NO_PUBLIC_IP);
    if (viaIgw.length === 0) continue;
    for (const e of viaIgw) publicSubnets.add(e.subnet);
    if (!reach.needed) continue;
    relying.push(reach);
    for (const e of viaIgw) relyingSubnets.add(e.subnet);
    if (viaIgw.length === evals.length) only.push(reach);
    if (fixes.length === 0) fixes = viaIgw[0]?.fixes ?? [];
  }
  if (publicSubnets.size === 0) return;
  const related = f.related([...publicSubnets], 'public subnet');
  const labels = (list: readonly DestinationReach[]): string => listWords(list.map((r) => r.label));
  if (only.length > 0) {
    f.add(rules.LAMBDA_PUBLIC_SUBNET_IGW, fn.id, locate(fn),
      `${fn.address} needs ${labels(only)}, but its subnets send that traffic only to an internet gateway, which drops it: a Lambda ENI has no public IP (E2)`, related, fixes, 'error');
  } else if (relying.length > 0) {
    f.add(rules.LAMBDA_PUBLIC_SUBNET_IGW, fn.id, locate(fn),
      `${fn.address} relies on an internet gateway for ${labels(relying)} from ${listWords([...relyingSubnets].map((id) => displayName(f.model, id)))}; a Lambda ENI has no public IP, so invocations placed there cannot reach it (E2)`, related, fixes, 'warning');
  } else {
    f.add(rules.LAMBDA_PUBLIC_SUBNET_IGW, fn.id, locate(fn),
      `${fn.address} is in ${publicSubnets.size === 1 ? 'a subnet' : 'subnets'} routing to an internet gateway; a Lambda ENI has no public IP, so that gives it no internet access, but none of the destinations it is known to need goes through the gateway (E2)`, related, [], 'information');
  }
}

function configFindings(f: Findings, model: NetworkModel, options: AnalysisOptions, fact: FunctionFacts): void {
  const { fn, placement } = fact;
  const at = locate(fn);
  if (fn.edge && fn.vpcConfig !== null) f.add(rules.LAMBDA_EDGE_VPC, fn.id, at, `${fn.address} is a Lambda@Edge function and cannot have VPC config (C6)`);
  const ownVpc = ownVpcConfigNote(model, fn);
  if (ownVpc !== null) f.add(rules.LAMBDA_CAPACITY_PROVIDER_VPC_CONFIG, fn.id, ownVpcConfigAt(fn), ownVpc.message, f.related(ownVpc.related, 'capacity provider'));
  if (placement.kind === 'service-vpc') return;
  const config = placement.config;
  const subnetsKnown = isKnown(config.subnets);
  const groupsKnown = isKnown(config.securityGroups);
  if (subnetsKnown && groupsKnown && (placement.subnets.length === 0) !== (placement.securityGroups.length === 0)) {
    f.add(rules.LAMBDA_VPC_CONFIG_INCOMPLETE, fn.id, at, `${fn.address} has ${placement.subnets.length === 0 ? 'security groups but no subnets' : 'subnets but no security groups'}: AWS rejects it ("SubnetIds and SecurityIds must coexist or be both empty list", C2)`);
  }
  if (placement.subnets.length > 16) f.add(rules.LAMBDA_VPC_LIMITS, fn.id, at, `${fn.address} lists ${placement.subnets.length} subnets; Lambda allows at most 16 (C3)`, [], [], undefined, 'subnets');
  if (placement.securityGroups.length > 5) f.add(rules.LAMBDA_VPC_LIMITS, fn.id, at, `${fn.address} lists ${placement.securityGroups.length} security groups; Lambda allows at most 5 (C3)`, [], [], undefined, 'security-groups');
  const vpcs = new Map<Id, Id>();
  for (const id of [...placement.subnets, ...placement.securityGroups]) {
    if (!isKnown(id)) continue;
    const o = model.get(id);
    if ((o?.kind === 'subnet' || o?.kind === 'security-group') && isKnown(o.vpc) && !vpcs.has(o.vpc)) vpcs.set(o.vpc, o.id);
  }
  if (vpcs.size > 1) f.add(rules.LAMBDA_VPC_LIMITS, fn.id, at, `${fn.address} mixes subnets and security groups of ${vpcs.size} VPCs; all must be in one VPC (C3)`, f.related([...vpcs.keys()], 'VPC'), [], undefined, 'vpcs');
  const subnets = placement.subnets.filter((s): s is Id => isKnown(s)).map((s) => model.get(s)).filter((s) => s?.kind === 'subnet');
  const azs = new Set<string>();
  /** What an AZ chosen by AWS stands for ("AZ 1 of eu-west-1"), not its internal symbol. */
  const azLabels = new Map<string, string>();
  let azOpen = placement.subnets.length !== subnets.length;
  for (const s of subnets) {
    if (s?.kind !== 'subnet') continue;
    const az = s.availabilityZone;
    if (isKnown(az)) azs.add(az);
    else if (az.symbol !== undefined) {
      azs.add(`?${az.symbol}`);
      azLabels.set(`?${az.symbol}`, az.reason);
    }
    else azOpen = true;
    if (isKnown(az) && options.unsupportedAvailabilityZones.includes(az)) {
      f.add(rules.LAMBDA_AZ_UNSUPPORTED, fn.id, at, `${fn.address} uses ${s.address} in ${az}, which Lambda does not support in this account (C5)`, f.related([s.id], 'subnet'), [], undefined, s.address);
    }
  }
  if (!azOpen && azs.size === 1 && subnets.length > 0) {
    f.add(rules.LAMBDA_SINGLE_AZ, fn.id, at, `all subnets of ${fn.address} are in one Availability Zone (${[...azs].map((a) => azLabels.get(a) ?? a)[0] ?? ''}): no AZ failover (C4)`);
  } else if (placement.subnets.length === 1 && subnets.length === 1 && subnets[0] !== undefined && azs.size === 0) {
    // One subnet is one AZ, whichever it is (C4): the AZ itself need not be known.
    f.add(rules.LAMBDA_SINGLE_AZ, fn.id, at, `${fn.address} has one subnet, ${subnets[0].address}, so it runs in one Availability Zone: no AZ failover (C4)`);
  }
  const vpc = placement.vpc !== null && isKnown(placement.vpc) ? model.get(placement.vpc) : undefined;
  if (vpc?.kind === 'vpc' && vpc.instanceTenancy === 'dedicated') {
    f.add(rules.LAMBDA_DEDICATED_TENANCY, fn.id, at, `${fn.address} is attached to ${vpc.address}, which has dedicated instance tenancy; Lambda cannot attach to it (P12)`, f.related([vpc.id], 'VPC'));
  }
  // C1: reported only when every policy of the role was read; a policy we cannot read may grant the actions.
  const permissions = placement.managedInstances ? undefined : eniPermissions(model, fn);
  if (permissions?.kind === 'missing' && fn.role !== null && isKnown(fn.role)) {
    f.add(rules.LAMBDA_ROLE_MISSING_ENI_PERMISSIONS, fn.id, at, `the execution role of ${fn.address} does not allow ${listWords(permissions.missing)}, which Lambda needs to manage the function's ENIs; attach AWSLambdaVPCAccessExecutionRole (C1)`,
      f.related([fn.role], 'role'), [{ description: 'attach the AWSLambdaVPCAccessExecutionRole managed policy to the role', changes: [{ kind: 'attach-vpc-execution-policy', role: fn.role }] }]);
  }
  const groups = placement.securityGroups.filter((g): g is Id => isKnown(g)).map((g) => model.get(g));
  if (groups.length > 0 && groups.length === placement.securityGroups.length && groups.every((g) => g?.kind === 'security-group' && model.sgRules(g.id, 'egress').every(loopbackOnly))) {
    f.add(rules.SG_NO_EGRESS, fn.id, at, `the security groups of ${fn.address} allow no egress${noEgressCause(groups, model)}: the function can open no connection`,
      f.related(groups.map((g) => g?.id ?? null), 'security group'),
      groups[0] ? [{ description: `add an egress rule to ${groups[0].address}`, changes: [{ kind: 'add-sg-egress', group: groups[0].id, protocol: 'tcp', port: 443, peer: '0.0.0.0/0' }] }] : []);
  }
  // Advice to drop the VPC config needs complete evidence: no private resource used, named or not (E1). A
  // mounted file system, even one the workspace does not resolve, needs the VPC attachment (P13). An environment
  // map that cannot be read may name a database host: no evidence either way.
  if (!placement.managedInstances && placement.unknownReason === null && fn.fileSystems.length === 0 && fn.environmentUnknown === undefined && !fact.needs.some((n) => n.kind === 'target' || n.kind === 'outside')) {
    f.add(rules.LAMBDA_VPC_UNNEEDED, fn.id, at, `${fn.address} is attached to a VPC but uses no private resource the workspace shows; without VPC config it would reach the internet and AWS APIs directly (M1)`, [],
      [{ description: `remove the VPC config of ${fn.address} (it then runs in the Lambda service VPC alone and reaches the internet and AWS APIs directly, M1)`, changes: [{ kind: 'remove-vpc-config', function: fn.id }] }]);
  }
}

/**
 * E3: what the NAT subnet's route table does with internet traffic instead of sending it to an attached internet
 * gateway, named as the cause to fix ("sends 0.0.0.0/0 back to this NAT gateway"); null when the table's routes
 * are not known well enough to say (then the finding is not made: the function's path shows the unknown).
 */
function natRouteWords(model: NetworkModel, nat: ModelObject, vpc: Id, table: Maybe<Id>): string | null {
  if (!isKnown(table)) return null;
  const match = lookupRoute(model, table, { kind: 'addr', addr: { kind: 'public', family: 4 } });
  if (match.kind === 'unknown') return null;
  const name = displayName(model, table);
  const noGateway = model.internetGatewaysOf(vpc).length === 0 ? `; ${displayName(model, vpc)} has no internet gateway attached` : '';
  if (match.kind === 'none') return `its route table ${name} has no route for 0.0.0.0/0${noGateway}`;
  const target = match.route.target;
  if (!isKnown(target.ref)) return null;
  if (target.kind === 'nat-gateway') {
    return target.ref === nat.id ? `its route table ${name} sends 0.0.0.0/0 back to this NAT gateway${noGateway}` : `its route table ${name} sends 0.0.0.0/0 to another NAT gateway, ${displayName(model, target.ref)}${noGateway}`;
  }
  if (target.kind === 'internet-gateway' && model.vpcsOfInternetGateway(target.ref).includes(vpc)) return null;
  if (target.kind === 'internet-gateway') return `its route table ${name} sends 0.0.0.0/0 to ${displayName(model, target.ref)}, which is not attached to ${displayName(model, vpc)}`;
  return `its route table ${name} sends 0.0.0.0/0 to ${displayName(model, target.ref)}, not to an internet gateway${noGateway}`;
}

/**
 * An AZ name is its Region's code and a letter (`eu-west-1a`), or for a Local Zone the Region's code and the zone
 * (`us-east-1-bos-1a`): whether `az` is one of `region`'s. AZ ids (`use1-az1`) do not say, and are not checked.
 */
function azInRegion(az: string, region: string): boolean | null {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+[-a-z0-9]*[a-z]$/.test(az)) return null;
  return az.startsWith(region) && (az.length === region.length + 1 || az[region.length] === '-');
}

/** Once per VPC: subnets whose AZ names another Region (the subnet is wrong, or the analysis Region is). */
function azRegionFindings(f: Findings, model: NetworkModel): void {
  for (const vpc of model.all('vpc')) {
    const region = vpc.region ?? model.region;
    if (!isKnown(region) || region === '') continue;
    const off = model.all('subnet').filter((s) => s.vpc === vpc.id && isKnown(s.availabilityZone) && azInRegion(s.availabilityZone, region) === false);
    if (off.length === 0) continue;
    const azs = [...new Set(off.map((s) => (isKnown(s.availabilityZone) ? s.availabilityZone : '')))];
    f.add(rules.SUBNET_AZ_OUTSIDE_REGION, vpc.id, vpc.origin,
      `${counted(off.length, 'subnet')} of ${vpc.address} ${off.length === 1 ? 'is' : 'are'} in ${listWords(azs)}, not ${azs.length === 1 ? 'an Availability Zone' : 'Availability Zones'} of ${region}, the Region ${vpc.address} is analysed in: AWS would reject ${off.length === 1 ? 'it' : 'them'}, or the analysis Region is wrong and so are the results that depend on it (service endpoint names, AZs AWS picks); give the provider a region, or set hyperplaneLens.region (--region in the CLI)`,
      f.related(off.map((s) => s.id), 'subnet'));
  }
}

/**
 * Every subnet, used by a function or not (like SUBNET_AZ_OUTSIDE_REGION and NAT_NO_INTERNET_PATH): AWS rejects
 * a subnet outside its VPC's IPv4 blocks (InvalidSubnet.Range), which fails the whole deployment.
 */
function subnetOutsideVpcFindings(f: Findings, model: NetworkModel): void {
  for (const o of subnetsOutsideVpc(model)) {
    const which = o.vpcBlocks.length === 1 ? 'the IPv4 block' : 'every IPv4 block';
    f.add(rules.SUBNET_OUTSIDE_VPC_CIDR, o.subnet.id, o.subnet.origin,
      `${o.subnet.address} (${o.block}) is outside ${which} of ${o.vpc.address} (${o.vpcBlocks.join(', ')}): AWS rejects the subnet (InvalidSubnet.Range: a subnet's block must be inside its VPC's primary or an associated secondary block); the analysis still treats it as deployed`,
      [...f.related([o.vpc.id], 'VPC'), ...f.related(o.associations, 'secondary block')]);
  }
}

function componentFindings(f: Findings, model: NetworkModel, usedGroups: ReadonlyMap<Id, readonly Id[]>): void {
  azRegionFindings(f, model);
  subnetOutsideVpcFindings(f, model);
  for (const nat of model.all('nat-gateway')) {
    if (nat.connectivityType !== 'public' || nat.subnet === null || !isKnown(nat.subnet)) continue;
    const subnet = model.get(nat.subnet);
    if (subnet?.kind !== 'subnet' || !isKnown(subnet.vpc) || !isKnown(model.routeTableOf(subnet.id).id)) continue;
    if (nat.hasElasticIp === false) {
      f.add(rules.NAT_NO_INTERNET_PATH, nat.id, nat.origin, `${nat.address} is public but has no Elastic IP allocation (E3)`);
    } else if (!natWorks(model, nat) && nat.hasElasticIp === true) {
      const why = natRouteWords(model, nat, subnet.vpc, model.routeTableOf(subnet.id).id);
      if (why === null) continue;
      f.add(rules.NAT_NO_INTERNET_PATH, nat.id, nat.origin, `${nat.address} is in ${subnet.address}, so it has no way to the internet: ${why} (E3)`, f.related([subnet.id], 'NAT subnet'));
    }
  }
  for (const e of model.all('vpc-endpoint')) {
    if (e.endpointType !== 'Interface') continue;
    if (e.privateDnsEnabled === false) {
      f.add(rules.VPCE_PRIVATE_DNS_DISABLED, e.id, e.origin, `private DNS is disabled on ${e.address}: SDK calls to ${isKnown(e.service) ? e.service : 'the service'} will not use this endpoint (E10)`, [],
        [privateDnsFix(model, e)]);
    } else if (e.privateDnsEnabled === true && isKnown(e.vpc)) {
      const vpc = model.get(e.vpc);
      if (vpc?.kind !== 'vpc') continue;
      for (const attribute of ['enableDnsSupport', 'enableDnsHostnames'] as const) {
        if (vpc[attribute] === false) {
          f.add(rules.VPCE_VPC_DNS_DISABLED, e.id, e.origin, `${e.address} has private DNS, but ${vpc.address} has ${attribute} off: private DNS needs both VPC DNS attributes (E9, E10)`, f.related([vpc.id], 'VPC'),
            [vpcDnsFix(vpc, attribute)], undefined, attribute);
        }
      }
    }
  }
  for (const [groupId, fns] of usedGroups) {
    const sg = model.get(groupId);
    if (sg?.kind !== 'security-group' || sg.implicitEgress !== 'allow-all' || (sg.adoptsDefaultOf !== null && isKnown(sg.adoptsDefaultOf))) continue;
    const standalone = model.sgRules(sg.id, 'egress').filter((r) => !r.inline);
    if (standalone.length === 0) continue;
    f.add(rules.CFN_EGRESS_NOT_RESTRICTED, sg.id, sg.origin, `${sg.address} keeps CloudFormation's default allow-all egress: its ${counted(standalone.length, 'separate egress rule')} ${standalone.length === 1 ? 'adds to it rather than restricts' : 'add to it rather than restrict'} it (T3)`,
      [...f.related(standalone.map((r) => r.id), 'egress rule'), ...f.related([...fns], 'used by')]);
  }
}

/** Per subnet, the network interfaces besides Hyperplane ENIs that the workspace declares there (an address each, at least). */
function otherEnisBySubnet(model: NetworkModel): Map<Id, number> {
  const out = new Map<Id, number>();
  const count = (subnet: Maybe<Id> | null): void => {
    if (subnet !== null && isKnown(subnet)) out.set(subnet, (out.get(subnet) ?? 0) + 1);
  };
  const countAll = (refs: RefList): void => {
    if (isKnown(refs)) for (const r of new Set(refs)) count(r);
  };
  for (const nat of model.all('nat-gateway')) count(nat.subnet);
  for (const e of model.all('vpc-endpoint')) if (e.endpointType === 'Interface' || e.endpointType === 'GatewayLoadBalancer') countAll(e.subnets);
  for (const t of model.all('target')) {
    if (t.targetKind === 'efs-mount-target' || t.targetKind === 'ec2-instance' || t.targetKind === 'load-balancer') countAll(t.subnets);
  }
  return out;
}

function eniFindings(f: Findings, model: NetworkModel, options: AnalysisOptions, enis: readonly HyperplaneEni[]): void {
  const perVpc = new Map<Id, number>();
  const perSubnet = new Map<Id, HyperplaneEni[]>();
  for (const eni of enis) {
    if (isKnown(eni.vpc)) perVpc.set(eni.vpc, (perVpc.get(eni.vpc) ?? 0) + 1);
    (perSubnet.get(eni.subnet) ?? perSubnet.set(eni.subnet, []).get(eni.subnet))?.push(eni);
  }
  for (const [vpcId, count] of perVpc) {
    const vpc = model.get(vpcId);
    if (!vpc || count < options.eniQuotaPerVpc * 0.8) continue;
    f.add(rules.LAMBDA_ENI_QUOTA, vpcId, vpc.origin, `${vpc.address} needs ${count} Hyperplane ENIs (distinct subnet and security-group combinations), ${count > options.eniQuotaPerVpc ? 'over' : 'close to'} the quota of ${options.eniQuotaPerVpc} per VPC (H5)`);
  }
  let othersBySubnet: Map<Id, number> | undefined;
  for (const [subnetId, list] of perSubnet) {
    const s = model.get(subnetId);
    if (s?.kind !== 'subnet' || !isKnown(s.cidrBlock)) continue;
    const cidr = parseCidr(s.cidrBlock);
    if (!cidr) continue;
    const usable = usableSubnetAddresses(cidr);
    // H6, H7: every ENI takes an address, and a configuration change creates the new Hyperplane ENIs before the
    // old ones are deleted (which takes up to 20 minutes): a subnet needs room for a second set. Other ENIs the
    // workspace places there (NAT gateways, interface endpoints, mount targets, instances, load balancer nodes)
    // take addresses too.
    const others = (othersBySubnet ??= otherEnisBySubnet(model)).get(subnetId) ?? 0;
    if (list.length + others <= usable / 2) continue;
    const fns = [...new Set(list.flatMap((e) => e.functions))];
    const besides = others > 0 ? ` besides ${counted(others, 'other network interface')}` : '';
    f.add(rules.LAMBDA_SUBNET_TINY, subnetId, s.origin, `${s.address} (${cidr.text}) has ${usable} usable addresses and hosts ${counted(list.length, 'Hyperplane ENI combination')}${besides}: more than half of them, with no room for the new ENIs a configuration change creates before the old ones go; it can run out of IP addresses (H6)`, f.related(fns, 'function'));
  }
}

