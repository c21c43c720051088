// What the analysis produces: per-function reachability with hop-by-hop paths and fixes, the Hyperplane
// ENIs, and findings (rule violations). Consumers (ide/, cli/, the webview's diagram data) read only these
// types and the model; they never re-derive network facts.

import type { Severity } from '../model/origin';
import type { Maybe, Origin, Problem, Unknown } from '../model/origin';
import type { Id, ModelKind, ModelObject } from '../model/types';

export type ReachStatus = 'yes' | 'no' | 'partial' | 'unknown';

export type Via =
  | 'lambda-service-vpc'
  | 'nat-gateway'
  | 'gateway-endpoint'
  | 'interface-endpoint'
  | 'local'
  | 'vpc-peering'
  | 'transit-gateway'
  | 'egress-only-internet-gateway'
  | 'internet-gateway'
  | 'vpc-lattice';

/** One step of a path, as VPC Reachability Analyzer lists path components. */
export interface Hop {
  /** The model object this hop is (security group, NACL, route table, NAT gateway…), or null for abstract hops (the internet, the Lambda service VPC). */
  readonly component: Id | null;
  readonly componentKind: ModelKind | 'lambda-service-vpc' | 'internet' | 'aws-service' | 'hyperplane-eni';
  /** Short label: "security group aws_security_group.lambda (egress)". */
  readonly label: string;
  readonly verdict: 'pass' | 'block' | 'unknown';
  /** What this hop decided and why ("egress rule tcp 443 to 0.0.0.0/0 allows"). */
  readonly detail: string;
  /** Rule of ../shared/docs/aws-networking.md applied here (M3, E3, P6…). */
  readonly rule?: string;
}

/** A change that would make a blocked destination reachable; structured so quick fixes can generate code. */
export type Change =
  | { readonly kind: 'add-gateway-endpoint'; readonly vpc: Id; readonly service: 's3' | 'dynamodb'; readonly routeTables: readonly Id[] }
  | { readonly kind: 'associate-endpoint-route-table'; readonly endpoint: Id; readonly routeTable: Id }
  /**
   * Subnets on a VPC's main route table, which a CloudFormation template cannot name: a route table of their own
   * (associated with them) and a gateway endpoint on it, a new one or `endpoint` (the VPC's existing one).
   */
  | { readonly kind: 'add-route-table-with-endpoint'; readonly vpc: Id; readonly subnets: readonly Id[]; readonly service: 's3' | 'dynamodb'; readonly endpoint: Id | null }
  | { readonly kind: 'add-interface-endpoint'; readonly vpc: Id; readonly service: string; readonly subnets: readonly Id[] }
  | { readonly kind: 'enable-private-dns'; readonly endpoint: Id }
  | { readonly kind: 'enable-vpc-dns'; readonly vpc: Id; readonly attribute: 'enableDnsSupport' | 'enableDnsHostnames' }
  | { readonly kind: 'add-sg-egress'; readonly group: Id; readonly protocol: string; readonly port: number; readonly peer: string /* cidr, prefix-list or SG id */ }
  | { readonly kind: 'add-sg-ingress'; readonly group: Id; readonly protocol: string; readonly port: number; readonly sourceGroup: Id | null; readonly sourceCidr: string | null }
  | { readonly kind: 'add-nacl-entry'; readonly acl: Id; readonly egress: boolean; readonly protocol: string; readonly fromPort: number; readonly toPort: number; readonly cidr: string }
  | { readonly kind: 'add-nat-route'; readonly routeTable: Id; readonly natGateway: Id | null }
  | { readonly kind: 'add-nat-gateway'; readonly vpc: Id; readonly publicSubnet: Id | null }
  | { readonly kind: 'add-route'; readonly routeTable: Id; readonly destination: string; readonly target: Id }
  | { readonly kind: 'attach-igw'; readonly gateway: Id | null; readonly vpc: Id }
  | { readonly kind: 'attach-vpc-execution-policy'; readonly role: Id }
  | { readonly kind: 'attach-vpc-config'; readonly function: Id }
  /** M1: a function that needs nothing private runs without VPC config (the finding LAMBDA_VPC_UNNEEDED). */
  | { readonly kind: 'remove-vpc-config'; readonly function: Id }
  | { readonly kind: 'other'; readonly component: Id | null };

export interface Fix {
  /** What to change, in words: "associate aws_vpc_endpoint.s3 with route table aws_route_table.private". */
  readonly description: string;
  readonly changes: readonly Change[];
}

export interface SubnetReach {
  readonly subnet: Id;
  readonly status: 'yes' | 'no' | 'unknown';
  readonly via: Via | null;
  readonly path: readonly Hop[];
  readonly blockedAt: Id | null;
  readonly reason: string | null;
  /** Reachability Analyzer explanation code or LAMBDA_* code of this subnet's result; null when reachable. */
  readonly code?: string | null;
}

