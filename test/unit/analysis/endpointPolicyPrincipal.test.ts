// Endpoint policy conditions on the caller (E7): aws:PrincipalArn of a Lambda function's requests is its
// execution role's ARN. Terraform and CloudFormation fixtures through the real pipeline; the S3 answer follows
// whether the condition names the function's role, another role, or a literal the code cannot settle.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, provider, routeTable, securityGroup, subnet, vpc } from '../support/terraformPieces';

/** A VPC function whose role reads objects of `orders`; its only way to S3 is a gateway endpoint with `policy`. */
function terraform(policy: string, extra = ''): string {
  return `//- /w/main.tf
${provider('us-east-1')}${vpc('main')}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a', vpc: 'main' })}${routeTable('private', { vpc: 'main' })}${association('a', 'private')}${securityGroup('fn', 'https', 'main')}\
resource "aws_s3_bucket" "orders" { bucket = "orders" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.main.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.private.id]
  policy          = ${policy}
}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "other" {
  name               = "other"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["\${aws_s3_bucket.orders.arn}/*"] }] })
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "fn.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
${extra}`;
}

/** One statement allowing s3:* on everything to everyone, under `condition` (HCL object text). */
const allowIf = (condition: string): string =>
  `jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*", Condition = ${condition} }] })`;

/** Allow everything, and deny everything under `condition`. */
const denyIf = (condition: string): string => `jsonencode({ Statement = [
    { Effect = "Allow", Principal = "*", Action = "*", Resource = "*" },
    { Sid = "OnlyFn", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = ${condition} },
  ] })`;

/** The S3 answer of the function, and the endpoint hop's verdict and detail. */
function s3(files: string, fn = 'aws_lambda_function.fn'): { answer: string; hop: string } {
  const reach = reachOf(analyseWorkspace(files).result, fn, 's3');
  const hop = reach?.path.find((h) => h.componentKind === 'vpc-endpoint');
  return { answer: render(reach).split('\n')[0] ?? '', hop: hop ? `${hop.verdict}: ${hop.detail}` : '(no endpoint hop)' };
}

const yes = 'yes via gateway-endpoint';
const denied = 'no via gateway-endpoint VPCE_POLICY_DENIES';
const open = 'unknown via gateway-endpoint LAMBDA_UNKNOWN_INPUT';

