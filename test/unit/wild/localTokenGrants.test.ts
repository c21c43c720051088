// A role that grants rds:GenerateDbAuthToken (localstack-samples/rds-proxy-terraform-sample): the SDK signs the
// IAM auth token locally, so the function does not need the rds API and no "cannot reach the rds API" is due.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + `
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "rds:GenerateDbAuthToken", Resource = "*" },
      { Effect = "Allow", Action = "rds:DescribeDBClusters", Resource = "*" },
    ]
  })
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  runtime       = "python3.12"
  handler       = "a.h"
  filename      = "a.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('wild: grants that make no API call', () => {
  it('rds:GenerateDbAuthToken is signed locally: only the real rds action makes rds a need', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const rds = fn?.reach.find((r) => r.destination === 'rds');
    assert.deepEqual(rds?.neededBecause, ['role aws_iam_role.r allows rds:DescribeDBClusters']);
  });
});
