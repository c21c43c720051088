// Terraform front end against facts of the real corpus cases (shared/corpus EXPECTED.md), each reproduced by
// a small fixture in the same shape: what was wrong on the real case, and the answer the AWS rules give.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, reachOf, render } from '../../support/analyseWorkspace';
import { subnet } from '../../support/terraformPieces';

describe('Terraform corpus facts', () => {
  it('creates the subnets of a module fed slice(data.aws_availability_zones…names, 0, 3)', () => {
    // terraform-aws-vpc/*: `azs = slice(data.aws_availability_zones.available.names, 0, 3)` made every subnet,
    // route table and IGW count unknown ("its instances are not modelled"). Terraform reads the data source at
    // plan time, so the slice has 3 elements; each keeps the identity of its AZ.
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
data "aws_availability_zones" "available" {}
locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 3)
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.v.id
  cidr_block        = [for k, v in local.azs : cidrsubnet("10.0.0.0/16", 8, k)][count.index]
  availability_zone = element(local.azs, count.index)
}
`);
    const subnets = run.model.all('subnet');
    assert.deepEqual(subnets.map((s) => s.cidrBlock), ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    assert.deepEqual(
      subnets.map((s) => (typeof s.availabilityZone === 'object' ? s.availabilityZone.symbol : s.availabilityZone)),
      ['az-list:data.aws_availability_zones.available[0]', 'az-list:data.aws_availability_zones.available[1]', 'az-list:data.aws_availability_zones.available[2]'],
    );
    assert.equal(run.problems.filter((p) => p.code === 'tf-unknown-count').length, 0);
  });

  it('does not treat the event-source poller permissions on an MQ broker as the function using the broker', () => {
    // terraform-aws-lambda/event-source-mapping: a non-VPC function with an Amazon MQ event source mapping and
    // `mq:DescribeBroker` on the broker (the ESM's documented permission) was an error
    // LAMBDA_PRIVATE_TARGET_WITHOUT_VPC. The Lambda service polls the broker, not the function's code (C8).
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}\
resource "aws_mq_broker" "this" {
  broker_name        = "b"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"
  subnet_ids         = [aws_subnet.a.id]
  user {
    username = "u"
    password = "p"
  }
}
resource "aws_iam_role" "fn" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "mq" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["mq:DescribeBroker"], Resource = [aws_mq_broker.this.arn] }]
  })
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "fn.zip"
}
resource "aws_lambda_event_source_mapping" "mq" {
  function_name    = aws_lambda_function.fn.arn
  event_source_arn = aws_mq_broker.this.arn
  queues           = ["q"]
}
`);
    assert.deepEqual(findingsOf(run, 'LAMBDA_PRIVATE_TARGET_WITHOUT_VPC'), []);
    assert.equal(reachOf(run.result, 'aws_lambda_function.fn', 'aws_mq_broker.this'), undefined);
    assert.equal(render(reachOf(run.result, 'aws_lambda_function.fn', 'internet')), 'yes via lambda-service-vpc');
  });

  it('reads a heredoc or templatefile() policy whose ARN is known only after apply', () => {
    // serverless-patterns/terraform-lambda-bedrock-integration: `policy = templatefile("templates/lambda-role.json",
    // { kms_key_arn = aws_kms_key.k.arn })` was one unknown, so bedrock:InvokeModel was lost. Terraform's value is
    // unknown until apply, but only the ARN is: the statements are known (and the ARN names the key).
    const statements = (arn: string): string => `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["bedrock:InvokeModel"], "Resource": "*" },
    { "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": ["${arn}"] }
  ]
}`;
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "us-east-1" }
resource "aws_kms_key" "k" {}
resource "aws_iam_role" "r" { assume_role_policy = "{}" }
resource "aws_iam_policy" "file" {
  policy = templatefile("templates/role.json", { kms_key_arn = aws_kms_key.k.arn })
}
resource "aws_iam_role_policy" "heredoc" {
  role   = aws_iam_role.r.id
  policy = <<EOT
${statements('${aws_kms_key.k.arn}')}
EOT
}
//- /w/templates/role.json
${statements('${kms_key_arn}')}
`);
    const docs = run.model.all('iam-policy').map((p) => `${p.address}: ${JSON.stringify(p.document, (k, v: unknown) => (k === 'origin' ? undefined : v))}`);
    const expected = '{"statements":[{"effect":"Allow","actions":["bedrock:InvokeModel"],"resources":["*"]},{"effect":"Allow","actions":["kms:Decrypt"],"resources":[{"ref":"/w::aws_kms_key.k"}]}]}';
    assert.deepEqual(docs, [`aws_iam_policy.file: ${expected}`, `aws_iam_role_policy.heredoc: ${expected}`]);
  });

  it('lists only AWS resource types as not modelled', () => {
    // Nearly every corpus example listed random_pet, null_resource, terraform_data or local_file as "not
    // modelled": other providers never hold network facts, so only the AWS type is worth the notice.
    const run = analyseWorkspace(`
//- /w/main.tf
resource "random_pet" "this" {}
resource "null_resource" "build" {}
resource "terraform_data" "t" {}
resource "aws_lb_target_group" "l" {}
`);
    assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => p.message), [
      '1 resource of 1 type is not modelled: aws_lb_target_group (1).',
    ]);
  });

  it('says it as a hint when every type it lists never decides a path (alarms, API definitions, layers)', () => {
    const run = analyseWorkspace(`
//- /w/alarms.tf
resource "aws_cloudwatch_metric_alarm" "errors" {}
resource "aws_apigatewayv2_api" "api" {}
resource "aws_lambda_layer_version" "deps" {}
//- /w/vpn.tf
resource "aws_vpn_gateway" "vgw" {}
resource "aws_cloudwatch_log_group" "logs" {}
`);
    assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => `${p.file} ${p.severity}`).sort(), [
      '/w/alarms.tf hint',
      '/w/vpn.tf information',
    ]);
  });

  it('says it as a hint in a module terraform init installed, where the user changes nothing', () => {
    const run = analyseWorkspace(`
//- /w/main.tf
module "lb" {
  source = "acme/lb/aws"
}
resource "aws_lb_target_group" "mine" {}
//- /w/.terraform/modules/modules.json
{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"lb","Source":"registry.terraform.io/acme/lb/aws","Dir":".terraform/modules/lb"}]}
//- /w/.terraform/modules/lb/main.tf
resource "aws_lb_target_group" "l" {}
`);
    assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => `${p.file} ${p.severity}`).sort(), [
      '/w/.terraform/modules/lb/main.tf hint',
      '/w/main.tf information',
    ]);
  });
});

describe('AZ names picked at plan time, told from zone ids as terraform-aws-modules/vpc does', () => {
  const tf = (azs: string): string => `provider "aws" { region = "eu-west-1" }
