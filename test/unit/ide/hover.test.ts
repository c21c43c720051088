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
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, natGateway, provider, route, routeTable, securityGroup, twoAzVpc, vpc, vpcFunction } from '../support/terraformPieces';

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
    const quota = "`aws_vpc.v` needs **3 Hyperplane ENIs**; the quota is 500 per VPC (AWS's default; set `hyperplaneLens.eniQuotaPerVpc` if yours was raised) (H5).";
    assert.equal(line(h.hover('aws_lambda_function.f'), '`aws_vpc.v`').trimEnd(), quota);
    assert.equal(line(h.hover('aws_subnet.a'), '`aws_vpc.v`'), quota);
    assert.equal(line(h.hover('aws_vpc.v'), '`aws_vpc.v`'), quota);
    assert.match(h.hover('aws_vpc.v'), /^Functions attached: `aws_lambda_function\.f`, `aws_lambda_function\.g`\.$/m);
    assert.match(terraformHovers(250).hover('aws_subnet.b'), /; the quota is 250 per VPC \(from the setting `hyperplaneLens\.eniQuotaPerVpc`\) \(H5\)\.$/m);
  });

  it('the function hover shows the pre-2019 formula and says which input is unknown', () => {
    const text = line(terraformHovers().hover('aws_lambda_function.g'), 'Before Hyperplane (2019)');
    assert.match(text, /concurrency × memory \/ 3 GB/);
    assert.match(text, /today 1, one per subnet and security-group set, whatever the concurrency \(H9\)\.$/);
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
    assert.equal(pre('sized'), 'Before Hyperplane (2019): concurrency × memory / 3 GB = 100 × 1536 MB / 3072 MB ≈ **50** ENIs, each taking a subnet address; today 2, one per subnet and security-group set, whatever the concurrency (H9).');
    assert.equal(pre('open'), 'Before Hyperplane (2019): concurrency × memory / 3 GB = 98 ENIs per 100 concurrent executions at 3008 MB (no reserved concurrency: its peak is bounded only by the account limit); today 1, one per subnet and security-group set, whatever the concurrency (H9).');
    assert.match(pre('blind'), /ENIs, not computable here \(memory size unknown \(var\.memory has no value\)\)/);
    const vpc = model.get('v');
    assert.ok(vpc);
    assert.match(objectHover(ctx, vpc) ?? '', /each execution environment had its own ENI \(concurrency × memory \/ 3 GB per function, H9\): at least 50, since 2 functions lack the inputs:/);
  });
});

describe('hover: subnets and path components', () => {
  const run = (text: string): ((address: string) => string) => {
    const w = analyseWorkspace({ '/w/main.tf': text });
    const ctx: HoverContext = { model: w.model, result: w.result, objects: new ObjectIndex(w.model) };
    return (address) => {
      const o = [...w.model.all('subnet'), ...w.model.all('route-table'), ...w.model.all('nat-gateway'), ...w.model.all('security-group')].find((x) => x.address === address);
      assert.ok(o, address);
      return objectHover(ctx, o) ?? '';
    };
  };

  it('counts an AZ picked from data.aws_availability_zones from 1, as the topology panel does', () => {
    const hover = run(`${provider('eu-west-1')}${vpc()}
data "aws_availability_zones" "available" {}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.available.names[0]
}
resource "aws_subnet" "c" {
  count             = 3
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.\${count.index + 4}.0/24"
  availability_zone = element(data.aws_availability_zones.available.names, count.index)
}
`);
    assert.equal(hover('aws_subnet.a').split('\n')[0], '**aws_subnet.a** · 10.0.1.0/24 · AZ 1 of the Region (`data.aws_availability_zones.available.names[0]`, chosen by AWS)');
    // element() counts round the list: a Region with two zones puts c[2] in the first.
    assert.equal(hover('aws_subnet.c[2]').split('\n')[0], '**aws_subnet.c[2]** · 10.0.6.0/24 · AZ 3 of the Region (`data.aws_availability_zones.available.names[2]`, chosen by AWS; counting round when the Region has fewer than 3)');
  });

  it('says when a component passes a path that is blocked further on', () => {
    const hover = run(twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + securityGroup('extra', 'none')
      + routeTable('rt', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'rt')
      + natGateway('n', 'b')
      + vpcFunction('f', { subnets: ['a'], securityGroups: ['fn', 'extra'] }));
    // The NAT gateway's subnet has no route to an internet gateway (E3): the path ends at its route table.
    assert.equal(hover('aws_route_table.rt'), [
      '**aws_route_table.rt**',
      '',
      'Lambda paths through it:',
      '- ✓ `aws_lambda_function.f` → the internet (IPv4): 0.0.0.0/0 → nat-gateway aws_nat_gateway.n, but ❌ the path is blocked later at `aws_vpc.v (main route table)`',
      '- ✓ `aws_lambda_function.f` → Amazon S3: 0.0.0.0/0 → nat-gateway aws_nat_gateway.n, but ❌ the path is blocked later at `aws_vpc.v (main route table)`',
      '- ✓ `aws_lambda_function.f` → Amazon DynamoDB: 0.0.0.0/0 → nat-gateway aws_nat_gateway.n, but ❌ the path is blocked later at `aws_vpc.v (main route table)`',
    ].join('\n'));
    const egress = '→ the internet (IPv4), Amazon S3, Amazon DynamoDB: with `aws_security_group.extra`, egress rule all traffic to 0.0.0.0/0 allows a public IPv4 address tcp 443, but ❌ the path is blocked later at `aws_vpc.v (main route table)`';
    assert.equal(hover('aws_security_group.fn'), [
      '**aws_security_group.fn** · security group',
      '',
      'Decides Lambda paths as the egress group of one function. ✓ says this group allows; what becomes of the path follows.',
      '',
      `- ✓ **egress** of \`f\` ${egress}`,
    ].join('\n'));
    // The function's groups decide together (P1): each group's hover names the other.
    assert.match(hover('aws_security_group.extra'), /^- ✓ \*\*egress\*\* of `f` → the internet \(IPv4\), Amazon S3, Amazon DynamoDB: with `aws_security_group\.fn`, egress rule all traffic/m);
  });
});
