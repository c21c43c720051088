// Engine audit 11 regressions, end to end (real Terraform front end + engine): RDS Proxy's own connection to its
// database (P14, P2, P6), and security group references in outbound rules over a transit gateway (P3).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, provider, route, routeTable, securityGroup, subnet, twoAzVpc, vpc, vpcFunction } from '../support/terraformPieces';

/** A security group `name` in VPC `vpcName` with the given rule blocks. */
function group(name: string, rules: readonly string[], vpcName = 'v'): string {
  return `resource "aws_security_group" "${name}" {\n  vpc_id = aws_vpc.${vpcName}.id\n${rules.join('\n')}\n}\n`;
}

/** One tcp rule block on `port`; `peer` is its peer line (`cidr_blocks = [...]`, `security_groups = [...]`). */
const rule = (direction: 'ingress' | 'egress', port: number, peer: string): string => `  ${direction} {
    from_port = ${port}
    to_port   = ${port}
    protocol  = "tcp"
    ${peer}
  }`;

describe('engine audit 11: RDS Proxy must reach its database itself (P14, P2)', () => {
  /** Postgres behind proxy p (group px admits the function); the database's group `db` has `dbIngress`. */
  const workspace = (dbIngress: readonly string[], proxyEgress: readonly string[], extra = '', env = 'aws_db_proxy.p.endpoint'): string => twoAzVpc('us-east-1')
    + securityGroup('fn', 'all')
    + group('px', [rule('ingress', 5432, 'security_groups = [aws_security_group.fn.id]'), ...proxyEgress])
    + group('db', dbIngress)
    + `resource "aws_db_subnet_group" "g" { subnet_ids = [aws_subnet.a.id, aws_subnet.b.id] }
resource "aws_db_instance" "d" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_db_proxy" "p" {
  name                   = "p"
  engine_family          = "POSTGRESQL"
  vpc_subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  vpc_security_group_ids = [aws_security_group.px.id]
}
resource "aws_db_proxy_target" "t" {
  db_proxy_name          = aws_db_proxy.p.name
  target_group_name      = "default"
  db_instance_identifier = aws_db_instance.d.identifier
}
${extra}` + vpcFunction('f', { subnets: ['a'], env: `DB = ${env}` });
  const proxyOpen = [rule('egress', 5432, 'cidr_blocks = ["10.0.0.0/16"]')];
  const admitsProxy = [rule('ingress', 5432, 'security_groups = [aws_security_group.px.id]')];

  it('the database admits the proxy\'s group: reached', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': workspace(admitsProxy, proxyOpen) }).result, 'f', 'aws_db_proxy.p');
    assert.equal(render(r), 'yes via local');
    assert.ok(r?.path.some((h) => h.rule === 'P14' && h.detail.includes('aws_db_instance.d on tcp 5432')), r?.path.map((h) => h.detail).join('\n'));
  });

  it('the database\'s group admits 192.168.0.0/16 only, not the proxy: no (was: yes)', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace([rule('ingress', 5432, 'cidr_blocks = ["192.168.0.0/16"]')], proxyOpen) });
    const r = reachOf(run.result, 'f', 'aws_db_proxy.p');
    assert.equal(render(r), 'no via local ENI_SG_RULES_MISMATCH\n  fix: allow ingress tcp 5432 from aws_security_group.px in aws_security_group.db');
    assert.equal(run.model.get(r?.blockedAt ?? '')?.address, 'aws_security_group.db');
  });

  it('the proxy\'s group has no egress (Terraform drops the default): no, fixed towards the database\'s group (was: yes)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': workspace(admitsProxy, []) }).result, 'f', 'aws_db_proxy.p');
    assert.equal(render(r), 'no via local SG_HAS_NO_RULES\n  fix: allow egress tcp 5432 to aws_security_group.db in aws_security_group.px');
  });

  it('a proxy endpoint in its own group: the proxy behind it must still reach the database (was: yes)', () => {
    const endpoint = group('ep', [rule('ingress', 5432, 'security_groups = [aws_security_group.fn.id]')]) + `resource "aws_db_proxy_endpoint" "ro" {
  db_proxy_name          = aws_db_proxy.p.name
  db_proxy_endpoint_name = "ro"
  target_role            = "READ_ONLY"
  vpc_subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  vpc_security_group_ids = [aws_security_group.ep.id]
}
`;
    const tf = (dbIngress: readonly string[]): string => workspace(dbIngress, proxyOpen, endpoint, 'aws_db_proxy_endpoint.ro.endpoint');
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': tf(admitsProxy) }).result, 'f', 'aws_db_proxy_endpoint.ro')?.status, 'yes');
    const r = reachOf(analyseWorkspace({ '/w/main.tf': tf([]) }).result, 'f', 'aws_db_proxy_endpoint.ro');
    assert.equal(r?.status, 'no');
    assert.equal(r?.reason, 'SG_HAS_NO_RULES');
    assert.match(r?.explanation ?? '', /^security groups aws_security_group\.db of aws_db_instance\.d \(ingress\)/);
  });

  it('a proxy whose database is not in the workspace keeps the function → proxy answer', () => {
    const tf = workspace([], proxyOpen).replace(/resource "aws_db_proxy_target"[\s\S]*?\n}\n/, '');
    assert.equal(render(reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'f', 'aws_db_proxy.p')), 'yes via local');
  });
});

