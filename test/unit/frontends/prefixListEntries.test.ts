// Customer-managed prefix lists whose entries are not inline literals: Terraform aws_ec2_managed_prefix_list_entry
// resources (and their conflict with inline `entry` blocks), CloudFormation Entries from a parameter or an Fn::If.
// Each case runs the real pipeline; the function's SG egress goes only to the list.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';

const REGION = 'eu-west-1';

/** VPC 10.0.0.0/16, a function in A and B whose SG egress is MySQL to prefix list Pl only, a database in A and B. */
const TF_BASE = (list: string): string => `provider "aws" { region = "${REGION}" }
resource "aws_vpc" "Vpc" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "A" {
  vpc_id            = aws_vpc.Vpc.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "${REGION}a"
}
resource "aws_subnet" "B" {
  vpc_id            = aws_vpc.Vpc.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "${REGION}b"
}
${list}
resource "aws_security_group" "FnSg" {
  vpc_id = aws_vpc.Vpc.id
  egress {
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.Pl.id]
  }
}
resource "aws_security_group" "DbSg" {
  vpc_id = aws_vpc.Vpc.id
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_db_subnet_group" "DbSubnets" { subnet_ids = [aws_subnet.A.id, aws_subnet.B.id] }
resource "aws_db_instance" "Db" {
  engine                 = "mysql"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  db_subnet_group_name   = aws_db_subnet_group.DbSubnets.name
  vpc_security_group_ids = [aws_security_group.DbSg.id]
}
resource "aws_lambda_function" "Fn" {
  function_name = "Fn"
  role          = "arn:aws:iam::123456789012:role/fn"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
  environment {
    variables = { DB_HOST = aws_db_instance.Db.address }
  }
  vpc_config {
    subnet_ids         = [aws_subnet.A.id, aws_subnet.B.id]
    security_group_ids = [aws_security_group.FnSg.id]
  }
}
`;

const LIST = (inline = ''): string => `resource "aws_ec2_managed_prefix_list" "Pl" {
  name           = "vpc"
  address_family = "IPv4"
  max_entries    = 5${inline}
}`;

const ENTRY = (name: string, cidr: string, extra = ''): string => `resource "aws_ec2_managed_prefix_list_entry" "${name}" {${extra}
  prefix_list_id = aws_ec2_managed_prefix_list.Pl.id
  cidr           = ${cidr}
  description    = "${name}"
}`;

function tf(text: string): ReturnType<typeof analyseWorkspace> {
  return analyseWorkspace({ '/w/main.tf': text }, REGION);
}

const dbAnswer = (run: ReturnType<typeof analyseWorkspace>): string => render(reachOf(run.result, 'Fn', 'aws_db_instance.Db'));

const conflicts = (run: ReturnType<typeof analyseWorkspace>): string[] =>
  run.problems.filter((p) => p.code === 'tf-inline-standalone-conflict').map((p) => `${p.severity}: ${p.message}`);

