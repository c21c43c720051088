// Facts from the real-template corpus audit (CloudFormation/SAM), each reproduced in a few lines of the same
// shape: forgotten !Ref in VpcConfig, references to resources whose Condition is false, rule-only functions in
// Rules, rain directives, and IAM grants that do not mean the code connects to a private resource (E1).

import * as assert from 'node:assert/strict';
import { isUnknown } from '../../../../server/src/model/origin';
import { readFixture } from './cfnFixture';
import { analyseWorkspace, findingsOf, reachOf, summary } from '../../support/analyseWorkspace';

function problems(fixture: string, codes: readonly string[]): string[] {
  const out = readFixture(fixture);
  return out.problems.filter((p) => codes.includes(p.code)).map((p) => {
    const text = out.files.get(p.file) ?? '';
    return `${p.code} ${p.severity} '${text.slice(p.span.start, p.span.end)}': ${p.message}`;
  });
}

/** A VPC with one private subnet (local route only) and a group for the function. */
const network = `
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }`;

describe('CloudFormation corpus facts', () => {
  describe('adconnector: VpcConfig with bare names and a conditional security group', () => {
    const template = `
      Parameters:
        PrivateSubnet1ID: { Type: 'AWS::EC2::Subnet::Id' }
        CreateSG:
          Type: String
          AllowedValues: [Yes, No]
          Default: No
      Conditions:
        SGCondition: !Equals [!Ref CreateSG, Yes]
      Resources:
        MembersSG:
          Type: AWS::EC2::SecurityGroup
          Condition: SGCondition
          Properties: { GroupDescription: members, VpcId: vpc-12345678 }
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Role: arn:aws:iam::123456789012:role/r
            Code: { ZipFile: x }
            VpcConfig:
              SubnetIds: [PrivateSubnet1ID, subnet-0123abcd]
              SecurityGroupIds: [!Ref MembersSG, sg-0123abcd]
        Other:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: !If [SGCondition, !Ref MembersSG, plain]
      Outputs:
        MembersSGOut:
          Condition: SGCondition
          Value: !Ref MembersSG`;

    it('a bare name in SubnetIds is not a subnet ID: an error that suggests the !Ref (C7 InvalidSubnet)', () => {
      // Before: nothing was reported; the subnet was silently an unknown named 'PrivateSubnet1ID'.
      assert.deepEqual(problems(template, ['cfn-invalid-id']), [
        "cfn-invalid-id error 'PrivateSubnet1ID': 'PrivateSubnet1ID' is not a subnet ID (subnet-…): Lambda rejects it; write !Ref PrivateSubnet1ID to use the parameter of that name",
      ]);
    });

    it('the subnet stays unknown; it is never resolved to the parameter of that name', () => {
      const fn = readFixture(template).objects.find((o) => o.kind === 'lambda-function');
      assert.ok(fn?.kind === 'lambda-function' && fn.vpcConfig !== null);
      const subnets = fn.vpcConfig.subnets;
      assert.ok(!isUnknown(subnets));
      const first = subnets[0];
      assert.ok(isUnknown(first));
      assert.equal(first.reason, "subnet 'PrivateSubnet1ID' is not a subnet id (AWS expects subnet-…)");
    });

    it('an unconditional Ref to a resource whose Condition is false (unquoted YAML 1.1 No is the string "No") is a warning', () => {
      // Before: nothing was reported. The Fn::If arm and the Output under the same condition are fine.
      assert.deepEqual(problems(template, ['cfn-reference-not-created']), [
        "cfn-reference-not-created warning 'MembersSG': MembersSG is not created (its Condition SGCondition is false with these parameter values), so this reference to it fails: CloudFormation rejects the template (Unresolved resource dependencies)",
      ]);
    });

    it('GetAtt and ${} of such a resource too (in properties the analysis reads), not inside an undecidable Fn::If', () => {
      assert.deepEqual(problems(`
        Parameters:
          Flag: { Type: String, Default: 'off' }
          Open: { Type: String }
        Conditions:
          IsOn: !Equals [!Ref Flag, 'on']
          Maybe: !Equals [!Ref Open, 'x']
        Resources:
          Topic: { Type: AWS::SNS::Topic, Condition: IsOn }
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Role: arn:aws:iam::123456789012:role/r
              Code: { ZipFile: x }
              Environment:
                Variables:
                  A: !Sub '\${Topic.TopicName}-q'
                  B: !GetAtt Topic.TopicArn
                  C: !If [Maybe, !Ref Topic, none]
      `, ['cfn-reference-not-created']).map((p) => p.slice(0, p.indexOf(':'))), [
        "cfn-reference-not-created warning 'Topic.TopicName'",
        "cfn-reference-not-created warning 'Topic.TopicArn'",
      ]);
    });
  });

  it('sap-privatelink: rule-only functions in Rules are not unsupported intrinsics; elsewhere they are', () => {
    // Before: Fn::EachMemberEquals and !ValueOf in an Assertion were warned about as unknown functions.
    assert.deepEqual(problems(`
      Parameters:
        VpcId: { Type: 'AWS::EC2::VPC::Id' }
        Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
      Rules:
        SubnetsInVPC:
          Assertions:
            - Assert:
                Fn::EachMemberEquals:
                  - !ValueOf [Subnets, VpcId]
                  - !Ref VpcId
              AssertDescription: All subnets must be in the VPC
      Resources:
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !ValueOf [Subnets, VpcId] } }
    `, ['cfn-unsupported-intrinsic']), [
      "cfn-unsupported-intrinsic warning '!ValueOf': !ValueOf is not a CloudFormation intrinsic function that Hyperplane Lens knows",
    ]);
  });

  it('iot-greengrass: a rain directive is named as such', () => {
    assert.deepEqual(problems(`
      Resources:
        Fn:
          Type: AWS::Lambda::Function
          Properties: { Role: arn:aws:iam::123456789012:role/r, Code: { ZipFile: !Rain::Embed handler.py } }
    `, ['cfn-unsupported-intrinsic']), [
      "cfn-unsupported-intrinsic warning '!Rain::Embed': !Rain::Embed is a rain directive, not a CloudFormation intrinsic: CloudFormation accepts the template only after `rain pkg` expands it; Hyperplane Lens reads the value as unknown",
    ]);
  });

  /** The network above, `more` resources, and a function `Fn` in SubA with these environment variables. */
  const withFunction = (variables: string, more = ''): string => `
AWSTemplateFormatVersion: '2010-09-09'
Resources:${network}${more}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: [!Ref SubA], SecurityGroupIds: [!Ref Sg] }
      Environment: { Variables: { ${variables} } }
`;

  it('rds-mysql analysed alone: a host imported from another stack is no evidence that the VPC is unneeded', () => {
    const template = (host: string): string => withFunction(host);
    const imported = analyseWorkspace({ '/t/template.yaml': template('databaseHost: !ImportValue db-host') }, 'eu-west-1');
    assert.deepEqual(findingsOf(imported, 'LAMBDA_VPC_UNNEEDED'), []);
    const plain = analyseWorkspace({ '/t/template.yaml': template('GREETING: hello') }, 'eu-west-1');
    assert.equal(findingsOf(plain, 'LAMBDA_VPC_UNNEEDED').length, 1);
  });

  it('vpc-lattice-lambda: a fix on the main route table creates a table, as CloudFormation cannot name the main one', () => {
    const run = analyseWorkspace({ '/t/template.yaml': withFunction('BUCKET: !Ref Bucket', '\n  Bucket: { Type: AWS::S3::Bucket }') }, 'eu-west-1');
    const fixes = reachOf(run.result, 'Fn', 's3')?.fixes.map((f) => f.description) ?? [];
    assert.ok(fixes.includes('give the subnets on the main route table of Vpc a route table of their own (CloudFormation cannot name the main one) and add an S3 gateway endpoint on it'), fixes.join('\n'));
  });

  describe('elasticache-snapshot: control-plane grants on a private resource (E1)', () => {
    const template = (actions: string): string => `
AWSTemplateFormatVersion: '2010-09-09'
Resources:${network}
  Redis:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: { ReplicationGroupDescription: r, CacheNodeType: cache.t3.micro, Engine: redis, SecurityGroupIds: [!Ref Sg] }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [${actions}], Resource: !Ref Redis }
  Snapshot:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt Role.Arn, Code: { ZipFile: x }, Handler: index.handler, Runtime: python3.12 }
`;

    it('elasticache:ModifyReplicationGroup goes to the regional API: no E1 error for a function outside any VPC', () => {
      // Before: error LAMBDA_PRIVATE_TARGET_WITHOUT_VPC "uses Redis (role Role grants access to Redis)".
      const run = analyseWorkspace({ '/t/template.yaml': template('elasticache:ModifyReplicationGroup') }, 'eu-west-1');
      assert.deepEqual(findingsOf(run, 'LAMBDA_PRIVATE_TARGET_WITHOUT_VPC'), []);
      assert.equal(reachOf(run.result, 'Snapshot', 'elasticache')?.status, 'yes');
    });

    it('elasticache:Connect (IAM auth to the cache itself) still is an E1 error', () => {
      const run = analyseWorkspace({ '/t/template.yaml': template('elasticache:Connect') }, 'eu-west-1');
      assert.equal(findingsOf(run, 'LAMBDA_PRIVATE_TARGET_WITHOUT_VPC').length, 1);
      assert.equal(reachOf(run.result, 'Snapshot', 'Redis')?.needed, true);
    });

    it('the cache is still reported, as not needed, with the control-plane grant as its reason', () => {
      // The hover, the code lens, `explain` and the CLI all read `needed`: none may call this destination needed.
      const run = analyseWorkspace({ '/t/template.yaml': template('elasticache:ModifyReplicationGroup') }, 'eu-west-1');
      const redis = reachOf(run.result, 'Snapshot', 'Redis');
      assert.equal(redis?.status, 'no');
      assert.equal(redis?.needed, false);
      assert.deepEqual(redis?.neededBecause, ['role Role grants access to Redis']);
    });
  });

  it('workload-discovery: neptune-db:connect is IAM auth to the cluster, not an AWS API reached on 443', () => {
    // Before: "cannot reach the neptune-db API … no rule allows egress to a public IPv4 address on tcp 443".
    const run = analyseWorkspace({ '/t/template.yaml': `
AWSTemplateFormatVersion: '2010-09-09'
Resources:${network}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]
      Policies:
        - PolicyName: p
          PolicyDocument: { Statement: [{ Effect: Allow, Action: ['neptune-db:connect', 'kafka-cluster:Connect'], Resource: '*' }] }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: [!Ref SubA], SecurityGroupIds: [!Ref Sg] }
` }, 'eu-west-1');
    // Connections to clusters the workspace does not define: unknown destinations, not AWS APIs (E1).
    assert.equal(summary(run.result, 'Fn'), 'internet no, s3 no, dynamodb no, grant:neptune-db unknown, grant:kafka-cluster unknown');
    // No "neptune-db API" or "kafka-cluster API" destination: the summary above lists every one.
    assert.deepEqual(findingsOf(run, 'LAMBDA_NO_ROUTE_AWS_SERVICE'), []);
  });
});
