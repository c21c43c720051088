// From ykubra/air_quality_poland: the RDS proxy's group admits tcp 3306 only from the functions' group, the code's
// statement that those functions connect to the proxy (P2, P3); no environment variable names the proxy (the host
// is inside a Secrets Manager secret). "Attached to a VPC but uses no private resource" (M1) was wrong advice:
// without the VPC attachment the functions would lose the proxy.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { packaged, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const proxy = (ingressFrom: string): string => `
resource "aws_security_group" "proxy" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [${ingressFrom}]
  }
}
resource "aws_db_proxy" "p" {
  name                   = "p"
  engine_family          = "MYSQL"
  role_arn               = "arn:aws:iam::123456789012:role/p"
  vpc_security_group_ids = [aws_security_group.proxy.id]
  vpc_subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  auth {
    auth_scheme = "SECRETS"
    secret_arn  = "arn:aws:secretsmanager:us-west-2:123456789012:secret:db"
  }
}
`;

const base = twoAzVpc('us-west-2') + securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged });

describe('wild: a target group admitting the function group states a need', () => {
  it('the proxy admitting the function group is a need, reached; no VPC-unneeded advice', () => {
    const run = analyseWorkspace({ '/w/main.tf': base + proxy('aws_security_group.fn.id') });
    const reach = reachOf(run.result, 'aws_lambda_function.f', 'aws_db_proxy.p');
    assert.equal(reach?.status, 'yes');
    assert.equal(reach?.needed, true);
    assert.deepEqual(reach?.neededBecause, ['security group aws_security_group.proxy of aws_db_proxy.p admits tcp 3306 from group aws_security_group.fn']);
    assert.deepEqual(run.findings.filter((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), []);
  });

  it('a proxy group admitting only itself states nothing: the advice stands', () => {
    const run = analyseWorkspace({ '/w/main.tf': base + proxy('aws_security_group.proxy.id') });
    assert.deepEqual(run.findings.filter((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), ['LAMBDA_VPC_UNNEEDED aws_lambda_function.f']);
  });
});
