// Engine audit 10 regressions, end to end (real Terraform front end + engine): an internet-facing balancer's
// listener port on the internet path (P2, P6), routes for part of the public space beside a gateway endpoint's
// prefix list (E7, P9), and publicly accessible databases in another VPC reached at their public address (E1, E3).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, publicSubnet, route, routeTable, securityGroup, securityGroupRules, subnet, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** Private subnet a routed through a NAT gateway in a public subnet. */
const natted = twoAzVpc('us-east-1') + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('n', 'pub')
  + routeTable('priv', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'priv');

/** A security group `name` with one tcp egress rule on `port` to 0.0.0.0/0. */
function egressOn(name: string, port: number): string {
  return `resource "aws_security_group" "${name}" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = ${port}
    to_port     = ${port}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
}

describe('engine audit 10: an internet-facing balancer is reached on its listener port (P2, P6, E3)', () => {
  const balancer = `${securityGroupRules('lb', { ingress: [{ port: 80, peer: 'cidr_blocks = ["0.0.0.0/0"]' }] })}\
resource "aws_lb" "lb" {
  internal           = false
  load_balancer_type = "application"
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups    = [aws_security_group.lb.id]
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.lb.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "fixed-response"
  }
}
`;
  const fn = vpcFunction('f', { subnets: ['a'], env: 'LB = aws_lb.lb.dns_name' });

  it('function egress open on 443 only: blocked on port 80 (was: yes, checked on 443)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natted + egressOn('fn', 443) + balancer + fn }).result, 'f', 'aws_lb.lb');
    assert.equal(render(r), 'no via nat-gateway ENI_SG_RULES_MISMATCH\n  fix: allow egress tcp 80 to 0.0.0.0/0 in aws_security_group.fn');
  });

  it('function egress open on 80 only: reached (was: blocked on 443)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natted + egressOn('fn', 80) + balancer + fn }).result, 'f', 'aws_lb.lb');
    assert.equal(render(r), 'yes via nat-gateway');
    assert.ok(r?.path.some((h) => h.label.includes('NAT subnet') && h.detail.includes('tcp 80')), r?.path.map((h) => `${h.label}: ${h.detail}`).join('\n'));
  });
});

describe('engine audit 10: a route for part of the public space beside a gateway endpoint (E7, P9)', () => {
  const endpoint = `resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.priv.id]
}
${association('a', 'priv')}${securityGroup('fn', 'all')}\
${vpcFunction('f', { subnets: ['a'] })}`;

  it('a CIDR route to the internet gateway may hold S3 ranges: open, not yes', () => {
    const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + routeTable('priv', { routes: route('52.216.0.0/15', 'gateway_id = aws_internet_gateway.igw.id') }) + endpoint });
    const r = reachOf(run.result, 'f', 's3');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /sends 52\.216\.0\.0\/15 to internet-gateway: if that block holds s3 addresses/);
  });

  it('the same through a customer prefix list entry', () => {
    const list = `resource "aws_ec2_managed_prefix_list" "pl" {
  name           = "part"
  address_family = "IPv4"
  max_entries    = 1
  entry { cidr = "52.216.0.0/15" }
}
resource "aws_route" "pl" {
  route_table_id             = aws_route_table.priv.id
  destination_prefix_list_id = aws_ec2_managed_prefix_list.pl.id
  gateway_id                 = aws_internet_gateway.igw.id
}
`;
    const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + routeTable('priv') + list + endpoint });
    assert.equal(reachOf(run.result, 'f', 's3')?.status, 'unknown');
  });

  it('without such a route the gateway endpoint decides', () => {
    const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + routeTable('priv') + endpoint });
    assert.equal(render(reachOf(run.result, 'f', 's3')), 'yes via gateway-endpoint');
  });

  it('a customer prefix list sending part of the public space elsewhere than the default route leaves the internet open (P9)', () => {
    const tf = natted + securityGroup('fn', 'all') + `resource "aws_ec2_managed_prefix_list" "pl" {
  name           = "part"
  address_family = "IPv4"
  max_entries    = 1
  entry { cidr = "52.0.0.0/8" }
}
resource "aws_route" "pl" {
  route_table_id             = aws_route_table.priv.id
  destination_prefix_list_id = aws_ec2_managed_prefix_list.pl.id
  gateway_id                 = aws_internet_gateway.igw.id
}
` + vpcFunction('f', { subnets: ['a'] });
    // Was: yes via nat-gateway, the list's entry ignored because it covers only part of "any public address".
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'f', 'internet')?.status, 'unknown');
  });
});

describe('engine audit 10: a publicly accessible database in another VPC (E1, E3: its name resolves to its public address)', () => {
  /** VPC p with a public subnet pa and a Postgres instance there whose group admits `ingress`. */
  const database = (publiclyAccessible: boolean, ingress: string): string => `resource "aws_vpc" "p" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_internet_gateway" "pigw" { vpc_id = aws_vpc.p.id }
