// From TudorIonutElian/vpc-api-lambda-rds-proxy-rds-cluser: the function's own group allows egress only to the
// RDS proxy's group on 3306, the clearest statement of intent the code makes; the proxy's group admits 3306
// only from itself (P3), so the function can never connect, and that must be reported.
import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { twoAzVpc } from '../support/terraformPieces';

const ws = twoAzVpc('eu-central-1') + `
resource "aws_security_group" "fn" { vpc_id = aws_vpc.v.id }
resource "aws_security_group" "proxy" { vpc_id = aws_vpc.v.id }
resource "aws_security_group_rule" "fn_to_proxy" {
  type                     = "egress"
  from_port                = 3306
  to_port                  = 3306
  protocol                 = "tcp"
  security_group_id        = aws_security_group.fn.id
  source_security_group_id = aws_security_group.proxy.id
}
resource "aws_security_group_rule" "proxy_from_itself" {
  type                     = "ingress"
  from_port                = 3306
  to_port                  = 3306
  protocol                 = "tcp"
  security_group_id        = aws_security_group.proxy.id
  source_security_group_id = aws_security_group.proxy.id
}
resource "aws_db_proxy" "p" {
  name                   = "p"
  engine_family          = "MYSQL"
  role_arn               = "arn:aws:iam::123456789012:role/p"
  vpc_security_group_ids = [aws_security_group.proxy.id]
  vpc_subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  auth { secret_arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:s" }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "f.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('wild: an SG egress rule naming a target group states intent', () => {
  it('makes the proxy a need and reports the proxy SG that admits only itself', () => {
    const run = analyseWorkspace({ '/w/main.tf': ws });
    const p = reachOf(run.result, 'aws_lambda_function.f', 'aws_db_proxy.p');
    assert.equal(p?.needed, true);
    assert.equal(p?.status, 'no');
    assert.equal(p?.reason, 'ENI_SG_RULES_MISMATCH');
    assert.deepEqual(p?.neededBecause, ['security group aws_security_group.fn allows egress tcp 3306 to group aws_security_group.proxy']);
    assert.equal(run.findings.some((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), false);
  });

  it('a group the proxy shares with its database names the proxy only: the function connects through it (P14)', () => {
    const withDb = ws.replace('resource "aws_db_proxy" "p" {', `resource "aws_rds_cluster" "db" {
  engine                 = "aurora-mysql"
  vpc_security_group_ids = [aws_security_group.proxy.id]
}
resource "aws_db_proxy_default_target_group" "p" { db_proxy_name = aws_db_proxy.p.name }
resource "aws_db_proxy_target" "p" {
  db_proxy_name         = aws_db_proxy.p.name
  target_group_name     = aws_db_proxy_default_target_group.p.name
  db_cluster_identifier = aws_rds_cluster.db.id
}
resource "aws_db_proxy" "p" {`);
    const run = analyseWorkspace({ '/w/main.tf': withDb });
    const fn = run.result.functions.find((f) => run.model.get(f.function)?.address === 'aws_lambda_function.f');
    assert.deepEqual(fn?.reach.filter((r) => r.needed).map((r) => r.destination).sort(), ['aws_db_proxy.p']);
  });
});
