// The vendor-neutral AWS network model. Front ends (Terraform, CloudFormation) emit these objects;
// model/build.ts indexes them, applies AWS's implicit defaults in one place and freezes the result.
// Nothing here knows which front end produced an object.
//
// Conventions:
// - `id` is unique in the whole model (front ends prefix it with their stack key); `address` is what the
//   user sees: the Terraform address as `terraform state list` prints it, or the CloudFormation logical id.
// - A reference to another model object is its `id` (type `Id`). A reference the workspace cannot resolve
//   (a literal "subnet-0abc", a variable without default, a data source) is an `Unknown` with the reason.
// - Objects that a resource creates implicitly (a VPC's main route table, default SG, default NACL) are
//   created by model/build.ts, not by front ends; front ends refer to them through `implicitRef()`.

import type { Maybe, Origin, Unknown } from './origin';

export type Id = string;

/** Refers to a VPC's implicit object: its main route table, default security group or default network ACL. */
export function implicitRef(vpcId: Id, which: 'main-route-table' | 'default-security-group' | 'default-network-acl'): Id {
  return `${vpcId}#${which}`;
}

export interface Base {
  readonly id: Id;
  readonly address: string;
  /** The stack the object belongs to: a Terraform root module folder or a template path. */
  readonly stack: string;
  readonly origin: Origin;
  /**
   * Set when whether the object is created cannot be decided statically: a CloudFormation `Condition` that
   * depends on a parameter without Default, a Terraform `count = var.x ? 1 : 0` whose condition is unknown.
   * The reason says what creation depends on ("created only if Condition UseNat is true, which …"). Absent:
   * the object is created. The analysis never answers a certain yes through, or a certain no because of, such
   * an object (reason code CONDITIONAL_RESOURCE).
   */
  readonly existence?: Unknown;
  /**
   * The Region the object is created in, when the code puts it somewhere other than the stack's Region
   * (FrontendOutput.region / NetworkModel.region): a Terraform provider alias (`provider = aws.west`), a
   * module given another provider, or the AWS provider v6 `region` argument. Absent: the stack's Region.
   * Objects in different Regions never share a VPC, a route or an endpoint.
   */
  readonly region?: Maybe<string>;
}

export type RefList = Maybe<readonly Maybe<Id>[]>;

// ---------------------------------------------------------------- VPC structure

export interface Vpc extends Base {
  readonly kind: 'vpc';
  readonly cidrBlocks: readonly Maybe<string>[]; // primary first, then secondary (aws_vpc_ipv4_cidr_block_association)
  readonly ipv6CidrBlocks: readonly Maybe<string>[];
  readonly enableDnsSupport: Maybe<boolean>;
  readonly enableDnsHostnames: Maybe<boolean>;
  readonly instanceTenancy: Maybe<string>;
}

/** aws_vpc_ipv4_cidr_block_association / AWS::EC2::VPCCidrBlock */
export interface VpcCidrAssociation extends Base {
  readonly kind: 'vpc-cidr';
  readonly vpc: Maybe<Id>;
  readonly cidrBlock: Maybe<string> | null;
  readonly ipv6CidrBlock: Maybe<string> | null;
}

export interface Subnet extends Base {
  readonly kind: 'subnet';
  readonly vpc: Maybe<Id>;
  readonly cidrBlock: Maybe<string>;
  readonly ipv6CidrBlock: Maybe<string> | null;
  /** AZ name ("us-east-1a") or an unknown with a symbol ("AZ 1 of the Region") so AZs can still be compared. */
  readonly availabilityZone: Maybe<string>;
  readonly mapPublicIpOnLaunch: Maybe<boolean>;
}

export interface RouteTable extends Base {
  readonly kind: 'route-table';
  readonly vpc: Maybe<Id>;
  /** True for aws_default_route_table (adopts and replaces the VPC's main route table). */
  readonly adoptsMainRouteTable: boolean;
}

