// Where a function's findings are placed: on its own vpc_config / VpcConfig, else on its declaration, never
// on a SAM Globals VpcConfig that every function inherits (where they would stack up on one line).

import * as assert from 'node:assert';
import { analyseWorkspace } from '../support/analyseWorkspace';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    VpcConfig:
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref FnSg]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: eu-west-1a
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: functions
      VpcId: !Ref Vpc
  Inherits:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: src/
  OwnConfig:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: src/
      VpcConfig:
        SubnetIds: [!Ref SubnetA]
`;

describe('finding locations', () => {
  it('a function that inherits its VpcConfig from Globals gets its findings on its own declaration', () => {
    const run = analyseWorkspace({ '/w/template.yaml': template }, 'eu-west-1');
    const lineOf = (offset: number): number => template.slice(0, offset).split('\n').length;
    const linesBy = (fn: string): number[] => [...new Set(run.result.findings.filter((f) => run.model.get(f.subject)?.address === fn).map((f) => lineOf(f.origin.span.start)))];
    const inheritsLine = template.split('\n').indexOf('  Inherits:') + 1;
    // The function's own VpcConfig: its value, which starts on the line after the key.
    const ownConfigLine = template.split('\n').indexOf('        SubnetIds: [!Ref SubnetA]') + 1;
    assert.ok(run.result.findings.some((f) => run.model.get(f.subject)?.address === 'Inherits'), 'Inherits has findings (single AZ at least)');
    assert.deepEqual(linesBy('Inherits'), [inheritsLine]);
    assert.deepEqual(linesBy('OwnConfig'), [ownConfigLine]);
  });
});
