// Unknown inputs: a filter that blocks whatever the unknown value is decides "no" (docdb-lambda); unknowns
// with the same symbol compare equal for Hyperplane ENI sharing (H1); NACL rules of unknown number stay open.

import * as assert from 'node:assert/strict';
import { ModelFixture, standardNetwork, unknown } from './modelFixture';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import { renderReachLine } from '../../../server/src/analysis/renderText';

function reach(result: AnalysisResult, fn: string, dest: string): DestinationReach {
  const r = result.functions.find((x) => x.function === fn)?.reach.find((x) => x.destination === dest);
  assert.ok(r, `${fn} → ${dest}`);
  return r;
}

const subnet1 = unknown('parameter SubnetId1 has no default', { symbol: 'param:/t.yaml:SubnetId1' });
const subnet2 = unknown('parameter SubnetId2 has no default', { symbol: 'param:/t.yaml:SubnetId2' });

/** A DB whose subnets are unknown too, SG ingress 27017 from anywhere; the function SG allows egress 443 only. */
function docdb(): ModelFixture {
  return new ModelFixture()
    .sg('lambda', { vpc: 'v', egress: ['tcp:443:0.0.0.0/0'] })
    .sg('dbsg', { vpc: 'v', ingress: ['tcp:27017:0.0.0.0/0'] })
    .target('db', { kind: 'docdb-cluster', subnets: unknown('parameter SubnetIds has no default'), sgs: ['dbsg'], port: 27017 });
}

describe('unknown inputs: blocks independent of the unknowns decide', () => {
  it('SG egress that allows only 443 blocks a DB on 27017 whatever the (unknown) subnets', () => {
    const r = docdb().fn('f', { subnets: [subnet1, subnet2], sgs: ['lambda'], env: { DB: 'db' } }).analyze();
    const d = reach(r, 'f', 'db');
    assert.equal(renderReachLine(d), 'db: no ENI_SG_RULES_MISMATCH at lambda');
    assert.deepEqual(d.bySubnet.map((s) => `${s.subnet}:${s.status}`), ['parameter SubnetId1:no', 'parameter SubnetId2:no']);
    assert.match(d.fixes[0]?.description ?? '', /allow egress tcp 27017/);
    // The internet and S3 depend on the unknown routing: still unknown.
    assert.equal(reach(r, 'f', 'internet').status, 'unknown');
    assert.equal(reach(r, 'f', 's3').status, 'unknown');
  });

  it('a whole unknown subnet list with known groups is still checked against the groups', () => {
    const r = docdb().fn('f', { subnets: unknown('parameter Subnets has no default', { symbol: 'param:/t.yaml:Subnets' }), sgs: ['lambda'], env: { DB: 'db' } }).analyze();
    assert.equal(renderReachLine(reach(r, 'f', 'db')), 'db: no ENI_SG_RULES_MISMATCH at lambda');
    assert.equal(reach(r, 'f', 'internet').status, 'unknown');
  });

  it('stays unknown when the groups would allow the port', () => {
    const r = docdb().sg('open', { vpc: 'v', egress: ['tcp:27017:0.0.0.0/0'] }).fn('f', { subnets: [subnet1], sgs: ['open'], env: { DB: 'db' } }).analyze();
    assert.equal(reach(r, 'f', 'db').status, 'unknown');
  });

  it('notes once, at the function, the needed destinations that stay unknown and why (LAMBDA_REACH_UNKNOWN)', () => {
    const r = docdb().sg('open', { vpc: 'v', egress: ['tcp:27017:0.0.0.0/0'] }).fn('f', { subnets: [subnet1], sgs: ['open'], env: { DB: 'db' } }).analyze();
    const notes = r.findings.filter((f) => f.rule === 'LAMBDA_REACH_UNKNOWN');
    assert.deepEqual(notes.map((f) => [f.severity, f.message]), [
      ['information', 'cannot tell whether f reaches db, which it needs: subnet parameter SubnetId1: the subnet is unknown: parameter SubnetId1 has no default'],
    ]);
    // Destinations the function does not need are not noted, whatever their answer.
    assert.equal(reach(r, 'f', 's3').needed, false);
  });

  it('gives no unknown note when the needed destination is decided', () => {
    const r = docdb().fn('f', { subnets: [subnet1, subnet2], sgs: ['lambda'], env: { DB: 'db' } }).analyze();
    assert.deepEqual(r.findings.filter((f) => f.rule === 'LAMBDA_REACH_UNKNOWN'), []);
  });

  it('the target SG ingress blocks too when it admits nothing on the port, even with the target subnets unknown', () => {
    const r = standardNetwork()
      .sg('dbsg', { vpc: 'v', ingress: ['tcp:5432:10.9.0.0/16'] })
      .target('db', { subnets: unknown('var.db_subnets has no default'), sgs: ['dbsg'], port: 3306 })
      .fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB: 'db' } })
      .analyze();
    assert.equal(renderReachLine(reach(r, 'f', 'db')), 'db: no ENI_SG_RULES_MISMATCH at dbsg');
  });

  it('an SG rule naming a group cannot decide against a peer whose groups are unknown (service endpoint)', () => {
    const r = new ModelFixture().sg('lambda', { vpc: 'v', egress: ['tcp:443:sg=other'] }).sg('other', { vpc: 'v' })
      .fn('f', { subnets: [subnet1], sgs: ['lambda'] }).analyze();
    assert.equal(reach(r, 'f', 's3').status, 'unknown');
    assert.equal(reach(r, 'f', 'internet').status, 'no');
  });
});

