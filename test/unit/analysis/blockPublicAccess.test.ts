// VPC Block Public Access with its exclusions (E13), both directions: a function's NAT and egress-only egress,
// and a public database reached from the internet; end to end through the real Terraform and CloudFormation
// front ends (twins must agree), plus the crossing rules on small models (regional NAT, ingress-only mode).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, ROLE, route, routeTable, securityGroup, subnet, twoAzVpc, vpc, vpcFunction } from '../support/terraformPieces';
import * as cfnPieces from '../support/cloudFormationPieces';
import { ModelFixture } from './modelFixture';
import { unknown, type Origin } from '../../../server/src/model/origin';
import type { ModelObject } from '../../../server/src/model/types';
import { publicAccessVerdict, type PublicAccessCrossing } from '../../../server/src/analysis/blockPublicAccess';

// ------------------------------------------------------------------ outbound: a function behind a NAT gateway

/** Function `f` in private subnet `private`, NAT gateway `nat` in public subnet `public`; `extra` adds BPA resources. */
const natTf = (extra: string): string => `${provider('us-east-1')}${vpc()}${publicSubnet({ name: 'public', cidr: '10.0.0.0/24', az: 'us-east-1a' })}${natGateway('nat', 'public')}
${subnet('private', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })}${association('private', 'private')}
${securityGroup('fn', 'all')}${vpcFunction('f', { subnets: ['private'], attributes: [ROLE] })}
variable "mode" {}
${extra}`;

const natCfn = (extra: string): string => cfnPieces.template({ parameters: '  Mode: { Type: String }\n' }) + cfnPieces.vpc()
  + cfnPieces.subnet('Private', { cidr: '10.0.1.0/24', az: 'us-east-1a' }) + cfnPieces.publicSubnet({ name: 'Public', cidr: '10.0.0.0/24', az: 'us-east-1a' }) + cfnPieces.natGateway('Nat', 'Public')
  + cfnPieces.routeTable('PrivateTable', { subnets: ['Private'], routes: [{ name: 'PrivateDefault', cidr: '0.0.0.0/0', target: 'NatGatewayId: !Ref Nat' }] })
  + cfnPieces.securityGroup('FnSg') + cfnPieces.vpcFunction('Fn', { subnets: ['Private'], role: 'arn:aws:iam::123456789012:role/r' }) + extra;

const tfOptions = (mode: string): string => `resource "aws_vpc_block_public_access_options" "bpa" { internet_gateway_block_mode = ${mode} }\n`;
const tfExclusion = (name: string, target: string, mode: string): string => `resource "aws_vpc_block_public_access_exclusion" "${name}" {
  ${target}
  internet_gateway_exclusion_mode = ${mode}
}
`;
const cfnOptions = (mode: string): string => `  Bpa: { Type: AWS::EC2::VPCBlockPublicAccessOptions, Properties: { InternetGatewayBlockMode: ${mode} } }\n`;
const cfnExclusion = (name: string, target: string, mode: string): string => `  ${name}: { Type: AWS::EC2::VPCBlockPublicAccessExclusion, Properties: { ${target}, InternetGatewayExclusionMode: ${mode} } }\n`;

/** First line of the internet answer, then the E13 hops as "verdict label". */
function internet(files: Readonly<Record<string, string>>, fn: string): string {
  const r = reachOf(analyseWorkspace(files).result, fn, 'internet');
  const hops = (r?.path ?? []).filter((h) => h.rule === 'E13').map((h) => `  ${h.verdict} ${h.label}`);
  return [render(r).split('\n')[0], ...hops].join('\n');
}
const tf = (extra: string): string => internet({ '/w/main.tf': natTf(extra) }, 'f');
const cfn = (extra: string): string => internet({ '/w/template.yaml': natCfn(extra) }, 'Fn');

