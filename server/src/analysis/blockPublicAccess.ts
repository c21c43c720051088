// VPC Block Public Access (E13), one step for both directions: whether the account's BPA mode and its
// exclusions let traffic cross an internet gateway or an egress-only internet gateway at a given subnet.
//
// What AWS documents (Amazon VPC User Guide, "Block public access to VPCs and subnets",
// https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html, and "VPC BPA basics",
// https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-basics.html; EC2 API Reference
// VpcBlockPublicAccessOptions and VpcBlockPublicAccessExclusion,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessExclusion.html):
// - BPA is set per account and per Region; `off` blocks nothing.
// - block-bidirectional: all traffic to and from internet gateways and egress-only internet gateways is blocked,
//   except for excluded VPCs and subnets.
// - block-ingress: all internet traffic to the VPCs is blocked; only traffic to and from NAT gateways and
//   egress-only internet gateways is allowed (they only let outbound connections be set up). So an ENI's own
//   traffic straight through an internet gateway (a function's IPv6) is blocked, its replies being inbound.
// - An exclusion exempts one VPC or one subnet. allow-bidirectional: all internet traffic to and from it is
//   allowed. allow-egress: outbound allowed, inbound blocked; "only applies when BPA is set to Bidirectional",
//   so under block-ingress an allow-egress exclusion of an ENI sending straight through an internet gateway is
//   left open here rather than guessed.
// - Exclusions can be created while BPA is off: they then have no effect, and take effect when BPA is turned on.
// - The account setting `exclusionsAllowed` may be `not-allowed` when BPA is managed at the Organization level
//   (a declarative policy): that is outside the workspace, so exclusions are taken as effective.
// - The internet gateway sees the address of the ENI that sends: for traffic a NAT gateway translates, that is
//   the NAT gateway's ENI in its own subnet ("NAT gateways require an internet gateway for internet
//   connectivity", VPC BPA basics), so the NAT gateway's subnet (or its VPC) is what an exclusion must name, not
//   the private subnet behind it (the scenarios of "Advanced example",
//   https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-example.html, exclude the NAT gateway's
//   public subnet for the private subnet's egress).