${subnet('pa', { cidr: '10.1.1.0/24', az: 'us-east-1a', vpc: 'p' })}\
${routeTable('pt', { vpc: 'p', routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.pigw.id') })}\
${association('pa', 'pt')}\
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.p.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    ${ingress}
  }
}
resource "aws_db_subnet_group" "g" { subnet_ids = [aws_subnet.pa.id] }
resource "aws_db_instance" "d" {
  engine                 = "postgres"
  publicly_accessible    = ${publiclyAccessible}
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
`;
  const fn = securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['a'], env: 'DB = aws_db_instance.d.address' });

  it('is reached through the NAT gateway at its public endpoint (was: no, DISCONNECTED_VPCS)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natted + database(true, 'cidr_blocks = ["0.0.0.0/0"]') + fn }).result, 'f', 'aws_db_instance.d');
    assert.equal(render(r), 'yes via nat-gateway');
    assert.ok(r?.path.some((h) => h.detail.includes('public endpoint of the rds-instance')), r?.path.map((h) => h.detail).join('\n'));
  });

  it('sees the NAT gateway\'s address, not the function\'s group', () => {
    const run = analyseWorkspace({ '/w/main.tf': natted + database(true, 'security_groups = [aws_security_group.fn.id]') + fn });
    const r = reachOf(run.result, 'f', 'aws_db_instance.d');
    assert.equal(r?.reason, 'ENI_SG_RULES_MISMATCH');
    assert.equal(run.model.get(r?.blockedAt ?? '')?.address, 'aws_security_group.db');
    assert.match(r?.explanation ?? '', /from its NAT gateway's public address/);
  });

  it('without a way to the internet it is not reached', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + database(true, 'cidr_blocks = ["0.0.0.0/0"]') + fn }).result, 'f', 'aws_db_instance.d');
    assert.equal(r?.status, 'no');
    assert.equal(r?.reason, 'NO_ROUTE_TO_DESTINATION');
  });

  /** The same VPC p as an Aurora cluster with two instances, publicly accessible as given. */
  const aurora = (first: boolean, second: boolean): string => database(false, 'cidr_blocks = ["0.0.0.0/0"]').replace(/resource "aws_db_instance" "d" \{[\s\S]*$/, `resource "aws_rds_cluster" "c" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster_instance" "i1" {
  cluster_identifier  = aws_rds_cluster.c.id
  publicly_accessible = ${first}
}
resource "aws_rds_cluster_instance" "i2" {
  cluster_identifier  = aws_rds_cluster.c.id
  publicly_accessible = ${second}
}
`);
  const auroraFn = securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['a'], env: 'DB = aws_rds_cluster.c.endpoint' });

  it('an Aurora cluster whose instances are all publicly accessible is reached at its public endpoint', () => {
    assert.equal(render(reachOf(analyseWorkspace({ '/w/main.tf': natted + aurora(true, true) + auroraFn }).result, 'f', 'aws_rds_cluster.c')), 'yes via nat-gateway');
  });

  it('an Aurora cluster with only some instances publicly accessible: open (was: no, DISCONNECTED_VPCS)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natted + aurora(true, false) + auroraFn }).result, 'f', 'aws_rds_cluster.c');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /only some of its instances are publicly accessible/);
  });

  it('a private database in another VPC stays unreachable without peering', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natted + database(false, 'cidr_blocks = ["0.0.0.0/0"]') + fn }).result, 'f', 'aws_db_instance.d');
    assert.equal(r?.reason, 'DISCONNECTED_VPCS');
  });
});
