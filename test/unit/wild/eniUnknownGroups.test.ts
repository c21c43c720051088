// A function whose security group comes from a module that is not installed (levibrian/babylon-ledger-api):
// explain's Hyperplane ENI list must say the groups are unknown, not print an empty list nor claim no sharing.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { explainMarkdown } from '../../../server/src/ide/explain';

const workspace = `//- /main.tf
module "lambda_security_group" {
  source = "terraform-aws-modules/security-group/aws"
  name   = "lambda"
}

resource "aws_vpc" "v" {
  cidr_block = "10.79.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.79.3.0/24"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  vpc_config {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [module.lambda_security_group.security_group_id]
  }
}
`;

describe('wild: Hyperplane ENI with unknown security groups', () => {
  it('says the groups are unknown and does not claim the ENI is used by this function only (H1)', () => {
    const run = analyseWorkspace(workspace, 'eu-west-1');
    const report = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.api'));
    assert.ok(report, 'the function is analysed');
    const eniLines = explainMarkdown(run.result, run.model, report).split('\n').filter((l) => l.startsWith('- subnet'));
    assert.equal(eniLines.length, 1);
    assert.equal(eniLines[0], '- subnet `aws_subnet.private`, security groups unknown: another function with the same groups would share this ENI (H1)');
  });
});
