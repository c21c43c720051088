// Names in messages: addresses, never model ids (which carry the stack path).

import * as assert from 'node:assert/strict';
import { displayName, symbolLabel } from '../../../server/src/analysis/naming';
import { unknown } from '../../../server/src/model/origin';
import { ModelFixture } from './modelFixture';

describe('naming', () => {
  const model = { get: (id: string) => (id === '/w/t.yaml::Sg' ? { address: 'Sg' } : undefined) };

  it('names objects by address and ids outside the model by their logical part', () => {
    assert.equal(displayName(model, '/w/t.yaml::Sg'), 'Sg');
    assert.equal(displayName(model, '/w/t.yaml::Missing'), 'Missing');
    assert.equal(displayName(model, null), '(none)');
    assert.equal(displayName(model, unknown('x')), '(unknown)');
  });

  it('names symbolic unknowns by what they stand for', () => {
    assert.equal(symbolLabel(unknown('r', { symbol: 'literal:subnet-0abc' })), 'subnet-0abc');
    assert.equal(symbolLabel(unknown('r', { symbol: 'param:C:/w/t.yaml:SubnetIds[1]' })), 'parameter SubnetIds[1]');
    assert.equal(symbolLabel(unknown('the reason', { symbol: 'data:x' })), 'the reason');
  });

  it('hop details name a referenced group by address, not by model id', () => {
    const f = new ModelFixture().vpc('v').subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' })
      .sg('/w/t.yaml::Fn', { vpc: 'v', egress: ['all:0.0.0.0/0'] })
      .sg('dbsg', { vpc: 'v', ingress: ['tcp:5432:sg=/w/t.yaml::Fn'] })
      .target('db', { subnets: ['a'], sgs: ['dbsg'], port: 5432 })
      .fn('f', { subnets: ['a'], sgs: ['/w/t.yaml::Fn'], env: { DB: 'db' } });
    const i = f.objects.findIndex((o) => o.id === '/w/t.yaml::Fn');
    const sgObject = f.objects[i];
    assert.ok(sgObject);
    f.objects[i] = { ...sgObject, address: 'Fn' };
    const hops = f.analyze().functions[0]?.reach.find((r) => r.destination === 'db')?.path ?? [];
    const ingress = hops.find((h) => h.componentKind === 'security-group' && h.label.includes('ingress'));
    assert.ok(ingress);
    assert.match(ingress.detail, /from group Fn allows/);
    assert.doesNotMatch(`${ingress.label} ${ingress.detail}`, /\/w\/t\.yaml/);
  });
});
