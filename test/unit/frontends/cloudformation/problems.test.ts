// Problems are data: unknown GetAtt attributes of modelled types (cfn-lint E1010, warning), a
// SecurityGroupEgress that is not a list (error; the group's egress becomes unknown, not empty), one
// information per parameter without a Default that a read property depends on, unsupported intrinsics
// named as written, and AWS::Include content that is not read.

import * as assert from 'node:assert/strict';
import { readFixture, render } from './cfnFixture';

function problems(fixture: string, codes?: readonly string[]): string[] {
  const out = readFixture(fixture);
  return out.problems.filter((p) => codes === undefined || codes.includes(p.code)).map((p) => {
    const text = out.files.get(p.file) ?? '';
    return `${p.code} ${p.severity} '${text.slice(p.span.start, p.span.end)}': ${p.message}`;
  });
}

describe('cloudformation problems', () => {
  it('unknown GetAtt attributes of modelled types, in every form (YAML)', () => {
    assert.deepEqual(problems(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Sub:
          Type: AWS::EC2::Subnet
          Properties: { VpcId: !GetAtt Vpc.VpcId, CidrBlock: !GetAtt Vpc.NotAnAttr, MapPublicIpOnLaunch: false }
        Q:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: !Sub '\${Vpc.Nope}-\${Sub.MapPublicIpOnLaunch}-\${Vpc.CidrBlock}'
            Tags: [{ Key: k, Value: !GetAtt [Sub, SubnetId] }, { Key: b, Value: !GetAtt Q.Whatever }]
    `, ['cfn-unknown-attribute']), [
      "cfn-unknown-attribute warning 'Vpc.NotAnAttr': AWS::EC2::VPC has no attribute 'NotAnAttr' (it has CidrBlock, CidrBlockAssociations, DefaultNetworkAcl, DefaultSecurityGroup, Ipv6CidrBlocks, VpcId); CloudFormation rejects this Fn::GetAtt",
      "cfn-unknown-attribute warning 'Vpc.Nope': AWS::EC2::VPC has no attribute 'Nope' (it has CidrBlock, CidrBlockAssociations, DefaultNetworkAcl, DefaultSecurityGroup, Ipv6CidrBlocks, VpcId); CloudFormation rejects this Fn::GetAtt",
      "cfn-unknown-attribute warning 'Q.Whatever': AWS::SQS::Queue has no attribute 'Whatever' (it has Arn, QueueName, QueueUrl); CloudFormation rejects this Fn::GetAtt",
    ]);
  });

  it('unknown GetAtt attributes (JSON list form)', () => {
    assert.deepEqual(problems(`
      //- /t.json
      { "Resources": {
        "Sg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "g" } },
        "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Fn::GetAtt": ["Sg", "GroupArn"] } } } } }
    `, ['cfn-unknown-attribute']), [
      `cfn-unknown-attribute warning '"GroupArn"': AWS::EC2::SecurityGroup has no attribute 'GroupArn' (it has GroupId, VpcId); CloudFormation rejects this Fn::GetAtt`,
    ]);
  });

  it('SecurityGroupEgress that is not a list: wrong type, and the egress is unknown rather than empty', () => {
    const fixture = `
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: x, VpcId: vpc-1, SecurityGroupEgress: "not-a-list" } }
    `;
    assert.deepEqual(problems(fixture, ['cfn-wrong-type']), ["cfn-wrong-type error '\"not-a-list\"': SecurityGroupEgress must be a list of egress rules"]);
    const out = readFixture(fixture);
    assert.equal(render(out.objects, ['security-group-rule']),
      'security-group-rule Sg.SecurityGroupEgress group=Sg direction=egress protocol=?(SecurityGroupEgress is not a list of rules) fromPort=?(SecurityGroupEgress is not a list of rules) toPort=?(SecurityGroupEgress is not a list of rules) peer={kind: ipv4, cidr: ?(SecurityGroupEgress is not a list of rules)} inline=true');
  });

  it('one information problem per parameter without a Default, not one per use (YAML and JSON)', () => {
    const expected = ["cfn-unknown-parameter information 'Cidr': Parameter Cidr has no Default: what depends on it is unknown (give it a Default to analyse one deployment)"];
    assert.deepEqual(problems(`
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Cidr: { Type: String }
        WithDefault: { Type: String, Default: 10.1.0.0/16 }
        Unused: { Type: String }
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref Cidr } }
        Sub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!Ref Cidr, 2, 8]] } }
        Other: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref WithDefault } }
    `, ['cfn-unknown-parameter']), expected);
    assert.deepEqual(problems(`
      //- /template.json
      { "Parameters": { "Cidr": { "Type": "String" } },
        "Resources": { "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": { "Ref": "Cidr" } } },
                       "Vpc2": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": { "Ref": "Cidr" } } } } }
    `, ['cfn-unknown-parameter']).map((s) => s.replace("'\"Cidr\"'", "'Cidr'")), expected);
  });

  it('a parameter passed by the parent stack is not reported', () => {
    assert.deepEqual(problems(`
      //- /main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Net: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: net.yaml, Parameters: { Cidr: 10.0.0.0/16 } } }
      //- /net.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Cidr: { Type: String }
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref Cidr } }
    `, ['cfn-unknown-parameter']), []);
  });

  it('an unsupported intrinsic is named as written: !Fn::Nope, !Nope, Fn::Nope', () => {
    assert.deepEqual(problems(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Fn::Nope x, Other: !Nope y, Third: { "Fn::Nope": z } } }
    `, ['cfn-unsupported-intrinsic']), [
      "cfn-unsupported-intrinsic warning '!Fn::Nope': !Fn::Nope is not a CloudFormation intrinsic function that Hyperplane Lens knows",
      "cfn-unsupported-intrinsic warning '!Nope': !Nope is not a CloudFormation intrinsic function that Hyperplane Lens knows",
      "cfn-unsupported-intrinsic warning '\"Fn::Nope\"': Fn::Nope is not a CloudFormation intrinsic function that Hyperplane Lens knows",
    ]);
  });

  it('AWS::Include: the included content is not read (YAML tag, JSON among resources)', () => {
    assert.deepEqual(problems(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Sg:
          Type: AWS::EC2::SecurityGroup
          Properties:
            GroupDescription: x
            SecurityGroupIngress: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/rules.yaml } }
    `, ['cfn-include-not-read']), ["cfn-include-not-read warning '!Transform': AWS::Include inserts 's3://b/rules.yaml' at deploy time; Hyperplane Lens does not read it, so what it adds is not analysed"]);
    const json = `
      //- /t.json
      { "AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        "Fn::Transform": { "Name": "AWS::Include", "Parameters": { "Location": "s3://b/more.json" } },
        "Q": { "Type": "AWS::SQS::Queue" } } }
    `;
    assert.deepEqual(problems(json, ['cfn-include-not-read', 'cfn-unsupported-types']), [`cfn-include-not-read warning '"Fn::Transform"': AWS::Include inserts 's3://b/more.json' at deploy time; Hyperplane Lens does not read it, so what it adds is not analysed`]);
  });
});