export type DestinationKind = 'internet' | 'internet-ipv6' | 'aws-service' | 'target';

export interface DestinationReach {
  /** Key used in the CLI JSON: "internet", "s3", "dynamodb", "sqs"…, or a target's address. */
  readonly destination: string;
  readonly destinationKind: DestinationKind;
  /** Model object of a private target or service resource, if any. */
  readonly target: Id | null;
  readonly label: string;
  readonly status: ReachStatus;
  readonly via: Via | null;
  readonly blockedAt: Id | null;
  /**
   * Reachability Analyzer explanation code (NO_ROUTE_TO_DESTINATION…) or LAMBDA_* code; null when reachable.
   * Unknowns: LAMBDA_UNKNOWN_INPUT (a value the workspace does not define), CONDITIONAL_RESOURCE (an object
   * on the path is created only under a condition that cannot be decided statically) or VPCE_POLICY_DENIES (an
   * endpoint policy allows some of the actions the function is granted and refuses others).
   */
  readonly reason: string | null;
  /** Human-readable explanation of the reason (or of the unknown). */
  readonly explanation: string;
  /** The path through the first subnet that decides the status (a blocked one when status is no/partial). */
  readonly path: readonly Hop[];
  /** Alternatives: each fix alone makes the destination reachable. */
  readonly fixes: readonly Fix[];
  readonly bySubnet: readonly SubnetReach[];
  /**
   * Whether the function is known to need a network path to this destination (env vars, role policies, file
   * systems…), and why. A target named only by control-plane IAM actions is not needed (E1: those calls go to
   * the service's regional API); `neededBecause` then still lists the grants that name it.
   */
  readonly needed: boolean;
  readonly neededBecause: readonly string[];
  /**
   * Set when only security group rules link the function to this target (P3): nothing in its environment, role or
   * file systems names it. A rule says what a group's members may reach, not that each member does, so a blocked
   * path is a warning rather than an error.
   */
  readonly neededByRulesOnly?: true;
}

export interface FunctionReport {
  readonly function: Id;
  readonly vpcAttached: boolean;
  /** Lambda Managed Instances: the function runs on instances in the customer's subnets. */
  readonly managedInstances: boolean;
  readonly vpc: Maybe<Id> | null;
  readonly subnets: readonly Maybe<Id>[];
  readonly securityGroups: readonly Maybe<Id>[];
  /** Keys of the Hyperplane ENIs it uses. */
  readonly enis: readonly string[];
  readonly sharesEniWith: readonly Id[];
  readonly reach: readonly DestinationReach[];
  /** Set when the function is created only under an undecidable condition: it is analysed as if created. */
  readonly existence?: Unknown;
}

/** One Hyperplane ENI: a (subnet, exact security-group set) combination (H1). */
export interface HyperplaneEni {
  readonly key: string;
  readonly vpc: Maybe<Id>;
  /** The subnet's id; for a subnet known only by a symbol (a parameter, a literal id), a readable name of it. */
  readonly subnet: Id;
  /** Set when the subnet is not in the workspace but identified by a symbol (`subnet` is then not a model id). */
  readonly unknownSubnet?: Unknown;
  readonly securityGroups: readonly Id[];
  readonly functions: readonly Id[];
}

export type RuleId = string;

export interface FindingRelated {
  readonly component: Id | null;
  readonly origin: Origin;
  readonly message: string;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
  /** The model object the finding is about (usually a function). */
  readonly subject: Id;
  /**
   * Where the finding is shown: the function's vpc_config / VpcConfig when present, else its declaration's header
   * (always the header for a function on a capacity provider, whose network is the provider's).
   */
  readonly origin: Origin;
  readonly related: readonly FindingRelated[];
  readonly fixes: readonly Fix[];
  /**
   * What tells this finding apart from others of the same rule on the same subject (a destination key such as
   * "s3", the limit exceeded, a subnet's address); absent when a rule reports once per subject. Stable across
   * unrelated edits (no positions, no message text): SARIF fingerprints use it.
   */
  readonly key?: string;
}

export interface AnalysisOptions {
  readonly eniQuotaPerVpc: number;
  readonly unsupportedAvailabilityZones: readonly string[];
}

/** The frozen, indexed model (built by model/build.ts). */
export interface ModelView {
  get(id: Id): ModelObject | undefined;
  all<K extends ModelKind>(kind: K): readonly Extract<ModelObject, { kind: K }>[];
  readonly region: Maybe<string>;
}

export interface AnalysisResult {
  readonly functions: readonly FunctionReport[];
  readonly enis: readonly HyperplaneEni[];
  readonly findings: readonly Finding[];
  /** Problems met while analysing (unresolvable references…), reported like front-end problems. */
  readonly problems: readonly Problem[];
}
