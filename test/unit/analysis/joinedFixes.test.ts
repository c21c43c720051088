// Fixes that must hold in every subnet of a function are joined from each subnet's fixes: a change they share is
// named once, and one interface endpoint is described with all the subnets it needs (E8), not once per subnet.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

describe('fixes joined over a function\'s subnets', () => {
  it('names the shared group change once and one endpoint for both subnets', () => {
    const run = analyseWorkspace({
      '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'none')
        + 'resource "aws_sqs_queue" "jobs" { name = "jobs" }\n'
        + vpcFunction('f', { subnets: ['a', 'b'], env: 'QUEUE_URL = aws_sqs_queue.jobs.url' }),
    });
    const reach = reachOf(run.result, 'aws_lambda_function.f', 'sqs');
    assert.equal(reach?.status, 'no');
    const endpointFix = reach?.fixes.map((f) => f.description).find((d) => d.includes('interface endpoint'));
    assert.equal(endpointFix, 'allow egress tcp 443 to 0.0.0.0/0 in aws_security_group.fn, and add an interface endpoint for sqs with private DNS in aws_subnet.a and aws_subnet.b');
    const change = reach?.fixes.flatMap((f) => f.changes).find((c) => c.kind === 'add-interface-endpoint');
    assert.deepEqual(change?.kind === 'add-interface-endpoint' ? change.subnets.map((s) => run.model.get(s)?.address) : [], ['aws_subnet.a', 'aws_subnet.b']);
  });
});
