// Errors `terraform validate` reports, found statically once per written location (not per module instance),
// with the span of what is wrong: a module output that does not exist, `count`/`each` where the block sets no
// count/for_each, an instance key on a single resource (and none on a counted one), a function Terraform does
// not have (distinct from a real function Hyperplane Lens does not evaluate: information).

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfFixture } from './tfFixture';

function problems(files: string): string[] {
  const { view } = tfFixture(files);
  const out = readTerraform(view, { region: 'us-east-1' });
  return out.problems
    .map((p) => `${p.code} ${p.severity} ${p.file}:${(view.text(p.file) ?? '').slice(p.span.start, p.span.end)} | ${p.message}`)
    .sort();
}

describe('terraform validate errors (Terraform)', () => {
  it('reports each invalid reference once, where it is written', () => {
    const got = problems(`
//- /w/main.tf
module "m" { source = "./m" }
module "twice" {
  count  = 2
  source = "./n"
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "s" {
  count             = 1
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.\${count.index}.0/24"
  availability_zone = module.m.missing_output
  tags              = { a = each.key, d = aws_vpc.v[0].id, ok = module.m.x, e = module.twice[0].nope }
}
locals {
  c = count.index
  s = aws_subnet.s.id
  fine = [aws_subnet.s[0].id, aws_subnet.s[*].id, length(aws_subnet.s), [for x in aws_subnet.s : x.id]]
}
//- /w/m/main.tf
output "x" { value = 1 }
//- /w/n/main.tf
resource "aws_sqs_queue" "q" {
  name = each.value
}
`);
    assert.deepEqual(got, [
      '/w/main.tf:aws_subnet.s.id | Missing resource instance key: aws_subnet.s has "count" set, so its attributes must be read from one instance, e.g. aws_subnet.s[count.index].id.',
      '/w/main.tf:aws_vpc.v[0] | Unexpected resource instance key: aws_vpc.v does not have "count" or "for_each" set, so references to it must not include an index key.',
      '/w/main.tf:count | Reference to "count" in non-counted context: the "count" object can only be used in "module", "resource" and "data" blocks, and only when the "count" argument is set.',
      '/w/main.tf:each | Reference to "each" in context without for_each: the "each" object can be used only in "module", "resource" and "data" blocks, and only when the "for_each" argument is set.',
      '/w/main.tf:module.m.missing_output | Unsupported attribute: module.m has no output named "missing_output".',
      '/w/main.tf:module.twice[0].nope | Unsupported attribute: module.twice has no output named "nope".',
      '/w/n/main.tf:each | Reference to "each" in context without for_each: the "each" object can be used only in "module", "resource" and "data" blocks, and only when the "for_each" argument is set.',
    ].map((l) => `tf-invalid-reference error ${l}`));
  });

  it('tells a function Terraform does not have from one that is not evaluated', () => {
    const got = problems(`
//- /w/main.tf
locals {
  a = unknownfn(1)
  b = core::unknownfn(2)
  c = bcrypt("x")
  d = provider::aws::arn_parse("arn:aws:s3:::b")
  e = core::upper("x")
}
resource "aws_sqs_queue" "q" { name = join(",", [local.a, local.b, local.c, local.d, local.e]) }
`);
    assert.deepEqual(got, [
      'tf-unknown-function error /w/main.tf:core::unknownfn | Call to unknown function: there is no function named "core::unknownfn".',
      'tf-unknown-function error /w/main.tf:unknownfn | Call to unknown function: there is no function named "unknownfn".',
      'tf-unsupported-function information /w/main.tf:bcrypt("x") | The function bcrypt() is not evaluated by Hyperplane Lens; its result is unknown.',
      'tf-unsupported-function information /w/main.tf:provider::aws::arn_parse("arn:aws:s3:::b") | The function provider::aws::arn_parse() is not evaluated by Hyperplane Lens; its result is unknown.',
    ]);
  });
});
