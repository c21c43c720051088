// Where a function's findings are placed: on its own vpc_config / VpcConfig, else on its declaration, never
// on a SAM Globals VpcConfig that every function inherits (where they would stack up on one line).

import * as assert from 'node:assert';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { subnet } from '../support/terraformPieces';

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
    // The function's own VpcConfig, from its key (the line a user puts the cursor on for quick fixes).
    const ownConfigLine = template.split('\n').indexOf('      VpcConfig:') + 1;
    assert.ok(run.result.findings.some((f) => run.model.get(f.subject)?.address === 'Inherits'), 'Inherits has findings (single AZ at least)');
    assert.deepEqual(linesBy('Inherits'), [inheritsLine]);
    assert.deepEqual(linesBy('OwnConfig'), [ownConfigLine]);
  });
});

describe('SG_NO_EGRESS says why the groups have no egress', () => {
  const tf = (group: string): string => `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}\
${group}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [GROUP]
  }
}
`;
  const message = (group: string, ref: string): string => {
    const run = analyseWorkspace({ '/w/main.tf': tf(group).replace('GROUP', ref) }, 'eu-west-1');
    return run.result.findings.find((f) => f.rule === 'SG_NO_EGRESS')?.message ?? 'none';
  };

  it('an aws_security_group: Terraform removes the default allow-all egress (T3)', () => {
    assert.match(message('resource "aws_security_group" "fn" { vpc_id = aws_vpc.v.id }', 'aws_security_group.fn.id'), /\(Terraform removes the default allow-all egress of an aws_security_group, T3\)/);
  });

  it('an adopted default security group without rules: that is the cause, not aws_security_group', () => {
    assert.match(message('resource "aws_default_security_group" "d" { vpc_id = aws_vpc.v.id }', 'aws_default_security_group.d.id'),
      /\(aws_default_security_group\.d adopts the VPC's default security group and declares no egress, so Terraform removes its allow-all egress, T3\)/);
  });

  it('a CloudFormation group whose only egress is the 127.0.0.1/32 rule that removes the default (T3)', () => {
    const template = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: none
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - { IpProtocol: "-1", CidrIp: 127.0.0.1/32 }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: { ZipFile: "x" }
      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref FnSg] }
`;
    const run = analyseWorkspace({ '/w/template.yaml': template }, 'eu-west-1');
    const found = run.result.findings.find((f) => f.rule === 'SG_NO_EGRESS');
    assert.match(found?.message ?? '', /^the security groups of Fn allow no egress \(FnSg allows egress to 127\.0\.0\.1\/32 only, CloudFormation's way to remove the default allow-all egress, T3\)/);
  });
});

describe('LAMBDA_SINGLE_AZ for a single subnet whose AZ the workspace does not name', () => {
  it('one subnet is one AZ (C4), even with no Region and no AZ in the code', () => {
    const tf = `resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_security_group" "fn" { vpc_id = aws_vpc.v.id }
resource "aws_lambda_function" "one" {
  function_name = "one"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
resource "aws_lambda_function" "two" {
  function_name = "two"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;
    const run = analyseWorkspace({ '/w/main.tf': tf });
    const single = run.result.findings.filter((f) => f.rule === 'LAMBDA_SINGLE_AZ').map((f) => f.message);
    // Two subnets whose AZs are unknown may be in one AZ or two: no finding for "two".
    assert.deepEqual(single, ['aws_lambda_function.one has one subnet, aws_subnet.a, so it runs in one Availability Zone: no AZ failover (C4)']);
  });
});
