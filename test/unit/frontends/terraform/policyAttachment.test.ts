// aws_iam_policy_attachment (roles/users/groups lists) attaches its policy to each role, like
// aws_iam_role_policy_attachment; end to end, a VPC function whose role gets AWSLambdaVPCAccessExecutionRole
// that way has no LAMBDA_ROLE_MISSING_ENI_PERMISSIONS finding.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { analyseWorkspace } from '../../support/analyseWorkspace';
import { renderObjects, tfFixture } from './tfFixture';
import { subnet } from '../../support/terraformPieces';

const NETWORK = `
provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('s', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
resource "aws_security_group" "sg" { vpc_id = aws_vpc.v.id }
resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = aws_iam_role.r2.arn
  vpc_config {
    subnet_ids         = [aws_subnet.s.id]
    security_group_ids = [aws_security_group.sg.id]
  }
}
resource "aws_iam_role" "r2" {
  name               = "r2"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "other" { assume_role_policy = "{}" }
`;

const ATTACHMENT = `
data "aws_iam_policy" "vpc" { name = "AWSLambdaVPCAccessExecutionRole" }
resource "aws_iam_policy_attachment" "vpc2" {
  name       = "x"
  roles      = [aws_iam_role.r2.name, aws_iam_role.other.name]
  users      = ["someone"]
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
`;

describe('aws_iam_policy_attachment (Terraform)', () => {
  it('models one role policy attachment per role', () => {
    const out = readTerraform(tfFixture(`//- /w/main.tf\n${NETWORK}${ATTACHMENT}`).view, {});
    assert.equal(
      renderObjects(out.objects, out.stacks[0] ?? '', ['role-policy-attachment']),
      `
role-policy-attachment aws_iam_policy_attachment.vpc2/role[0] role="aws_iam_role.r2" policy="arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
role-policy-attachment aws_iam_policy_attachment.vpc2/role[1] role="aws_iam_role.other" policy="arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"`.trim(),
    );
    assert.deepEqual(out.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => p.message), []);
  });

  it('end to end: the attached policy gives the role its ENI permissions', () => {
    assert.deepEqual(analyseWorkspace({ '/w/main.tf': NETWORK }, 'us-east-1').findings.filter((f) => f.startsWith('LAMBDA_ROLE_MISSING_ENI')), ['LAMBDA_ROLE_MISSING_ENI_PERMISSIONS aws_lambda_function.g']);
    assert.deepEqual(analyseWorkspace({ '/w/main.tf': NETWORK + ATTACHMENT }, 'us-east-1').findings.filter((f) => f.startsWith('LAMBDA_ROLE_MISSING_ENI')), []);
    // A policy read by a data source has an ARN known only at plan time: no certain finding either.
    const viaData = ATTACHMENT.replace('"arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"', 'data.aws_iam_policy.vpc.arn');
    assert.deepEqual(analyseWorkspace({ '/w/main.tf': NETWORK + viaData }, 'us-east-1').findings.filter((f) => f.startsWith('LAMBDA_ROLE_MISSING_ENI')), []);
  });
});
