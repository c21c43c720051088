// E1: a function without VPC config reaches a publicly accessible database only over the internet, at its
// public endpoint. What that takes on the database's side (a public subnet with an attached internet gateway,
// the VPC's DNS attributes, security group and network ACLs admitting any public address) decides the answer,
// where it was always "unknown".

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, route, routeTable, subnet } from '../support/terraformPieces';

interface Variant {
  readonly dbIngressCidr?: string;
  readonly dnsHostnames?: string;
  /** Route of subnet b: 'igw' (public, the default), 'none'. */
  readonly subnetB?: 'igw' | 'none';
  readonly publiclyAccessible?: string;
  readonly extra?: string;
}

const workspace = (v: Variant = {}): string => `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = ${v.dnsHostnames ?? 'true'}
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a', vpc: 'main' })}\
${subnet('b', { cidr: '10.0.2.0/24', az: 'eu-west-1b', vpc: 'main' })}\
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
${routeTable('pub', { vpc: 'main', routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}\
resource "aws_route_table" "private" { vpc_id = aws_vpc.main.id }
${association('a', 'pub')}\
resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.b.id
  route_table_id = aws_route_table.${v.subnetB === 'none' ? 'private' : 'pub'}.id
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["${v.dbIngressCidr ?? '0.0.0.0/0'}"]
  }
}
resource "aws_db_subnet_group" "db" { subnet_ids = [aws_subnet.a.id, aws_subnet.b.id] }
resource "aws_db_instance" "orders" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = ${v.publiclyAccessible ?? 'true'}
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = { DB_HOST = aws_db_instance.orders.address }
  }
}
${v.extra ?? ''}`;

const run = (v: Variant = {}) => {
  const w = analyseWorkspace({ '/w/main.tf': workspace(v) });
  const reach = w.result.functions[0]?.reach.find((r) => r.destination === 'aws_db_instance.orders');
  return { reach, findings: w.findings };
};

