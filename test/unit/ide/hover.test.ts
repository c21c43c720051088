// Hyperplane ENI sizing in hovers: the VPC's ENI count against the quota (H5, a setting) on the function,
// subnet and VPC hovers, and what the pre-2019 model would have needed (H9), with unknown inputs stated.

import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analysis/analyze';
import { functionHover, objectHover, type HoverContext } from '../../../server/src/ide/hover';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';
import { unknown } from '../../../server/src/model/origin';
import type { LambdaFunction, ModelObject } from '../../../server/src/model/types';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { standardNetwork } from '../analysis/modelFixture';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const TERRAFORM = twoAzVpc('eu-west-1') + securityGroup('fn', 'none') + securityGroup('other', 'none')
  + vpcFunction('f', { subnets: ['a', 'b'], attributes: ['memory_size   = 1536'] })
  + vpcFunction('g', { subnets: ['a'], securityGroups: ['other'] });

function terraformHovers(quota?: number): { hover: (address: string) => string } {
  const session = new AnalysisSession({ region: 'eu-west-1' });
  session.setFile('/w/main.tf', TERRAFORM);
  const a = session.analyze();
  const ctx: HoverContext = { model: a.model, result: a.result, objects: new ObjectIndex(a.model), ...(quota !== undefined ? { eniQuotaPerVpc: quota } : {}) };
  const all: ModelObject[] = [...a.model.all('lambda-function'), ...a.model.all('subnet'), ...a.model.all('vpc')];
  return {
    hover: (address) => {
      const o = all.find((x) => x.address === address);
      assert.ok(o, address);
      return objectHover(ctx, o) ?? '';
    },
  };
}

const line = (text: string, start: string): string => text.split('\n').find((l) => l.startsWith(start)) ?? `(no line starting with ${start})`;

describe('hover: Hyperplane ENI sizing', () => {
  it('function, subnet and VPC hovers count the VPC\'s ENIs against the quota (500 by default, a setting)', () => {
    const h = terraformHovers();
    const quota = "`aws_vpc.v` needs **3** Hyperplane ENI(s); the quota is 500 per VPC (AWS's default; set `hyperplaneLens.eniQuotaPerVpc` if yours was raised) (H5).";
    assert.equal(line(h.hover('aws_lambda_function.f'), '`aws_vpc.v`').trimEnd(), quota);
    assert.equal(line(h.hover('aws_subnet.a'), '`aws_vpc.v`'), quota);
    assert.equal(line(h.hover('aws_vpc.v'), '`aws_vpc.v`'), quota);
    assert.match(h.hover('aws_vpc.v'), /^Functions attached: `aws_lambda_function\.f`, `aws_lambda_function\.g`\.$/m);
    assert.match(terraformHovers(250).hover('aws_subnet.b'), /; the quota is 250 per VPC \(from the setting `hyperplaneLens\.eniQuotaPerVpc`\) \(H5\)\.$/m);
  });

  it('the function hover shows the pre-2019 formula and says which input is unknown', () => {
    const text = line(terraformHovers().hover('aws_lambda_function.g'), 'Before Hyperplane (2019)');
    assert.match(text, /concurrency × memory \/ 3 GB/);
    assert.match(text, /today it uses 1 \(one per subnet and security-group set, whatever the concurrency\) \(H9\)\.$/);
    assert.match(text, /reserved concurrency (not read|unknown)|no reserved concurrency/, 'g sets no reserved concurrency: the hover says it cannot know the peak');
  });

  it('computes concurrency × memory / 3 GB when both are known, per 100 executions when only memory is', () => {
    const f = standardNetwork().fn('sized', { subnets: ['a', 'b'], sgs: ['lambda'] }).fn('open', { subnets: ['a'], sgs: ['lambda'] }).fn('blind', { subnets: ['b'], sgs: ['lambda'] });
    const set = (id: string, extra: Partial<LambdaFunction>): void => {
      const i = f.objects.findIndex((o) => o.id === id);
      const o = f.objects[i];
      if (o?.kind === 'lambda-function') f.objects[i] = { ...o, ...extra };
    };
    set('sized', { memorySize: 1536, reservedConcurrency: 100 });
    set('open', { memorySize: 3008, reservedConcurrency: null });
    set('blind', { memorySize: unknown('var.memory has no value'), reservedConcurrency: 10 });
    const model = f.build();
    const result = analyze(model, { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [] });
    const ctx: HoverContext = { model, result, objects: new ObjectIndex(model) };
    const pre = (id: string): string => line(functionHover(ctx, id) ?? '', 'Before Hyperplane (2019)');
    assert.equal(pre('sized'), 'Before Hyperplane (2019), it would have needed concurrency × memory / 3 GB = 100 × 1536 MB / 3072 MB ≈ **50** ENIs, each taking a subnet address; today it uses 2 (one per subnet and security-group set, whatever the concurrency) (H9).');
    assert.equal(pre('open'), 'Before Hyperplane (2019), it would have needed concurrency × memory / 3 GB ENIs: 98 per 100 concurrent executions at 3008 MB (no reserved concurrency: its peak is bounded only by the account limit); today it uses 1 (one per subnet and security-group set, whatever the concurrency) (H9).');
    assert.match(pre('blind'), /which cannot be computed here \(memory size unknown \(var\.memory has no value\)\)/);
    const vpc = model.get('v');
    assert.ok(vpc);
    assert.match(objectHover(ctx, vpc) ?? '', /each execution environment had its own ENI \(concurrency × memory \/ 3 GB per function, H9\): at least 50, since 2 function\(s\) lack the inputs:/);
  });
});
