// A SAM template whose functions take their subnets from a List<AWS::EC2::Subnet::Id> parameter without a default
// (aws-samples/serverless-rds-proxy-demo): the report must not call that list "1 subnet" nor count 0 ENIs.

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { buildJsonReport } from '../../../server/src/ide/report';
import { renderText } from '../../../server/src/cli/textReport';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Vpc:
    Type: AWS::EC2::VPC::Id
  Subnets:
    Type: List<AWS::EC2::Subnet::Id>
Resources:
  LambdaSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: lambda
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - CidrIp: "0.0.0.0/0"
          FromPort: 0
          ToPort: 65535
          IpProtocol: tcp
  RdsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: rds/
      Handler: app.lambda_handler
      Runtime: python3.12
      VpcConfig:
        SecurityGroupIds:
          - !Ref LambdaSecurityGroup
        SubnetIds: !Ref Subnets
  RdsProxyFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: rdsproxy/
      Handler: app.lambda_handler
      Runtime: python3.12
      VpcConfig:
        SecurityGroupIds:
          - !Ref LambdaSecurityGroup
        SubnetIds: !Ref Subnets
`;

function report(): ReturnType<typeof buildJsonReport> {
  const session = new AnalysisSession({});
  session.setFile('/w/template.yaml', template);
  return buildJsonReport(session.analyze(), [], [], '/w');
}

describe('wild: a subnet list from a parameter without a default', () => {
  it('marks the symbolic entry as unknown in the JSON report', () => {
    const fn = report().functions.find((f) => f.id === 'RdsFunction');
    assert.deepEqual([fn?.subnets, fn?.unknownSubnets, fn?.unknownSecurityGroups], [['parameter Subnets'], 1, undefined]);
  });

  it('says "subnets unknown" and that the ENI count is open, in the text report', () => {
    const text = renderText(report(), { colour: false });
    assert.match(text, /^ {2}RdsFunction \(template\.yaml:\d+; VPC \(unknown\), subnets unknown\)$/m);
    assert.match(text, /^2 functions, 0 known Hyperplane ENIs \(and an unknown number for 2 functions whose subnets are unknown\)/m);
  });
});
