// Model + analysis → the diagram the topology panel and `hyperplane-lens diagram` draw: AWS Cloud ⊃ Region ⊃
// { the Lambda service VPC with the functions, customer VPCs ⊃ AZs ⊃ subnets ⊃ Hyperplane ENIs, NAT
// gateways, interface endpoints, targets }, gateways on the VPC, regional services in the Region, the
// internet outside it; ENI links from functions to their ENIs and one path per function and destination.

import type { AnalysisResult, DestinationReach, FunctionReport, Hop, HyperplaneEni } from '../../analysis/types';
import { azPickOf, azPickWords } from '../../analysis/availabilityZones';
import { peeringStatus } from '../../analysis/peeringAcceptance';
import { counted } from '../../analysis/listWords';
import type { NetworkModel } from '../../model/network';
import { isUnknown, type Maybe } from '../../model/origin';
import type { Id, ModelObject, RefList, Subnet, Target } from '../../model/types';
import type { DiagramDestination, DiagramEdge, DiagramModel, DiagramNode, DiagramNodeKind, PathStatus } from '../../protocol/diagram';
import type { LineIndex } from '../../syntax/text';
import { RangeMapper } from '../ranges';
import { blockNote } from './blockNote';

export interface DiagramOptions {
  /** Only the objects of these stacks (a root module, a template); all when absent. */
  readonly stacks?: ReadonlySet<string>;
  /** file path → URI, for reveal-in-editor. */
  readonly uriOf: (file: string) => string;
  readonly textOf: (file: string) => string | undefined;
  /** Line indexes kept across requests (the language server's), so positions cost no rescan of the files. */
  readonly linesOf?: (file: string) => LineIndex | undefined;
  readonly version: number;
}

const CLOUD = 'aws-cloud';
const REGION = 'region';
const LAMBDA_VPC = 'lambda-service-vpc';
/** Functions without VPC config whose every direct line out is drawn; beyond, only what they need or what fails. */
const DIRECT_LINES_UP_TO = 3;
const INTERNET = 'internet';

