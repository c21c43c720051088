// Reachability per destination through the real model build and engine, on fixture networks.

import * as assert from 'node:assert/strict';
import { ModelFixture, standardNetwork, unknown } from './modelFixture';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import { renderReachLine } from '../../../server/src/analysis/renderText';

function reach(result: AnalysisResult, fn: string, dest: string): DestinationReach {
  const f = result.functions.find((x) => x.function === fn);
  assert.ok(f, `function ${fn}`);
  const r = f.reach.find((x) => x.destination === dest);
  assert.ok(r, `destination ${dest} of ${fn}: ${f.reach.map((x) => x.destination).join(', ')}`);
  return r;
}

function line(result: AnalysisResult, fn: string, dest: string): string {
  return renderReachLine(reach(result, fn, dest));
}

describe('reachability: internet', () => {
  it('reaches the internet through a NAT gateway in a public subnet', () => {
    const r = standardNetwork().fn('f', { subnets: ['a', 'b'], sgs: ['lambda'] }).analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: yes via nat-gateway');
    const path = reach(r, 'f', 'internet').path.map((h) => `${h.componentKind}:${h.verdict}`);
    assert.deepEqual(path, [
      'hyperplane-eni:pass', 'security-group:pass', 'network-acl:pass', 'network-acl:pass', 'route-table:pass',
      'network-acl:pass', 'network-acl:pass', 'nat-gateway:pass', 'route-table:pass', 'network-acl:pass', 'network-acl:pass', 'internet-gateway:pass', 'internet:pass',
    ]);
  });

  it('a function without VPC config reaches the internet and AWS services through the Lambda service VPC (M1)', () => {
    const r = new ModelFixture().fn('f').analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: yes via lambda-service-vpc');
    assert.equal(line(r, 'f', 's3'), 's3: yes via lambda-service-vpc');
  });

  it('no route to the internet offers NAT fixes', () => {
    const r = standardNetwork({ nat: false }).fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze();
    const d = reach(r, 'f', 'internet');
    assert.equal(renderReachLine(d), 'internet: no NO_ROUTE_TO_DESTINATION at priv');
    assert.deepEqual(d.fixes[0]?.changes.map((c) => c.kind), ['add-nat-gateway', 'add-nat-route']);
    assert.deepEqual(d.fixes[0]?.changes[0], { kind: 'add-nat-gateway', vpc: 'v', publicSubnet: 'pub' });
  });

  it('a route to an IGW from the function subnet gives no internet (E2)', () => {
    const r = standardNetwork().fn('f', { subnets: ['pub'], sgs: ['lambda'] }).analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: no IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS at igw');
  });

  it('NAT gateway in a private subnet (its table routes to a NAT) is blocked at the NAT subnet table', () => {
    const f = standardNetwork({ nat: false })
      .subnet('c', { vpc: 'v', cidr: '10.0.3.0/24', az: 'us-east-1a' })
      .routeTable('natrt', { vpc: 'v', subnets: ['c'], routes: ['0.0.0.0/0 nat:nat'] })
      .nat('nat', { subnet: 'c' })
      .route('priv', '0.0.0.0/0 nat:nat')
      .fn('f', { subnets: ['a'], sgs: ['lambda'] });
    const d = reach(f.analyze(), 'f', 'internet');
    assert.equal(renderReachLine(d), 'internet: no via nat-gateway NO_ROUTE_TO_DESTINATION at natrt');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'add-route', routeTable: 'natrt', destination: '0.0.0.0/0', target: 'igw' }]);
  });

  it('NAT gateway in the same subnet as the function routes to itself: no internet', () => {
    const f = standardNetwork({ nat: false }).nat('nat', { subnet: 'a' }).route('priv', '0.0.0.0/0 nat:nat').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(f.analyze(), 'f', 'internet'), 'internet: no via nat-gateway NO_ROUTE_TO_DESTINATION at priv');
  });

  it('NAT gateway without Elastic IP and private NAT gateways give no internet', () => {
    const noEip = standardNetwork({ nat: false }).nat('nat', { subnet: 'pub', eip: false }).route('priv', '0.0.0.0/0 nat:nat').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(noEip.analyze(), 'f', 'internet'), 'internet: no via nat-gateway LAMBDA_NAT_NO_ELASTIC_IP at nat');
    const priv = standardNetwork({ nat: false }).nat('nat', { subnet: 'pub', private: true }).route('priv', '0.0.0.0/0 nat:nat').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(priv.analyze(), 'f', 'internet'), 'internet: no via nat-gateway LAMBDA_NAT_PRIVATE at nat');
  });

  it('IGW not attached to the VPC blocks the NAT path; an attachment resource attaches it', () => {
    const base = (): ModelFixture => new ModelFixture().vpc('v')
      .subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' }).subnet('pub', { vpc: 'v', cidr: '10.0.0.0/24' })
      .routeTable('public', { vpc: 'v', subnets: ['pub'], routes: ['0.0.0.0/0 igw:igw'] })
      .routeTable('priv', { vpc: 'v', subnets: ['a'], routes: ['0.0.0.0/0 nat:nat'] })
      .nat('nat', { subnet: 'pub' }).sg('lambda', { vpc: 'v', egress: ['all:0.0.0.0/0'] }).fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(base().igw('igw').analyze(), 'f', 'internet'), 'internet: no via nat-gateway LAMBDA_IGW_NOT_ATTACHED at igw');
    assert.equal(line(base().igw('igw', { attach: 'v' }).analyze(), 'f', 'internet'), 'internet: yes via nat-gateway');
  });

  it('blackhole route to a NAT gateway that is gone (E12)', () => {
    const f = standardNetwork({ nat: false }).route('priv', '0.0.0.0/0 nat:gone').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(f.analyze(), 'f', 'internet'), 'internet: no BAD_STATE_ROUTE at gone');
  });

  it('longest-prefix match: routes for parts of the public space decide it together (P9)', () => {
    // P9: the /1 routes beat the default route for the addresses they cover; together they cover every public
    // address and send it to the internet gateway, which drops it (the Hyperplane ENI has no public IP, M3).
    const both = standardNetwork().route('priv', '0.0.0.0/1 igw:igw').route('priv', '128.0.0.0/1 igw:igw').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(both.analyze(), 'f', 'internet'), 'internet: no IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS at igw');
    // One half alone: the other half still goes to the NAT gateway, and which half "the internet" is in is open.
    const half = standardNetwork().route('priv', '0.0.0.0/1 igw:igw').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    const d = half.analyze().functions.find((x) => x.function === 'f')?.reach.find((x) => x.destination === 'internet');
    assert.equal(d?.status, 'unknown');
    assert.match(d?.explanation ?? '', /sends 0\.0\.0\.0\/1, part of the public address space, to internet-gateway, and the rest goes to nat-gateway/);
  });

  it('main route table fallback and replaced main table (P7)', () => {
    const f = new ModelFixture().vpc('v').subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' }).subnet('pub', { vpc: 'v', cidr: '10.0.0.0/24' })
      .igw('igw', { vpc: 'v' }).routeTable('public', { vpc: 'v', subnets: ['pub'], routes: ['0.0.0.0/0 igw:igw'] }).nat('nat', { subnet: 'pub' })
      .sg('lambda', { vpc: 'v', egress: ['all:0.0.0.0/0'] }).fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(f.analyze(), 'f', 'internet'), 'internet: no NO_ROUTE_TO_DESTINATION at v#main-route-table');
    f.routeTable('newmain', { vpc: 'v', main: true, routes: ['0.0.0.0/0 nat:nat'] });
    assert.equal(line(f.analyze(), 'f', 'internet'), 'internet: yes via nat-gateway');
  });

  it('unknown inputs give unknown, never a guess', () => {
    const f = standardNetwork()
      .fn('u1', { subnets: unknown('var.subnet_ids has no default'), sgs: ['lambda'] })
      .fn('u2', { subnets: [unknown('literal subnet-0abc')], sgs: ['lambda'] })
      .fn('u3', { subnets: ['a'], sgs: [unknown('literal sg-0abc')] })
      .fn('u4', { subnets: ['elsewhere'], sgs: ['lambda'] });
    const r = f.analyze();
    assert.equal(reach(r, 'u1', 'internet').status, 'unknown');
    assert.match(reach(r, 'u1', 'internet').explanation, /var\.subnet_ids/);
    assert.equal(reach(r, 'u2', 'internet').status, 'unknown');
    assert.equal(reach(r, 'u3', 'internet').status, 'unknown');
    assert.equal(reach(r, 'u4', 'internet').status, 'unknown');
  });

  it('a known SG allowing egress decides even when another SG is unknown (union, P1)', () => {
    const r = standardNetwork().fn('f', { subnets: ['a'], sgs: ['lambda', unknown('literal sg-1')] }).analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: yes via nat-gateway');
  });

  it('partial reachability across AZs: one subnet routes to NAT, the other has no route', () => {
    const f = standardNetwork().subnet('c', { vpc: 'v', cidr: '10.0.3.0/24', az: 'us-east-1c' })
      .routeTable('isolated', { vpc: 'v', subnets: ['c'] }).fn('f', { subnets: ['a', 'c'], sgs: ['lambda'], envUrl: 'https://api.example.com' });
    const d = reach(f.analyze(), 'f', 'internet');
    assert.equal(renderReachLine(d), 'internet: partial via nat-gateway NO_ROUTE_TO_DESTINATION at isolated');
    assert.deepEqual(d.bySubnet.map((s) => `${s.subnet}:${s.status}`), ['a:yes', 'c:no']);
    assert.equal(d.needed, true);
  });

  it('IPv6 egress through an egress-only internet gateway only when allowed for dual stack (E11)', () => {
    const f = new ModelFixture().vpc('v', { ipv6: '2600:1f18::/56' }).subnet('a', { vpc: 'v', cidr: '10.0.1.0/24', ipv6: '2600:1f18:0:1::/64' })
      .eigw('eigw', { vpc: 'v' }).routeTable('rt', { vpc: 'v', subnets: ['a'], routes: ['::/0 eigw:eigw'] })
      .sg('lambda', { vpc: 'v', egress: ['all:::/0'] })
      .fn('dual', { subnets: ['a'], sgs: ['lambda'], ipv6: true }).fn('v4only', { subnets: ['a'], sgs: ['lambda'] });
    const r = f.analyze();
    assert.equal(line(r, 'dual', 'internet-ipv6'), 'internet-ipv6: yes via egress-only-internet-gateway');
    assert.ok(!r.functions.find((x) => x.function === 'v4only')?.reach.some((x) => x.destination === 'internet-ipv6'));
  });

  it('Lambda Managed Instances use the capacity provider subnets and no Hyperplane ENI', () => {
    const r = standardNetwork().capacityProvider('cp', { subnets: ['a'], sgs: ['lambda'] }).fn('f', { capacityProvider: 'cp' }).analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: yes via nat-gateway');
    assert.equal(r.functions[0]?.managedInstances, true);
    assert.equal(r.enis.length, 0);
  });
});

