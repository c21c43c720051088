// Real-world shapes (from public repositories) where a function's security groups are unknown but its subnets
// are known: what the routes decide alone must still be decided, and an unknown group may be any group.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { dbInstance, packaged, securityGroup, securityGroupRules, twoAzVpc } from '../support/terraformPieces';

/** A VPC whose subnets use the main route table (no routes besides local), as in Aayushsoni09/projects.monkweb-backend. */
const isolated = twoAzVpc('ap-south-1');

function fnWithGroups(groups: string): string {
  return `variable "sg_ids" { type = list(string) }
variable "extra_sg" { type = string }
resource "aws_lambda_function" "f" {
  function_name = "f"
${packaged.map((l) => `  ${l}`).join('\n')}
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = ${groups}
  }
  environment {
    variables = { DB_HOST = aws_db_instance.db.address }
  }
}
`;
}

describe('wild: a whole unknown security-group list with known subnets', () => {
  it('the routes still decide: no route to the internet or S3 is "no" whatever the groups (P9, E1)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': isolated + securityGroupRules('dbsg', { ingress: [{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['dbsg'] })
        + fnWithGroups('var.sg_ids'),
    });
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'internet')?.status, 'no');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 's3')?.status, 'no');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'dynamodb')?.status, 'no');
    // Whether the groups allow the database stays open: the unknown groups' egress decides.
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db')?.status, 'unknown');
  });

  it('explains the answer hop by hop: the groups open, the main route table blocking', () => {
    const run = analyseWorkspace({ '/w/main.tf': isolated + securityGroup('dbsg', 'none') + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['dbsg'] }) + fnWithGroups('var.sg_ids') });
    const lines = render(reachOf(run.result, 'aws_lambda_function.f', 'internet'), { hops: true }).split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'no via - NO_ROUTE_TO_DESTINATION',
      '  ✓ Hyperplane ENI in aws_subnet.a: source 10.0.1.0/24, security group (unknown)',
      '  ? security groups (unknown) (egress): a security group is unknown: var.sg_ids has no default and no .tfvars file sets it',
      '  ✗ route table aws_vpc.v (main route table): no route covers the destination',
    ]);
  });
});

describe('wild: one unknown group among known ones', () => {
  it('a target ingress naming another group stays open: the unknown group may be that one (P3)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': isolated
        + securityGroup('fn', 'all')
        + securityGroup('app', 'all')
        + securityGroupRules('dbsg', { ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.app.id]' }] })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['dbsg'] })
        + fnWithGroups('[aws_security_group.fn.id, var.extra_sg]'),
    });
    const db = reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db');
    assert.equal(db?.status, 'unknown', render(db, { explain: true }));
  });

  it('the same ingress blocks when every group is known and none is the named one', () => {
    const run = analyseWorkspace({
      '/w/main.tf': isolated
        + securityGroup('fn', 'all')
        + securityGroup('app', 'all')
        + securityGroupRules('dbsg', { ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.app.id]' }] })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['dbsg'] })
        + fnWithGroups('[aws_security_group.fn.id]'),
    });
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db')?.status, 'no');
  });
});
