// LAMBDA_NAT_OTHER_AZ (E4) through the real Terraform and CloudFormation front ends, model and engine: a
// function subnet whose internet traffic goes through a zonal NAT gateway in another AZ is reported once per
// function and NAT gateway; a NAT gateway per AZ, AZs that cannot be compared and regional NAT gateways are not.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, type WorkspaceRun } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, route, routeTable, securityGroup, subnet, twoAzVpc, vpc, vpcFunction } from '../support/terraformPieces';
import * as Cfn from '../support/cloudFormationPieces';

const RULE = 'LAMBDA_NAT_OTHER_AZ';

/** `severity: message`, then related locations and fixes, one per line, for each finding of the rule. */
function report(run: WorkspaceRun): string[] {
  return run.result.findings.filter((f) => f.rule === RULE).map((f) => [
    `${f.severity}: ${f.message}`,
    ...f.related.map((r) => `  related: ${r.message}`),
    ...f.fixes.map((x) => `  fix: ${x.description}`),
  ].join('\n'));
}

const tf = (text: string): WorkspaceRun => analyseWorkspace({ '/w/main.tf': text }, 'us-east-1');

/** VPC, private subnets a (1a) and b (1b), public subnets pa (1a) and pb (1b) on one public table, an SG. */
const NETWORK = `${twoAzVpc('us-east-1')}${publicSubnet({ cidr: '10.0.10.0/24', az: 'us-east-1a', name: 'pa' })}${subnet('pb', { cidr: '10.0.11.0/24', az: 'us-east-1b' })}${association('pb', 'pa')}${securityGroup('fn', 'https')}`;

const NEEDS_INTERNET = { subnets: ['a', 'b'], env: 'URL = "https://example.com/api"' };