describe('unknown inputs: Hyperplane ENI sharing by symbol (H1)', () => {
  const sgs = [unknown('parameter SecurityGroupIds has no default', { symbol: 'param:/t.yaml:SecurityGroupIds[0]' })];

  it('functions with the same symbolic subnets and groups share ENIs, one per subnet', () => {
    const r = new ModelFixture()
      .fn('f1', { subnets: [subnet1, subnet2], sgs })
      .fn('f2', { subnets: [subnet1, subnet2], sgs })
      .fn('f3', { subnets: [subnet1], sgs: [unknown('a group', { symbol: 'literal:sg-other' })] })
      .analyze();
    const shares = Object.fromEntries(r.functions.map((f) => [f.function, f.sharesEniWith.join(',')]));
    assert.deepEqual(shares, { f1: 'f2', f2: 'f1', f3: '' });
    assert.deepEqual(r.enis.map((e) => `${e.subnet} [${e.securityGroups.join(',')}]: ${e.functions.join(',')}`), [
      'parameter SubnetId1 [sg-other]: f3',
      'parameter SubnetId1 [parameter SecurityGroupIds[0]]: f1,f2',
      'parameter SubnetId2 [parameter SecurityGroupIds[0]]: f1,f2',
    ]);
    assert.equal(r.enis[1]?.unknownSubnet?.symbol, 'param:/t.yaml:SubnetId1');
  });

  it('the same unknown subnet list shares ENIs without counting them', () => {
    const list = unknown('parameter SubnetIds has no default', { symbol: 'param:/t.yaml:SubnetIds' });
    const r = new ModelFixture().fn('f1', { subnets: list, sgs: list }).fn('f2', { subnets: list, sgs: list }).analyze();
    assert.deepEqual(r.functions.map((f) => f.sharesEniWith), [['f2'], ['f1']]);
    assert.equal(r.enis.length, 0);
  });

  it('unknowns without a symbol are never equal', () => {
    const u = (): ReturnType<typeof unknown> => unknown('a data source');
    const r = new ModelFixture().fn('f1', { subnets: [u()], sgs: [u()] }).fn('f2', { subnets: [u()], sgs: [u()] })
      .fn('f3', { subnets: [subnet1], sgs: [u()] }).fn('f4', { subnets: [subnet1], sgs: [u()] }).analyze();
    assert.deepEqual(r.functions.map((f) => f.sharesEniWith.length), [0, 0, 0, 0]);
  });
});

describe('unknown inputs: NACL rules of unknown number (P5)', () => {
  function withAcl(ingress: string[]): ModelFixture {
    return standardNetwork().nacl('acl', { vpc: 'v', subnets: ['a'], ingress, egress: ['100 allow all 0.0.0.0/0'] });
  }
  const unnumbered = (acl: string, action: 'allow' | 'deny' | null): ModelFixture['objects'][number] => ({
    id: `${acl}-rules[*]`, address: 'aws_network_acl_rule.dynamic', stack: '/test', origin: { file: '/test/main.tf', span: { start: 0, end: 1 } },
    kind: 'network-acl-entry', acl, ruleNumber: unknown('count is unknown'), egress: false, action: action ?? unknown('count is unknown'),
    protocol: action === null ? unknown('count is unknown') : 'tcp', cidr: action === null ? unknown('count is unknown') : '0.0.0.0/0', ipv6Cidr: null,
    fromPort: action === null ? unknown('x') : 1024, toPort: action === null ? unknown('x') : 65535, inline: false,
  });

  it('a rule of unknown number and fields leaves an otherwise denied return path unknown, not blocked', () => {
    const r = withAcl([]).add(unnumbered('acl', null)).fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze();
    const d = reach(r, 'f', 'internet');
    assert.equal(d.status, 'unknown');
    assert.match(d.explanation, /aws_network_acl_rule\.dynamic decides inbound .* its rule number is unknown: count is unknown/);
  });

  it('an unnumbered allow cannot change an allowed request; an unnumbered deny can', () => {
    const allowed = ['100 allow tcp 1024-65535 0.0.0.0/0'];
    assert.equal(reach(withAcl(allowed).add(unnumbered('acl', 'allow')).fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze(), 'f', 'internet').status, 'yes');
    assert.equal(reach(withAcl(allowed).add(unnumbered('acl', 'deny')).fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze(), 'f', 'internet').status, 'unknown');
    assert.equal(reach(withAcl([]).add(unnumbered('acl', 'deny')).fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze(), 'f', 'internet').status, 'no');
  });
});
