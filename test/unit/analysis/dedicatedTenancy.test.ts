// P12: Lambda cannot attach to a VPC with dedicated instance tenancy; the function is never created, so it has
// no Hyperplane ENI and no path (as for the configs C2 and C3 reject), only the finding.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, subnet } from '../support/terraformPieces';

describe('LAMBDA_DEDICATED_TENANCY (P12)', () => {
  it('a function in a dedicated-tenancy VPC is never created: the finding, no ENI, no confident answer', () => {
    const run = analyseWorkspace({ '/w/main.tf': `provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" {
  cidr_block       = "10.0.0.0/16"
  instance_tenancy = "dedicated"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
${securityGroup('fn', 'all')}\
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
` });
    assert.ok(run.result.findings.some((f) => f.rule === 'LAMBDA_DEDICATED_TENANCY'));
    assert.deepEqual(run.result.enis, []);
    const f = run.result.functions[0];
    assert.ok(f && f.reach.every((r) => r.status === 'unknown'), JSON.stringify(f?.reach.map((r) => r.status)));
  });
});
