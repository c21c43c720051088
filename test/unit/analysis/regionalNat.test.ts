// Regional NAT gateways (E4) end to end through the real Terraform and CloudFormation front ends and the engine:
// automatic mode serves every AZ of the VPC, manual mode only the AZs of its address entries
// (REGIONAL_NGW_ROUTE_AZ_RESTRICTION), and the internet is reached through the VPC's internet gateway.

import * as assert from 'node:assert/strict';
import { analyzeFiles, render } from '../support/analyseWorkspace';
import { association, ROLE, route, routeTable, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

function internet(files: Readonly<Record<string, string>>): string {
  const reach = analyzeFiles(files, 'us-east-1').functions[0]?.reach.find((r) => r.destinationKind === 'internet');
  if (!reach) return 'no answer';
  const lines = [render(reach, { explain: true, bySubnet: true })];
  const nat = reach.path.find((h) => h.componentKind === 'nat-gateway');
  if (nat) lines.push(`  hop: ${nat.verdict}: ${nat.label}: ${nat.detail}`);
  return lines.join('\n');
}

/** VPC with two private subnets (us-east-1a, us-east-1b) routing 0.0.0.0/0 to a regional NAT gateway. */
function terraform(o: { nat?: string; igw?: boolean } = {}): string {
  return `${twoAzVpc('us-east-1')}
${o.igw === false ? '' : 'resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }'}
resource "aws_nat_gateway" "r" {
  vpc_id            = aws_vpc.v.id
  availability_mode = "regional"
${o.nat ?? ''}
}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.r.id') })}${association('a', 'private')}${association('b', 'private')}${securityGroup('fn', 'all')}${vpcFunction('f', { subnets: ['a', 'b'], attributes: [ROLE] })}`;
}

const MANUAL_1A = `  availability_zone_address {
    allocation_ids    = [aws_eip.a.id]
    availability_zone = "us-east-1a"
  }`;

const CFN = (zones: string): string => `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  B: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  Eip: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      VpcId: !Ref Vpc
      AvailabilityMode: regional
${zones}
  Table: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Default: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
  AssocA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref A, RouteTableId: !Ref Table } }
  AssocB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref B, RouteTableId: !Ref Table } }
  FnSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
`;

describe('regional NAT gateways (E4)', () => {
  it('Terraform: automatic mode serves every AZ; the internet is reached through the VPC\'s internet gateway', () => {
    assert.equal(internet({ '/w/main.tf': terraform() }), [
      'yes via nat-gateway',
      '  hop: pass: regional NAT gateway aws_nat_gateway.r: public regional NAT gateway, automatic mode: it serves every AZ where aws_vpc.v has subnets, us-east-1a included (E4)',
    ].join('\n'));
  });

  it('Terraform: manual mode serves only the AZs of its availability_zone_address blocks', () => {
    assert.equal(internet({ '/w/main.tf': `${terraform({ nat: MANUAL_1A })}\nresource "aws_eip" "a" { domain = "vpc" }\n` }), [
      'partial via nat-gateway REGIONAL_NGW_ROUTE_AZ_RESTRICTION: reachable from 1 of 2 subnets; regional NAT gateway aws_nat_gateway.r: manual mode: the regional NAT gateway serves only us-east-1a, not us-east-1b (E4)',
      '  aws_subnet.a: yes',
      '  aws_subnet.b: no REGIONAL_NGW_ROUTE_AZ_RESTRICTION',
      '  fix: add an Availability Zone address for us-east-1b to aws_nat_gateway.r',
      '  hop: block: regional NAT gateway aws_nat_gateway.r: manual mode: the regional NAT gateway serves only us-east-1a, not us-east-1b (E4)',
    ].join('\n'));
  });

  it('Terraform: without an internet gateway attached to the VPC there is no internet path', () => {
    assert.equal(internet({ '/w/main.tf': terraform({ igw: false }) }), [
      'no via nat-gateway LAMBDA_IGW_NOT_ATTACHED: regional NAT gateway aws_nat_gateway.r: no internet gateway is attached to aws_vpc.v, and a regional NAT gateway reaches the internet through it (E4)',
      '  fix: attach an internet gateway to aws_vpc.v',
      '  hop: block: regional NAT gateway aws_nat_gateway.r: no internet gateway is attached to aws_vpc.v, and a regional NAT gateway reaches the internet through it (E4)',
    ].join('\n'));
  });

  it('Terraform: an Availability Zone the workspace cannot tell leaves the answer unknown', () => {
    const nat = MANUAL_1A.replace('"us-east-1a"', 'var.az');
    const out = internet({ '/w/main.tf': `${terraform({ nat })}\nresource "aws_eip" "a" { domain = "vpc" }\nvariable "az" { type = string }\n` });
    assert.match(out, /^unknown via nat-gateway LAMBDA_UNKNOWN_INPUT: regional NAT gateway aws_nat_gateway\.r: cannot tell whether its Availability Zones include us-east-1a \(E4\)/);
  });

  it('Terraform: a private regional NAT gateway still cannot reach the internet', () => {
    assert.match(internet({ '/w/main.tf': terraform({ nat: '  connectivity_type = "private"' }) }), /^no via nat-gateway LAMBDA_NAT_PRIVATE/);
  });

  it('CloudFormation: AvailabilityMode regional, automatic and manual (AvailabilityZoneAddresses)', () => {
    assert.equal(internet({ '/w/template.yaml': CFN('') }).split('\n')[0], 'yes via nat-gateway');
    const manual = CFN('      AvailabilityZoneAddresses: [{ AllocationIds: [!GetAtt Eip.AllocationId], AvailabilityZone: us-east-1b }]');
    assert.equal(internet({ '/w/template.yaml': manual }).split('\n').slice(0, 3).join('\n'), [
      'partial via nat-gateway REGIONAL_NGW_ROUTE_AZ_RESTRICTION: reachable from 1 of 2 subnets; regional NAT gateway Nat: manual mode: the regional NAT gateway serves only us-east-1b, not us-east-1a (E4)',
      '  A: no REGIONAL_NGW_ROUTE_AZ_RESTRICTION',
      '  B: yes',
    ].join('\n'));
  });
});
