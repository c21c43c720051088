// E4 (LAMBDA_NAT_OTHER_AZ): a function subnet whose IPv4 internet or AWS-service traffic leaves through a zonal
// NAT gateway in another Availability Zone. It works, but if that AZ fails the subnet loses its way out, and
// every byte crosses AZs (inter-AZ data transfer). Amazon VPC User Guide, "NAT gateway basics"
// (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html): "To improve resiliency, create a
// NAT gateway in each Availability Zone, and configure your routing to ensure that resources use the NAT
// gateway in the same Availability Zone." Regional NAT gateways (no subnet) are per-AZ by design: never reported.

import type { NetworkModel } from '../model/network';
import { isKnown, type Maybe } from '../model/origin';
import type { Id, NatGateway, Subnet } from '../model/types';
import { azMatch, azPickOf, azPickWords } from './availabilityZones';
import { displayName } from './naming';
import { natWorks } from './pathSteps';
import type { Evaluation } from './trace';
import type { Change, DestinationReach, Fix } from './types';
import { listWords } from './listWords';

/** One zonal NAT gateway a function uses from subnets in other AZs: one finding. */
export interface NatOtherAz {
  readonly nat: NatGateway;
  /** The function subnets in another AZ than the NAT gateway, in the order the function lists them. */
  readonly subnets: readonly Subnet[];
  /** Their route tables (the route to change). */
  readonly routeTables: readonly Id[];
  /** The destinations that go through the NAT gateway from those subnets. */
  readonly destinations: readonly DestinationReach[];
  /** Whether the function is known to need one of them: warning; else information. */
  readonly needed: boolean;
  readonly message: string;
  readonly fixes: readonly Fix[];
}

/** What an AZ is called in messages: its name, or the pick a symbolic AZ stands for ("AZ 1 of the Region"). */
function azText(az: Maybe<string>): string {
  if (isKnown(az)) return az;
  const pick = azPickOf(az);
  return pick === undefined ? az.reason : azPickWords(pick);
}

/**
 * Whether two AZs are known to differ: different names (azMatch), or two picks of the same AZ list at different
 * indexes (the list holds each AZ once; an element() pick that may wrap round cannot be told). Anything else
 * (a variable, a name against an id) cannot be told.
 */
function azsDiffer(a: Maybe<string>, b: Maybe<string>): boolean {
  const match = azMatch(a, b);
  if (match !== null) return !match;
  const pa = azPickOf(a);
  const pb = azPickOf(b);
  return pa !== undefined && pb !== undefined && !pa.wraps && !pb.wraps && pa.list === pb.list && pa.index !== pb.index;
}

/** The zonal NAT gateway this subnet's path passes through, when it is in the subnet's own VPC. */
function zonalNatOf(model: NetworkModel, e: Evaluation, subnet: Subnet): { readonly nat: NatGateway; readonly natSubnet: Subnet } | null {
  if (e.via !== 'nat-gateway' || e.status === 'no') return null;
  for (const hop of e.path) {
    if (hop.componentKind !== 'nat-gateway' || hop.verdict !== 'pass' || hop.component === null) continue;
    const nat = model.get(hop.component);
    // E4: a regional NAT gateway (no subnet) serves every AZ it has an address in.
    if (nat?.kind !== 'nat-gateway' || nat.subnet === null || !isKnown(nat.subnet)) return null;
    const natSubnet = model.get(nat.subnet);
    // A NAT gateway of another VPC (centralised egress behind a transit gateway) is reached through AZ-local
    // attachments: out of scope here.
    if (natSubnet?.kind !== 'subnet' || !isKnown(natSubnet.vpc) || natSubnet.vpc !== subnet.vpc) return null;
    return { nat, natSubnet };
  }
  return null;
}

/**
 * The NAT gateways a function uses from a subnet in another AZ (E4), once per NAT gateway. Only AZs known to
 * differ count (azsDiffer): a name against an id, or an unknown AZ, never fires.
 */
export function natOtherAzUses(model: NetworkModel, fnAddress: string, reach: readonly DestinationReach[], evaluations: ReadonlyMap<string, readonly Evaluation[]>): NatOtherAz[] {
  const byNat = new Map<Id, { nat: NatGateway; natSubnet: Subnet; subnets: Map<Id, Subnet>; destinations: DestinationReach[] }>();
  for (const r of reach) {
    // NAT gateways carry IPv4 only here (IPv6 through NAT64 is not followed); private targets never use them.
    if (r.destinationKind !== 'internet' && r.destinationKind !== 'aws-service') continue;
    for (const e of evaluations.get(r.destination) ?? []) {
      const subnet = model.get(e.subnet);
      if (subnet?.kind !== 'subnet') continue;
      const used = zonalNatOf(model, e, subnet);
      if (used === null || !azsDiffer(subnet.availabilityZone, used.natSubnet.availabilityZone)) continue;
      let entry = byNat.get(used.nat.id);
      if (!entry) byNat.set(used.nat.id, entry = { nat: used.nat, natSubnet: used.natSubnet, subnets: new Map(), destinations: [] });
      entry.subnets.set(subnet.id, subnet);
      if (!entry.destinations.includes(r)) entry.destinations.push(r);
    }
  }
  const out: NatOtherAz[] = [];
  for (const { nat, natSubnet, subnets, destinations } of byNat.values()) {
    const list = [...subnets.values()];
    const routeTables = [...new Set(list.map((s) => model.routeTableOf(s.id).id).filter((t): t is Id => isKnown(t)))];
    const needed = destinations.some((d) => d.needed);
    const where = listWords(list.map((s) => `${s.address} (${azText(s.availabilityZone)})`));
    const natAz = azText(natSubnet.availabilityZone);
    const used = needed ? destinations.filter((d) => d.needed) : destinations;
    const reaches = needed
      ? `reaches ${listWords(used.map((d) => d.label))}`
      : `would reach ${listWords(used.map((d) => d.label))} (${used.length === 1 ? 'which it is not known to need' : `${used.length === 2 ? 'neither' : 'none'} of which it is known to need`})`;
    const message = `${fnAddress} ${reaches} from ${where} through ${nat.address} in ${natAz}: if ${natAz} fails, invocations placed in ${list.length === 1 ? 'that subnet' : 'those subnets'} lose that path, and the traffic crosses AZs (inter-AZ data transfer charges); AWS recommends a NAT gateway in each AZ, used by that AZ's subnets (E4)`;
    out.push({ nat, subnets: list, routeTables, destinations, needed, message, fixes: cachedFixes(model, nat, list) });
  }
  return out;
}

