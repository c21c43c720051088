// A compact builder for network models in tests: ids are the short names given, references are those names,
// rules and routes are small strings ("tcp:443:0.0.0.0/0", "100 allow tcp 443 0.0.0.0/0", "0.0.0.0/0 nat:n").

import { buildModel } from '../../../server/src/model/build';
import type { NetworkModel } from '../../../server/src/model/network';
import { unknown, type Maybe, type Origin } from '../../../server/src/model/origin';
import {
  implicitRef,
  type FrontendOutput,
  type ModelObject,
  type PolicyDocument,
  type RouteTarget,
  type RouteTargetKind,
  type SgPeer,
  type TargetKind,
} from '../../../server/src/model/types';
import { analyze } from '../../../server/src/analysis/analyze';
import type { AnalysisOptions, AnalysisResult } from '../../../server/src/analysis/types';

type Ref = string | Maybe<string>;

const targetKinds: Readonly<Record<string, RouteTargetKind>> = {
  igw: 'internet-gateway', nat: 'nat-gateway', eigw: 'egress-only-internet-gateway', pcx: 'vpc-peering', tgw: 'transit-gateway',
  eni: 'network-interface', instance: 'instance', vgw: 'virtual-private-gateway', vpce: 'vpc-endpoint', local: 'local',
};

function ref(r: Ref): Maybe<string> {
  return r;
}

export class ModelFixture {
  readonly objects: ModelObject[] = [];
  private n = 0;

  private base(id: string): { id: string; address: string; stack: string; origin: Origin } {
    const start = this.n++ * 10;
    return { id, address: id, stack: '/test', origin: { file: '/test/main.tf', span: { start, end: start + 5 } } };
  }

  vpc(id: string, o: { cidr?: string; ipv6?: string; dnsSupport?: Maybe<boolean>; dnsHostnames?: Maybe<boolean>; tenancy?: string } = {}): this {
    this.objects.push({ ...this.base(id), kind: 'vpc', cidrBlocks: [o.cidr ?? '10.0.0.0/16'], ipv6CidrBlocks: o.ipv6 ? [o.ipv6] : [],
      enableDnsSupport: o.dnsSupport ?? true, enableDnsHostnames: o.dnsHostnames ?? true, instanceTenancy: o.tenancy ?? 'default' });
    return this;
  }

  subnet(id: string, o: { vpc: string; cidr: Maybe<string>; az?: Maybe<string>; ipv6?: string }): this {
    this.objects.push({ ...this.base(id), kind: 'subnet', vpc: o.vpc, cidrBlock: o.cidr, ipv6CidrBlock: o.ipv6 ?? null, availabilityZone: o.az ?? 'us-east-1a', mapPublicIpOnLaunch: false });
    return this;
  }

  /** A route table with routes ("0.0.0.0/0 nat:n", "pl:s3 vpce:e") and associated subnets. */
  routeTable(id: string, o: { vpc: string; subnets?: string[]; routes?: string[]; adoptsMain?: boolean; main?: boolean }): this {
    this.objects.push({ ...this.base(id), kind: 'route-table', vpc: o.vpc, adoptsMainRouteTable: o.adoptsMain ?? false });
    for (const r of o.routes ?? []) this.route(id, r);
    for (const s of o.subnets ?? []) this.objects.push({ ...this.base(`${id}-${s}`), kind: 'route-table-association', subnet: s, routeTable: id });
    if (o.main) this.objects.push({ ...this.base(`${id}-main`), kind: 'main-route-table-association', vpc: o.vpc, routeTable: id });
    return this;
  }

