// Endpoint policies end to end (E7, E9): Terraform and CloudFormation fixtures read by the real front ends,
// built into the model and analysed; the S3 / DynamoDB destinations of a function must follow the policy of
// the endpoint its traffic goes through.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../server/src/frontends/terraform';
import { buildModel } from '../../../server/src/model/build';
import { analyze } from '../../../server/src/analysis/analyze';
import { renderReachLine } from '../../../server/src/analysis/renderText';
import { explainMarkdown, markdownToText } from '../../../server/src/ide/explain';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import { tfFixture } from '../frontends/terraform/tfFixture';
import { readFixture } from '../frontends/cloudformation/cfnFixture';
import { association, provider, routeTable, securityGroup, subnet, vpc } from '../support/terraformPieces';

/** A private subnet whose only way to S3 is the gateway endpoint; `policy` is the endpoint's policy argument. */
function terraform(policy: string, o: { role?: boolean; grant?: string } = {}): string {
  const role = o.role === false ? '' : `
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["${o.grant ?? '${aws_s3_bucket.orders.arn}/*'}"] }] })
}
resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}`;
  return `//- /w/main.tf
${provider('us-east-1')}${vpc('main', '10.0.0.0/16', ['enable_dns_hostnames = true'])}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a', vpc: 'main' })}${routeTable('private', { vpc: 'main' })}${association('a', 'private')}${securityGroup('fn', 'https', 'main')}\
resource "aws_s3_bucket" "orders" { bucket = "orders" }
resource "aws_s3_bucket" "other" { bucket = "other" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.s3"
  route_table_ids   = [aws_route_table.private.id]
  policy            = ${policy}
}
${role}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = ${o.role === false ? 'var.role_arn' : 'aws_iam_role.fn.arn'}
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "fn.zip"
  environment { variables = { BUCKET = aws_s3_bucket.orders.bucket } }
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
${o.role === false ? 'variable "role_arn" {}' : ''}
`;
}

function analyseTerraform(text: string): AnalysisResult {
  const out = readTerraform(tfFixture(text).view, {});
  return analyze(buildModel([out]));
}

function s3(result: AnalysisResult): DestinationReach {
  const r = result.functions[0]?.reach.find((x) => x.destination === 's3');
  assert.ok(r, 'the function has an s3 destination');
  return r;
}

/** The reach line with the stack prefix removed, and the endpoint hop's detail. */
function show(result: AnalysisResult): { line: string; hop: string } {
  const r = s3(result);
  const hop = r.path.find((h) => h.componentKind === 'vpc-endpoint');
  return { line: renderReachLine(r).split('/w::').join(''), hop: hop ? `${hop.verdict}: ${hop.detail}` : '(no endpoint hop)' };
}

const allow = (resource: string, extra = ''): string =>
  `jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = [${resource}]${extra} }] })`;

