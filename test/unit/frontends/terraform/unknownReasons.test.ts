// Why a value is unknown, as a person reads it: short chains as prose, long ones root cause first with the
// steps that carried it (the unit functions, then the words a real module's count gets end to end).

import * as assert from 'node:assert/strict';
import { chainedReason, prefixedReason } from '../../../../server/src/frontends/terraform/unknownReasons';
import { analyseWorkspace } from '../../support/analyseWorkspace';

describe('unknown reasons', () => {
  it('keeps a chain of up to two links as prose', () => {
    assert.equal(chainedReason('cidrsubnet: prefix is unknown', 'var.cidr has no default'), 'cidrsubnet: prefix is unknown because var.cidr has no default');
    assert.equal(
      chainedReason('length: the value is unknown', 'range: params is unknown because var.n has no default'),
      'length: the value is unknown because range: params is unknown because var.n has no default',
    );
  });

  it('puts the root cause of a longer chain first, then the steps from the inside out', () => {
    const inner = 'range: params is unknown because length: the value is unknown because var.n has no default';
    assert.equal(chainedReason('zipmap: keys is unknown', inner), 'var.n has no default (through length → range → zipmap)');
    assert.equal(prefixedReason('the for expression iterates over an unknown collection', 'var.n has no default (through length → range → zipmap)'), 'var.n has no default (through length → range → zipmap → for)');
    assert.equal(chainedReason('concat: argument 2 is unknown', 'var.n has no default (through length → range → zipmap → for)'), 'var.n has no default (through length → range → zipmap → for → concat)');
  });

  it('keeps "what: inner" for a short cause', () => {
    assert.equal(prefixedReason('the for expression iterates over an unknown collection', 'var.xs has no default'), 'the for expression iterates over an unknown collection: var.xs has no default');
  });

  it('words the count of terraform-aws-modules/vpc intra NACL rules root cause first', () => {
    // vpc 6.x: one rule per CIDR of the AWS-managed S3 prefix list, through range/zipmap/for/concat.
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
data "aws_ec2_managed_prefix_list" "s3" { name = "com.amazonaws.eu-west-1.s3" }
locals {
  cidrs = [for e in data.aws_ec2_managed_prefix_list.s3.entries : e.cidr]
  rules = concat([{ rule_number = 100, cidr_block = "10.0.0.0/16" }], [for k, c in zipmap(range(length(local.cidrs)), local.cidrs) : { rule_number = 200 + k, cidr_block = c }])
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_network_acl" "a" { vpc_id = aws_vpc.v.id }
resource "aws_network_acl_rule" "in" {
  count          = length(local.rules)
  network_acl_id = aws_network_acl.a.id
  rule_number    = local.rules[count.index].rule_number
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = local.rules[count.index].cidr_block
  from_port      = 1024
  to_port        = 65535
}
`);
    const note = run.problems.find((p) => p.code === 'tf-unknown-count');
    assert.match(note?.message ?? '', /^The count of aws_network_acl_rule\.in is not known statically \([^(]*\(data\.aws_ec2_managed_prefix_list\.s3\)[^(]* \(through [^()]*\)\); its instances are not modelled\.$/);
  });
});
