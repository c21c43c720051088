// The analysis entry point: per function its placement (M5), needs (intent), reachability per destination
// aggregated over its subnets, the Hyperplane ENIs (H1), and the findings of every rule.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, LambdaFunction, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import { EniGrouping, groupSetKey } from './enis';
import { collectFindings, type FunctionFacts } from './findings';
import { needsOf, type Need } from './intent';
import { usesDualStackSdk, withIpv6OnlyEgress, withIpv6Unknown } from './ipv6Egress';
import { displayName } from './naming';
import { targetSubnets } from './pathSteps';
import { placementOf, type Placement } from './placement';
import { attachVpcFix, hasPublicEndpoint, publicAccess, publicEndpointLeg } from './publicEndpoint';
import { PathSearch, destinationKey, type DestinationSpec } from './reachability';
import { readerPortCheck, readerPortSpec, type ReaderPortCheck } from './readerPort';
import { requestOf } from './serviceRequests';
import { zipFixes, type Evaluation } from './trace';
import type { AnalysisOptions, AnalysisResult, DestinationKind, DestinationReach, FunctionReport, Hop, ReachStatus } from './types';
import { override } from '../model/override';

export const defaultAnalysisOptions: AnalysisOptions = Object.freeze({ eniQuotaPerVpc: 500, unsupportedAvailabilityZones: Object.freeze([]) });

const serviceLabels: Readonly<Record<string, string>> = { s3: 'Amazon S3', dynamodb: 'Amazon DynamoDB' };

interface Planned {
  readonly key: string;
  readonly kind: DestinationKind;
  readonly spec: DestinationSpec;
  readonly label: string;
  readonly target: Id | null;
  readonly need: Need | null;
}

/** Internet, S3 and DynamoDB for everyone (plus IPv6 when allowed, E11), then whatever the function needs. */
function plan(fn: LambdaFunction, needs: readonly Need[], ipv6: boolean): Planned[] {
  const out: Planned[] = [];
  const find = (pred: (n: Need) => boolean): Need | null => needs.find(pred) ?? null;
  out.push({ key: 'internet', kind: 'internet', spec: { kind: 'internet', family: 4 }, label: 'the internet (IPv4)', target: null, need: find((n) => n.kind === 'internet') });
  if (ipv6) out.push({ key: 'internet-ipv6', kind: 'internet-ipv6', spec: { kind: 'internet', family: 6 }, label: 'the internet (IPv6)', target: null, need: null });
  for (const service of ['s3', 'dynamodb']) {
    out.push({ key: service, kind: 'aws-service', spec: { kind: 'service', service }, label: serviceLabels[service] ?? service, target: null, need: find((n) => n.kind === 'service' && n.service === service) });
  }
  for (const need of needs) {
    if (need.kind === 'service' && need.service !== 's3' && need.service !== 'dynamodb') out.push(plannedFor(need, need));
    else if (need.kind === 'target' && need.target.id !== fn.id) out.push(plannedFor(need, need));
  }
  return out;
}

/** A destination the analysis asks about by name (an AWS service by its endpoint name, a private target and its port). */
export type AskedDestination =
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'target'; readonly target: Target; readonly port: number | null };

/** The plan entry of a service or target, needed (`need`) or asked about on its own (null). */
function plannedFor(d: AskedDestination, need: Need | null): Planned {
  if (d.kind === 'service') return { key: d.service, kind: 'aws-service', spec: { kind: 'service', service: d.service }, label: serviceLabels[d.service] ?? `the ${d.service} API`, target: null, need };
  return { key: d.target.address, kind: 'target', spec: { kind: 'target', target: d.target, port: d.port }, label: d.target.address, target: d.target.id, need };
}

/**
 * One function's reach to any service or target, on demand (explain --to): the plan entry, path search, per
 * configuration evaluation and fixes of analyze(), with its own memo, so the session's result is untouched. A
 * destination the function needs gets its need (the same answer as in the analysis); any other is not needed.
 */