describe('reachability: security groups and NACLs', () => {
  it('Terraform SG without egress blocks everything; CloudFormation SG keeps allow-all egress (T3)', () => {
    const f = standardNetwork().sg('tf', { vpc: 'v' }).sg('cfn', { vpc: 'v', implicitEgress: 'allow-all' })
      .fn('tfFn', { subnets: ['a'], sgs: ['tf'] }).fn('cfnFn', { subnets: ['a'], sgs: ['cfn'] });
    const r = f.analyze();
    assert.equal(line(r, 'tfFn', 'internet'), 'internet: no via nat-gateway SG_HAS_NO_RULES at tf');
    assert.equal(line(r, 'cfnFn', 'internet'), 'internet: yes via nat-gateway');
  });

  it('egress restricted to another port: ENI_SG_RULES_MISMATCH with an add-sg-egress fix', () => {
    const r = standardNetwork().sg('s', { vpc: 'v', egress: ['tcp:5432:10.0.0.0/16'] }).fn('f', { subnets: ['a'], sgs: ['s'] }).analyze();
    const d = reach(r, 'f', 'internet');
    assert.equal(renderReachLine(d), 'internet: no via nat-gateway ENI_SG_RULES_MISMATCH at s');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'add-sg-egress', group: 's', protocol: 'tcp', port: 443, peer: '0.0.0.0/0' }]);
  });

  it('NACL rule order: first match wins, and return traffic needs the ephemeral range (P5, P6)', () => {
    const denyFirst = standardNetwork().nacl('n', { vpc: 'v', subnets: ['a'], egress: ['90 deny tcp 443 0.0.0.0/0', '100 allow all 0.0.0.0/0'], ingress: ['100 allow all 0.0.0.0/0'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(denyFirst.analyze(), 'f', 'internet'), 'internet: no via nat-gateway SUBNET_ACL_RESTRICTION at n');
    const allowFirst = standardNetwork().nacl('n', { vpc: 'v', subnets: ['a'], egress: ['90 allow tcp 443 0.0.0.0/0', '100 deny all 0.0.0.0/0'], ingress: ['100 allow tcp 1024-65535 0.0.0.0/0'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(allowFirst.analyze(), 'f', 'internet'), 'internet: yes via nat-gateway');
    const noReturn = standardNetwork().nacl('n', { vpc: 'v', subnets: ['a'], egress: ['100 allow all 0.0.0.0/0'], ingress: ['100 allow tcp 443 0.0.0.0/0'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'] });
    const d = reach(noReturn.analyze(), 'f', 'internet');
    assert.equal(renderReachLine(d), 'internet: no via nat-gateway SUBNET_ACL_RESTRICTION at n');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'add-nacl-entry', acl: 'n', egress: false, protocol: 'tcp', fromPort: 1024, toPort: 65535, cidr: '0.0.0.0/0' }]);
  });

  it('a custom NACL with no rules denies everything; an adopted default NACL has exactly its entries (T4)', () => {
    const custom = standardNetwork().nacl('n', { vpc: 'v', subnets: ['a'] }).fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(reach(custom.analyze(), 'f', 'internet').reason, 'SUBNET_ACL_RESTRICTION');
    const adopted = standardNetwork().nacl('d', { vpc: 'v', adoptsDefaultOf: 'v' }).fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(adopted.analyze(), 'f', 'internet'), 'internet: no via nat-gateway SUBNET_ACL_RESTRICTION at d');
  });

  it('replies allowed only on 32768-65535 pass with a NACL_EPHEMERAL_RANGE_NARROW warning', () => {
    const r = standardNetwork().nacl('n', { vpc: 'v', subnets: ['a'], egress: ['100 allow all 0.0.0.0/0'], ingress: ['100 allow tcp 32768-65535 0.0.0.0/0'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'] }).analyze();
    assert.equal(line(r, 'f', 'internet'), 'internet: yes via nat-gateway');
    assert.ok(r.findings.some((x) => x.rule === 'NACL_EPHEMERAL_RANGE_NARROW' && x.subject === 'n'));
  });
});

describe('reachability: AWS services', () => {
  it('S3 through a gateway endpoint associated with the subnet route table (E7)', () => {
    const f = standardNetwork({ nat: false }).endpoint('s3', { vpc: 'v', service: 's3', routeTables: ['priv'] }).fn('f', { subnets: ['a', 'b'], sgs: ['lambda'] });
    const r = f.analyze();
    assert.equal(line(r, 'f', 's3'), 's3: yes via gateway-endpoint');
    assert.equal(line(r, 'f', 'dynamodb'), 'dynamodb: no NO_ROUTE_TO_DESTINATION at priv');
  });

  it('endpoint on the wrong route table: fixes are "associate" or "NAT"', () => {
    const f = standardNetwork({ nat: false }).routeTable('other', { vpc: 'v' }).endpoint('s3', { vpc: 'v', service: 's3', routeTables: ['other'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'], env: { BUCKET: 'bucket' } }).service('bucket', 's3');
    const d = reach(f.analyze(), 'f', 's3');
    assert.equal(renderReachLine(d), 's3: no NO_ROUTE_TO_DESTINATION at priv');
    assert.deepEqual(d.fixes.map((x) => x.changes.map((c) => c.kind).join('+')), ['associate-endpoint-route-table', 'add-nat-gateway+add-nat-route']);
    assert.equal(d.needed, true);
    assert.deepEqual(d.neededBecause, ['environment variable BUCKET refers to bucket']);
  });

  it('endpoint route-table association resources are merged into the endpoint', () => {
    const f = standardNetwork({ nat: false }).endpoint('s3', { vpc: 'v', service: 's3' }).endpointRouteTable('assoc', 's3', 'priv').fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(f.analyze(), 'f', 's3'), 's3: yes via gateway-endpoint');
  });

  it('a more specific CIDR route beats the S3 prefix list only if it covers it; the prefix list beats 0.0.0.0/0 (P9)', () => {
    const f = standardNetwork().endpoint('s3', { vpc: 'v', service: 's3', routeTables: ['priv'] }).fn('f', { subnets: ['a'], sgs: ['lambda'] });
    assert.equal(line(f.analyze(), 'f', 's3'), 's3: yes via gateway-endpoint');
  });

  it('SG egress to the S3 prefix list admits S3 (its public ranges) but not the internet (E8)', () => {
    const f = standardNetwork().sg('pl', { vpc: 'v', egress: ['tcp:443:pl=s3'] }).fn('f', { subnets: ['a'], sgs: ['pl'] });
    assert.equal(line(f.analyze(), 'f', 's3'), 's3: yes via nat-gateway');
    assert.equal(line(f.analyze(), 'f', 'internet'), 'internet: no via nat-gateway ENI_SG_RULES_MISMATCH at pl');
    assert.equal(line(f.analyze(), 'f', 'dynamodb'), 'dynamodb: no via nat-gateway ENI_SG_RULES_MISMATCH at pl');
    f.endpoint('s3', { vpc: 'v', service: 's3', routeTables: ['priv'] });
    assert.equal(line(f.analyze(), 'f', 's3'), 's3: yes via gateway-endpoint');
  });

  it('interface endpoint with private DNS, VPC DNS on, endpoint SG admitting the function SG (E9)', () => {
    const f = standardNetwork({ nat: false })
      .sg('vpce', { vpc: 'v', ingress: ['tcp:443:sg=lambda'] })
      .endpoint('sm', { vpc: 'v', service: 'secretsmanager', type: 'Interface', subnets: ['a', 'b'], sgs: ['vpce'] })
      .service('secret', 'secretsmanager').fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], env: { SECRET: 'secret' } });
    assert.equal(line(f.analyze(), 'f', 'secretsmanager'), 'secretsmanager: yes via interface-endpoint');
  });

  it('interface endpoint with private DNS off falls back to NAT, and offers enabling it', () => {
    const f = standardNetwork({ nat: false })
      .sg('vpce', { vpc: 'v', ingress: ['tcp:443:10.0.0.0/16'] })
      .endpoint('sm', { vpc: 'v', service: 'secretsmanager', type: 'Interface', subnets: ['a'], sgs: ['vpce'], privateDns: false })
      .service('secret', 'secretsmanager').fn('f', { subnets: ['a'], sgs: ['lambda'], env: { SECRET: 'secret' } });
    const r = f.analyze();
    const d = reach(r, 'f', 'secretsmanager');
    assert.equal(renderReachLine(d), 'secretsmanager: no NO_ROUTE_TO_DESTINATION at priv');
    assert.equal(d.fixes[0]?.changes[0]?.kind, 'enable-private-dns');
    assert.ok(r.findings.some((x) => x.rule === 'VPCE_PRIVATE_DNS_DISABLED' && x.subject === 'sm'));
  });

  it('VPC DNS hostnames off defeats private DNS (E10)', () => {
    const f = new ModelFixture().vpc('v', { dnsHostnames: false }).subnet('a', { vpc: 'v', cidr: '10.0.1.0/24' })
      .routeTable('rt', { vpc: 'v', subnets: ['a'] }).sg('lambda', { vpc: 'v', egress: ['all:0.0.0.0/0'] })
      .sg('vpce', { vpc: 'v', ingress: ['tcp:443:sg=lambda'] })
      .endpoint('sqs', { vpc: 'v', service: 'sqs', type: 'Interface', subnets: ['a'], sgs: ['vpce'] })
      .service('q', 'sqs').fn('f', { subnets: ['a'], sgs: ['lambda'], env: { QUEUE: 'q' } });
    const r = f.analyze();
    const d = reach(r, 'f', 'sqs');
    assert.equal(d.status, 'no');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'enable-vpc-dns', vpc: 'v', attribute: 'enableDnsHostnames' }]);
    assert.ok(r.findings.some((x) => x.rule === 'VPCE_VPC_DNS_DISABLED'));
  });

  it('endpoint SG not admitting the function blocks at the endpoint SG (VPCE_SG_BLOCKS_FUNCTION)', () => {
    const f = standardNetwork({ nat: false }).sg('vpce', { vpc: 'v', ingress: ['tcp:443:192.168.0.0/16'] })
      .endpoint('sqs', { vpc: 'v', service: 'sqs', type: 'Interface', subnets: ['a'], sgs: ['vpce'] })
      .service('q', 'sqs').fn('f', { subnets: ['a'], sgs: ['lambda'], env: { QUEUE: 'q' } });
    const r = f.analyze();
    assert.equal(line(r, 'f', 'sqs'), 'sqs: no via interface-endpoint ENI_SG_RULES_MISMATCH at vpce');
    assert.deepEqual(r.findings.filter((x) => x.subject === 'f' && x.severity === 'error').map((x) => x.rule), ['VPCE_SG_BLOCKS_FUNCTION']);
  });

  it('an endpoint without SGs uses the VPC default SG, which admits only its members', () => {
    const f = standardNetwork({ nat: false }).endpoint('sqs', { vpc: 'v', service: 'sqs', type: 'Interface', subnets: ['a'] })
      .service('q', 'sqs').fn('f', { subnets: ['a'], sgs: ['lambda'], env: { QUEUE: 'q' } }).fn('g', { subnets: ['a'], sgs: ['v#default-security-group'], env: { QUEUE: 'q' } });
    const r = f.analyze();
    assert.equal(reach(r, 'f', 'sqs').status, 'no');
    assert.equal(line(r, 'g', 'sqs'), 'sqs: yes via interface-endpoint');
  });
});