export type RouteTargetKind =
  | 'internet-gateway'
  | 'nat-gateway'
  | 'egress-only-internet-gateway'
  | 'vpc-peering'
  | 'transit-gateway'
  | 'vpc-endpoint' // Gateway Load Balancer endpoints only (gateway endpoints add their own routes)
  | 'network-interface'
  | 'instance'
  | 'virtual-private-gateway'
  | 'carrier-gateway'
  | 'local-gateway'
  | 'core-network'
  | 'local'
  | 'unknown';

export interface RouteTarget {
  readonly kind: RouteTargetKind;
  readonly ref: Maybe<Id>;
}

export type RouteDestination =
  | { readonly kind: 'ipv4'; readonly cidr: Maybe<string> }
  | { readonly kind: 'ipv6'; readonly cidr: Maybe<string> }
  | { readonly kind: 'prefix-list'; readonly prefixList: PrefixListRef };

/** A route, inline in a table or standalone (aws_route / AWS::EC2::Route). */
export interface Route extends Base {
  readonly kind: 'route';
  readonly routeTable: Maybe<Id>;
  readonly destination: RouteDestination;
  readonly target: RouteTarget;
  readonly inline: boolean;
}

export interface RouteTableAssociation extends Base {
  readonly kind: 'route-table-association';
  readonly subnet: Maybe<Id>;
  readonly routeTable: Maybe<Id>;
  /**
   * Edge association (aws_route_table_association `gateway_id`, AWS::EC2::GatewayRouteTableAssociation): the
   * internet or virtual private gateway whose incoming traffic this gateway route table routes. `subnet` is
   * then an unknown saying so: no subnet uses the table through this association.
   */
  readonly gateway?: Maybe<Id>;
}

/** aws_main_route_table_association: replaces a VPC's main route table. */
export interface MainRouteTableAssociation extends Base {
  readonly kind: 'main-route-table-association';
  readonly vpc: Maybe<Id>;
  readonly routeTable: Maybe<Id>;
}

// ---------------------------------------------------------------- gateways and endpoints

export interface InternetGateway extends Base {
  readonly kind: 'internet-gateway';
  /** Terraform `vpc_id` on the gateway itself; CloudFormation always uses a separate attachment (null here). */
  readonly vpc: Maybe<Id> | null;
}

/** aws_internet_gateway_attachment / AWS::EC2::VPCGatewayAttachment (also used for VPN gateways). */
export interface GatewayAttachment extends Base {
  readonly kind: 'gateway-attachment';
  readonly gateway: Maybe<Id>;
  readonly vpc: Maybe<Id>;
}

export interface EgressOnlyInternetGateway extends Base {
  readonly kind: 'egress-only-internet-gateway';
  readonly vpc: Maybe<Id>;
}

export interface NatGateway extends Base {
  readonly kind: 'nat-gateway';
  /** Zonal NAT gateways live in one subnet; regional ones have none. */
  readonly subnet: Maybe<Id> | null;
  readonly vpc: Maybe<Id> | null; // regional NAT gateways name their VPC
  readonly connectivityType: Maybe<'public' | 'private'>;
  readonly availabilityMode: Maybe<'zonal' | 'regional'>;
  /** Has an Elastic IP allocation (public NAT gateways need one). */
  readonly hasElasticIp: Maybe<boolean>;
  /**
   * Regional NAT gateways only (E4): the AZs (names or ids) of the `availability_zone_address` blocks /
   * `AvailabilityZoneAddresses` entries in manual mode; absent or null in automatic mode, where the gateway
   * follows the VPC's subnets into every AZ.
   */
  readonly availabilityZones?: Maybe<readonly Maybe<string>[]> | null;
}

/** A managed prefix list as referenced by routes and SG rules. */
export type PrefixListRef =
  | { readonly kind: 'service'; readonly service: string } // the AWS-managed list of a service (s3, dynamodb)
  | { readonly kind: 'endpoint'; readonly endpoint: Id } // aws_vpc_endpoint.x.prefix_list_id
  | { readonly kind: 'literal'; readonly id: string } // "pl-…" literally
  | { readonly kind: 'object'; readonly ref: Id } // a customer-managed prefix list in the model
  | { readonly kind: 'unknown'; readonly value: Maybe<string> };

