// A standalone rule beside inline rules (T3): of the direction the group declares inline, Terraform removes it on
// every apply (warning); of the other direction it is kept (information: the provider still advises against mixing).

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../../support/analyseWorkspace';
import { provider, vpc } from '../../support/terraformPieces';

const group = `resource "aws_security_group" "msk" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
const rule = (name: string, type: string): string => `resource "aws_security_group_rule" "${name}" {
  type              = "${type}"
  security_group_id = aws_security_group.msk.id
  from_port         = 9098
  to_port           = 9098
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/16"]
}
`;

function conflicts(text: string): string[] {
  return analyseWorkspace({ '/w/main.tf': provider('eu-west-1') + vpc() + group + text }).problems
    .filter((p) => p.code === 'tf-inline-standalone-conflict').map((p) => `${p.severity}: ${p.message}`);
}

describe('standalone security group rules beside inline rules (T3)', () => {
  it('an ingress rule beside inline egress only is kept: information, saying why', () => {
    assert.deepEqual(conflicts(rule('in', 'ingress')), [
      'information: aws_security_group_rule.in adds ingress rules to a security group that declares only egress rules inline: kept, as the inline blocks manage only their own direction, but the AWS provider documents mixing inline and standalone rules as a conflict (T3).',
    ]);
  });

  it('an egress rule beside inline egress is overwritten: warning', () => {
    assert.deepEqual(conflicts(rule('out', 'egress')), [
      'warning: aws_security_group_rule.out adds a rule to a security group that also declares inline rules; Terraform will keep overwriting one with the other (T3, T5).',
    ]);
  });
});
