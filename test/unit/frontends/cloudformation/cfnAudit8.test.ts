// Adversarial audit of the CloudFormation/SAM front end (eighth round): templates a user writes, run through
// the real pipeline (AnalysisSession), where the tool answered with confidence what CloudFormation leaves open.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, render, reachOf, summary } from '../../support/analyseWorkspace';
import * as Cfn from '../../support/cloudFormationPieces';

/** A VPC with a NAT path to the internet (public subnet, IGW, NAT) and a private subnet for the function. */
const natVpc = `
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Priv: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Pub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1a } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Att: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  PubRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PubAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Pub, RouteTableId: !Ref PubRt } }
  PubDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PubRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  Eip: { Type: AWS::EC2::EIP }
  Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref Pub, AllocationId: !GetAtt Eip.AllocationId } }
  PrivRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PrivAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Priv, RouteTableId: !Ref PrivRt } }
  PrivDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivRt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }`;

/** A template on natVpc whose condition IsOpen cannot be decided (parameter Open has no default). */
const undecidedOpen = (resources: string): string => `
Parameters:
  Open: { Type: String }
Conditions:
  IsOpen: !Equals [!Ref Open, 'yes']
Resources:${natVpc}
${resources}
`;

/** The function's group Sg in Vpc with `rules` (SecurityGroupEgress: …) under its Properties. */
const fnGroup = (rules: string): string => `  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
${rules}`;

const fnIn = (sg: string): string => `
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Handler: index.handler
      Runtime: python3.12
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: [!Ref Priv], SecurityGroupIds: [!Ref ${sg}] }`;

const wrongTypes = (run: ReturnType<typeof analyseWorkspace>): string[] => run.problems.filter((p) => p.code === 'cfn-wrong-type').map((p) => p.message);