describe('endpoint policies (Terraform)', () => {
  it('a policy allowing only another bucket blocks the function, with the statement to add as fix', () => {
    const result = analyseTerraform(terraform(allow('"arn:aws:s3:::other", "arn:aws:s3:::other/*"')));
    const { line, hop } = show(result);
    assert.equal(line, 's3: no via gateway-endpoint VPCE_POLICY_DENIES at aws_vpc_endpoint.s3');
    assert.equal(hop, 'block: routes to the service, but the endpoint policy refuses the function\'s requests: no statement allows s3:GetObject on arn:aws:s3:::orders/* (needed because role aws_iam_role.fn allows s3:GetObject) (E7)');
    assert.deepEqual(s3(result).fixes.map((f) => f.description), ['allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3']);
    const finding = result.findings.find((f) => f.rule === 'VPCE_POLICY_DENIES');
    assert.ok(finding, result.findings.map((f) => f.rule).join(', '));
    assert.equal(finding.severity, 'warning');
  });

  it('a policy allowing the function\'s bucket (by reference or literal ARN) passes', () => {
    for (const resource of ['"${aws_s3_bucket.orders.arn}/*"', '"arn:aws:s3:::orders/*"', '"arn:aws:s3:::ord*"']) {
      const { line, hop } = show(analyseTerraform(terraform(allow(resource))));
      assert.equal(line, 's3: yes via gateway-endpoint', resource);
      assert.equal(hop, 'pass: routes to the service; the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)', resource);
    }
  });

  it('a bucket ARN without /* does not cover objects', () => {
    assert.equal(show(analyseTerraform(terraform(allow('"arn:aws:s3:::orders"')))).line, 's3: no via gateway-endpoint VPCE_POLICY_DENIES at aws_vpc_endpoint.s3');
  });

  it('aws:SourceVpc of the endpoint\'s own VPC is always true through it; a literal VPC id stays unknown', () => {
    const own = show(analyseTerraform(terraform(allow('"arn:aws:s3:::orders/*"', ', Condition = { StringEquals = { "aws:SourceVpc" = aws_vpc.main.id } }'))));
    assert.equal(own.line, 's3: yes via gateway-endpoint');
    const literal = show(analyseTerraform(terraform(allow('"arn:aws:s3:::orders/*"', ', Condition = { StringEquals = { "aws:SourceVpc" = "vpc-0abc" } }'))));
    assert.equal(literal.line, 's3: unknown via gateway-endpoint LAMBDA_UNKNOWN_INPUT at aws_vpc_endpoint.s3');
    assert.match(literal.hop, /^unknown: .*Condition StringEquals aws:SourceVpc: whether vpc-0abc is the endpoint's VPC is unknown/);
    const other = show(analyseTerraform(terraform(allow('"arn:aws:s3:::orders/*"', ', Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-1" } }'))));
    assert.match(other.hop, /^unknown: .*Condition StringEquals aws:PrincipalOrgID is not evaluated/);
  });

  it('an explicit Deny wins over an Allow, and the fix names the Deny statement', () => {
    const policy = `jsonencode({ Statement = [
      { Effect = "Allow", Principal = "*", Action = "*", Resource = "*" },
      { Sid = "NoOrders", Effect = "Deny", Principal = "*", Action = "s3:Get*", Resource = "arn:aws:s3:::orders/*" },
    ] })`;
    const result = analyseTerraform(terraform(policy));
    assert.equal(show(result).line, 's3: no via gateway-endpoint VPCE_POLICY_DENIES at aws_vpc_endpoint.s3');
    assert.deepEqual(s3(result).fixes.map((f) => f.description), ['narrow the Deny statement NoOrders so it does not cover s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3']);
  });

  it('a principal naming the function\'s role matches; another role does not', () => {
    const own = allow('"*"').replace('Principal = "*"', 'Principal = { AWS = aws_iam_role.fn.arn }');
    assert.equal(show(analyseTerraform(terraform(own))).line, 's3: yes via gateway-endpoint');
    const other = `${terraform(allow('"*"').replace('Principal = "*"', 'Principal = { AWS = aws_iam_role.other.arn }'))}
resource "aws_iam_role" "other" {
  name               = "other"
  assume_role_policy = "{}"
}`;
    assert.equal(show(analyseTerraform(other)).line, 's3: no via gateway-endpoint VPCE_POLICY_DENIES at aws_vpc_endpoint.s3');
  });

  it('the default policy always passes; without a role in the workspace a restrictive policy is unknown', () => {
    const noPolicy = terraform('null');
    assert.equal(show(analyseTerraform(noPolicy)).hop, 'pass: routes to the service; the default endpoint policy allows full access');
    // No role: the environment still names the bucket, so a policy for another bucket blocks it.
    const noRole = analyseTerraform(terraform(allow('"arn:aws:s3:::other/*"'), { role: false }));
    assert.equal(show(noRole).line, 's3: no via gateway-endpoint VPCE_POLICY_DENIES at aws_vpc_endpoint.s3');
    const partly = show(analyseTerraform(terraform(allow('"arn:aws:s3:::orders/*"').replace('"s3:*"', '"s3:GetObject"'), { role: false })));
    assert.equal(partly.line, 's3: unknown via gateway-endpoint LAMBDA_UNKNOWN_INPUT at aws_vpc_endpoint.s3');
  });

  it('explain prints the endpoint hop with its policy decision', () => {
    const result = analyseTerraform(terraform(allow('"arn:aws:s3:::other/*"')));
    const out = buildModel([readTerraform(tfFixture(terraform(allow('"arn:aws:s3:::other/*"'))).view, {})]);
    const report = result.functions[0];
    assert.ok(report);
    const text = markdownToText(explainMarkdown(result, out, report, 's3'));
    assert.match(text, /✗ {2}gateway endpoint aws_vpc_endpoint\.s3 {2}routes to the service, but the endpoint policy refuses the function's requests: no statement allows s3:GetObject on arn:aws:s3:::orders\/\* .*\(rule E7\)/);
    assert.match(text, /Blocked at aws_vpc_endpoint\.s3 \(VPCE_POLICY_DENIES\)\./);
    assert.match(text, /- allow s3:GetObject on arn:aws:s3:::orders\/\* in the policy of aws_vpc_endpoint\.s3/);
  });
});

/** SAM: S3ReadPolicy on the bucket, an S3 gateway endpoint and a DynamoDB interface endpoint with private DNS. */
function sam(s3Policy: string, ddbPolicy = '', ddbTemplate = 'DynamoDBReadPolicy'): string {
  return `
Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true } }
  SubnetA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  RtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubnetA, RouteTableId: !Ref Rt } }
  FnSg: { Type: AWS::EC2::SecurityGroup, Properties: { VpcId: !Ref Vpc, GroupDescription: fn } }
  EpSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: endpoints
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref FnSg }]
  Orders: { Type: AWS::S3::Bucket, Properties: { BucketName: orders } }
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: carts, KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], BillingMode: PAY_PER_REQUEST } }
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.s3
      RouteTableIds: [!Ref Rt]
${s3Policy}
  DdbEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      ServiceName: com.amazonaws.us-east-1.dynamodb
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!Ref EpSg]
${ddbPolicy}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: .
      Policies:
        - S3ReadPolicy: { BucketName: !Ref Orders }
        - ${ddbTemplate}: { TableName: !Ref Table }
      VpcConfig: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref FnSg] }
`;
}

function analyseSam(text: string): AnalysisResult {
  return analyze(buildModel([readFixture(text)]));
}

function lines(result: AnalysisResult): string {
  return (result.functions[0]?.reach ?? []).filter((r) => r.destination === 's3' || r.destination === 'dynamodb').map((r) => renderReachLine(r).split('/template.yaml::').join('')).join('\n');
}

const policy = (statements: string): string => `      PolicyDocument:\n        Statement:\n${statements}`;

describe('endpoint policies (CloudFormation / SAM)', () => {
  it('SAM policy templates give the actions; a gateway policy for the bucket passes, an interface policy for another table blocks', () => {
    const result = analyseSam(sam(
      policy(`          - { Effect: Allow, Principal: '*', Action: ['s3:Get*', 's3:List*'], Resource: [!GetAtt Orders.Arn, !Sub '\${Orders.Arn}/*'] }`),
      policy(`          - { Effect: Allow, Principal: '*', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/other' }`),
    ));
    assert.equal(lines(result), [
      's3: yes via gateway-endpoint',
      'dynamodb: no via interface-endpoint VPCE_POLICY_DENIES at DdbEndpoint',
    ].join('\n'));
    const ddb = result.functions[0]?.reach.find((r) => r.destination === 'dynamodb');
    // The template's AZ names (us-east-1a) give the Region that SAM substitutes into its policy templates' ARNs.
    assert.match(ddb?.fixes[0]?.description ?? '', /^allow dynamodb:GetItem, dynamodb:Scan, dynamodb:Query, dynamodb:BatchGetItem, dynamodb:DescribeTable on arn:aws:dynamodb:us-east-1:\*:table\/carts in the policy of DdbEndpoint$/);
  });

  // Granted actions are an upper bound on what the function calls (E7, E9): a policy allowing some of them is
  // open (the refused ones fail only if called), with an information finding and the fix; allowing none is no.
  it('DynamoDBCrudPolicy behind a GetItem-only policy is unknown, not no; another table only is no', () => {
    const getItem = policy(`          - { Effect: Allow, Principal: '*', Action: 'dynamodb:GetItem', Resource: !GetAtt Table.Arn }`);
    const result = analyseSam(sam('', getItem, 'DynamoDBCrudPolicy'));
    assert.equal(lines(result), 's3: yes via gateway-endpoint\ndynamodb: unknown via interface-endpoint VPCE_POLICY_DENIES at DdbEndpoint');
    const ddb = result.functions[0]?.reach.find((r) => r.destination === 'dynamodb');
    assert.match(ddb?.explanation ?? '', /the endpoint policy allows dynamodb:GetItem but refuses dynamodb:Scan, dynamodb:Query, dynamodb:BatchGetItem, dynamodb:DescribeTable and 5 more on arn:aws:dynamodb:us-east-1:\*:table\/carts: calls of those actions fail, which matters only if the function makes them/);
    const finding = result.findings.find((f) => f.rule === 'VPCE_POLICY_DENIES');
    assert.ok(finding, result.findings.map((f) => f.rule).join(', '));
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /^the endpoint policy may refuse some requests of Fn to /);
    assert.match(finding.fixes[0]?.description ?? '', /^allow dynamodb:Scan, .*dynamodb:PutItem.* on arn:aws:dynamodb:us-east-1:\*:table\/carts in the policy of DdbEndpoint$/);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'VPCE_POLICY_DENIES' || f.rule.startsWith('LAMBDA_NO_ROUTE')).map((f) => `${f.severity} ${f.rule}`), ['information VPCE_POLICY_DENIES']);
    const other = analyseSam(sam('', policy(`          - { Effect: Allow, Principal: '*', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/other' }`), 'DynamoDBCrudPolicy'));
    assert.equal(lines(other).split('\n')[1], 'dynamodb: no via interface-endpoint VPCE_POLICY_DENIES at DdbEndpoint');
    assert.equal(other.findings.find((f) => f.rule === 'VPCE_POLICY_DENIES')?.severity, 'warning');
  });

  it('S3ReadPolicy behind a GetObject-only policy is unknown (ListBucket is refused, GetObject allowed)', () => {
    const result = analyseSam(sam(policy(`          - { Effect: Allow, Principal: '*', Action: 's3:GetObject', Resource: !Sub '\${Orders.Arn}/*' }`)));
    assert.equal(lines(result).split('\n')[0], 's3: unknown via gateway-endpoint VPCE_POLICY_DENIES at S3Endpoint');
    const s3Reach = result.functions[0]?.reach.find((r) => r.destination === 's3');
    assert.match(s3Reach?.explanation ?? '', /the endpoint policy allows s3:GetObject but refuses s3:ListBucket, s3:GetBucketLocation, s3:GetLifecycleConfiguration on arn:aws:s3:::orders and s3:GetObjectVersion on arn:aws:s3:::orders\/\*: calls of those actions fail/);
  });

  it('an interface policy for the table passes (the account of the table is the deployment\'s own)', () => {
    const result = analyseSam(sam('', policy(`          - { Effect: Allow, Principal: '*', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/carts' }`)));
    assert.equal(lines(result), 's3: yes via gateway-endpoint\ndynamodb: yes via interface-endpoint');
  });

  it('a Deny with NotResource blocks every other bucket; a Condition on aws:SourceVpce of the endpoint itself holds', () => {
    const deny = analyseSam(sam(policy([
      `          - { Effect: Allow, Principal: '*', Action: '*', Resource: '*' }`,
      `          - { Sid: OnlyLogs, Effect: Deny, Principal: '*', Action: 's3:*', NotResource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'] }`,
    ].join('\n'))));
    assert.equal(lines(deny).split('\n')[0], 's3: no via gateway-endpoint VPCE_POLICY_DENIES at S3Endpoint');
    const vpce = analyseSam(sam(policy(`          - { Effect: Allow, Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': !Ref S3Endpoint } } }`)));
    assert.equal(lines(vpce).split('\n')[0], 's3: yes via gateway-endpoint');
  });
});