describe('VPC Block Public Access: a function behind a NAT gateway (E13)', () => {
  it('without BPA the function reaches the internet', () => {
    assert.equal(tf(''), 'yes via nat-gateway');
    assert.equal(cfn(''), 'yes via nat-gateway');
  });

  it('bidirectional mode blocks the NAT gateway\'s egress, and offers an exclusion of the NAT gateway\'s subnet', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natTf(tfOptions('"block-bidirectional"')) }).result, 'f', 'internet');
    assert.equal(render(r), 'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  fix: add a VPC Block Public Access exclusion for subnet aws_subnet.public with mode allow-egress (the NAT gateway sends from there)');
    assert.equal(cfn(cfnOptions('block-bidirectional')), 'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  block Bpa');
  });

  it('an allow-egress exclusion of the NAT gateway\'s subnet lets it through, and the path names the exclusion', () => {
    assert.equal(tf(tfOptions('"block-bidirectional"') + tfExclusion('nat', 'subnet_id = aws_subnet.public.id', '"allow-egress"')),
      'yes via nat-gateway\n  pass aws_vpc_block_public_access_exclusion.nat');
    assert.equal(cfn(cfnOptions('block-bidirectional') + cfnExclusion('NatExclusion', 'SubnetId: !Ref Public', 'allow-egress')),
      'yes via nat-gateway\n  pass NatExclusion');
  });

  it('an exclusion of the function\'s own subnet does not help: the internet gateway sees the NAT gateway', () => {
    assert.equal(tf(tfOptions('"block-bidirectional"') + tfExclusion('fn', 'subnet_id = aws_subnet.private.id', '"allow-bidirectional"')),
      'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  block aws_vpc_block_public_access_options.bpa');
    assert.equal(cfn(cfnOptions('block-bidirectional') + cfnExclusion('FnExclusion', 'SubnetId: !Ref Private', 'allow-bidirectional')),
      'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  block Bpa');
  });

  it('a VPC exclusion covers the NAT gateway\'s subnet', () => {
    assert.equal(tf(tfOptions('"block-bidirectional"') + tfExclusion('v', 'vpc_id = aws_vpc.v.id', '"allow-egress"')),
      'yes via nat-gateway\n  pass aws_vpc_block_public_access_exclusion.v');
    assert.equal(cfn(cfnOptions('block-bidirectional') + cfnExclusion('VpcExclusion', 'VpcId: !Ref Vpc', 'allow-egress')),
      'yes via nat-gateway\n  pass VpcExclusion');
  });

  it('an exclusion of another VPC does not apply', () => {
    const other = 'resource "aws_vpc" "other" { cidr_block = "10.9.0.0/16" }\n';
    assert.equal(tf(other + tfOptions('"block-bidirectional"') + tfExclusion('o', 'vpc_id = aws_vpc.other.id', '"allow-egress"')).split('\n')[0],
      'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED');
  });

  it('ingress-only mode lets NAT gateway egress out without an exclusion', () => {
    assert.equal(tf(tfOptions('"block-ingress"')), 'yes via nat-gateway');
    assert.equal(cfn(cfnOptions('block-ingress')), 'yes via nat-gateway');
  });

  it('an exclusion while BPA is off changes nothing', () => {
    assert.equal(tf(tfOptions('"off"') + tfExclusion('nat', 'subnet_id = aws_subnet.public.id', '"allow-egress"')), 'yes via nat-gateway');
  });

  it('an unknown BPA mode leaves the answer open', () => {
    assert.equal(tf(tfOptions('var.mode')), 'unknown via nat-gateway LAMBDA_UNKNOWN_INPUT\n  unknown aws_vpc_block_public_access_options.bpa');
    assert.equal(cfn(cfnOptions('!Ref Mode')), 'unknown via nat-gateway LAMBDA_UNKNOWN_INPUT\n  unknown Bpa');
  });

  it('an unknown BPA mode with an exclusion that lets the traffic through in every mode: yes', () => {
    assert.equal(tf(tfOptions('var.mode') + tfExclusion('nat', 'subnet_id = aws_subnet.public.id', '"allow-egress"')),
      'yes via nat-gateway\n  pass aws_vpc_block_public_access_exclusion.nat');
  });

  it('an exclusion of the NAT gateway\'s subnet with an unknown mode leaves the answer open', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natTf(tfOptions('"block-bidirectional"') + tfExclusion('nat', 'subnet_id = aws_subnet.public.id', 'var.mode')) }).result, 'f', 'internet');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /the mode of the VPC Block Public Access exclusion aws_vpc_block_public_access_exclusion\.nat is unknown/);
    assert.equal(cfn(cfnOptions('block-bidirectional') + cfnExclusion('NatExclusion', 'SubnetId: !Ref Public', '!Ref Mode')),
      'unknown via nat-gateway LAMBDA_UNKNOWN_INPUT\n  unknown NatExclusion');
  });

  it('an exclusion whose subnet is unknown leaves the answer open', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': natTf(`variable "sub" {}\n${tfOptions('"block-bidirectional"')}${tfExclusion('x', 'subnet_id = var.sub', '"allow-egress"')}`) }).result, 'f', 'internet');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /covers this traffic is unknown: its subnet is unknown/);
  });
});

