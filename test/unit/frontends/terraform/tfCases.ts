// Data for readTerraform.test.ts: multi-file fixtures and the model objects / problems they must produce,
// rendered by renderObjects (ids without the stack prefix, origins omitted).

import { association, route, routeTable } from '../../support/terraformPieces';

export interface TfCase {
  readonly name: string;
  readonly fixture: string;
  readonly options?: { readonly region?: string; readonly varFiles?: readonly string[]; readonly roots?: readonly string[] };
  /** Only these model kinds are rendered (all when absent). */
  readonly kinds?: readonly string[];
  readonly objects: string;
  /** `code severity message` lines of the problems (sorted); omitted: not checked. */
  readonly problems?: string;
}

export const tfCases: readonly TfCase[] = [
  {
    name: 'VPC defaults, subnets with count and for_each, symbolic AZs',
    fixture: `
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
variable "azs" { default = ["eu-west-1a", "eu-west-1b"] }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = var.azs[count.index]
}
resource "aws_subnet" "named" {
  for_each          = { a = 10, b = 11 }
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.\${each.value}.0/24"
  availability_zone = data.aws_availability_zones.available.names[each.value - 10]
}
data "aws_availability_zones" "available" {}
`,
    objects: `
subnet aws_subnet.named["a"] vpc="aws_vpc.main" cidrBlock="10.0.10.0/24" ipv6CidrBlock=null availabilityZone=?{az-list:data.aws_availability_zones.available[0]} mapPublicIpOnLaunch=false
subnet aws_subnet.named["b"] vpc="aws_vpc.main" cidrBlock="10.0.11.0/24" ipv6CidrBlock=null availabilityZone=?{az-list:data.aws_availability_zones.available[1]} mapPublicIpOnLaunch=false
subnet aws_subnet.private[0] vpc="aws_vpc.main" cidrBlock="10.0.0.0/24" ipv6CidrBlock=null availabilityZone="eu-west-1a" mapPublicIpOnLaunch=false
subnet aws_subnet.private[1] vpc="aws_vpc.main" cidrBlock="10.0.1.0/24" ipv6CidrBlock=null availabilityZone="eu-west-1b" mapPublicIpOnLaunch=false
vpc aws_vpc.main cidrBlocks=["10.0.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default"`,
    problems: '',
  },
  {
    name: 'local modules: inputs, outputs, count and for_each instances',
    fixture: `
//- /w/main.tf
module "net" {
  source = "./modules/net"
  cidr   = "10.1.0.0/16"
  azs    = ["us-east-1a", "us-east-1b"]
}
module "extra" {
  count  = 1
  source = "./modules/sg"
  vpc_id = module.net.vpc_id
}
module "byname" {
  for_each = toset(["api"])
  source   = "./modules/sg"
  vpc_id   = module.net.vpc_id
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = module.net.private_subnets
    security_group_ids = [module.extra[0].sg_id, module.byname["api"].sg_id]
  }
}
//- /w/modules/net/main.tf
variable "cidr" {}
variable "azs" { type = list(string) }
resource "aws_vpc" "this" { cidr_block = var.cidr }
resource "aws_subnet" "private" {
  for_each          = toset(var.azs)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr, 8, index(var.azs, each.key))
  availability_zone = each.value
}
output "vpc_id" { value = aws_vpc.this.id }
output "private_subnets" { value = [for s in aws_subnet.private : s.id] }
//- /w/modules/sg/main.tf
variable "vpc_id" {}
resource "aws_security_group" "this" {
  name   = "sg-\${path.module == "" ? "x" : terraform.workspace}"
  vpc_id = var.vpc_id
}
output "sg_id" { value = aws_security_group.this.id }
`,
    kinds: ['lambda-function', 'subnet', 'security-group'],
    objects: `
lambda-function aws_lambda_function.f functionName="f" vpcConfig={subnets: ["module.net.aws_subnet.private[\\"us-east-1a\\"]", "module.net.aws_subnet.private[\\"us-east-1b\\"]"], securityGroups: ["module.extra[0].aws_security_group.this", "module.byname[\\"api\\"].aws_security_group.this"], ipv6AllowedForDualStack: false} role=null policies=[] managedPolicyArns=[] environment=[] fileSystems=[] capacityProvider=null edge=false refs=[] memorySize=128 reservedConcurrency=null
security-group module.byname["api"].aws_security_group.this vpc="module.net.aws_vpc.this" name="sg-default" implicitEgress="none" adoptsDefaultOf=null
security-group module.extra[0].aws_security_group.this vpc="module.net.aws_vpc.this" name="sg-default" implicitEgress="none" adoptsDefaultOf=null
subnet module.net.aws_subnet.private["us-east-1a"] vpc="module.net.aws_vpc.this" cidrBlock="10.1.0.0/24" ipv6CidrBlock=null availabilityZone="us-east-1a" mapPublicIpOnLaunch=false
subnet module.net.aws_subnet.private["us-east-1b"] vpc="module.net.aws_vpc.this" cidrBlock="10.1.1.0/24" ipv6CidrBlock=null availabilityZone="us-east-1b" mapPublicIpOnLaunch=false`,
    problems: '',
  },
  {
    name: 'tfvars precedence: terraform.tfvars < .json < *.auto.tfvars (lexical) < varFiles',
    fixture: `
//- /w/main.tf
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
resource "aws_sqs_queue" "q" {
  for_each = { a = var.a, b = var.b, c = var.c, d = var.d, e = var.e }
  name     = each.value
}
//- /w/terraform.tfvars
a = "tfvars"
b = "tfvars"
c = "tfvars"
d = "tfvars"
//- /w/terraform.tfvars.json
{ "b": "tfvars.json", "c": "tfvars.json", "d": "tfvars.json" }
//- /w/b.auto.tfvars
c = "b.auto"
//- /w/a.auto.tfvars
c = "a.auto"
d = "a.auto"
//- /w/prod.tfvars
d = "prod"
`,
    options: { varFiles: ['prod.tfvars'] },
    objects: `
service-resource aws_sqs_queue.q["a"] service="sqs" resourceName="tfvars"
service-resource aws_sqs_queue.q["b"] service="sqs" resourceName="tfvars.json"
service-resource aws_sqs_queue.q["c"] service="sqs" resourceName="b.auto"
service-resource aws_sqs_queue.q["d"] service="sqs" resourceName="prod"
service-resource aws_sqs_queue.q["e"] service="sqs" resourceName="default"`,
    problems: '',
  },
  {
    name: 'security groups: inline rules per peer, dynamic blocks, standalone rules, defaults',
    fixture: `
//- /w/main.tf
variable "ports" { default = { https = 443, pg = 5432 } }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.v.id
  dynamic "ingress" {
    for_each = var.ports
    iterator = p
    content {
      from_port   = p.value
      to_port     = p.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/16"]
      self        = p.key == "pg"
    }
  }
  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
resource "aws_security_group" "db" { vpc_id = aws_vpc.v.id }
resource "aws_security_group_rule" "db_in" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.app.id
}
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "-1"
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "192.168.0.0/16"
}
resource "aws_default_security_group" "d" { vpc_id = aws_vpc.v.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.v.id
  service_name = "com.amazonaws.us-east-1.s3"
}
`,
    kinds: ['security-group', 'security-group-rule'],
    objects: `
security-group aws_default_security_group.d vpc="aws_vpc.v" name="default" implicitEgress="none" adoptsDefaultOf="aws_vpc.v"
security-group aws_security_group.app vpc="aws_vpc.v" name=? implicitEgress="none" adoptsDefaultOf=null
security-group aws_security_group.db vpc="aws_vpc.v" name=? implicitEgress="none" adoptsDefaultOf=null
security-group-rule aws_security_group.app/egress[0]/peer[0] group="aws_security_group.app" direction="egress" protocol="-1" fromPort=0 toPort=65535 peer={kind: "ipv4", cidr: "0.0.0.0/0"} inline=true
security-group-rule aws_security_group.app/egress[0]/peer[1] group="aws_security_group.app" direction="egress" protocol="-1" fromPort=0 toPort=65535 peer={kind: "ipv6", cidr: "::/0"} inline=true
security-group-rule aws_security_group.app/ingress[0]/peer[0] group="aws_security_group.app" direction="ingress" protocol="tcp" fromPort=443 toPort=443 peer={kind: "ipv4", cidr: "10.0.0.0/16"} inline=true
security-group-rule aws_security_group.app/ingress[1]/peer[0] group="aws_security_group.app" direction="ingress" protocol="tcp" fromPort=5432 toPort=5432 peer={kind: "ipv4", cidr: "10.0.0.0/16"} inline=true
security-group-rule aws_security_group.app/ingress[1]/peer[1] group="aws_security_group.app" direction="ingress" protocol="tcp" fromPort=5432 toPort=5432 peer={kind: "security-group", group: "aws_security_group.app"} inline=true
security-group-rule aws_security_group_rule.db_in group="aws_security_group.db" direction="ingress" protocol="tcp" fromPort=5432 toPort=5432 peer={kind: "security-group", group: "aws_security_group.app"} inline=false
security-group-rule aws_vpc_security_group_egress_rule.all group="aws_security_group.db" direction="egress" protocol="-1" fromPort=0 toPort=65535 peer={kind: "prefix-list", prefixList: {kind: "endpoint", endpoint: "aws_vpc_endpoint.s3"}} inline=false
security-group-rule aws_vpc_security_group_ingress_rule.https group="aws_security_group.app" direction="ingress" protocol="tcp" fromPort=443 toPort=443 peer={kind: "ipv4", cidr: "192.168.0.0/16"} inline=false existence=?`,
    problems: `
tf-inline-standalone-conflict warning aws_vpc_security_group_ingress_rule.https adds a rule to a security group that also declares inline rules; Terraform will keep overwriting one with the other (T3, T5).`,
  },
  {
    name: 'routes: inline and standalone, targets, associations, default and main route tables',
    fixture: `
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_egress_only_internet_gateway" "eigw" { vpc_id = aws_vpc.v.id }
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_nat_gateway" "nat" {
  subnet_id     = aws_subnet.pub.id
  allocation_id = aws_eip.nat.id
}
resource "aws_nat_gateway" "private" {
  subnet_id         = aws_subnet.pub.id
  connectivity_type = "private"
}
${routeTable('pub', { routes: [route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id'), route('::/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id')] })}\
resource "aws_route" "conflict" {
  route_table_id         = aws_route_table.pub.id
  destination_cidr_block = "10.9.0.0/16"
  gateway_id             = "local"
}
resource "aws_route_table" "priv" { vpc_id = aws_vpc.v.id }
resource "aws_route" "nat" {
  route_table_id         = aws_route_table.priv.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}
${association('pub', 'pub')}\
resource "aws_main_route_table_association" "m" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.priv.id
}
resource "aws_default_route_table" "d" {
  default_route_table_id = aws_vpc.v.default_route_table_id
}
`,
    kinds: ['route-table', 'route', 'route-table-association', 'main-route-table-association', 'nat-gateway', 'internet-gateway', 'egress-only-internet-gateway'],
    objects: `
egress-only-internet-gateway aws_egress_only_internet_gateway.eigw vpc="aws_vpc.v"
internet-gateway aws_internet_gateway.igw vpc="aws_vpc.v"
main-route-table-association aws_main_route_table_association.m vpc="aws_vpc.v" routeTable="aws_route_table.priv"
nat-gateway aws_nat_gateway.nat subnet="aws_subnet.pub" vpc=null connectivityType="public" availabilityMode="zonal" hasElasticIp=true
nat-gateway aws_nat_gateway.private subnet="aws_subnet.pub" vpc=null connectivityType="private" availabilityMode="zonal" hasElasticIp=false
route aws_route.conflict routeTable="aws_route_table.pub" destination={kind: "ipv4", cidr: "10.9.0.0/16"} target={kind: "local", ref: ?} inline=false existence=?
route aws_route.nat routeTable="aws_route_table.priv" destination={kind: "ipv4", cidr: "0.0.0.0/0"} target={kind: "nat-gateway", ref: "aws_nat_gateway.nat"} inline=false
route aws_route_table.pub/route[0] routeTable="aws_route_table.pub" destination={kind: "ipv4", cidr: "0.0.0.0/0"} target={kind: "internet-gateway", ref: "aws_internet_gateway.igw"} inline=true
route aws_route_table.pub/route[1] routeTable="aws_route_table.pub" destination={kind: "ipv6", cidr: "::/0"} target={kind: "egress-only-internet-gateway", ref: "aws_egress_only_internet_gateway.eigw"} inline=true
route-table aws_default_route_table.d vpc="aws_vpc.v" adoptsMainRouteTable=true
route-table aws_route_table.priv vpc="aws_vpc.v" adoptsMainRouteTable=false
route-table aws_route_table.pub vpc="aws_vpc.v" adoptsMainRouteTable=false
route-table-association aws_route_table_association.pub subnet="aws_subnet.pub" routeTable="aws_route_table.pub"`,
    problems: `
tf-inline-standalone-conflict warning aws_route.conflict adds a rule to a route table that also declares inline rules; Terraform will keep overwriting one with the other (T3, T5).`,
  },
  {
    name: 'endpoints: defaults, service names from templates, policies from policy documents',
    fixture: `
//- /w/main.tf
variable "region" {}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_route_table" "rt" { vpc_id = aws_vpc.v.id }
resource "aws_s3_bucket" "b" { bucket = "data" }
data "aws_iam_policy_document" "ep" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
  }
}
resource "aws_vpc_endpoint" "ddb" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.\${var.region}.dynamodb"
  route_table_ids = [aws_route_table.rt.id]
  policy          = data.aws_iam_policy_document.ep.json
}
resource "aws_vpc_endpoint" "sm" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.secretsmanager"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Action = ["secretsmanager:*"], Resource = "*" }]
  })
}
resource "aws_vpc_endpoint_subnet_association" "a" {
  vpc_endpoint_id = aws_vpc_endpoint.sm.id
  subnet_id       = "subnet-0abc"
}
`,
    kinds: ['vpc-endpoint', 'vpc-endpoint-association'],
    objects: `
vpc-endpoint aws_vpc_endpoint.ddb vpc="aws_vpc.v" serviceName=? service="dynamodb" endpointType="Gateway" routeTables=["aws_route_table.rt"] subnets=[] securityGroups=[] privateDnsEnabled=false policy={statements: [{effect: "Allow", actions: ["s3:GetObject"], resources: [{ref: "aws_s3_bucket.b"}]}]}
vpc-endpoint aws_vpc_endpoint.sm vpc="aws_vpc.v" serviceName="com.amazonaws.eu-west-1.secretsmanager" service="secretsmanager" endpointType="Interface" routeTables=[] subnets=[] securityGroups=[] privateDnsEnabled=true policy={statements: [{effect: "Deny", actions: ["secretsmanager:*"], resources: ["*"]}]}
vpc-endpoint-association aws_vpc_endpoint_subnet_association.a endpoint="aws_vpc_endpoint.sm" subnet=?{literal:subnet-0abc}`,
  },
  {
    name: 'network ACLs: inline entries, subnet associations, rules, default NACL',
    fixture: `
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_network_acl" "n" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.s.id]
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
resource "aws_network_acl_rule" "deny" {
  network_acl_id = aws_network_acl.n.id
  rule_number    = 50
  egress         = true
  protocol       = "6"
  rule_action    = "deny"
  cidr_block     = "10.1.0.0/16"
  from_port      = 22
  to_port        = 22
}
resource "aws_default_network_acl" "d" {
  default_network_acl_id = aws_vpc.v.default_network_acl_id
}
`,
    kinds: ['network-acl', 'network-acl-entry', 'network-acl-association'],
    objects: `
network-acl aws_default_network_acl.d vpc="aws_vpc.v" adoptsDefaultOf="aws_vpc.v"
network-acl aws_network_acl.n vpc="aws_vpc.v" adoptsDefaultOf=null
network-acl-association aws_network_acl.n/subnet[0] acl="aws_network_acl.n" subnet="aws_subnet.s"
network-acl-entry aws_network_acl.n/egress[0] acl="aws_network_acl.n" ruleNumber=100 egress=true action="allow" protocol="-1" cidr="0.0.0.0/0" ipv6Cidr=null fromPort=0 toPort=65535 inline=true
network-acl-entry aws_network_acl.n/ingress[0] acl="aws_network_acl.n" ruleNumber=100 egress=false action="allow" protocol="tcp" cidr="0.0.0.0/0" ipv6Cidr=null fromPort=443 toPort=443 inline=true
network-acl-entry aws_network_acl_rule.deny acl="aws_network_acl.n" ruleNumber=50 egress=true action="deny" protocol="tcp" cidr="10.1.0.0/16" ipv6Cidr=null fromPort=22 toPort=22 inline=false`,
    problems: '',
  },
  {
    name: 'Lambda: empty vpc_config is no VPC, environment refs, role, edge, capacity provider, IAM',
    fixture: `
//- /w/main.tf
resource "aws_iam_role" "r" {
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]
  inline_policy {
    name   = "ddb"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = aws_dynamodb_table.t.arn }] })
  }
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = { Effect = "Allow", Action = ["sqs:SendMessage"], Resource = [aws_sqs_queue.q.arn] } })
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.r.id
  policy = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:*\\",\\"Resource\\":\\"*\\"}]}"
}
resource "aws_dynamodb_table" "t" { name = "t" }
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_lambda_function" "none" {
  function_name = "none"
  role          = aws_iam_role.r.arn
  vpc_config {
    subnet_ids         = []
    security_group_ids = []
  }
  environment {
    variables = {
      TABLE = aws_dynamodb_table.t.name
      URL   = "https://\${aws_sqs_queue.q.id}"
      MODE  = "fast"
    }
  }
}
resource "aws_lambda_function" "edge" {
  function_name = "edge"
  role          = aws_iam_role.r.arn
}
resource "aws_cloudfront_distribution" "cdn" {
  default_cache_behavior {
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.edge.qualified_arn
    }
  }
}
resource "aws_lambda_event_source_mapping" "m" {
  function_name    = aws_lambda_function.none.arn
  event_source_arn = aws_sqs_queue.q.arn
}
resource "aws_lambda_permission" "p" {
  function_name = aws_lambda_function.edge.function_name
  principal     = "edgelambda.amazonaws.com"
}
`,
    kinds: ['lambda-function', 'iam-role', 'iam-policy', 'role-policy-attachment', 'event-source-mapping', 'lambda-permission'],
    objects: `
event-source-mapping aws_lambda_event_source_mapping.m function="aws_lambda_function.none" source="aws_sqs_queue.q" sourceService="sqs"
iam-policy aws_iam_policy.p document={statements: [{effect: "Allow", actions: ["sqs:SendMessage"], resources: [{ref: "aws_sqs_queue.q"}]}]} roles=[]
iam-policy aws_iam_role_policy.inline document={statements: [{effect: "Allow", actions: ["s3:*"], resources: ["*"]}]} roles=["aws_iam_role.r"]
iam-role aws_iam_role.r inlinePolicies=[{statements: [{effect: "Allow", actions: ["dynamodb:GetItem"], resources: [{ref: "aws_dynamodb_table.t"}]}]}] managedPolicyArns=["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]
lambda-function aws_lambda_function.edge functionName="edge" vpcConfig=null role="aws_iam_role.r" policies=[] managedPolicyArns=[] environment=[] fileSystems=[] capacityProvider=null edge=true refs=[] memorySize=128 reservedConcurrency=null
lambda-function aws_lambda_function.none functionName="none" vpcConfig=null role="aws_iam_role.r" policies=[] managedPolicyArns=[] environment=[{name: "MODE", value: "fast", refs: []}, {name: "TABLE", value: "t", refs: ["aws_dynamodb_table.t"]}, {name: "URL", value: ?, refs: ["aws_sqs_queue.q"]}] fileSystems=[] capacityProvider=null edge=false refs=[] memorySize=128 reservedConcurrency=null
lambda-permission aws_lambda_permission.p function="aws_lambda_function.edge" principal="edgelambda.amazonaws.com"
role-policy-attachment aws_iam_role_policy_attachment.a role="aws_iam_role.r" policy="aws_iam_policy.p"`,
  },
  {
    name: 'targets and data sources: engine ports, subnet groups, proxies, region, partition, prefix lists',
    fixture: `
//- /w/main.tf
provider "aws" { region = "us-west-2" }
data "aws_region" "current" {}
data "aws_partition" "p" {}
data "aws_prefix_list" "s3" { name = "com.amazonaws.\${data.aws_region.current.name}.s3" }
data "aws_vpc" "main" { id = "vpc-123" }
resource "aws_db_subnet_group" "g" { subnet_ids = ["subnet-1"] }
resource "aws_db_instance" "pg" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster" "aurora" {
  engine                 = "aurora-mysql"
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster_instance" "i" { cluster_identifier = aws_rds_cluster.aurora.id }
resource "aws_db_proxy" "px" {
  engine_family          = "POSTGRESQL"
  vpc_subnet_ids         = ["subnet-1"]
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_security_group" "db" {
  vpc_id = data.aws_vpc.main.id
  name   = "\${data.aws_partition.p.partition}-\${data.aws_region.current.name}"
  egress {
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    prefix_list_ids = [data.aws_prefix_list.s3.id]
  }
}
`,
    kinds: ['target', 'subnet-group', 'security-group', 'security-group-rule'],
    objects: `
security-group aws_security_group.db vpc="data.aws_vpc.main" name="aws-us-west-2" implicitEgress="none" adoptsDefaultOf=null
security-group-rule aws_security_group.db/egress[0]/peer[0] group="aws_security_group.db" direction="egress" protocol="tcp" fromPort=443 toPort=443 peer={kind: "prefix-list", prefixList: {kind: "service", service: "s3"}} inline=true
subnet-group aws_db_subnet_group.g subnets=[?{literal:subnet-1}]
target aws_db_instance.pg targetKind="rds-instance" subnets=[] subnetGroup="aws_db_subnet_group.g" securityGroups=["aws_security_group.db"] port=5432 publiclyAccessible=false parent=null
target aws_db_proxy.px targetKind="rds-proxy" subnets=[?{literal:subnet-1}] subnetGroup=null securityGroups=["aws_security_group.db"] port=5432 publiclyAccessible=false parent=null
target aws_rds_cluster.aurora targetKind="rds-cluster" subnets=[] subnetGroup=null securityGroups=["aws_security_group.db"] port=3306 publiclyAccessible=false parent=null
target aws_rds_cluster_instance.i targetKind="rds-instance" subnets=[] subnetGroup=null securityGroups=["aws_security_group.db"] port=3306 publiclyAccessible=false parent="aws_rds_cluster.aurora"`,
  },
  {
    name: 'unknowns: variables without value, unknown count, modules not installed, invalid references',
    fixture: `
//- /w/main.tf
variable "subnet_count" {}
variable "cidr" {}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"
}
resource "aws_vpc" "v" { cidr_block = var.cidr }
resource "aws_subnet" "s" {
  count      = var.subnet_count
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = module.vpc.private_subnets
    security_group_ids = [aws_security_group.nope.id]
  }
}
locals {
  a = local.b
  b = local.a
}
resource "aws_sns_topic" "t" { name = local.a }
`,
    kinds: ['vpc', 'subnet', 'lambda-function', 'service-resource'],
    objects: `
lambda-function aws_lambda_function.f functionName="f" vpcConfig={subnets: ?, securityGroups: ?, ipv6AllowedForDualStack: false} role=null policies=[] managedPolicyArns=[] environment=[] fileSystems=[] capacityProvider=null edge=false refs=[] memorySize=128 reservedConcurrency=null
service-resource aws_sns_topic.t service="sns" resourceName=?
vpc aws_vpc.v cidrBlocks=[?] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default"`,
    problems: `
tf-cycle warning local.a depends on itself.
tf-invalid-reference error Reference to undeclared resource aws_security_group.nope.
tf-module-not-installed information The source "terraform-aws-modules/vpc/aws" of module "vpc" is not available locally (run terraform init); its resources are not modelled and its outputs are unknown.
tf-unknown-count information The count of aws_subnet.s is not known statically (var.subnet_count has no default and no .tfvars file sets it); its instances are not modelled.`,
  },
  {
    name: 'expressions: for with filters and grouping, splat, conditionals, template directives, try/can',
    fixture: `
//- /w/main.tf
locals {
  subnets = {
    a = { cidr = "10.0.1.0/24", public = true }
    b = { cidr = "10.0.2.0/24", public = false }
    c = { cidr = "10.0.3.0/24", public = false }
  }
  private = { for k, s in local.subnets : k => s.cidr if !s.public }
  grouped = { for k, s in local.subnets : (s.public ? "pub" : "priv") => k... }
  names   = "%{for k in keys(local.private)}\${k};%{endfor}%{if length(local.grouped.priv) == 2}two%{else}other%{endif}"
  safe    = try(local.subnets.z.cidr, "fallback")
  ok      = can(local.subnets.a.cidr) ? "yes" : "no"
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  for_each   = local.private
  vpc_id     = aws_vpc.v.id
  cidr_block = each.value
}
resource "aws_route_table" "rt" { vpc_id = aws_vpc.v.id }
resource "aws_vpc_endpoint" "e" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type = "Interface"
  subnet_ids        = values(aws_subnet.s)[*].id
}
resource "aws_sqs_queue" "q" { name = "\${local.names}-\${local.safe}-\${local.ok}" }
`,
    kinds: ['vpc-endpoint', 'service-resource', 'subnet'],
    objects: `
service-resource aws_sqs_queue.q service="sqs" resourceName="b;c;two-fallback-yes"
subnet aws_subnet.s["b"] vpc="aws_vpc.v" cidrBlock="10.0.2.0/24" ipv6CidrBlock=null availabilityZone=? mapPublicIpOnLaunch=false
subnet aws_subnet.s["c"] vpc="aws_vpc.v" cidrBlock="10.0.3.0/24" ipv6CidrBlock=null availabilityZone=? mapPublicIpOnLaunch=false
vpc-endpoint aws_vpc_endpoint.e vpc="aws_vpc.v" serviceName="com.amazonaws.us-east-1.sqs" service="sqs" endpointType="Interface" routeTables=[] subnets=["aws_subnet.s[\\"b\\"]", "aws_subnet.s[\\"c\\"]"] securityGroups=[] privateDnsEnabled=false policy=null`,
    problems: '',
  },
  {
    name: 'registry modules through .terraform/modules/modules.json, including //subdir sources',
    fixture: `
//- /w/root/main.tf
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = module.vpc.vpc_id
}
//- /w/root/.terraform/modules/modules.json
{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Dir":".terraform/modules/vpc"},{"Key":"endpoints","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws//modules/vpc-endpoints","Dir":".terraform/modules/endpoints/modules/vpc-endpoints"}]}
//- /w/root/.terraform/modules/vpc/main.tf
resource "aws_vpc" "this" {
  count      = 1
  cidr_block = "10.0.0.0/16"
}
output "vpc_id" { value = try(aws_vpc.this[0].id, null) }
//- /w/root/.terraform/modules/endpoints/modules/vpc-endpoints/main.tf
variable "vpc_id" {}
resource "aws_vpc_endpoint" "this" {
  for_each     = { s3 = "s3" }
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.us-east-1.\${each.value}"
}
`,
    kinds: ['vpc', 'vpc-endpoint'],
    objects: `
vpc module.vpc.aws_vpc.this[0] cidrBlocks=["10.0.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default"
vpc-endpoint module.endpoints.aws_vpc_endpoint.this["s3"] vpc="module.vpc.aws_vpc.this[0]" serviceName="com.amazonaws.us-east-1.s3" service="s3" endpointType="Gateway" routeTables=[] subnets=[] securityGroups=[] privateDnsEnabled=false policy=null`,
    problems: '',
  },
];
