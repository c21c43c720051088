// The model build: implicit VPC objects created in one place, adoption of defaults, association indexes.

import * as assert from 'node:assert/strict';
import { ModelFixture, implicitRef } from '../analysis/modelFixture';

describe('buildModel', () => {
  it('creates the main route table, default SG and default NACL of every VPC', () => {
    const m = new ModelFixture().vpc('v', { ipv6: '2600:1f18::/56' }).subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' }).build();
    assert.equal(m.get(implicitRef('v', 'main-route-table'))?.kind, 'route-table');
    assert.equal(m.routeTableOf('a').id, implicitRef('v', 'main-route-table'));
    assert.equal(m.routeTableOf('a').explicit, false);
    assert.deepEqual(m.routesOf(implicitRef('v', 'main-route-table')).map((r) => `${r.destination.kind === 'prefix-list' ? 'pl' : JSON.stringify(r.destination.cidr)} ${r.target.kind}`),
      ['"10.0.0.0/16" local', '"2600:1f18::/56" local']);
    const sg = implicitRef('v', 'default-security-group');
    assert.deepEqual(m.sgRules(sg, 'ingress').map((r) => r.peer), [{ kind: 'security-group', group: sg }]);
    assert.deepEqual(m.sgRules(sg, 'egress').map((r) => r.peer.kind === 'ipv4' || r.peer.kind === 'ipv6' ? r.peer.cidr : '?'), ['0.0.0.0/0', '::/0']);
    assert.equal(m.naclOf('a').id, implicitRef('v', 'default-network-acl'));
    assert.deepEqual(m.naclEntries(implicitRef('v', 'default-network-acl'), true).map((e) => JSON.stringify([e.ruleNumber, e.action, e.cidr ?? e.ipv6Cidr])), ['[100,"allow","0.0.0.0/0"]', '[101,"allow","::/0"]']);
  });

  it('adopted defaults have exactly their declared rules and answer for the implicit id (T3, T4)', () => {
    const m = new ModelFixture().vpc('v').subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' })
      .sg('dsg', { vpc: 'v', adoptsDefaultOf: 'v', implicitEgress: 'allow-all' })
      .nacl('dacl', { vpc: 'v', adoptsDefaultOf: 'v', ingress: ['100 allow tcp 443 10.0.0.0/16'] })
      .routeTable('drt', { vpc: 'v', adoptsMain: true, routes: ['0.0.0.0/0 igw:i'] }).igw('i', { vpc: 'v' })
      .build();
    assert.equal(m.get(implicitRef('v', 'default-security-group'))?.id, 'dsg');
    assert.deepEqual(m.sgRules(implicitRef('v', 'default-security-group'), 'ingress'), []);
    assert.deepEqual(m.sgRules('dsg', 'egress'), []);
    assert.equal(m.naclOf('a').id, 'dacl');
    assert.equal(m.naclEntries('dacl', true).length, 0);
    assert.equal(m.naclEntries('dacl', false).length, 1);
    assert.equal(m.routeTableOf('a').id, 'drt');
    assert.equal(m.routesOf('drt').length, 2);
    assert.equal(m.all('route-table').length, 1, 'no implicit main table when adopted');
  });

  it('SG implicit egress: allow-all adds IPv4 and IPv6 rules, none adds nothing (T3)', () => {
    const m = new ModelFixture().vpc('v').sg('cfn', { vpc: 'v', implicitEgress: 'allow-all' }).sg('tf', { vpc: 'v' }).build();
    assert.equal(m.sgRules('cfn', 'egress').length, 2);
    assert.equal(m.sgRules('tf', 'egress').length, 0);
  });

  it('main route table association replaces the main table; gateway endpoints add prefix-list routes (P7, E7)', () => {
    const m = new ModelFixture().vpc('v').subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' })
      .routeTable('rt', { vpc: 'v', main: true }).endpoint('s3', { vpc: 'v', service: 's3', routeTables: ['rt'] }).build();
    assert.equal(m.mainRouteTableOf('v'), 'rt');
    assert.equal(m.routeTableOf('a').id, 'rt');
    assert.deepEqual(m.routesOf('rt').map((r) => r.target.kind), ['local', 'vpc-endpoint']);
  });

  it('IGW attachment by field or attachment resource; NACL entries sorted by rule number', () => {
    const m = new ModelFixture().vpc('v').vpc('w', { cidr: '10.1.0.0/16' }).igw('i1', { vpc: 'v' }).igw('i2', { attach: 'w' })
      .nacl('n', { vpc: 'v', egress: ['300 allow all 0.0.0.0/0', '100 deny all 10.0.0.0/8', '200 allow all 0.0.0.0/0'] }).build();
    assert.deepEqual(m.vpcsOfInternetGateway('i1'), ['v']);
    assert.deepEqual(m.internetGatewaysOf('w'), ['i2']);
    assert.deepEqual(m.naclEntries('n', true).map((e) => e.ruleNumber), [100, 200, 300]);
  });

  it('region from the outputs or the option, else unknown; the model is frozen', () => {
    const f = new ModelFixture().vpc('v');
    const m = f.build();
    assert.equal(m.region, 'us-east-1');
    assert.ok(Object.isFrozen(m));
    assert.ok(Object.isFrozen(m.all('vpc')));
    assert.ok(Object.isFrozen(m.get('v')));
  });
});
