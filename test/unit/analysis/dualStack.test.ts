// Dual-stack VPCs end to end (real Terraform / CloudFormation front ends + engine): P9, IPv4 and IPv6 are
// routed independently, so an AWS-assigned IPv6 block (its value unknown) never makes an IPv4 answer unknown;
// E11, IPv6 internet goes through ::/0 → an egress-only internet gateway when the function allows dual-stack;
// P8, the local route covers the VPC's own IPv6 block whatever its value.

import * as assert from 'node:assert/strict';
import { analyzeFiles, reachOf, render, summary } from '../support/analyseWorkspace';
import { association, natGateway, route, routeTable, securityGroup, securityGroupRules, subnet } from '../support/terraformPieces';

/** VPC with an AWS-assigned IPv6 block, NAT in a public subnet, dual-stack private subnets, RDS in db subnets. */
function terraform(o: { v6Route?: string; dualStack?: boolean } = {}): string {
  return `
provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  enable_dns_hostnames             = true
  assign_generated_ipv6_cidr_block = true
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
resource "aws_egress_only_internet_gateway" "eigw" { vpc_id = aws_vpc.main.id }
${subnet('public', { cidr: '10.0.0.0/24', az: 'eu-west-1a', vpc: 'main' })}\
resource "aws_subnet" "priv" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 1)
  ipv6_cidr_block   = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}
resource "aws_subnet" "db" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 3)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}
${natGateway('nat', 'public')}\
${routeTable('public', { vpc: 'main', routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}\
${association('public', 'public')}\
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
${o.v6Route ?? `  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id
  }`}
}
resource "aws_route_table_association" "priv" {
  count          = 2
  subnet_id      = aws_subnet.priv[count.index].id
  route_table_id = aws_route_table.private.id
}
${securityGroup('fn', 'dual-stack', 'main')}\
${securityGroupRules('db', { vpc: 'main', ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_db_subnet_group" "db" { subnet_ids = aws_subnet.db[*].id }
resource "aws_db_instance" "orders" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = { TABLE = aws_dynamodb_table.t.name, DB_HOST = aws_db_instance.orders.address }
  }
  vpc_config {
    subnet_ids                  = aws_subnet.priv[*].id
    security_group_ids          = [aws_security_group.fn.id]
    ipv6_allowed_for_dual_stack = ${o.dualStack ?? true}
  }
}
`;
}

const CFN = (o: { v6Route?: boolean } = {}): string => `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  VpcV6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true }
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: { VpcId: !Ref Vpc }
  Public:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-west-1a }
  Priv:
    Type: AWS::EC2::Subnet
    DependsOn: VpcV6
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: eu-west-1a
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]
  Db:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: eu-west-1a }
  NatEip:
    Type: AWS::EC2::EIP
    Properties: { Domain: vpc }
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: { SubnetId: !Ref Public, AllocationId: !GetAtt NatEip.AllocationId }
  PublicRt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  PublicDefault:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  PublicAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Public, RouteTableId: !Ref PublicRt }
  PrivateRt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  PrivateDefault:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PrivateRt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat }
${o.v6Route === false ? '' : `  PrivateV6:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PrivateRt, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: !Ref Eigw }
`}  PrivAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Priv, RouteTableId: !Ref PrivateRt }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - { IpProtocol: '-1', CidrIp: 0.0.0.0/0 }
        - { IpProtocol: '-1', CidrIpv6: '::/0' }
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref FnSg }
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref Db] }
  Orders:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg] }
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: arn:aws:iam::123456789012:role/x
      Environment:
        Variables: { TABLE: !Ref Table, DB_HOST: !GetAtt Orders.Endpoint.Address }
      VpcConfig:
        SubnetIds: [!Ref Priv]
        SecurityGroupIds: [!Ref FnSg]
        Ipv6AllowedForDualStack: true
`;