// ------------------------------------------------------------------ inbound: a public database

const dbTf = (extra: string): string => `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_subnet_group" "db" { subnet_ids = [aws_subnet.a.id] }
resource "aws_db_instance" "orders" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = true
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = { DB_HOST = aws_db_instance.orders.address }
  }
}
variable "mode" {}
${extra}`;

const dbCfn = (extra: string): string => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  Table: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Default: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref A, RouteTableId: !Ref Table } }
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }]
  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: d, SubnetIds: [!Ref A] } }
  Orders:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t4g.micro, AllocatedStorage: "20", DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg], PubliclyAccessible: true }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      Environment: { Variables: { DB_HOST: !GetAtt Orders.Endpoint.Address } }
${extra}`;

function database(files: Readonly<Record<string, string>>, db: string): string {
  const r = analyseWorkspace(files).result.functions[0]?.reach.find((x) => x.destination.endsWith(db));
  const hops = (r?.path ?? []).filter((h) => h.rule === 'E13').map((h) => `  ${h.verdict} ${h.label}`);
  const fixes = (r?.fixes ?? []).map((f) => `  fix ${f.changes.map((c) => c.kind).join('+')}`);
  return [`${r?.status ?? 'no answer'} ${r?.reason ?? ''}`.trim(), ...hops, ...fixes].join('\n');
}
const dbT = (extra: string): string => database({ '/w/main.tf': dbTf(extra) }, 'aws_db_instance.orders');
const dbC = (extra: string): string => database({ '/w/template.yaml': dbCfn(extra) }, 'Orders');

describe('VPC Block Public Access: a public database reached from the internet (E13)', () => {
  it('without BPA the public endpoint is reached', () => {
    assert.equal(dbT(''), 'yes');
    assert.equal(dbC(''), 'yes');
  });

  it('either mode blocks traffic entering through the internet gateway; a database gets no exclusion as advice', () => {
    for (const mode of ['block-bidirectional', 'block-ingress']) {
      assert.equal(dbT(tfOptions(`"${mode}"`)), 'no VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  block aws_vpc_block_public_access_options.bpa\n  fix attach-vpc-config');
      assert.equal(dbC(cfnOptions(mode)), 'no VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  block Bpa\n  fix attach-vpc-config');
    }
  });

  it('an allow-egress exclusion does not admit inbound traffic', () => {
    assert.equal(dbT(tfOptions('"block-bidirectional"') + tfExclusion('a', 'subnet_id = aws_subnet.a.id', '"allow-egress"')).split('\n')[0], 'no VPC_BLOCK_PUBLIC_ACCESS_ENABLED');
    assert.equal(dbC(cfnOptions('block-bidirectional') + cfnExclusion('AExclusion', 'SubnetId: !Ref A', 'allow-egress')).split('\n')[0], 'no VPC_BLOCK_PUBLIC_ACCESS_ENABLED');
  });

  it('an allow-bidirectional exclusion of the subnet or the VPC admits it', () => {
    assert.equal(dbT(tfOptions('"block-ingress"') + tfExclusion('a', 'subnet_id = aws_subnet.a.id', '"allow-bidirectional"')), 'yes\n  pass aws_vpc_block_public_access_exclusion.a');
    assert.equal(dbT(tfOptions('"block-bidirectional"') + tfExclusion('v', 'vpc_id = aws_vpc.main.id', '"allow-bidirectional"')), 'yes\n  pass aws_vpc_block_public_access_exclusion.v');
    assert.equal(dbC(cfnOptions('block-bidirectional') + cfnExclusion('VpcExclusion', 'VpcId: !Ref Vpc', 'allow-bidirectional')), 'yes\n  pass VpcExclusion');
  });

  it('an unknown BPA mode leaves the inbound answer open (was: ignored, yes)', () => {
    assert.equal(dbT(tfOptions('var.mode')), 'unknown LAMBDA_UNKNOWN_INPUT\n  unknown aws_vpc_block_public_access_options.bpa');
    assert.equal(dbC(cfnOptions('!Ref Mode')), 'unknown LAMBDA_UNKNOWN_INPUT\n  unknown Bpa');
  });

  it('an exclusion with an unknown mode leaves it open', () => {
    assert.equal(dbT(tfOptions('"block-ingress"') + tfExclusion('a', 'subnet_id = aws_subnet.a.id', 'var.mode')),
      'unknown LAMBDA_UNKNOWN_INPUT\n  unknown aws_vpc_block_public_access_exclusion.a');
  });
});

// ------------------------------------------------------------------ inbound: an internet-facing load balancer

/** Function `f` behind NAT gateway `n`; an internet-facing balancer with nodes in subnets a and b, open to the internet. */
const lbTf = (extra: string): string => twoAzVpc('us-east-1') + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('n', 'pub')
  + routeTable('priv', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'priv') + association('b', 'priv')
  + securityGroup('fn', 'all') + `resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lb" "lb" {
  internal           = false
  load_balancer_type = "application"
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups    = [aws_security_group.lb.id]
}
` + vpcFunction('f', { subnets: ['a'], env: 'LB = aws_lb.lb.dns_name', attributes: [ROLE] }) + extra;

const balancer = (extra: string): string => {
  const r = reachOf(analyseWorkspace({ '/w/main.tf': lbTf(extra) }).result, 'f', 'aws_lb.lb');
  const hops = (r?.path ?? []).filter((h) => h.rule === 'E13').map((h) => `  ${h.verdict} ${h.label}`);
  return [render(r), ...hops].join('\n');
};

describe('VPC Block Public Access: an internet-facing load balancer reached through the NAT gateway (E13)', () => {
  it('ingress-only mode lets the NAT gateway out but refuses the connection entering the balancer\'s VPC (was: yes)', () => {
    assert.equal(balancer(''), 'yes via nat-gateway');
    assert.equal(balancer(tfOptions('"block-ingress"')), [
      'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED',
      '  fix: add VPC Block Public Access exclusions for aws_subnet.a, aws_subnet.b with mode allow-bidirectional',
      '  block aws_vpc_block_public_access_options.bpa',
    ].join('\n'));
  });

  it('allow-bidirectional exclusions of every node subnet admit it; of one subnet only, the answer stays open', () => {
    const both = tfExclusion('a', 'subnet_id = aws_subnet.a.id', '"allow-bidirectional"') + tfExclusion('b', 'subnet_id = aws_subnet.b.id', '"allow-bidirectional"');
    assert.equal(balancer(tfOptions('"block-ingress"') + both),
      'yes via nat-gateway\n  pass aws_vpc_block_public_access_exclusion.a\n  pass aws_vpc_block_public_access_exclusion.b');
    assert.equal(balancer(tfOptions('"block-ingress"') + tfExclusion('a', 'subnet_id = aws_subnet.a.id', '"allow-bidirectional"')).split('\n')[0],
      'unknown via nat-gateway LAMBDA_UNKNOWN_INPUT');
  });
});

// ------------------------------------------------------------------ the crossing rules on small models

const origin: Origin = { file: '/test/main.tf', span: { start: 0, end: 1 } };
const bpa = (mode: 'block-bidirectional' | 'block-ingress' | 'off' | null): ModelObject =>
  ({ kind: 'block-public-access', id: 'bpa', address: 'bpa', stack: '/test', origin, mode: mode ?? unknown('var.mode') });
const exclusion = (id: string, o: { subnet?: string; vpc?: string; mode: 'allow-bidirectional' | 'allow-egress' }): ModelObject =>
  ({ kind: 'block-public-access-exclusion', id, address: id, stack: '/test', origin, vpc: o.vpc ?? null, subnet: o.subnet ?? null, mode: o.mode });

function verdict(objects: readonly ModelObject[], c: Partial<Omit<PublicAccessCrossing, 'subnet'>> & { readonly subnet: string | null }): string {
  const f = new ModelFixture().vpc('v').subnet('pub', { vpc: 'v', cidr: '10.0.0.0/24' }).subnet('fn', { vpc: 'v', cidr: '10.0.1.0/24' });
  for (const o of objects) f.add(o);
  const model = f.build();
  const s = c.subnet === null ? null : model.get(c.subnet);
  const v = publicAccessVerdict(model, {
    direction: c.direction ?? 'egress', gateway: c.gateway ?? 'internet-gateway', throughNat: c.throughNat ?? false,
    subnet: s?.kind === 'subnet' ? s : null, vpc: 'v', offerFix: true,
  });
  switch (v.kind) {
    case 'allowed': return `allowed${v.exclusion ? ` by ${v.exclusion.id}` : ''}`;
    case 'blocked': return 'blocked';
    case 'unknown': return `unknown at ${v.component.id}`;
  }
}

describe('VPC Block Public Access crossing rules (E13)', () => {
  it('ingress-only mode: egress-only gateway and NAT traffic out, an ENI\'s own traffic through the internet gateway blocked', () => {
    assert.equal(verdict([bpa('block-ingress')], { subnet: 'fn', gateway: 'egress-only-internet-gateway' }), 'allowed');
    assert.equal(verdict([bpa('block-ingress')], { subnet: 'pub', throughNat: true }), 'allowed');
    assert.equal(verdict([bpa('block-ingress')], { subnet: 'fn' }), 'blocked');
    assert.equal(verdict([bpa('block-ingress'), exclusion('x', { subnet: 'fn', mode: 'allow-bidirectional' })], { subnet: 'fn' }), 'allowed by x');
  });

  it('an allow-egress exclusion under ingress-only mode, for traffic straight through the internet gateway: open (AWS documents it for bidirectional only)', () => {
    assert.equal(verdict([bpa('block-ingress'), exclusion('x', { subnet: 'fn', mode: 'allow-egress' })], { subnet: 'fn' }), 'unknown at x');
  });

  it('bidirectional mode blocks the egress-only gateway unless the function subnet is excluded', () => {
    assert.equal(verdict([bpa('block-bidirectional')], { subnet: 'fn', gateway: 'egress-only-internet-gateway' }), 'blocked');
    assert.equal(verdict([bpa('block-bidirectional'), exclusion('x', { subnet: 'fn', mode: 'allow-egress' })], { subnet: 'fn', gateway: 'egress-only-internet-gateway' }), 'allowed by x');
  });

  it('a regional NAT gateway (no subnet): a VPC exclusion covers it, a subnet exclusion in its VPC leaves it open', () => {
    assert.equal(verdict([bpa('block-bidirectional'), exclusion('x', { vpc: 'v', mode: 'allow-egress' })], { subnet: null, throughNat: true }), 'allowed by x');
    assert.equal(verdict([bpa('block-bidirectional'), exclusion('x', { subnet: 'pub', mode: 'allow-egress' })], { subnet: null, throughNat: true }), 'unknown at x');
  });

  it('inbound: unknown mode is open; allow-egress never admits; allow-bidirectional does', () => {
    assert.equal(verdict([bpa(null)], { subnet: 'pub', direction: 'ingress' }), 'unknown at bpa');
    assert.equal(verdict([bpa(null), exclusion('x', { subnet: 'pub', mode: 'allow-egress' })], { subnet: 'pub', direction: 'ingress' }), 'unknown at bpa');
    assert.equal(verdict([bpa(null), exclusion('x', { subnet: 'pub', mode: 'allow-bidirectional' })], { subnet: 'pub', direction: 'ingress' }), 'allowed by x');
    assert.equal(verdict([bpa('off')], { subnet: 'pub', direction: 'ingress' }), 'allowed');
  });
});