export function buildDiagram(model: NetworkModel, result: AnalysisResult, options: DiagramOptions): DiagramModel {
  const nodes = new Map<string, DiagramNode>();
  const edges: DiagramEdge[] = [];
  const ranges = new RangeMapper(options.textOf, options.linesOf);
  const inScope = (o: ModelObject): boolean => !options.stacks || options.stacks.has(o.stack);
  const location = (o: ModelObject): DiagramNode['location'] => {
    const p = ranges.range(o.origin.file, o.origin.nameSpan ?? o.origin.span).start;
    return { uri: options.uriOf(o.origin.file), line: p.line, character: p.character };
  };
  const add = (node: DiagramNode): void => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const region = isUnknown(model.region) ? 'Region (unknown)' : model.region;
  add({ id: CLOUD, kind: 'cloud', label: 'AWS Cloud', parent: null, facts: [] });
  add({ id: REGION, kind: 'region', label: region, parent: CLOUD, facts: isUnknown(model.region) ? [model.region.reason] : [] });
  add({ id: LAMBDA_VPC, kind: 'lambda-service-vpc', label: 'Lambda service VPC (AWS-managed)', parent: REGION, facts: ['Every function runs here (M1); VPC-attached functions reach your VPC through Hyperplane ENIs (M2).'] });
  add({ id: INTERNET, kind: 'internet', label: 'Internet', parent: null, facts: [] });

  const functions = result.functions.filter((f) => {
    const o = model.get(f.function);
    return o !== undefined && inScope(o);
  });
  const usedSubnets = new Set<Id>();
  const drawn = new Set(functions.map((f) => f.function));
  const enis = result.enis.filter((e) => e.functions.some((f) => drawn.has(f)));
  for (const eni of enis) usedSubnets.add(eni.subnet);

  // Customer VPCs with AZ columns and subnets.
  for (const vpc of model.all('vpc')) {
    if (!inScope(vpc)) continue;
    const cidr = vpc.cidrBlocks.filter((c): c is string => !isUnknown(c)).join(', ');
    add({ id: vpc.id, kind: 'vpc', label: vpc.address, detail: cidr, parent: REGION, facts: [`CIDR ${cidr || 'unknown'}`, `DNS support ${fmt(vpc.enableDnsSupport)}, DNS hostnames ${fmt(vpc.enableDnsHostnames)}`], location: location(vpc) });
  }
  for (const subnet of model.all('subnet')) {
    if (!inScope(subnet) && !usedSubnets.has(subnet.id)) continue;
    const vpcId = isUnknown(subnet.vpc) ? null : subnet.vpc;
    if (vpcId === null || !nodes.has(vpcId)) continue;
    const az = azGroup(subnet);
    const azId = `${vpcId}#az:${az.key}`;
    add({ id: azId, kind: 'az', label: az.label, parent: vpcId, facts: az.facts });
    const subnetClass = classify(model, subnet);
    add({
      id: subnet.id,
      kind: 'subnet',
      label: subnet.address,
      detail: isUnknown(subnet.cidrBlock) ? 'CIDR unknown' : subnet.cidrBlock,
      parent: azId,
      subnetClass,
      facts: [`${subnetClass} subnet`, `route table ${nameOf(model, model.routeTableOf(subnet.id).id)}`, `network ACL ${nameOf(model, model.naclOf(subnet.id).id)}`],
      location: location(subnet),
    });
  }

  // Functions in the Lambda service VPC, their ENIs in the subnets.
  for (const report of functions) {
    const fn = model.get(report.function);
    if (!fn) continue;
    add({ id: fn.id, kind: 'function', label: fn.address, parent: LAMBDA_VPC, facts: functionFacts(model, report), location: location(fn), detail: report.managedInstances ? 'Lambda Managed Instances' : report.vpcAttached ? eniCountText(report) : 'no VPC config' });
  }
  // function|subnet → the ENI it uses there (H1: one per subnet and security-group set).
  const eniOf = new Map<string, string>();
  for (const eni of enis) {
    if (!nodes.has(eni.subnet)) continue;
    const id = eniNodeId(eni);
    for (const f of eni.functions) eniOf.set(`${f}|${eni.subnet}`, id);
    add({ id, kind: 'hyperplane-eni', label: 'Hyperplane ENI', detail: eni.securityGroups.map((g) => shortName(model, g)).join(', '), parent: eni.subnet, facts: [`security groups: ${eni.securityGroups.map((g) => nameOf(model, g)).join(', ')}`, `shared by: ${eni.functions.map((f) => nameOf(model, f)).join(', ')}`] });
    for (const f of eni.functions) if (nodes.has(f)) edges.push({ id: `${f}->${id}`, source: f, target: id, kind: 'eni-link' });
  }
  for (const provider of model.all('capacity-provider')) {
    if (!inScope(provider) || !provider.vpcConfig || isUnknown(provider.vpcConfig.subnets)) continue;
    for (const s of provider.vpcConfig.subnets) {
      if (isUnknown(s) || !nodes.has(s)) continue;
      const id = `${provider.id}@${s}`;
      add({ id, kind: 'capacity-provider', label: provider.address, detail: 'Managed Instances', parent: s, facts: ['Lambda Managed Instances: functions run on instances in this subnet'], location: location(provider) });
      for (const report of functions) {
        const fn = model.get(report.function);
        if (fn?.kind !== 'lambda-function' || isUnknown(fn.capacityProvider) || fn.capacityProvider !== provider.id) continue;
        edges.push({ id: `${fn.id}->${id}`, source: fn.id, target: id, kind: 'eni-link' });
        eniOf.set(`${fn.id}|${s}`, eniOf.get(`${fn.id}|${s}`) ?? id);
      }
    }
  }

  // Gateways, endpoints, targets.
  for (const nat of model.all('nat-gateway')) {
    const parent = !isUnknown(nat.subnet) && nat.subnet !== null && nodes.has(nat.subnet) ? nat.subnet : !isUnknown(nat.vpc) && nat.vpc !== null && nodes.has(nat.vpc) ? nat.vpc : null;
    if (parent) add({ id: nat.id, kind: 'nat-gateway', label: nat.address, parent, facts: [`connectivity ${fmt(nat.connectivityType)}`, `Elastic IP ${fmt(nat.hasElasticIp)}`], location: location(nat) });
  }
  for (const igw of model.all('internet-gateway')) {
    const vpcs = model.vpcsOfInternetGateway(igw.id).filter((v) => nodes.has(v));
    if (vpcs[0]) add({ id: igw.id, kind: 'internet-gateway', label: igw.address, parent: vpcs[0], facts: ['attached'], location: location(igw) });
  }
  for (const eigw of model.all('egress-only-internet-gateway')) {
    if (!isUnknown(eigw.vpc) && nodes.has(eigw.vpc)) add({ id: eigw.id, kind: 'egress-only-internet-gateway', label: eigw.address, parent: eigw.vpc, facts: ['IPv6 egress only'], location: location(eigw) });
  }
  for (const endpoint of model.all('vpc-endpoint')) {
    if (isUnknown(endpoint.vpc) || !nodes.has(endpoint.vpc)) continue;
    const service = isUnknown(endpoint.service) ? 'unknown service' : endpoint.service;
    const gateway = !isUnknown(endpoint.endpointType) && endpoint.endpointType === 'Gateway';
    if (gateway) {
      add({ id: endpoint.id, kind: 'gateway-endpoint', label: endpoint.address, detail: service, parent: endpoint.vpc, facts: [`gateway endpoint for ${service}`], location: location(endpoint) });
    } else {
      const subnets = isUnknown(endpoint.subnets) ? [] : endpoint.subnets.filter((s): s is Id => !isUnknown(s) && nodes.has(s));
      add({ id: endpoint.id, kind: 'interface-endpoint', label: endpoint.address, detail: service, parent: subnets[0] ?? endpoint.vpc, facts: [`interface endpoint for ${service}`, `private DNS ${fmt(endpoint.privateDnsEnabled)}`], location: location(endpoint) });
    }
  }
  // P10: a peering connection sits on its requester VPC's edge (on the accepter's when only that one is drawn),
  // with a line to the VPC it peers with; paths through it are drawn through it (drawnHopKinds).
  for (const pcx of model.all('vpc-peering')) {
    const requester = !isUnknown(pcx.vpc) && nodes.has(pcx.vpc) ? pcx.vpc : null;
    const accepter = !isUnknown(pcx.peerVpc) && nodes.has(pcx.peerVpc) ? pcx.peerVpc : null;
    const parent = requester ?? accepter;
    if (parent === null) continue;
    const status = peeringStatus(model, pcx);
    const pending = status.accepted === false;
    const facts = [`VPC peering ${nameOf(model, pcx.vpc)} ↔ ${nameOf(model, pcx.peerVpc)}`, status.accepted === 'unknown' ? `acceptance unknown: ${status.why}` : pending ? `pending acceptance: ${status.why}` : `active: ${status.why}`];
    add({ id: pcx.id, kind: 'vpc-peering', label: pcx.address, ...(pending ? { detail: 'pending acceptance' } : {}), parent, facts, location: location(pcx) });
    const other = parent === requester ? accepter : requester;
    if (other !== null && other !== parent) edges.push({ id: `${pcx.id}->${other}`, source: pcx.id, target: other, kind: 'peering' });
  }
  const targetIds = new Set(functions.flatMap((f) => f.reach.map((r) => r.target).filter((t): t is Id => t !== null)));
  for (const target of model.all('target')) {
    if (!inScope(target) && !targetIds.has(target.id)) continue;
    const subnets = targetSubnets(model, target).filter((s) => nodes.has(s));
    const port = isUnknown(target.port) ? '' : `:${target.port}`;
    add({ id: target.id, kind: 'target', label: target.address, detail: `${target.targetKind}${port}`, parent: subnets[0] ?? REGION, facts: [`${target.targetKind}${port}`, subnets.length > 1 ? `subnets: ${subnets.map((s) => nameOf(model, s)).join(', ')}` : ''].filter(Boolean), location: location(target) });
  }

  // Regional services and the paths.
  const statusOf = new Map<string, Record<string, PathStatus>>();
  const labelsOf = new Map<string, Record<string, string>>();
  const destinationsOf = new Map<string, Record<string, DiagramDestination>>();
  const manyOutsideVpcs = functions.filter((f) => !f.vpcAttached).length > DIRECT_LINES_UP_TO;
  for (const report of functions) {
    const reach: Record<string, PathStatus> = {};
    const labels: Record<string, string> = {};
    const destinations: Record<string, DiagramDestination> = {};
    for (const r of report.reach) {
      reach[r.destination] = r.status;
      labels[r.destination] = r.label;
      destinations[r.destination] = { needed: r.needed, neededBecause: r.neededBecause, fixes: r.fixes.map((f) => f.description) };
      const destNode = destinationNode(model, r, nodes, add);
      // A function without VPC config reaches the internet and every public endpoint from the Lambda service VPC
      // (M1, E1), as its facts say. With a few such functions the lines complete the picture; with many they are
      // noise (19 functions made 57 crossing lines in workload-discovery), so only their needed and failing
      // paths are drawn.
      if (manyOutsideVpcs && !report.vpcAttached && !r.needed && r.status === 'yes') continue;
      edges.push(...pathEdges(report, r, destNode, nodes, eniOf));
    }
    statusOf.set(report.function, reach);
    labelsOf.set(report.function, labels);
    destinationsOf.set(report.function, destinations);
  }
  return {
    version: options.version,
    nodes: [...nodes.values()],
    edges,
    functions: functions.map((f) => ({ id: f.function, label: nameOf(model, f.function), reach: statusOf.get(f.function) ?? {}, reachLabels: labelsOf.get(f.function) ?? {}, destinations: destinationsOf.get(f.function) ?? {} })),
  };
}

