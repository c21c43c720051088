// Terraform audit 8: arguments written as null (module style) mean "not set", values Terraform or AWS rejects
// are error problems rather than silent unknowns or rules that match nothing, and a tuple for_each is an error.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { analyseWorkspace, reachOf, render } from '../../support/analyseWorkspace';
import { renderObjects, tfFixture } from './tfFixture';
import { association, natGateway, provider, publicSubnet, ROLE, route, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../../support/terraformPieces';

/** A function in subnet a whose SG allows all egress, and a Postgres instance whose SG and port `db` sets. */
function withDb(db: string): string {
  return `
//- /w/main.tf
${provider('us-east-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${securityGroup('fn', 'all')}\
${securityGroup('db', 'none')}\
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id]
}
${vpcFunction('fn', { attributes: [ROLE], env: 'DB = aws_db_instance.db.address', subnets: ['a'] })}${db}
`;
}

/** A function in a private subnet whose route table's default route is `target`; a public NAT gateway exists. */
function natViaGatewayId(target: string, extra = ''): string {
  return `
//- /w/main.tf
${provider('us-east-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${subnet('pub', { cidr: '10.0.2.0/24', az: 'us-east-1a' })}\
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_ec2_transit_gateway" "t" {}
${natGateway('n', 'pub', 'e')}\
${routeTable('pub', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}${association('pub', 'pub')}\
${routeTable('priv', { routes: route('0.0.0.0/0', target) })}${association('a', 'priv', 'priv')}\
${securityGroup('fn', 'all')}\
${vpcFunction('fn', { attributes: [ROLE], subnets: ['a'] })}${extra}
`;
}

const problemsOf = (run: { readonly problems: readonly { readonly code: string; readonly message: string }[] }, code: string): string[] =>
  run.problems.filter((p) => p.code === code).map((p) => p.message).sort();

describe('Terraform audit 8', () => {
  it('reads the peer of a VPC security group rule whose other peer arguments are null (lookup(each.value, …, null))', () => {
    // Was: unknown, "cannot tell whether ingress rule tcp 5432 from (unknown CIDR) matches": `cidr_ipv4 = null`
    // was taken as the peer because the argument is written. T3: null is the same as leaving it out.
    const run = analyseWorkspace(withDb(`
locals {
  ingress = { pg = { referenced_security_group_id = aws_security_group.fn.id, from_port = 5432, to_port = 5432 } }
}
resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each                     = local.ingress
  security_group_id            = aws_security_group.db.id
  cidr_ipv4                    = lookup(each.value, "cidr_ipv4", null)
  cidr_ipv6                    = lookup(each.value, "cidr_ipv6", null)
  prefix_list_id               = lookup(each.value, "prefix_list_id", null)
  referenced_security_group_id = lookup(each.value, "referenced_security_group_id", null)
  ip_protocol                  = "tcp"
  from_port                    = each.value.from_port
  to_port                      = each.value.to_port
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}`));
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_instance.db')), 'yes via local');
  });

  it('gives a database with `port = null` (a module variable without value) its engine\'s default port', () => {
    // Was: unknown, "port is not set", though AWS uses the engine's port (5432) exactly as when port is left out.
    const run = analyseWorkspace(withDb(`
variable "port" {
  type    = number
  default = null
}
resource "aws_security_group_rule" "pg" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = aws_security_group.fn.id
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  port                   = var.port
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}`));
    assert.equal(run.model.all('target').find((t) => t.address === 'aws_db_instance.db')?.port, 5432);
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_instance.db')), 'yes via local');
  });

  it('reads a route table association with subnet_id = null and a gateway as an edge association', () => {
    // Was: an association of an unknown subnet ("subnet_id is not set") with the table, and no gateway.
    const { view } = tfFixture(`
//- /w/main.tf
variable "subnet_id" {
  type    = string
  default = null
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "edge" { vpc_id = aws_vpc.v.id }
resource "aws_route_table_association" "edge" {
  subnet_id      = var.subnet_id
  gateway_id     = aws_internet_gateway.igw.id
  route_table_id = aws_route_table.edge.id
}
`);
    const out = readTerraform(view, {});
    assert.equal(
      renderObjects(out.objects, '/w', ['route-table-association']),
      'route-table-association aws_route_table_association.edge subnet=? routeTable="aws_route_table.edge" gateway="aws_internet_gateway.igw"',
    );
  });

  it('reports values the provider or AWS rejects in security group and network ACL rules', () => {
    // Was: no problem at all; the rules silently matched nothing or became unknown.
    const run = analyseWorkspace(`
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "s" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port        = "abc"
    to_port          = 70000
    protocol         = 300
    cidr_blocks      = ["10.0.0.0/33", "banana", "10.1.0.0/16"]
    ipv6_cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_vpc_security_group_egress_rule" "e" {
  security_group_id = aws_security_group.s.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0"
}
resource "aws_network_acl" "n" {
  vpc_id = aws_vpc.v.id
  egress {
    rule_no    = 40000
    action     = "maybe"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
resource "aws_network_acl_rule" "r" {
  network_acl_id = aws_network_acl.n.id
  rule_number    = "x"
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}
`);
    assert.deepEqual(problemsOf(run, 'tf-invalid-value'), [
      'action of aws_network_acl.n is "maybe", neither allow nor deny: Terraform or AWS rejects it, so the rule is not what the code says.',
      'cidr_blocks of aws_security_group.s has "10.0.0.0/33", "banana", which are not IPv4 CIDR blocks: Terraform or AWS rejects it, so the rule is not what the code says.',
      'cidr_ipv4 of aws_vpc_security_group_egress_rule.e has "0.0.0.0", which is not an IPv4 CIDR block: Terraform or AWS rejects it, so the rule is not what the code says.',
      'from_port of aws_security_group.s is "abc", not a number: Terraform or AWS rejects it, so the rule is not what the code says.',
      'ipv6_cidr_blocks of aws_security_group.s has "10.0.0.0/8", which is not an IPv6 CIDR block: Terraform or AWS rejects it, so the rule is not what the code says.',
      'protocol of aws_security_group.s is 300, not a whole number from -1 to 255: Terraform or AWS rejects it, so the rule is not what the code says.',
      'rule_no of aws_network_acl.n is 40000, not a whole number from 1 to 32766: Terraform or AWS rejects it, so the rule is not what the code says.',
      'rule_number of aws_network_acl_rule.r is "x", not a number: Terraform or AWS rejects it, so the rule is not what the code says.',
      'to_port of aws_security_group.s is 70000, not a whole number from -1 to 65535: Terraform or AWS rejects it, so the rule is not what the code says.',
    ]);
  });

  it('reports an argument whose expression Terraform fails on, but not one try() recovers', () => {
    // Was: no problem; the subnet's CIDR was silently unknown. A computed attribute of a nested block and the
    // blocks of a dynamic block over an unknown collection are unknown, not errors (the list is not empty).
    const run = analyseWorkspace(`
//- /w/main.tf
variable "subnets" { type = list(string) }
resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = []
  }
}
resource "aws_eks_cluster" "d" {
  name     = "d"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  dynamic "vpc_config" {
    for_each = var.subnets
    content {
      subnet_ids = [vpc_config.value]
    }
  }
}
resource "aws_security_group_rule" "c" {
  type              = "ingress"
  security_group_id = aws_eks_cluster.c.vpc_config[0].cluster_security_group_id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}
resource "aws_security_group_rule" "d" {
  type              = "ingress"
  security_group_id = element(aws_eks_cluster.d.vpc_config, 0).cluster_security_group_id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "bad" {
  vpc_id     = aws_vpc.v.id
  cidr_block = cidrsubnet("10.0.0.0/16", 20, 1)
}
resource "aws_subnet" "ok" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = try(cidrsubnet("10.0.0.0/16", 20, 1), "10.0.2.0/24")
  availability_zone = try(["us-east-1a"][3], "us-east-1b")
}
`);
    assert.deepEqual(problemsOf(run, 'tf-invalid-value'), [
      'aws_subnet.bad.cidr_block: cidrsubnet(): Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 16 by 20. Terraform fails on this expression; its value is not modelled.',
    ]);
  });

  it('routes through a NAT gateway named in gateway_id, as AWS does', () => {
    // Was: "no", IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS: the NAT gateway was taken for an internet gateway.
    // AWS creates a NAT gateway route from GatewayId nat-… (hashicorp/terraform-provider-aws#9445).
    const run = analyseWorkspace(natViaGatewayId('gateway_id = aws_nat_gateway.n.id'));
    assert.equal(render(reachOf(run.result, 'fn', 'internet')), 'yes via nat-gateway');
  });

  it('does not take a transit gateway named in gateway_id for an internet gateway', () => {
    // Was: "no" (an internet gateway that drops a Lambda ENI's traffic, E2); whether AWS accepts it is not decided here.
    const run = analyseWorkspace(natViaGatewayId('gateway_id = aws_ec2_transit_gateway.t.id'));
    assert.equal(reachOf(run.result, 'fn', 'internet')?.status, 'unknown');
  });

  it('reads an attribute-form route whose unused arguments are "" as a route to its one target', () => {
    // Was: "no", NO_ROUTE_TO_DESTINATION: destination_prefix_list_id = "" made the route a prefix-list route.
    const run = analyseWorkspace(natViaGatewayId('nat_gateway_id = aws_nat_gateway.n.id', `
resource "aws_route_table" "flat" {
  vpc_id = aws_vpc.v.id
  route = [{
    cidr_block                 = "0.0.0.0/0"
    nat_gateway_id             = aws_nat_gateway.n.id
    ipv6_cidr_block            = ""
    gateway_id                 = ""
    egress_only_gateway_id     = ""
    transit_gateway_id         = ""
    vpc_endpoint_id            = ""
    network_interface_id       = ""
    vpc_peering_connection_id  = ""
    carrier_gateway_id         = ""
    local_gateway_id           = ""
    core_network_arn           = ""
    destination_prefix_list_id = ""
  }]
}
resource "aws_main_route_table_association" "m" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.flat.id
}
${subnet('b', { cidr: '10.0.3.0/24', az: 'us-east-1b' })}\
resource "aws_lambda_function" "flat" {
  function_name = "flat"
  role          = "arn:aws:iam::123456789012:role/fn"
  vpc_config {
    subnet_ids         = [aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}`));
    assert.equal(render(reachOf(run.result, 'aws_lambda_function.flat', 'internet')), 'yes via nat-gateway');
  });

  it('rejects a tuple for_each as Terraform does instead of creating its instances', () => {
    // Was: aws_lambda_function.d["a"] modelled (a function outside any VPC that Terraform never creates).
    const run = analyseWorkspace(`
//- /w/main.tf
resource "aws_lambda_function" "d" {
  for_each      = ["a"]
  function_name = "d-\${each.key}"
  role          = "arn:aws:iam::123456789012:role/fn"
}
resource "aws_lambda_function" "e" {
  for_each      = toset(["a"])
  function_name = "e-\${each.key}"
  role          = "arn:aws:iam::123456789012:role/fn"
}
`);
    assert.deepEqual(run.result.functions.map((f) => run.model.get(f.function)?.address), ['aws_lambda_function.e["a"]']);
    assert.deepEqual(problemsOf(run, 'tf-invalid-count'), [
      'Invalid for_each for aws_lambda_function.d: it must be a map or a set of strings, not a tuple; Terraform rejects it (use toset([…])), and its instances are not modelled.',
    ]);
  });
});

describe('Terraform audit 8: for expressions over sets', () => {
  it('binds the key to the element, as terraform console does (`{ for k, v in toset(…) : k => v }`)', () => {
    // Was: keys "0" and "1", so for_each over the map addressed aws_subnet.s["0"] instead of aws_subnet.s["eu-west-1a"].
    const { view } = tfFixture(`
//- /w/main.tf
locals {
  azs = { for k, v in toset(["eu-west-1b", "eu-west-1a"]) : k => v }
  listed = { for k, v in tolist(toset(["b", "a"])) : k => v }
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  for_each          = local.azs
  vpc_id            = aws_vpc.v.id
  availability_zone = each.value
  cidr_block        = each.key == "eu-west-1a" ? "10.0.1.0/24" : "10.0.2.0/24"
}
resource "aws_subnet" "l" {
  for_each          = local.listed
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.\${each.key + 10}.0/24"
}
`);
    const out = readTerraform(view, {});
    const subnets = out.objects.filter((o) => o.kind === 'subnet').map((o) => o.address).sort();
    // tolist() of a set is a list again: its keys are indexes.
    assert.deepEqual(subnets, ['aws_subnet.l["0"]', 'aws_subnet.l["1"]', 'aws_subnet.s["eu-west-1a"]', 'aws_subnet.s["eu-west-1b"]']);
  });
});

describe('Terraform audit 8: routes and associations with an unknown number of instances', () => {
  const network = (extra: string): string => `
//- /w/main.tf
${provider('us-east-1')}variable "subnet_ids" { type = list(string) }
${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${securityGroup('fn', 'all')}\
${routeTable('private')}\
${vpcFunction('fn', { attributes: [ROLE], subnets: ['a'] })}${extra}`;

  it('an association whose for_each is unknown may give the subnet another table: the main table is not certain', () => {
    // Was: the association was dropped, so subnet a used the main table for certain: internet "no".
    const run = analyseWorkspace(network(`resource "aws_route_table_association" "private" {
  for_each       = toset(var.subnet_ids)
  subnet_id      = each.value
  route_table_id = aws_route_table.private.id
}`));
    const internet = reachOf(run.result, 'aws_lambda_function.fn', 'internet');
    assert.equal(internet?.status, 'unknown');
    assert.match(internet?.explanation ?? '', /aws_route_table_association\.private may associate it with aws_route_table\.private/);
  });

  it('a route whose count is unknown may exist: a table without other routes is not certainly a dead end', () => {
    const run = analyseWorkspace(network(`resource "aws_main_route_table_association" "m" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.private.id
}
resource "aws_route" "out" {
  count                  = length(var.subnet_ids) > 0 ? 1 : 0
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = "nat-0123456789abcdef0"
}`));
    assert.equal(reachOf(run.result, 'aws_lambda_function.fn', 'internet')?.status, 'unknown');
  });
});

describe('Terraform audit 8: standalone rules beside inline ones (T3, T5)', () => {
  const workspace = (group: string, extra: string): string => `
//- /w/main.tf
${provider('us-east-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
${publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' })}${natGateway('nat', 'pub')}\
${routeTable('app', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })}${association('a', 'app', 'app')}\
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
${group}
}
${vpcFunction('fn', { attributes: [ROLE], subnets: ['a'] })}${extra}`;
  const standaloneEgress = `resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.fn.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}`;

  it('an egress rule the group also manages inline may be gone after any apply: its reach is unknown, with the warning', () => {
    // Was: the union of both, a certain "yes", although Terraform keeps removing the standalone rule.
    const run = analyseWorkspace(workspace(`  egress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }`, standaloneEgress));
    const internet = reachOf(run.result, 'aws_lambda_function.fn', 'internet');
    assert.equal(internet?.status, 'unknown');
    assert.match(internet?.explanation ?? '', /removed again by every apply of security group aws_security_group\.fn, which declares its egress rules inline/);
    assert.ok(run.problems.some((p) => p.code === 'tf-inline-standalone-conflict'));
  });

  it('inline ingress beside a standalone egress rule: Terraform manages only the direction written inline, so the rule stays', () => {
    const run = analyseWorkspace(workspace(`  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }`, standaloneEgress));
    assert.equal(reachOf(run.result, 'aws_lambda_function.fn', 'internet')?.status, 'yes');
  });
});