export interface ManagedPrefixList extends Base {
  readonly kind: 'prefix-list';
  readonly entries: readonly Maybe<string>[];
}

export interface VpcEndpoint extends Base {
  readonly kind: 'vpc-endpoint';
  readonly vpc: Maybe<Id>;
  /** Full service name, e.g. "com.amazonaws.us-east-1.s3". */
  readonly serviceName: Maybe<string>;
  /** Short service name derived from serviceName ("s3", "dynamodb", "secretsmanager", "execute-api"…). */
  readonly service: Maybe<string>;
  readonly endpointType: Maybe<'Gateway' | 'Interface' | 'GatewayLoadBalancer'>;
  readonly routeTables: RefList;
  readonly subnets: RefList;
  /** Empty list: the VPC's default security group applies (E9). */
  readonly securityGroups: RefList;
  readonly privateDnsEnabled: Maybe<boolean>;
  /**
   * Interface endpoints of services that also have gateway endpoints (S3, DynamoDB): private DNS only for inbound
   * Resolver endpoints, so that requests from the VPC itself take the gateway endpoint (Terraform
   * `dns_options.private_dns_only_for_inbound_resolver_endpoint`, CloudFormation `DnsOptions`). Absent: not written.
   */
  readonly privateDnsOnlyForInboundResolver?: Maybe<boolean>;
  /** The endpoint policy document, null for the default full-access policy. */
  readonly policy: Maybe<PolicyDocument> | null;
}

/** aws_vpc_endpoint_route_table_association / aws_vpc_endpoint_subnet_association / …security_group_association */
export interface VpcEndpointAssociation extends Base {
  readonly kind: 'vpc-endpoint-association';
  readonly endpoint: Maybe<Id>;
  readonly routeTable?: Maybe<Id>;
  readonly subnet?: Maybe<Id>;
  readonly securityGroup?: Maybe<Id>;
}

export interface VpcPeeringConnection extends Base {
  readonly kind: 'vpc-peering';
  readonly vpc: Maybe<Id>;
  readonly peerVpc: Maybe<Id>;
  /** Whether the declaration itself gets the request accepted (P10); absent: taken as accepted (active). */
  readonly acceptance?: PeeringAcceptance;
}

/**
 * Whether a peering request is accepted by its own declaration (P10: only an active, i.e. accepted, connection
 * carries traffic; a request waits in pending-acceptance until the accepter VPC's owner accepts it). A
 * `vpc-peering-accepter` naming the connection may still accept it when this says false or unknown.
 */
export interface PeeringAcceptance {
  /**
   * true: accepted (Terraform `auto_accept = true`, CloudFormation within one account or with PeerRoleArn);
   * false: stays pending-acceptance unless something in the model accepts it; unknown: acceptance depends on
   * values the workspace does not define or on another account (the reason says which).
   */
  readonly accepted: Maybe<boolean>;
  /** Why, in words a hover or a hop can show ("auto_accept is not set: …"). */
  readonly why: string;
  /** Changes that would get it accepted, in the front end's terms ("set auto_accept = true on …"). */
  readonly fixes: readonly string[];
}

/** aws_vpc_peering_connection_accepter: the accepter's side of a peering connection (P10). */
export interface VpcPeeringAccepter extends Base {
  readonly kind: 'vpc-peering-accepter';
  /** The connection it manages. */
  readonly connection: Maybe<Id>;
  /** `auto_accept` (default false): whether it accepts the pending request. */
  readonly autoAccept: Maybe<boolean>;
}

