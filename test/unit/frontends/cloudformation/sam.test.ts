// SAM: Globals merged as the SAM translator does, the generated role (managed policies, policy templates),
// Events polled by Lambda → event source mappings, SimpleTable, capacity providers (Lambda Managed Instances).

import * as assert from 'node:assert/strict';
import { byAddress, readFixture, show } from './cfnFixture';

const template = `
  Transform: AWS::Serverless-2016-10-31
  Globals:
    Function:
      Timeout: 10
      VpcConfig:
        SecurityGroupIds: [!Ref SgA, !Ref SgB]
        SubnetIds: [!Ref Sub1]
      Environment:
        Variables: { SHARED: g, OVERRIDE: g }
  Resources:
    Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
    Sub1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
    Sub2: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 } }
    SgA: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: a, VpcId: !Ref Vpc } }
    SgB: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: b, VpcId: !Ref Vpc } }
    SgC: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: c, VpcId: !Ref Vpc } }
    Bucket: { Type: AWS::S3::Bucket }
    Queue: { Type: AWS::SQS::Queue }
    Table: { Type: AWS::Serverless::SimpleTable }
    Merged:
      Type: AWS::Serverless::Function
      Properties:
        Handler: a
        VpcConfig:
          SecurityGroupIds: [!Ref SgC]
          SubnetIds: []
        Environment:
          Variables: { OVERRIDE: local, TABLE: !Ref Table }
        Policies:
          - S3ReadPolicy: { BucketName: !Ref Bucket }
          - SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }
          - DynamoDBCrudPolicy: { TableName: literal-table }
          - AmazonSSMReadOnlyAccess
          - Statement:
              - Effect: Allow
                Action: kms:Decrypt
                Resource: '*'
        Events:
          Poll: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
          Api: { Type: HttpApi }
    Ignoring:
      Type: AWS::Serverless::Function
      IgnoreGlobals: '*'
      Properties: { Handler: b, Role: !GetAtt R.Arn }
    R: { Type: AWS::IAM::Role, Properties: { ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess] } }
    Provider:
      Type: AWS::Serverless::CapacityProvider
      Properties:
        VpcConfig: { SubnetIds: [!Ref Sub1, !Ref Sub2], SecurityGroupIds: [!Ref SgC] }
    OnProvider:
      Type: AWS::Serverless::Function
      IgnoreGlobals: [VpcConfig]
      Properties:
        Handler: c
        CapacityProviderConfig: { Arn: !GetAtt Provider.Arn }
`;

describe('cloudformation SAM', () => {
  const out = readFixture(template, { region: 'eu-central-1' });

  it('merges Globals: lists prepended, maps merged, empty lists cannot drop the global VpcConfig', () => {
    const fn = byAddress(out, 'Merged');
    assert.ok(fn.kind === 'lambda-function' && fn.vpcConfig !== null);
    assert.equal(show(fn.vpcConfig.securityGroups), '[SgA, SgB, SgC]');
    assert.equal(show(fn.vpcConfig.subnets), '[Sub1]');
    assert.equal(fn.vpcConfig.inheritedFromGlobals, true);
    const env = Object.fromEntries(fn.environment.map((e) => [e.name, show(e.value)]));
    assert.equal(env['SHARED'], 'g');
    assert.equal(env['OVERRIDE'], 'local');
    assert.deepEqual(fn.environment.find((e) => e.name === 'TABLE')?.refs, ['/template.yaml::Table']);
  });

  it('generates the role: basic + VPC access managed policies, policy templates with refs, inline statements', () => {
    const fn = byAddress(out, 'Merged');
    assert.ok(fn.kind === 'lambda-function');
    assert.equal(fn.role, null);
    assert.deepEqual(fn.managedPolicyArns, [
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AmazonSSMReadOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    ]);
    const statements = fn.policies.flatMap((d) => d.statements);
    const s3 = statements.find((s) => s.actions.includes('s3:GetObject'));
    assert.deepEqual(s3?.resources, [{ ref: '/template.yaml::Bucket' }, { ref: '/template.yaml::Bucket' }]);
    const sqs = statements.find((s) => s.actions.includes('sqs:ReceiveMessage'));
    assert.deepEqual(sqs?.resources, [{ ref: '/template.yaml::Queue' }]);
    const ddb = statements.find((s) => s.actions.includes('dynamodb:PutItem'));
    assert.deepEqual(ddb?.resources, ['arn:aws:dynamodb:eu-central-1:*:table/literal-table', 'arn:aws:dynamodb:eu-central-1:*:table/literal-table/index/*']);
    assert.ok(statements.some((s) => s.actions.includes('kms:Decrypt') && s.resources[0] === '*'));
  });

  it('SQS events become event source mappings; API events do not', () => {
    const esm = byAddress(out, 'MergedPoll');
    assert.ok(esm.kind === 'event-source-mapping');
    assert.equal(esm.function, '/template.yaml::Merged');
    assert.equal(esm.source, '/template.yaml::Queue');
    assert.equal(esm.sourceService, 'sqs');
    assert.ok(!out.objects.some((o) => o.address === 'MergedApi'));
  });

  it('IgnoreGlobals, explicit Role, SimpleTable, capacity provider', () => {
    const ign = byAddress(out, 'Ignoring');
    assert.ok(ign.kind === 'lambda-function');
    assert.equal(ign.vpcConfig, null);
    assert.equal(ign.role, '/template.yaml::R');
    assert.deepEqual(ign.managedPolicyArns, []);
    const t = byAddress(out, 'Table');
    assert.ok(t.kind === 'service-resource' && t.service === 'dynamodb');
    const p = byAddress(out, 'Provider');
    assert.ok(p.kind === 'capacity-provider' && p.vpcConfig !== null);
    assert.equal(show(p.vpcConfig.subnets), '[Sub1, Sub2]');
    const f = byAddress(out, 'OnProvider');
    assert.ok(f.kind === 'lambda-function');
    assert.equal(f.capacityProvider, '/template.yaml::Provider');
    assert.equal(f.vpcConfig, null);
  });
});
