// A role's own managed_policy_arns naming a customer managed policy of the workspace (HubGab-Git/volunteers:
// managed_policy_arns = [AWSLambdaVPCAccessExecutionRole, aws_iam_policy.get_secret_value.arn]): that policy's
// document is the role's, as through an aws_iam_role_policy_attachment, so secretsmanager is a need.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + `
resource "aws_iam_policy" "secret" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = "*" }]
  })
}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }] })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    aws_iam_policy.secret.arn,
  ]
}
` + vpcFunction('f', { subnets: ['a', 'b'], attributes: ['role = aws_iam_role.r.arn', 'runtime = "python3.12"', 'handler = "a.h"', 'filename = "a.zip"'] });

describe('wild: a customer managed policy in a role\'s managed_policy_arns', () => {
  it('gives the role that policy\'s needs', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const sm = fn?.reach.find((r) => r.destination === 'secretsmanager');
    assert.deepEqual(sm?.neededBecause, ['role aws_iam_role.r allows secretsmanager:GetSecretValue']);
  });
});