/** A transit gateway VPC attachment: one ENI per subnet listed, at most one subnet per AZ (P11). */
export interface TransitGatewayAttachment extends Base {
  readonly kind: 'transit-gateway-attachment';
  readonly transitGateway: Maybe<Id>;
  readonly vpc: Maybe<Id>;
  readonly subnets: RefList;
  /** Terraform `transit_gateway_default_route_table_association` (default true); CloudFormation has none (absent). */
  readonly defaultRouteTableAssociation?: Maybe<boolean>;
  /** Terraform `transit_gateway_default_route_table_propagation` (default true); CloudFormation has none (absent). */
  readonly defaultRouteTablePropagation?: Maybe<boolean>;
  /** `security_group_referencing_support` / Options.SecurityGroupReferencingSupport of the attachment (P3). */
  readonly securityGroupReferencing?: Maybe<boolean>;
}

export interface TransitGateway extends Base {
  readonly kind: 'transit-gateway';
  /** `default_route_table_association` / DefaultRouteTableAssociation "enable" (the default): new attachments join the default route table. */
  readonly defaultRouteTableAssociation?: Maybe<boolean>;
  /** `default_route_table_propagation` / DefaultRouteTablePropagation "enable" (the default). */
  readonly defaultRouteTablePropagation?: Maybe<boolean>;
  /** `security_group_referencing_support` / SecurityGroupReferencingSupport, "disable" by default (P3). */
  readonly securityGroupReferencing?: Maybe<boolean>;
}

/** The default route table model/build.ts creates for a transit gateway with default association or propagation. */
export function transitGatewayDefaultRouteTable(transitGateway: Id): Id {
  return `${transitGateway}#default-route-table`;
}

/** aws_ec2_transit_gateway_route_table / AWS::EC2::TransitGatewayRouteTable, or a gateway's default table. */
export interface TransitGatewayRouteTable extends Base {
  readonly kind: 'transit-gateway-route-table';
  readonly transitGateway: Maybe<Id>;
  /** The implicit default route table (created by model/build.ts). */
  readonly isDefault: boolean;
}

/** aws_ec2_transit_gateway_route_table_association / AWS::EC2::TransitGatewayRouteTableAssociation: the table that routes an attachment's traffic. */
export interface TransitGatewayAssociation extends Base {
  readonly kind: 'transit-gateway-association';
  readonly attachment: Maybe<Id>;
  /** A route table, or a transit gateway id standing for its default route table. */
  readonly routeTable: Maybe<Id>;
}

/** aws_ec2_transit_gateway_route_table_propagation / …TransitGatewayRouteTablePropagation: the attachment's VPC CIDRs become routes of the table. */
export interface TransitGatewayPropagation extends Base {
  readonly kind: 'transit-gateway-propagation';
  readonly attachment: Maybe<Id>;
  /** A route table, or a transit gateway id standing for its default route table. */
  readonly routeTable: Maybe<Id>;
}

/** aws_ec2_transit_gateway_route / AWS::EC2::TransitGatewayRoute: a static route, to an attachment or a blackhole. */
export interface TransitGatewayRoute extends Base {
  readonly kind: 'transit-gateway-route';
  /** A route table, or a transit gateway id standing for its default route table. */
  readonly routeTable: Maybe<Id>;
  readonly destination: Maybe<string>;
  /** null for a blackhole route. */
  readonly attachment: Maybe<Id> | null;
  readonly blackhole: Maybe<boolean>;
}

/** VPC Block Public Access settings (E13) */
export interface BlockPublicAccess extends Base {
  readonly kind: 'block-public-access';
  readonly mode: Maybe<'block-bidirectional' | 'block-ingress' | 'off'>;
}

/**
 * A VPC Block Public Access exclusion (E13): exempts one VPC or one subnet from the account's BPA mode in its
 * Region (aws_vpc_block_public_access_exclusion / AWS::EC2::VPCBlockPublicAccessExclusion). AWS takes exactly
 * one of the VPC and the subnet; null: not written.
 */
export interface BlockPublicAccessExclusion extends Base {
  readonly kind: 'block-public-access-exclusion';
  readonly vpc: Maybe<Id> | null;
  readonly subnet: Maybe<Id> | null;
  /** allow-bidirectional: traffic both ways; allow-egress: outbound only (applies in bidirectional mode). */
  readonly mode: Maybe<'allow-bidirectional' | 'allow-egress'>;
}

