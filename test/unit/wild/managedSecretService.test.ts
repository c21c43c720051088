// The other half of managedSecretReference.test.ts (tiga-ga/terraform-aws rds_proxy_handson, with its local
// modules: SECRET_ARN = module.rds.master_user_secret, the module's output of
// aws_db_instance.main.master_user_secret[0].secret_arn): the variable names a Secrets Manager secret, so the
// function reads it through the Secrets Manager API. It was no need at all, and `explain --to secretsmanager`
// said nothing in the environment named it; without an endpoint or NAT the missing path went unreported.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { dbInstance, packaged, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + securityGroup('db', 'none')
  + dbInstance('db', { engine: 'mysql', subnets: ['a', 'b'], securityGroups: ['db'], attributes: ['manage_master_user_password = true', 'username = "admin"'] })
  + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged, env: 'SECRET_ARN = aws_db_instance.db.master_user_secret[0].secret_arn' });

describe('wild: a variable naming the secret RDS manages for the master user', () => {
  const run = analyseWorkspace({ '/w/main.tf': workspace });
  const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));

  it('makes Secrets Manager a need, in words that name the database', () => {
    assert.deepEqual(fn?.reach.find((r) => r.destination === 'secretsmanager')?.neededBecause,
      ['environment variable SECRET_ARN refers to the secret RDS manages for the master user of aws_db_instance.db']);
  });

  it('so the missing route to it is reported, while the database itself stays no need', () => {
    assert.equal(findingsOf(run, 'LAMBDA_NO_ROUTE_AWS_SERVICE').length, 1);
    assert.ok(!(fn?.reach ?? []).some((r) => r.destination.includes('aws_db_instance')));
  });
});
