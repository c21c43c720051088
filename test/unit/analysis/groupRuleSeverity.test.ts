// A need that only security group rules state is weaker evidence than the function's own code, role or file systems
// (P3: a rule says what a group's members may reach, not that each member connects). A blocked path to it is a
// warning that says so; the same block is an error once the environment names the target too.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { dbInstance, packaged, securityGroup, securityGroupRules, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** A function in group `fn`, which allows egress on 443 only, and a Postgres database whose group admits `fn` on 5432. */
function workspace(env?: string): string {
  return twoAzVpc('eu-west-1') + securityGroup('fn', 'https')
    + securityGroupRules('db', { ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }] })
    + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'] })
    + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged, ...(env !== undefined ? { env } : {}) });
}

function blocked(text: string): { severity: string; message: string }[] {
  const run = analyseWorkspace({ '/w/main.tf': text });
  return run.result.findings.filter((f) => f.rule === 'LAMBDA_NO_ROUTE_TARGET').map((f) => ({ severity: f.severity, message: f.message }));
}

describe('analysis: severity of a blocked need that only group rules state (P3)', () => {
  it('only the database group\'s ingress rule links them: a warning that says so', () => {
    const found = blocked(workspace());
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'warning');
    assert.match(found[0]?.message ?? '', /Only a security group rule links the function to it, nothing in its environment, role or file systems/);
  });

  it('the environment names the database too: an error, without that sentence', () => {
    const found = blocked(workspace('DB_HOST = aws_db_instance.db.address'));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'error');
    assert.doesNotMatch(found[0]?.message ?? '', /Only a security group rule/);
  });
});