export function reachOfDestination(model: NetworkModel, fn: LambdaFunction, asked: AskedDestination): DestinationReach {
  const placement = placementOf(model, fn);
  const needs = needsOf(model, fn);
  const { dualStack, ipv6 } = dualStackOf(placement);
  const planned = plan(fn, needs, ipv6);
  const own = plannedFor(asked, null);
  const entry = planned.find((p) => p.key === own.key) ?? own;
  // E11: the IPv6 answer tells whether a blocked service is reached over a dual-stack endpoint.
  const asIn = [entry, ...planned.filter((p) => p.key === 'internet-ipv6')];
  const { reach } = functionReach(reachContext(model), fn, placement, asIn, ipv6, dualStack);
  const answer = reach.find((r) => r.destination === own.key);
  if (answer === undefined) throw new Error(`reachOfDestination: no answer for ${own.key}`);
  return answer;
}

/** Worst first: the answer a destination with several ports gets is its least reachable port's. */
const STATUS_RANK: Readonly<Record<ReachStatus, number>> = { no: 0, partial: 1, unknown: 2, yes: 3 };

/**
 * What to evaluate for a planned destination: the internet on each port the function's URLs name (443 when
 * none does), a service with the function's requests when endpoint policies are in play (E7, E9).
 */
function specsOf(p: Planned, policiesOf: LambdaFunction | null, model: NetworkModel): readonly [DestinationSpec, ...DestinationSpec[]] {
  const spec = p.spec;
  if (spec.kind === 'service' && policiesOf !== null) return [override(spec, { request: requestOf(model, policiesOf, spec.service) })];
  if (spec.kind !== 'internet' || spec.family !== 4 || p.need?.kind !== 'internet') return [spec];
  const [port, ...more] = [...p.need.ports].sort((a, b) => a - b);
  if (port === undefined) return [spec];
  return [override(spec, { port }), ...more.map((q) => override(spec, { port: q }))];
}

/**
 * Whether a need asks for a network path. A private target that only control-plane IAM actions name
 * (rds:DescribeDBClusters on a cluster) is reached through the service's regional API, not connected to (E1):
 * it is reported, with the grants as its reasons, but not needed.
 */
function needsPath(need: Need | null): boolean {
  return need !== null && !(need.kind === 'target' && need.controlOnly === true);
}

function aggregate(statuses: readonly ('yes' | 'no' | 'unknown')[]): ReachStatus {
  const yes = statuses.includes('yes');
  const no = statuses.includes('no');
  if (yes && no) return 'partial';
  if (statuses.includes('unknown') || statuses.length === 0) return 'unknown';
  return yes ? 'yes' : 'no';
}

const lambdaHop: Hop = Object.freeze({ component: null, componentKind: 'lambda-service-vpc', label: 'Lambda service VPC', verdict: 'pass', detail: 'a function without VPC config runs in the Lambda-owned VPC (M1)', rule: 'M1' });
const internetHop: Hop = Object.freeze({ component: null, componentKind: 'internet', label: 'internet', verdict: 'pass', detail: 'reached', rule: 'E1' });

/** M1/E1 results of functions without VPC config are the same for every function: shared per destination. */
function serviceVpcReach(model: NetworkModel, p: Planned, cache: Map<string, DestinationReach>): DestinationReach {
  // Built as one literal with toReach's field order, so every result shares one hidden class (docs/performance.md).
  const reach = (f: ReachFields, needed = needsPath(p.need), neededBecause = p.need?.because ?? []): DestinationReach => ({
    destination: p.key, destinationKind: p.kind, target: p.target, label: p.label, status: f.status, via: f.via, blockedAt: f.blockedAt, reason: f.reason,
    explanation: f.explanation, path: f.path, fixes: f.fixes, bySubnet: [], needed, neededBecause,
  });
  if (p.spec.kind !== 'target') {
    const key = `${p.key}|${p.label}`;
    let hit = cache.get(key);
    if (!hit) {
      const end: Hop = p.kind === 'internet' || p.kind === 'internet-ipv6' ? internetHop
        : { component: null, componentKind: 'aws-service', label: `${p.label} endpoint`, verdict: 'pass', detail: 'public endpoint reached', rule: 'E1' };
      hit = reach({ status: 'yes', via: 'lambda-service-vpc', blockedAt: null, reason: null, explanation: 'reachable from the Lambda service VPC (M1, E1)', path: [lambdaHop, end], fixes: [] }, false, []);
      cache.set(key, hit);
    }
    return p.need === null ? hit : withNeed(hit, p.need);
  }
  const t = p.spec.target;
  // E1: an Aurora cluster's endpoints resolve to its instances, each publicly accessible or not on its own.
  const members = t.targetKind === 'rds-cluster' ? model.childrenOf(t.id).filter((c) => c.targetKind === 'rds-instance') : [];
  if (members.some((c) => publicAccess(model, c) !== false)) return reach(clusterPublicReach(model, t, members, p.spec.port));
  if (hasPublicEndpoint(model, t)) return reach(publicEndpointReach(model, t, p.spec.port));
  const open = publicAccess(model, t);
  if (open !== false) {
    return reach(openAtTarget(t, isKnown(open) ? 'it is publicly accessible: reachable only through its public endpoint, which depends on its security group and subnet routing' : `whether it is publicly accessible is unknown: ${open.reason}`));
  }
  const detail = 'a function without VPC config cannot reach private addresses (E1)';
  return reach({
    status: 'no', via: 'lambda-service-vpc', blockedAt: t.id, reason: 'LAMBDA_NOT_IN_VPC', explanation: `${t.address}: ${detail}`,
    path: [lambdaHop, { component: t.id, componentKind: 'target', label: t.address, verdict: 'block', detail, rule: 'E1' }],
    fixes: [{ description: `attach the function to the VPC of ${t.address}`, changes: [{ kind: 'attach-vpc-config', function: '' }] }],
  });
}

