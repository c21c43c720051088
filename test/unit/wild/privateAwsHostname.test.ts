// From jojo786/serverless-rds-proxy-demo (round 5): the function's environment holds the literal endpoint of an
// RDS Proxy the workspace does not define (`….proxy-….rds.amazonaws.com`). That is a private database endpoint
// the function connects to, so it is a need whose reach is unknown (E1), as when the value is a parameter
// without default, not silently nothing; a public AWS API hostname stays no such need.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/cloudFormationPieces';

const needsFor = (value: string): string[] => {
  const text = twoAzVpc('us-east-1') + securityGroup('FnSg', { egress: ['{ IpProtocol: "-1", CidrIp: 0.0.0.0/0 }'] })
    + vpcFunction('Fn', { subnets: ['A', 'B'], securityGroups: ['FnSg'], env: `DB_HOST: ${value}` });
  const fn = analyseWorkspace({ '/w/template.yaml': text }, 'us-east-1').result.functions.find((f) => f.function.endsWith('Fn'));
  return (fn?.reach ?? []).filter((r) => r.needed).map((r) => `${r.destination} ${r.status}`);
};

describe('wild: literal endpoint of a database outside the workspace', () => {
  it('an RDS Proxy endpoint is an unknown need', () => {
    assert.deepEqual(needsFor('rds-proxy.proxy-csh5ndq6v79g.af-south-1.rds.amazonaws.com'), ['env:DB_HOST unknown']);
  });

  it('an ElastiCache endpoint too', () => {
    assert.deepEqual(needsFor('my-redis.abc123.ng.0001.use1.cache.amazonaws.com'), ['env:DB_HOST unknown']);
  });

  it('a public AWS API hostname is not', () => {
    assert.deepEqual(needsFor('sts.us-east-1.amazonaws.com'), []);
  });
});
