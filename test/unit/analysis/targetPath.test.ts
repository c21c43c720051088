// Paths to private targets end to end (real Terraform front end + engine): the path keeps the function's SG
// egress hop, blocked when it blocks (P2); narrow NACL replies warn on target paths too (P6); a target whose
// port is unknown is decided by every port (P1, P5): unknown where a rule that could apply depends on the port.

import * as assert from 'node:assert/strict';
import { analyzeFiles, reachOf, render } from '../support/analyseWorkspace';
import { provider, subnet, vpc, vpcFunction } from '../support/terraformPieces';

/** Function subnet a, target subnet db; `acl` is the body of a custom NACL on subnet a (none: the default NACL). */
function terraform(o: { fnEgress: string; acl?: string; dbIngress?: string; target?: 'rds' | 'ec2' }): string {
  const target = o.target === 'ec2'
    ? `resource "aws_instance" "t" {
  subnet_id              = aws_subnet.db.id
  vpc_security_group_ids = [aws_security_group.db.id]
}`
    : `resource "aws_db_subnet_group" "g" { subnet_ids = [aws_subnet.db.id] }
resource "aws_db_instance" "t" {
  engine                 = "postgres"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}`;
  return `${provider('eu-west-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}${subnet('db', { cidr: '10.0.9.0/24', az: 'eu-west-1a' })}${o.acl === undefined ? '' : `resource "aws_network_acl" "fn" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.a.id]
${o.acl}
}`}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
${o.fnEgress}
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.v.id
${o.dbIngress ?? `  ingress {
    from_port       = 0
    to_port         = 0
    protocol        = "-1"
    security_groups = [aws_security_group.fn.id]
  }`}
}
${target}
${vpcFunction('f', { subnets: ['a'], env: `DB_HOST = ${o.target === 'ec2' ? 'aws_instance.t.private_ip' : 'aws_db_instance.t.address'}` })}`;
}

const rule = (kind: 'egress' | 'ingress', proto: string, from: number, to: number, peer: string, action?: string, no?: number): string =>
  `  ${kind} {\n${no === undefined ? '' : `    rule_no    = ${no}\n`}${action === undefined ? '' : `    action     = "${action}"\n`}    protocol   = "${proto}"\n    from_port  = ${from}\n    to_port    = ${to}\n    cidr_block${action === undefined ? 's = [' : ' = '}"${peer}"${action === undefined ? ']' : ''}\n  }`;
const ALL_EGRESS = rule('egress', '-1', 0, 0, '0.0.0.0/0');

