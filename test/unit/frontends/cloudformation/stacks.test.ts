// Many templates: nested stacks (parameters down, outputs up through GetAtt Stack.Outputs.X), exports and
// Fn::ImportValue across templates (including `${AWS::StackName}` export names), CDK output with manifest.json.

import * as assert from 'node:assert/strict';
import { byAddress, readFixture, show } from './cfnFixture';

describe('cloudformation stacks', () => {
  it('nested stacks: parameters passed down, outputs back up, ParentId/ChildId addresses', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Network:
          Type: AWS::CloudFormation::Stack
          Properties:
            TemplateURL: ./nested/network.yaml
            Parameters: { Cidr: 10.5.0.0/16 }
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Role: r
            VpcConfig:
              SubnetIds: [!GetAtt Network.Outputs.SubnetId]
              SecurityGroupIds: [!GetAtt Network.Outputs.SgId]
      //- /app/nested/network.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Cidr: { Type: String }
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref Cidr } }
        Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!Ref Cidr, 2, 8]] } }
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: s, VpcId: !Ref Vpc } }
      Outputs:
        SubnetId: { Value: !Ref Subnet }
        SgId: { Value: !GetAtt Sg.GroupId }
    `);
    const fn = byAddress(out, 'Fn');
    assert.ok(fn.kind === 'lambda-function' && fn.vpcConfig !== null);
    assert.deepEqual(fn.vpcConfig.subnets, ['/app/nested/network.yaml::Subnet']);
    assert.deepEqual(fn.vpcConfig.securityGroups, ['/app/nested/network.yaml::Sg']);
    const subnet = byAddress(out, 'Network/Subnet');
    assert.ok(subnet.kind === 'subnet');
    assert.equal(subnet.cidrBlock, '10.5.0.0/24');
    assert.equal(subnet.stack, '/app/nested/network.yaml');
    assert.deepEqual(out.stacks, ['/app/main.yaml', '/app/nested/network.yaml']);
  });

  it('exports resolved across templates, also through ${AWS::StackName} with a stack-name parameter', () => {
    const out = readFixture(`
      //- /net.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
      Outputs:
        Sub: { Value: !Ref Subnet, Export: { Name: !Sub '\${AWS::StackName}-subnet' } }
        Sg: { Value: !GetAtt Vpc.DefaultSecurityGroup, Export: { Name: shared-sg } }
      //- /fn.yaml
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        NetStack: { Type: String, Default: net-prod }
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            VpcConfig:
              SubnetIds: [!ImportValue { 'Fn::Sub': '\${NetStack}-subnet' }]
              SecurityGroupIds: [!ImportValue shared-sg, !ImportValue nobody-exports-this]
    `);
    const fn = byAddress(out, 'Fn');
    assert.ok(fn.kind === 'lambda-function' && fn.vpcConfig !== null);
    assert.equal(show(fn.vpcConfig.subnets), '[Subnet]');
    assert.equal(show(fn.vpcConfig.securityGroups), '[Vpc#default-security-group, ?import:nobody-exports-this]');
    const p = out.problems.find((x) => x.code === 'cfn-unresolved-import');
    assert.ok(p !== undefined && out.files.get('/fn.yaml')?.slice(p.span.start, p.span.end).includes('nobody-exports-this'));
  });

  it('CDK output: cdk:path metadata into the origin, stack name from manifest.json', () => {
    const out = readFixture(`
      //- /proj/cdk.out/manifest.json
      { "version": "36.0.0", "artifacts": { "NetStack": { "type": "aws:cloudformation:stack", "properties": { "templateFile": "NetStack.template.json" } } } }
      //- /proj/cdk.out/NetStack.template.json
      {
        "Resources": {
          "VpcA1B2": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16",
            "Tags": [{ "Key": "Name", "Value": { "Fn::Sub": "\${AWS::StackName}/Vpc" } }] },
            "Metadata": { "aws:cdk:path": "NetStack/Vpc/Resource" } }
        },
        "Outputs": { "V": { "Value": { "Ref": "VpcA1B2" }, "Export": { "Name": { "Fn::Join": ["", [{ "Ref": "AWS::StackName" }, ":Vpc"]] } } } }
      }
      //- /proj/other.yaml
      Resources:
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: x, VpcId: !ImportValue 'NetStack:Vpc' } }
    `);
    const vpc = byAddress(out, 'VpcA1B2');
    assert.equal(vpc.origin.cdkPath, 'NetStack/Vpc/Resource');
    const sg = byAddress(out, 'Sg');
    assert.ok(sg.kind === 'security-group');
    assert.equal(sg.vpc, '/proj/cdk.out/NetStack.template.json::VpcA1B2');
  });

  it('Serverless::Application with a local Location is a nested stack; a remote one is summarised', () => {
    const out = readFixture(`
      //- /root.yaml
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Child: { Type: AWS::Serverless::Application, Properties: { Location: child.yaml } }
        Remote: { Type: AWS::Serverless::Application, Properties: { Location: { ApplicationId: arn:aws:serverlessrepo:x, SemanticVersion: 1.0.0 } } }
      //- /child.yaml
      Resources:
        Q: { Type: AWS::SQS::Queue }
    `);
    assert.ok(out.objects.some((o) => o.address === 'Child/Q'));
    assert.ok(out.problems.some((p) => p.code === 'cfn-unsupported-types' && p.message.includes('template not in the workspace')));
  });
});