import { isKnown, type Maybe } from '../model/origin';
import type { BlockPublicAccess, BlockPublicAccessExclusion, Id, Subnet, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';
import { declaredSubnets } from './pathSteps';
import type { Trace } from './trace';
import type { Fix } from './types';

type Mode = 'block-bidirectional' | 'block-ingress';

/** Where and how traffic crosses the gateway. */
export interface PublicAccessCrossing {
  /** egress: sent out to the internet (and its replies); ingress: a connection the internet opens. */
  readonly direction: 'egress' | 'ingress';
  readonly gateway: 'internet-gateway' | 'egress-only-internet-gateway';
  /** Egress a NAT gateway translated (block-ingress lets it out). */
  readonly throughNat: boolean;
  /** The subnet of the ENI the gateway sees: the NAT gateway's, the function's, the target's; null: none (a regional NAT gateway). */
  readonly subnet: Subnet | null;
  readonly vpc: Id | null;
  /** Whether a block may offer an exclusion as the fix (not for a database's public endpoint). */
  readonly offerFix: boolean;
}

export type PublicAccessVerdict =
  /** `exclusion`: the exclusion that lets the traffic through, null when no BPA mode blocks it. */
  | { readonly kind: 'allowed'; readonly exclusion: BlockPublicAccessExclusion | null; readonly options: BlockPublicAccess | null }
  | { readonly kind: 'blocked'; readonly options: BlockPublicAccess; readonly detail: string }
  | { readonly kind: 'unknown'; readonly component: BlockPublicAccess | BlockPublicAccessExclusion; readonly reason: string };

/** Per mode: allowed (with the exclusion that allows, if any), blocked, or open with the reason. */
type Outcome = { readonly kind: 'allowed'; readonly exclusion: BlockPublicAccessExclusion | null } | { readonly kind: 'blocked' } | { readonly kind: 'unknown'; readonly exclusion: BlockPublicAccessExclusion; readonly reason: string };

function blockedByMode(mode: Mode, c: PublicAccessCrossing): boolean {
  if (mode === 'block-bidirectional' || c.direction === 'ingress') return true;
  // block-ingress: NAT gateways and egress-only gateways may send out; an ENI's own traffic through an IGW may not.
  return !(c.throughNat || c.gateway === 'egress-only-internet-gateway');
}

/** Whether the exclusion names the crossing's subnet or VPC: null when a reference is unknown. */
function covers(model: NetworkModel, e: BlockPublicAccessExclusion, c: PublicAccessCrossing): boolean | null {
  if (e.subnet !== null) {
    if (!isKnown(e.subnet)) return null;
    if (c.subnet !== null) return model.canonical(e.subnet) === c.subnet.id;
    // A regional NAT gateway has no subnet: AWS does not say whether a subnet exclusion in its VPC covers it.
    const s = model.get(e.subnet);
    return s?.kind === 'subnet' && isKnown(s.vpc) && c.vpc !== null ? (s.vpc === c.vpc ? null : false) : null;
  }
  if (e.vpc !== null) {
    if (!isKnown(e.vpc)) return null;
    return c.vpc === null ? null : model.canonical(e.vpc) === c.vpc;
  }
  return false; // names neither: AWS refuses it
}

/** Whether the exclusion's mode lets the crossing through under `mode`; null when unknown or undocumented. */
function exclusionAllows(e: BlockPublicAccessExclusion, mode: Mode, c: PublicAccessCrossing): boolean | null {
  if (!isKnown(e.mode)) return null;
  if (e.mode === 'allow-bidirectional') return true;
  if (c.direction === 'ingress') return false;
  return mode === 'block-bidirectional' ? true : null;
}

function openReason(model: NetworkModel, e: BlockPublicAccessExclusion, cover: boolean | null, allows: boolean | null): string {
  if (cover === null) {
    const ref = e.subnet ?? e.vpc;
    if (ref !== null && !isKnown(ref)) return `whether the VPC Block Public Access exclusion ${e.address} covers this traffic is unknown: its ${e.subnet !== null ? 'subnet' : 'VPC'} is unknown (${ref.reason}) (E13)`;
    return `a regional NAT gateway has no subnet, and AWS does not document whether the subnet exclusion ${e.address} (${displayName(model, e.subnet ?? e.vpc ?? '')}) covers it (E13)`;
  }
  if (!isKnown(e.mode)) return `the mode of the VPC Block Public Access exclusion ${e.address} is unknown: ${e.mode.reason} (E13)`;
  return allows === null
    ? `the exclusion ${e.address} allows egress, which AWS documents for bidirectional mode only; under ingress-only mode traffic sent straight through an internet gateway may stay blocked (E13)`
    : `the VPC Block Public Access exclusion ${e.address} may not apply (E13)`;
}

function outcome(model: NetworkModel, mode: Mode, c: PublicAccessCrossing, exclusions: readonly BlockPublicAccessExclusion[]): Outcome {
  if (!blockedByMode(mode, c)) return { kind: 'allowed', exclusion: null };
  let open: Outcome | null = null;
  for (const e of exclusions) {
    const cover = covers(model, e, c);
    if (cover === false) continue;
    const allows = exclusionAllows(e, mode, c);
    if (allows === false) continue;
    if (cover === true && allows === true) return { kind: 'allowed', exclusion: e };
    open ??= { kind: 'unknown', exclusion: e, reason: openReason(model, e, cover, allows) };
  }
  return open ?? { kind: 'blocked' };
}

/** Whether the BPA options apply to the crossing's VPC: false only when both Regions are known and differ. */
function sameRegion(model: NetworkModel, options: BlockPublicAccess, vpc: Id | null): boolean {
  const mine: Maybe<string> = options.region ?? model.region;
  const theirs: Maybe<string> = (vpc !== null ? model.get(vpc)?.region : undefined) ?? model.region;
  return !isKnown(mine) || !isKnown(theirs) || mine === theirs;
}

function blockedDetail(mode: Mode, c: PublicAccessCrossing): string {
  if (c.direction === 'ingress') return `blocks traffic entering through internet gateways (${mode === 'block-ingress' ? 'ingress-only' : 'bidirectional'} mode), and no exclusion with mode allow-bidirectional covers the subnet or its VPC (E13)`;
  if (mode === 'block-bidirectional') {
    return `blocks internet traffic through ${c.gateway === 'egress-only-internet-gateway' ? 'egress-only internet gateways' : 'internet gateways'} in both directions, and no exclusion covers ${c.throughNat ? 'the NAT gateway\'s subnet' : 'the subnet'} or its VPC (E13)`;
  }
  return 'blocks inbound internet traffic: only NAT gateways and egress-only internet gateways may send out, and replies to the function\'s own traffic through the internet gateway are blocked (E13)';
}

/** Decides the crossing against every BPA options object in its Region and the exclusions. */
export function publicAccessVerdict(model: NetworkModel, c: PublicAccessCrossing): PublicAccessVerdict {
  const all = model.all('block-public-access');
  if (all.length === 0) return { kind: 'allowed', exclusion: null, options: null };
  const exclusions = model.all('block-public-access-exclusion');
  let open: PublicAccessVerdict | null = null;
  let allowed: PublicAccessVerdict = { kind: 'allowed', exclusion: null, options: null };
  for (const options of all) {
    if (options.mode === 'off' || !sameRegion(model, options, c.vpc)) continue;
    if (isKnown(options.mode)) {
      const out = outcome(model, options.mode, c, exclusions);
      if (out.kind === 'blocked') return { kind: 'blocked', options, detail: blockedDetail(options.mode, c) };
      if (out.kind === 'unknown') open ??= { kind: 'unknown', component: out.exclusion, reason: out.reason };
      else if (out.exclusion !== null) allowed = { kind: 'allowed', exclusion: out.exclusion, options };
      continue;
    }
    // An unknown mode is off, ingress-only or bidirectional: certain only when every mode lets the traffic through.
    const bidirectional = outcome(model, 'block-bidirectional', c, exclusions);
    const ingress = outcome(model, 'block-ingress', c, exclusions);
    if (bidirectional.kind === 'allowed' && ingress.kind === 'allowed') {
      const exclusion = bidirectional.exclusion ?? ingress.exclusion;
      if (exclusion !== null) allowed = { kind: 'allowed', exclusion, options };
      continue;
    }
    open ??= { kind: 'unknown', component: options, reason: `the VPC Block Public Access mode is unknown: ${options.mode.reason} (E13)` };
  }
  return open ?? allowed;
}

function exclusionText(model: NetworkModel, e: BlockPublicAccessExclusion, c: PublicAccessCrossing): string {
  const what = e.subnet !== null ? `subnet ${displayName(model, e.subnet)}` : `VPC ${displayName(model, e.vpc ?? '')}`;
  const lets = e.mode === 'allow-egress' ? 'lets outbound traffic out (allow-egress)' : 'lets traffic through both ways (allow-bidirectional)';
  return `excludes ${what} from VPC Block Public Access: ${lets}${c.throughNat ? ', as sent by the NAT gateway there' : ''} (E13)`;
}

function exclusionFix(model: NetworkModel, c: PublicAccessCrossing): Fix[] {
  if (!c.offerFix) return [];
  const mode = c.direction === 'egress' ? 'allow-egress' : 'allow-bidirectional';
  const where = c.subnet !== null ? { id: c.subnet.id, text: `subnet ${c.subnet.address}` } : c.vpc !== null ? { id: c.vpc, text: `VPC ${displayName(model, c.vpc)}` } : null;
  if (where === null) return [];
  return [{ description: `add a VPC Block Public Access exclusion for ${where.text} with mode ${mode}${c.throughNat ? ' (the NAT gateway sends from there)' : ''}`, changes: [{ kind: 'other', component: where.id }] }];
}

/**
 * Records the BPA step on the trace: nothing when no BPA mode applies, a hop naming the exclusion that lets the
 * traffic through, a block at the BPA options, or an open hop. Returns false when the traffic is blocked.
 */
export function publicAccessStep(model: NetworkModel, trace: Trace, c: PublicAccessCrossing): boolean {
  return recordVerdict(model, trace, c, publicAccessVerdict(model, c));
}

function recordVerdict(model: NetworkModel, trace: Trace, c: PublicAccessCrossing, v: PublicAccessVerdict): boolean {
  switch (v.kind) {
    case 'allowed': {
      const e = v.exclusion;
      if (e !== null) trace.pass(e.id, 'block-public-access-exclusion', e.address, () => exclusionText(model, e, c), 'E13');
      return true;
    }
    case 'blocked': {
      // Under block-ingress an exclusion would have to allow inbound traffic too: only the bidirectional mode gets the fix.
      const fixes = v.options.mode === 'block-bidirectional' || c.direction === 'ingress' ? exclusionFix(model, c) : [];
      trace.block(v.options.id, 'block-public-access', v.options.address, `VPC Block Public Access ${v.detail}`, 'E13', 'VPC_BLOCK_PUBLIC_ACCESS_ENABLED', fixes);
      return false;
    }
    case 'unknown':
      trace.unknown(v.component.id, v.component.kind, v.component.address, v.reason, 'E13');
      return true;
  }
}

/**
 * Inbound to an internet-facing load balancer (P15, E13): its DNS name resolves to a node in each of its subnets,
 * so the internet reaches it for certain only when BPA lets traffic in at every one of them, and not at all when
 * it blocks every one. Returns false when blocked.
 */
export function publicAccessToNodes(model: NetworkModel, trace: Trace, target: Target): boolean {
  if (!model.all('block-public-access').some((o) => o.mode !== 'off')) return true;
  const subnets = declaredSubnets(model, target);
  const crossing = (subnet: Subnet | null): PublicAccessCrossing =>
    ({ direction: 'ingress', gateway: 'internet-gateway', throughNat: false, subnet, vpc: subnet !== null && isKnown(subnet.vpc) ? subnet.vpc : null, offerFix: true });
  // Subnets unknown: without exclusions the subnet does not matter; with some, whether one covers it is open.
  if (typeof subnets === 'string' || subnets.length === 1) return publicAccessStep(model, trace, crossing(typeof subnets === 'string' ? null : subnets[0] ?? null));
  const verdicts = subnets.map((s) => publicAccessVerdict(model, crossing(s)));
  const first = verdicts[0];
  if (verdicts.every((v) => v.kind === 'blocked') && first?.kind === 'blocked') {
    const fix: Fix = {
      description: `add VPC Block Public Access exclusions for ${subnets.map((s) => s.address).join(', ')} with mode allow-bidirectional`,
      changes: subnets.map((s) => ({ kind: 'other', component: s.id })),
    };
    trace.block(first.options.id, 'block-public-access', first.options.address, `VPC Block Public Access ${first.detail}`, 'E13', 'VPC_BLOCK_PUBLIC_ACCESS_ENABLED', [fix]);
    return false;
  }
  const open = verdicts.find((v) => v.kind !== 'allowed');
  if (open === undefined) {
    subnets.forEach((s, i) => {
      const v = verdicts[i];
      if (v !== undefined) recordVerdict(model, trace, crossing(s), v);
    });
    return true;
  }
  if (open.kind === 'unknown') trace.unknown(open.component.id, open.component.kind, open.component.address, open.reason, 'E13');
  else trace.unknown(open.options.id, 'block-public-access', open.options.address, `VPC Block Public Access lets the internet in at some of ${target.address}'s subnets but not at others, so a connection succeeds only when the name resolves to a node it admits (E13)`, 'E13');
  return true;
}
