// A dual-stack function whose private subnets send only ::/0, to an egress-only gateway, and whose role invokes
// another function (morrisontrevor03/mtg-manager): the lambda API stays blocked (the SDK's default endpoints are
// IPv4-only), but the finding must say that IPv6 gets out and that a dual-stack endpoint would work (E11).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';

const workspace = `//- /main.tf
resource "aws_vpc" "main" {
  cidr_block                       = "10.20.0.0/16"
  assign_generated_ipv6_cidr_block = true
  enable_dns_support               = true
  enable_dns_hostnames             = true
}

resource "aws_egress_only_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "private" {
  vpc_id                          = aws_vpc.main.id
  availability_zone               = "us-east-1a"
  cidr_block                      = "10.20.2.0/24"
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 2)
  assign_ipv6_address_on_creation = true
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "lambda" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_egress_rule" "v6" {
  security_group_id = aws_security_group.lambda.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_egress_rule" "v4" {
  security_group_id = aws_security_group.lambda.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_iam_role" "lambda" {
  name               = "fn"
  assume_role_policy = "{}"
}

data "aws_iam_policy_document" "invoke" {
  statement {
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.worker.arn]
  }
}

resource "aws_iam_role_policy" "invoke" {
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.invoke.json
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.lambda.arn
  handler       = "worker.handler"
  runtime       = "nodejs20.x"
  vpc_config {
    subnet_ids                  = [aws_subnet.private.id]
    security_group_ids          = [aws_security_group.lambda.id]
    ipv6_allowed_for_dual_stack = true
  }
}
`;

describe('wild: IPv6-only egress and an AWS API', () => {
  it('keeps the lambda API blocked and names the dual-stack endpoint way out (E11)', () => {
    const run = analyseWorkspace(workspace, 'us-east-1');
    const found = findingsOf(run, 'LAMBDA_NO_ROUTE_AWS_SERVICE');
    assert.equal(found.length, 1);
    const text = found[0]?.text ?? '';
    assert.match(text, /^error: aws_lambda_function\.worker cannot reach the lambda API/);
    assert.match(text, /IPv6 reaches the internet through egress-only internet gateway aws_egress_only_internet_gateway\.main/);
    assert.match(text, /SDK's default endpoint is IPv4-only: AWS_USE_DUALSTACK_ENDPOINT=true would use the dual-stack endpoint/);
    assert.match(text, /\(E11\)$/);
  });

  it('says nothing of IPv6 when the function sends none', () => {
    const run = analyseWorkspace(workspace.replace('ipv6_allowed_for_dual_stack = true', 'ipv6_allowed_for_dual_stack = false'), 'us-east-1');
    const found = findingsOf(run, 'LAMBDA_NO_ROUTE_AWS_SERVICE');
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0]?.text ?? '', /IPv6|DUALSTACK/);
  });
});