function destinationNode(model: NetworkModel, r: DestinationReach, nodes: Map<string, DiagramNode>, add: (n: DiagramNode) => void): string {
  if (r.destinationKind === 'internet' || r.destinationKind === 'internet-ipv6') return INTERNET;
  if (r.target !== null && nodes.has(r.target)) return r.target;
  if (r.destinationKind === 'aws-service') {
    const id = `service:${r.destination}`;
    add({ id, kind: 'aws-service', label: r.label, parent: REGION, facts: ['regional AWS service, outside every VPC'] });
    return id;
  }
  const id = r.target ?? `target:${r.destination}`;
  const object = r.target ? model.get(r.target) : undefined;
  add({ id, kind: 'target', label: object?.address ?? r.label, parent: REGION, facts: [] });
  return id;
}

/** Node kinds a path is drawn through; the others (security groups, route tables, NACLs) are decisions, not places. */
const drawnHopKinds: ReadonlySet<DiagramNodeKind> = new Set<DiagramNodeKind>(['nat-gateway', 'internet-gateway', 'egress-only-internet-gateway', 'gateway-endpoint', 'interface-endpoint', 'target', 'capacity-provider', 'vpc-peering']);

/**
 * One edge per consecutive pair of drawn hops: function → ENI → NAT → IGW → internet, and so on. A path that is
 * blocked ends with one edge from the last place it reached to the destination, in the blocked status, whose
 * note names the blocking hop and the first fix.
 */
