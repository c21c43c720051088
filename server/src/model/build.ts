// Builds the NetworkModel from front-end outputs: indexes every object by id and kind, creates AWS's implicit
// objects in this one place (main route tables, default SGs and NACLs, local and gateway-endpoint routes,
// implicit SG egress), merges association resources into the objects they extend, and freezes the result.

import { isKnown, unknown, type Maybe, type Unknown } from './origin';
import {
  implicitRef,
  transitGatewayDefaultRouteTable,
  type EventSourceMapping,
  type FrontendOutput,
  type GatewayAttachment,
  type Id,
  type IamPolicy,
  type ModelKind,
  type ModelObject,
  type NetworkAcl,
  type NetworkAclEntry,
  type NotCreated,
  type PolicyDocument,
  type RefList,
  type Route,
  type RouteTable,
  type SecurityGroup,
  type SecurityGroupRule,
  type Target,
  type VpcEndpoint,
} from './types';
import type { Association, NetworkModel, RolePolicies } from './network';
import { override } from './override';

export interface BuildOptions {
  /** The Region to assume when no front end says (a setting or CLI flag). */
  readonly region?: string;
}

const noRoutes: readonly Route[] = Object.freeze([]);
const noEntries: readonly NetworkAclEntry[] = Object.freeze([]);
const noRules: readonly SecurityGroupRule[] = Object.freeze([]);
const noIds: readonly Id[] = Object.freeze([]);
const noTargets: readonly Target[] = Object.freeze([]);
const noEndpoints: readonly VpcEndpoint[] = Object.freeze([]);
const noEsms: readonly EventSourceMapping[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function knownIds(list: RefList): Id[] {
  if (!isKnown(list)) return [];
  const out: Id[] = [];
  for (const item of list) if (isKnown(item)) out.push(item);
  return out;
}

class BuiltModel implements NetworkModel {
  readonly byId = new Map<Id, ModelObject>();
  readonly byKind = new Map<ModelKind, ModelObject[]>();
  readonly alias = new Map<Id, Id>();
  readonly notCreated: NotCreated[] = [];
  readonly mainTable = new Map<Id, Id>();
  readonly subnetTable = new Map<Id, Association>();
  readonly subnetAcl = new Map<Id, Association>();
  readonly routes = new Map<Id, Route[]>();
  // One map per direction, keyed by canonical id: the engine looks these up for every path step, and a
  // composed string key would allocate on each lookup.
  readonly aclIngress = new Map<Id, NetworkAclEntry[]>();
  readonly aclEgress = new Map<Id, NetworkAclEntry[]>();
  readonly sgIngress = new Map<Id, SecurityGroupRule[]>();
  readonly sgEgress = new Map<Id, SecurityGroupRule[]>();
  readonly igwVpcs = new Map<Id, Id[]>();
  readonly vpcIgws = new Map<Id, Id[]>();
  /** Per VPC: why its subnets without an association of their own may have another route table or NACL. */
  readonly pendingTables = new Map<Id, string>();
  readonly pendingAcls = new Map<Id, string>();
  /** Per gateway and VPC: the attachment that links them when every link between them may not be created. */
  readonly conditionalAttachments = new Map<Id, Map<Id, GatewayAttachment>>();
  readonly vpcEndpoints = new Map<Id, VpcEndpoint[]>();
  readonly cidrs = new Map<Id, Maybe<string>[]>();
  /** Per VPC, parallel to `cidrs`: whether each block is IPv6 (an unknown block's family comes from where it was declared). */
  readonly cidrIsV6 = new Map<Id, boolean[]>();
  readonly children = new Map<Id, Target[]>();
  readonly roles = new Map<Id, { documents: Maybe<PolicyDocument>[]; managedPolicyArns: Maybe<string>[] }>();
  readonly esms = new Map<Id, EventSourceMapping[]>();

  constructor(readonly region: Maybe<string>) {}

  get size(): number {
    return this.byId.size;
  }

  add(object: ModelObject): void {
    if (this.byId.has(object.id)) return; // first declaration wins; front ends report duplicates themselves
    this.byId.set(object.id, Object.freeze(object));
    push(this.byKind, object.kind, object);
  }

  get(id: Id): ModelObject | undefined {
    return this.byId.get(id) ?? this.byId.get(this.alias.get(id) ?? '');
  }

  all<K extends ModelKind>(kind: K): readonly Extract<ModelObject, { kind: K }>[] {
    return (this.byKind.get(kind) ?? []) as unknown as readonly Extract<ModelObject, { kind: K }>[];
  }

  canonical(id: Id): Id {
    return this.alias.get(id) ?? id;
  }

  routeTableOf(subnet: Id): Association {
    return this.subnetTable.get(subnet) ?? this.implicitAssociation(subnet, 'main-route-table');
  }

  mainRouteTableOf(vpc: Id): Id {
    return this.mainTable.get(vpc) ?? this.canonical(implicitRef(vpc, 'main-route-table'));
  }

  routesOf(routeTable: Id): readonly Route[] {
    return this.routes.get(this.canonical(routeTable)) ?? noRoutes;
  }

  naclOf(subnet: Id): Association {
    return this.subnetAcl.get(subnet) ?? this.implicitAssociation(subnet, 'default-network-acl');
  }

  naclEntries(acl: Id, egress: boolean): readonly NetworkAclEntry[] {
    return (egress ? this.aclEgress : this.aclIngress).get(this.canonical(acl)) ?? noEntries;
  }

  sgRules(group: Id, direction: 'ingress' | 'egress'): readonly SecurityGroupRule[] {
    return (direction === 'egress' ? this.sgEgress : this.sgIngress).get(this.canonical(group)) ?? noRules;
  }

  vpcsOfInternetGateway(gateway: Id): readonly Id[] {
    return this.igwVpcs.get(gateway) ?? noIds;
  }

  internetGatewaysOf(vpc: Id): readonly Id[] {
    return this.vpcIgws.get(vpc) ?? noIds;
  }

  conditionalAttachment(gateway: Id, vpc: Id): GatewayAttachment | undefined {
    return this.conditionalAttachments.get(gateway)?.get(vpc);
  }

  endpointsOf(vpc: Id): readonly VpcEndpoint[] {
    return this.vpcEndpoints.get(vpc) ?? noEndpoints;
  }

  vpcCidrs(vpc: Id): readonly Maybe<string>[] {
    return this.cidrs.get(vpc) ?? [];
  }

  mountTargetsOf(fileSystem: Id): readonly Target[] {
    return this.childrenOf(fileSystem).filter((t) => t.targetKind === 'efs-mount-target');
  }

  childrenOf(parent: Id): readonly Target[] {
    return this.children.get(parent) ?? noTargets;
  }

  rolePolicies(role: Id): RolePolicies {
    return this.roles.get(role) ?? { documents: [], managedPolicyArns: [] };
  }

  eventSourceMappingsOf(fn: Id): readonly EventSourceMapping[] {
    return this.esms.get(fn) ?? noEsms;
  }

  private implicitAssociation(subnetId: Id, which: 'main-route-table' | 'default-network-acl'): Association {
    const subnet = this.byId.get(subnetId);
    if (!subnet || subnet.kind !== 'subnet') return { id: unknown(`subnet ${subnetId} is not in the workspace`), explicit: false, via: null };
    if (!isKnown(subnet.vpc)) return { id: unknown(`the VPC of ${subnet.address} is unknown: ${subnet.vpc.reason}`), explicit: false, via: null };
    const pending = (which === 'main-route-table' ? this.pendingTables : this.pendingAcls).get(subnet.vpc);
    if (pending !== undefined) return { id: unknown(pending), explicit: false, via: null };
    const id = which === 'main-route-table' ? this.mainRouteTableOf(subnet.vpc) : this.canonical(implicitRef(subnet.vpc, which));
    return { id, explicit: false, via: null };
  }
}

/** Builds the indexed, frozen model. Never throws on user input: dangling references stay as they are. */
export function buildModel(outputs: readonly FrontendOutput[], options: BuildOptions = {}): NetworkModel {
  // What the code says wins (a Terraform provider's region; a template's Region already follows the setting):
  // the setting or --region is for code that names none.
  const region = outputs.map((o) => o.region).find((r) => isKnown(r)) ?? options.region;
  const model = new BuiltModel(region ?? unknown('no provider block, template or setting names the AWS Region'));
  const endpoints: VpcEndpoint[] = [];
  const proxies: Target[] = [];
  for (const output of outputs) {
    if (output.notCreated) model.notCreated.push(...output.notCreated);
    for (const object of output.objects) {
      // Endpoints are added once their association resources are merged in (below).
      if (object.kind === 'vpc-endpoint') endpoints.push(object);
      // Proxies are added once their target groups are folded in (below).
      else if (object.kind === 'target' && object.targetKind === 'rds-proxy' && object.parent === null) proxies.push(object);
      else model.add(object);
    }
  }
  registerAdoptions(model);
  addImplicitVpcObjects(model);
  addTransitGatewayDefaultTables(model);
  mergeEndpoints(model, endpoints);
  mergeProxyTargets(model, proxies);
  indexRouting(model);
  indexFilters(model);
  indexGatewaysAndTargets(model);
  indexIam(model);
  for (const list of model.byKind.values()) Object.freeze(list);
  return Object.freeze(model);
}

function registerAdoptions(model: BuiltModel): void {
  for (const sg of model.all('security-group')) {
    if (sg.adoptsDefaultOf !== null && isKnown(sg.adoptsDefaultOf)) model.alias.set(implicitRef(sg.adoptsDefaultOf, 'default-security-group'), sg.id);
  }
  for (const acl of model.all('network-acl')) {
    if (acl.adoptsDefaultOf !== null && isKnown(acl.adoptsDefaultOf)) model.alias.set(implicitRef(acl.adoptsDefaultOf, 'default-network-acl'), acl.id);
  }
  for (const table of model.all('route-table')) {
    if (table.adoptsMainRouteTable && isKnown(table.vpc)) model.alias.set(implicitRef(table.vpc, 'main-route-table'), table.id);
  }
}

/** The objects every VPC has without being declared (P5, P7, T3, T4). Adopted ones are not created again. */
function addImplicitVpcObjects(model: BuiltModel): void {
  const extraV6 = new Map<Id, boolean[]>();
  for (const assoc of model.all('vpc-cidr')) {
    if (!isKnown(assoc.vpc)) continue;
    if (assoc.cidrBlock !== null) {
      push(model.cidrs, assoc.vpc, assoc.cidrBlock);
      push(extraV6, assoc.vpc, false);
    }
    if (assoc.ipv6CidrBlock !== null) {
      push(model.cidrs, assoc.vpc, assoc.ipv6CidrBlock);
      push(extraV6, assoc.vpc, true);
    }
  }
  for (const vpc of [...model.all('vpc')]) {
    const list = model.cidrs.get(vpc.id) ?? [];
    model.cidrs.set(vpc.id, [...vpc.cidrBlocks, ...vpc.ipv6CidrBlocks, ...list]);
    model.cidrIsV6.set(vpc.id, [...vpc.cidrBlocks.map(() => false), ...vpc.ipv6CidrBlocks.map(() => true), ...(extraV6.get(vpc.id) ?? [])]);
    // A VPC created only under an undecidable condition takes its implicit objects with it; their rules and
    // entries need no mark of their own (the table, group or ACL hop already carries it).
    const base = vpc.existence === undefined ? { stack: vpc.stack, origin: vpc.origin } : { stack: vpc.stack, origin: vpc.origin, existence: vpc.existence };
    const mainId = implicitRef(vpc.id, 'main-route-table');
    if (!model.alias.has(mainId)) {
      model.add({ kind: 'route-table', id: mainId, address: `${vpc.address} (main route table)`, vpc: vpc.id, adoptsMainRouteTable: false, ...base });
    }
    const sgId = implicitRef(vpc.id, 'default-security-group');
    if (!model.alias.has(sgId)) {
      const sg: SecurityGroup = { kind: 'security-group', id: sgId, address: `${vpc.address} (default security group)`, vpc: vpc.id, name: 'default', implicitEgress: 'allow-all', adoptsDefaultOf: null, ...base };
      model.add(sg);
      // The default SG admits traffic from its own members (V2, T3).
      model.add({ kind: 'security-group-rule', id: `${sgId}#self-ingress`, address: `${sg.address} ingress from itself`, group: sgId, direction: 'ingress', protocol: '-1', fromPort: 0, toPort: 65535, peer: { kind: 'security-group', group: sgId }, inline: true, stack: vpc.stack, origin: vpc.origin });
    }
    const aclId = implicitRef(vpc.id, 'default-network-acl');
    if (!model.alias.has(aclId)) {
      const acl: NetworkAcl = { kind: 'network-acl', id: aclId, address: `${vpc.address} (default network ACL)`, vpc: vpc.id, adoptsDefaultOf: null, ...base };
      model.add(acl);
      addDefaultAclEntries(model, acl, (model.cidrIsV6.get(vpc.id) ?? []).includes(true));
    }
  }
}

/**
 * P11: a transit gateway with default route table association or propagation enabled (the default) has a
 * default route table; association and propagation resources and static routes may name the gateway itself
 * for it (Terraform's `association_default_route_table_id` resolves to the gateway's id).
 */
function addTransitGatewayDefaultTables(model: BuiltModel): void {
  for (const tgw of [...model.all('transit-gateway')]) {
    if (tgw.defaultRouteTableAssociation === false && tgw.defaultRouteTablePropagation === false) continue;
    const id = transitGatewayDefaultRouteTable(tgw.id);
    model.add({
      kind: 'transit-gateway-route-table', id, address: `${tgw.address} (default route table)`, stack: tgw.stack, origin: tgw.origin,
      transitGateway: tgw.id, isDefault: true, ...(tgw.existence !== undefined ? { existence: tgw.existence } : {}),
    });
  }
}

/** The default NACL allows everything in and out (P5); the IPv6 rules exist when the VPC has IPv6. */
function addDefaultAclEntries(model: BuiltModel, acl: NetworkAcl, hasIpv6: boolean): void {
  const families: [number, string | null, string | null][] = [[100, '0.0.0.0/0', null]];
  // AWS adds the IPv6 rules when the VPC gets an IPv6 block, also through a later CIDR association (P5).
  if (hasIpv6) families.push([101, null, '::/0']);
  for (const egress of [false, true]) {
    for (const [ruleNumber, cidr, ipv6Cidr] of families) {
      model.add({
        kind: 'network-acl-entry', id: `${acl.id}#${egress ? 'egress' : 'ingress'}-${ruleNumber}`,
        address: `${acl.address} ${egress ? 'egress' : 'ingress'} rule ${ruleNumber}`, stack: acl.stack, origin: acl.origin,
        acl: acl.id, ruleNumber, egress, action: 'allow', protocol: '-1', cidr, ipv6Cidr, fromPort: 0, toPort: 65535, inline: true,
      });
    }
  }
}

function mergeList(base: RefList, extra: readonly Id[]): RefList {
  if (extra.length === 0) return base;
  if (!isKnown(base)) return base;
  const seen = new Set(base.filter((x): x is Id => isKnown(x)));
  return [...base, ...extra.filter((x) => !seen.has(x))];
}

/**
 * Folds RDS Proxy target groups into their proxies: the proxy's `parent` becomes its database (P14), so
 * `childrenOf(db)` lists the proxies in front of it. A target group naming no database the workspace knows
 * leaves the proxy without a parent.
 */
function mergeProxyTargets(model: BuiltModel, proxies: readonly Target[]): void {
  const database = new Map<Id, Id>();
  for (const t of model.all('db-proxy-target')) {
    if (!isKnown(t.proxy) || !isKnown(t.databases)) continue;
    const db = t.databases.find((d): d is Id => isKnown(d));
    if (db !== undefined && !database.has(t.proxy)) database.set(t.proxy, db);
  }
  for (const proxy of proxies) {
    const db = database.get(proxy.id);
    model.add(db === undefined ? proxy : override(proxy, { parent: db }));
  }
}

/** Folds endpoint association resources into their endpoints (route tables, subnets, SGs). */
function mergeEndpoints(model: BuiltModel, endpoints: readonly VpcEndpoint[]): void {
  const extra = new Map<Id, { routeTables: Id[]; subnets: Id[]; securityGroups: Id[] }>();
  for (const a of model.all('vpc-endpoint-association')) {
    if (!isKnown(a.endpoint)) continue;
    let e = extra.get(a.endpoint);
    if (!e) extra.set(a.endpoint, (e = { routeTables: [], subnets: [], securityGroups: [] }));
    if (a.routeTable !== undefined && isKnown(a.routeTable)) e.routeTables.push(a.routeTable);
    if (a.subnet !== undefined && isKnown(a.subnet)) e.subnets.push(a.subnet);
    if (a.securityGroup !== undefined && isKnown(a.securityGroup)) e.securityGroups.push(a.securityGroup);
  }
  for (const endpoint of endpoints) {
    const e = extra.get(endpoint.id);
    const merged: VpcEndpoint = e
      ? override(endpoint, { routeTables: mergeList(endpoint.routeTables, e.routeTables), subnets: mergeList(endpoint.subnets, e.subnets), securityGroups: mergeList(endpoint.securityGroups, e.securityGroups) })
      : endpoint;
    model.add(merged);
    if (isKnown(merged.vpc)) push(model.vpcEndpoints, merged.vpc, merged);
  }
}

function indexRouting(model: BuiltModel): void {
  for (const m of model.all('main-route-table-association')) {
    if (isKnown(m.vpc) && isKnown(m.routeTable)) model.mainTable.set(m.vpc, model.canonical(m.routeTable));
  }
  for (const a of model.all('route-table-association')) {
    if (!isKnown(a.subnet)) {
      if (a.gateway === undefined) pendAssociation(model, model.pendingTables, a.address, a.subnet.reason, a.routeTable);
      continue;
    }
    model.subnetTable.set(a.subnet, { id: isKnown(a.routeTable) ? model.canonical(a.routeTable) : a.routeTable, explicit: true, via: a.id });
  }
  for (const route of model.all('route')) {
    if (isKnown(route.routeTable)) push(model.routes, model.canonical(route.routeTable), route);
  }
  for (const table of [...model.all('route-table')]) addLocalRoutes(model, table);
  // A route-table association resource created only under a condition makes its endpoint route conditional.
  const conditionalAssociations = new Map<string, Unknown>();
  for (const a of model.all('vpc-endpoint-association')) {
    if (a.existence !== undefined && isKnown(a.endpoint) && a.routeTable !== undefined && isKnown(a.routeTable)) conditionalAssociations.set(`${a.endpoint}|${a.routeTable}`, a.existence);
  }
  for (const endpoint of model.all('vpc-endpoint')) {
    if (endpoint.endpointType !== 'Gateway') continue;
    for (const tableId of knownIds(endpoint.routeTables)) {
      const table = model.canonical(tableId);
      const existence = endpoint.existence ?? conditionalAssociations.get(`${endpoint.id}|${tableId}`);
      // E7: associating a gateway endpoint inserts a service prefix-list route to the endpoint.
      const route: Route = {
        kind: 'route', id: `${table}#endpoint:${endpoint.id}`, address: `${endpoint.address} prefix-list route in ${model.get(table)?.address ?? table}`,
        stack: endpoint.stack, origin: endpoint.origin, routeTable: table, inline: false,
        destination: { kind: 'prefix-list', prefixList: { kind: 'endpoint', endpoint: endpoint.id } },
        target: { kind: 'vpc-endpoint', ref: endpoint.id },
        ...(existence !== undefined ? { existence } : {}),
      };
      model.add(route);
      push(model.routes, table, route);
    }
  }
}

/**
 * P7, P5: an association whose subnet is unknown may name any subnet of its table's (or NACL's) VPC that has no
 * association of its own: those subnets' table or NACL is then unknown, not certainly the main one or default.
 */
function pendAssociation(model: BuiltModel, pending: Map<Id, string>, address: string, why: string, owner: Maybe<Id>): void {
  const object = isKnown(owner) ? model.get(model.canonical(owner)) : undefined;
  if ((object?.kind !== 'route-table' && object?.kind !== 'network-acl') || !isKnown(object.vpc) || pending.has(object.vpc)) return;
  pending.set(object.vpc, `${address} may associate it with ${object.address}: its subnet is unknown (${why})`);
}

/** P8: a local route per VPC CIDR in every table of the VPC. */
function addLocalRoutes(model: BuiltModel, table: RouteTable): void {
  if (!isKnown(table.vpc)) return;
  const vpc = model.get(table.vpc);
  if (!vpc || vpc.kind !== 'vpc') return;
  const families = model.cidrIsV6.get(vpc.id) ?? [];
  model.vpcCidrs(vpc.id).forEach((cidr, i) => {
    const v6 = isKnown(cidr) ? cidr.includes(':') : families[i] === true;
    const route: Route = {
      kind: 'route', id: `${table.id}#local:${isKnown(cidr) ? cidr : i}`, address: `${table.address} local route ${isKnown(cidr) ? cidr : '(unknown CIDR)'}`,
      stack: table.stack, origin: table.origin, routeTable: table.id, inline: true,
      destination: v6 ? { kind: 'ipv6', cidr } : { kind: 'ipv4', cidr },
      target: { kind: 'local', ref: vpc.id },
    };
    model.add(route);
    push(model.routes, table.id, route);
  });
}

function indexFilters(model: BuiltModel): void {
  for (const a of model.all('network-acl-association')) {
    if (!isKnown(a.subnet)) {
      pendAssociation(model, model.pendingAcls, a.address, a.subnet.reason, a.acl);
      continue;
    }
    model.subnetAcl.set(a.subnet, { id: isKnown(a.acl) ? model.canonical(a.acl) : a.acl, explicit: true, via: a.id });
  }
  for (const entry of model.all('network-acl-entry')) {
    if (isKnown(entry.acl)) push(entry.egress ? model.aclEgress : model.aclIngress, model.canonical(entry.acl), entry);
  }
  for (const list of [...model.aclIngress.values(), ...model.aclEgress.values()]) {
    // P5: lowest rule number first; unknown numbers sort last (the engine reports them as unknown).
    list.sort((a, b) => (isKnown(a.ruleNumber) ? a.ruleNumber : Infinity) - (isKnown(b.ruleNumber) ? b.ruleNumber : Infinity));
  }
  for (const rule of model.all('security-group-rule')) {
    if (isKnown(rule.group)) push(rule.direction === 'egress' ? model.sgEgress : model.sgIngress, model.canonical(rule.group), rule);
  }
  for (const sg of [...model.all('security-group')]) {
    // T3: adopted default SGs have exactly their declared rules; others get the implicit egress they were created with.
    if (sg.implicitEgress !== 'allow-all' || (sg.adoptsDefaultOf !== null && isKnown(sg.adoptsDefaultOf))) continue;
    for (const [suffix, peer] of [['ipv4', { kind: 'ipv4', cidr: '0.0.0.0/0' }], ['ipv6', { kind: 'ipv6', cidr: '::/0' }]] as const) {
      const rule: SecurityGroupRule = {
        kind: 'security-group-rule', id: `${sg.id}#implicit-egress-${suffix}`, address: `${sg.address} default egress to ${peer.cidr}`,
        stack: sg.stack, origin: sg.origin, group: sg.id, direction: 'egress', protocol: '-1', fromPort: 0, toPort: 65535, peer, inline: true,
      };
      model.add(rule);
      push(model.sgEgress, sg.id, rule);
    }
  }
}

function indexGatewaysAndTargets(model: BuiltModel): void {
  const attach = (gateway: Id, vpc: Id): void => {
    if (!(model.igwVpcs.get(gateway) ?? []).includes(vpc)) push(model.igwVpcs, gateway, vpc);
    if (!(model.vpcIgws.get(vpc) ?? []).includes(gateway)) push(model.vpcIgws, vpc, gateway);
  };
  /** Gateway → VPCs it is certainly attached to (its own vpc field, an attachment created unconditionally). */
  const certain = new Map<Id, Set<Id>>();
  const certainly = (gateway: Id, vpc: Id): void => {
    let vpcs = certain.get(gateway);
    if (!vpcs) certain.set(gateway, (vpcs = new Set<Id>()));
    vpcs.add(vpc);
  };
  for (const igw of model.all('internet-gateway')) {
    if (igw.vpc !== null && isKnown(igw.vpc)) {
      attach(igw.id, igw.vpc);
      // The gateway's own vpc_id attaches it whenever the gateway exists (its existence is its own hop).
      certainly(igw.id, igw.vpc);
    }
  }
  const conditional: GatewayAttachment[] = [];
  for (const a of model.all('gateway-attachment')) {
    if (isKnown(a.gateway) && isKnown(a.vpc) && model.get(a.gateway)?.kind === 'internet-gateway') {
      attach(a.gateway, a.vpc);
      if (a.existence === undefined) certainly(a.gateway, a.vpc);
      else conditional.push(a);
    }
  }
  // E3, M3: a link made only by attachments that may not be created leaves the path through the gateway open.
  for (const a of conditional) {
    if (!isKnown(a.gateway) || !isKnown(a.vpc) || certain.get(a.gateway)?.has(a.vpc) === true) continue;
    let byVpc = model.conditionalAttachments.get(a.gateway);
    if (!byVpc) model.conditionalAttachments.set(a.gateway, (byVpc = new Map<Id, GatewayAttachment>()));
    if (!byVpc.has(a.vpc)) byVpc.set(a.vpc, a);
  }
  for (const target of model.all('target')) {
    if (target.parent !== null && isKnown(target.parent)) push(model.children, target.parent, target);
  }
  for (const esm of model.all('event-source-mapping')) {
    if (isKnown(esm.function)) push(model.esms, esm.function, esm);
  }
}

function indexIam(model: BuiltModel): void {
  const entry = (role: Id): { documents: Maybe<PolicyDocument>[]; managedPolicyArns: Maybe<string>[] } => {
    let e = model.roles.get(role);
    if (!e) model.roles.set(role, (e = { documents: [], managedPolicyArns: [] }));
    return e;
  };
  // A copy of an AWS managed policy counts as that managed policy (its document is read from AWS).
  const add = (e: { documents: Maybe<PolicyDocument>[]; managedPolicyArns: Maybe<string>[] }, policy: IamPolicy): void => {
    if (policy.copiesManagedPolicy !== undefined) e.managedPolicyArns.push(policy.copiesManagedPolicy);
    else e.documents.push(policy.document);
  };
  for (const role of model.all('iam-role')) {
    const e = entry(role.id);
    e.documents.push(...role.inlinePolicies);
    // The role's own managed_policy_arns may name a policy of the workspace: its document, as for an attachment.
    for (const arn of role.managedPolicyArns) {
      const policy = isKnown(arn) ? model.get(arn) : undefined;
      if (policy?.kind === 'iam-policy') add(e, policy);
      else e.managedPolicyArns.push(arn);
    }
  }
  for (const policy of model.all('iam-policy')) {
    for (const role of knownIds(policy.roles)) add(entry(role), policy);
  }
  for (const a of model.all('role-policy-attachment')) {
    if (!isKnown(a.role)) continue;
    const e = entry(a.role);
    if (!isKnown(a.policy)) { e.managedPolicyArns.push(a.policy); continue; }
    const policy = model.get(a.policy);
    if (policy?.kind === 'iam-policy') add(e, policy);
    else e.managedPolicyArns.push(a.policy);
  }
}
