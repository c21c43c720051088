// A for expression over a resource whose count is unknown (msambartolomeo/cloud-g8: subnets counted from
// data.aws_availability_zones, passed on as `[for s in module.vpc.vpc.subnets : s.id]`) is an unknown list,
// not an empty one: the function's subnets are unknown, so no "security groups but no subnets" error (C2) is
// due, as for the splat `aws_subnet.s[*].id` of the same resource.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { packaged, provider, securityGroup, vpc } from '../support/terraformPieces';

const workspace = provider('us-east-1') + vpc('v') + securityGroup('fn', 'all') + `
data "aws_availability_zones" "available" { state = "available" }
resource "aws_subnet" "s" {
  count             = length(data.aws_availability_zones.available.names)
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
}
locals {
  subnets = [for subnet in aws_subnet.s : { id = subnet.id, az = subnet.availability_zone }]
}
`;

const fn = (name: string, subnets: string): string => `resource "aws_lambda_function" "${name}" {
  function_name = "${name}"
${packaged.map((a) => `  ${a}\n`).join('')}  vpc_config {
    subnet_ids         = ${subnets}
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('wild: a for expression over a resource of unknown count', () => {
  for (const [name, subnets] of [
    ['direct', '[for s in aws_subnet.s : s.id]'],
    ['through_local', '[for s in local.subnets : s.id]'],
    ['splat', 'aws_subnet.s[*].id'],
  ] as const) {
    it(`${name}: the subnets are unknown, not missing`, () => {
      const run = analyseWorkspace({ '/w/main.tf': workspace + fn(name, subnets) });
      assert.deepEqual(run.findings.filter((f) => f.startsWith('LAMBDA_VPC_CONFIG_INCOMPLETE')), []);
      const report = run.result.functions.find((f) => f.function.endsWith(`aws_lambda_function.${name}`));
      assert.ok(report !== undefined);
      assert.ok(report.reach.length > 0 && report.reach.every((r) => r.status === 'unknown'), report.reach.map((r) => `${r.destination} ${r.status}`).join(', '));
    });
  }
});
