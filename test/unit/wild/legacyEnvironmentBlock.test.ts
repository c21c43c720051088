// Terraform 0.11 code (joshdurbin/aws-api-gateway-lambda-proxy-internal-vpc-performance, lambda.tf):
// `environment { variables { webserver_internal_ip = "${aws_instance.private_webserver.private_ip}" } }`. The
// block form of `variables` is rejected by Terraform 0.12 and later ("Unsupported block type … use the equals
// sign"); it was read as nothing, so the instance the function calls was no need and the function was told its
// VPC attachment is unneeded. Now: the error is reported, and the variables still give their needs.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = (environment: string): string => twoAzVpc('us-west-2') + securityGroup('fn', 'all') + `
resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.nano"
  subnet_id     = aws_subnet.b.id
}
` + vpcFunction('f', { subnets: ['a'], attributes: [environment] });

describe('wild: a Terraform 0.11 `variables { }` block in a function\'s environment', () => {
  it('is reported as Terraform\'s error, and its variables still name what the function needs', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace('environment {\n    variables {\n      web_ip = "${aws_instance.web.private_ip}"\n    }\n  }') });
    const problems = run.problems.filter((p) => p.code === 'tf-unsupported-block');
    assert.deepEqual(problems.map((p) => p.severity), ['error']);
    assert.match(problems[0]?.message ?? '', /^Unsupported block type: blocks of type "variables" are not expected here; did you mean to define argument "variables"\? If so, use the equals sign/);
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    assert.deepEqual(fn?.reach.find((r) => r.destination.endsWith('aws_instance.web'))?.neededBecause, ['environment variable web_ip refers to aws_instance.web']);
    assert.ok(!run.findings.includes('LAMBDA_VPC_UNNEEDED aws_lambda_function.f'), run.findings.join('\n'));
  });

  it('the argument form is no problem', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace('environment {\n    variables = {\n      web_ip = aws_instance.web.private_ip\n    }\n  }') });
    assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-block'), []);
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    assert.ok(fn?.reach.some((r) => r.destination.endsWith('aws_instance.web') && r.needed));
  });
});