/**
 * Fixes scan the VPC's subnets and NAT gateways; functions sharing subnets and a NAT gateway (the common case
 * in a large workspace) share them, per model (a new model after an edit starts afresh).
 */
const fixCache = new WeakMap<NetworkModel, Map<string, readonly Fix[]>>();

function cachedFixes(model: NetworkModel, nat: NatGateway, subnets: readonly Subnet[]): readonly Fix[] {
  let perModel = fixCache.get(model);
  if (!perModel) fixCache.set(model, perModel = new Map<string, readonly Fix[]>());
  const key = `${nat.id}|${subnets.map((s) => s.id).join('|')}`;
  let fixes = perModel.get(key);
  if (!fixes) perModel.set(key, fixes = fixesFor(model, nat, subnets));
  return fixes;
}

/** Per subnet: use (or add) a NAT gateway in its AZ; or one regional NAT gateway for every AZ (E4). */
function fixesFor(model: NetworkModel, nat: NatGateway, subnets: readonly Subnet[]): Fix[] {
  const descriptions: string[] = [];
  const changes: Change[] = [];
  for (const subnet of subnets) {
    const table = model.routeTableOf(subnet.id).id;
    if (!isKnown(table) || !isKnown(subnet.vpc)) continue;
    const vpc = subnet.vpc;
    const az = azText(subnet.availabilityZone);
    // P7: a table shared with subnets of other AZs cannot point each AZ at its own NAT gateway: the subnet
    // needs its own table. The route is changed, not added (adding 0.0.0.0/0 twice is rejected): 'other'.
    const shared = sharesTableAcrossAzs(model, table, subnet);
    const routeTo = (target: string): string => shared
      ? `give ${subnet.address} its own route table (${displayName(model, table)} also serves other AZs) sending 0.0.0.0/0 to ${target}`
      : `route 0.0.0.0/0 in ${displayName(model, table)} to ${target}`;
    const local = sameAzNat(model, vpc, subnet);
    if (local !== null) {
      descriptions.push(routeTo(`${local.address}, the NAT gateway in ${az}`));
      changes.push({ kind: 'other', component: shared ? subnet.id : table });
      continue;
    }
    const pub = publicSubnetIn(model, vpc, subnet);
    descriptions.push(pub !== null
      ? `add a public NAT gateway in ${pub.address} (${az}) and ${routeTo('it')}`
      : `add a public subnet in ${az} with a public NAT gateway, and ${routeTo('that NAT gateway')}`);
    changes.push({ kind: 'add-nat-gateway', vpc, publicSubnet: pub?.id ?? null }, { kind: 'other', component: shared ? subnet.id : table });
  }
  const fixes: Fix[] = descriptions.length > 0 ? [{ description: descriptions.join(', and '), changes }] : [];
  fixes.push({ description: `replace ${nat.address} with a regional NAT gateway in automatic mode, which expands into every AZ where the VPC has subnets (E4)`, changes: [{ kind: 'other', component: nat.id }] });
  return fixes;
}

/** Whether another subnet using `table` is not known to be in `subnet`'s AZ. */
function sharesTableAcrossAzs(model: NetworkModel, table: Id, subnet: Subnet): boolean {
  for (const other of model.all('subnet')) {
    if (other.id === subnet.id || other.vpc !== subnet.vpc) continue;
    const t = model.routeTableOf(other.id).id;
    if (isKnown(t) && t === table && azMatch(other.availabilityZone, subnet.availabilityZone) !== true) return true;
  }
  return false;
}

/** A working public zonal NAT gateway of the VPC in the subnet's AZ (E3, E4). */
function sameAzNat(model: NetworkModel, vpc: Id, subnet: Subnet): NatGateway | null {
  for (const nat of model.all('nat-gateway')) {
    if (nat.subnet === null || !isKnown(nat.subnet)) continue;
    const s = model.get(nat.subnet);
    if (s?.kind === 'subnet' && s.vpc === vpc && azMatch(s.availabilityZone, subnet.availabilityZone) === true && natWorks(model, nat)) return nat;
  }
  return null;
}

/** A subnet of the VPC in the subnet's AZ whose route table sends 0.0.0.0/0 to an attached internet gateway. */
function publicSubnetIn(model: NetworkModel, vpc: Id, subnet: Subnet): Subnet | null {
  for (const s of model.all('subnet')) {
    if (s.vpc !== vpc || azMatch(s.availabilityZone, subnet.availabilityZone) !== true) continue;
    const table = model.routeTableOf(s.id).id;
    if (!isKnown(table)) continue;
    const public4 = model.routesOf(table).some((r) => r.destination.kind === 'ipv4' && r.destination.cidr === '0.0.0.0/0' && r.target.kind === 'internet-gateway'
      && isKnown(r.target.ref) && model.vpcsOfInternetGateway(r.target.ref).includes(vpc));
    if (public4) return s;
  }
  return null;
}

