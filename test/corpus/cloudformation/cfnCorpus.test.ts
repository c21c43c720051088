// Corpus test: every CloudFormation/SAM case of the shared corpus (HYPERPLANE_CORPUS, default
// /work/shared/corpus) is read without a crash, and the Lambda functions found (logical ids, VPC attachment),
// their subnets and security groups match the case's expected.json / EXPECTED.md.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isUnknown } from '../../../server/src/model/origin';
import type { LambdaFunction, ModelObject } from '../../../server/src/model/types';
import { looksLikeTemplate, readCloudFormation } from '../../../server/src/frontends/cloudformation';
import { memoryView } from '../../unit/frontends/cloudformation/cfnFixture';

const CORPUS = process.env['HYPERPLANE_CORPUS'] ?? '/work/shared/corpus';

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json|template)$/.test(name) && name !== 'expected.json') out.push(p);
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly files: Map<string, string>;
}

function cases(): Case[] {
  if (!existsSync(join(CORPUS, 'INDEX.md'))) return [];
  const out: Case[] = [];
  for (const group of readdirSync(CORPUS)) {
    const g = join(CORPUS, group);
    if (!statSync(g).isDirectory()) continue;
    for (const c of readdirSync(g)) {
      const dir = join(g, c);
      if (!statSync(dir).isDirectory()) continue;
      const files = new Map<string, string>();
      for (const p of walk(dir, [])) {
        const text = readFileSync(p, 'utf8');
        if (looksLikeTemplate(text)) files.set(p, text);
      }
      if (files.size > 0) out.push({ name: `${group}/${c}`, dir, files });
    }
  }
  return out;
}

/** Subnets and security groups per function, as EXPECTED.md states them (logical ids of the network objects). */
const NETWORK: Readonly<Record<string, Readonly<Record<string, { subnets: string[]; sgs: string[] }>>>> = {
  'serverless-patterns/apigw-lambda-efs-sam': { HelloEfsFunction: { subnets: ['EfsLambdaSubnetA', 'EfsLambdaSubnetB'], sgs: ['EfsLambdaSecurityGroup'] } },
  'aws-lambda-developer-guide/rds-mysql': { function: { subnets: ['privateSubnetA', 'privateSubnetB'], sgs: ['privateVPC#default-security-group'] } },
  'serverless-patterns/vpc-lattice-lambda': {},
  'workload-discovery-on-aws/cfn-templates': {
    GremlinAppSyncFunction: { subnets: ['PrivateSubnet0', 'PrivateSubnet1'], sgs: ['GremlinResolverLambdaSg'] },
    OpenSearchSetupFunction: { subnets: ['PrivateSubnet0', 'PrivateSubnet1'], sgs: ['SearchLambdaSg'] },
    SearchApiAppSyncFunction: { subnets: ['PrivateSubnet0', 'PrivateSubnet1'], sgs: ['SearchLambdaSg'] },
  },
};

function shortId(v: unknown): string {
  if (isUnknown(v)) return `?${v.reason}`;
  const s = String(v);
  return s.slice(s.lastIndexOf('::') + 2);
}

function functionsOf(objects: readonly ModelObject[]): Map<string, LambdaFunction> {
  const out = new Map<string, LambdaFunction>();
  for (const o of objects) if (o.kind === 'lambda-function') out.set(o.address.slice(o.address.lastIndexOf('/') + 1), o);
  return out;
}

describe('cloudformation corpus', function () {
  this.timeout(60000);
  const all = cases();
  it('finds the CloudFormation cases', () => {
    if (existsSync(join(CORPUS, 'INDEX.md'))) assert.ok(all.length >= 25, `only ${all.length} cases`);
  });
  for (const c of all) {
    it(`reads ${c.name}`, () => {
      const out = readCloudFormation(memoryView(c.files), {});
      const fns = functionsOf(out.objects);
      const expectedPath = join(c.dir, 'expected.json');
      if (existsSync(expectedPath)) {
        const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { functions?: Record<string, { vpcAttached?: boolean }> };
        for (const [id, facts] of Object.entries(expected.functions ?? {})) {
          const fn = fns.get(id);
          assert.ok(fn !== undefined, `${c.name}: function ${id} not found (have ${[...fns.keys()].join(', ')})`);
          if (facts.vpcAttached !== undefined) assert.equal(fn.vpcConfig !== null, facts.vpcAttached, `${c.name}: ${id} vpcAttached`);
        }
      }
      for (const [id, net] of Object.entries(NETWORK[c.name] ?? {})) {
        const fn = fns.get(id);
        assert.ok(fn?.vpcConfig, `${c.name}: ${id} has no VpcConfig`);
        const subnets = fn.vpcConfig.subnets;
        const sgs = fn.vpcConfig.securityGroups;
        assert.deepEqual(Array.isArray(subnets) ? subnets.map(shortId) : shortId(subnets), net.subnets, `${c.name}: ${id} subnets`);
        assert.deepEqual(Array.isArray(sgs) ? sgs.map(shortId) : shortId(sgs), net.sgs, `${c.name}: ${id} security groups`);
      }
    });
  }
});
