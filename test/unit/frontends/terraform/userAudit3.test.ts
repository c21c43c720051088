// Terraform front end, audited as a user would write it: values that name other resources across module
// boundaries, through names the configuration sets (subnet groups, roles, clusters, proxies), and the
// answers that follow end to end (real pipeline: front end, model, engine).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, reachOf, render } from '../../support/analyseWorkspace';
import { securityGroup, securityGroupRules, subnet } from '../../support/terraformPieces';

/** terraform-aws-modules style: a vpc module creates the DB subnet group, the db module gets its name. */
function vpcDbFn(nameInput: string): string {
  return `
//- /w/main.tf
provider "aws" { region = "us-west-2" }
variable "env" { type = string }
module "vpc" {
  source = "./modules/vpc"
  name   = ${nameInput}
}
module "db" {
  source               = "./modules/db"
  db_subnet_group_name = module.vpc.database_subnet_group_name
  vpc_id               = module.vpc.vpc_id
  allowed_sg_ids       = [aws_security_group.fn.id]
}
resource "aws_security_group" "fn" {
  vpc_id = module.vpc.vpc_id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::123456789012:role/fn"
  vpc_config {
    subnet_ids         = module.vpc.private_subnets
    security_group_ids = [aws_security_group.fn.id]
  }
  environment {
    variables = { DB_HOST = module.db.address }
  }
}
//- /w/modules/vpc/main.tf
variable "name" { type = string }
resource "aws_vpc" "this" { cidr_block = "10.9.0.0/16" }
resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)
  availability_zone = ["us-west-2a", "us-west-2b"][count.index]
}
resource "aws_subnet" "database" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index + 20)
  availability_zone = ["us-west-2a", "us-west-2b"][count.index]
}
resource "aws_db_subnet_group" "database" {
  count      = 1
  name       = lower(coalesce(null, var.name))
  subnet_ids = aws_subnet.database[*].id
}
output "vpc_id" { value = aws_vpc.this.id }
output "private_subnets" { value = aws_subnet.private[*].id }
output "database_subnet_group_name" { value = try(aws_db_subnet_group.database[0].name, null) }
//- /w/modules/db/main.tf
variable "db_subnet_group_name" { type = string }
variable "vpc_id" { type = string }
variable "allowed_sg_ids" { type = list(string) }
resource "aws_security_group" "db" {
  vpc_id = var.vpc_id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = var.allowed_sg_ids
  }
}
resource "aws_db_instance" "this" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = [aws_security_group.db.id]
}
output "address" { value = aws_db_instance.this.address }
`;
}

