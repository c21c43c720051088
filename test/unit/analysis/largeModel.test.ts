// Performance: a 10,000-object model (55 VPCs with 3 AZs, 660 functions). The target is well under 100 ms;
// the assertion is a regression guard on CPU time (wall time on the shared 2-core machine is meaningless).

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

describe('performance', () => {
  it('analyses a 10,000-object model quickly', () => {
    const f = largeWorkspace();
    const t0 = performance.now();
    const model = buildModel([f.output()]);
    const t1 = performance.now();
    const options = { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [] };
    analyze(model, options); // warm-up: the JIT, as in a long-running language server
    const t2 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = analyze(model, options);
    const cpu = process.cpuUsage(cpu0);
    const t3 = performance.now();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`      ${model.size} objects: build ${(t1 - t0).toFixed(1)} ms, first analysis ${(t2 - t1).toFixed(1)} ms, analysis ${(t3 - t2).toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
    assert.ok(model.size >= 10_000, `model has ${model.size} objects`);
    assert.equal(result.functions.length, 660);
    const fn = result.functions[0];
    assert.deepEqual(fn?.reach.map((r) => `${r.destination}:${r.status}`), ['internet:yes', 's3:yes', 'dynamodb:yes', 'sqs:yes', 'secretsmanager:yes', 'vpc0-db:yes']);
    assert.ok(cpuMs < 400, `analysis took ${cpuMs.toFixed(1)} ms CPU`);
  });
});
