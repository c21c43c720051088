// One failing value in a function's environment map (larajorge11/terraform-davor, demo-14-elastic-lambda-java-s3:
// REDIS_HOST = "${aws_elasticache_cluster.davorredis.cache_nodes.0.address}" with no such resource in the
// folder). Terraform fails the whole map on the undeclared reference, which the analysis reports; the map was
// then read as no environment at all, so the host the function names vanished from its needs. Now each variable
// of the literal map is read on its own: REDIS_HOST stays a host-like variable whose value is unknown (an
// `outside` need with the reason), and the other variables keep what they name.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + `
resource "aws_sqs_queue" "q" { name = "q" }
` + vpcFunction('f', { subnets: ['a'], env: 'REDIS_HOST = aws_elasticache_cluster.missing.cache_nodes[0].address, QUEUE_URL = aws_sqs_queue.q.url' });

describe('wild: an environment map with one failing value', () => {
  const run = analyseWorkspace({ '/w/main.tf': workspace });
  const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));

  it('reports the undeclared resource', () => {
    assert.ok(run.problems.some((p) => p.code === 'tf-invalid-reference' && p.message.includes('aws_elasticache_cluster.missing')));
  });

  it('keeps the failing host variable as an unknown need, with the reason', () => {
    const host = fn?.reach.find((r) => r.destination === 'env:REDIS_HOST');
    assert.equal(host?.status, 'unknown');
    assert.deepEqual(host?.neededBecause, ['environment variable REDIS_HOST names a host']);
    assert.match(host?.explanation ?? '', /^the value of REDIS_HOST is unknown \(/);
  });

  it('and the other variables\' needs', () => {
    assert.deepEqual(fn?.reach.find((r) => r.destination === 'sqs')?.neededBecause, ['environment variable QUEUE_URL refers to aws_sqs_queue.q']);
  });
});
