// A variable holding the ARN of the secret RDS manages for its master user (tiga-ga/terraform-aws,
// rds_proxy_handson: SECRET_ARN = aws_db_instance.main.master_user_secret[0].secret_arn) names a Secrets
// Manager secret, not the database: the function reads it through the Secrets Manager API, so the database is
// not a need and no "cannot reach the database" error is due (E1 for the secret's service, not the DB port).

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { dbInstance, packaged, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + securityGroup('db', 'none')
  + dbInstance('db', { engine: 'mysql', subnets: ['a', 'b'], securityGroups: ['db'], attributes: ['manage_master_user_password = true', 'username = "admin"'] })
  + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged, env: 'SECRET_ARN = aws_db_instance.db.master_user_secret[0].secret_arn' });

describe('wild: the managed master user secret is not the database', () => {
  it('a variable naming master_user_secret does not make the DB a need', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const destinations = (fn?.reach ?? []).map((r) => r.destination);
    assert.ok(!destinations.some((d) => d.includes('aws_db_instance')), destinations.join(', '));
    assert.deepEqual(run.findings.filter((f) => f.startsWith('LAMBDA_NO_ROUTE_TARGET')), []);
  });

  it('a variable naming the DB address still does', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace.replace('master_user_secret[0].secret_arn', 'address') });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    assert.ok((fn?.reach ?? []).some((r) => r.destination.includes('aws_db_instance')));
  });
});