function pathEdges(report: FunctionReport, r: DestinationReach, destNode: string, nodes: ReadonlyMap<string, DiagramNode>, eniOf: ReadonlyMap<string, string>): DiagramEdge[] {
  const out: DiagramEdge[] = [];
  const paths =
    r.bySubnet.length > 0
      ? r.bySubnet.map((s) => ({ subnet: s.subnet, status: s.status, path: s.path, reason: s.reason }))
      : [{ subnet: null, status: r.status, path: r.path, reason: r.reason === null ? null : r.explanation }];
  for (const p of paths) {
    const chain: string[] = [report.function];
    if (p.subnet !== null) {
      const eni = eniOf.get(`${report.function}|${p.subnet}`);
      if (eni) chain.push(eni);
    }
    let blocking: Hop | undefined;
    for (const hop of p.path) {
      if (hop.verdict === 'block') {
        blocking = hop;
        break;
      }
      const node = hop.component === null ? undefined : nodes.get(hop.component);
      if (node && drawnHopKinds.has(node.kind) && !chain.includes(node.id)) chain.push(node.id);
    }
    const reached = p.status === 'yes';
    // A blocked path whose last drawn hop is the destination itself (the target's own SG) ends before it.
    if (!reached && chain.length > 1 && chain[chain.length - 1] === destNode) chain.pop();
    if (chain[chain.length - 1] !== destNode) chain.push(destNode);
    const note = reached ? undefined : pathNote(r, p.reason, blocking);
    for (let i = 0; i + 1 < chain.length; i++) {
      const last = i + 2 === chain.length;
      const source = chain[i];
      const target = chain[i + 1];
      if (source === undefined || target === undefined) continue;
      out.push({
        id: `${report.function}:${r.destination}:${p.subnet ?? ''}:${i}`,
        source,
        target,
        kind: 'path',
        functionId: report.function,
        destination: r.destination,
        status: reached || !last ? 'yes' : p.status,
        ...(last && note !== undefined ? { note } : {}),
        ...(p.subnet !== null ? { subnet: p.subnet } : {}),
      });
    }
  }
  return out;
}

