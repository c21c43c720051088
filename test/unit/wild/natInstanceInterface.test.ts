// A private route to a NAT instance's network interface (tzorzan/lambda-vpc-spot-NAT, template.yaml:
// `NetworkInterfaceId: !Ref NatNetworkInterface1`, an AWS::EC2::NetworkInterface with SourceDestCheck false that a
// spot instance's launch template attaches): the interface is declared, only not modelled, so the route is no
// blackhole (E12) and the internet answer is unknown (the instance's software does the NAT), not "blocked".

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  VPC: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.192.0.0/16 } }
  InternetGateway: { Type: AWS::EC2::InternetGateway }
  InternetGatewayAttachment: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { InternetGatewayId: !Ref InternetGateway, VpcId: !Ref VPC } }
  PublicSubnet1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VPC, AvailabilityZone: eu-west-1a, CidrBlock: 10.192.10.0/24, MapPublicIpOnLaunch: true } }
  PrivateSubnet1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VPC, AvailabilityZone: eu-west-1a, CidrBlock: 10.192.20.0/24 } }
  NatNetworkInterface1:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SourceDestCheck: false
      SubnetId: !Ref PublicSubnet1
      GroupSet: [!GetAtt VPC.DefaultSecurityGroup]
  PublicRouteTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref VPC } }
  DefaultPublicRoute: { Type: AWS::EC2::Route, DependsOn: InternetGatewayAttachment, Properties: { RouteTableId: !Ref PublicRouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref InternetGateway } }
  PublicSubnet1RouteTableAssociation: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { RouteTableId: !Ref PublicRouteTable, SubnetId: !Ref PublicSubnet1 } }
  PrivateRouteTable1: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref VPC } }
  DefaultPrivateRoute1: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivateRouteTable1, DestinationCidrBlock: 0.0.0.0/0, NetworkInterfaceId: !Ref NatNetworkInterface1 } }
  PrivateSubnet1RouteTableAssociation: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { RouteTableId: !Ref PrivateRouteTable1, SubnetId: !Ref PrivateSubnet1 } }
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello_world/
      Handler: app.lambdaHandler
      Runtime: nodejs18.x
      VpcConfig:
        SubnetIds: [!Ref PrivateSubnet1]
        SecurityGroupIds: [!GetAtt VPC.DefaultSecurityGroup]
`;

describe('wild: a route to the network interface of a NAT instance', () => {
  const run = analyseWorkspace({ '/w/template.yaml': template }, 'eu-west-1');

  it('is not a blackhole: the internet is unknown at the route (E12 does not apply)', () => {
    const internet = reachOf(run.result, 'HelloWorldFunction', 'internet');
    assert.equal(internet?.status, 'unknown');
    assert.match(render(internet, { explain: true }), /traffic leaves through a network-interface \(NatNetworkInterface1\), which the analysis does not follow/);
    assert.doesNotMatch(render(internet, { explain: true }), /blackhole/);
  });
});
