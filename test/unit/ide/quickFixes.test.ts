// Quick fixes as round trips through the real pipeline: apply the generated edits, re-analyse, and the
// finding is gone with no new error. Terraform on examples/, CloudFormation YAML on an in-memory template.

import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../server/src/analysis/types';
import { quickFixesFor } from '../../../server/src/ide/quickFixes/quickFixes';
import type { TextEdit } from '../../../server/src/ide/quickFixes/textEdit';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../server/src/workspace/analysisSession';
import { securityGroup, securityGroupRules, subnet } from '../support/terraformPieces';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
}

function session(files: Map<string, string>): WorkspaceAnalysis {
  const s = new AnalysisSession({ region: 'eu-west-1' });
  for (const [file, text] of files) s.setFile(file, text);
  return s.analyze();
}

function apply(files: Map<string, string>, edits: readonly TextEdit[]): Map<string, string> {
  const next = new Map(files);
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    let text = next.get(file)!;
    for (const e of [...list].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
    next.set(file, text);
  }
  return next;
}

const key = (f: Finding): string => `${f.rule} ${f.subject}`;
const errors = (a: WorkspaceAnalysis): string[] => [...a.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.message}`), ...a.result.findings.filter((f) => f.severity === 'error').map(key)];

function roundTrips(files: Map<string, string>): number {
  const before = session(files);
  let checked = 0;
  for (const finding of before.result.findings) {
    const fixes = quickFixesFor({ model: before.model, text: (f) => before.snapshot.text(f), hcl: (f) => before.snapshot.hcl(f), data: (f) => before.snapshot.data(f) }, finding);
    for (const fix of fixes) {
      const after = session(apply(files, fix.edits));
      assert.ok(!after.result.findings.some((f) => key(f) === key(finding) && f.message === finding.message), `"${fix.title}" did not remove ${key(finding)}`);
      const newErrors = errors(after).filter((e) => !errors(before).includes(e));
      assert.deepStrictEqual(newErrors, [], `"${fix.title}" introduced errors`);
      checked++;
    }
  }
  return checked;
}

describe('quick fixes', () => {
  it('round-trip on the Terraform example: each fix removes its finding and adds no error', () => {
    const files = new Map(walk(path.join(repo, 'examples', 'terraform')).map((f) => [f.split(path.sep).join('/'), readFileSync(f, 'utf8')]));
    assert.ok(roundTrips(files) >= 4, 'expected at least four quick fixes on examples/terraform');
  });

  it('round-trip on a SAM template: endpoint association and database ingress', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.2.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.2.0.0/24
      AvailabilityZone: eu-west-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.2.1.0/24
      AvailabilityZone: eu-west-1b
  RouteTableA:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  RouteTableB:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  AssocA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetA
      RouteTableId: !Ref RouteTableA
  AssocB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubnetB
      RouteTableId: !Ref RouteTableB
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.s3
      RouteTableIds:
        - !Ref RouteTableA
  FunctionSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: function
      VpcId: !Ref Vpc
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      VpcId: !Ref Vpc
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt DbSg.GroupId]
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      VpcConfig:
        SubnetIds: [!Ref SubnetA, !Ref SubnetB]
        SecurityGroupIds: [!Ref FunctionSg]
      Environment:
        Variables:
          BUCKET: !Ref Bucket
          DB_HOST: !GetAtt Database.Endpoint.Address
`;
    const files = new Map([['/ws/template.yaml', template]]);
    const before = session(files);
    const rules = before.result.findings.map((f) => f.rule).sort();
    assert.ok(rules.includes('LAMBDA_PARTIAL_REACH') || rules.includes('LAMBDA_NO_ROUTE_S3'), `findings: ${rules.join(', ')}`);
    assert.ok(rules.includes('LAMBDA_NO_ROUTE_TARGET'), `findings: ${rules.join(', ')}`);
    assert.ok(roundTrips(files) >= 2);
  });

  it('round-trip on a CloudFormation JSON template: fixes are written as JSON', () => {
    const ref = (id: string): unknown => ({ Ref: id });
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.3.0.0/16' } },
        SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.3.0.0/24', AvailabilityZone: 'eu-west-1a' } },
        SubnetB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.3.1.0/24', AvailabilityZone: 'eu-west-1b' } },
        RouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
        Other: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
        AssocA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('SubnetA'), RouteTableId: ref('RouteTable') } },
        AssocB: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('SubnetB'), RouteTableId: ref('RouteTable') } },
        S3Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.eu-west-1.s3', RouteTableIds: [ref('Other')] } },
        FunctionSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'function', VpcId: ref('Vpc') } },
        DbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'database', VpcId: ref('Vpc') } },
        DbSubnets: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'db', SubnetIds: [ref('SubnetA'), ref('SubnetB')] } },
        Database: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', DBSubnetGroupName: ref('DbSubnets'), VPCSecurityGroups: [{ 'Fn::GetAtt': ['DbSg', 'GroupId'] }] } },
        Bucket: { Type: 'AWS::S3::Bucket' },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'python3.12',
            Handler: 'app.handler',
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Code: { ZipFile: 'x' },
            VpcConfig: { SubnetIds: [ref('SubnetA'), ref('SubnetB')], SecurityGroupIds: [ref('FunctionSg')] },
            Environment: { Variables: { BUCKET: ref('Bucket'), DB_HOST: { 'Fn::GetAtt': ['Database', 'Endpoint.Address'] } } },
          },
        },
      },
    };
    const files = new Map([['/ws/template.json', JSON.stringify(template, null, 2) + '\n']]);
    const rules = session(files).result.findings.map((f) => f.rule);
    assert.ok(rules.includes('LAMBDA_NO_ROUTE_S3') && rules.includes('LAMBDA_NO_ROUTE_TARGET'), rules.join(', '));
    assert.ok(roundTrips(files) >= 2);
  });
  it('round-trip: private DNS off in a VPC without DNS hostnames; one fix turns on both and both findings go', () => {
    const main = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a', vpc: 'main' })}\
${securityGroupRules('vpce', { vpc: 'main', ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "sqs" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.vpce.id]
}
`;
    const files = new Map([['/w/main.tf', main]]);
    const before = session(files);
    const finding = before.result.findings.find((f) => f.rule === 'VPCE_PRIVATE_DNS_DISABLED');
    assert.ok(finding, 'private DNS is off by default on a Terraform interface endpoint');
    const [fix] = quickFixesFor({ model: before.model, text: (f) => before.snapshot.text(f), hcl: (f) => before.snapshot.hcl(f), data: (f) => before.snapshot.data(f) }, finding);
    assert.ok(fix, 'a quick fix is offered');
    const after = session(apply(files, fix.edits));
    const left = after.result.findings.filter((f) => f.rule.startsWith('VPCE_') && f.rule.includes('DNS')).map((f) => f.rule);
    assert.deepStrictEqual(left, [], `after "${fix.title}"`);
    assert.deepStrictEqual(after.problems.filter((p) => p.severity === 'error'), []);
  });
  it('round-trip: subnets on the main route table of the VPC get an endpoint on it, named through the VPC (Terraform)', () => {
    const main = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a', vpc: 'main' })}\
${subnet('b', { cidr: '10.0.2.0/24', az: 'eu-west-1b', vpc: 'main' })}\
${securityGroup('fn', 'all', 'main')}\
resource "aws_s3_bucket" "data" {
  bucket = "data"
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
  environment {
    variables = { BUCKET = aws_s3_bucket.data.bucket }
  }
}
`;
    const files = new Map([['/w/main.tf', main]]);
    const before = session(files);
    const finding = before.result.findings.find((f) => f.rule === 'LAMBDA_NO_ROUTE_S3');
    assert.ok(finding, before.result.findings.map((f) => f.rule).join(', '));
    const fixes = quickFixesFor({ model: before.model, text: (f) => before.snapshot.text(f), hcl: (f) => before.snapshot.hcl(f), data: (f) => before.snapshot.data(f) }, finding);
    const endpoint = fixes.find((f) => /gateway endpoint/.test(f.title));
    assert.ok(endpoint, fixes.map((f) => f.title).join(' | '));
    assert.match(endpoint.edits.map((e) => e.newText).join(''), /route_table_ids\s*=\s*\[aws_vpc\.main\.main_route_table_id\]/);
    const after = session(apply(files, endpoint.edits));
    assert.deepStrictEqual(after.result.findings.filter((f) => f.rule === 'LAMBDA_NO_ROUTE_S3').map((f) => f.message), []);
    assert.deepStrictEqual(after.problems.filter((p) => p.severity === 'error'), []);
  });
  describe('CloudFormation subnets on the main route table (a template cannot name it)', () => {
    const template = (endpoint: string): string => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.2.0.0/16
  PrivateA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.2.0.0/24
      AvailabilityZone: eu-west-1a
  PrivateB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.2.1.0/24
      AvailabilityZone: eu-west-1b
${endpoint}  FunctionSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: function
      VpcId: !Ref Vpc
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: { ZipFile: "def handler(e, c): pass" }
      VpcConfig:
        SubnetIds: [!Ref PrivateA, !Ref PrivateB]
        SecurityGroupIds: [!Ref FunctionSg]
      Environment:
        Variables:
          BUCKET: !Ref Bucket
`;
    function fixAndCheck(text: string): string {
      const files = new Map([['/ws/template.yaml', text]]);
      const before = session(files);
      const finding = before.result.findings.find((f) => f.rule === 'LAMBDA_NO_ROUTE_S3');
      assert.ok(finding, before.result.findings.map((f) => f.rule).join(', '));
      const fixes = quickFixesFor({ model: before.model, text: (f) => before.snapshot.text(f), hcl: (f) => before.snapshot.hcl(f), data: (f) => before.snapshot.data(f) }, finding);
      const fix = fixes.find((f) => /route table of their own/.test(f.title));
      assert.ok(fix, fixes.map((f) => f.title).join(' | '));
      // One route table for both subnets: the title says it once.
      assert.equal(fix.title.match(/route table of their own/g)?.length, 1, fix.title);
      const fixed = apply(files, fix.edits);
      const after = session(fixed);
      assert.deepStrictEqual(after.result.findings.filter((f) => f.rule === 'LAMBDA_NO_ROUTE_S3').map((f) => f.message), []);
      assert.deepStrictEqual([...after.problems.filter((p) => p.severity !== 'information').map((p) => p.message), ...errors(after)], []);
      return fixed.get('/ws/template.yaml') ?? '';
    }

    it('creates a route table, associates both subnets and adds the endpoint on it', () => {
      const text = fixAndCheck(template(''));
      assert.match(text, /VpcSubnetRouteTable:\n\s+Type: AWS::EC2::RouteTable/);
      assert.match(text, /PrivateARouteTableAssociation:[\s\S]+SubnetId: !Ref PrivateA\n\s+RouteTableId: !Ref VpcSubnetRouteTable/);
      assert.match(text, /PrivateBRouteTableAssociation:[\s\S]+SubnetId: !Ref PrivateB/);
      assert.match(text, /S3GatewayEndpoint:[\s\S]+RouteTableIds:\n\s+- !Ref VpcSubnetRouteTable/);
    });

    it('associates the existing endpoint with the new route table', () => {
      const endpoint = `  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.s3
      RouteTableIds:
        - !Ref Other
  Other:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
`;
      const text = fixAndCheck(template(endpoint));
      assert.match(text, /RouteTableIds:\n\s+- !Ref Other\n\s+- !Ref VpcSubnetRouteTable/);
      assert.doesNotMatch(text, /S3GatewayEndpoint/);
    });
  });
});

