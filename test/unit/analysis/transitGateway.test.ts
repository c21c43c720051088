// Transit gateways (P11) end to end through the real Terraform and CloudFormation front ends and the engine: a
// function in VPC A reaching an RDS instance in VPC B over a transit gateway (default and custom route tables,
// static and blackhole routes), the failures Reachability Analyzer names (TGW_ROUTE_AZ_RESTRICTION,
// TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION, TGW_RTB_*), the return route, gateways the workspace does not
// declare, and centralised internet egress through an egress VPC's NAT gateway.

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { analyzeFiles, render as renderReach } from '../support/analyseWorkspace';
import * as Cfn from '../support/cloudFormationPieces';
import { association, natGateway, provider, ROLE, route, routeTable, securityGroup, securityGroupRules, subnet, vpc, vpcFunction } from '../support/terraformPieces';
import type { DestinationReach } from '../../../server/src/analysis/types';
import { buildJsonReport } from '../../../server/src/ide/report';

function analyse(files: Readonly<Record<string, string>>): DestinationReach[] {
  const fn = analyzeFiles(files, 'us-east-1').functions[0];
  assert.ok(fn, 'no function analysed');
  return [...fn.reach];
}

/** "status via code: explanation", then one line per subnet and the fixes. */
const render = (reach: DestinationReach | undefined): string => renderReach(reach, { explain: true, bySubnet: true });

function target(files: Readonly<Record<string, string>>): string {
  return render(analyse(files).find((r) => r.destinationKind === 'target'));
}

function internet(files: Readonly<Record<string, string>>): string {
  return render(analyse(files).find((r) => r.destinationKind === 'internet'));
}

interface Options {
  /** Terraform arguments added to the transit gateway. */
  readonly tgw?: string;
  /** Extra arguments of attachment A. */
  readonly attachA?: string;
  readonly attachASubnets?: string;
  /** The transit gateway id routes of both VPCs use. */
  readonly tgwRef?: string;
  /** Routes of VPC B's table (the return route). */
  readonly returnRoute?: boolean;
  readonly extra?: string;
}

function terraform(o: Options = {}): string {
  const tgwRef = o.tgwRef ?? 'aws_ec2_transit_gateway.tgw.id';
  return `${provider('us-east-1')}${vpc('a')}${vpc('b', '10.1.0.0/16')}
${subnet('a1', { vpc: 'a', cidr: '10.0.1.0/24', az: 'us-east-1a' })}${subnet('a2', { vpc: 'a', cidr: '10.0.2.0/24', az: 'us-east-1b' })}
${subnet('b1', { vpc: 'b', cidr: '10.1.1.0/24', az: 'us-east-1a' })}${subnet('b2', { vpc: 'b', cidr: '10.1.2.0/24', az: 'us-east-1b' })}
resource "aws_ec2_transit_gateway" "tgw" {
${o.tgw ?? ''}
}
resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.a.id
  subnet_ids         = ${o.attachASubnets ?? '[aws_subnet.a1.id, aws_subnet.a2.id]'}
${o.attachA ?? ''}
}
resource "aws_ec2_transit_gateway_vpc_attachment" "b" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.b.id
  subnet_ids         = [aws_subnet.b1.id, aws_subnet.b2.id]
}
${routeTable('a', { vpc: 'a', routes: route('10.1.0.0/16', `transit_gateway_id = ${tgwRef}`) })}${association('a1', 'a')}${association('a2', 'a')}
${routeTable('b', { vpc: 'b', routes: o.returnRoute === false ? '' : route('10.0.0.0/16', `transit_gateway_id = ${tgwRef}`) })}${association('b1', 'b')}${association('b2', 'b')}
${securityGroup('fn', 'all', 'a')}
${securityGroupRules('db', { vpc: 'b', ingress: [{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_db_subnet_group" "db" { subnet_ids = [aws_subnet.b1.id, aws_subnet.b2.id] }
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
${vpcFunction('f', { subnets: ['a1', 'a2'], env: 'DB_HOST = aws_db_instance.db.address', attributes: [ROLE] })}${o.extra ?? ''}
`;
}

