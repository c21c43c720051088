// The built network model: every object indexed by id and kind, AWS's implicit objects added, and the lookup
// indexes the reachability engine needs. Built by model/build.ts; read-only for everyone else.

import type { Maybe } from './origin';
import type {
  GatewayAttachment,
  Id,
  ModelKind,
  ModelObject,
  NetworkAclEntry,
  PolicyDocument,
  Route,
  SecurityGroupRule,
  Target,
  EventSourceMapping,
  VpcEndpoint,
} from './types';

/** How a subnet got its route table or NACL: explicit association, or the VPC's main table / default NACL. */
export interface Association {
  readonly id: Maybe<Id>;
  readonly explicit: boolean;
  /** The association object (route-table-association / network-acl-association) when explicit. */
  readonly via: Id | null;
}

/** Policies attached to a role from anywhere in the workspace (inline, aws_iam_role_policy, attachments). */
export interface RolePolicies {
  readonly documents: readonly Maybe<PolicyDocument>[];
  readonly managedPolicyArns: readonly Maybe<string>[];
}

export interface NetworkModel {
  get(id: Id): ModelObject | undefined;
  all<K extends ModelKind>(kind: K): readonly Extract<ModelObject, { kind: K }>[];
  readonly region: Maybe<string>;
  /** Number of objects, implicit ones included. */
  readonly size: number;
  /** The id an alias stands for (an implicit default adopted by a declared resource), else the id itself. */
  canonical(id: Id): Id;
  /** P7: explicit association, else the VPC's (possibly replaced) main route table. */
  routeTableOf(subnet: Id): Association;
  /** The VPC's main route table after main-route-table associations and adoptions. */
  mainRouteTableOf(vpc: Id): Id;
  /** Every route of a table: declared, local (P8) and gateway-endpoint prefix-list routes (E7). */
  routesOf(routeTable: Id): readonly Route[];
  /** P5: explicit association, else the VPC's default NACL. */
  naclOf(subnet: Id): Association;
  /** Entries of one direction, sorted by rule number (P5). */
  naclEntries(acl: Id, egress: boolean): readonly NetworkAclEntry[];
  /** Effective rules of one direction, implicit egress (T3) and the default SG's self rule included. */
  sgRules(group: Id, direction: 'ingress' | 'egress'): readonly SecurityGroupRule[];
  /** VPCs an internet gateway is attached to (its `vpc` field or gateway attachments). */
  vpcsOfInternetGateway(gateway: Id): readonly Id[];
  internetGatewaysOf(vpc: Id): readonly Id[];
  /**
   * The attachment linking an internet gateway to a VPC when only attachments that may not be created link them
   * (a CloudFormation Condition, a Terraform count that cannot be decided): the path through the gateway then
   * depends on it. Undefined when the link is certain or absent.
   */
  conditionalAttachment(gateway: Id, vpc: Id): GatewayAttachment | undefined;
  /** Endpoints of a VPC with their associations merged in. */
  endpointsOf(vpc: Id): readonly VpcEndpoint[];
  /** Known VPC CIDR blocks (primary, secondary, associations), IPv4 and IPv6. */
  vpcCidrs(vpc: Id): readonly Maybe<string>[];
  /** EFS mount targets of a file system (targets whose parent is it). */
  mountTargetsOf(fileSystem: Id): readonly Target[];
  /** Targets whose parent is this object (proxy → DB, instance → cluster…), mount targets included. */
  childrenOf(parent: Id): readonly Target[];
  rolePolicies(role: Id): RolePolicies;
  eventSourceMappingsOf(fn: Id): readonly EventSourceMapping[];
  /** Declared resources with zero instances (count 0…), for fixes that point at them; absent when none known. */
  readonly notCreated?: readonly import('./types').NotCreated[];
}
