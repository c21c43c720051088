// A policy written once and read back elsewhere (the pending defect of the wild rounds; the pattern of
// e.g. `policy = aws_iam_policy.lambda.policy` in an inline policy, or a policy JSON handed to a module): a
// heredoc or jsonencode() naming an ARN known only after apply is unknown to Terraform, and its statements
// must follow the value through `aws_iam_policy.X.policy` (the argument echoed as the attribute), locals and
// module inputs, as they do where the policy is written.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const base = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + `
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_sqs_queue" "q" { name = "q" }
` + vpcFunction('f', { subnets: ['a', 'b'], attributes: ['role = aws_iam_role.r.arn', 'runtime = "python3.12"', 'handler = "a.h"', 'filename = "a.zip"'] });

const neededBecause = (files: Record<string, string>, service: string): readonly string[] | undefined => {
  const run = analyseWorkspace(files);
  const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
  return fn?.reach.find((r) => r.destination === service)?.neededBecause;
};

describe('wild: a policy read back through an attribute, a local or a module input', () => {
  it('keeps a heredoc policy\'s statements through aws_iam_policy.X.policy', () => {
    const main = base + `
resource "aws_iam_policy" "p" {
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "\${aws_dynamodb_table.t.arn}"}]
}
EOT
}
resource "aws_iam_role_policy" "copy" {
  role   = aws_iam_role.r.id
  policy = aws_iam_policy.p.policy
}
`;
    assert.deepEqual(neededBecause({ '/w/main.tf': main }, 'dynamodb'), ['role aws_iam_role.r allows dynamodb:GetItem']);
  });

  it('keeps a jsonencode() policy\'s statements through aws_iam_role_policy.X.policy and a local', () => {
    const main = base + `
resource "aws_iam_role_policy" "first" {
  role   = "other"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = aws_sqs_queue.q.arn }] })
}
locals { copied = aws_iam_role_policy.first.policy }
resource "aws_iam_policy" "second" { policy = local.copied }
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.second.arn
}
`;
    assert.deepEqual(neededBecause({ '/w/main.tf': main }, 'sqs'), ['role aws_iam_role.r allows sqs:SendMessage']);
  });

  it('keeps them through a module input', () => {
    const main = base + `
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["dynamodb:PutItem"], Resource = aws_dynamodb_table.t.arn }] })
}
module "m" {
  source = "./mod"
  role   = aws_iam_role.r.name
  policy = aws_iam_policy.p.policy
}
`;
    const mod = `
variable "role" { type = string }
variable "policy" { type = string }
resource "aws_iam_role_policy" "p" {
  role   = var.role
  policy = var.policy
}
`;
    assert.deepEqual(neededBecause({ '/w/main.tf': main, '/w/mod/main.tf': mod }, 'dynamodb'), ['role aws_iam_role.r allows dynamodb:PutItem']);
  });
});
