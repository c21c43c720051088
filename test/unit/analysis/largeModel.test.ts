// A 10,000-object model (55 VPCs with 3 AZs, 660 functions) analysed twice in one process, as a language
// server does: the answers are right and stable at that size. Its speed is measured by `npm run bench`, not
// asserted here (tests carry no timing assertions).

import * as assert from 'node:assert/strict';
import { ModelFixture } from './modelFixture';
import { buildModel } from '../../../server/src/model/build';
import { analyze } from '../../../server/src/analysis/analyze';

function largeWorkspace(): ModelFixture {
  const f = new ModelFixture();
  for (let v = 0; v < 55; v++) {
    const vpc = `vpc${v}`;
    f.vpc(vpc, { cidr: `10.${v}.0.0/16` }).igw(`${vpc}-igw`, { vpc });
    for (let az = 0; az < 3; az++) {
      const zone = `us-east-1${'abc'[az] ?? 'a'}`;
      f.subnet(`${vpc}-pub${az}`, { vpc, cidr: `10.${v}.${az}.0/24`, az: zone });
      f.nat(`${vpc}-nat${az}`, { subnet: `${vpc}-pub${az}` });
      const priv = [0, 1, 2].map((k) => `${vpc}-p${az}-${k}`);
      priv.forEach((s, k) => f.subnet(s, { vpc, cidr: `10.${v}.${10 + az * 3 + k}.0/24`, az: zone }));
      f.routeTable(`${vpc}-prt${az}`, { vpc, subnets: priv, routes: [`0.0.0.0/0 nat:${vpc}-nat${az}`] });
    }
    f.routeTable(`${vpc}-public`, { vpc, subnets: [0, 1, 2].map((az) => `${vpc}-pub${az}`), routes: [`0.0.0.0/0 igw:${vpc}-igw`] });
    f.endpoint(`${vpc}-s3`, { vpc, service: 's3', routeTables: [`${vpc}-prt0`, `${vpc}-prt1`] });
    f.sg(`${vpc}-vpce`, { vpc, ingress: [`tcp:443:10.${v}.0.0/16`] });
    f.endpoint(`${vpc}-sqs`, { vpc, service: 'sqs', type: 'Interface', subnets: [`${vpc}-p0-0`, `${vpc}-p1-0`, `${vpc}-p2-0`], sgs: [`${vpc}-vpce`] });
    f.nacl(`${vpc}-acl`, { vpc, subnets: [0, 1, 2].flatMap((az) => [0, 1, 2].map((k) => `${vpc}-p${az}-${k}`)),
      ingress: ['100 allow all 10.0.0.0/8', '110 allow tcp 1024-65535 0.0.0.0/0'], egress: ['100 allow all 0.0.0.0/0'] });
    for (let s = 0; s < 12; s++) f.sg(`${vpc}-sg${s}`, { vpc, egress: ['tcp:443:0.0.0.0/0', `tcp:5432:10.${v}.0.0/16`] });
    f.sg(`${vpc}-dbsg`, { vpc, ingress: [0, 1, 2, 3].map((s) => `tcp:5432:sg=${vpc}-sg${s}`) });
    f.subnetGroup(`${vpc}-sng`, [`${vpc}-p0-2`, `${vpc}-p1-2`]);
    f.target(`${vpc}-db`, { subnetGroup: `${vpc}-sng`, sgs: [`${vpc}-dbsg`], port: 5432 });
    for (let i = 0; i < 12; i++) {
      const fn = `${vpc}-fn${i}`;
      f.service(`${fn}-bucket`, 's3').service(`${fn}-queue`, 'sqs').service(`${fn}-table`, 'dynamodb').service(`${fn}-secret`, 'secretsmanager');
      f.role(`${fn}-role`, { managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'], actions: ['s3:GetObject', 'sqs:SendMessage', 'dynamodb:GetItem'] });
      f.fn(fn, {
        subnets: [0, 1, 2].map((az) => `${vpc}-p${az}-${i % 2}`), sgs: [`${vpc}-sg${i % 4}`], role: `${fn}-role`,
        env: { BUCKET: `${fn}-bucket`, QUEUE: `${fn}-queue`, TABLE: `${fn}-table`, SECRET: `${fn}-secret`, DB: `${vpc}-db` },
      });
    }
  }
  return f;
}

describe('a large model', () => {
  it('analyses a 10,000-object model, the same way twice', () => {
    const f = largeWorkspace();
    const model = buildModel([f.output()]);
    const options = { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [] };
    const first = analyze(model, options);
    const result = analyze(model, options);
    assert.ok(model.size >= 10_000, `model has ${model.size} objects`);
    assert.equal(result.functions.length, 660);
    const fn = result.functions[0];
    assert.deepEqual(fn?.reach.map((r) => `${r.destination}:${r.status}`), ['internet:yes', 's3:yes', 'dynamodb:yes', 'sqs:yes', 'secretsmanager:yes', 'vpc0-db:yes']);
    const summary = (r: typeof result): string[] => r.functions.map((x) => `${x.function} ${x.reach.map((d) => d.status).join(',')}`);
    assert.deepEqual(summary(result), summary(first));
  });
});