  route(table: string, spec: string): this {
    const [dest = '', target = ''] = spec.split(/\s+/);
    const [kindKey = '', targetRef = ''] = target.split(':');
    const t: RouteTarget = { kind: targetKinds[kindKey] ?? 'unknown', ref: targetRef === '?' ? unknown('a literal id') : targetRef };
    const destination = dest.startsWith('pl:')
      ? { kind: 'prefix-list' as const, prefixList: { kind: 'service' as const, service: dest.slice(3) } }
      : dest === '?' ? { kind: 'ipv4' as const, cidr: unknown('var.cidr has no default') }
      : dest.includes(':') ? { kind: 'ipv6' as const, cidr: dest } : { kind: 'ipv4' as const, cidr: dest };
    this.objects.push({ ...this.base(`${table}:${spec}`), kind: 'route', routeTable: table, destination, target: t, inline: true });
    return this;
  }

  igw(id: string, o: { vpc?: string; attach?: string } = {}): this {
    this.objects.push({ ...this.base(id), kind: 'internet-gateway', vpc: o.vpc ?? null });
    if (o.attach) this.objects.push({ ...this.base(`${id}-attach`), kind: 'gateway-attachment', gateway: id, vpc: o.attach });
    return this;
  }

  eigw(id: string, o: { vpc: string }): this {
    this.objects.push({ ...this.base(id), kind: 'egress-only-internet-gateway', vpc: o.vpc });
    return this;
  }

  nat(id: string, o: { subnet: string; eip?: boolean; private?: boolean }): this {
    this.objects.push({ ...this.base(id), kind: 'nat-gateway', subnet: o.subnet, vpc: null, connectivityType: o.private ? 'private' : 'public', availabilityMode: 'zonal', hasElasticIp: o.eip ?? !o.private });
    return this;
  }

  peering(id: string, o: { vpc: string; peer: string }): this {
    this.objects.push({ ...this.base(id), kind: 'vpc-peering', vpc: o.vpc, peerVpc: o.peer });
    return this;
  }

  /** Rules: "tcp:443:0.0.0.0/0", "all:0.0.0.0/0", "tcp:5432:sg=lambda", "tcp:443:pl=s3", "tcp:0-65535:10.0.0.0/8". */
  sg(id: string, o: { vpc: string; egress?: string[]; ingress?: string[]; implicitEgress?: 'allow-all' | 'none'; adoptsDefaultOf?: string; standaloneEgress?: string[] }): this {
    this.objects.push({ ...this.base(id), kind: 'security-group', vpc: o.vpc, name: id, implicitEgress: o.implicitEgress ?? 'none', adoptsDefaultOf: o.adoptsDefaultOf ?? null });
    (o.egress ?? []).forEach((r, i) => this.sgRule(`${id}-e${i}`, id, 'egress', r, true));
    (o.ingress ?? []).forEach((r, i) => this.sgRule(`${id}-i${i}`, id, 'ingress', r, true));
    (o.standaloneEgress ?? []).forEach((r, i) => this.sgRule(`${id}-se${i}`, id, 'egress', r, false));
    return this;
  }

  sgRule(id: string, group: string, direction: 'ingress' | 'egress', spec: string, inline = false): this {
    const i = spec.indexOf(':');
    const proto = spec.slice(0, i);
    const rest = spec.slice(i + 1);
    const j = rest.indexOf(':');
    const [ports, peerText] = proto === 'all' ? ['0-65535', rest] : [rest.slice(0, j), rest.slice(j + 1)];
    const [from, to] = ports.includes('-') ? ports.split('-').map(Number) : [Number(ports), Number(ports)];
    const peer: SgPeer = peerText.startsWith('sg=') ? { kind: 'security-group', group: peerText.slice(3) }
      : peerText.startsWith('pl=') ? { kind: 'prefix-list', prefixList: { kind: 'service', service: peerText.slice(3) } }
      : peerText.includes(':') ? { kind: 'ipv6', cidr: peerText } : { kind: 'ipv4', cidr: peerText };
    this.objects.push({ ...this.base(id), kind: 'security-group-rule', group, direction, protocol: proto === 'all' ? '-1' : proto, fromPort: from ?? 0, toPort: to ?? 65535, peer, inline });
    return this;
  }

