// A Lambda Managed Instances function whose capacity provider takes its subnets from a data source read at plan
// time (nsb413/kiro-lambda-managed-instance): explain must say why the subnets are unknown, not print "()".

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { whereItRuns } from '../../../server/src/ide/explain';

const workspace = `//- /main.tf
data "aws_vpc" "existing" {
  id = "vpc-0e906eb9a1c35ab3a"
}

data "aws_subnets" "available" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.existing.id]
  }
}

data "aws_subnet" "selected" {
  for_each = toset(slice(data.aws_subnets.available.ids, 0, 3))
  id       = each.value
}

resource "aws_security_group" "lmi" {
  vpc_id = data.aws_vpc.existing.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lambda_capacity_provider" "main" {
  name = "fib"
  vpc_config {
    subnet_ids         = [for s in data.aws_subnet.selected : s.id]
    security_group_ids = [aws_security_group.lmi.id]
  }
  permissions_config {
    capacity_provider_operator_role_arn = "arn:aws:iam::123456789012:role/op"
  }
}

resource "aws_lambda_function" "fibonacci" {
  function_name = "fib"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "python3.13"
  memory_size   = 2048
  publish       = true
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = aws_lambda_capacity_provider.main.arn
    }
  }
}
`;

describe('wild: Lambda Managed Instances with subnets unknown', () => {
  it('says why the capacity provider subnets are unknown instead of an empty list', () => {
    const run = analyseWorkspace(workspace, 'us-east-1');
    const report = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.fibonacci'));
    assert.ok(report, 'the function is analysed');
    const where = whereItRuns(report, run.model);
    assert.doesNotMatch(where, /\(\)/);
    assert.match(where, /^on Lambda Managed Instances in the customer's subnets/);
    assert.match(where, /data\.aws_subnets\.available is read from AWS at plan time/);
  });
});
