// Terraform VPC Block Public Access resources (E13): the account options and the exclusions of a VPC or a
// subnet, read by the real front end; values a variable decides stay unknown with the reason.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { renderObjects, tfFixture } from './tfFixture';

function read(text: string): string {
  const out = readTerraform(tfFixture(`//- /w/main.tf\n${text}`).view, {});
  return renderObjects(out.objects, out.stacks[0] ?? '', ['block-public-access', 'block-public-access-exclusion']);
}

describe('Terraform VPC Block Public Access (E13)', () => {
  it('maps the options and exclusions of a VPC and of a subnet', () => {
    assert.equal(read(`
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_vpc_block_public_access_options" "bpa" { internet_gateway_block_mode = "block-bidirectional" }
resource "aws_vpc_block_public_access_exclusion" "nat" {
  subnet_id                       = aws_subnet.pub.id
  internet_gateway_exclusion_mode = "allow-egress"
}
resource "aws_vpc_block_public_access_exclusion" "vpc" {
  vpc_id                          = aws_vpc.v.id
  internet_gateway_exclusion_mode = "allow-bidirectional"
}
`), [
      'block-public-access aws_vpc_block_public_access_options.bpa mode="block-bidirectional"',
      'block-public-access-exclusion aws_vpc_block_public_access_exclusion.nat vpc=null subnet="aws_subnet.pub" mode="allow-egress"',
      'block-public-access-exclusion aws_vpc_block_public_access_exclusion.vpc vpc="aws_vpc.v" subnet=null mode="allow-bidirectional"',
    ].join('\n'));
  });

  it('keeps a mode or a subnet that a variable decides unknown, and an unknown mode string unknown', () => {
    const out = readTerraform(tfFixture(`//- /w/main.tf
variable "mode" {}
variable "subnet" {}
resource "aws_vpc_block_public_access_options" "bpa" { internet_gateway_block_mode = "block-everything" }
resource "aws_vpc_block_public_access_exclusion" "x" {
  subnet_id                       = var.subnet
  internet_gateway_exclusion_mode = var.mode
}
`).view, {});
    const x = out.objects.find((o) => o.kind === 'block-public-access-exclusion');
    assert.ok(x?.kind === 'block-public-access-exclusion');
    assert.ok(x.subnet !== null && typeof x.subnet === 'object', 'subnet unknown');
    assert.match(typeof x.subnet === 'object' && x.subnet !== null ? x.subnet.reason : '', /var\.subnet/);
    assert.ok(typeof x.mode === 'object');
    assert.equal(x.vpc, null);
    const o = out.objects.find((b) => b.kind === 'block-public-access');
    assert.ok(o?.kind === 'block-public-access' && typeof o.mode === 'object');
    assert.match(typeof o.mode === 'object' ? o.mode.reason : '', /unknown mode "block-everything"/);
  });
});
