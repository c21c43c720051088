// User audit of the CloudFormation/SAM front end (third round): idioms real templates use, checked through the
// real pipeline (AnalysisSession) against the AWS rules: reach per destination, findings and problems.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render, summary } from '../../support/analyseWorkspace';

/** A private VPC (two subnets, one route table without a default route, an S3 gateway endpoint) to build on. */
const privateVpc = `
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  SubB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1b } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  AssocA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubA, RouteTableId: !Ref Rt } }
  AssocB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubB, RouteTableId: !Ref Rt } }
  S3Gw: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.eu-west-1.s3, RouteTableIds: [!Ref Rt] } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }`;

const problemsOf = (run: ReturnType<typeof analyseWorkspace>, code: string): string[] =>
  run.problems.filter((p) => p.code === code).map((p) => p.message.slice(0, p.message.indexOf(' has no Default'))).sort();

describe('CloudFormation user audit 3', () => {
  describe('VpcConfig under an Fn::If whose condition cannot be decided', () => {
    const template = `
Parameters:
  AttachToVpc: { Type: String, AllowedValues: ['true', 'false'] }
Conditions:
  Attach: !Equals [!Ref AttachToVpc, 'true']
Resources:${privateVpc}
  Bucket: { Type: AWS::S3::Bucket }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Environment: { Variables: { BUCKET: !Ref Bucket } }
      VpcConfig: !If
        - Attach
        - SubnetIds: [!Ref SubA, !Ref SubB]
          SecurityGroupIds: [!Ref Sg]
        - !Ref AWS::NoValue
  SameSubnets:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      VpcConfig: !If
        - Attach
        - { SubnetIds: [!Ref SubA], SecurityGroupIds: [!Ref Sg] }
        - { SubnetIds: [!Ref SubA], SecurityGroupIds: [] }
`;
    const run = analyseWorkspace({ '/t/template.yaml': `Transform: AWS::Serverless-2016-10-31\n${template}` });

    it('is neither attached nor detached by guess: every answer is unknown and names the condition (M1, M3)', () => {
      // Before: the Fn::If was read as an empty VpcConfig, so the function was reported as outside any VPC
      // with the internet reachable, although with Attach true it has no NAT route at all.
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
      assert.equal(render(reachOf(run.result, 'Fn', 'internet'), { explain: true }),
        'unknown via - LAMBDA_UNKNOWN_INPUT: the subnets are unknown: condition Attach cannot be decided: parameter AttachToVpc has no default (subnet is [SubA, SubB] if true, [] if false)');
    });

    it('keeps what both arms agree on', () => {
      const fn = run.model.get('/t/template.yaml::SameSubnets');
      assert.ok(fn?.kind === 'lambda-function' && fn.vpcConfig !== null);
      assert.deepEqual(fn.vpcConfig.subnets, ['/t/template.yaml::SubA']);
    });
  });

  describe('cfn-unknown-parameter only for parameters a network answer can depend on', () => {
    const template = (extra = ''): string => `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String }
  Prefix: { Type: String }
  SubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>' }
  UseBig: { Type: String }
Conditions:
  Big: !Equals [!Ref UseBig, 'true']
Globals:
  Function:
    FunctionName: !Sub '\${Prefix}-\${Stage}-fn'
    Tags: { stage: !Ref Stage }
Resources:${privateVpc}
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: !Sub '\${Stage}/db' } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Description: !Sub 'the \${Stage} function'
      MemorySize: !If [Big, 1024, 128]
      Environment: { Variables: { SECRET: !Ref Secret } }
      VpcConfig: { SubnetIds: !Ref SubnetIds, SecurityGroupIds: [!Ref Sg] }
  Other:
    Type: AWS::Serverless::Function
    Condition: Big
    Properties: { Handler: index.handler, Runtime: python3.12 }
${extra}`;

    it('is not reported for a parameter used only in a function name, tags, a description or a secret name', () => {
      // Before: Stage and Prefix were reported because FunctionName and the secret's Name were evaluated.
      const run = analyseWorkspace({ '/t/template.yaml': template() });
      assert.deepEqual(problemsOf(run, 'cfn-unknown-parameter'), ['Parameter SubnetIds', 'Parameter UseBig']);
    });

    it('is reported for a parameter in a resource name when an endpoint policy may be matched against its ARN (E9)', () => {
      const policyEndpoint = `  SmEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.eu-west-1.secretsmanager
      SubnetIds: [!Ref SubA, !Ref SubB]
      PolicyDocument: { Statement: [{ Effect: Allow, Principal: '*', Action: '*', Resource: '*' }] }`;
      const run = analyseWorkspace({ '/t/template.yaml': template(policyEndpoint) });
      assert.deepEqual(problemsOf(run, 'cfn-unknown-parameter'), ['Parameter Stage', 'Parameter SubnetIds', 'Parameter UseBig']);
    });

    it('is reported when a network property reaches the parameter through a condition first read for a label', () => {
      const run = analyseWorkspace({ '/t/template.yaml': `
Parameters:
  Env: { Type: String }
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:${privateVpc}
  SgProd: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: p, VpcId: !Ref Vpc } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !If [Prod, fn-prod, fn-dev]
      Role: arn:aws:iam::123456789012:role/r
      VpcConfig: { SubnetIds: [!Ref SubA], SecurityGroupIds: [!If [Prod, !Ref SgProd, !Ref Sg]] }
` });
      assert.deepEqual(problemsOf(run, 'cfn-unknown-parameter'), ['Parameter Env']);
    });
  });

  describe('a subnet list exported as a joined string and imported with Fn::Split', () => {
    const network = `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.5.0.0/16 } }
  PubA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]], AvailabilityZone: !Select [0, !GetAZs ''] } }
  PrivA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [2, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]], AvailabilityZone: !Select [0, !GetAZs ''] } }
  PrivB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [3, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]], AvailabilityZone: !Select [1, !GetAZs ''] } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  PubRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PubRoute: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PubRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  PubAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PubA, RouteTableId: !Ref PubRt } }
  Eip: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PubA, AllocationId: !GetAtt Eip.AllocationId } }
  PrivRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PrivRoute: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivRt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
  AssocA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PrivA, RouteTableId: !Ref PrivRt } }
  AssocB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PrivB, RouteTableId: !Ref PrivRt } }
  AppSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: app, VpcId: !Ref Vpc } }
Outputs:
  Subnets:
    Value: !Join [',', [!Ref PrivA, !Ref PrivB]]
    Export: { Name: !Sub '\${AWS::StackName}-PrivateSubnets' }
  SubnetsSub:
    Value: !Sub '\${PrivA}, \${PrivB}'
    Export: { Name: !Sub '\${AWS::StackName}-PrivateSubnetsSub' }
  Sg:
    Value: !GetAtt AppSg.GroupId
    Export: { Name: !Sub '\${AWS::StackName}-AppSg' }
`;
    const app = `
Transform: AWS::Serverless-2016-10-31
Parameters:
  NetworkStack: { Type: String, Default: network }
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      VpcConfig:
        SubnetIds: !Split [',', !ImportValue { 'Fn::Sub': '\${NetworkStack}-PrivateSubnets' }]
        SecurityGroupIds: [!ImportValue { 'Fn::Sub': '\${NetworkStack}-AppSg' }]
  Spaced:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      VpcConfig:
        SubnetIds: !Split [', ', !ImportValue network-PrivateSubnetsSub]
        SecurityGroupIds: [!ImportValue network-AppSg]
  Single:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      VpcConfig:
        SubnetIds: [!Select [0, !Split [',', !ImportValue network-PrivateSubnets]]]
        SecurityGroupIds: [!ImportValue network-AppSg]
`;
    const run = analyseWorkspace({ '/w/network.yaml': network, '/w/app.yaml': app }, 'eu-west-1');

    it('splits back into the subnets (before: one unknown subnet, every answer unknown)', () => {
      for (const fn of ['Api', 'Spaced']) {
        const f = run.result.functions.find((x) => x.function === `/w/app.yaml::${fn}`);
        assert.deepEqual(f?.subnets, ['/w/network.yaml::PrivA', '/w/network.yaml::PrivB'], fn);
        assert.equal(summary(run.result, fn), 'internet yes, s3 yes, dynamodb yes', fn);
      }
      assert.equal(render(reachOf(run.result, 'Api', 'internet')), 'yes via nat-gateway');
    });

    it('names an AZ chosen by AWS by what it is, not by its internal symbol (C4)', () => {
      const single = run.result.findings.filter((f) => f.rule === 'LAMBDA_SINGLE_AZ').map((f) => f.message);
      assert.deepEqual(single, ['all subnets of Single are in one Availability Zone (AZ 1 of eu-west-1 (chosen by AWS)): no AZ failover (C4)']);
    });
  });

  describe('exports no template of the workspace defines', () => {
    it('stay unknown with the reason, and are named by the export rather than by that reason', () => {
      const run = analyseWorkspace({ '/t/app.yaml': `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      VpcConfig:
        SubnetIds: [!ImportValue shared-PrivateSubnetA]
        SecurityGroupIds: [!ImportValue shared-LambdaSG]
` });
      const f = run.result.functions.find((x) => x.function === '/t/app.yaml::Fn');
      assert.deepEqual(f?.reach.find((r) => r.destination === 'internet')?.bySubnet.map((b) => `${b.subnet}: ${b.status}`), ['export shared-PrivateSubnetA: unknown']);
      assert.equal(render(reachOf(run.result, 'Fn', 'internet'), { hops: true }), [
        'unknown via - LAMBDA_UNKNOWN_INPUT',
        "  ? subnet export shared-PrivateSubnetA: the subnet is unknown: export 'shared-PrivateSubnetA' comes from a stack outside the workspace",
        "  ? security groups export shared-LambdaSG (egress): a security group is unknown: export 'shared-LambdaSG' comes from a stack outside the workspace",
      ].join('\n'));
      assert.deepEqual(run.problems.filter((p) => p.code === 'cfn-unresolved-import').map((p) => p.message), [
        "No template in the workspace exports 'shared-PrivateSubnetA'; its value is unknown",
        "No template in the workspace exports 'shared-LambdaSG'; its value is unknown",
      ]);
    });
  });

  describe('SAM SQS consumer with SQSPollerPolicy (C8)', () => {
    it('needs no path to SQS: the Batch actions of the poller policy are the event source mapping\'s', () => {
      const run = analyseWorkspace({ '/t/template.yaml': `
Transform: AWS::Serverless-2016-10-31
Resources:${privateVpc}
  Queue: { Type: AWS::SQS::Queue }
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      VpcConfig: { SubnetIds: [!Ref SubA, !Ref SubB], SecurityGroupIds: [!Ref Sg] }
      Policies:
        - SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
` });
      // Before: "Consumer cannot reach the sqs API (the function policy allows sqs:ChangeMessageVisibilityBatch)".
      assert.equal(summary(run.result, 'Consumer'), 'internet no, s3 yes, dynamodb no');
      assert.deepEqual(run.findings.filter((f) => f.includes('NO_ROUTE')), []);
    });
  });
});
