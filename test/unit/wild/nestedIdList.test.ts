// Terraform 0.11 list idiom in a VPC config (egarbi/terraform-aws-aliased-lambda, main.tf:
// `subnet_ids = [ "${var.vpc_config["subnet_ids"]}" ]`). Terraform 0.11 flattened the inner list; 0.12 and later
// keep it (a template that is one interpolation is the value itself: `[["subnet-…"]]`, as `terraform console`
// shows) and reject it: "string required". The subnets stay unknown, and the reason now says why instead of
// "subnet_ids is not an id".

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';

const main = `
provider "aws" { region = "eu-west-1" }
variable "vpc_config" {
  default = { security_group_ids = ["sg-0123456789abcdef0"], subnet_ids = ["subnet-0123456789abcdef0"] }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "java8"
  handler       = "a.h"
  s3_bucket     = "b"
  s3_key        = "k"
  vpc_config {
    security_group_ids = [ "\${var.vpc_config["security_group_ids"]}" ]
    subnet_ids         = [ "\${var.vpc_config["subnet_ids"]}" ]
  }
}
`;

describe('wild: a list inside subnet_ids (Terraform 0.11 flattening)', () => {
  it('leaves the subnets unknown, saying Terraform rejects the nested list', () => {
    const reach = reachOf(analyseWorkspace({ '/w/main.tf': main }).result, 'aws_lambda_function.f', 'internet');
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /subnet_ids holds a list where an id is expected \(Terraform 0\.11's `\["\$\{var\.list\}"\]`\), which Terraform 0\.12 and later reject: "string required"/);
  });
});
