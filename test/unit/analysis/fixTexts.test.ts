// Fix texts end to end through the real Terraform front end and the engine: a NAT gateway declared with
// count 0 is named (E3), a VPC without internet gateway gets the whole NAT change (E3), a transit gateway
// without default route table gets "create a route table" (P11), and the gateway route table hop of an
// internet gateway follows the gateway's own hop.

import * as assert from 'node:assert/strict';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import { analyzeFiles } from '../support/analyseWorkspace';
import { association, packaged, provider, publicSubnet as publicSubnetPiece, route, routeTable, securityGroup, subnet, vpc as vpcResource, vpcFunction } from '../support/terraformPieces';

const analyze = (files: Readonly<Record<string, string>>): AnalysisResult => analyzeFiles(files, 'us-east-1');

function reachOf(result: AnalysisResult, destination: string): DestinationReach {
  const reach = result.functions[0]?.reach.find((r) => r.destination === destination);
  assert.ok(reach, `no answer for ${destination}`);
  return reach;
}

/** A VPC with one private subnet (route table a) and a function that calls https://api.example.com. */
const vpc = provider('us-east-1') + vpcResource('a')
  + subnet('a1', { vpc: 'a', cidr: '10.0.1.0/24', az: 'us-east-1a' }) + routeTable('a', { vpc: 'a' }) + association('a1', 'a')
  + securityGroup('fn', 'all', 'a')
  + vpcFunction('fn', { subnets: ['a1'], env: 'API = "https://api.example.com"', attributes: packaged });

/** A public subnet routing 0.0.0.0/0 to an attached internet gateway. */
const publicSubnet = publicSubnetPiece({ vpc: 'a', igw: 'g', cidr: '10.0.9.0/24', az: 'us-east-1a' });

const conditionalNat = `
variable "enable_nat" { type = bool }
resource "aws_eip" "e" { count = var.enable_nat ? 1 : 0 }
resource "aws_nat_gateway" "nat" {
  count = var.enable_nat ? 1 : 0
  subnet_id = aws_subnet.pub.id
  allocation_id = aws_eip.e[0].id
}
resource "aws_route" "nat" {
  count = var.enable_nat ? 1 : 0
  route_table_id = aws_route_table.a.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id = aws_nat_gateway.nat[0].id
}
`;

describe('fix texts', () => {
  it('names a NAT gateway the code declares but does not create (count 0), and the finding cites E3', () => {
    const result = analyze({ '/w/main.tf': vpc + publicSubnet + conditionalNat, '/w/terraform.tfvars': 'enable_nat = false\n' });
    const internet = reachOf(result, 'internet');
    assert.equal(internet.status, 'no');
    assert.deepEqual(internet.fixes.map((f) => f.description), ['create aws_nat_gateway.nat (count = var.enable_nat ? 1 : 0 is 0): set enable_nat = true']);
    const finding = result.findings.find((f) => f.rule === 'LAMBDA_NO_ROUTE_INTERNET');
    assert.match(finding?.message ?? '', /no route covers the destination \(E3\)$/);
  });

  it('says "set … = false" for a negated condition', () => {
    const text = (vpc + publicSubnet + conditionalNat).replace(/count = var\.enable_nat \? 1 : 0/g, 'count = !var.enable_nat ? 1 : 0');
    const result = analyze({ '/w/main.tf': text, '/w/terraform.tfvars': 'enable_nat = true\n' });
    assert.deepEqual(reachOf(result, 'internet').fixes.map((f) => f.description), ['create aws_nat_gateway.nat (count = !var.enable_nat ? 1 : 0 is 0): set enable_nat = false']);
  });

  it('in a module, names the variables of a combined condition and the module call that sets them', () => {
    // terraform-aws-modules/vpc: count = local.create_vpc && var.enable_nat_gateway ? local.nat_gateway_count : 0.
    const network = (vpc + publicSubnet + conditionalNat)
      .replace(provider('us-east-1'), '')
      .replace(/count = var\.enable_nat \? 1 : 0/g, 'count = local.on && (var.enable_nat || var.force_nat) ? local.n : 0')
      .replace('variable "enable_nat" { type = bool }', 'variable "enable_nat" { type = bool }\nvariable "force_nat" { default = false }\nlocals {\n  on = true\n  n = 1\n}');
    const result = analyze({
      '/w/main.tf': `${provider('us-east-1')}module "net" {\n  source = "./net"\n  enable_nat = false\n}\n`,
      '/w/net/main.tf': network,
    });
    assert.deepEqual(reachOf(result, 'internet').fixes.map((f) => f.description), [
      'create module.net.aws_nat_gateway.nat (count = local.on && (var.enable_nat || var.force_nat) ? local.n : 0 is 0): set enable_nat = true or force_nat = true in module "net"',
    ]);
  });

  it('a created NAT gateway gives no fix; the finding for a service cites E6', () => {
    const result = analyze({ '/w/main.tf': vpc + publicSubnet + conditionalNat, '/w/terraform.tfvars': 'enable_nat = true\n' });
    assert.equal(reachOf(result, 'internet').status, 'yes');
    const s3 = analyze({ '/w/main.tf': vpc.replace('API = "https://api.example.com"', 'B = "arn:aws:s3:::bkt"') });
    const finding = s3.findings.find((f) => f.rule === 'LAMBDA_NO_ROUTE_S3');
    assert.ok(finding === undefined || /\(E6\)$/.test(finding.message), finding?.message);
  });

  it('with a public subnet, the NAT fix names it', () => {
    const result = analyze({ '/w/main.tf': vpc + publicSubnet });
    assert.deepEqual(reachOf(result, 'internet').fixes.map((f) => f.description), ['add a public NAT gateway in aws_subnet.pub and route 0.0.0.0/0 in aws_route_table.a to it']);
  });

  it('without internet gateway or public subnet, the NAT fix lists the whole change', () => {
    const result = analyze({ '/w/main.tf': vpc });
    assert.deepEqual(reachOf(result, 'internet').fixes.map((f) => f.description), [
      'attach an internet gateway to aws_vpc.a, add a public subnet whose route table sends 0.0.0.0/0 to it, add a public NAT gateway in that subnet and route 0.0.0.0/0 in aws_route_table.a to the NAT gateway',
    ]);
  });

  it('with an attached internet gateway but no public subnet, the fix names the gateway', () => {
    const result = analyze({ '/w/main.tf': `${vpc}\nresource "aws_internet_gateway" "g" { vpc_id = aws_vpc.a.id }\n` });
    assert.deepEqual(reachOf(result, 'internet').fixes.map((f) => f.description), [
      'add a public subnet whose route table sends 0.0.0.0/0 to aws_internet_gateway.g, add a public NAT gateway in that subnet and route 0.0.0.0/0 in aws_route_table.a to the NAT gateway',
    ]);
  });

  it('lists the gateway route table hop after the internet gateway hop', () => {
    const edge = `
resource "aws_eip" "e" { domain = "vpc" }
resource "aws_nat_gateway" "nat" {
  subnet_id = aws_subnet.pub.id
  allocation_id = aws_eip.e.id
}
resource "aws_route" "nat" {
  route_table_id = aws_route_table.a.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id = aws_nat_gateway.nat.id
}
resource "aws_subnet" "fw" {
  vpc_id = aws_vpc.a.id
  cidr_block = "10.0.8.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_network_interface" "appl" { subnet_id = aws_subnet.fw.id }
${routeTable('edge', { vpc: 'a', routes: route('10.0.9.0/24', 'network_interface_id = aws_network_interface.appl.id') })}\
resource "aws_route_table_association" "edge" {
  gateway_id = aws_internet_gateway.g.id
  route_table_id = aws_route_table.edge.id
}
`;
    const internet = reachOf(analyze({ '/w/main.tf': vpc + publicSubnet + edge }), 'internet');
    assert.equal(internet.status, 'unknown');
    const tail = internet.path.slice(-3).map((h) => `${h.verdict} ${h.label}${h.rule ? ` (${h.rule})` : ''}`);
    assert.deepEqual(tail, [
      'pass internet gateway aws_internet_gateway.g (E3)',
      'unknown gateway route table aws_route_table.edge of aws_internet_gateway.g',
      'pass internet',
    ]);
  });
});