// ---------------------------------------------------------------- filters

export interface SecurityGroup extends Base {
  readonly kind: 'security-group';
  readonly vpc: Maybe<Id>;
  readonly name: Maybe<string>;
  /**
   * What egress the group has before any declared rule: Terraform's aws_security_group removes AWS's
   * allow-all egress ('none'); CloudFormation keeps it unless egress is declared inline ('allow-all') (T3).
   */
  readonly implicitEgress: 'allow-all' | 'none';
  /** aws_default_security_group / the adopted default SG: its rules are exactly the declared ones. */
  readonly adoptsDefaultOf: Maybe<Id> | null;
}

export type SgPeer =
  | { readonly kind: 'ipv4'; readonly cidr: Maybe<string> }
  | { readonly kind: 'ipv6'; readonly cidr: Maybe<string> }
  | { readonly kind: 'security-group'; readonly group: Maybe<Id> }
  | { readonly kind: 'prefix-list'; readonly prefixList: PrefixListRef };

export interface SecurityGroupRule extends Base {
  readonly kind: 'security-group-rule';
  readonly group: Maybe<Id>;
  readonly direction: 'ingress' | 'egress';
  /** '-1' (all), 'tcp', 'udp', 'icmp', 'icmpv6' or an IANA protocol number as a string. */
  readonly protocol: Maybe<string>;
  readonly fromPort: Maybe<number>;
  readonly toPort: Maybe<number>;
  readonly peer: SgPeer;
  readonly inline: boolean;
}

export interface NetworkAcl extends Base {
  readonly kind: 'network-acl';
  readonly vpc: Maybe<Id>;
  /** aws_default_network_acl: adopts the VPC's default NACL and replaces its rules. */
  readonly adoptsDefaultOf: Maybe<Id> | null;
}

export interface NetworkAclEntry extends Base {
  readonly kind: 'network-acl-entry';
  readonly acl: Maybe<Id>;
  readonly ruleNumber: Maybe<number>;
  readonly egress: boolean;
  readonly action: Maybe<'allow' | 'deny'>;
  readonly protocol: Maybe<string>;
  readonly cidr: Maybe<string> | null;
  readonly ipv6Cidr: Maybe<string> | null;
  readonly fromPort: Maybe<number>;
  readonly toPort: Maybe<number>;
  readonly inline: boolean;
}

export interface NetworkAclAssociation extends Base {
  readonly kind: 'network-acl-association';
  readonly acl: Maybe<Id>;
  readonly subnet: Maybe<Id>;
}

// ---------------------------------------------------------------- Lambda

export interface VpcConfig {
  readonly subnets: RefList;
  readonly securityGroups: RefList;
  readonly ipv6AllowedForDualStack: Maybe<boolean>;
  /** Where the config is written (vpc_config block / VpcConfig key), for diagnostics. */
  readonly origin: Origin;
  /** SAM Globals contributed to this config (shown in hovers). */
  readonly inheritedFromGlobals?: boolean;
}

export interface EnvironmentVariable {
  readonly name: string;
  readonly value: Maybe<string>;
  /** Model objects the value refers to (bucket, table, queue, DB endpoint, secret…). */
  readonly refs: readonly Id[];
  /**
   * Resources of an AWS service the value names that no model object stands for (the Secrets Manager secret RDS
   * manages for a master user), with the words for them: the function calls that service's API (E1).
   */
  readonly services?: readonly { readonly service: string; readonly what: string }[];
}