/** CloudFormation: the IPv6 block comes from an AWS::EC2::VPCCidrBlock association; an explicit NACL allows both families. */
const CFN_ACL = `  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref Priv, NetworkAclId: !Ref Acl }
  AclIn4:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: false, CidrBlock: 0.0.0.0/0 }
  AclOut4:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0 }
  AclIn6:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 101, Protocol: -1, RuleAction: allow, Egress: false, Ipv6CidrBlock: '::/0' }
  AclOut6:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref Acl, RuleNumber: 101, Protocol: -1, RuleAction: allow, Egress: true, Ipv6CidrBlock: '::/0' }
`;

describe('dual-stack VPCs: IPv4 and IPv6 routed independently (P8, P9, E11)', () => {
  it('Terraform: an AWS-assigned IPv6 block leaves IPv4 internet, DynamoDB over NAT and the in-VPC RDS target known (P9)', () => {
    const r = analyzeFiles({ '/w/main.tf': terraform() });
    assert.equal(summary(r, 'api'), 'internet yes, internet-ipv6 yes, s3 yes, dynamodb yes, aws_db_instance.orders yes');
    assert.equal(render(reachOf(r, 'api', 'internet')), 'yes via nat-gateway');
    assert.equal(render(reachOf(r, 'api', 'dynamodb')), 'yes via nat-gateway');
    assert.equal(render(reachOf(r, 'api', 'aws_db_instance.orders')), 'yes via local');
  });

  it('Terraform: IPv6 internet is yes through ::/0 → the egress-only internet gateway (E11)', () => {
    const r = analyzeFiles({ '/w/main.tf': terraform() });
    const text = render(reachOf(r, 'api', 'internet-ipv6'), { hops: true });
    assert.match(text, /^yes via egress-only-internet-gateway\n/);
    assert.match(text, /✓ route table aws_route_table\.private: ::\/0 → egress-only-internet-gateway aws_egress_only_internet_gateway\.eigw/);
    assert.doesNotMatch(text, /unknown CIDR/);
  });

  it('Terraform: without ::/0 the IPv6 answer is no; IPv4 answers do not change', () => {
    const r = analyzeFiles({ '/w/main.tf': terraform({ v6Route: '' }) });
    assert.equal(summary(r, 'api'), 'internet yes, internet-ipv6 no, s3 yes, dynamodb yes, aws_db_instance.orders yes');
    assert.match(render(reachOf(r, 'api', 'internet-ipv6')), /^no via - NO_ROUTE_TO_DESTINATION/);
  });

  it('Terraform: an IPv6 route of unknown destination leaves only the IPv6 answer unknown (P9)', () => {
    const v6Route = `  route {
    ipv6_cidr_block        = var.v6
    egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id
  }`;
    const r = analyzeFiles({ '/w/main.tf': `${terraform({ v6Route })}\nvariable "v6" { type = string }\n` });
    assert.equal(summary(r, 'api'), 'internet yes, internet-ipv6 unknown, s3 yes, dynamodb yes, aws_db_instance.orders yes');
  });

  it('Terraform: without ipv6_allowed_for_dual_stack the function has no IPv6 answer (E11)', () => {
    const r = analyzeFiles({ '/w/main.tf': terraform({ dualStack: false }) });
    assert.equal(summary(r, 'api'), 'internet yes, s3 yes, dynamodb yes, aws_db_instance.orders yes');
  });

  it('CloudFormation: an AmazonProvidedIpv6CidrBlock association (its local route of unknown block) leaves IPv4 answers known (P8)', () => {
    const r = analyzeFiles({ '/w/template.yaml': CFN() + CFN_ACL });
    assert.equal(summary(r, 'Fn'), 'internet yes, internet-ipv6 yes, s3 yes, dynamodb yes, Orders yes');
    assert.equal(render(reachOf(r, 'Fn', 'internet-ipv6')), 'yes via egress-only-internet-gateway');
    assert.equal(render(reachOf(r, 'Fn', 'Orders')), 'yes via local');
  });

  it('CloudFormation: without the ::/0 route only the IPv6 answer is no', () => {
    const r = analyzeFiles({ '/w/template.yaml': CFN({ v6Route: false }) + CFN_ACL });
    assert.equal(summary(r, 'Fn'), 'internet yes, internet-ipv6 no, s3 yes, dynamodb yes, Orders yes');
  });
});