describe('Terraform user audit 3: names across module boundaries', () => {
  it('finds a DB subnet group named through a module output by a known name', () => {
    // Was: unknown, 'db_subnet_group_name "app-prod" is not defined in this workspace' (P2, P8: same VPC, SGs allow).
    const run = analyseWorkspace(vpcDbFn('"app-prod"'));
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_instance.this')), 'yes via local');
    const db = run.model.all('target').find((o) => o.address === 'module.db.aws_db_instance.this');
    assert.equal(db?.subnetGroup, '/w::module.vpc.aws_db_subnet_group.database[0]');
  });

  it('finds a DB subnet group whose name is built from a variable without default', () => {
    // Was: unknown because "var.env has no default": the name is unknown, yet the group is the vpc module's.
    const run = analyseWorkspace(vpcDbFn('"app-${var.env}"'));
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_instance.this')), 'yes via local');
  });

  it('reads a cluster instance and a proxy endpoint that name their cluster and proxy by name', () => {
    // Was: `cluster_identifier = aws_rds_cluster.c.cluster_identifier` (a string) lost the cluster's subnet group
    // and SGs ("the cluster is not in this workspace"); `db_proxy_name = aws_db_proxy.p.name` lost the port.
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
${securityGroup('fn', 'all')}\
${securityGroupRules('db', { ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_rds_cluster" "c" {
  cluster_identifier     = "orders"
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster_instance" "i" {
  cluster_identifier = aws_rds_cluster.c.cluster_identifier
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.c.engine
}
resource "aws_db_proxy" "p" {
  name                   = "orders-proxy"
  engine_family          = "POSTGRESQL"
  role_arn               = "arn:aws:iam::1:role/x"
  vpc_subnet_ids         = [aws_subnet.a.id]
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_db_proxy_endpoint" "ro" {
  db_proxy_name          = aws_db_proxy.p.name
  db_proxy_endpoint_name = "ro"
  vpc_subnet_ids         = [aws_subnet.a.id]
  vpc_security_group_ids = [aws_security_group.db.id]
  target_role            = "READ_ONLY"
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::1:role/fn"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
  environment {
    variables = {
      WRITER = aws_rds_cluster_instance.i.endpoint
      RO     = aws_db_proxy_endpoint.ro.endpoint
    }
  }
}
`);
    const targets = new Map(run.model.all('target').map((t) => [t.address, t]));
    assert.equal(targets.get('aws_rds_cluster_instance.i')?.subnetGroup, '/w::aws_db_subnet_group.g');
    assert.equal(targets.get('aws_rds_cluster_instance.i')?.parent, '/w::aws_rds_cluster.c');
    assert.equal(targets.get('aws_db_proxy_endpoint.ro')?.port, 5432);
    assert.equal(targets.get('aws_db_proxy_endpoint.ro')?.parent, '/w::aws_db_proxy.p');
    assert.equal(render(reachOf(run.result, 'fn', 'aws_rds_cluster_instance.i')), 'yes via local');
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_proxy_endpoint.ro')), 'yes via local');
  });

  /** A role made in a module, its name passed out; the root attaches `policy` to it by that name. */
  function roleByName(policy: string, prefix: string): string {
    return `
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
variable "prefix" { type = string }
resource "aws_vpc" "v" { cidr_block = "10.6.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  availability_zone = "eu-west-1a"
  cidr_block        = "10.6.1.0/24"
}
resource "aws_security_group" "fn" { vpc_id = aws_vpc.v.id }
module "role" {
  source = "./modules/role"
  name   = "\${var.prefix}-fn"
}
resource "aws_iam_role_policy_attachment" "vpc" {
  role       = module.role.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/${policy}"
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = module.role.arn
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
//- /w/modules/role/main.tf
variable "name" { type = string }
resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = "{}"
}
output "name" { value = aws_iam_role.this.name }
output "arn" { value = aws_iam_role.this.arn }
${prefix === '' ? '' : `//- /w/terraform.tfvars\nprefix = "${prefix}"\n`}`;
  }

  it('attaches a policy to a role named through a module output (C1), with the name known or not', () => {
    // Was: the attachment named no role ("shop-fn" is not defined / var.prefix has no default), so a role with
    // only the basic policy got no LAMBDA_ROLE_MISSING_ENI_PERMISSIONS.
    for (const prefix of ['shop', '']) {
      const basic = analyseWorkspace(roleByName('AWSLambdaBasicExecutionRole', prefix));
      assert.deepEqual(findingsOf(basic, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS').map((f) => f.address), ['aws_lambda_function.fn'], `prefix "${prefix}"`);
      const vpc = analyseWorkspace(roleByName('AWSLambdaVPCAccessExecutionRole', prefix));
      assert.deepEqual(findingsOf(vpc, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'), [], `prefix "${prefix}"`);
      const attachment = vpc.model.all('role-policy-attachment')[0];
      assert.equal(attachment?.role, '/w::module.role.aws_iam_role.this');
    }
  });

  it('evaluates setproduct(): subnets per VPC and AZ, and a DB across a peering (P3, P10)', () => {
    // Was: setproduct() not evaluated, so aws_subnet.s had no instances and the DB answer was unknown.
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "us-east-1" }
locals {
  vpcs = { app = "10.10.0.0/16", data = "10.20.0.0/16" }
}
resource "aws_vpc" "this" {
  for_each   = local.vpcs
  cidr_block = each.value
}
resource "aws_subnet" "s" {
  for_each          = { for p in setproduct(keys(local.vpcs), ["a", "b"]) : "\${p[0]}-\${p[1]}" => { vpc = p[0], az = p[1] } }
  vpc_id            = aws_vpc.this[each.value.vpc].id
  cidr_block        = cidrsubnet(local.vpcs[each.value.vpc], 8, each.value.az == "a" ? 1 : 2)
  availability_zone = "us-east-1\${each.value.az}"
}
resource "aws_vpc_peering_connection" "p" {
  vpc_id      = aws_vpc.this["app"].id
  peer_vpc_id = aws_vpc.this["data"].id
  auto_accept = true
}
resource "aws_route_table" "rt" {
  for_each = aws_vpc.this
  vpc_id   = each.value.id
}
resource "aws_route" "to_peer" {
  for_each                  = { app = "data", data = "app" }
  route_table_id            = aws_route_table.rt[each.key].id
  destination_cidr_block    = aws_vpc.this[each.value].cidr_block
  vpc_peering_connection_id = aws_vpc_peering_connection.p.id
}
resource "aws_route_table_association" "a" {
  for_each       = aws_subnet.s
  subnet_id      = each.value.id
  route_table_id = aws_route_table.rt[split("-", each.key)[0]].id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.this["app"].id
  egress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.this["data"].cidr_block]
  }
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.this["data"].id
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.fn.id]
  }
}
resource "aws_db_subnet_group" "db" {
  subnet_ids = [aws_subnet.s["data-a"].id, aws_subnet.s["data-b"].id]
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::1:role/fn"
  vpc_config {
    subnet_ids         = [aws_subnet.s["app-a"].id, aws_subnet.s["app-b"].id]
    security_group_ids = [aws_security_group.fn.id]
  }
  environment {
    variables = { DB = aws_db_instance.db.endpoint }
  }
}
`);
    assert.deepEqual(run.model.all('subnet').map((s) => s.address).sort(),
      ['aws_subnet.s["app-a"]', 'aws_subnet.s["app-b"]', 'aws_subnet.s["data-a"]', 'aws_subnet.s["data-b"]']);
    assert.equal(render(reachOf(run.result, 'fn', 'aws_db_instance.db')), 'yes via vpc-peering');
    assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-function' || p.code === 'tf-unknown-count'), []);
  });
});
