// A 10,000-resource root module evaluates completely, and the same way on a second run over the same
// syntax trees (as the workspace's parse cache reuses them). Its speed is measured by `npm run bench`
// (tests carry no timing assertions).

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { memoryView } from './tfFixture';

function workload(files: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let f = 0; f < files; f++) {
    const lines: string[] = [
      `locals { azs_${f} = ["us-east-1a", "us-east-1b", "us-east-1c"] }`,
      `resource "aws_vpc" "v${f}" { cidr_block = "10.${f % 256}.0.0/16" }`,
      `resource "aws_subnet" "s${f}" {`,
      `  count             = 3`,
      `  vpc_id            = aws_vpc.v${f}.id`,
      `  cidr_block        = cidrsubnet(aws_vpc.v${f}.cidr_block, 8, count.index)`,
      `  availability_zone = local.azs_${f}[count.index]`,
      `}`,
      `resource "aws_route_table" "rt${f}" {`,
      `  vpc_id = aws_vpc.v${f}.id`,
      `  route {`,
      `    cidr_block     = "0.0.0.0/0"`,
      `    nat_gateway_id = aws_nat_gateway.n${f}.id`,
      `  }`,
      `}`,
      `resource "aws_nat_gateway" "n${f}" {`,
      `  subnet_id     = aws_subnet.s${f}[0].id`,
      `  allocation_id = "eipalloc-1"`,
      `}`,
      `resource "aws_route_table_association" "a${f}" {`,
      `  count          = 3`,
      `  subnet_id      = aws_subnet.s${f}[count.index].id`,
      `  route_table_id = aws_route_table.rt${f}.id`,
      `}`,
    ];
    // 10 resources so far per file; add security groups and functions up to 100.
    for (let i = 0; i < 45; i++) {
      lines.push(
        `resource "aws_security_group" "sg${f}_${i}" {`,
        `  name   = "sg-${f}-${i}"`,
        `  vpc_id = aws_vpc.v${f}.id`,
        `  egress {`,
        `    from_port   = 443`,
        `    to_port     = 443`,
        `    protocol    = "tcp"`,
        `    cidr_blocks = ["0.0.0.0/0"]`,
        `  }`,
        `}`,
        `resource "aws_lambda_function" "fn${f}_${i}" {`,
        `  function_name = "fn-${f}-${i}"`,
        `  role          = "arn:aws:iam::123456789012:role/x"`,
        `  vpc_config {`,
        `    subnet_ids         = aws_subnet.s${f}[*].id`,
        `    security_group_ids = [aws_security_group.sg${f}_${i}.id]`,
        `  }`,
        `  environment { variables = { VPC = aws_vpc.v${f}.id } }`,
        `}`,
      );
    }
    out.set(`/big/f${String(f).padStart(3, '0')}.tf`, lines.join('\n'));
  }
  return out;
}

describe('a 10,000-resource root module', () => {
  it('evaluates every resource, the same way twice', () => {
    const view = memoryView(workload(100));
    const first = readTerraform(view, {});
    const again = readTerraform(view, {});
    assert.equal(first.objects.filter((o) => o.kind === 'lambda-function').length, 4500);
    assert.deepEqual(again.objects.map((o) => o.id), first.objects.map((o) => o.id));
  });
});
