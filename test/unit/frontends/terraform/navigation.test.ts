// The Terraform editor index: hover values and unknown reasons, go-to-definition across modules, find
// references, document symbols, and the span of an invalid reference problem.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfFixture } from './tfFixture';

const workspace = `
//- /w/main.tf
variable "cidr" { default = "10.0.0.0/16" }
variable "region" {}
resource "aws_vpc" "main" { cidr_block = var.cidr }
resource "aws_subnet" "a" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
}
module "net" {
  source = "./net"
  vpc_id = aws_vpc.main.id
}
output "first" { value = aws_subnet.a[0].cidr_block }
output "bad" { value = aws_vpc.nope.id }
output "region" { value = "com.amazonaws.\${var.region}.s3" }
output "from_module" { value = module.net.sg_id }
//- /w/net/main.tf
variable "vpc_id" {}
resource "aws_security_group" "sg" { vpc_id = var.vpc_id }
output "sg_id" { value = aws_security_group.sg.id }
`;

function at(text: string, needle: string, delta = 1): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not found`);
  return i + delta;
}

describe('TerraformIndex', () => {
  const { view } = tfFixture(workspace);
  const out = readTerraform(view, {});
  const main = view.text('/w/main.tf') ?? '';
  const net = view.text('/w/net/main.tf') ?? '';

  it('hovers a reference with its evaluated value', () => {
    const h = out.index.hover('/w/main.tf', at(main, 'aws_subnet.a[0].cidr_block', 3));
    assert.equal(h?.text, 'aws_subnet.a[0].cidr_block');
    assert.equal(h?.value, '"10.0.0.0/24"');
  });

  it('hovers a computed attribute as the reference it is', () => {
    const h = out.index.hover('/w/main.tf', at(main, 'vpc_id = aws_vpc.main.id\n}', 10));
    assert.equal(h?.value, 'aws_vpc.main.id');
  });

  it('hovers an unknown with its reason', () => {
    const h = out.index.hover('/w/main.tf', at(main, 'var.region}'));
    assert.equal(h?.value, undefined);
    assert.match(h?.unknownReason ?? '', /var\.region has no default/);
  });

  it('hovers inside a module with the inputs of its caller', () => {
    const h = out.index.hover('/w/net/main.tf', at(net, 'var.vpc_id }'));
    assert.equal(h?.value, 'aws_vpc.main.id');
  });

  it('hovers inside a counted resource with its first instance', () => {
    const h = out.index.hover('/w/main.tf', at(main, 'count.index)', 2));
    assert.equal(h, undefined, 'count.index is not a reference');
    const c = out.index.hover('/w/main.tf', at(main, 'aws_vpc.main.cidr_block, 8'));
    assert.equal(c?.value, '"10.0.0.0/16"');
  });

  it('goes to definitions of resources, variables, modules and module outputs', () => {
    const def = (offset: number): string => out.index.definition('/w/main.tf', offset).map((l) => `${l.file}:${(view.text(l.file) ?? '').slice(l.span.start, l.span.end)}`).join(',');
    assert.equal(def(at(main, 'aws_vpc.main.id')), '/w/main.tf:"main"');
    assert.equal(def(at(main, 'var.cidr')), '/w/main.tf:"cidr"');
    assert.equal(def(at(main, 'module.net.sg_id')), '/w/main.tf:"net"');
    assert.equal(def(at(main, 'module.net.sg_id', 12)), '/w/net/main.tf:"sg_id"');
  });

  it('finds every reference to a declaration', () => {
    const refs = out.index.references('/w/main.tf', at(main, '"main"')).map((l) => main.slice(l.span.start, l.span.end));
    assert.deepEqual(refs, ['aws_vpc.main', 'aws_vpc.main', 'aws_vpc.main']);
    const outputRefs = out.index.references('/w/net/main.tf', at(net, '"sg_id"'));
    assert.deepEqual(outputRefs.map((l) => main.slice(l.span.start, l.span.end)), ['module.net.sg_id']);
  });

  it('lists document symbols', () => {
    assert.deepEqual(out.index.symbols('/w/net/main.tf').map((s) => `${s.kind} ${s.name}`), ['variable var.vpc_id', 'output output.sg_id', 'resource aws_security_group.sg']);
  });

  it('reports an invalid reference once, at its span', () => {
    const bad = out.problems.filter((p) => p.code === 'tf-invalid-reference');
    assert.equal(bad.length, 1);
    assert.equal(main.slice(bad[0]?.span.start, bad[0]?.span.end), 'aws_vpc.nope');
    assert.equal(bad[0]?.severity, 'error');
  });
});