/** Custom route tables: A and B associated with one table, B propagating, plus static routes given. */
function customTables(routes: string): string {
  return `
resource "aws_ec2_transit_gateway_route_table" "rt" { transit_gateway_id = aws_ec2_transit_gateway.tgw.id }
resource "aws_ec2_transit_gateway_route_table_association" "a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}
resource "aws_ec2_transit_gateway_route_table_association" "b" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}
resource "aws_ec2_transit_gateway_route_table_propagation" "a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}
${routes}
`;
}

const ROUTE_TO_B = `  route {
    cidr_block         = "10.1.0.0/16"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }`;

/** An egress VPC attached to the gateway: attachment subnet → NAT gateway in a public subnet → IGW; the gateway's default route to it. */
function egressVpc(returnRoute: boolean): string {
  const returnToFunctions = returnRoute ? `\n${route('10.0.0.0/8', 'transit_gateway_id = aws_ec2_transit_gateway.tgw.id')}` : '';
  return `
${vpc('e', '10.9.0.0/16')}${subnet('e_tgw', { vpc: 'e', cidr: '10.9.1.0/24', az: 'us-east-1a' })}${subnet('e_public', { vpc: 'e', cidr: '10.9.0.0/24', az: 'us-east-1a' })}
resource "aws_internet_gateway" "e" { vpc_id = aws_vpc.e.id }
${natGateway('e', 'e_public')}
resource "aws_ec2_transit_gateway_vpc_attachment" "e" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.e.id
  subnet_ids         = [aws_subnet.e_tgw.id]
}
resource "aws_ec2_transit_gateway_route" "default" {
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.e.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway.tgw.association_default_route_table_id
}
${routeTable('e_tgw', { vpc: 'e', routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.e.id') })}${association('e_tgw', 'e_tgw')}${routeTable('e_public', { vpc: 'e', routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.e.id') + returnToFunctions })}${association('e_public', 'e_public')}`;
}

/** VPC A and B with a custom TGW route table; `associateA` adds A's association. */
function cloudFormation(associateA: boolean): string {
  return `
${Cfn.template()}${Cfn.twoVpcs('us-east-1')}  Tgw: { Type: AWS::EC2::TransitGateway, Properties: { DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable } }
  AttachA: { Type: AWS::EC2::TransitGatewayVpcAttachment, Properties: { TransitGatewayId: !Ref Tgw, VpcId: !Ref VpcA, SubnetIds: [!Ref A1] } }
  AttachB: { Type: AWS::EC2::TransitGatewayAttachment, Properties: { TransitGatewayId: !Ref Tgw, VpcId: !Ref VpcB, SubnetIds: [!Ref B1] } }
  Rt: { Type: AWS::EC2::TransitGatewayRouteTable, Properties: { TransitGatewayId: !Ref Tgw } }
${associateA ? '  AssocA: { Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: { TransitGatewayAttachmentId: !Ref AttachA, TransitGatewayRouteTableId: !Ref Rt } }\n' : ''}  AssocB: { Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: { TransitGatewayAttachmentId: !Ref AttachB, TransitGatewayRouteTableId: !Ref Rt } }
  PropA: { Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: { TransitGatewayAttachmentId: !Ref AttachA, TransitGatewayRouteTableId: !Ref Rt } }
  PropB: { Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: { TransitGatewayAttachmentId: !Ref AttachB, TransitGatewayRouteTableId: !Ref Rt } }
${Cfn.twoVpcRoutes('TransitGatewayId: !Ref Tgw', ['AttachA', 'AttachB'])}${Cfn.databaseInVpcB()}`;
}

const NO_DEFAULTS = `  default_route_table_association = "disable"
  default_route_table_propagation = "disable"`;

