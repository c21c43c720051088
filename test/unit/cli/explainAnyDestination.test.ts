// `explain FUNCTION --to DESTINATION` for a destination the function is not known to need: a target of the
// workspace or an AWS service, computed on demand and marked as not needed; an unknown name is a usage error
// (exit 2) listing the names there are. Runs the CLI's main() in this process on a real folder.

import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/src/cli/main';
import { UsageError } from '../../../server/src/cli/args';
import { association, dbInstance, packaged, routeTable, securityGroup, securityGroupRules, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** A VPC function without environment and a PostgreSQL instance whose group lets the VPC in on 5432, or nothing. */
function folder(dbIngress: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-explainany-'));
  writeFileSync(path.join(dir, 'main.tf'), `${twoAzVpc('us-east-1')}${routeTable('private')}${association('a', 'private')}${association('b', 'private')}${securityGroup('fn', 'all')}\
${securityGroupRules('db', { ingress: dbIngress ? [{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] : [] })}\
${dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'], attributes: ['port = 5432'] })}\
resource "aws_elasticache_cluster" "cache" {
  engine          = "redis"
  node_type       = "cache.t3.micro"
  num_cache_nodes = 1
}
${vpcFunction('fn', { subnets: ['b'], attributes: packaged })}`);
  return dir;
}

/** The exit code main() returns and what it wrote to stdout. */
async function explain(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  try {
    const code = await main(['explain', ...args]);
    return { code, stdout: chunks.join('') };
  } finally {
    process.stdout.write = write;
  }
}

/** The UsageError main() throws (the CLI prints it and exits 2). */
async function usageError(args: readonly string[]): Promise<string> {
  try {
    await explain(args);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`no usage error for ${args.join(' ')}`);
}

describe('explain --to any destination', function () {
  this.timeout(20000);

  it('a database the function does not need: its path, marked as not needed (exit 0 when reached)', async () => {
    const r = await explain(['aws_lambda_function.fn', '--to', 'aws_db_instance.db', folder(true)]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^✅ aws_db_instance\.db: reachable via the VPC \(local route\)$/m);
    assert.match(r.stdout, /^Not a destination aws_lambda_function\.fn is known to need: nothing in its environment, role or configuration names it, so no finding is raised for it\./m);
    assert.match(r.stdout, /^ {2}✓ {2}route table aws_route_table\.private {2}/m);
    assert.match(r.stdout, /^ {2}✓ {2}security groups aws_security_group\.db of aws_db_instance\.db \(ingress\) {2}/m);
    assert.ok(!/internet|Amazon S3/.test(r.stdout), 'only the destination asked about');
  });

  it('blocked by its security group: the blocking hop and the fix, exit 1', async () => {
    const r = await explain(['aws_lambda_function.fn', '--to', 'db', folder(false)]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^❌ aws_db_instance\.db: blocked \(path via the VPC \(local route\)\)$/m);
    assert.match(r.stdout, /^ {2}✗ {2}security groups aws_security_group\.db of aws_db_instance\.db \(ingress\) {2}no ingress rules at all/m);
    assert.match(r.stdout, /^Blocked at aws_security_group\.db \(SG_HAS_NO_RULES\)\.$/m);
    assert.match(r.stdout, /^- allow ingress tcp 5432 from aws_security_group\.fn in aws_security_group\.db$/m);
  });

  it('an AWS service by its endpoint name', async () => {
    const r = await explain(['fn', '--to', 'secretsmanager', folder(true)]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^❌ the secretsmanager API: blocked/m);
    assert.match(r.stdout, /^Not a destination aws_lambda_function\.fn is known to need/m);
  });

  it('a name that is nothing: exit 2, its destinations first, then the targets and the service names, capped', async () => {
    const message = await usageError(['fn', '--to', 'aws_db_instance.nope', folder(true)]);
    const lines = message.split('\n');
    assert.equal(lines[0], "no destination 'aws_db_instance.nope' for aws_lambda_function.fn; give one of");
    assert.equal(lines[1], '  its destinations: internet, s3, dynamodb');
    assert.equal(lines[2], '  targets in the workspace: aws_db_instance.db, aws_elasticache_cluster.cache');
    assert.match(lines[3] ?? '', /^ {2}AWS services by endpoint name: sqs, sns, secretsmanager, .* and \d+ more$/);
    assert.equal(lines.length, 4, message);
  });
});