describe('prefix list entries outside the list', () => {
  describe('Terraform aws_ec2_managed_prefix_list_entry', () => {
    it('an entry resource covering the database opens the SG egress to the list; one that does not leaves it closed', () => {
      const run = tf(TF_BASE(`${LIST()}\n${ENTRY('Vpc', '"10.0.0.0/16"')}`));
      assert.equal(dbAnswer(run), 'yes via local');
      assert.deepEqual(conflicts(run), []);
      assert.match(dbAnswer(tf(TF_BASE(`${LIST()}\n${ENTRY('Other', '"192.168.0.0/16"')}`))), /^no /);
    });

    it('entries are collected from every entry resource and for_each instance', () => {
      const run = tf(TF_BASE(`${LIST()}\n${ENTRY('Each', 'each.value', '\n  for_each = toset(["192.168.0.0/16", "10.0.0.0/16"])')}`));
      assert.equal(dbAnswer(run), 'yes via local');
      assert.deepEqual([...(run.model.all('prefix-list')[0]?.entries ?? [])].sort(), ['10.0.0.0/16', '192.168.0.0/16']);
    });

    it('an entry whose CIDR is not known statically makes the answer unknown', () => {
      const run = tf(`variable "cidr" { type = string }\n${TF_BASE(`${LIST()}\n${ENTRY('Var', 'var.cidr')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
    });

    it('entry resources under a count not known statically make the answer unknown', () => {
      const run = tf(`variable "n" { type = number }\n${TF_BASE(`${LIST()}\n${ENTRY('Counted', '"10.0.0.0/16"', '\n  count = var.n')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
    });

    it('an entry of a list not known statically may belong to the workspace list (unknown); of a literal pl- list, not', () => {
      const run = tf(`variable "list" { type = string }\n${TF_BASE(`${LIST()}\n${ENTRY('Elsewhere', '"10.0.0.0/16"').replace('aws_ec2_managed_prefix_list.Pl.id', 'var.list')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
      const outside = tf(TF_BASE(`${LIST()}\n${ENTRY('Outside', '"10.0.0.0/16"').replace('aws_ec2_managed_prefix_list.Pl.id', '"pl-0123456789abcdef0"')}`));
      assert.match(dbAnswer(outside), /^no /);
    });

    it('a list with inline entries and an entry resource: a conflict warning, and the entry is unknown (provider note, T3, T5)', () => {
      const inline = `
  entry {
    cidr = "192.168.0.0/16"
  }`;
      const run = tf(TF_BASE(`${LIST(inline)}\n${ENTRY('Vpc', '"10.0.0.0/16"')}`));
      assert.deepEqual(conflicts(run), [
        'warning: aws_ec2_managed_prefix_list_entry.Vpc adds an entry to prefix list aws_ec2_managed_prefix_list.Pl, which also declares inline entries; Terraform will keep overwriting one with the other (T3, T5).',
      ]);
      assert.match(dbAnswer(run), /^unknown /);
      // Inline entries alone still decide, without a warning.
      const alone = tf(TF_BASE(LIST(inline.replace('192.168.0.0/16', '10.0.0.0/16'))));
      assert.equal(dbAnswer(alone), 'yes via local');
      assert.deepEqual(conflicts(alone), []);
    });
  });

  describe('CloudFormation AWS::EC2::PrefixList Entries', () => {
    const template = (entries: string, head = ''): string => `AWSTemplateFormatVersion: "2010-09-09"
${head}Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: ${REGION}a } }
  B: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: ${REGION}b } }
  Pl: { Type: AWS::EC2::PrefixList, Properties: { PrefixListName: vpc, AddressFamily: IPv4, MaxEntries: 5, Entries: ${entries} } }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 3306, ToPort: 3306, DestinationPrefixListId: !GetAtt Pl.PrefixListId }]
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: 10.0.0.0/16 }]
  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref A, !Ref B] } }
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: mysql, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg] }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/fn
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      Environment: { Variables: { DB_HOST: !GetAtt Db.Endpoint.Address } }
      VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
`;
    const cfn = (entries: string, head = ''): ReturnType<typeof analyseWorkspace> => analyseWorkspace({ '/w/template.yaml': template(entries, head) }, REGION);
    const cfnAnswer = (run: ReturnType<typeof analyseWorkspace>): string => render(reachOf(run.result, 'Fn', 'Db'));
    const entriesOf = (run: ReturnType<typeof analyseWorkspace>): string[] => {
      return (run.model.all('prefix-list')[0]?.entries ?? []).map((e) => (typeof e === 'string' ? e : `? ${e.reason}`));
    };
    const CONDITION = `Parameters:
  Wide: { Type: String }
Conditions:
  IsWide: !Equals [!Ref Wide, "yes"]
`;

    it('Entries from a parameter are unknown entries, not an empty list', () => {
      const run = cfn('!Ref Entries', 'Parameters:\n  Entries: { Type: String }\n');
      assert.match(cfnAnswer(run), /^unknown /);
      const entries = entriesOf(run);
      assert.deepEqual(entries, ['? the entries are not known statically (parameter Entries has no default)']);
    });

    it('an Fn::If between entry lists: the entries both arms hold are certain', () => {
      const run = cfn('!If [IsWide, [{ Cidr: 10.0.0.0/16 }, { Cidr: 192.168.0.0/16 }], [{ Cidr: 10.0.0.0/16 }]]', CONDITION);
      assert.equal(cfnAnswer(run), 'yes via local');
      assert.equal(entriesOf(run)[0], '10.0.0.0/16');
      assert.equal(cfnAnswer(cfn('[{ Cidr: 10.0.0.0/16 }]')), 'yes via local');
    });

    it('an Fn::If where only one arm covers the database is unknown', () => {
      const run = cfn('!If [IsWide, [{ Cidr: 10.0.0.0/16 }], [{ Cidr: 192.168.0.0/16 }]]', CONDITION);
      assert.match(cfnAnswer(run), /^unknown /);
      assert.deepEqual(entriesOf(run).map((e) => e.slice(0, 2)), ['? ']);
    });

    it('an entry chosen by Fn::If inside the list is an unknown entry', () => {
      const run = cfn('[!If [IsWide, { Cidr: 10.0.0.0/16 }, !Ref AWS::NoValue]]', CONDITION);
      assert.match(cfnAnswer(run), /^unknown /);
      assert.match(entriesOf(run)[0] ?? '', /^\? an entry is not known statically \(.*Wide/);
    });
  });
});