export interface LambdaFunction extends Base {
  readonly kind: 'lambda-function';
  readonly functionName: Maybe<string>;
  /** null: no VPC config (the function stays in the Lambda service VPC only). */
  readonly vpcConfig: VpcConfig | null;
  readonly role: Maybe<Id> | null;
  /** Policies that belong to the function itself (SAM `Policies`, generated role). */
  readonly policies: readonly PolicyDocument[];
  /** SAM generated roles and their managed policy ARNs. */
  readonly managedPolicyArns: readonly Maybe<string>[];
  readonly environment: readonly EnvironmentVariable[];
  /**
   * Why the environment map as a whole cannot be read (a variable without a value, a parameter, a condition):
   * its variables, and the hosts they may name, are unknown. Absent when the map (or its absence) is known.
   */
  readonly environmentUnknown?: string;
  readonly fileSystems: readonly { readonly accessPointOrFileSystem: Maybe<Id>; readonly localMountPath: Maybe<string> }[];
  /** Lambda Managed Instances: the capacity provider it runs on. */
  readonly capacityProvider: Maybe<Id> | null;
  /** Associated with CloudFront as Lambda@Edge (C6). */
  readonly edge: boolean;
  /** Other model objects the function's code or configuration refers to (DB proxy, layers excluded). */
  readonly refs: readonly Id[];
  /** Memory in MB (MemorySize / memory_size; AWS's default 128 when not set). Absent: the front end does not read it. */
  readonly memorySize?: Maybe<number>;
  /**
   * Reserved concurrency (ReservedConcurrentExecutions / reserved_concurrent_executions); null when none is
   * reserved (Terraform's -1). Absent: the front end does not read it. Shown in hovers (H9 estimate).
   */
  readonly reservedConcurrency?: Maybe<number> | null;
}

/** Lambda Managed Instances capacity provider: its functions run on instances in these subnets. */
export interface CapacityProvider extends Base {
  readonly kind: 'capacity-provider';
  readonly vpcConfig: VpcConfig | null;
}

/** aws_lambda_event_source_mapping / SAM Events / AWS::Lambda::EventSourceMapping */
export interface EventSourceMapping extends Base {
  readonly kind: 'event-source-mapping';
  readonly function: Maybe<Id>;
  readonly source: Maybe<Id>;
  readonly sourceService: Maybe<string>; // sqs, kinesis, dynamodb, kafka, mq, docdb…
}

/** CloudFront association / aws_lambda_permission etc. that mark a function as invoked by something. */
export interface LambdaPermission extends Base {
  readonly kind: 'lambda-permission';
  readonly function: Maybe<Id>;
  readonly principal: Maybe<string>;
}

// ---------------------------------------------------------------- IAM

/** An ARN pattern, a reference to a model object (the suffix of `${bucket.arn}/*` is not kept), or unknown. */
export type PolicyValue = Maybe<string> | {
  readonly ref: Id;
  /**
   * The attribute the reference reads, where the front end keeps it (Condition values): Terraform `arn`, `name`…,
   * CloudFormation `Arn`, or `Ref` for `!Ref`. A role's name is never its ARN (aws:PrincipalArn conditions).
   */
  readonly attribute?: string;
};

/** One type of a Principal element: `"*"` is `{ type: '*', values: ['*'] }`; else "AWS", "Service"… with its values. */
export interface PolicyPrincipal {
  readonly type: string;
  readonly values: readonly PolicyValue[];
}

/** One key of a Condition block: `{ "StringEquals": { "aws:SourceVpc": "vpc-1" } }` → operator, key, values. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly PolicyValue[];
}

export interface PolicyStatement {
  readonly effect: Maybe<'Allow' | 'Deny'>;
  readonly actions: readonly Maybe<string>[];
  readonly notActions?: readonly Maybe<string>[];
  /** A resource is an ARN pattern, a reference to a model object, or unknown. */
  readonly resources: readonly (Maybe<string> | { readonly ref: Id })[];
  /** NotResource: the statement covers every resource except these (`resources` is then empty). */
  readonly notResources?: readonly PolicyValue[];
  readonly sid?: string;
  /** Principal of a resource-based policy (endpoint policy…); absent when the statement has none. */
  readonly principals?: Maybe<readonly PolicyPrincipal[]>;
  readonly notPrincipals?: Maybe<readonly PolicyPrincipal[]>;
  /** The Condition block; absent when the statement has none. */
  readonly conditions?: Maybe<readonly PolicyCondition[]>;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
  readonly origin?: Origin;
}