describe('engine audit 11: outbound security group references across VPCs (P3)', () => {
  /** VPCs a (function) and b (database) joined by a transit gateway or a peering connection. */
  const twoVpcs = (link: 'tgw' | 'pcx', fnEgress: string, dbIngress: string, tgwArgs = ''): string => {
    const target = link === 'tgw' ? 'transit_gateway_id = aws_ec2_transit_gateway.tgw.id' : 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id';
    const joint = link === 'tgw' ? `resource "aws_ec2_transit_gateway" "tgw" {
${tgwArgs}
}
resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.a.id
  subnet_ids         = [aws_subnet.a1.id, aws_subnet.a2.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "b" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.b.id
  subnet_ids         = [aws_subnet.b1.id, aws_subnet.b2.id]
}
` : `resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.a.id
  peer_vpc_id = aws_vpc.b.id
  auto_accept = true
}
`;
    return provider('us-east-1') + vpc('a') + vpc('b', '10.1.0.0/16')
      + subnet('a1', { vpc: 'a', cidr: '10.0.1.0/24', az: 'us-east-1a' }) + subnet('a2', { vpc: 'a', cidr: '10.0.2.0/24', az: 'us-east-1b' })
      + subnet('b1', { vpc: 'b', cidr: '10.1.1.0/24', az: 'us-east-1a' }) + subnet('b2', { vpc: 'b', cidr: '10.1.2.0/24', az: 'us-east-1b' })
      + joint
      + routeTable('a', { vpc: 'a', routes: route('10.1.0.0/16', target) }) + association('a1', 'a') + association('a2', 'a')
      + routeTable('b', { vpc: 'b', routes: route('10.0.0.0/16', target) }) + association('b1', 'b') + association('b2', 'b')
      + group('fn', [fnEgress], 'a') + group('db', [dbIngress], 'b')
      + `resource "aws_db_subnet_group" "db" { subnet_ids = [aws_subnet.b1.id, aws_subnet.b2.id] }
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
` + vpcFunction('f', { subnets: ['a1'], env: 'DB = aws_db_instance.db.address' });
  };
  const egressRef = rule('egress', 5432, 'security_groups = [aws_security_group.db.id]');
  const ingressCidr = rule('ingress', 5432, 'cidr_blocks = ["10.0.0.0/16"]');
  const reach = (tf: string): ReturnType<typeof reachOf> => reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'f', 'aws_db_instance.db');

  it('over same-Region peering an egress rule may name the database\'s group', () => {
    assert.equal(render(reach(twoVpcs('pcx', egressRef, ingressCidr))), 'yes via vpc-peering');
  });

  it('over a transit gateway it matches nothing: no (was: yes)', () => {
    assert.equal(render(reach(twoVpcs('tgw', egressRef, ingressCidr))),
      'no via transit-gateway SG_REFERENCES_NOT_PRESERVED\n  fix: allow egress tcp 5432 to 10.1.0.0/16 in aws_security_group.fn: a security group reference in an outbound rule does not work over a transit gateway');
  });

  it('not even with the gateway\'s security group referencing support, which covers inbound rules only (was: yes)', () => {
    const tf = twoVpcs('tgw', egressRef, ingressCidr, '  security_group_referencing_support = "enable"');
    const r = reach(tf);
    assert.equal(r?.reason, 'SG_REFERENCES_NOT_PRESERVED');
    assert.match(r?.explanation ?? '', /references in outbound rules do not match traffic over a transit gateway/);
  });

  it('an egress rule by CIDR still passes over the transit gateway', () => {
    assert.equal(render(reach(twoVpcs('tgw', rule('egress', 5432, 'cidr_blocks = ["10.1.0.0/16"]'), ingressCidr))), 'yes via transit-gateway');
  });
});