  /** Entries: "100 allow tcp 443 0.0.0.0/0", "200 deny all 0.0.0.0/0", "110 allow tcp 1024-65535 10.0.0.0/16". */
  nacl(id: string, o: { vpc: string; subnets?: string[]; ingress?: string[]; egress?: string[]; adoptsDefaultOf?: string }): this {
    this.objects.push({ ...this.base(id), kind: 'network-acl', vpc: o.vpc, adoptsDefaultOf: o.adoptsDefaultOf ?? null });
    for (const [egress, list] of [[false, o.ingress ?? []], [true, o.egress ?? []]] as const) {
      list.forEach((spec, i) => {
        const [num = '0', action = 'allow', proto = 'all', ports = '', cidr = ''] = spec.split(/\s+/);
        const hasPorts = proto !== 'all';
        const [from, to] = hasPorts ? (ports.includes('-') ? ports.split('-').map(Number) : [Number(ports), Number(ports)]) : [0, 65535];
        this.objects.push({ ...this.base(`${id}-${egress ? 'e' : 'i'}${i}`), kind: 'network-acl-entry', acl: id, ruleNumber: Number(num), egress,
          action: action === 'deny' ? 'deny' : 'allow', protocol: proto === 'all' ? '-1' : proto, cidr: hasPorts ? cidr : ports, ipv6Cidr: null, fromPort: from ?? 0, toPort: to ?? 65535, inline: true });
      });
    }
    for (const s of o.subnets ?? []) this.objects.push({ ...this.base(`${id}-${s}`), kind: 'network-acl-association', acl: id, subnet: s });
    return this;
  }

  endpoint(id: string, o: { vpc: string; service: string; type?: 'Gateway' | 'Interface'; routeTables?: string[]; subnets?: string[]; sgs?: string[]; privateDns?: Maybe<boolean> }): this {
    this.objects.push({ ...this.base(id), kind: 'vpc-endpoint', vpc: o.vpc, serviceName: `com.amazonaws.us-east-1.${o.service}`, service: o.service, endpointType: o.type ?? 'Gateway',
      routeTables: o.routeTables ?? [], subnets: o.subnets ?? [], securityGroups: o.sgs ?? [], privateDnsEnabled: o.privateDns ?? (o.type === 'Interface'), policy: null });
    return this;
  }

  endpointRouteTable(id: string, endpoint: string, routeTable: string): this {
    this.objects.push({ ...this.base(id), kind: 'vpc-endpoint-association', endpoint, routeTable });
    return this;
  }

  /** A function; `env` maps variable names to referenced object ids. */
  fn(id: string, o: {
    subnets?: Ref[] | Maybe<Ref[]>; sgs?: Ref[] | Maybe<Ref[]>; env?: Record<string, string>; role?: string | null; policies?: string[];
    fileSystems?: string[]; edge?: boolean; capacityProvider?: string; ipv6?: boolean; refs?: string[]; envUrl?: string;
  } = {}): this {
    const hasVpc = o.subnets !== undefined || o.sgs !== undefined;
    const list = (l: Ref[] | Maybe<Ref[]> | undefined): Maybe<readonly Maybe<string>[]> => (l === undefined ? [] : Array.isArray(l) ? l.map(ref) : l);
    const policies: PolicyDocument[] = o.policies ? [{ statements: [{ effect: 'Allow', actions: o.policies, resources: ['*'] }] }] : [];
    const environment = Object.entries(o.env ?? {}).map(([name, r]) => ({ name, value: r, refs: [r] }));
    if (o.envUrl) environment.push({ name: 'URL', value: o.envUrl, refs: [] });
    const b = this.base(id);
    this.objects.push({
      ...b, kind: 'lambda-function', functionName: id,
      vpcConfig: hasVpc ? { subnets: list(o.subnets), securityGroups: list(o.sgs), ipv6AllowedForDualStack: o.ipv6 ?? false, origin: { ...b.origin, span: { start: b.origin.span.start + 1, end: b.origin.span.start + 2 } } } : null,
      role: o.role ?? null, policies, managedPolicyArns: [], environment,
      fileSystems: (o.fileSystems ?? []).map((f) => ({ accessPointOrFileSystem: f, localMountPath: '/mnt/efs' })),
      capacityProvider: o.capacityProvider ?? null, edge: o.edge ?? false, refs: o.refs ?? [],
    });
    return this;
  }

