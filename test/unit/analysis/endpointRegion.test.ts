// Gateway endpoints serve their own Region only (E7), end to end through the real Terraform and CloudFormation
// front ends and the engine: the service name's Region must match the VPC's when both are known; a literal
// Region with the VPC's Region unknown leaves the answer open; a name built from the Region input matches.

import * as assert from 'node:assert/strict';
import { analyzeFiles, reachOf, render } from '../support/analyseWorkspace';
import { association, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

function terraform(serviceName: string, provider = 'provider "aws" { region = "eu-west-1" }'): string {
  return `
${provider}
data "aws_region" "current" {}
${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}${routeTable('rt')}${association('a', 'rt')}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = ${serviceName}
  route_table_ids = [aws_route_table.rt.id]
}
${securityGroup('fn', 'https')}
resource "aws_s3_bucket" "b" {}
${vpcFunction('f', { subnets: ['a'], env: 'BUCKET = aws_s3_bucket.b.id' })}`;
}

const CFN = (serviceName: string): string => `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref A, RouteTableId: !Ref Rt }
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: ${serviceName}
      RouteTableIds: [!Ref Rt]
  Bucket:
    Type: AWS::S3::Bucket
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: fn, VpcId: !Ref Vpc }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: arn:aws:iam::123456789012:role/x
      Environment: { Variables: { BUCKET: !Ref Bucket } }
      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!GetAtt Sg.GroupId] }
`;

describe('gateway endpoints serve their own Region (E7)', () => {
  it('Terraform: an endpoint for us-east-1 S3 in an eu-west-1 VPC does not route S3 traffic', () => {
    const r = analyzeFiles({ '/w/main.tf': terraform('"com.amazonaws.us-east-1.s3"') });
    assert.equal(render(reachOf(r, 'f', 's3'), { hops: true }), [
      'no via - NO_ROUTE_TO_DESTINATION',
      '  ✓ Hyperplane ENI in aws_subnet.a: source 10.0.1.0/24, security group aws_security_group.fn',
      '  ✓ security groups aws_security_group.fn (egress): egress rule tcp 443-443 to 0.0.0.0/0 allows a public IPv4 address tcp 443',
      '  ✓ gateway endpoint aws_vpc_endpoint.s3: not used: it serves s3 in us-east-1, not in the VPC\'s Region eu-west-1 (E7)',
      '  ✗ route table aws_route_table.rt: no route covers the destination',
      '  fix: add an S3 gateway endpoint associated with aws_route_table.rt',
      '  fix: attach an internet gateway to aws_vpc.v, add a public subnet whose route table sends 0.0.0.0/0 to it, add a public NAT gateway in that subnet and route 0.0.0.0/0 in aws_route_table.rt to the NAT gateway',
    ].join('\n'));
  });

  it('Terraform: the same Region, or a name built from the Region, routes S3 through the endpoint', () => {
    assert.equal(render(reachOf(analyzeFiles({ '/w/main.tf': terraform('"com.amazonaws.eu-west-1.s3"') }), 'f', 's3')), 'yes via gateway-endpoint');
    // The Region unknown, the service name built from it: the same value by construction.
    const built = terraform('"com.amazonaws.${data.aws_region.current.name}.s3"', '');
    assert.equal(render(reachOf(analyzeFiles({ '/w/main.tf': built }), 'f', 's3')), 'yes via gateway-endpoint');
  });

  it('Terraform: a literal Region with the VPC\'s Region unknown leaves the answer unknown', () => {
    const reach = reachOf(analyzeFiles({ '/w/main.tf': terraform('"com.amazonaws.us-east-1.s3"', '') }), 'f', 's3');
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /aws_vpc_endpoint\.s3 serves us-east-1, and the Region of the VPC is unknown/);
  });

  it('CloudFormation: ${AWS::Region} matches; a literal other Region does not (analysed in eu-west-1)', () => {
    assert.equal(render(reachOf(analyzeFiles({ '/w/template.yaml': CFN('!Sub com.amazonaws.${AWS::Region}.s3') }, 'eu-west-1'), 'Fn', 's3')), 'yes via gateway-endpoint');
    assert.equal(render(reachOf(analyzeFiles({ '/w/template.yaml': CFN('!Sub com.amazonaws.${AWS::Region}.s3') }), 'Fn', 's3')), 'yes via gateway-endpoint');
    assert.match(render(reachOf(analyzeFiles({ '/w/template.yaml': CFN('com.amazonaws.us-east-1.s3') }, 'eu-west-1'), 'Fn', 's3')), /^no via - NO_ROUTE_TO_DESTINATION/);
  });
});
