// A Lambda Managed Instances function that also has its own VPC config: its capacity provider's VPC config places
// it (the analysis uses that one), and AWS documents neither a rejection nor that the function's own config is
// ignored, so an information finding says the effect is unknown (M5). Both front ends alike.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, type WorkspaceRun } from '../support/analyseWorkspace';
import { securityGroup, subnet, twoAzVpc } from '../support/terraformPieces';

const RULE = 'LAMBDA_CAPACITY_PROVIDER_VPC_CONFIG';

function tfSource(ownVpcConfig: boolean): string {
  const own = ownVpcConfig ? `  vpc_config {
    subnet_ids         = [aws_subnet.other.id]
    security_group_ids = [aws_security_group.fn.id]
  }
` : '';
  return twoAzVpc('eu-west-1') + subnet('other', { cidr: '10.0.9.0/24', az: 'eu-west-1c' }) + securityGroup('fn', 'all') + securityGroup('cp', 'all') + `resource "aws_lambda_capacity_provider" "cp" {
  name = "cp"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.cp.id]
  }
  permissions_config {
    capacity_provider_operator_role_arn = "arn:aws:iam::123456789012:role/op"
  }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "python3.13"
  handler       = "a.h"
  filename      = "a.zip"
  environment {
    variables = { API = "https://api.example.com" }
  }
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.cp.arn
    }
  }
${own}}
`;
}

const tf = (ownVpcConfig: boolean): WorkspaceRun => analyseWorkspace({ '/w/main.tf': tfSource(ownVpcConfig) });

function cfn(ownVpcConfig: boolean): WorkspaceRun {
  const own = ownVpcConfig ? `      VpcConfig:
        SubnetIds: [!Ref SubnetOther]
        SecurityGroupIds: [!Ref FnSg]
` : '';
  return analyseWorkspace({
    '/w/template.yaml': `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1b }
  SubnetOther:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.9.0/24, AvailabilityZone: eu-west-1c }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: fn, VpcId: !Ref Vpc }
  CpSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: cp, VpcId: !Ref Vpc }
  Provider:
    Type: AWS::Lambda::CapacityProvider
    Properties:
      VpcConfig:
        SubnetIds: [!Ref SubnetA, !Ref SubnetB]
        SecurityGroupIds: [!Ref CpSg]
      PermissionsConfig:
        CapacityProviderOperatorRoleArn: arn:aws:iam::123456789012:role/op
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.13
      Handler: a.h
      Code: { ZipFile: "def h(e, c): pass" }
      CapacityProviderConfig:
        LambdaManagedInstancesCapacityProviderConfig:
          CapacityProviderArn: !GetAtt Provider.Arn
${own}`,
  }, 'eu-west-1');
}

const notes = (run: WorkspaceRun): string => findingsOf(run, RULE).map((f) => f.text).join('\n');
const placedIn = (run: WorkspaceRun): string => {
  const f = run.result.functions[0];
  return f === undefined ? 'none' : `${String(f.managedInstances)} ${f.subnets.map((s) => (typeof s === 'string' ? run.model.get(s)?.address ?? s : '?')).join(',')}`;
};

describe('capacity provider and the function\'s own VPC config (M5)', () => {
  it('Terraform: information naming both, the effect unknown; the capacity provider places the function', () => {
    const run = tf(true);
    assert.equal(notes(run), 'information: aws_lambda_function.f runs on Lambda Managed Instances of aws_lambda_capacity_provider.cp and also has its own VPC config. '
      + 'The capacity provider\'s subnets and security groups are where its instances run, and the analysis uses them; '
      + 'AWS documentation does not say whether Lambda rejects the function\'s own VPC config or ignores it, so its effect is unknown: '
      + 'remove it and set the network on the capacity provider (M5)');
    const finding = run.result.findings.find((f) => f.rule === RULE);
    assert.deepEqual(finding?.related.map((r) => r.message), ['capacity provider: aws_lambda_capacity_provider.cp']);
    assert.equal(placedIn(run), 'true aws_subnet.a,aws_subnet.b');
  });

  it('Terraform: the note underlines the function\'s own vpc_config, its other findings the declaration\'s header', () => {
    const run = tf(true);
    const source = tfSource(true);
    const note = run.result.findings.find((x) => x.rule === RULE);
    assert.ok(note !== undefined);
    assert.equal(source.slice(note.origin.span.start, note.origin.span.end).split('\n')[0], 'vpc_config {');
    assert.ok(note.origin.span.start > source.indexOf('resource "aws_lambda_function"'), 'the function\'s block, not the provider\'s');
    const others = run.result.findings.filter((f) => f.rule !== RULE && f.subject === run.result.functions[0]?.function);
    assert.ok(others.length > 0, 'the function has other findings');
    for (const f of others) assert.equal(source.slice(f.origin.span.start, f.origin.span.end), 'resource "aws_lambda_function" "f"', f.rule);
  });

  it('Terraform: none without the function\'s own VPC config', () => {
    const run = tf(false);
    assert.equal(notes(run), '');
    assert.equal(placedIn(run), 'true aws_subnet.a,aws_subnet.b');
  });

  it('CloudFormation: the same note, and none without VpcConfig', () => {
    const run = cfn(true);
    assert.equal(notes(run), notes(tf(true)).replace('aws_lambda_function.f', 'Fn').replace('aws_lambda_capacity_provider.cp', 'Provider'));
    assert.equal(placedIn(run), 'true SubnetA,SubnetB');
    assert.equal(notes(cfn(false)), '');
  });

  it('a function with VPC config and no capacity provider gets no note', () => {
    const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + `resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
` });
    assert.equal(notes(run), '');
  });
});