describe('a publicly accessible database from a function without VPC config (E1)', () => {
  it('public subnets, an attached internet gateway and a security group open to every address: reached at its public endpoint', () => {
    const { reach, findings } = run();
    assert.equal(`${reach?.status} via ${reach?.via}`, 'yes via lambda-service-vpc');
    assert.deepEqual(reach?.path.map((h) => `${h.verdict} ${h.componentKind}`), [
      'pass lambda-service-vpc', 'pass route-table', 'pass internet-gateway', 'pass network-acl', 'pass network-acl', 'pass security-group', 'pass target',
    ]);
    assert.ok(!findings.some((f) => f.startsWith('LAMBDA_PRIVATE_TARGET_WITHOUT_VPC')), findings.join('\n'));
  });

  it('a security group that admits only the VPC blocks it, and the fix is to attach the function to the VPC', () => {
    const { reach, findings } = run({ dbIngressCidr: '10.0.0.0/16' });
    assert.equal(reach?.status, 'no');
    assert.equal(reach?.reason, 'ENI_SG_RULES_MISMATCH');
    assert.match(reach?.blockedAt ?? '', /::aws_security_group\.db$/);
    assert.deepEqual(reach?.fixes.map((f) => f.changes.map((c) => c.kind).join('+')), ['attach-vpc-config']);
    assert.ok(findings.includes('LAMBDA_NO_ROUTE_TARGET aws_lambda_function.f'), findings.join('\n'));
    assert.ok(!findings.some((f) => f.startsWith('LAMBDA_PRIVATE_TARGET_WITHOUT_VPC')));
  });

  it('the VPC without DNS hostnames: RDS does not create a publicly accessible instance there', () => {
    const { reach } = run({ dnsHostnames: 'false' });
    assert.equal(reach?.status, 'no');
    assert.equal(reach?.reason, 'LAMBDA_PUBLIC_DB_VPC_DNS_OFF');
    assert.deepEqual(reach?.fixes.map((f) => f.changes.map((c) => c.kind).join('+')), ['enable-vpc-dns', 'attach-vpc-config']);
  });

  it('DNS hostnames unknown: unknown, with the reason', () => {
    const { reach } = run({ dnsHostnames: 'var.dns', extra: 'variable "dns" { type = bool }' });
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /whether DNS hostnames is on is unknown/);
  });

  it('one subnet of the group is private: which one hosts the instance is not known', () => {
    const { reach } = run({ subnetB: 'none' });
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /depends on which subnet hosts the instance: its public endpoint is reachable in aws_subnet\.a, but not in aws_subnet\.b/);
  });

  it('an instance that is not publicly accessible stays out of reach (LAMBDA_NOT_IN_VPC)', () => {
    const { reach, findings } = run({ publiclyAccessible: 'false' });
    assert.equal(reach?.reason, 'LAMBDA_NOT_IN_VPC');
    assert.ok(findings.includes('LAMBDA_PRIVATE_TARGET_WITHOUT_VPC aws_lambda_function.f'), findings.join('\n'));
  });

  it('an Aurora cluster is reached at its public endpoint only when every instance is publicly accessible', () => {
    const cluster = (second: string): string => workspace({ publiclyAccessible: 'false' }).replace('environment {\n    variables = { DB_HOST = aws_db_instance.orders.address }', 'environment {\n    variables = { DB_HOST = aws_rds_cluster.c.endpoint }') + `
resource "aws_rds_cluster" "c" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster_instance" "one" {
  cluster_identifier  = aws_rds_cluster.c.id
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = true
}
resource "aws_rds_cluster_instance" "two" {
  cluster_identifier  = aws_rds_cluster.c.id
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = ${second}
}`;
    const reachOfCluster = (second: string) => analyseWorkspace({ '/w/main.tf': cluster(second) }).result.functions[0]?.reach.find((r) => r.destination === 'aws_rds_cluster.c');
    // Was: LAMBDA_NOT_IN_VPC, a certain "no", although the cluster endpoint resolves to a public instance.
    assert.equal(`${reachOfCluster('true')?.status} via ${reachOfCluster('true')?.via}`, 'yes via lambda-service-vpc');
    const mixed = reachOfCluster('false');
    assert.equal(mixed?.status, 'unknown');
    assert.match(mixed?.explanation ?? '', /aws_rds_cluster_instance\.two is not publicly accessible while another may be/);
  });

  it('a Multi-AZ DB cluster publicly accessible as a whole is checked at its public endpoint', () => {
    const tf = workspace({ publiclyAccessible: 'false' }).replace('DB_HOST = aws_db_instance.orders.address', 'DB_HOST = aws_rds_cluster.multi.endpoint') + `
resource "aws_rds_cluster" "multi" {
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
  db_subnet_group_name      = aws_db_subnet_group.db.name
  vpc_security_group_ids    = [aws_security_group.db.id]
  publicly_accessible       = true
}`;
    const r = analyseWorkspace({ '/w/main.tf': tf }).result.functions[0]?.reach.find((x) => x.destination === 'aws_rds_cluster.multi');
    // Was: "no" (LAMBDA_NOT_IN_VPC): the cluster's own publicly_accessible was not read.
    assert.equal(`${r?.status} via ${r?.via}`, 'yes via lambda-service-vpc');
  });

  it('VPC Block Public Access refuses traffic that enters through the internet gateway (E13)', () => {
    const { reach } = run({ extra: 'resource "aws_vpc_block_public_access_options" "bpa" { internet_gateway_block_mode = "block-ingress" }' });
    assert.equal(reach?.status, 'no');
    assert.equal(reach?.reason, 'VPC_BLOCK_PUBLIC_ACCESS_ENABLED');
  });
});

describe('an internet-facing load balancer from a function without VPC config (E1, P15)', () => {
  const tf = (sgCidr: string, subnetB: 'igw' | 'none' = 'igw'): string => workspace({ subnetB }).replace(
    'resource "aws_lambda_function" "f" {',
    `resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["${sgCidr}"]
  }
}
resource "aws_lb" "web" {
  internal        = false
  subnets         = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups = [aws_security_group.lb.id]
}
resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
}
resource "aws_lambda_function" "f" {`).replace('DB_HOST = aws_db_instance.orders.address', 'API = aws_lb.web.dns_name');
  const reach = (sgCidr: string, subnetB: 'igw' | 'none' = 'igw') => analyseWorkspace({ '/w/main.tf': tf(sgCidr, subnetB) }).result.functions[0]?.reach.find((r) => r.destination === 'aws_lb.web');

  it('reached at its public addresses when its group admits any address on the listener port', () => {
    // Was: unknown ("it is publicly accessible: reachable only through its public endpoint…").
    assert.equal(`${reach('0.0.0.0/0')?.status} via ${reach('0.0.0.0/0')?.via}`, 'yes via lambda-service-vpc');
    const closed = reach('10.0.0.0/16');
    assert.equal(closed?.status, 'no');
    // Attaching the function to the VPC would not help: the balancer's name resolves to public addresses there too.
    assert.deepEqual(closed?.fixes.map((f) => f.description), ['allow ingress tcp 443 from 0.0.0.0/0 in aws_security_group.lb']);
  });

  it('a node in a subnet without the internet gateway route: requests that pick it fail, so unknown', () => {
    const r = reach('0.0.0.0/0', 'none');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /its DNS name answers with a node in each of its subnets/);
  });
});
