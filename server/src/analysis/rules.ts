// The rules catalogue: stable ids (never reused), default severities, titles and the AWS rules
// (docs/aws-networking.md ids) each applies. Every rule has a page at docs/rules/<id>.md.

import type { Finding } from './types';

export interface RuleInfo {
  readonly id: string;
  readonly severity: Finding['severity'];
  readonly title: string;
  readonly summary: string;
  /** Rule ids of aws-networking.md the check applies. */
  readonly awsRules: readonly string[];
  /** Repository-relative path of the rule's page. */
  readonly doc: string;
}

function rule(id: string, severity: Finding['severity'], title: string, summary: string, awsRules: readonly string[]): RuleInfo {
  return Object.freeze({ id, severity, title, summary, awsRules: Object.freeze([...awsRules]), doc: `docs/rules/${id}.md` });
}

export const rules = Object.freeze({
  LAMBDA_NO_ROUTE_INTERNET: rule('LAMBDA_NO_ROUTE_INTERNET', 'error', 'Function cannot reach the internet', 'The function needs the internet but no path through NAT gateway and internet gateway works.', ['M3', 'E2', 'E3', 'E4', 'E11', 'E13']),
  LAMBDA_NO_ROUTE_S3: rule('LAMBDA_NO_ROUTE_S3', 'error', 'Function cannot reach Amazon S3', 'The function uses S3 but has neither a gateway/interface endpoint nor a NAT path that works.', ['E6', 'E7', 'E8']),
  LAMBDA_NO_ROUTE_DYNAMODB: rule('LAMBDA_NO_ROUTE_DYNAMODB', 'error', 'Function cannot reach DynamoDB', 'The function uses DynamoDB but has neither a gateway endpoint nor a NAT path that works.', ['E6', 'E7', 'E8']),
  LAMBDA_NO_ROUTE_AWS_SERVICE: rule('LAMBDA_NO_ROUTE_AWS_SERVICE', 'error', 'Function cannot reach an AWS service', 'The function calls an AWS service API but has neither an interface endpoint nor a NAT path that works.', ['E6', 'E9']),
  LAMBDA_NO_ROUTE_TARGET: rule('LAMBDA_NO_ROUTE_TARGET', 'error', 'Function cannot reach a private resource', 'Security groups, network ACLs or routes block the function from a database, cache, file system or instance it uses; for a function without VPC config, the public endpoint of a publicly accessible database or an internet-facing load balancer.', ['P2', 'P3', 'P6', 'P8', 'P10', 'P11', 'E1', 'E13']),
  LAMBDA_REACH_UNKNOWN: rule('LAMBDA_REACH_UNKNOWN', 'information', 'Reachability of a needed destination unknown', 'Whether the function reaches something it needs depends on values the workspace does not define (parameters, variables without defaults, data sources, modules not installed): the note says which and where.', ['M5']),
  LAMBDA_PARTIAL_REACH: rule('LAMBDA_PARTIAL_REACH', 'warning', 'Destination reachable from some subnets only', 'Lambda picks any configured subnet: invocations placed in the others fail.', ['M3', 'C4']),
  LAMBDA_PUBLIC_SUBNET_IGW: rule('LAMBDA_PUBLIC_SUBNET_IGW', 'warning', 'Function in a public subnet', 'A route to an internet gateway gives a Lambda ENI no internet access (no public IP): warning when the function relies on it for something it needs, error when it is the only way out for that, information when it needs nothing through it.', ['E2']),
  NAT_NO_INTERNET_PATH: rule('NAT_NO_INTERNET_PATH', 'error', 'NAT gateway cannot reach the internet', 'A public NAT gateway has no Elastic IP, or its subnet does not route 0.0.0.0/0 to an internet gateway attached to the VPC.', ['E3']),
  SG_NO_EGRESS: rule('SG_NO_EGRESS', 'error', 'Function security groups allow no egress', 'The function\'s security groups allow no egress: no egress rule (Terraform removes AWS\'s default allow-all egress of aws_security_group and of an adopted default group), or only CloudFormation\'s 127.0.0.1/32 rule that removes the default: the function can open no connection.', ['T3', 'P1']),
  CFN_EGRESS_NOT_RESTRICTED: rule('CFN_EGRESS_NOT_RESTRICTED', 'information', 'Egress rules do not restrict egress', 'Standalone egress rules are added on top of CloudFormation\'s default allow-all egress.', ['T3']),
  VPCE_PRIVATE_DNS_DISABLED: rule('VPCE_PRIVATE_DNS_DISABLED', 'warning', 'Interface endpoint without private DNS', 'SDK calls keep using the public hostname, so they need NAT instead of the endpoint.', ['E9', 'E10']),
  VPCE_VPC_DNS_DISABLED: rule('VPCE_VPC_DNS_DISABLED', 'error', 'VPC DNS attributes disabled for private DNS', 'Private DNS of an interface endpoint needs enableDnsSupport and enableDnsHostnames on the VPC.', ['E9', 'E10']),
  VPCE_POLICY_DENIES: rule('VPCE_POLICY_DENIES', 'warning', 'Endpoint policy refuses the function\'s requests', 'The policy of the gateway or interface endpoint the function\'s traffic goes through denies, or does not allow, an action on a resource its role grants.', ['E7', 'E9']),
  VPCE_SG_BLOCKS_FUNCTION: rule('VPCE_SG_BLOCKS_FUNCTION', 'error', 'Endpoint security group does not admit the function', 'The interface endpoint\'s security groups need TCP 443 ingress from the function\'s security group or subnet.', ['E9', 'P2']),
  VPCE_ENI_UNREACHABLE: rule('VPCE_ENI_UNREACHABLE', 'warning', 'Interface endpoint partly unreachable', 'Private DNS answers with every network interface of the endpoint, in every AZ, and the SDK may pick any of them: requests that pick one the function cannot reach (a network ACL or security group on its subnet) fail.', ['E9', 'P5', 'P6']),
  SUBNET_AZ_OUTSIDE_REGION: rule('SUBNET_AZ_OUTSIDE_REGION', 'warning', 'Subnets in an AZ of another Region', 'Subnets name Availability Zones of another Region than the one their VPC is analysed in: AWS would reject them, or the analysis Region is wrong (no provider region, a wrong hyperplaneLens.region or --region) and so are the results that depend on it.', []),
  SUBNET_OUTSIDE_VPC_CIDR: rule('SUBNET_OUTSIDE_VPC_CIDR', 'error', 'Subnet block outside its VPC\'s blocks', 'The subnet\'s IPv4 block is not inside the VPC\'s primary block or any associated secondary block: AWS rejects the subnet (InvalidSubnet.Range), and whatever uses it fails to deploy.', []),
  LAMBDA_SINGLE_AZ: rule('LAMBDA_SINGLE_AZ', 'warning', 'Function subnets in one Availability Zone', 'All configured subnets are in one AZ: no failover (Security Hub Lambda.5).', ['C4']),
  LAMBDA_VPC_CONFIG_INCOMPLETE: rule('LAMBDA_VPC_CONFIG_INCOMPLETE', 'error', 'VPC config has subnets without security groups (or the reverse)', 'AWS rejects the function: SubnetIds and SecurityGroupIds must both be set or both be empty.', ['C2']),
  LAMBDA_VPC_LIMITS: rule('LAMBDA_VPC_LIMITS', 'error', 'VPC config exceeds Lambda limits', 'At most 16 subnets and 5 security groups, all in one VPC.', ['C3']),
  LAMBDA_ROLE_MISSING_ENI_PERMISSIONS: rule('LAMBDA_ROLE_MISSING_ENI_PERMISSIONS', 'error', 'Execution role cannot manage ENIs', 'A VPC function\'s role needs ec2:CreateNetworkInterface, DescribeNetworkInterfaces and DeleteNetworkInterface (AWSLambdaVPCAccessExecutionRole); reported only when every policy of the role is known.', ['C1']),
  LAMBDA_EDGE_VPC: rule('LAMBDA_EDGE_VPC', 'error', 'Lambda@Edge function with VPC config', 'Lambda@Edge functions cannot access a VPC.', ['C6']),
  LAMBDA_EFS_NO_MOUNT_TARGET: rule('LAMBDA_EFS_NO_MOUNT_TARGET', 'error', 'No EFS mount target in the function\'s AZ', 'Mounting EFS needs a mount target in every AZ the function\'s subnets are in.', ['P13']),
  LAMBDA_ENI_QUOTA: rule('LAMBDA_ENI_QUOTA', 'warning', 'Hyperplane ENIs approach the VPC quota', 'Each distinct (subnet, security-group set) combination needs an ENI; the VPC quota is per VPC.', ['H1', 'H5']),
  LAMBDA_SUBNET_TINY: rule('LAMBDA_SUBNET_TINY', 'warning', 'Tiny subnet for Hyperplane ENIs', 'Each combination takes an address; small subnets run out (SubnetOutOfIPAddresses).', ['H6']),
  LAMBDA_VPC_UNNEEDED: rule('LAMBDA_VPC_UNNEEDED', 'information', 'VPC attachment without private needs', 'The function uses no private resource: without VPC config it would reach the internet and AWS APIs directly.', ['M1', 'E1', 'H5']),
  LAMBDA_PRIVATE_TARGET_WITHOUT_VPC: rule('LAMBDA_PRIVATE_TARGET_WITHOUT_VPC', 'error', 'Private resource used without VPC config', 'A function without VPC config cannot reach private addresses in a VPC.', ['M1', 'E1', 'P13', 'P14', 'P15']),
  LAMBDA_AZ_UNSUPPORTED: rule('LAMBDA_AZ_UNSUPPORTED', 'error', 'Subnet in an AZ Lambda does not support', 'The subnet is in an Availability Zone listed as unsupported for Lambda.', ['C5']),
  LAMBDA_DEDICATED_TENANCY: rule('LAMBDA_DEDICATED_TENANCY', 'error', 'VPC with dedicated tenancy', 'Functions cannot attach to a VPC with dedicated instance tenancy.', ['P12']),
  LAMBDA_NAT_OTHER_AZ: rule('LAMBDA_NAT_OTHER_AZ', 'warning', 'Function subnet uses a NAT gateway in another AZ', 'If the NAT gateway\'s AZ fails the subnet loses the internet, and its traffic crosses AZs (data transfer charges): use a NAT gateway per AZ. Information when the function needs nothing through it.', ['E4']),
  LAMBDA_CACHE_READER_PORT_BLOCKED: rule('LAMBDA_CACHE_READER_PORT_BLOCKED', 'warning', 'Serverless cache reader port blocked', 'The function reaches an ElastiCache Serverless cache on its primary port (6379, Memcached 11211) but a security group or network ACL blocks its reader port (6380, Memcached 11212): reads from replicas fail, and clients that connect to both ports may fail to connect.', ['P2', 'P5', 'P6', 'P15']),
  LAMBDA_CAPACITY_PROVIDER_VPC_CONFIG: rule('LAMBDA_CAPACITY_PROVIDER_VPC_CONFIG', 'information', 'VPC config on a Lambda Managed Instances function', 'The function runs on a capacity provider, whose VPC config places it; AWS documentation does not say whether the function\'s own VPC config is rejected or ignored: the analysis uses the capacity provider\'s.', ['M5']),
  NACL_EPHEMERAL_RANGE_NARROW: rule('NACL_EPHEMERAL_RANGE_NARROW', 'warning', 'NACL allows replies only on 32768–65535', 'Lambda\'s Hyperplane source ports are undocumented and NAT gateways use 1024–65535: allow the whole range.', ['P6', 'E5']),
});

export type KnownRuleId = keyof typeof rules;

export const ruleList: readonly RuleInfo[] = Object.freeze(Object.values(rules));
