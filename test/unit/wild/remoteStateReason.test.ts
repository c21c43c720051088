// From philiptran/aws-poc-lambda-nlb (02-vpc2-lambda): the function's subnets come from a
// terraform_remote_state output (a local backend: another root's state file). The unknown is honest, but its
// reason must not say the value "is read from AWS": it is read from another Terraform state (M3).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { packaged, provider } from '../support/terraformPieces';

const workspace = provider('ap-southeast-1') + `
data "terraform_remote_state" "base" {
  backend = "local"
  config = { path = "../base/terraform.tfstate" }
}
resource "aws_security_group" "fn" {
  vpc_id = data.terraform_remote_state.base.outputs.vpc_id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
${packaged.map((a) => `  ${a}\n`).join('')}  vpc_config {
    subnet_ids         = data.terraform_remote_state.base.outputs.subnet_ids
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('wild: values of a remote state', () => {
  it('are unknown, read from another Terraform state, not from AWS', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const reach = reachOf(run.result, 'aws_lambda_function.f', 'internet');
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /data\.terraform_remote_state\.base is read from another Terraform state at plan time/);
    assert.doesNotMatch(reach?.explanation ?? '', /read from AWS/);
  });
});
