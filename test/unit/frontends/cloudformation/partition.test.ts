// AWS::Partition and AWS::URLSuffix follow the Region: China → aws-cn / amazonaws.com.cn, GovCloud →
// aws-us-gov / amazonaws.com, commercial (and unknown) → aws / amazonaws.com. So do the ARNs SAM builds
// (the generated role's managed policies, managed policy names, policy templates), and C1 still reads them.

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';
import { byAddress, readFixture } from './cfnFixture';

const YAML = `
  AWSTemplateFormatVersion: '2010-09-09'
  Resources:
    Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub '\${AWS::Partition}|\${AWS::URLSuffix}' } }
`;
const JSON_TEMPLATE = `
  //- /template.json
  { "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "Q": { "Type": "AWS::SQS::Queue",
    "Properties": { "QueueName": { "Fn::Join": ["|", [{ "Ref": "AWS::Partition" }, { "Ref": "AWS::URLSuffix" }]] } } } } }
`;

function queueName(fixture: string, region?: string): unknown {
  const out = readFixture(fixture, region !== undefined ? { region } : {});
  const q = out.objects.find((o) => o.address === 'Q');
  return q?.kind === 'service-resource' ? q.resourceName : undefined;
}

describe('cloudformation partition', () => {
  for (const [name, fixture] of [['YAML', YAML], ['JSON', JSON_TEMPLATE]] as const) {
    it(`follows the Region (${name})`, () => {
      assert.equal(queueName(fixture, 'cn-north-1'), 'aws-cn|amazonaws.com.cn');
      assert.equal(queueName(fixture, 'cn-northwest-1'), 'aws-cn|amazonaws.com.cn');
      assert.equal(queueName(fixture, 'us-gov-west-1'), 'aws-us-gov|amazonaws.com');
      assert.equal(queueName(fixture, 'eu-west-1'), 'aws|amazonaws.com');
      assert.equal(queueName(fixture), 'aws|amazonaws.com');
    });
  }

  it('a Region hint from AZ names sets the partition too', () => {
    assert.equal(queueName(YAML.replace('Resources:', `Resources:
    S: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, AvailabilityZone: cn-north-1a } }`)), 'aws-cn|amazonaws.com.cn');
  });

  const SAM = `
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Handler: a
          VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
          Policies:
            - AmazonSQSReadOnlyAccess
            - DynamoDBReadPolicy: { TableName: t }
            - S3ReadPolicy: { BucketName: b }
  `;

  function samArns(region?: string): string[] {
    const fn = byAddress(readFixture(SAM, region !== undefined ? { region } : {}), 'Fn');
    assert.ok(fn.kind === 'lambda-function');
    const resources = fn.policies.flatMap((d) => d.statements).flatMap((s) => s.resources);
    return [...fn.managedPolicyArns, ...resources].map((a) => (typeof a === 'string' ? a : '?'));
  }

  it('SAM managed policies and policy templates use the partition of the Region', () => {
    assert.deepEqual(samArns('cn-north-1'), [
      'arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws-cn:iam::aws:policy/AmazonSQSReadOnlyAccess',
      'arn:aws-cn:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws-cn:dynamodb:cn-north-1:*:table/t',
      'arn:aws-cn:dynamodb:cn-north-1:*:table/t/index/*',
      'arn:aws-cn:s3:::b',
      'arn:aws-cn:s3:::b/*',
    ]);
    assert.ok(samArns('us-gov-west-1').every((a) => a.startsWith('arn:aws-us-gov:')), samArns('us-gov-west-1').join());
    assert.ok(samArns('eu-west-1').every((a) => a.startsWith('arn:aws:')));
    assert.ok(samArns().every((a) => a.startsWith('arn:aws:')));
  });

  it('C1 recognises AWS managed policies in the China partition', () => {
    const session = new AnalysisSession({ region: 'cn-north-1' });
    session.setFile('/w/template.yaml', `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: cn-north-1a } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Granted:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']
  Basic:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']
  FnGranted: { Type: AWS::Lambda::Function, Properties: { Role: !GetAtt Granted.Arn, VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg] } } }
  FnBasic: { Type: AWS::Lambda::Function, Properties: { Role: !GetAtt Basic.Arn, VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg] } } }
`);
    const a = session.analyze();
    const c1 = a.result.findings.filter((f) => f.rule === 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS').map((f) => `${a.model.get(f.subject)?.address ?? f.subject} ${f.severity}`);
    // Basic is read as a known AWS managed policy that does not grant the ENI actions: a certain error.
    assert.deepEqual(c1, ['FnBasic error']);
  });
});