export interface IamRole extends Base {
  readonly kind: 'iam-role';
  readonly inlinePolicies: readonly PolicyDocument[];
  readonly managedPolicyArns: readonly Maybe<string>[];
}

export interface IamPolicy extends Base {
  readonly kind: 'iam-policy';
  readonly document: Maybe<PolicyDocument>;
  /**
   * The AWS managed policy (ARN) whose document this policy copies (Terraform `policy =
   * data.aws_iam_policy.x.policy` with an AWS managed `arn`): it grants what that managed policy grants.
   */
  readonly copiesManagedPolicy?: string;
  /**
   * For a resource-based policy (an S3 bucket policy): the resource it is attached to. `roles` is then
   * empty; its statements' principals say whom it grants (what a function may ask of that resource).
   */
  readonly resource?: Maybe<Id>;
  /** Roles this policy is attached to in the same resource (CloudFormation `Roles`, inline aws_iam_role_policy). */
  readonly roles: RefList;
}

/**
 * aws_iam_role_policy_attachment: a role and a policy. The policy is a model object id when the policy is in
 * the workspace, else its ARN (an AWS managed policy such as AWSLambdaVPCAccessExecutionRole).
 */
export interface RolePolicyAttachment extends Base {
  readonly kind: 'role-policy-attachment';
  readonly role: Maybe<Id>;
  readonly policy: Maybe<string>;
}

// ---------------------------------------------------------------- what functions talk to

export type TargetKind =
  | 'rds-instance'
  | 'rds-cluster'
  | 'rds-proxy'
  | 'elasticache'
  | 'memorydb'
  | 'efs-file-system'
  | 'efs-mount-target'
  | 'ec2-instance'
  | 'load-balancer'
  | 'docdb-cluster'
  | 'mq-broker'
  | 'msk-cluster'
  | 'opensearch'
  | 'vpc-lattice-service' // reached over a service-network association, not routes (parent: none; port: its listener's)
  | 'other';

/** A private resource reached through the VPC, with its network placement. */
export interface Target extends Base {
  readonly kind: 'target';
  readonly targetKind: TargetKind;
  readonly subnets: RefList;
  /** A DB/cache subnet group that lists the subnets (resolved by the analysis). */
  readonly subnetGroup: Maybe<Id> | null;
  /** Empty list: the VPC default SG applies. */
  readonly securityGroups: RefList;
  readonly port: Maybe<number>;
  /**
   * ElastiCache Serverless only: the second port the cache listens on, for reads from replicas (Redis OSS and
   * Valkey 6380, Memcached 11212; `port` is the primary one). Unknown when the engine is. Absent: one port.
   */
  readonly readerPort?: Maybe<number>;
  readonly publiclyAccessible: Maybe<boolean>;
  /**
   * RDS only, when the code leaves PubliclyAccessible unset and AWS, not the IaC tool, picks the default
   * (CloudFormation; Terraform's provider always sends false): the instance is public when the VPC of its subnet
   * group has an internet gateway attached (CreateDBInstance). `publiclyAccessible` is then unknown with that
   * reason, and the analysis decides from the model (analysis/publicEndpoint.ts publicAccess).
   */
  readonly publicByDefault?: 'if-vpc-has-internet-gateway';
  /** For EFS mount targets: the file system; for proxies: the database; for cluster instances: the cluster. */
  readonly parent: Maybe<Id> | null;
  /** Aurora Serverless v1 Data API, for example, lives outside the VPC. */
  readonly serverlessDataApi?: boolean;
  /**
   * A Network Load Balancer created without security groups: no security group filters at it (the VPC's default
   * group does not apply, and none can be added later). Absent: `securityGroups` apply as documented above.
   */
  readonly unfiltered?: true;
}

/**
 * VPC Lattice: a service network association, of a VPC (AWS::VpcLattice::ServiceNetworkVpcAssociation /
 * aws_vpclattice_service_network_vpc_association, with its security groups) or of a service
 * (…ServiceNetworkServiceAssociation). Clients in an associated VPC reach the network's services.
 */
