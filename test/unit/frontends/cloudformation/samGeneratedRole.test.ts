// A SAM function without Role gets a role SAM generates (`<Fn>Role`); the template may add to it with an
// AWS::IAM::Policy naming `!Ref FnRole`. What that policy grants is what the function needs.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../../support/analyseWorkspace';

const template = (roles: string): string => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: fn, VpcId: !Ref Vpc }
  Secret:
    Type: AWS::SecretsManager::Secret
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref FnSg] }
  ReadSecret:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read-secret
      Roles: ${roles}
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Ref Secret }
`;

const needs = (roles: string): string[] =>
  analyseWorkspace({ '/w/template.yaml': template(roles) }, 'eu-west-1').result.functions[0]?.reach.filter((r) => r.needed).map((r) => r.destination) ?? [];

describe('SAM: policies added to the role SAM generates', () => {
  it('a policy naming !Ref FnRole adds its grants to the function', () => {
    assert.deepEqual(needs('[!Ref FnRole]'), ['secretsmanager']);
  });

  it('the long form works too; another role adds nothing', () => {
    assert.deepEqual(needs('[{ Ref: FnRole }]'), ['secretsmanager']);
    assert.deepEqual(needs('[arn:aws:iam::123456789012:role/other]'), []);
  });
});
