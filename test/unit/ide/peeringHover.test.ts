// The hover of a VPC peering connection (P10): whether it is accepted and why, the accepter of the workspace
// that names it, and the function paths through it; end to end through the real pipeline.

import * as assert from 'node:assert/strict';
import { functionHover, objectHover, type HoverContext } from '../../../server/src/ide/hover';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, provider, route, routeTable, securityGroup, securityGroupRules, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const PCX = 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id';

/** aws_vpc.v (function) peered with aws_vpc.peer (Redis), routes both ways; `peering` is the connection's body. */
function workspace(peering: string, extra = ''): string {
  return `${provider('eu-west-1')}${vpc()}${vpc('peer', '10.1.0.0/16')}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}${subnet('pa', { cidr: '10.1.2.0/24', az: 'eu-west-1a', vpc: 'peer' })}
resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.peer.id
${peering}
}
${routeTable('rt', { routes: route('10.1.0.0/16', PCX) })}${association('a', 'rt')}
${routeTable('back', { vpc: 'peer', routes: route('10.0.0.0/16', PCX) })}${association('pa', 'back')}
${securityGroup('fn', 'all')}
${securityGroupRules('redis', { vpc: 'peer', ingress: [{ port: 6379, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_elasticache_subnet_group" "g" { subnet_ids = [aws_subnet.pa.id] }
resource "aws_elasticache_cluster" "redis" {
  engine             = "redis"
  subnet_group_name  = aws_elasticache_subnet_group.g.name
  security_group_ids = [aws_security_group.redis.id]
}
${vpcFunction('f', { subnets: ['a'], env: 'REDIS = aws_elasticache_cluster.redis.cache_nodes[0].address' })}${extra}`;
}

function hover(peering: string, extra?: string): string {
  const run = analyseWorkspace({ '/w/main.tf': workspace(peering, extra) });
  const ctx: HoverContext = { model: run.model, result: run.result, objects: new ObjectIndex(run.model) };
  const pcx = run.model.all('vpc-peering')[0];
  assert.ok(pcx, 'the connection is modelled');
  return objectHover(ctx, pcx) ?? '(no hover)';
}

const ACCEPTER = 'resource "aws_vpc_peering_connection_accepter" "peer" {\n  vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id\n';

describe('hover: VPC peering connection acceptance (P10)', () => {
  it('accepted by its own auto_accept: says so and why, then the paths through it', () => {
    assert.equal(hover('  auto_accept = true'), [
      '**aws_vpc_peering_connection.pcx** · aws_vpc.v ↔ aws_vpc.peer',
      '',
      '✅ Accepted (active): auto_accept = true accepts the request (same account and Region) (P10).',
      '',
      'Lambda paths through it:',
      '- ✓ `aws_lambda_function.f` → aws_elasticache_cluster.redis: connects the two VPCs',
    ].join('\n'));
  });

  it('pending: not accepted, why, how to accept it, and that no accepter names it', () => {
    const text = hover('');
    assert.match(text, /^❌ Not accepted \(pending-acceptance: carries no traffic\): auto_accept is not set, so the request stays pending-acceptance, and nothing in the workspace accepts it \(P10\)\.$/m);
    assert.match(text, /^To accept it: set auto_accept = true on aws_vpc_peering_connection\.pcx; \*\*or\*\* add an aws_vpc_peering_connection_accepter .*\.$/m);
    assert.match(text, /^No accepter in the workspace names it\.$/m);
    assert.match(text, /^- ✗ `aws_lambda_function\.f` → aws_elasticache_cluster\.redis: the connection is not active \(see above\)$/m);
  });

  it('names the accepter of the workspace, whether it accepts or not', () => {
    const accepting = hover('', `${ACCEPTER}  auto_accept               = true\n}\n`);
    assert.match(accepting, /^✅ Accepted \(active\): accepted by aws_vpc_peering_connection_accepter\.peer \(auto_accept = true\) \(P10\)\.$/m);
    assert.match(accepting, /^Accepter in the workspace: `aws_vpc_peering_connection_accepter\.peer` \(auto_accept = true\)\.$/m);
    const declining = hover('', `${ACCEPTER}}\n`);
    assert.match(declining, /^❌ Not accepted .*: the request stays pending-acceptance: aws_vpc_peering_connection_accepter\.peer does not accept it/m);
    assert.match(declining, /^Accepter in the workspace: `aws_vpc_peering_connection_accepter\.peer` \(auto_accept = false\)\.$/m);
  });

  it('another account: acceptance not known, with the reason', () => {
    assert.match(hover('  peer_owner_id = "210987654321"'), /^❔ Acceptance not known: the request goes to the account "210987654321", which must accept it/m);
  });

  it('the function hover table names the undecided connection instead of repeating why', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace('  peer_owner_id = "210987654321"') });
    const ctx: HoverContext = { model: run.model, result: run.result, objects: new ObjectIndex(run.model) };
    const fn = run.model.all('lambda-function')[0];
    assert.ok(fn);
    const text = functionHover(ctx, fn.id) ?? '';
    assert.match(text, /^\| ❔ \| \*\*aws_elasticache_cluster\.redis\*\* \| undecided at `aws_vpc_peering_connection\.pcx` \|$/m, text);
  });

  it('the paths through it do not repeat the acceptance the hover states once', () => {
    const text = hover('  peer_owner_id = "210987654321"');
    assert.match(text, /^- \? `aws_lambda_function\.f` → aws_elasticache_cluster\.redis: acceptance not known \(see above\)$/m);
    assert.equal(text.split('the account "210987654321", which must accept it').length - 1, 1, text);
  });
});
