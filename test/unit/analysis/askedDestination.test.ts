// Reach to any destination on demand (explain --to): a target or AWS service the function is not known to need,
// through the same path search as its needs, without changing the analysis; and how names are looked up.

import * as assert from 'node:assert/strict';
import { reachOfDestination } from '../../../server/src/analysis/analyze';
import { findDestination } from '../../../server/src/analysis/askedDestination';
import { renderReachLine } from '../../../server/src/analysis/renderText';
import type { DestinationReach } from '../../../server/src/analysis/types';
import type { LambdaFunction } from '../../../server/src/model/types';
import type { NetworkModel } from '../../../server/src/model/network';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, dbInstance, packaged, routeTable, securityGroup, securityGroupRules, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** A VPC function without any environment, and a PostgreSQL instance in the same VPC that nothing ties to it. */
function workspace(dbIngress: boolean, extra = ''): string {
  return `//- /w/main.tf
${twoAzVpc('us-east-1')}${routeTable('private')}${association('a', 'private')}${association('b', 'private')}${securityGroup('fn', 'all')}\
${securityGroupRules('db', { ingress: dbIngress ? [{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] : [] })}\
${dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'], attributes: ['port = 5432'] })}\
resource "aws_sqs_queue" "jobs" { name = "jobs" }
${vpcFunction('fn', { subnets: ['b'], attributes: packaged })}${extra}`;
}

function fnOf(model: NetworkModel, address = 'aws_lambda_function.fn'): LambdaFunction {
  const fn = model.all('lambda-function').find((f) => f.address === address);
  assert.ok(fn, `${address} is in the model`);
  return fn;
}

/** The reach line, without the stack prefix of ids. */
function line(reach: DestinationReach): string {
  return renderReachLine(reach).split('/w::').join('');
}

/** What a reach says, hops and fixes as their text (hops build their text lazily). */
function shape(reach: DestinationReach): string {
  const { path, fixes, bySubnet, ...rest } = reach;
  return JSON.stringify({ ...rest, path: path.map((h) => `${h.verdict} ${h.label}: ${h.detail}`), fixes: fixes.map((f) => f.description), bySubnet: bySubnet.map((b) => `${b.subnet} ${b.status}`) });
}

function ask(model: NetworkModel, name: string, fn = fnOf(model)): ReturnType<typeof reachOfDestination> {
  const lookup = findDestination(model, name);
  assert.equal(lookup.kind, 'found', name);
  if (lookup.kind !== 'found') throw new Error('unreachable');
  return reachOfDestination(model, fn, lookup.asked);
}

describe('reach to a destination the function does not need', () => {
  it('a database in the VPC: reached over the local route when its group lets the subnet in, not needed', () => {
    const run = analyseWorkspace(workspace(true));
    const report = run.result.functions[0];
    assert.deepEqual(report?.reach.map((r) => r.destination), ['internet', 's3', 'dynamodb']);
    const before = JSON.stringify(run.result);
    const db = ask(run.model, 'aws_db_instance.db');
    assert.equal(line(db), 'aws_db_instance.db: yes via local');
    assert.equal(db.needed, false);
    assert.deepEqual(db.neededBecause, []);
    assert.deepEqual(db.path.map((h) => `${h.verdict} ${h.label}`), [
      'pass Hyperplane ENI in aws_subnet.b',
      'pass security groups aws_security_group.fn (egress)',
      'pass network ACL aws_vpc.v (default network ACL) of aws_subnet.b (outbound)',
      'pass network ACL aws_vpc.v (default network ACL) of aws_subnet.b (inbound)',
      'pass route table aws_route_table.private',
      'pass network ACL aws_vpc.v (default network ACL) of target subnet aws_subnet.a (inbound)',
      'pass network ACL aws_vpc.v (default network ACL) of target subnet aws_subnet.a (outbound)',
      'pass security groups aws_security_group.db of aws_db_instance.db (ingress)',
      'pass aws_db_instance.db',
    ]);
    // The session's result is untouched: no destination, no finding for what is not a need.
    assert.equal(JSON.stringify(run.result), before);
  });

  it('a database whose group lets nothing in: blocked at its group, with the ingress rule to add', () => {
    const run = analyseWorkspace(workspace(false));
    const db = ask(run.model, 'db'); // the end of its address, as functions are found
    assert.equal(line(db), 'aws_db_instance.db: no via local SG_HAS_NO_RULES at aws_security_group.db');
    assert.equal(db.path.find((h) => h.verdict === 'block')?.label, 'security groups aws_security_group.db of aws_db_instance.db (ingress)');
    assert.deepEqual(db.fixes.map((f) => f.description), ['allow ingress tcp 5432 from aws_security_group.fn in aws_security_group.db']);
    assert.ok(!run.result.findings.some((f) => f.message.includes('aws_db_instance.db')), 'no finding names the database');
  });

  it('an AWS service by its endpoint name, or by a resource of it: blocked without a route out', () => {
    const run = analyseWorkspace(workspace(true));
    const sqs = ask(run.model, 'sqs');
    assert.equal(line(sqs), 'sqs: no NO_ROUTE_TO_DESTINATION at aws_route_table.private');
    assert.equal(sqs.label, 'the sqs API');
    assert.equal(sqs.needed, false);
    assert.equal(shape(ask(run.model, 'aws_sqs_queue.jobs')), shape(sqs));
    const lookup = findDestination(run.model, 'aws_sqs_queue.jobs');
    assert.deepEqual(lookup, { kind: 'found', asked: { kind: 'service', service: 'sqs' }, standsFor: 'aws_sqs_queue.jobs' });
    // IAM prefixes name the endpoint service they are served by.
    assert.deepEqual(findDestination(run.model, 'kinesis'), { kind: 'found', asked: { kind: 'service', service: 'kinesis-streams' }, standsFor: null });
  });

  it('a destination the function needs gets the very answer of the analysis', () => {
    const run = analyseWorkspace(workspace(false, `${vpcFunction('user', { subnets: ['a'], attributes: packaged, env: 'DB = aws_db_instance.db.address' })}`));
    const user = run.result.functions.find((f) => run.model.get(f.function)?.address === 'aws_lambda_function.user');
    const analysed = user?.reach.find((r) => r.destination === 'aws_db_instance.db');
    assert.ok(analysed?.needed);
    assert.equal(shape(ask(run.model, 'aws_db_instance.db', fnOf(run.model, 'aws_lambda_function.user'))), shape(analysed));
  });

  it('names that match nothing or several objects', () => {
    const run = analyseWorkspace(workspace(true, 'resource "aws_sqs_queue" "db" { name = "other" }\n'));
    assert.deepEqual(findDestination(run.model, 'nope'), { kind: 'none' });
    assert.deepEqual(findDestination(run.model, 'aws_security_group.db'), { kind: 'none' });
    assert.deepEqual(findDestination(run.model, 'db'), { kind: 'ambiguous', matches: ['aws_db_instance.db', 'aws_sqs_queue.db'] });
  });
});