describe('LAMBDA_NAT_OTHER_AZ (E4)', () => {
  it('Terraform: a NAT gateway per AZ, each AZ routed to its own: no finding', () => {
    const run = tf(`${NETWORK}${natGateway('na', 'pa')}${natGateway('nb', 'pb')}
${routeTable('ra', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${routeTable('rb', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nb.id') })}${association('a', 'ra')}${association('b', 'rb')}${vpcFunction('f', NEEDS_INTERNET)}`);
    assert.equal(run.result.functions[0]?.reach.find((r) => r.destination === 'internet')?.status, 'yes');
    assert.deepEqual(report(run), []);
  });

  it('Terraform: one NAT gateway for two AZs: one warning naming the other-AZ subnet, with the shared table and the NAT gateway', () => {
    const run = tf(`${NETWORK}${natGateway('na', 'pa')}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('a', 'private')}${association('b', 'private')}${vpcFunction('f', NEEDS_INTERNET)}`);
    assert.deepEqual(report(run), [[
      'warning: aws_lambda_function.f reaches the internet (IPv4) from aws_subnet.b (us-east-1b) through aws_nat_gateway.na in us-east-1a: if us-east-1a fails, invocations placed in that subnet lose that path, and the traffic crosses AZs (inter-AZ data transfer charges); AWS recommends a NAT gateway in each AZ, used by that AZ\'s subnets (E4)',
      '  related: route table: aws_route_table.private',
      '  related: NAT gateway in another AZ: aws_nat_gateway.na',
      '  fix: add a public NAT gateway in aws_subnet.pb (us-east-1b) and give aws_subnet.b its own route table (aws_route_table.private also serves other AZs) sending 0.0.0.0/0 to it',
      '  fix: replace aws_nat_gateway.na with a regional NAT gateway in automatic mode, which expands into every AZ where the VPC has subnets (E4)',
    ].join('\n')]);
    const finding = run.result.findings.find((f) => f.rule === RULE);
    assert.equal(finding?.key, 'aws_nat_gateway.na');
    assert.equal(finding?.origin.file, '/w/main.tf');
  });

  it('Terraform: a NAT gateway exists in the subnet\'s AZ but its table points elsewhere: route to it', () => {
    const run = tf(`${NETWORK}${natGateway('na', 'pa')}${natGateway('nb', 'pb')}
${routeTable('ra', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${routeTable('rb', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('a', 'ra')}${association('b', 'rb')}${vpcFunction('f', NEEDS_INTERNET)}`);
    const out = report(run);
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /\n {2}fix: route 0\.0\.0\.0\/0 in aws_route_table\.rb to aws_nat_gateway\.nb, the NAT gateway in us-east-1b\n/);
  });

  it('Terraform: once per function and NAT gateway, the subnets of every other AZ named together; information when nothing needed goes that way', () => {
    const run = tf(`${NETWORK}${subnet('c', { cidr: '10.0.3.0/24', az: 'us-east-1c' })}${natGateway('na', 'pa')}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('a', 'private')}${association('b', 'private')}${association('c', 'private')}${vpcFunction('f', { subnets: ['a', 'b', 'c'] })}`);
    const out = report(run);
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /^information: aws_lambda_function\.f would reach the internet \(IPv4\), Amazon S3 and Amazon DynamoDB \(none of which it is known to need\) from aws_subnet\.b \(us-east-1b\) and aws_subnet\.c \(us-east-1c\) through aws_nat_gateway\.na in us-east-1a: .*invocations placed in those subnets lose that path/);
    assert.match(out[0] ?? '', /fix: add a public NAT gateway in aws_subnet\.pb \(us-east-1b\) and give aws_subnet\.b .*, and add a public subnet in us-east-1c with a public NAT gateway, and give aws_subnet\.c its own route table/);
  });

  it('Terraform: AZs that cannot be compared (a variable, a name against an id) give no finding', () => {
    const shared = `${natGateway('na', 'pa')}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('a', 'private')}${association('b', 'private')}${vpcFunction('f', NEEDS_INTERNET)}`;
    const unknown = NETWORK.replace('availability_zone = "us-east-1b"', 'availability_zone = var.az');
    assert.ok(unknown !== NETWORK);
    assert.deepEqual(report(tf(`${unknown}variable "az" { type = string }\n${shared}`)), []);
    const byId = NETWORK.replace('availability_zone = "us-east-1b"', 'availability_zone_id = "use1-az2"');
    assert.deepEqual(report(tf(`${byId}${shared}`)), []);
  });

  it('Terraform: AZs of data.aws_availability_zones compare by index', () => {
    const az = (i: number): string => `data.aws_availability_zones.azs.names[${i}]`;
    const text = `${provider('us-east-1')}${vpc()}data "aws_availability_zones" "azs" { state = "available" }
${[['a', '10.0.1.0/24', 0], ['b', '10.0.2.0/24', 1], ['pa', '10.0.10.0/24', 0]].map(([n, cidr, i]) => `resource "aws_subnet" "${String(n)}" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "${String(cidr)}"
  availability_zone = ${az(Number(i))}
}
`).join('')}resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
${routeTable('pub', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}${association('pa', 'pub')}${natGateway('na', 'pa')}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('a', 'private')}${association('b', 'private')}${securityGroup('fn', 'https')}${vpcFunction('f', NEEDS_INTERNET)}`;
    const out = report(tf(text));
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /^warning: aws_lambda_function\.f reaches the internet \(IPv4\) from aws_subnet\.b \(AZ 2 of the Region\) through aws_nat_gateway\.na in AZ 1 of the Region: if/);
    assert.doesNotMatch(out[0] ?? '', /aws_subnet\.a /);
  });

  it('Terraform: element() from index 2 on may wrap round the AZ list: no finding for it', () => {
    const az = (i: number): string => `element(data.aws_availability_zones.azs.names, ${i})`;
    const text = `${provider('us-east-1')}${vpc()}data "aws_availability_zones" "azs" { state = "available" }
${[['b', '10.0.2.0/24', 1], ['c', '10.0.3.0/24', 2], ['pa', '10.0.10.0/24', 0]].map(([n, cidr, i]) => `resource "aws_subnet" "${String(n)}" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "${String(cidr)}"
  availability_zone = ${az(Number(i))}
}
`).join('')}resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
${routeTable('pub', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}${association('pa', 'pub')}${natGateway('na', 'pa')}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.na.id') })}${association('b', 'private')}${association('c', 'private')}${securityGroup('fn', 'https')}${vpcFunction('f', { ...NEEDS_INTERNET, subnets: ['b', 'c'] })}`;
    const out = report(tf(text));
    // element(names, 2) is the first AZ again in a Region with two: only aws_subnet.b is certainly elsewhere.
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /from aws_subnet\.b /);
    assert.doesNotMatch(out[0] ?? '', /aws_subnet\.c/);
  });

  it('Terraform: a regional NAT gateway serves each AZ: no finding', () => {
    const run = tf(`${NETWORK}resource "aws_nat_gateway" "r" {
  vpc_id            = aws_vpc.v.id
  availability_mode = "regional"
}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.r.id') })}${association('a', 'private')}${association('b', 'private')}${vpcFunction('f', NEEDS_INTERNET)}`);
    assert.equal(run.result.functions[0]?.reach.find((r) => r.destination === 'internet')?.status, 'yes');
    assert.deepEqual(report(run), []);
  });

  describe('CloudFormation', () => {
    /** Subnets A (1a) and B (1b), public subnets PA and PB, NAT gateways per `nats`, tables per `tables`. */
    const cfn = (resources: string): WorkspaceRun => analyseWorkspace({ '/w/template.yaml': `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  B: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b } }
  PA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.10.0/24, AvailabilityZone: us-east-1a } }
  PB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.11.0/24, AvailabilityZone: us-east-1b } }
  Igw: { Type: AWS::EC2::InternetGateway }
  Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
  Public: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PublicDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
  AssocPA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PA, RouteTableId: !Ref Public } }
  AssocPB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PB, RouteTableId: !Ref Public } }
  EipA: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatA: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PA, AllocationId: !GetAtt EipA.AllocationId } }
${resources}
${Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(443, 'CidrIp: 0.0.0.0/0')] })}\
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      Environment: { Variables: { URL: "https://example.com/api" } }
      VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
` }, 'us-east-1');

    const table = (name: string, nat: string, subnets: readonly string[]): string => `  ${name}: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  ${name}Default: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref ${name}, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref ${nat} } }
${subnets.map((s) => `  Assoc${s}: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref ${s}, RouteTableId: !Ref ${name} } }\n`).join('')}`;

    it('a NAT gateway per AZ: no finding', () => {
      const run = cfn(`  EipB: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatB: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PB, AllocationId: !GetAtt EipB.AllocationId } }
${table('TableA', 'NatA', ['A'])}${table('TableB', 'NatB', ['B'])}`);
      assert.equal(run.result.functions[0]?.reach.find((r) => r.destination === 'internet')?.status, 'yes');
      assert.deepEqual(report(run), []);
    });

    it('one NAT gateway for two AZs: one finding naming subnet B', () => {
      const out = report(cfn(table('Private', 'NatA', ['A', 'B'])));
      assert.equal(out.length, 1);
      assert.match(out[0] ?? '', /^warning: Fn reaches the internet \(IPv4\) from B \(us-east-1b\) through NatA in us-east-1a: /);
      assert.match(out[0] ?? '', /\n {2}related: route table: Private\n {2}related: NAT gateway in another AZ: NatA\n/);
    });
  });

  it('SAM, shaped like serverless-patterns/sqs-lambda-lmi-esm-provisioned-sam: the capacity provider\'s second-AZ subnet uses the NAT gateway of the first (Fn::GetAZs); the queue is polled by the Lambda service, so the function needs nothing through it: information', () => {
    const run = analyseWorkspace({ '/w/template.yaml': `
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  VPC: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubnetAZ1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VPC, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [0, !GetAZs ""] } }
  SubnetAZ2: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VPC, CidrBlock: 10.0.2.0/24, AvailabilityZone: !Select [1, !GetAZs ""] } }
  PublicSubnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VPC, CidrBlock: 10.0.0.0/24, AvailabilityZone: !Select [0, !GetAZs ""] } }
  InternetGateway: { Type: AWS::EC2::InternetGateway }
  Attachment: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref VPC, InternetGatewayId: !Ref InternetGateway } }
  PublicRouteTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref VPC } }
  PublicRoute: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PublicRouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref InternetGateway } }
  PublicAssociation: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRouteTable } }
  EIP: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatGateway: { Type: AWS::EC2::NatGateway, Properties: { AllocationId: !GetAtt EIP.AllocationId, SubnetId: !Ref PublicSubnet } }
  PrivateRouteTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref VPC } }
  PrivateRoute: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivateRouteTable, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref NatGateway } }
  Association1: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubnetAZ1, RouteTableId: !Ref PrivateRouteTable } }
  Association2: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubnetAZ2, RouteTableId: !Ref PrivateRouteTable } }
${Cfn.securityGroup('InstanceSecurityGroup', { vpc: 'VPC', description: 'instances', egress: [Cfn.tcp(443, 'CidrIp: 0.0.0.0/0')] })}\
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [!Ref SubnetAZ1, !Ref SubnetAZ2], SecurityGroupIds: [!Ref InstanceSecurityGroup] }
  Queue: { Type: AWS::SQS::Queue }
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: handler.lambda_handler
      CodeUri: src/
      CapacityProviderConfig: { Arn: !GetAtt Provider.Arn }
      Policies: [{ SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName } }]
  Mapping: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !GetAtt Processor.Arn, EventSourceArn: !GetAtt Queue.Arn } }
` });
    const out = report(run);
    assert.equal(out.length, 1, out.join('\n'));
    assert.match(out[0] ?? '', /^information: Processor would reach the internet \(IPv4\), Amazon S3 and Amazon DynamoDB \(none of which it is known to need\) from SubnetAZ2 \(AZ 2 of the Region\) through NatGateway in AZ 1 of the Region: if AZ 1 of the Region fails/);
    assert.doesNotMatch(out[0] ?? '', /SubnetAZ1/);
    assert.match(out[0] ?? '', /fix: add a public subnet in AZ 2 of the Region with a public NAT gateway, and give SubnetAZ2 its own route table \(PrivateRouteTable also serves other AZs\) sending 0\.0\.0\.0\/0 to that NAT gateway/);
  });
});