describe('paths to private targets (P1, P2, P5, P6)', () => {
  it('the blocking SG egress hop is on the path, marked blocked (P2, ENI_SG_RULES_MISMATCH)', () => {
    const result = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: rule('egress', 'tcp', 443, 443, '0.0.0.0/0') }) });
    const reach = reachOf(result, 'f', 'aws_db_instance.t');
    assert.equal(reach?.status, 'no');
    assert.equal(reach?.reason, 'ENI_SG_RULES_MISMATCH');
    assert.equal(reach?.blockedAt, '/w::aws_security_group.fn');
    const text = render(reach, { hops: true }).split('\n');
    assert.equal(text[0], 'no via local ENI_SG_RULES_MISMATCH');
    assert.equal(text[1], '  ✓ Hyperplane ENI in aws_subnet.a: source 10.0.1.0/24, security group aws_security_group.fn');
    assert.equal(text[2], '  ✗ security groups aws_security_group.fn (egress): no rule allows egress to 10.0.9.0/24 on tcp 5432');
    assert.equal(text.at(-1), '  fix: allow egress tcp 5432 to 10.0.9.0/24 in aws_security_group.fn');
    // The per-subnet path (hovers, the panel) is the same path.
    assert.deepEqual(reach?.bySubnet[0]?.path.map((h) => h.verdict), reach?.path.map((h) => h.verdict));
  });

  it('a NACL allowing replies only on 32768–65535 warns on a target path (P6, NACL_EPHEMERAL_RANGE_NARROW)', () => {
    const acl = [rule('egress', '-1', 0, 0, '0.0.0.0/0', 'allow', 100), rule('ingress', 'tcp', 32768, 65535, '0.0.0.0/0', 'allow', 100)].join('\n');
    const result = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: ALL_EGRESS, acl }) });
    assert.equal(render(reachOf(result, 'f', 'aws_db_instance.t')), 'yes via local');
    const narrow = result.findings.filter((f) => f.rule === 'NACL_EPHEMERAL_RANGE_NARROW');
    assert.equal(narrow.length, 1);
    assert.equal(narrow[0]?.subject, '/w::aws_network_acl.fn');
  });

  it('an unknown target port against "50 deny tcp 5432, 100 allow all" is unknown, not "tcp 0" (P5)', () => {
    const acl = [rule('egress', 'tcp', 5432, 5432, '10.0.9.0/24', 'deny', 50), rule('egress', '-1', 0, 0, '0.0.0.0/0', 'allow', 100), rule('ingress', '-1', 0, 0, '0.0.0.0/0', 'allow', 100)].join('\n');
    const result = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: ALL_EGRESS, acl, target: 'ec2' }) });
    const reach = reachOf(result, 'f', 'aws_instance.t');
    const text = render(reach, { hops: true });
    assert.match(text, /^unknown via local LAMBDA_UNKNOWN_INPUT\n/);
    assert.match(text, /\? network ACL aws_network_acl\.fn of aws_subnet\.a \(outbound\): depends on the port, which is unknown: rule 100 \(allow\) allows outbound to 10\.0\.9\.0\/24 tcp 0-5431, 5433-65535, but rule 50 \(deny\) denies tcp 5432/);
    assert.doesNotMatch(text, /tcp 0\b(?!-)/);
    assert.equal(reach?.blockedAt, '/w::aws_network_acl.fn');
    // The target is one hop, even when the answer is unknown.
    assert.equal(reach?.path.filter((h) => h.componentKind === 'target').length, 1);
  });

  it('an unknown port: yes when every port passes, no when none does (P5)', () => {
    const open = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: ALL_EGRESS, target: 'ec2' }) });
    const openText = render(reachOf(open, 'f', 'aws_instance.t'), { hops: true });
    assert.match(openText, /^yes via local\n/);
    assert.match(openText, /✓ network ACL aws_vpc\.v \(default network ACL\) of aws_subnet\.a \(outbound\): rule 100 \(allow\) allows outbound to 10\.0\.9\.0\/24 tcp on an unknown port \(every port\)/);
    const acl = [rule('egress', '-1', 0, 0, '10.0.9.0/24', 'deny', 50), rule('egress', '-1', 0, 0, '0.0.0.0/0', 'allow', 100), rule('ingress', '-1', 0, 0, '0.0.0.0/0', 'allow', 100)].join('\n');
    const closed = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: ALL_EGRESS, acl, target: 'ec2' }) });
    assert.match(render(reachOf(closed, 'f', 'aws_instance.t')), /^no via local SUBNET_ACL_RESTRICTION/);
  });

  it('an unknown port against a target SG admitting only tcp 5432 is unknown, with the target hop once (P1)', () => {
    const dbIngress = rule('ingress', 'tcp', 5432, 5432, '10.0.0.0/16');
    const result = analyzeFiles({ '/w/main.tf': terraform({ fnEgress: ALL_EGRESS, dbIngress, target: 'ec2' }) });
    const reach = reachOf(result, 'f', 'aws_instance.t');
    assert.equal(reach?.status, 'unknown');
    assert.match(render(reach, { hops: true }), /\? security groups aws_security_group\.db of aws_instance\.t \(ingress\): cannot tell whether ingress rule tcp 5432-5432 from 10\.0\.0\.0\/16 matches 10\.0\.1\.0\/24 \(port unknown\)/);
    assert.equal(reach?.path.filter((h) => h.componentKind === 'target').length, 1);
  });
});
