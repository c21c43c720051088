// `count = <cond> ? a : b` with an unknown condition and known arms: instances up to the larger arm are
// modelled, those beyond the smaller arm with an `existence` naming the condition; other unknown counts still
// model no instance; references to an instance resolve, the count itself stays unknown to expressions.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import type { ModelObject } from '../../../../server/src/model/types';
import { isUnknown } from '../../../../server/src/model/origin';
import { tfFixture } from './tfFixture';
import { securityGroup } from '../../support/terraformPieces';

function read(main: string, vars = ''): { objects: readonly ModelObject[]; problems: string[] } {
  const { view } = tfFixture(`//- /w/main.tf\n${main}\n${vars === '' ? '' : `//- /w/terraform.tfvars\n${vars}\n`}`);
  const out = readTerraform(view, { region: 'us-east-1' });
  return { objects: out.objects, problems: out.problems.map((p) => `${p.code}: ${p.message}`) };
}

const byAddress = (objects: readonly ModelObject[], address: string): ModelObject | undefined => objects.find((o) => o.address === address);

const NAT = `
variable "enable_nat" { type = bool }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_eip" "nat" { count = var.enable_nat ? 1 : 0 }
resource "aws_nat_gateway" "nat" {
  count         = var.enable_nat ? 1 : 0
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat[0].id
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route" "nat" {
  count                  = (var.enable_nat ? 1 : 0)
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat[0].id
}
resource "aws_subnet" "extra" {
  count      = var.enable_nat ? 1 : 3
  vpc_id     = aws_vpc.main.id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index + 10)
}
output "nat_count" { value = length(aws_nat_gateway.nat) }
`;

describe('conditional count (Terraform)', () => {
  it('models instance 0 of `cond ? 1 : 0` with an existence naming the condition and why it is unknown', () => {
    const { objects, problems } = read(NAT);
    const nat = byAddress(objects, 'aws_nat_gateway.nat[0]');
    assert.ok(nat?.kind === 'nat-gateway');
    assert.equal(nat.existence?.reason, 'created only if var.enable_nat is true, which is unknown: var.enable_nat has no default and no .tfvars file sets it');
    assert.equal(nat.hasElasticIp, true);
    const route = byAddress(objects, 'aws_route.nat[0]');
    assert.ok(route?.kind === 'route');
    assert.equal(route.existence?.reason, nat.existence?.reason);
    assert.equal(route.target.ref, nat.id, 'aws_nat_gateway.nat[0].id resolves to the modelled instance');
    assert.ok(problems.some((p) => p.startsWith('tf-unknown-count: The count of aws_nat_gateway.nat is not known statically') && p.includes('; instance [0] is modelled as created only if var.enable_nat is true')));
  });

  it('instances below the smaller arm are certain; those up to the larger arm exist only if the condition picks it', () => {
    const { objects } = read(NAT);
    const extra = [0, 1, 2].map((i) => byAddress(objects, `aws_subnet.extra[${i}]`));
    assert.deepEqual(extra.map((s) => s === undefined ? 'missing' : s.existence === undefined ? 'created' : s.existence.reason), [
      'created',
      'created only if var.enable_nat is false, which is unknown: var.enable_nat has no default and no .tfvars file sets it',
      'created only if var.enable_nat is false, which is unknown: var.enable_nat has no default and no .tfvars file sets it',
    ]);
  });

  it('a decided condition gives exactly its arm, without existence', () => {
    const on = read(NAT, 'enable_nat = true').objects;
    assert.equal(byAddress(on, 'aws_nat_gateway.nat[0]')?.existence, undefined);
    assert.equal(on.filter((o) => o.kind === 'subnet' && o.address.startsWith('aws_subnet.extra')).length, 1);
    const off = read(NAT, 'enable_nat = false').objects;
    assert.equal(byAddress(off, 'aws_nat_gateway.nat[0]'), undefined);
    assert.equal(byAddress(off, 'aws_route.nat[0]'), undefined);
  });

  it('other unknown counts still model no instance', () => {
    const { objects } = read(`
variable "n" { type = number }
variable "flag" { type = bool }
resource "aws_vpc" "a" {
  count      = var.n
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "b" {
  count      = var.flag ? var.n : 0
  cidr_block = "10.1.0.0/16"
}
`);
    assert.deepEqual(objects.filter((o) => o.kind === 'vpc').map((o) => o.address), []);
  });

  it('a module called with `cond ? 1 : 0` passes the existence to everything it creates', () => {
    const { view } = tfFixture(`//- /w/main.tf
variable "on" { type = bool }
module "net" {
  source = "./net"
  count  = var.on ? 1 : 0
}
//- /w/net/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${securityGroup('g', 'https')}`);
    const out = readTerraform(view, {});
    const vpc = out.objects.find((o) => o.kind === 'vpc');
    assert.equal(vpc?.address, 'module.net[0].aws_vpc.v');
    assert.equal(vpc?.existence?.reason, 'created only if var.on is true, which is unknown: var.on has no default and no .tfvars file sets it');
    const rule = out.objects.find((o) => o.kind === 'security-group-rule');
    assert.equal(rule?.existence?.reason, vpc?.existence?.reason, 'inline sub-objects carry it too');
  });

  it('the count stays unknown to expressions', () => {
    const { view } = tfFixture(`//- /w/main.tf\n${NAT}\nresource "aws_vpc" "sized" { cidr_block = length(aws_nat_gateway.nat) == 1 ? "10.9.0.0/16" : "10.8.0.0/16" }\n`);
    const out = readTerraform(view, {});
    const vpc = out.objects.find((o) => o.address === 'aws_vpc.sized');
    assert.ok(vpc?.kind === 'vpc' && vpc.cidrBlocks[0] !== undefined && isUnknown(vpc.cidrBlocks[0]));
  });
});
