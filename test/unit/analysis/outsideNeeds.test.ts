// A private resource the function connects to that the workspace does not define (E1): a connection grant on
// an ARN from elsewhere, or a host-like environment variable whose value is unknown. Its reach is unknown,
// the function gets LAMBDA_REACH_UNKNOWN, and no advice to drop its VPC config.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { packaged, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const role = (actions: string, resource: string): string => `
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "connect" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = [${actions}], Resource = ${resource} }] })
}
`;

const attributes = ['role = aws_iam_role.fn.arn', ...packaged.slice(1)];

function run(extra: string, env?: string): ReturnType<typeof analyseWorkspace> {
  const fn = vpcFunction('api', { subnets: ['a', 'b'], attributes, ...(env !== undefined ? { env } : {}) });
  return analyseWorkspace({ '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + fn + extra });
}

describe('needs outside the workspace', () => {
  it('apigw-http-api-lambda-rds-proxy-terraform: the proxy endpoint variable and rds-db:connect are unknown destinations', () => {
    const r = run(`variable "rds_proxy_endpoint" {}\n${role('"rds-db:connect"', '"arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0abc/app"')}`, 'rds_endpoint = var.rds_proxy_endpoint');
    const reach = r.result.functions[0]?.reach ?? [];
    const outside = reach.filter((x) => x.destination.startsWith('env:') || x.destination.startsWith('grant:'));
    assert.deepEqual(outside.map((x) => `${x.destination} ${x.status} needed=${x.needed}`), ['env:rds_endpoint unknown needed=true', 'grant:rds-db unknown needed=true']);
    assert.match(outside[1]?.explanation ?? '', /^rds-db:connect is granted on arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0abc\/app, which the workspace does not define/);
    const note = r.result.findings.find((f) => f.rule === 'LAMBDA_REACH_UNKNOWN');
    assert.match(note?.message ?? '', /^cannot tell whether aws_lambda_function\.api reaches what rds_endpoint names \(outside the workspace\) and the rds-db resource \(outside the workspace\), which it needs: the value of rds_endpoint is unknown \(var\.rds_proxy_endpoint has no default/);
    assert.ok(!r.findings.includes('LAMBDA_VPC_UNNEEDED aws_lambda_function.api'), r.findings.join('\n'));
  });

  it('a grant the workspace explains with its own target of that kind is no second destination', () => {
    const db = `resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.fn.id]
}
`;
    const r = run(db + role('"rds-db:connect"', '"arn:aws:rds-db:eu-west-1:123456789012:dbuser:*/app"'), 'DB_HOST = aws_db_instance.db.address');
    const keys = (r.result.functions[0]?.reach ?? []).map((x) => x.destination);
    assert.ok(keys.includes('aws_db_instance.db'), keys.join());
    assert.ok(!keys.some((k) => k.startsWith('grant:')), keys.join());
  });

  it('a wildcard action or a known host says nothing about a resource outside', () => {
    const r = run(role('"*"', '"*"'), 'GREETING = "hello"');
    assert.deepEqual((r.result.functions[0]?.reach ?? []).map((x) => x.destination).filter((k) => k.includes(':')), []);
  });
});