/** What a reach answer says about its path, before the destination's own fields are added. */
type ReachFields = Pick<DestinationReach, 'status' | 'via' | 'blockedAt' | 'reason' | 'explanation' | 'path' | 'fixes'>;

/** An open answer about a target reached from the Lambda service VPC, with the reason at the target. */
function openAtTarget(t: Target, why: string): ReachFields {
  return {
    status: 'unknown', via: 'lambda-service-vpc', blockedAt: t.id, reason: 'LAMBDA_UNKNOWN_INPUT', explanation: why,
    path: [lambdaHop, { component: t.id, componentKind: 'target', label: t.address, verdict: 'unknown', detail: why, rule: 'E1' }], fixes: [],
  };
}

/**
 * E1: an Aurora cluster some of whose instances may be publicly accessible. Its endpoint resolves to the
 * instance that serves it (the writer, or any reader), which the workspace does not fix: every instance must be
 * publicly accessible and reached alike for a certain answer.
 */
function clusterPublicReach(model: NetworkModel, t: Target, members: readonly Target[], port: number | null): ReachFields {
  const closed = members.find((c) => !hasPublicEndpoint(model, c));
  if (closed !== undefined) {
    const access = publicAccess(model, closed);
    const how = isKnown(access) ? 'is not publicly accessible' : `may not be publicly accessible (${access.reason})`;
    return openAtTarget(t, `its endpoint resolves to the instance serving it, and ${closed.address} ${how} while another may be`);
  }
  const results = members.map((c) => publicEndpointReach(model, c, port));
  const first = results[0];
  if (first === undefined || results.some((r) => r.status !== first.status)) {
    return openAtTarget(t, 'its endpoint resolves to the instance serving it, and its instances are not reached alike at their public endpoints');
  }
  return first;
}

/**
 * E1, P15: a function without VPC config and a publicly accessible database or an internet-facing balancer, over
 * its public endpoint. A database runs in one subnet of its group, which one the workspace does not say; a
 * balancer has a node in each: either way the subnets must agree.
 */