describe('reachability: private targets', () => {
  function db(f: ModelFixture, o: { sgIngress: string[] }): ModelFixture {
    return f.subnet('d1', { vpc: 'v', cidr: '10.0.11.0/24', az: 'us-east-1a' }).subnet('d2', { vpc: 'v', cidr: '10.0.12.0/24', az: 'us-east-1b' })
      .subnetGroup('sng', ['d1', 'd2']).sg('dbsg', { vpc: 'v', ingress: o.sgIngress })
      .target('db', { subnetGroup: 'sng', sgs: ['dbsg'], port: 5432 });
  }

  it('RDS in a subnet group admitting the function SG (P2, P3)', () => {
    const r = db(standardNetwork(), { sgIngress: ['tcp:5432:sg=lambda'] }).fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], env: { DB_HOST: 'db' } }).analyze();
    assert.equal(line(r, 'f', 'db'), 'db: yes via local');
  });

  it('target SG admitting a CIDR that covers only one function subnet: partial', () => {
    const r = db(standardNetwork(), { sgIngress: ['tcp:5432:10.0.1.0/24'] }).fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], env: { DB_HOST: 'db' } }).analyze();
    const d = reach(r, 'f', 'db');
    assert.equal(renderReachLine(d), 'db: partial via local ENI_SG_RULES_MISMATCH at dbsg');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'add-sg-ingress', group: 'dbsg', protocol: 'tcp', port: 5432, sourceGroup: 'lambda', sourceCidr: null }]);
  });

  it('DB subnet group disagreement: unknown, depends on which subnet hosts the instance', () => {
    const f = db(standardNetwork(), { sgIngress: ['tcp:5432:sg=lambda'] })
      .nacl('n', { vpc: 'v', subnets: ['d2'], ingress: ['100 deny all 0.0.0.0/0'], egress: ['100 allow all 0.0.0.0/0'] })
      .fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB_HOST: 'db' } });
    const d = reach(f.analyze(), 'f', 'db');
    assert.equal(d.status, 'unknown');
    assert.match(d.explanation, /depends on which subnet hosts the instance/);
  });

  it('same subnet: NACLs are not evaluated (P6)', () => {
    const f = standardNetwork().sg('dbsg', { vpc: 'v', ingress: ['tcp:5432:sg=lambda'] })
      .nacl('n', { vpc: 'v', subnets: ['a'], ingress: ['100 deny all 0.0.0.0/0'], egress: ['100 deny all 0.0.0.0/0'] })
      .target('db', { subnets: ['a'], sgs: ['dbsg'], port: 5432 }).fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB_HOST: 'db' } });
    assert.equal(line(f.analyze(), 'f', 'db'), 'db: yes via local');
  });

  it('default SG (no SGs on the target) admits only its own members', () => {
    const f = standardNetwork().target('cache', { kind: 'elasticache', subnets: ['b'], port: 6379 })
      .fn('outsider', { subnets: ['a'], sgs: ['lambda'], env: { REDIS: 'cache' } })
      .fn('member', { subnets: ['a'], sgs: ['v#default-security-group'], env: { REDIS: 'cache' } });
    const r = f.analyze();
    assert.equal(line(r, 'outsider', 'cache'), 'cache: no via local ENI_SG_RULES_MISMATCH at v#default-security-group');
    assert.equal(line(r, 'member', 'cache'), 'cache: yes via local');
  });

  it('a function without VPC config needing RDS: no (E1), publicly accessible: through its public endpoint', () => {
    const f = standardNetwork().target('db', { subnets: ['a'], port: 5432 }).target('pubdb', { subnets: ['pub'], port: 5432, publiclyAccessible: true })
      .fn('f', { env: { DB: 'db', PUB: 'pubdb' } });
    const r = f.analyze();
    assert.equal(line(r, 'f', 'db'), 'db: no via lambda-service-vpc LAMBDA_NOT_IN_VPC at db');
    // E1: the public endpoint is checked like any path; the VPC's default security group admits only its members.
    assert.equal(renderReachLine(reach(r, 'f', 'pubdb')), 'pubdb: no via lambda-service-vpc ENI_SG_RULES_MISMATCH at v#default-security-group');
    assert.ok(r.findings.some((x) => x.rule === 'LAMBDA_PRIVATE_TARGET_WITHOUT_VPC' && x.subject === 'f'));
  });

  it('peering needs the return route (P10)', () => {
    const f = standardNetwork().vpc('w', { cidr: '10.1.0.0/16' }).subnet('wd', { vpc: 'w', cidr: '10.1.1.0/24' })
      .peering('pcx', { vpc: 'v', peer: 'w' }).route('priv', '10.1.0.0/16 pcx:pcx').routeTable('wrt', { vpc: 'w', subnets: ['wd'] })
      .sg('dbsg', { vpc: 'w', ingress: ['tcp:5432:sg=lambda'] }).target('db', { subnets: ['wd'], sgs: ['dbsg'], port: 5432 })
      .fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB: 'db' } });
    const d = reach(f.analyze(), 'f', 'db');
    assert.equal(renderReachLine(d), 'db: no via vpc-peering NO_ROUTE_TO_DESTINATION at wrt');
    assert.deepEqual(d.fixes[0]?.changes, [{ kind: 'add-route', routeTable: 'wrt', destination: '10.0.1.0/24', target: 'pcx' }]);
    f.route('wrt', '10.0.0.0/16 pcx:pcx');
    assert.equal(line(f.analyze(), 'f', 'db'), 'db: yes via vpc-peering');
  });

  it('a target in another VPC without a route: DISCONNECTED_VPCS; transit gateway: unknown', () => {
    const f = standardNetwork().vpc('w', { cidr: '10.1.0.0/16' }).subnet('wd', { vpc: 'w', cidr: '10.1.1.0/24' })
      .target('db', { subnets: ['wd'], port: 5432 }).fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB: 'db' } });
    assert.equal(reach(f.analyze(), 'f', 'db').reason, 'DISCONNECTED_VPCS');
    f.route('priv', '10.1.0.0/16 tgw:tgw');
    assert.equal(reach(f.analyze(), 'f', 'db').status, 'unknown');
  });

  it('a private address sent to a NAT gateway: no when its subnet sends it to the internet gateway, unknown when on to a transit gateway (E3)', () => {
    const f = standardNetwork().vpc('w', { cidr: '10.1.0.0/16' }).subnet('wd', { vpc: 'w', cidr: '10.1.1.0/24' })
      .target('db', { subnets: ['wd'], port: 5432 }).fn('f', { subnets: ['a'], sgs: ['lambda'], env: { DB: 'db' } });
    // The NAT subnet's table sends 10.1.1.0/24 to the internet gateway, which drops private destinations.
    assert.equal(reach(f.analyze(), 'f', 'db').reason, 'DISCONNECTED_VPCS');
    // A NAT gateway forwards by its subnet's table: on to a transit gateway, the path is not followed.
    f.route('public', '10.1.0.0/16 tgw:tgw');
    const d = reach(f.analyze(), 'f', 'db');
    assert.equal(d.status, 'unknown');
    assert.match(d.explanation, /routed to NAT gateway nat, whose subnet's route table sends it on/);
  });

  it('EFS: the mount target in the function subnet AZ (P13)', () => {
    const f = standardNetwork().sg('efs', { vpc: 'v', ingress: ['tcp:2049:sg=lambda'] })
      .target('fs', { kind: 'efs-file-system' })
      .target('mt-a', { kind: 'efs-mount-target', subnets: ['a'], sgs: ['efs'], parent: 'fs', port: 2049 })
      .fn('f', { subnets: ['a', 'b'], sgs: ['lambda'], fileSystems: ['fs'] });
    const r = f.analyze();
    const d = reach(r, 'f', 'fs');
    assert.equal(renderReachLine(d), 'fs: partial via local LAMBDA_EFS_NO_MOUNT_TARGET at fs');
    assert.ok(r.findings.some((x) => x.rule === 'LAMBDA_EFS_NO_MOUNT_TARGET'));
    f.target('mt-b', { kind: 'efs-mount-target', subnets: ['b'], sgs: ['efs'], parent: 'fs', port: 2049 });
    assert.equal(line(f.analyze(), 'f', 'fs'), 'fs: yes via local');
  });

  it('EFS: a mount target whose subnet names its AZ by id may serve a subnet named by AZ name: unknown, not no', () => {
    // use1-az1 is us-east-1a in some accounts only (AZ names map to ids per account).
    const f = standardNetwork().sg('efs', { vpc: 'v', ingress: ['tcp:2049:sg=lambda'] })
      .subnet('byId', { vpc: 'v', cidr: '10.0.9.0/24', az: 'use1-az1' })
      .target('fs', { kind: 'efs-file-system' })
      .target('mt', { kind: 'efs-mount-target', subnets: ['byId'], sgs: ['efs'], parent: 'fs', port: 2049 })
      .fn('f', { subnets: ['a'], sgs: ['lambda'], fileSystems: ['fs'] });
    assert.equal(reach(f.analyze(), 'f', 'fs').status, 'unknown');
  });
});