  capacityProvider(id: string, o: { subnets: string[]; sgs: string[] }): this {
    const b = this.base(id);
    this.objects.push({ ...b, kind: 'capacity-provider', vpcConfig: { subnets: o.subnets, securityGroups: o.sgs, ipv6AllowedForDualStack: false, origin: b.origin } });
    return this;
  }

  target(id: string, o: { kind?: TargetKind; subnets?: Maybe<string[]>; subnetGroup?: string; sgs?: string[]; port?: number; publiclyAccessible?: Maybe<boolean>; parent?: string }): this {
    this.objects.push({ ...this.base(id), kind: 'target', targetKind: o.kind ?? 'rds-instance', subnets: o.subnets ?? [], subnetGroup: o.subnetGroup ?? null,
      securityGroups: o.sgs ?? [], port: o.port ?? unknown('port not set'), publiclyAccessible: o.publiclyAccessible ?? false, parent: o.parent ?? null });
    return this;
  }

  subnetGroup(id: string, subnets: string[]): this {
    this.objects.push({ ...this.base(id), kind: 'subnet-group', subnets });
    return this;
  }

  service(id: string, service: string): this {
    this.objects.push({ ...this.base(id), kind: 'service-resource', service, resourceName: id });
    return this;
  }

  role(id: string, o: { managed?: string[]; actions?: string[] } = {}): this {
    this.objects.push({ ...this.base(id), kind: 'iam-role', managedPolicyArns: o.managed ?? [],
      inlinePolicies: o.actions ? [{ statements: [{ effect: 'Allow', actions: o.actions, resources: ['*'] }] }] : [] });
    return this;
  }

  esm(id: string, o: { fn: string; source: string; service: string }): this {
    this.objects.push({ ...this.base(id), kind: 'event-source-mapping', function: o.fn, source: o.source, sourceService: o.service });
    return this;
  }

  add(object: ModelObject): this {
    this.objects.push(object);
    return this;
  }

  output(): FrontendOutput {
    return { objects: this.objects, problems: [], region: 'us-east-1', stacks: ['/test'] };
  }

  build(): NetworkModel {
    return buildModel([this.output()]);
  }

  analyze(options: Partial<AnalysisOptions> = {}): AnalysisResult {
    return analyze(this.build(), { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [], ...options });
  }
}

export { implicitRef, unknown };

/**
 * A standard private network: VPC v (10.0.0.0/16) with private subnets a (us-east-1a) and b (us-east-1b) on
 * route table priv, public subnet pub (us-east-1a) on table public → IGW igw, NAT gateway nat in pub, and the
 * function SG lambda with egress all.
 */
export function standardNetwork(o: { nat?: boolean } = {}): ModelFixture {
  const f = new ModelFixture()
    .vpc('v')
    .subnet('a', { vpc: 'v', cidr: '10.0.1.0/24', az: 'us-east-1a' })
    .subnet('b', { vpc: 'v', cidr: '10.0.2.0/24', az: 'us-east-1b' })
    .subnet('pub', { vpc: 'v', cidr: '10.0.0.0/24', az: 'us-east-1a' })
    .igw('igw', { vpc: 'v' })
    .routeTable('public', { vpc: 'v', subnets: ['pub'], routes: ['0.0.0.0/0 igw:igw'] })
    .routeTable('priv', { vpc: 'v', subnets: ['a', 'b'], routes: o.nat === false ? [] : ['0.0.0.0/0 nat:nat'] })
    .sg('lambda', { vpc: 'v', egress: ['all:0.0.0.0/0'] });
  if (o.nat !== false) f.nat('nat', { subnet: 'pub' });
  return f;
}