describe('CloudFormation audit 8', () => {
  describe('security group rule lists with items that are not decided rules', () => {
    it('an egress item under an undecidable Fn::If is unknown, not dropped (T3, M3)', () => {
      // Before: the item was skipped while the list still counted as declared egress, so the group had no
      // egress at all and the internet was reported blocked; with Open true it allows 443, with Open false the
      // list is empty and CloudFormation keeps the allow-all egress.
      const run = analyseWorkspace({
        '/t/template.yaml': undecidedOpen(`${fnGroup(`      SecurityGroupEgress:
        - !If [IsOpen, { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }, !Ref AWS::NoValue]
`)}${fnIn('Sg')}`),
      });
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
      assert.equal(render(reachOf(run.result, 'Fn', 'internet'), { explain: true }),
        'unknown via nat-gateway LAMBDA_UNKNOWN_INPUT: security groups Sg (egress): cannot tell whether egress rule unknown protocol ?-? to (unknown CIDR) matches a public IPv4 address tcp 443');
    });

    it('an undecidable item beside a decided rule keeps what the decided rule allows', () => {
      const run = analyseWorkspace({
        '/t/template.yaml': undecidedOpen(`${fnGroup(`      SecurityGroupEgress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
        - !If [IsOpen, { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }, !Ref AWS::NoValue]
`)}${fnIn('Sg')}`),
      });
      assert.equal(summary(run.result, 'Fn'), 'internet yes, s3 yes, dynamodb yes');
    });

    it('an ingress list under an undecidable Fn::If leaves the target unknown, not blocked', () => {
      // Before: a SecurityGroupIngress that was not a list was ignored: the database had no ingress at all.
      const run = analyseWorkspace({
        '/t/template.yaml': undecidedOpen(`  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: !If
        - IsOpen
        - [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }]
        - [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.9.0.0/16 }]
  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref Priv] } }
  Db: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg] } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Environment: { Variables: { DB: !GetAtt Db.Endpoint.Address } }
      VpcConfig: { SubnetIds: [!Ref Priv], SecurityGroupIds: [!Ref Sg] }
`),
      });
      assert.equal(summary(run.result, 'Fn'), 'internet yes, s3 yes, dynamodb yes, Db unknown');
    });

    it('a rule list of the wrong type is reported and unknown, never an empty group', () => {
      const run = analyseWorkspace({
        '/t/template.yaml': `
Resources:${natVpc}
${fnGroup(`      SecurityGroupIngress: { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
      SecurityGroupEgress: [ "tcp 443 0.0.0.0/0" ]
`)}${fnIn('Sg')}
`,
      });
      assert.deepEqual(wrongTypes(run), [
        'SecurityGroupIngress must be a list of ingress rules',
        'SecurityGroupEgress[0] must be a map with IpProtocol and a destination',
      ]);
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
    });
  });

  describe('VpcConfig of the wrong type', () => {
    it('is reported and leaves the function neither attached to nothing nor detached (M1, M3)', () => {
      // Before: `VpcConfig: [ … ]` gave a VPC config with no subnets and no groups and no problem.
      const run = analyseWorkspace({
        '/t/template.yaml': `
Resources:${natVpc}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      VpcConfig:
        - SubnetIds: [!Ref Priv]
`,
      });
      assert.deepEqual(wrongTypes(run), ['VpcConfig must be a map with SubnetIds and SecurityGroupIds']);
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
    });
  });
  describe('gateway endpoint service names spelt with Fn::Join or Fn::Sub and a variable map (E5)', () => {
    const run = analyseWorkspace({
      '/t/template.yaml': `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Priv: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ''] } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Priv, RouteTableId: !Ref Rt } }
  Ddb:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Join ['.', ['com.amazonaws', !Ref 'AWS::Region', 'dynamodb']]
      RouteTableIds: [!Ref Rt]
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub ['com.amazonaws.\${Region}.s3', { Region: !Ref 'AWS::Region' }]
      RouteTableIds: [!Ref Rt]
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
${fnIn('Sg')}
`,
    });

    it('route S3 and DynamoDB through the endpoints although the Region is unknown', () => {
      // Before: the service of both endpoints was unknown, so were S3 and DynamoDB.
      assert.equal(summary(run.result, 'Fn'), 'internet no, s3 yes, dynamodb yes');
      assert.equal(render(reachOf(run.result, 'Fn', 'dynamodb')), 'yes via gateway-endpoint');
    });
  });
  describe('a reference chosen by an Fn::If whose condition cannot be decided (M3, P7)', () => {
    const template = (assoc: string, extra = ''): string => `
Parameters:
  UseNew: { Type: String }
  ExistingSubnet: { Type: String }
Conditions:
  New: !Equals [!Ref UseNew, 'yes']
Resources:${natVpc.replace(/ {2}PrivAssoc: .*\n/, '')}
  Other: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: eu-west-1a } }
  PrivAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: ${assoc}, RouteTableId: !Ref PrivRt } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }${extra}
${fnIn('Sg')}
`;

    it('a subnet association to one of two subnets is one association per arm, each conditional', () => {
      // Before: the association named no subnet, so Priv used the main route table: internet confidently no.
      const run = analyseWorkspace({ '/t/template.yaml': template('!If [New, !Ref Priv, !Ref Other]') });
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
      assert.equal(render(reachOf(run.result, 'Fn', 'internet'), { explain: true }),
        'unknown via nat-gateway CONDITIONAL_RESOURCE: depends on PrivAssoc (SubnetId Priv), SubnetId is Priv only if the Fn::If condition is true: condition New cannot be decided: parameter UseNew has no default');
    });

    it('an arm naming a subnet outside the template still leaves the other arm conditional', () => {
      const run = analyseWorkspace({ '/t/template.yaml': template('!If [New, !Ref Priv, !Ref ExistingSubnet]') });
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
    });

    it('a decided condition keeps one plain association', () => {
      const run = analyseWorkspace({ '/t/template.yaml': template('!If [New, !Ref Priv, !Ref Other]').replace('UseNew: { Type: String }', 'UseNew: { Type: String, Default: "yes" }') });
      assert.equal(summary(run.result, 'Fn'), 'internet yes, s3 yes, dynamodb yes');
      assert.deepEqual(run.model.all('route-table-association').map((a) => a.address).sort(), ['PrivAssoc', 'PubAssoc']);
    });

    it('a standalone ingress rule on one of two groups is conditional, not dropped', () => {
      // Before: the rule named no group; the database group had no ingress and the database was blocked.
      const run = analyseWorkspace({ '/t/template.yaml': template('!Ref Priv', `
  DbSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: db, VpcId: !Ref Vpc } }
  SpareSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: spare, VpcId: !Ref Vpc } }
  DbIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !If [New, !Ref DbSg, !Ref SpareSg], IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref Sg }
  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref Priv] } }
  Db: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbSg] } }`)
        .replace('Code: { ZipFile: x }', 'Code: { ZipFile: x }\n      Environment: { Variables: { DB: !GetAtt Db.Endpoint.Address } }') });
      assert.equal(summary(run.result, 'Fn'), 'internet yes, s3 yes, dynamodb yes, Db unknown');
    });

    it('an internet gateway attachment to a created or an existing gateway is one conditional attachment per arm', () => {
      // Before: one attachment naming no gateway. (The engine still treats a conditional attachment as made:
      // reported to the lead, model/build.ts indexGatewaysAndTargets ignores `existence`.)
      const run = analyseWorkspace({ '/t/template.yaml': template('!Ref Priv').replace(
        'Att: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }',
        'Att: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !If [New, !Ref Igw, igw-0123456789abcdef0] } }') });
      assert.deepEqual(run.model.all('gateway-attachment').map((a) => `${a.address}: ${a.existence?.reason ?? 'made'}`).sort(), [
        "Att (InternetGatewayId 'igw-0123456789abcdef0'): InternetGatewayId is 'igw-0123456789abcdef0' only if the Fn::If condition is false: condition New cannot be decided: parameter UseNew has no default",
        'Att (InternetGatewayId Igw): InternetGatewayId is Igw only if the Fn::If condition is true: condition New cannot be decided: parameter UseNew has no default',
      ]);
    });

    it('a network ACL association to one of two subnets is one conditional association per arm', () => {
      // Before: one association naming no subnet. (The engine still treats a conditional NACL association as
      // made, as it does for a resource Condition: reported to the lead.)
      const run = analyseWorkspace({ '/t/template.yaml': template('!Ref Priv', `
  Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
  AclAssoc: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !If [New, !Ref Priv, !Ref Other], NetworkAclId: !Ref Acl } }`) });
      assert.deepEqual(run.model.all('network-acl-association').map((a) => `${a.address}: ${a.existence?.reason ?? 'made'}`).sort(), [
        'AclAssoc (SubnetId Other): SubnetId is Other only if the Fn::If condition is false: condition New cannot be decided: parameter UseNew has no default',
        'AclAssoc (SubnetId Priv): SubnetId is Priv only if the Fn::If condition is true: condition New cannot be decided: parameter UseNew has no default',
      ]);
    });

    it('an arm of a resource that has its own undecidable Condition depends on both', () => {
      const run = analyseWorkspace({ '/t/template.yaml': template('!If [New, !Ref Priv, !Ref Other]').replace(
        'PrivAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties', 'PrivAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Condition: New, Properties') });
      assert.equal(run.model.all('route-table-association').find((a) => a.address === 'PrivAssoc (SubnetId Priv)')?.existence?.reason,
        'SubnetId is Priv only if the Fn::If condition is true: condition New cannot be decided: parameter UseNew has no default; '
        + 'and it is created only if Condition New is true, which cannot be decided: parameter UseNew has no default');
    });

    it('a route in one of two tables is conditional, not dropped', () => {
      const run = analyseWorkspace({ '/t/template.yaml': template('!Ref Priv').replace(
        'PrivDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivRt,',
        'SpareRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }\n  PrivDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !If [New, !Ref PrivRt, !Ref SpareRt],') });
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
    });
  });
  describe('values CloudFormation reads from SSM at deploy time', () => {
    it('an SSM parameter type is the value of the named SSM parameter, not the name (condition stays open)', () => {
      // Before: the Default '/net/use-nat' was the value, so UseNat was decided false and the NAT route dropped.
      const run = analyseWorkspace({
        '/t/template.yaml': `
Parameters:
  NatFlag: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /net/use-nat }
Conditions:
  UseNat: !Equals [!Ref NatFlag, 'true']
Resources:${natVpc.replace('PrivDefault: { Type: AWS::EC2::Route,', 'PrivDefault: { Type: AWS::EC2::Route, Condition: UseNat,')}
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
${fnIn('Sg')}
`,
      });
      assert.equal(summary(run.result, 'Fn'), 'internet unknown, s3 unknown, dynamodb unknown');
      assert.match(render(reachOf(run.result, 'Fn', 'internet'), { explain: true }), /parameter NatFlag is the value of the SSM parameter '\/net\/use-nat', read at deploy time/);
    });

    it('a dynamic reference is an id read at deploy time, neither a malformed id nor its text', () => {
      // Before: Lambda was said to reject '{{resolve:ssm:/net/subnet}}' as a subnet id (cfn-invalid-id), and
      // the subnet was that literal text.
      const run = analyseWorkspace({
        '/t/template.yaml': `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: ['{{resolve:ssm:/net/subnet}}'], SecurityGroupIds: ['{{resolve:ssm:/net/sg}}'] }
`,
      });
      assert.deepEqual(run.problems.filter((p) => p.code === 'cfn-invalid-id').map((p) => p.message), []);
      assert.match(render(reachOf(run.result, 'Fn', 'internet'), { explain: true }), /'\{\{resolve:ssm:\/net\/subnet\}\}' is a dynamic reference, resolved at deploy time/);
    });
  });
  describe('a list parameter of a nested stack given a joined list of resources', () => {
    it('is those resources, as it is for Fn::Split of an import', () => {
      // Before: the child's `List<AWS::EC2::Subnet::Id>` parameter was one unknown, so were the subnets.
      const run = analyseWorkspace({
        '/t/template.yaml': `
Resources:${natVpc}
  Other: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: eu-west-1b } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./app.yaml
      Parameters: { Subnets: !Join [',', [!Ref Priv, !Ref Other]], Groups: !Ref Sg }
`,
        '/t/app.yaml': `
Parameters:
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
  Groups: { Type: CommaDelimitedList }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: !Ref Subnets, SecurityGroupIds: !Ref Groups }
`,
      });
      const fn = run.model.all('lambda-function')[0];
      assert.deepEqual([fn?.vpcConfig?.subnets, fn?.vpcConfig?.securityGroups].map((l) => (Array.isArray(l) ? l.map((x: unknown) => String(x).slice(String(x).lastIndexOf(':') + 1)) : l)), [['Priv', 'Other'], ['Sg']]);
      assert.equal(render(reachOf(run.result, 'Fn', 'internet'), { bySubnet: true }).split('\n').slice(0, 3).join('\n'), 'partial via nat-gateway NO_ROUTE_TO_DESTINATION\n  Priv: yes\n  Other: no NO_ROUTE_TO_DESTINATION');
    });
  });
  describe('an interface endpoint without PrivateDnsEnabled (E10)', () => {
    it('has private DNS off, the default the CloudFormation reference gives', () => {
      // Before: unknown ("the CloudFormation reference gives no default"); the reference says Default: false.
      const run = analyseWorkspace({
        '/t/template.yaml': `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true } }
  Priv: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Secret: { Type: AWS::SecretsManager::Secret }
${Cfn.securityGroup('EpSg', { description: 'endpoint', ingress: [Cfn.tcp(443, 'CidrIp: 10.0.0.0/16')] })}\
  Ep:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.secretsmanager'
      VpcEndpointType: Interface
      SubnetIds: [!Ref Priv]
      SecurityGroupIds: [!Ref EpSg]
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      Environment: { Variables: { SECRET: !Ref Secret } }
      VpcConfig: { SubnetIds: [!Ref Priv], SecurityGroupIds: [!Ref Sg] }
`,
      });
      assert.equal(run.model.all('vpc-endpoint')[0]?.privateDnsEnabled, false);
      assert.deepEqual(run.findings.filter((f) => f.startsWith('VPCE_PRIVATE_DNS_DISABLED')), ['VPCE_PRIVATE_DNS_DISABLED Ep']);
    });
  });
  describe('a subnet given its IPv6 block by AWS::EC2::SubnetCidrBlock (E11)', () => {
    const template = (condition: string): string => `
Parameters:
  Dual: { Type: String }
Conditions:
  IsDual: !Equals [!Ref Dual, 'yes']
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  V6: { Type: AWS::EC2::VPCCidrBlock, Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true } }
  Priv: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  PrivV6:
    Type: AWS::EC2::SubnetCidrBlock${condition}
    Properties: { SubnetId: !Ref Priv, Ipv6CidrBlock: !Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]] }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Priv, RouteTableId: !Ref Rt } }
  Eigw: { Type: AWS::EC2::EgressOnlyInternetGateway, Properties: { VpcId: !Ref Vpc } }
  Default6: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Rt, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: !Ref Eigw } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: [!Ref Priv], SecurityGroupIds: [!Ref Sg], Ipv6AllowedForDualStack: true }
`;

    it('is dual-stack: IPv6 reaches the internet through the egress-only gateway', () => {
      // Before: the SubnetCidrBlock was an unsupported type, the subnet had no IPv6 block, IPv6 confidently blocked.
      const run = analyseWorkspace({ '/t/template.yaml': template('') });
      assert.equal(render(reachOf(run.result, 'Fn', 'internet-ipv6')), 'yes via egress-only-internet-gateway');
      assert.deepEqual(run.problems.filter((p) => p.code === 'cfn-unsupported-types').map((p) => p.message), []);
    });

    it('under an undecidable Condition is a block whose reason names the condition', () => {
      // The model cannot say "maybe no block" (Subnet.ipv6CidrBlock is a block or null): reported to the lead.
      const run = analyseWorkspace({ '/t/template.yaml': template('\n    Condition: IsDual') });
      const subnet = run.model.all('subnet')[0];
      assert.equal(subnet !== undefined && subnet.ipv6CidrBlock !== null && typeof subnet.ipv6CidrBlock === 'object' ? subnet.ipv6CidrBlock.reason : subnet?.ipv6CidrBlock,
        'PrivV6 gives Priv an IPv6 block only if it is created only if Condition IsDual is true, which cannot be decided: parameter Dual has no default');
    });
  });
  describe('gateway endpoint route tables chosen by an undecidable Fn::If (E7)', () => {
    const run = analyseWorkspace({
      '/t/template.yaml': `
Parameters:
  Three: { Type: String }
Conditions:
  HasThree: !Equals [!Ref Three, 'yes']
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Sub1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Sub3: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, AvailabilityZone: eu-west-1c } }
  Rt1: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Rt3: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Assoc1: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Sub1, RouteTableId: !Ref Rt1 } }
  Assoc3: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Sub3, RouteTableId: !Ref Rt3 } }
  S3: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.eu-west-1.s3, RouteTableIds: [!Ref Rt1, !If [HasThree, !Ref Rt3, !Ref AWS::NoValue]] } }
  Ddb: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: com.amazonaws.eu-west-1.dynamodb, RouteTableIds: !If [HasThree, [!Ref Rt1, !Ref Rt3], [!Ref Rt1]] } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: x }
      VpcConfig: { SubnetIds: [!Ref Sub1, !Ref Sub3], SecurityGroupIds: [!Ref Sg] }
`,
    });

    it('route through the endpoint from the table every outcome lists, and only maybe from the other', () => {
      // Before: an item or list under the Fn::If gave Rt3 (and for the whole-list form Rt1 too) no endpoint
      // route: S3 and DynamoDB were confidently blocked from Sub3 (and DynamoDB from Sub1).
      for (const service of ['s3', 'dynamodb']) {
        assert.equal(render(reachOf(run.result, 'Fn', service), { bySubnet: true }).split('\n').slice(1).join('\n'), '  Sub1: yes\n  Sub3: unknown CONDITIONAL_RESOURCE', service);
      }
    });
  });
});

describe('CloudFormation: a load balancer listens on its listeners\' ports (P15)', () => {
  const template = (ports: readonly number[]): string => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  B: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b } }
  FnSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
${Cfn.securityGroup('LbSg', { ingress: [Cfn.tcp(443, 'SourceSecurityGroupId: !Ref FnSg')] })}\
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Scheme: internal, Subnets: [!Ref A, !Ref B], SecurityGroups: [!Ref LbSg] }
${ports.map((port) => `  Listener${port}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Port: ${port}, Protocol: HTTP, DefaultActions: [] }`).join('\n')}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      Role: arn:aws:iam::123456789012:role/x
      Code: { ZipFile: x }
      Environment: { Variables: { API: !GetAtt Lb.DNSName } }
      VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!Ref FnSg] }
`;
  const reach = (ports: readonly number[]) => reachOf(analyseWorkspace({ '/w/template.yaml': template(ports) }, 'us-east-1').result, 'Fn', 'Lb');

  it('one listener: its port decides against the balancer\'s group; several leave it open', () => {
    // Was: the port unknown, so a group admitting 443 only was never decided.
    assert.equal(render(reach([443])), 'yes via local');
    assert.equal(reach([80])?.status, 'no');
    assert.equal(reach([80, 443])?.status, 'unknown');
  });
});