export interface LatticeAssociation extends Base {
  readonly kind: 'lattice-association';
  readonly serviceNetwork: Maybe<Id>;
  /** The associated VPC, or null for a service association. */
  readonly vpc: Maybe<Id> | null;
  /** The associated service, or null for a VPC association. */
  readonly service: Maybe<Id> | null;
  /** A VPC association's security groups; empty: the association does not filter. */
  readonly securityGroups: RefList;
}

/**
 * aws_db_proxy_target / AWS::RDS::DBProxyTargetGroup: the database (an RDS instance or an Aurora cluster) an
 * RDS Proxy connects to (P14). model/build.ts folds it into the proxy target's `parent`, so the proxy is what
 * functions reach and the database is what the proxy reaches.
 */
export interface DbProxyTarget extends Base {
  readonly kind: 'db-proxy-target';
  readonly proxy: Maybe<Id>;
  /** DB instances and clusters of the target group (AWS allows one instance or one cluster). */
  readonly databases: RefList;
}

export interface SubnetGroup extends Base {
  readonly kind: 'subnet-group';
  readonly subnets: RefList;
}

/** A regional AWS service resource outside every VPC (bucket, table, queue, topic, secret, key, parameter…). */
export interface ServiceResource extends Base {
  readonly kind: 'service-resource';
  /** Endpoint service name: "s3", "dynamodb", "sqs", "sns", "secretsmanager", "kms", "ssm", "logs", "lambda", "kinesis", "states", "events"… */
  readonly service: string;
  readonly resourceName: Maybe<string>;
}

export type ModelObject =
  | Vpc
  | VpcCidrAssociation
  | Subnet
  | RouteTable
  | Route
  | RouteTableAssociation
  | MainRouteTableAssociation
  | InternetGateway
  | GatewayAttachment
  | EgressOnlyInternetGateway
  | NatGateway
  | ManagedPrefixList
  | VpcEndpoint
  | VpcEndpointAssociation
  | VpcPeeringConnection
  | VpcPeeringAccepter
  | TransitGateway
  | TransitGatewayAttachment
  | TransitGatewayRouteTable
  | TransitGatewayAssociation
  | TransitGatewayPropagation
  | TransitGatewayRoute
  | BlockPublicAccess
  | BlockPublicAccessExclusion
  | SecurityGroup
  | SecurityGroupRule
  | NetworkAcl
  | NetworkAclEntry
  | NetworkAclAssociation
  | LambdaFunction
  | CapacityProvider
  | EventSourceMapping
  | LambdaPermission
  | IamRole
  | IamPolicy
  | RolePolicyAttachment
  | Target
  | SubnetGroup
  | DbProxyTarget
  | ServiceResource
  | LatticeAssociation;

export type ModelKind = ModelObject['kind'];

/** What a front end hands to model/build.ts. */
export interface FrontendOutput {
  readonly objects: readonly ModelObject[];
  readonly problems: readonly import('./origin').Problem[];
  /** The Region the stack is deployed to, when the code says (provider block, CLI flag, setting). */
  readonly region: Maybe<string>;
  /** Stacks this output covers (Terraform root folders, template paths). */
  readonly stacks: readonly string[];
  /** Declared resources that create no instance (count 0, empty for_each), so fixes can point at them. */
  readonly notCreated?: readonly NotCreated[];
}

/** A declared resource with zero instances: `count = var.enable_nat ? 1 : 0` with enable_nat = false. */
export interface NotCreated {
  /** Resource address without instance key (aws_nat_gateway.nat, module.x.aws_route.r). */
  readonly address: string;
  /** Resource type (aws_nat_gateway). */
  readonly resourceType: string;
  /** Why: "count = var.enable_nat ? 1 : 0 is 0". */
  readonly reason: string;
  /** The change that creates it, when simple ("set enable_nat = true"); null otherwise. */
  readonly hint: string | null;
  readonly origin: import('./origin').Origin;
}