describe('transit gateways (P11)', () => {
  it('Terraform: default route table association and propagation carry the function to an RDS instance in another VPC', () => {
    assert.equal(target({ '/w/main.tf': terraform() }), 'yes via transit-gateway');
  });

  it('Terraform: the path lists the attachment, the TGW route table and the return route', () => {
    const reach = analyse({ '/w/main.tf': terraform() }).find((r) => r.destinationKind === 'target');
    const hops = (reach?.path ?? []).filter((h) => h.componentKind.startsWith('transit-gateway') || h.label.includes('(return)')).map((h) => `${h.verdict}: ${h.label}: ${h.detail}`);
    assert.deepEqual(hops, [
      'pass: transit gateway attachment aws_ec2_transit_gateway_vpc_attachment.a: attaches aws_vpc.a to aws_ec2_transit_gateway.tgw with aws_subnet.a1 in us-east-1a',
      'pass: transit gateway route table aws_ec2_transit_gateway.tgw (default route table): 10.1.0.0/16 → aws_ec2_transit_gateway_vpc_attachment.b (propagated from aws_vpc.b)',
      'pass: route table aws_route_table.b (return): 10.0.0.0/16 → aws_ec2_transit_gateway.tgw',
      'pass: transit gateway attachment aws_ec2_transit_gateway_vpc_attachment.b (return): attaches aws_vpc.b to aws_ec2_transit_gateway.tgw with aws_subnet.b1 in us-east-1a',
      'pass: transit gateway route table aws_ec2_transit_gateway.tgw (default route table) (return): 10.0.0.0/16 → aws_ec2_transit_gateway_vpc_attachment.a (propagated from aws_vpc.a)',
    ]);
  });

  it('Terraform: an attachment associated with no route table blocks with the code and the fix', () => {
    const text = terraform({ attachA: '  transit_gateway_default_route_table_association = false' });
    assert.equal(target({ '/w/main.tf': text }), [
      'no via transit-gateway TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION: transit gateway attachment aws_ec2_transit_gateway_vpc_attachment.a: the attachment is associated with no transit gateway route table, so aws_ec2_transit_gateway.tgw does not route its traffic (P11)',
      '  fix: associate aws_ec2_transit_gateway_vpc_attachment.a with transit gateway route table aws_ec2_transit_gateway.tgw (default route table)',
    ].join('\n'));
  });

  it('Terraform: a missing return route in the target VPC blocks', () => {
    assert.equal(target({ '/w/main.tf': terraform({ returnRoute: false }) }), [
      'no via transit-gateway NO_ROUTE_TO_DESTINATION: route table aws_route_table.b (return): no return route to 10.0.1.0/24 through aws_ec2_transit_gateway.tgw for aws_subnet.b1 (P11)',
      '  fix: add a route to 10.0.0.0/16 → aws_ec2_transit_gateway.tgw in route table aws_route_table.b',
    ].join('\n'));
  });

  it('Terraform: an attachment without a subnet in one of the function\'s AZs gives a partial answer', () => {
    assert.equal(target({ '/w/main.tf': terraform({ attachASubnets: '[aws_subnet.a1.id]' }) }), [
      'partial via transit-gateway TGW_ROUTE_AZ_RESTRICTION: reachable from 1 of 2 subnets; transit gateway attachment aws_ec2_transit_gateway_vpc_attachment.a: the attachment has no subnet in us-east-1b, so traffic from aws_subnet.a2 cannot reach the transit gateway (P11)',
      '  aws_subnet.a1: yes',
      '  aws_subnet.a2: no TGW_ROUTE_AZ_RESTRICTION',
      '  fix: add a subnet in us-east-1b (e.g. aws_subnet.a2) to aws_ec2_transit_gateway_vpc_attachment.a',
    ].join('\n'));
  });

  it('Terraform: a transit gateway the workspace does not declare leaves the answer unknown', () => {
    const text = terraform({ tgwRef: '"tgw-0123456789abcdef0"' });
    assert.match(target({ '/w/main.tf': text }), /^unknown via transit-gateway LAMBDA_UNKNOWN_INPUT: transit gateway tgw-0123456789abcdef0: the transit gateway is not in the workspace \(.*\), so its route tables are unknown \(P11\)$/);
  });

  it('Terraform: custom route table with association, propagation and a static route', () => {
    const routes = `resource "aws_ec2_transit_gateway_route" "to_b" {
  destination_cidr_block         = "10.1.0.0/16"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}`;
    assert.equal(target({ '/w/main.tf': terraform({ tgw: NO_DEFAULTS, extra: customTables(routes) }) }), 'yes via transit-gateway');
  });

  it('Terraform: a static route created only under an undecidable condition leaves the answer open', () => {
    const routes = `variable "on" { type = bool }
resource "aws_ec2_transit_gateway_route" "to_b" {
  count                          = var.on ? 1 : 0
  destination_cidr_block         = "10.1.0.0/16"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}`;
    assert.match(target({ '/w/main.tf': terraform({ tgw: NO_DEFAULTS, extra: customTables(routes) }) }), /^unknown via transit-gateway CONDITIONAL_RESOURCE: depends on aws_ec2_transit_gateway_route\.to_b/);
  });

  it('Terraform: a more specific blackhole route drops the traffic', () => {
    const routes = `resource "aws_ec2_transit_gateway_route" "to_b" {
  destination_cidr_block         = "10.1.0.0/16"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}
resource "aws_ec2_transit_gateway_route" "drop" {
  destination_cidr_block         = "10.1.0.0/17"
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.rt.id
}`;
    const out = target({ '/w/main.tf': terraform({ tgw: NO_DEFAULTS, extra: customTables(routes) }) });
    assert.match(out, /^no via transit-gateway TGW_RTB_BAD_STATE_ROUTE: transit gateway route table aws_ec2_transit_gateway_route_table\.rt: 10\.1\.0\.0\/17 is a blackhole route/);
  });

  it('Terraform: no route to the target VPC in the TGW route table, with the fixes', () => {
    // Only A propagates: nothing routes 10.1.0.0/16.
    assert.equal(target({ '/w/main.tf': terraform({ tgw: NO_DEFAULTS, extra: customTables('') }) }), [
      'no via transit-gateway TGW_RTB_CANNOT_ROUTE: transit gateway route table aws_ec2_transit_gateway_route_table.rt: no route covers aws_subnet.b1 (10.1.1.0/24) (P11)',
      '  fix: propagate aws_ec2_transit_gateway_vpc_attachment.b to transit gateway route table aws_ec2_transit_gateway_route_table.rt',
      '  fix: add a route to 10.1.0.0/16 → aws_ec2_transit_gateway_vpc_attachment.b in transit gateway route table aws_ec2_transit_gateway_route_table.rt',
    ].join('\n'));
  });

  it('Terraform: association referring to the gateway\'s default route table attribute', () => {
    const extra = `resource "aws_ec2_transit_gateway_route_table_association" "a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway.tgw.association_default_route_table_id
}`;
    const text = terraform({ attachA: '  transit_gateway_default_route_table_association = false', extra });
    assert.equal(target({ '/w/main.tf': text }), 'yes via transit-gateway');
  });

  it('Terraform: no VPC route to the other VPC offers the transit gateway route as a fix', () => {
    const text = terraform().replace(/route \{\n {4}cidr_block {9}= "10\.1\.0\.0\/16"\n {4}transit_gateway_id = aws_ec2_transit_gateway\.tgw\.id\n {2}\}/, '');
    assert.equal(target({ '/w/main.tf': text }), [
      'no via - DISCONNECTED_VPCS: route table aws_route_table.a: no route to aws_subnet.b1 in another VPC (no peering or transit gateway route)',
      '  fix: add a route to 10.1.0.0/16 → aws_ec2_transit_gateway.tgw in route table aws_route_table.a',
    ].join('\n'));
  });

  it('Terraform: a DB security group that admits the function by reference needs security group referencing support (P3)', () => {
    const byReference = (tgw: string): string => terraform({ tgw }).replace('cidr_blocks = ["10.0.0.0/16"]', 'security_groups = [aws_security_group.fn.id]');
    assert.equal(target({ '/w/main.tf': byReference('') }), [
      'no via transit-gateway SG_REFERENCES_NOT_PRESERVED: security groups aws_security_group.db of aws_db_instance.db (ingress): only a rule referencing the function\'s security group admits it, but security group referencing support is not enabled on aws_ec2_transit_gateway.tgw and its attachments, so the reference does not match traffic over the transit gateway (P3)',
      '  fix: enable security group referencing support on aws_ec2_transit_gateway.tgw and its VPC attachments',
      '  fix: allow ingress tcp 5432 from 10.0.0.0/16 in aws_security_group.db',
    ].join('\n'));
    assert.equal(target({ '/w/main.tf': byReference('  security_group_referencing_support = "enable"') }), 'yes via transit-gateway');
  });

  it('JSON contract: the CLI report says via "transit-gateway"', () => {
    const session = new AnalysisSession({ region: 'us-east-1' });
    session.setFile('/w/main.tf', terraform());
    const report = buildJsonReport(session.analyze(), [], [], '/w');
    const reach = report.functions[0]?.reach['aws_db_instance.db'];
    assert.equal(reach?.status, 'yes');
    assert.equal(reach?.via, 'transit-gateway');
    assert.deepEqual(reach?.bySubnet, { 'aws_subnet.a1': 'yes', 'aws_subnet.a2': 'yes' });
  });

  it('CloudFormation: explicit route table, association, propagations; reachable, then without the association', () => {
    assert.equal(target({ '/w/template.yaml': cloudFormation(true) }), 'yes via transit-gateway');
    assert.equal(target({ '/w/template.yaml': cloudFormation(false) }), [
      'no via transit-gateway TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION: transit gateway attachment AttachA: the attachment is associated with no transit gateway route table, so Tgw does not route its traffic (P11)',
      '  fix: associate AttachA with transit gateway route table Rt',
    ].join('\n'));
  });

  it('CloudFormation: default route tables (DefaultRouteTableAssociation enable) and a TGW literal id', () => {
    const defaults = cloudFormation(true).replace('DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable', 'DefaultRouteTableAssociation: enable');
    assert.equal(target({ '/w/template.yaml': defaults }), 'yes via transit-gateway');
    const literal = cloudFormation(true).replace(/(DestinationCidrBlock: [\d./]+), TransitGatewayId: !Ref Tgw/g, '$1, TransitGatewayId: tgw-0abc');
    assert.match(target({ '/w/template.yaml': literal }), /^unknown via transit-gateway LAMBDA_UNKNOWN_INPUT: .*the transit gateway is not in the workspace/);
  });
});

describe('transit gateways: centralised internet egress', () => {
  it('Terraform: function VPC → TGW → egress VPC → NAT gateway → internet gateway', () => {
    assert.equal(internet({ '/w/main.tf': terraform({ extra: egressVpc(true) }).replace(ROUTE_TO_B, `${ROUTE_TO_B}\n  route {\n    cidr_block         = "0.0.0.0/0"\n    transit_gateway_id = aws_ec2_transit_gateway.tgw.id\n  }`) }),
      'yes via transit-gateway');
  });

  it('Terraform: the NAT subnet without a return route to the function VPC blocks', () => {
    const out = internet({ '/w/main.tf': terraform({ extra: egressVpc(false) }).replace(ROUTE_TO_B, `${ROUTE_TO_B}\n  route {\n    cidr_block         = "0.0.0.0/0"\n    transit_gateway_id = aws_ec2_transit_gateway.tgw.id\n  }`) });
    assert.match(out, /^no via transit-gateway NO_ROUTE_TO_DESTINATION: route table aws_route_table\.e_public \(return\): no return route to 10\.0\.1\.0\/24 through aws_ec2_transit_gateway\.tgw/);
  });
});
