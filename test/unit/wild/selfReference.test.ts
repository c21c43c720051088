// From FXDev17/DevLab01X-Monitoring-Grafana (env/dev/infra/VPC): an aws_route whose route_table_id is its own id
// (`route_table_id = aws_route.private_subnet_route.id`). terraform validate rejects a block that refers to
// itself ("Self-referential block"); the reader reports it as an invalid reference instead of staying silent,
// and still analyses the rest without a crash.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { provider, vpc } from '../support/terraformPieces';

const workspace = provider('eu-west-2') + vpc('v') + `
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_route" "r" {
  route_table_id         = aws_route.r.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
data "aws_subnet" "s" {
  id = data.aws_subnet.s.id
}
resource "aws_security_group" "g" {
  vpc_id = aws_vpc.v.id
  lifecycle {
    create_before_destroy = true
  }
}
`;

describe('wild: a block that refers to itself', () => {
  it('is reported once per reference, resources and data sources alike', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const self = run.problems.filter((p) => p.message.startsWith('Self-referential block')).map((p) => `${p.code} ${p.severity}: ${p.message}`);
    assert.deepEqual(self, [
      'tf-invalid-reference error: Self-referential block: configuration for aws_route.r may not refer to itself.',
      'tf-invalid-reference error: Self-referential block: configuration for data.aws_subnet.s may not refer to itself.',
    ]);
  });

  it('a reference to another block of the same type is not one', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace.replace('route_table_id         = aws_route.r.id', 'route_table_id         = aws_route_table.t.id')
      + 'resource "aws_route_table" "t" { vpc_id = aws_vpc.v.id }\n' });
    assert.equal(run.problems.filter((p) => p.message.includes('aws_route.r may not')).length, 0);
  });
});
