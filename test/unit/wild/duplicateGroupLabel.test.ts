// A function's VpcConfig that lists one security group twice (Yo-mah-Ya/AWS_Lambda_invokes_another_in_VPC):
// the path names the group once, as AWS keeps the set.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc } from '../support/terraformPieces';

describe('a security group listed twice', () => {
  it('is named once in the path', () => {
    const run = analyseWorkspace({
      '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + `resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id, aws_security_group.fn.id]
  }
}
`,
    });
    const internet = run.result.functions[0]?.reach.find((r) => r.destination === 'internet');
    const labels = (internet?.path ?? []).map((h) => h.label).filter((l) => l.startsWith('security groups'));
    assert.deepEqual(labels, ['security groups aws_security_group.fn (egress)']);
  });
});
