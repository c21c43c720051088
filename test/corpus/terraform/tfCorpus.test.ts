// Reads every Terraform case of the shared corpus with the real front end: no crash, no syntax error, and
// for cases with expected.json the VPC-attached aws_lambda_function addresses are exactly the expected ones.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readTerraform } from '../../../server/src/frontends/terraform';
import type { LambdaFunction } from '../../../server/src/model/types';
import { memoryView } from '../../unit/frontends/terraform/tfFixture';
import { corpusCases } from '../corpusCases';

function isTerraformInput(name: string, full: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json') || name.endsWith('.tfvars') || name.endsWith('.tfvars.json') || full.endsWith('/.terraform/modules/modules.json');
}

function readFiles(dir: string, out: Map<string, string>): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) readFiles(full, out);
    else if (isTerraformInput(name, full.split(path.sep).join('/'))) out.set(full.split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

interface Expected {
  readonly functions?: Readonly<Record<string, { readonly vpcAttached?: boolean }>>;
}

describe('Terraform corpus', function () {
  const cases = corpusCases().filter((c) => [...readFiles(c.dir, new Map()).keys()].some((p) => p.endsWith('.tf') || p.endsWith('.tf.json')));

  it('has Terraform cases', () => assert.ok(cases.length >= 20, `found ${cases.length}`));

  for (const c of cases) {
    it(`reads ${c.name}`, () => {
      const files = readFiles(c.dir, new Map());
      const view = memoryView(files);
      for (const p of view.paths) {
        const problems = (view.hcl(p)?.problems ?? []).filter((x) => x.severity === 'error');
        assert.deepEqual(problems.map((x) => `${p}: ${x.message}`), [], 'syntax errors');
      }
      const out = readTerraform(view, {});
      assert.ok(out.stacks.length > 0, 'no root module found');
      assert.deepEqual(out.problems.filter((p) => p.code === 'tf-internal-error').map((p) => p.message), []);
      const expectedPath = path.join(c.dir, 'expected.json');
      if (!existsSync(expectedPath)) return;
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
      const functions = out.objects.filter((o): o is LambdaFunction => o.kind === 'lambda-function' && /(^|\.)aws_lambda_function\./.test(o.address));
      const attached = functions.filter((f) => f.vpcConfig !== null).map((f) => f.address).sort();
      const wanted = Object.entries(expected.functions ?? {}).filter(([, f]) => f.vpcAttached === true).map(([a]) => a).sort();
      assert.deepEqual(attached, wanted, 'VPC-attached functions');
      for (const [address, f] of Object.entries(expected.functions ?? {})) {
        if (f.vpcAttached !== false) continue;
        const fn = functions.find((x) => x.address === address);
        assert.ok(fn, `${address} is read`);
        assert.equal(fn.vpcConfig, null, `${address} has no VPC config`);
      }
    });
  }
});
