// The reference check read from the parser's list of traversals (HclFile.traversals) reports exactly what the
// walk of every expression reports, on files that use every construct that binds or hides a name.

import * as assert from 'node:assert/strict';
import { readModuleConfig } from '../../../../server/src/frontends/terraform/config';
import { checkReferences } from '../../../../server/src/frontends/terraform/references';
import type { Problem } from '../../../../server/src/model/origin';
import type { HclFile } from '../../../../server/src/syntax/hcl/ast';
import { parseHcl } from '../../../../server/src/syntax/hcl/hclParser';
import { tfFixture } from './tfFixture';

const FIXTURE = `
//- /m/main.tf
variable "l" {
  default = [for x in var.missing_default : x]
}
locals {
  ok    = [for k, v in var.l : "\${k}-\${v.id}-\${local.undeclared}" if v != local.ok2]
  tpl   = "%{ for s in var.l }\${s}\${aws_vpc.nope.id}%{ endfor }%{ if var.flag }\${var.nope}%{ else }x%{ endif }"
  splat = aws_subnet.s[*].id
  deep  = aws_subnet.s[local.i].tags["Name"]
  call  = cidrsubnet(var.cidr, 8, unknownfn(local.k))
  keyed = { (var.key) = var.value, plain = local.p }
  cond  = var.a ? data.aws_caller_identity.c.account_id : data.aws_region.missing.name
  un    = !var.b
  paren = (var.c + local.d) * 2
  heredoc = <<EOT
\${var.h} and \${local.hh}
EOT
}
resource "aws_subnet" "s" {
  count      = 2
  vpc_id     = aws_vpc.v.id
  cidr_block = cidrsubnet(var.cidr, 8, count.index)
  tags       = { Name = each.key }
  provider   = aws.west
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port = rule.value.port
      to_port   = ingress.value
      other     = rule2.value
    }
  }
  lifecycle {
    ignore_changes = [tags, nothing.here]
  }
}
resource "aws_vpc" "v" {
  cidr_block = aws_vpc.v[0].cidr_block
  tags       = { Name = aws_subnet.s.id }
}
module "m" {
  source = "./child"
  input  = module.m2.out
  other  = module.m.x
}
output "o" {
  value = [for s in aws_subnet.s : s.id if s.id != count.index]
}
data "aws_caller_identity" "c" {}
`;

function problemsOf(hclOf: (file: string) => HclFile | undefined): string[] {
  const f = tfFixture(FIXTURE);
  const config = readModuleConfig(f.view, '/m', ['/m/main.tf']);
  const out: Problem[] = [];
  checkReferences(config, hclOf, (p) => out.push(p));
  return out.map((p) => `${p.code} ${p.span.start}-${p.span.end} ${p.message}`).sort();
}

describe('reference check from the parser list', () => {
  it('reports what the walk of every expression reports', () => {
    const text = tfFixture(FIXTURE).view.text('/m/main.tf') ?? '';
    const parsed = parseHcl(text);
    assert.ok(parsed.traversals !== undefined && parsed.traversals.length > 0);
    const { traversals: _list, ...withoutList } = parsed;
    const fromList = problemsOf(() => parsed);
    const walked = problemsOf(() => withoutList);
    assert.deepEqual(fromList, walked);
    // The fixture exercises the check: undeclared names, unknown functions, count/each misuse, instance keys.
    assert.ok(walked.length >= 10, walked.join('\n'));
  });

  it('lists traversals rooted at a free variable, and calls, in walk order', () => {
    const text = 'a = [for x in var.l : upper(x.name) if local.ok]\nb = "${x}%{ for y in z }${y.k}${w}%{ endfor }"\n';
    const file = parseHcl(text);
    const list = (file.traversals ?? []).map((r) => text.slice(r.span.start, r.span.end));
    assert.deepEqual(list, ['var.l', 'upper(x.name)', 'local.ok', 'x', 'z', 'w']);
  });
});
