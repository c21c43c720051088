// Findings per rule, Hyperplane ENI grouping and intent, through the real engine on fixture networks.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ModelFixture, standardNetwork, unknown } from './modelFixture';
import { renderEnis, renderFindings } from '../../../server/src/analysis/renderText';
import { ruleList } from '../../../server/src/analysis/rules';
import { preHyperplaneEniEstimate } from '../../../server/src/analysis/enis';
import type { AnalysisResult } from '../../../server/src/analysis/types';

function rulesFor(result: AnalysisResult, subject: string): string[] {
  return result.findings.filter((f) => f.subject === subject).map((f) => `${f.rule} ${f.severity}`).sort();
}

describe('findings', () => {
  it('LAMBDA_NO_ROUTE_S3 for a function using S3 without endpoint or NAT, located on vpc_config with related components', () => {
    const r = standardNetwork({ nat: false }).service('bucket', 's3').fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], env: { BUCKET: 'bucket' } }).analyze();
    const f = r.findings.find((x) => x.rule === 'LAMBDA_NO_ROUTE_S3');
    assert.ok(f);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^f cannot reach Amazon S3 \(environment variable BUCKET refers to bucket\): route table priv: no route covers the destination \(E6\)$/);
    const fn = r.functions[0];
    assert.equal(fn?.function, 'f');
    assert.equal(f.origin.span.end - f.origin.span.start, 1, 'the vpc_config span of the fixture function, not its declaration');
    assert.deepEqual(f.related.map((x) => x.component), ['priv']);
    assert.deepEqual(f.fixes.map((x) => x.description), ['add an S3 gateway endpoint associated with priv', 'add a public NAT gateway in pub and route 0.0.0.0/0 in priv to it']);
  });

  it('LAMBDA_NO_ROUTE_AWS_SERVICE from role actions; LAMBDA_PARTIAL_REACH when one subnet works', () => {
    const r = standardNetwork().subnet('c', { vpc: 'v', cidr: '10.0.3.0/24', az: 'us-east-1c' }).routeTable('iso', { vpc: 'v', subnets: ['c'] })
      .role('role', { actions: ['sqs:SendMessage'], managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] })
      .fn('f', { subnets: ['c'], sgs: ['lambda'], role: 'role' }).fn('g', { subnets: ['a', 'c'], sgs: ['lambda'], role: 'role' }).analyze();
    assert.deepEqual(rulesFor(r, 'f'), ['LAMBDA_NO_ROUTE_AWS_SERVICE error', 'LAMBDA_SINGLE_AZ warning', 'LAMBDA_VPC_UNNEEDED information']);
    assert.deepEqual(rulesFor(r, 'g'), ['LAMBDA_PARTIAL_REACH warning', 'LAMBDA_VPC_UNNEEDED information']);
  });

  it('event source mappings create no need (C8)', () => {
    const r = standardNetwork({ nat: false }).service('q', 'sqs').role('role', { actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'logs:PutLogEvents'] })
      .fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], role: 'role' }).esm('m', { fn: 'f', source: 'q', service: 'sqs' }).analyze();
    assert.deepEqual(rulesFor(r, 'f'), ['LAMBDA_VPC_UNNEEDED information']);
    assert.deepEqual(r.functions[0]?.reach.filter((x) => x.needed), []);
  });

  it('LAMBDA_VPC_UNNEEDED only on complete evidence: not with a data-plane grant on a resource the workspace does not define (E1)', () => {
    // msk-lambda-schema-avro-java-sam: kafka-cluster:Connect on the cluster ARN of another stack.
    const r = standardNetwork().fn('producer', { subnets: ['a', 'b'], sgs: ['lambda'], policies: ['kafka-cluster:Connect', 'kafka-cluster:WriteData'] })
      .fn('reader', { subnets: ['a', 'b'], sgs: ['lambda'], policies: ['rds:DescribeDBInstances'] }).analyze();
    assert.ok(!rulesFor(r, 'producer').includes('LAMBDA_VPC_UNNEEDED information'), rulesFor(r, 'producer').join());
    // A control-plane call goes to the regional API: the advice stands.
    assert.ok(rulesFor(r, 'reader').includes('LAMBDA_VPC_UNNEEDED information'));
  });

  it('LAMBDA_PUBLIC_SUBNET_IGW: error when every subnet routes a needed destination to an IGW, warning when some do, information when nothing needed goes there', () => {
    const r = standardNetwork().subnet('pub2', { vpc: 'v', cidr: '10.0.9.0/24', az: 'us-east-1b' }).routeTable('pub2rt', { vpc: 'v', subnets: ['pub2'], routes: ['0.0.0.0/0 igw:igw'] })
      .fn('only', { subnets: ['pub', 'pub2'], sgs: ['lambda'], envUrl: 'https://example.com' }).fn('mixed', { subnets: ['pub', 'b'], sgs: ['lambda'], envUrl: 'https://example.com' })
      .fn('idle', { subnets: ['pub', 'pub2'], sgs: ['lambda'] }).analyze();
    assert.ok(rulesFor(r, 'only').includes('LAMBDA_PUBLIC_SUBNET_IGW error'));
    assert.ok(rulesFor(r, 'mixed').includes('LAMBDA_PUBLIC_SUBNET_IGW warning'));
    assert.ok(rulesFor(r, 'idle').includes('LAMBDA_PUBLIC_SUBNET_IGW information'));
  });

  it('NAT_NO_INTERNET_PATH for a NAT gateway in a private subnet or without EIP', () => {
    const r = standardNetwork({ nat: false }).nat('inPriv', { subnet: 'a' }).nat('noEip', { subnet: 'pub', eip: false }).nat('ok', { subnet: 'pub' }).analyze();
    assert.equal(renderFindings(r), 'NAT_NO_INTERNET_PATH error inPriv\nNAT_NO_INTERNET_PATH error noEip');
    // The cause, not only the rule: what the private subnet's table does with internet traffic.
    const inPriv = r.findings.find((f) => f.subject === 'inPriv');
    assert.match(inPriv?.message ?? '', /^inPriv is in a, so it has no way to the internet: its route table \S+ (has no route for 0\.0\.0\.0\/0|sends 0\.0\.0\.0\/0 )/);
  });

  it('SG_NO_EGRESS and CFN_EGRESS_NOT_RESTRICTED', () => {
    const r = standardNetwork().sg('tf', { vpc: 'v' }).sg('cfn', { vpc: 'v', implicitEgress: 'allow-all', standaloneEgress: ['tcp:443:10.0.0.0/16'] })
      .fn('f', { subnets: ['a', 'b'], sgs: ['tf'] }).fn('g', { subnets: ['a', 'b'], sgs: ['cfn'] }).analyze();
    assert.ok(rulesFor(r, 'f').includes('SG_NO_EGRESS error'));
    assert.deepEqual(rulesFor(r, 'cfn'), ['CFN_EGRESS_NOT_RESTRICTED information']);
    assert.match(r.findings.find((x) => x.rule === 'CFN_EGRESS_NOT_RESTRICTED')?.message ?? '', /its 1 separate egress rule adds to it rather than restricts it \(T3\)/);
  });

  it('configuration rules: C2, C3, C5, C6, P12, C1', () => {
    const f = standardNetwork().vpc('ded', { cidr: '10.9.0.0/16', tenancy: 'dedicated' }).subnet('d', { vpc: 'ded', cidr: '10.9.1.0/24' }).sg('dsg', { vpc: 'ded', egress: ['all:0.0.0.0/0'] })
      .role('bare', { actions: ['s3:GetObject'] })
      .fn('incomplete', { subnets: ['a'], sgs: [] })
      .fn('many', { subnets: ['a'], sgs: ['lambda', 's2', 's3', 's4', 's5', 's6'] })
      .fn('mixed', { subnets: ['a', 'd'], sgs: ['lambda'] })
      .fn('edge', { subnets: ['a', 'b'], sgs: ['lambda'], edge: true })
      .fn('dedicated', { subnets: ['d'], sgs: ['dsg'] })
      .fn('norole', { subnets: ['a', 'b'], sgs: ['lambda'], role: 'bare' })
      .fn('badaz', { subnets: ['a', 'b'], sgs: ['lambda'] });
    const r = f.analyze({ unsupportedAvailabilityZones: ['us-east-1b'] });
    assert.ok(rulesFor(r, 'incomplete').includes('LAMBDA_VPC_CONFIG_INCOMPLETE error'));
    assert.ok(rulesFor(r, 'many').includes('LAMBDA_VPC_LIMITS error'));
    assert.ok(rulesFor(r, 'mixed').includes('LAMBDA_VPC_LIMITS error'));
    assert.ok(rulesFor(r, 'edge').includes('LAMBDA_EDGE_VPC error'));
    assert.ok(rulesFor(r, 'dedicated').includes('LAMBDA_DEDICATED_TENANCY error'));
    assert.ok(rulesFor(r, 'norole').includes('LAMBDA_ROLE_MISSING_ENI_PERMISSIONS error'));
    assert.ok(rulesFor(r, 'badaz').includes('LAMBDA_AZ_UNSUPPORTED error'));
    assert.ok(!rulesFor(r, 'edge').includes('LAMBDA_ROLE_MISSING_ENI_PERMISSIONS error'), 'no role in the workspace: not reported');
  });

  it('the ENI permission check accepts the managed policies and wildcards, and stays silent on unknown policies', () => {
    const r = standardNetwork()
      .role('managed', { managed: ['arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess'] })
      .role('wild', { actions: ['ec2:*'] })
      .role('opaque', { managed: ['arn:aws:iam::123456789012:policy/custom'] })
      .fn('f1', { subnets: ['a', 'b'], sgs: ['lambda'], role: 'managed' })
      .fn('f2', { subnets: ['a', 'b'], sgs: ['lambda'], role: 'wild' })
      .fn('f3', { subnets: ['a', 'b'], sgs: ['lambda'], role: 'opaque' })
      .analyze();
    assert.ok(!r.findings.some((x) => x.rule === 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'));
  });

  it('LAMBDA_SINGLE_AZ uses AZ symbols when names are unknown', () => {
    const f = new ModelFixture().vpc('v').sg('s', { vpc: 'v', egress: ['all:0.0.0.0/0'] })
      .subnet('x', { vpc: 'v', cidr: '10.0.1.0/24', az: unknown('AZ #0 of the region', { symbol: 'az0' }) })
      .subnet('y', { vpc: 'v', cidr: '10.0.2.0/24', az: unknown('AZ #0 of the region', { symbol: 'az0' }) })
      .subnet('z', { vpc: 'v', cidr: '10.0.3.0/24', az: unknown('AZ #1 of the region', { symbol: 'az1' }) })
      .fn('same', { subnets: ['x', 'y'], sgs: ['s'] }).fn('two', { subnets: ['x', 'z'], sgs: ['s'] });
    const r = f.analyze();
    assert.ok(rulesFor(r, 'same').includes('LAMBDA_SINGLE_AZ warning'));
    assert.ok(!rulesFor(r, 'two').includes('LAMBDA_SINGLE_AZ warning'));
  });

  it('every rule in the catalogue has a page and a severity', () => {
    for (const rule of ruleList) {
      assert.equal(rule.doc, `docs/rules/${rule.id}.md`);
      assert.ok(existsSync(rule.doc), `${rule.doc} exists`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.severity));
    }
  });
});