function pathNote(r: DestinationReach, reason: string | null, blocking: Hop | undefined): string {
  // The hop's detail often ends with its rule already ("… (E3)"): cited once.
  const rule = blocking?.rule && !blocking.detail.endsWith(`(${blocking.rule})`) ? ` (${blocking.rule})` : '';
  const where = blocking ? `blocked at ${blocking.label}: ${blocking.detail}${rule}` : (reason ?? r.explanation);
  return blockNote(r.label, where, r.fixes[0]?.description);
}

/** A target's subnets: its own list, else its DB/cache subnet group's. */
function targetSubnets(model: NetworkModel, target: Target): Id[] {
  const known = (list: RefList): Id[] => (isUnknown(list) ? [] : list.filter((s): s is Id => !isUnknown(s)));
  const own = known(target.subnets);
  if (own.length > 0 || target.subnetGroup === null || isUnknown(target.subnetGroup)) return own;
  const group = model.get(target.subnetGroup);
  return group?.kind === 'subnet-group' ? known(group.subnets) : own;
}

function eniNodeId(eni: HyperplaneEni): string {
  return `eni:${eni.key}`;
}

/** "2 Hyperplane ENIs"; "Hyperplane ENIs unknown" when its subnets or groups are (never a confident "0"). */
function eniCountText(report: FunctionReport): string {
  const open = [...report.subnets, ...report.securityGroups].some((x) => isUnknown(x));
  return report.enis.length === 0 && open ? 'Hyperplane ENIs unknown' : counted(report.enis.length, 'Hyperplane ENI');
}

/**
 * The AZ box a subnet is drawn in: subnets share one only when the model says they share the AZ (the same
 * name, or the same symbol: azMatch). An AZ nothing in the files names or identifies gets a box of its own
 * subnet, so two such subnets never read as one AZ (workload discovery's four subnets are in two AZs).
 */
function azGroup(subnet: Subnet): { key: string; label: string; facts: string[] } {
  const az = subnet.availabilityZone;
  if (!isUnknown(az)) return { key: az, label: az, facts: [] };
  if (!az.symbol) {
    const name = addressTail(subnet.address);
    return { key: `unknown:${subnet.id}`, label: `AZ unknown (${name})`, facts: [`${name}'s Availability Zone is unknown: ${az.reason}`, 'drawn apart: nothing says it shares an AZ with another subnet'] };
  }
  // Fn::GetAZs / data.aws_availability_zones picks read better as the Region's first AZ.
  const pick = azPickOf(az);
  const label = pick ? azPickWords(pick) : `AZ ${az.symbol}`;
  return { key: label, label, facts: [] };
}

/** The last name of an address: `private[0]` of `module.m.aws_subnet.private[0]`, `PrivateSubnet0` of `VpcStack/PrivateSubnet0`. */
function addressTail(address: string): string {
  const cut = Math.max(address.lastIndexOf('.', address.indexOf('[') < 0 ? address.length : address.indexOf('[')), address.lastIndexOf('/'));
  return cut < 0 ? address : address.slice(cut + 1);
}

/** Public when its route table sends 0.0.0.0/0 to an internet gateway. */
function classify(model: NetworkModel, subnet: Subnet): 'public' | 'private' | 'unknown' {
  const rt = model.routeTableOf(subnet.id).id;
  if (isUnknown(rt)) return 'unknown';
  const routes = model.routesOf(rt);
  const def = routes.find((r) => r.destination.kind === 'ipv4' && r.destination.cidr === '0.0.0.0/0');
  if (!def) return 'private';
  return def.target.kind === 'internet-gateway' ? 'public' : 'private';
}

function functionFacts(model: NetworkModel, report: FunctionReport): string[] {
  const facts = [report.vpcAttached ? `VPC ${report.vpc === null ? 'none' : nameOf(model, report.vpc)}` : 'no VPC config: internet and AWS public endpoints from the Lambda service VPC'];
  for (const r of report.reach) facts.push(`${r.label}: ${r.status}${r.via ? ` via ${r.via}` : ''}`);
  if (report.sharesEniWith.length) facts.push(`shares ENIs with ${report.sharesEniWith.map((f) => nameOf(model, f)).join(', ')}`);
  return facts;
}

function nameOf(model: NetworkModel, id: Maybe<Id>): string {
  if (isUnknown(id)) return 'unknown';
  return model.get(id)?.address ?? id;
}

function shortName(model: NetworkModel, id: Id): string {
  const address = nameOf(model, id);
  return address.split('.').pop() ?? address;
}

function fmt(v: unknown): string {
  if (isUnknown(v)) return 'unknown';
  return String(v);
}