data "aws_availability_zones" "available" {}
locals { azs = slice(data.aws_availability_zones.available.${azs}, 0, 2) }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  count                = 2
  vpc_id               = aws_vpc.v.id
  cidr_block           = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone    = length(regexall("^[a-z]{2}-", element(local.azs, count.index))) > 0 ? element(local.azs, count.index) : null
  availability_zone_id = length(regexall("^[a-z]{2}-", element(local.azs, count.index))) == 0 ? element(local.azs, count.index) : null
}
`;
  const azs = (files: string): string[] => analyseWorkspace({ '/w/main.tf': files }).model.all('subnet')
    .map((s) => (typeof s.availabilityZone === 'string' ? s.availabilityZone : (s.availabilityZone.symbol ?? `unknown: ${s.availabilityZone.reason}`)));

  it('regexall("^[a-z]{2}-", name) matches every AZ name shape once: the subnets keep their AZ identities', () => {
    assert.deepEqual(azs(tf('names')), ['az-list:data.aws_availability_zones.available[0]', 'az-list:data.aws_availability_zones.available[1]']);
  });

  it('a pattern that some AZ names match and others do not stays unknown', () => {
    const text = tf('names').replaceAll('"^[a-z]{2}-"', '"^us-"');
    assert.ok(azs(text).every((a) => a.startsWith('unknown: ')), azs(text).join('\n'));
  });
});
