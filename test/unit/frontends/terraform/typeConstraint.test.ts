// Variable type constraints: values are converted as Terraform converts them (string ↔ number/bool, list → set,
// object attributes with optional() defaults) before the configuration reads them.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { parseHcl } from '../../../../server/src/syntax/hcl/hclParser';
import { convertToType, parseType } from '../../../../server/src/frontends/terraform/typeConstraint';
import type { TfValue } from '../../../../server/src/frontends/terraform/value';
import { renderValue, sortedObject } from '../../../../server/src/frontends/terraform/valueOps';
import { renderObjects, tfFixture } from './tfFixture';

function typeOf(text: string): ReturnType<typeof parseType> {
  const item = parseHcl(`t = ${text}\n`).body.items[0];
  return parseType(item?.kind === 'attribute' ? item.expr : undefined);
}

describe('variable type constraints', () => {
  const cases: readonly (readonly [string, TfValue, string])[] = [
    ['number', '443', '443'],
    ['bool', 'true', 'true'],
    ['string', 8080, '"8080"'],
    ['set(string)', ['b', 'a', 'b'], '["a", "b"]'],
    ['list(number)', ['1', 2], '[1, 2]'],
    ['map(number)', sortedObject([['x', '5']]), '{ x = 5 }'],
    ['object({ cidr = string, nat = optional(bool, true), azs = optional(list(string)) })', sortedObject([['cidr', '10.0.0.0/16'], ['extra', 1]]), '{ azs = null, cidr = "10.0.0.0/16", nat = true }'],
    ['object({ a = number })', sortedObject([['b', 1]]), '{ b = 1 }'],
    ['any', '443', '"443"'],
  ];
  for (const [type, value, expected] of cases) {
    it(`${type} ← ${renderValue(value)}`, () => {
      const evalDefault = (e: Parameters<Parameters<typeof convertToType>[2]>[0]): TfValue => (e.kind === 'literal' ? e.value : null);
      assert.equal(renderValue(convertToType(value, typeOf(type), evalDefault)), expected);
    });
  }

  it('optional() defaults reach the resources a module builds', () => {
    const { view } = tfFixture(`
//- /w/main.tf
module "net" {
  source = "./net"
  vpc    = { cidr = "10.2.0.0/16", ports = ["443", "443", "80"] }
}
//- /w/net/main.tf
variable "vpc" {
  type = object({
    cidr        = string
    dns         = optional(bool, true)
    ports       = set(number)
    nat_subnets = optional(number, 2)
  })
}
resource "aws_vpc" "this" {
  cidr_block           = var.vpc.cidr
  enable_dns_hostnames = var.vpc.dns
}
resource "aws_subnet" "s" {
  count      = var.vpc.nat_subnets
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.vpc.cidr, 8, count.index)
}
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.this.id
  dynamic "ingress" {
    for_each = var.vpc.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
`);
    const out = readTerraform(view, {});
    const rendered = renderObjects(out.objects, out.stacks[0] ?? '', ['vpc', 'subnet', 'security-group-rule']);
    assert.match(rendered, /vpc module\.net\.aws_vpc\.this cidrBlocks=\["10\.2\.0\.0\/16"\] .* enableDnsHostnames=true/);
    assert.match(rendered, /subnet module\.net\.aws_subnet\.s\[1\] .* cidrBlock="10\.2\.1\.0\/24"/);
    // set(number): "443" twice and "80" become the numbers 80 and 443, in order.
    assert.deepEqual(
      out.objects.flatMap((o) => (o.kind === 'security-group-rule' ? [`${JSON.stringify(o.fromPort)}-${JSON.stringify(o.toPort)}`] : [])),
      ['80-80', '443-443'],
    );
    assert.deepEqual(out.problems.map((p) => p.code), []);
  });
});