describe('endpoint policy aws:PrincipalArn and other caller keys (Terraform)', () => {
  const cases: { name: string; policy: string; answer: string; hop?: RegExp }[] = [
    { name: 'ArnEquals the function\'s role', policy: allowIf('{ ArnEquals = { "aws:PrincipalArn" = aws_iam_role.fn.arn } }'), answer: yes, hop: /the endpoint policy allows s3:GetObject on arn:aws:s3:::orders\/\* \(statement #1\)$/ },
    { name: 'StringEquals the function\'s role', policy: allowIf('{ StringEquals = { "aws:PrincipalArn" = [aws_iam_role.other.arn, aws_iam_role.fn.arn] } }'), answer: yes },
    { name: 'the role\'s name is not its ARN', policy: allowIf('{ StringLike = { "aws:PrincipalArn" = aws_iam_role.fn.name } }'), answer: denied },
    { name: 'ArnEquals another role of the workspace', policy: allowIf('{ ArnEquals = { "aws:PrincipalArn" = aws_iam_role.other.arn } }'), answer: denied, hop: /no statement allows s3:GetObject on arn:aws:s3:::orders\/\*/ },
    { name: 'a literal role ARN is unknown', policy: allowIf('{ ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/fn" } }'), answer: open, hop: /Condition ArnEquals aws:PrincipalArn: whether arn:aws:iam::123456789012:role\/fn matches the ARN of aws_iam_role\.fn is unknown \(its account, path and name are not known statically\)/ },
    { name: 'ArnLike every role', policy: allowIf('{ ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/*" } }'), answer: yes },
    { name: 'ArnLike every user matches no role', policy: allowIf('{ ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:user/*" } }'), answer: denied },
    { name: 'ArnLike another partition matches no role', policy: allowIf('{ ArnLike = { "aws:PrincipalArn" = "arn:aws-cn:iam::*:role/*" } }'), answer: denied },
    { name: 'ArnLike a role name prefix is unknown', policy: allowIf('{ ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/app-*" } }'), answer: open, hop: /whether arn:aws:iam::\*:role\/app-\* matches the ARN of aws_iam_role\.fn is unknown/ },
    { name: 'StringLike "*"', policy: allowIf('{ StringLike = { "aws:PrincipalArn" = "*" } }'), answer: yes },
    { name: 'ArnNotEquals the function\'s role', policy: allowIf('{ ArnNotEquals = { "aws:PrincipalArn" = aws_iam_role.fn.arn } }'), answer: denied },
    { name: 'StringNotLike another role', policy: allowIf('{ StringNotLike = { "aws:PrincipalArn" = aws_iam_role.other.arn } }'), answer: yes },
    { name: 'Deny unless the function\'s role does not apply', policy: denyIf('{ ArnNotEquals = { "aws:PrincipalArn" = aws_iam_role.fn.arn } }'), answer: yes },
    { name: 'Deny unless another role denies', policy: denyIf('{ ArnNotLike = { "aws:PrincipalArn" = [aws_iam_role.other.arn] } }'), answer: denied, hop: /narrow the Deny statement OnlyFn|statement OnlyFn denies/ },
    { name: 'Deny unless a literal role stays unknown', policy: denyIf('{ StringNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/fn" } }'), answer: open, hop: /the Deny statement OnlyFn may apply/ },
    { name: 'ForAnyValue:ArnEquals the function\'s role', policy: allowIf('{ "ForAnyValue:ArnEquals" = { "aws:PrincipalArn" = aws_iam_role.fn.arn } }'), answer: yes },
    { name: 'ForAllValues:StringEquals another role', policy: allowIf('{ "ForAllValues:StringEquals" = { "aws:PrincipalArn" = aws_iam_role.other.arn } }'), answer: denied },
    { name: 'ArnEqualsIfExists the function\'s role', policy: allowIf('{ ArnEqualsIfExists = { "aws:PrincipalArn" = aws_iam_role.fn.arn } }'), answer: yes },
    { name: 'Null aws:PrincipalArn false (the key is present)', policy: allowIf('{ Null = { "aws:PrincipalArn" = "false" } }'), answer: yes },
    { name: 'aws:PrincipalType AssumedRole', policy: allowIf('{ StringEquals = { "aws:PrincipalType" = "AssumedRole" } }'), answer: yes },
    { name: 'aws:PrincipalType User', policy: allowIf('{ StringEquals = { "aws:PrincipalType" = "User" } }'), answer: denied },
    { name: 'aws:PrincipalAccount literal is unknown', policy: allowIf('{ StringEquals = { "aws:PrincipalAccount" = "123456789012" } }'), answer: open, hop: /Condition StringEquals aws:PrincipalAccount: the account of the function's role is not known statically/ },
    { name: 'aws:PrincipalOrgID is unknown', policy: allowIf('{ StringEquals = { "aws:PrincipalOrgID" = "o-1" } }'), answer: open, hop: /Condition StringEquals aws:PrincipalOrgID is not evaluated: whether the function's account is in an organization/ },
    { name: 'aws:PrincipalTag is unknown', policy: allowIf('{ StringEquals = { "aws:PrincipalTag/team" = "a" } }'), answer: open, hop: /aws:PrincipalTag\/team is not evaluated: the tags of the function's role are not evaluated/ },
    { name: 'aws:userid with a role id is unknown', policy: allowIf('{ StringLike = { "aws:userid" = "AROAEXAMPLE:*" } }'), answer: open, hop: /the role id in aws:userid is assigned by AWS/ },
    { name: 'a policy variable stays unknown', policy: allowIf('{ StringLike = { "aws:PrincipalArn" = "arn:aws:iam::$${aws:PrincipalAccount}:role/*" } }'), answer: open, hop: /holds a policy variable/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = s3(terraform(c.policy));
      assert.equal(r.answer, c.answer, r.hop);
      if (c.hop) assert.match(r.hop, c.hop);
    });
  }

  /** The root function (role fn) and a VPC function in module `lambda` whose role output the policy names. */
  const withModule = (policy: string, extra = ''): string => `${terraform(policy, `
module "lambda" {
  source     = "./lambda"
  subnet_ids = [aws_subnet.a.id]
  sg_ids     = [aws_security_group.fn.id]
}
${extra}`)}
//- /w/lambda/main.tf
variable "subnet_ids" {}
variable "sg_ids" {}
resource "aws_iam_role" "this" {
  name               = "mod"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "this" {
  role   = aws_iam_role.this.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::orders/*"] }] })
}
resource "aws_lambda_function" "this" {
  function_name = "mod"
  role          = aws_iam_role.this.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "fn.zip"
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = var.sg_ids
  }
}
output "role_arn" { value = aws_iam_role.this.arn }
`;

  it('a module output that resolves to a function\'s role matches that function only', () => {
    const files = withModule(allowIf('{ ArnEquals = { "aws:PrincipalArn" = module.lambda.role_arn } }'));
    const mod = s3(files, 'module.lambda.aws_lambda_function.this');
    assert.equal(mod.answer, yes, mod.hop);
    assert.equal(s3(files).answer, denied);
  });

  it('a data.aws_iam_policy_document condition block (test, variable, values) on the module output', () => {
    const files = withModule('data.aws_iam_policy_document.endpoint.json', `data "aws_iam_policy_document" "endpoint" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.orders.arn}/*"]
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [module.lambda.role_arn]
    }
  }
}`);
    const mod = s3(files, 'module.lambda.aws_lambda_function.this');
    assert.equal(mod.answer, yes, mod.hop);
    assert.match(mod.hop, /^pass: .*the endpoint policy allows s3:GetObject on arn:aws:s3:::orders\/\* \(statement #1\)$/);
    const root = s3(files);
    assert.equal(root.answer, denied, root.hop);
  });
});

/** CloudFormation: the same function with `Role: !GetAtt FnRole.Arn` and an S3 gateway endpoint with `statement`. */
function cloudformation(statement: string): string {
  return `//- /w/template.yaml
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubnetA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  RtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SubnetA, RouteTableId: !Ref Rt } }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: fn
      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  Orders: { Type: AWS::S3::Bucket, Properties: { BucketName: orders } }
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      Policies:
        - PolicyName: read
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: !Sub '\${Orders.Arn}/*' }] }
  OtherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.s3
      RouteTableIds: [!Ref Rt]
      PolicyDocument:
        Statement:
${statement}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt FnRole.Arn
      VpcConfig: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref FnSg] }
`;
}

const cfnAllowIf = (condition: string): string =>
  `          - { Effect: Allow, Principal: '*', Action: 's3:*', Resource: '*', Condition: ${condition} }`;

describe('endpoint policy aws:PrincipalArn (CloudFormation)', () => {
  const cases: { name: string; statement: string; answer: string; hop?: RegExp }[] = [
    { name: '!GetAtt of the function\'s role', statement: cfnAllowIf('{ ArnEquals: { aws:PrincipalArn: !GetAtt FnRole.Arn } }'), answer: yes },
    { name: '!GetAtt of another role', statement: cfnAllowIf('{ ArnEquals: { aws:PrincipalArn: !GetAtt OtherRole.Arn } }'), answer: denied },
    { name: 'a literal ARN', statement: cfnAllowIf("{ ArnLike: { aws:PrincipalArn: 'arn:aws:iam::123456789012:role/*' } }"), answer: open, hop: /Condition ArnLike aws:PrincipalArn: whether arn:aws:iam::123456789012:role\/\* matches the ARN of FnRole is unknown/ },
    { name: '!Sub of a literal account with the role name stays unknown', statement: cfnAllowIf("{ StringEquals: { aws:PrincipalArn: !Sub 'arn:aws:iam::${AWS::AccountId}:role/fn' } }"), answer: open },
    // !Ref of a role is its name, which no ARN equals.
    { name: '!Ref of the function\'s role is its name, not its ARN', statement: cfnAllowIf('{ StringEquals: { aws:PrincipalArn: !Ref FnRole } }'), answer: denied },
    { name: 'Deny unless the function\'s role does not apply', statement: [
      "          - { Effect: Allow, Principal: '*', Action: '*', Resource: '*' }",
      "          - { Effect: Deny, Principal: '*', Action: '*', Resource: '*', Condition: { ArnNotLike: { aws:PrincipalArn: [!GetAtt FnRole.Arn] } } }",
    ].join('\n'), answer: yes },
    { name: 'ForAnyValue:StringNotEquals the function\'s role', statement: cfnAllowIf("{ 'ForAnyValue:StringNotEquals': { aws:PrincipalArn: !GetAtt FnRole.Arn } }"), answer: denied },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = s3(cloudformation(c.statement), 'Fn');
      assert.equal(r.answer, c.answer, r.hop);
      if (c.hop) assert.match(r.hop, c.hop);
    });
  }
});
