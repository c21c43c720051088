// The CloudFormation side of managedSecretReference.test.ts (round-2 open question): a variable holding
// `!GetAtt Db.MasterUserSecret.SecretArn` names the Secrets Manager secret RDS manages, not the database, so the
// database is no need and no "cannot reach" error is due (E1); a variable naming the endpoint still is one.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { dbInstance, securityGroup, twoAzVpc, vpcFunction } from '../support/cloudFormationPieces';

const workspace = (value: string): string => twoAzVpc('us-east-1')
  + securityGroup('FnSg', { egress: ['{ IpProtocol: "-1", CidrIp: 0.0.0.0/0 }'] }) + securityGroup('DbSg')
  + dbInstance('Db', { engine: 'postgres', subnets: ['A', 'B'], securityGroups: ['DbSg'], properties: 'ManageMasterUserPassword: true, MasterUsername: app' })
  + vpcFunction('Fn', { subnets: ['A', 'B'], env: `SECRET_ARN: ${value}` });

describe('wild: !GetAtt Db.MasterUserSecret.SecretArn', () => {
  it('does not make the database a need', () => {
    const run = analyseWorkspace({ '/w/template.yaml': workspace('!GetAtt Db.MasterUserSecret.SecretArn') }, 'us-east-1');
    const fn = run.result.functions.find((f) => f.function.endsWith('Fn'));
    assert.deepEqual((fn?.reach ?? []).map((r) => r.destination).filter((d) => d.endsWith('Db')), []);
    assert.deepEqual(findingsOf(run, 'LAMBDA_NO_ROUTE_TARGET'), []);
  });

  it('while the endpoint address does', () => {
    const run = analyseWorkspace({ '/w/template.yaml': workspace('!GetAtt Db.Endpoint.Address') }, 'us-east-1');
    assert.equal(findingsOf(run, 'LAMBDA_NO_ROUTE_TARGET').length, 1);
  });
});