function publicEndpointReach(model: NetworkModel, t: Target, port: number | null): ReachFields {
  const subnets = targetSubnets(model, t);
  const open = (why: string): ReachFields => openAtTarget(t, why);
  if (!isKnown(subnets) || subnets.length === 0) return open(`it is publicly accessible, but ${isKnown(subnets) ? 'its subnets are not declared' : `its subnets are unknown: ${subnets.reason}`}`);
  const evals = subnets.map((s) => publicEndpointLeg(model, t, s, port));
  const first = evals[0];
  if (first === undefined) return open('its subnets are not declared');
  if (evals.some((e) => e.status !== first.status)) {
    const yes = evals.find((e) => e.status === 'yes');
    const other = evals.find((e) => e.status !== 'yes');
    const reached = yes ? `reachable in ${displayName(model, yes.subnet)}` : 'unknown in some subnets';
    const not = other ? `${displayName(model, other.subnet)} (${other.reason ?? other.status})` : 'another subnet';
    // A database runs in one subnet of its group; a load balancer's DNS name answers with a node in each of them.
    return open(t.targetKind === 'load-balancer'
      ? `its DNS name answers with a node in each of its subnets: ${reached}, but not in ${not}, so requests fail when the client picks that node`
      : `depends on which subnet hosts the instance: its public endpoint is ${reached}, but not in ${not}`);
  }
  return {
    status: first.status, via: 'lambda-service-vpc', blockedAt: first.blockedAt,
    reason: first.status === 'yes' ? null : first.code ?? 'LAMBDA_UNKNOWN_INPUT',
    explanation: first.status === 'yes' ? `reachable over the internet at its public endpoint (E1)` : first.explanation,
    path: [lambdaHop, ...first.path],
    // Attaching the function to the VPC avoids a database's public endpoint; an internet-facing balancer is public
    // from inside its VPC too, so only its own fixes apply.
    fixes: first.status !== 'no' ? [] : t.targetKind === 'load-balancer' ? first.fixes
      : first.blocks.every((b) => b.fixes.length > 0) ? [...first.fixes, attachVpcFix(t)] : [attachVpcFix(t)],
  };
}

function toReach(p: Planned, evals: readonly Evaluation[]): DestinationReach {
  const status = aggregate(evals.map((e) => e.status));
  const lead = status === 'yes' ? evals[0]
    : status === 'unknown' ? evals.find((e) => e.status === 'unknown') ?? evals[0]
    : evals.find((e) => e.status === 'no');
  const blocked = evals.filter((e) => e.status === 'no');
  return {
    destination: p.key, destinationKind: p.kind, target: p.target, label: p.label, status,
    via: evals.find((e) => e.status === 'yes')?.via ?? lead?.via ?? null,
    blockedAt: status === 'yes' ? null : lead?.blockedAt ?? null,
    reason: status === 'yes' ? null : lead?.code ?? 'LAMBDA_UNKNOWN_INPUT',
    explanation: lead ? (status === 'partial' ? `reachable from ${evals.length - blocked.length} of ${evals.length} subnets; ${lead.explanation}` : lead.explanation) : 'the function has no subnets',
    path: lead?.path ?? [],
    fixes: zipFixes(blocked.map((e) => e.fixes)),
    bySubnet: evals.map((e) => ({ subnet: e.subnet, status: e.status, via: e.via, path: e.path, blockedAt: e.blockedAt, reason: e.reason, code: e.code })),
    needed: needsPath(p.need),
    neededBecause: p.need?.because ?? [],
  };
}

/**
 * The subnets to evaluate: the function's list, or, when only the subnet list is unknown and the groups are
 * known, that unknown list as one subnet (its security-group checks hold for every subnet), or, when only the
 * group list is unknown, the known subnets (their routes and NACLs decide alone where they block); null when
 * nothing can be evaluated.
 */
function evaluableSubnets(placement: Placement): readonly Maybe<Id>[] | null {
  if (placement.kind !== 'vpc') return null;
  if (placement.unknownReason === null) return placement.subnets;
  if (onlyGroupsUnknown(placement)) return placement.subnets;
  const { subnets, securityGroups } = placement.config;
  if (placement.rejected || isKnown(subnets) || !isKnown(securityGroups) || securityGroups.length === 0) return null;
  return [subnets];
}

/** The subnet list is known and not empty, the group list is unknown (a variable, a missing module output). */
function onlyGroupsUnknown(placement: Placement): boolean {
  return placement.kind === 'vpc' && !placement.rejected && placement.subnets.length > 0
    && isKnown(placement.config.subnets) && !isKnown(placement.config.securityGroups);
}

/**
 * The groups to evaluate with: the function's list, or its unknown list as one unknown group. P1: groups only
 * allow, so an unknown group leaves each SG hop open while a route or NACL that blocks still decides "no".
 */
function evaluableGroups(placement: Placement): readonly Maybe<Id>[] {
  if (placement.kind !== 'vpc') return [];
  const groups = placement.config.securityGroups;
  return onlyGroupsUnknown(placement) && !isKnown(groups) ? [groups] : placement.securityGroups;
}