/** Two VPCs joined by a transit gateway; the function in VPC a uses a database in VPC b. */
function tgw(options: string, extra = ''): string {
  return `${provider('us-east-1')}${vpcResource('a')}${vpcResource('b', '10.1.0.0/16')}${subnet('a1', { vpc: 'a', cidr: '10.0.1.0/24', az: 'us-east-1a' })}${subnet('b1', { vpc: 'b', cidr: '10.1.1.0/24', az: 'us-east-1a' })}
resource "aws_ec2_transit_gateway" "t" {
${options}
}
resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.t.id
  vpc_id = aws_vpc.a.id
  subnet_ids = [aws_subnet.a1.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "b" {
  transit_gateway_id = aws_ec2_transit_gateway.t.id
  vpc_id = aws_vpc.b.id
  subnet_ids = [aws_subnet.b1.id]
}
${routeTable('a', { vpc: 'a', routes: route('10.1.0.0/16', 'transit_gateway_id = aws_ec2_transit_gateway.t.id') })}${association('a1', 'a')}${securityGroup('fn', 'all', 'a')}
resource "aws_db_subnet_group" "b" { subnet_ids = [aws_subnet.b1.id] }
resource "aws_db_instance" "db" {
  engine = "postgres"
  instance_class = "db.t4g.micro"
  allocated_storage = 20
  db_subnet_group_name = aws_db_subnet_group.b.name
}
${vpcFunction('fn', { subnets: ['a1'], env: 'DB = aws_db_instance.db.address', attributes: packaged })}${extra}`;
}

describe('fix texts: transit gateway association', () => {
  const associationFix = (text: string): string[] => {
    const reach = reachOf(analyze({ '/w/main.tf': text }), 'aws_db_instance.db');
    assert.equal(reach.reason, 'TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION');
    return reach.fixes.map((f) => f.description);
  };

  it('without default route table: create a route table and associate the attachment', () => {
    assert.deepEqual(associationFix(tgw('  default_route_table_association = "disable"\n  default_route_table_propagation = "disable"')), [
      'create an aws_ec2_transit_gateway_route_table for aws_ec2_transit_gateway.t and associate aws_ec2_transit_gateway_vpc_attachment.a with it',
    ]);
  });

  it('names a declared route table when there is one', () => {
    const extra = 'resource "aws_ec2_transit_gateway_route_table" "rt" { transit_gateway_id = aws_ec2_transit_gateway.t.id }';
    assert.deepEqual(associationFix(tgw('  default_route_table_association = "disable"\n  default_route_table_propagation = "disable"', extra)), [
      'associate aws_ec2_transit_gateway_vpc_attachment.a with transit gateway route table aws_ec2_transit_gateway_route_table.rt',
    ]);
  });

  it('with default propagation on, the default (propagation) route table exists and is named', () => {
    assert.deepEqual(associationFix(tgw('  default_route_table_association = "disable"')), [
      'associate aws_ec2_transit_gateway_vpc_attachment.a with transit gateway route table aws_ec2_transit_gateway.t (default route table)',
    ]);
  });
});