describe('Hyperplane ENIs (H1, H5, H6)', () => {
  it('functions with the same subnet and exact SG set share an ENI; order of SGs does not matter', () => {
    const r = standardNetwork().sg('other', { vpc: 'v', egress: ['all:0.0.0.0/0'] })
      .fn('f1', { subnets: ['a', 'b'], sgs: ['lambda', 'other'] })
      .fn('f2', { subnets: ['a'], sgs: ['other', 'lambda'] })
      .fn('f3', { subnets: ['a'], sgs: ['lambda'] })
      .fn('nv').analyze();
    assert.equal(renderEnis(r), ['a [lambda]: f3', 'a [lambda,other]: f1, f2', 'b [lambda,other]: f1'].join('\n'));
    assert.deepEqual(r.functions.find((f) => f.function === 'f1')?.sharesEniWith, ['f2']);
    assert.deepEqual(r.functions.find((f) => f.function === 'f3')?.sharesEniWith, []);
  });

  it('LAMBDA_ENI_QUOTA per VPC and LAMBDA_SUBNET_TINY', () => {
    const f = new ModelFixture().vpc('v').subnet('tiny', { vpc: 'v', cidr: '10.0.0.0/28' });
    for (let i = 0; i < 6; i++) f.sg(`s${i}`, { vpc: 'v', egress: ['all:0.0.0.0/0'] }).fn(`f${i}`, { subnets: ['tiny'], sgs: [`s${i}`] });
    const r = f.analyze({ eniQuotaPerVpc: 6 });
    assert.deepEqual(rulesFor(r, 'v'), ['LAMBDA_ENI_QUOTA warning']);
    assert.deepEqual(rulesFor(r, 'tiny'), ['LAMBDA_SUBNET_TINY warning']);
    assert.match(r.findings.find((x) => x.rule === 'LAMBDA_SUBNET_TINY')?.message ?? '', /has 11 usable addresses and hosts 6 Hyperplane ENI combinations: more than half/);
  });

  it('LAMBDA_SUBNET_TINY (H6): a /28 with a few combinations has room; other ENIs in the subnet count', () => {
    const tiny = (combinations: number, others: (f: ModelFixture) => ModelFixture = (f) => f): AnalysisResult => {
      const f = others(new ModelFixture().vpc('v').subnet('tiny', { vpc: 'v', cidr: '10.0.0.0/28' }));
      for (let i = 0; i < combinations; i++) f.sg(`s${i}`, { vpc: 'v', egress: ['all:0.0.0.0/0'] }).fn(`f${i}`, { subnets: ['tiny'], sgs: [`s${i}`] });
      return f.analyze();
    };
    // One combination in a /28 used to warn: 1 of 11 addresses leaves room for a second set.
    assert.deepEqual(rulesFor(tiny(1), 'tiny'), []);
    assert.deepEqual(rulesFor(tiny(5), 'tiny'), []);
    const crowded = tiny(3, (f) => f.nat('n', { subnet: 'tiny' })
      .endpoint('sqs', { vpc: 'v', service: 'sqs', type: 'Interface', subnets: ['tiny'] })
      .endpoint('s3', { vpc: 'v', service: 's3', type: 'Gateway' })
      .target('efs', { kind: 'efs-mount-target', subnets: ['tiny'] }));
    assert.deepEqual(rulesFor(crowded, 'tiny'), ['LAMBDA_SUBNET_TINY warning']);
    assert.match(crowded.findings.find((x) => x.rule === 'LAMBDA_SUBNET_TINY')?.message ?? '', /hosts 3 Hyperplane ENI combinations besides 3 other network interfaces/);
  });

  it('the pre-2019 estimate helper (H9)', () => {
    assert.equal(preHyperplaneEniEstimate(100, 1536), 50);
  });
});