/** What the analysis of one model shares between functions (and a question about one destination repeats). */
interface ReachContext {
  readonly model: NetworkModel;
  readonly search: PathSearch;
  /** Functions with the same subnets and groups share whole results (common: many functions, one VPC config). */
  readonly shared: Map<string, { reach: DestinationReach; evals: readonly Evaluation[] }>;
  readonly serviceVpcCache: Map<string, DestinationReach>;
  /** E7, E9: a function's requests matter only when some endpoint has a policy (most workspaces have none). */
  readonly checkPolicies: boolean;
}

function reachContext(model: NetworkModel): ReachContext {
  return { model, search: new PathSearch(model), shared: new Map(), serviceVpcCache: new Map(), checkPolicies: model.all('vpc-endpoint').some((e) => e.policy !== null) };
}

/**
 * E11: an unknown Ipv6AllowedForDualStack is evaluated as allowed, and its IPv6 answers are then left open;
 * not when the whole VPC config is unknown (every answer is open already, an IPv6 row would add nothing).
 */
function dualStackOf(placement: Placement): { readonly dualStack: Maybe<boolean>; readonly ipv6: boolean } {
  const dualStack = placement.kind === 'vpc' ? placement.config.ipv6AllowedForDualStack : false;
  return { dualStack, ipv6: dualStack === true || (!isKnown(dualStack) && placement.kind === 'vpc' && placement.unknownReason === null) };
}

/** A function's Hyperplane ENIs are counted unless it runs on managed instances, or its config is rejected and unknown (H1). */
function registersEnis(placement: Placement): boolean {
  if (placement.kind !== 'vpc' || placement.managedInstances) return false;
  return !placement.rejected || placement.unknownReason === null || evaluableSubnets(placement) !== null;
}

interface FunctionReach {
  readonly reach: DestinationReach[];
  readonly evaluations: Map<string, readonly Evaluation[]>;
  readonly readerPorts: ReaderPortCheck[] | undefined;
}

/** The planned destinations of one function, aggregated over its subnets (M5). */
function functionReach(ctx: ReachContext, fn: LambdaFunction, placement: Placement, planned: readonly Planned[], ipv6: boolean, dualStack: Maybe<boolean>): FunctionReach {
  const model = ctx.model;
  const evaluations = new Map<string, readonly Evaluation[]>();
  let readerPorts: ReaderPortCheck[] | undefined;
  let reach: DestinationReach[];
  if (placement.kind === 'service-vpc') {
    reach = planned.map((p) => (p.spec.kind === 'target' ? withFunction(serviceVpcReach(model, p, ctx.serviceVpcCache), fn.id) : serviceVpcReach(model, p, ctx.serviceVpcCache)));
  } else if (placement.unknownReason !== null && evaluableSubnets(placement) === null) {
    const reason = placement.unknownReason;
    reach = planned.map((p) => ({
      destination: p.key, destinationKind: p.kind, target: p.target, label: p.label, status: 'unknown', via: null, blockedAt: null,
      reason: 'LAMBDA_UNKNOWN_INPUT', explanation: reason, path: [], fixes: [], bySubnet: [], needed: needsPath(p.need), neededBecause: p.need?.because ?? [],
    }));
  } else {
    // Known subnets, or one whole unknown list whose groups are known: the group filters still decide (M5).
    const subnets = evaluableSubnets(placement) ?? placement.subnets;
    const groups = evaluableGroups(placement);
    const groupKey = groupSetKey(model, groups);
    const configKey = `${subnets.map((s) => (isKnown(s) ? s : `?${s.symbol ?? s.reason}`)).join(',')}|${groupKey}|${placement.managedInstances ? 'm' : 'h'}`;
    // One evaluation per configuration, destination and spec, shared by every function with this configuration.
    const evaluate = (p: Planned, spec: DestinationSpec): { reach: DestinationReach; evals: readonly Evaluation[] } => {
      const key = `${configKey}|${p.key}|${destinationKey(spec)}`;
      let one = ctx.shared.get(key);
      if (!one) {
        const evals = subnets.map((s) => ctx.search.evaluate(s, groups, groupKey, placement.managedInstances, spec));
        one = { reach: toReach(p, evals), evals };
        ctx.shared.set(key, one);
      }
      return one;
    };
    reach = planned.map((p) => {
      const specs = specsOf(p, ctx.checkPolicies ? fn : null, model);
      let hit = evaluate(p, specs[0]);
      // P2: every port the function's URLs name must be open; the answer is the least reachable one's.
      for (let i = 1; i < specs.length; i++) {
        const one = evaluate(p, specs[i] ?? specs[0]);
        if (STATUS_RANK[one.reach.status] < STATUS_RANK[hit.reach.status]) hit = one;
      }
      evaluations.set(p.key, hit.evals);
      // P15: a serverless cache's reader port, through the same shared and memoised evaluation as its primary port.
      const reader = readerPortSpec(specs[0]);
      if (reader !== null && specs[0].kind === 'target') (readerPorts ??= []).push(readerPortCheck(p.key, specs[0], reader, evaluate(p, reader)));
      return p.need === null && !hit.reach.needed ? hit.reach : withNeed(hit.reach, p.need);
    });
    if (ipv6) reach = withIpv6OnlyEgress(reach, usesDualStackSdk(fn.environment));
    if (!isKnown(dualStack)) reach = withIpv6Unknown(reach, dualStack.reason);
  }
  return { reach, evaluations, readerPorts };
}

