// Gateway route tables (edge associations) through the real front ends and engine: when the internet
// gateway's ingress route table sends the NAT gateway's subnet to a middlebox instead of `local`, the
// function's internet answer is unknown, naming the route table and the appliance; a table that keeps
// `local` for it leaves the answer certain.

import * as assert from 'node:assert/strict';
import { analyzeFiles } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, ROLE, route, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

function internet(files: Readonly<Record<string, string>>): string {
  const fn = analyzeFiles(files, 'us-east-1').functions[0];
  const reach = fn?.reach.find((r) => r.destinationKind === 'internet');
  if (!reach) return 'no internet answer';
  const ingress = reach.path.filter((h) => h.label.startsWith('gateway route table')).map((h) => `  ${h.verdict}: ${h.label}: ${h.detail}`);
  return [`${reach.status}: ${reach.status === 'yes' ? '' : reach.explanation}`, ...ingress].join('\n');
}

/** A VPC with a function in a private subnet, a NAT gateway in a public subnet, and an edge-associated table. */
function terraform(ingressRoutes: string): string {
  return `${provider('us-east-1')}${vpc()}${publicSubnet({ name: 'public', cidr: '10.0.0.0/24', az: 'us-east-1a' })}${natGateway('nat', 'public')}
${subnet('private', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })}${association('private', 'private')}
resource "aws_subnet" "inspection" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.9.0/24"
}
resource "aws_network_interface" "firewall" { subnet_id = aws_subnet.inspection.id }
resource "aws_route_table" "ingress" {
  vpc_id = aws_vpc.v.id
${ingressRoutes}
}
resource "aws_route_table_association" "edge" {
  gateway_id     = aws_internet_gateway.igw.id
  route_table_id = aws_route_table.ingress.id
}
${securityGroup('fn', 'all')}${vpcFunction('f', { subnets: ['private'], attributes: [ROLE] })}`;
}

const CFN = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Private: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  Public: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a } }
  Inspection: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24, AvailabilityZone: us-east-1a } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  Eip: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref Public, AllocationId: !GetAtt Eip.AllocationId } }
  PrivateTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PrivateDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivateTable, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
  PrivateAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private, RouteTableId: !Ref PrivateTable } }
  PublicTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PublicDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PublicTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  PublicAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Public, RouteTableId: !Ref PublicTable } }
  Gwlbe: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, VpcEndpointType: GatewayLoadBalancer, ServiceName: com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0, SubnetIds: [!Ref Inspection] } }
  IngressTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  IngressToPublic: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref IngressTable, DestinationCidrBlock: 10.0.0.0/24, VpcEndpointId: !Ref Gwlbe } }
  Edge: { Type: AWS::EC2::GatewayRouteTableAssociation, Properties: { GatewayId: !Ref Igw, RouteTableId: !Ref IngressTable } }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: fn, VpcId: !Ref Vpc }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      VpcConfig: { SubnetIds: [!Ref Private], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
`;

describe('gateway route tables (edge associations)', () => {
  it('Terraform: an ingress route sending the NAT subnet to a network interface makes the internet answer unknown', () => {
    const routes = '  route {\n    cidr_block           = "10.0.0.0/24"\n    network_interface_id = aws_network_interface.firewall.id\n  }';
    assert.equal(internet({ '/w/main.tf': terraform(routes) }), [
      'unknown: gateway route table aws_route_table.ingress of aws_internet_gateway.igw: return traffic from the internet to the NAT gateway\'s subnet aws_subnet.public is routed to the network interface aws_network_interface.firewall (aws_route_table.ingress): the appliance behind it may inspect or drop the traffic',
      '  unknown: gateway route table aws_route_table.ingress of aws_internet_gateway.igw: return traffic from the internet to the NAT gateway\'s subnet aws_subnet.public is routed to the network interface aws_network_interface.firewall (aws_route_table.ingress): the appliance behind it may inspect or drop the traffic',
    ].join('\n'));
  });

  it('Terraform: an ingress table that only intercepts another subnet keeps the answer certain', () => {
    const routes = '  route {\n    cidr_block           = "10.0.9.0/24"\n    network_interface_id = aws_network_interface.firewall.id\n  }';
    assert.equal(internet({ '/w/main.tf': terraform(routes) }), [
      'yes: ',
      '  pass: gateway route table aws_route_table.ingress of aws_internet_gateway.igw: return traffic from the internet to the NAT gateway\'s subnet aws_subnet.public is routed locally',
    ].join('\n'));
  });

  it('Terraform: no edge association, no ingress step', () => {
    const text = terraform('').replace(/resource "aws_route_table_association" "edge" \{[^}]*\}/, '');
    assert.equal(internet({ '/w/main.tf': text }), 'yes: ');
  });

  it('CloudFormation: AWS::EC2::GatewayRouteTableAssociation to a Gateway Load Balancer endpoint', () => {
    assert.equal(internet({ '/w/template.yaml': CFN }), [
      'unknown: gateway route table IngressTable of Igw: return traffic from the internet to the NAT gateway\'s subnet Public is routed to the Gateway Load Balancer endpoint Gwlbe (IngressToPublic): the appliance behind it may inspect or drop the traffic',
      '  unknown: gateway route table IngressTable of Igw: return traffic from the internet to the NAT gateway\'s subnet Public is routed to the Gateway Load Balancer endpoint Gwlbe (IngressToPublic): the appliance behind it may inspect or drop the traffic',
    ].join('\n'));
  });
});