export function analyze(model: NetworkModel, options: AnalysisOptions = defaultAnalysisOptions): AnalysisResult {
  const ctx = reachContext(model);
  const enis = new EniGrouping(model);
  const facts: FunctionFacts[] = [];
  const shareKeysOf = new Map<Id, readonly string[]>();
  for (const fn of model.all('lambda-function')) {
    const placement = placementOf(model, fn);
    const needs = needsOf(model, fn);
    const { dualStack, ipv6 } = dualStackOf(placement);
    const { reach, evaluations, readerPorts } = functionReach(ctx, fn, placement, plan(fn, needs, ipv6), ipv6, dualStack);
    let eniKeys: string[] = [];
    let shareKeys: readonly string[] = [];
    if (placement.kind === 'vpc' && registersEnis(placement)) {
      const registered = enis.add(fn.id, placement.config.subnets, placement.config.securityGroups);
      eniKeys = [...registered.keys];
      shareKeys = registered.shareKeys;
    }
    for (const need of needs) if (need.kind === 'outside') reach.push(outsideReach(need));
    facts.push({ fn, placement, needs, reach, evaluations, eniKeys, readerPorts });
    shareKeysOf.set(fn.id, shareKeys);
  }
  const functions: FunctionReport[] = facts.map((f) => {
    const shares = new Set<Id>();
    for (const key of [...f.eniKeys, ...(shareKeysOf.get(f.fn.id) ?? [])]) for (const other of enis.functionsOf(key)) if (other !== f.fn.id) shares.add(other);
    const p = f.placement;
    const vpc: Maybe<Id> | null = p.kind === 'vpc' ? p.vpc : null;
    return {
      function: f.fn.id, vpcAttached: p.kind === 'vpc', managedInstances: p.managedInstances, vpc,
      subnets: p.kind === 'vpc' ? p.subnets : [], securityGroups: p.kind === 'vpc' ? p.securityGroups : [],
      enis: f.eniKeys, sharesEniWith: [...shares].sort(), reach: f.reach,
      ...(f.fn.existence !== undefined ? { existence: f.fn.existence } : {}),
    };
  });
  const eniList = enis.list();
  return { functions, enis: eniList, findings: collectFindings(model, options, facts, eniList), problems: [] };
}

/** A resource outside the workspace: nothing to evaluate, so unknown with the reason (E1). Field order as toReach's. */
function outsideReach(need: Extract<Need, { kind: 'outside' }>): DestinationReach {
  return {
    destination: need.key, destinationKind: 'target', target: null, label: need.label, status: 'unknown', via: null, blockedAt: null,
    reason: 'LAMBDA_UNKNOWN_INPUT', explanation: need.reason, path: [], fixes: [], bySubnet: [], needed: true, neededBecause: need.because,
  };
}

/** The shared result with this function's need. */
function withNeed(reach: DestinationReach, need: Need | null): DestinationReach {
  const needed = needsPath(need);
  const neededBecause = need?.because ?? [];
  return need?.kind === 'target' && need.rulesOnly === true ? override(reach, { needed, neededBecause, neededByRulesOnly: true as const }) : override(reach, { needed, neededBecause });
}

function withFunction(reach: DestinationReach, fn: Id): DestinationReach {
  return override(reach, { fixes: reach.fixes.map((f) => override(f, { changes: f.changes.map((c) => (c.kind === 'attach-vpc-config' ? override(c, { function: fn }) : c)) })) });
}
