// Engine audit regressions, end to end (real Terraform front end + engine): customer prefix-list routes in
// longest-prefix match (P9), SG references over inter-Region peering (P3), NACL fixes that say where an allow
// must go (P5), blocked paths that list every blocker (R5), NAT-subnet fixes (E3), ENIs of configs AWS
// rejects (H1, C3) and SG egress fixes that cover every subnet a target may run in (P2).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, analyzeFiles, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, publicSubnet, route, routeTable, securityGroup, securityGroupRules, subnet, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const PCX = 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id';

/** A peer VPC `p` (10.1.0.0/16) in `region` with a Postgres DB in subnets 10.1.1.0/24 and 10.1.2.0/24 routing back. */
function peerDb(o: { readonly ingress: string; readonly providerLine?: string; readonly region?: string }): string {
  const p = o.providerLine === undefined ? '' : `  ${o.providerLine}\n`;
  const r = o.region ?? 'us-east-1';
  return `resource "aws_vpc" "p" {
${p}  cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "p1" {
${p}  vpc_id            = aws_vpc.p.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "${r}a"
}
resource "aws_subnet" "p2" {
${p}  vpc_id            = aws_vpc.p.id
  cidr_block        = "10.1.2.0/24"
  availability_zone = "${r}b"
}
resource "aws_route_table" "back" {
${p}  vpc_id = aws_vpc.p.id
${route('10.0.0.0/16', PCX)}
}
resource "aws_route_table_association" "p1" {
${p}  subnet_id      = aws_subnet.p1.id
  route_table_id = aws_route_table.back.id
}
resource "aws_route_table_association" "p2" {
${p}  subnet_id      = aws_subnet.p2.id
  route_table_id = aws_route_table.back.id
}
resource "aws_db_subnet_group" "g" {
${p}  subnet_ids = [aws_subnet.p1.id, aws_subnet.p2.id]
}
resource "aws_security_group" "db" {
${p}  vpc_id = aws_vpc.p.id
}
resource "aws_vpc_security_group_ingress_rule" "db" {
${p}  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  ${o.ingress}
}
resource "aws_db_instance" "db" {
${p}  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
`;
}

/** The prefix-list route, inline like the table's others (a standalone aws_route beside inline routes is overwritten, T5). */
const PEER_LIST_ROUTE = `  route {
    destination_prefix_list_id = aws_ec2_managed_prefix_list.peer.id
    ${PCX}
  }`;

describe('engine audit 3', () => {
  describe('customer-managed prefix-list routes (P9)', () => {
    const files = {
      '/w/main.tf': `${twoAzVpc('us-east-1')}${publicSubnet({ cidr: '10.0.100.0/24', az: 'us-east-1a' })}${natGateway('n', 'pub')}
resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.p.id
  auto_accept = true
}
resource "aws_ec2_managed_prefix_list" "peer" {
  name           = "peer"
  address_family = "IPv4"
  max_entries    = 5
  entry { cidr = "10.1.0.0/16" }
}
${routeTable('ra', { routes: `${route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id')}\n${PEER_LIST_ROUTE}` })}
${routeTable('rb', { routes: `${route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id')}\n${route('10.1.0.0/16', 'nat_gateway_id = aws_nat_gateway.n.id')}\n${PEER_LIST_ROUTE}` })}
${association('a', 'ra')}${association('b', 'rb')}${securityGroup('fn', 'all')}
${peerDb({ ingress: 'cidr_ipv4 = "10.0.0.0/16"' })}
${vpcFunction('viaList', { subnets: ['a'], env: 'DB = aws_db_instance.db.address' })}
${vpcFunction('cidrWins', { subnets: ['b'], env: 'DB = aws_db_instance.db.address' })}`,
    };
    const result = analyzeFiles(files);

    it('routes a private address through the prefix list whose entry covers it', () => {
      const reach = reachOf(result, 'viaList', 'aws_db_instance.db');
      assert.equal(render(reach), 'yes via vpc-peering');
      assert.ok(reach?.path.some((h) => h.detail.startsWith('prefix list aws_ec2_managed_prefix_list.peer → vpc-peering')), reach?.path.map((h) => h.detail).join('\n'));
    });

    it('lets a CIDR route of the same length beat the prefix-list route', () => {
      assert.match(render(reachOf(result, 'cidrWins', 'aws_db_instance.db')), /^no via - DISCONNECTED_VPCS/);
    });
  });

  describe('security group references over peering (P3)', () => {
    const vpcSide = (peering: string): string => `${twoAzVpc('us-east-1')}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.p.id
${peering}
}
${routeTable('r', { routes: route('10.1.0.0/16', PCX) })}${association('a', 'r')}${association('b', 'r', 'b')}${securityGroup('fn', 'all')}
${vpcFunction('f', { subnets: ['a', 'b'], env: 'DB = aws_db_instance.db.address' })}`;

    // An inter-Region request is accepted in the peer's Region (P10).
    const ACCEPTER = `
resource "aws_vpc_peering_connection_accepter" "pcx" {
  provider                  = aws.west
  vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
  auto_accept               = true
}
`;

    it('matches a reference to the function group over same-Region peering', () => {
      const result = analyzeFiles({ '/w/main.tf': vpcSide('  auto_accept = true') + peerDb({ ingress: 'referenced_security_group_id = aws_security_group.fn.id' }) });
      assert.equal(render(reachOf(result, 'f', 'aws_db_instance.db')), 'yes via vpc-peering');
    });

    it('blocks when only a reference admits the function across Regions, and fixes with the function VPC block', () => {
      const result = analyzeFiles({
        '/w/main.tf': vpcSide('  peer_region = "us-west-2"') + ACCEPTER
          + peerDb({ ingress: 'referenced_security_group_id = aws_security_group.fn.id', providerLine: 'provider = aws.west', region: 'us-west-2' }),
      });
      const reach = reachOf(result, 'f', 'aws_db_instance.db');
      assert.equal(render(reach), 'no via vpc-peering ENI_SG_RULES_MISMATCH\n'
        + '  fix: allow ingress tcp 5432 from 10.0.0.0/16 (the function\'s VPC) in aws_security_group.db: a security group reference does not work across Regions');
      assert.match(reach?.explanation ?? '', /peered across Regions/);
    });

    it('passes across Regions when a CIDR rule admits the function', () => {
      const result = analyzeFiles({
        '/w/main.tf': vpcSide('  peer_region = "us-west-2"') + ACCEPTER
          + peerDb({ ingress: 'cidr_ipv4 = "10.0.0.0/16"', providerLine: 'provider = aws.west', region: 'us-west-2' }),
      });
      assert.equal(render(reachOf(result, 'f', 'aws_db_instance.db')), 'yes via vpc-peering');
    });
  });

  describe('NACL fixes when a deny matches first (P5)', () => {
    const acl = (name: string, subnetName: string, egress: string, ingress: string): string => `resource "aws_network_acl" "${name}" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.${subnetName}.id]
${egress}${ingress}}
`;
    const entry = (dir: 'egress' | 'ingress', no: number, action: string, protocol: string, from: number, to: number): string => `  ${dir} {
    rule_no    = ${no}
    action     = "${action}"
    protocol   = "${protocol}"
    cidr_block = "0.0.0.0/0"
    from_port  = ${from}
    to_port    = ${to}
  }
`;
    const result = analyzeFiles({
      '/w/main.tf': `${twoAzVpc('us-east-1')}${publicSubnet({ cidr: '10.0.100.0/24', az: 'us-east-1a' })}${natGateway('n', 'pub')}
${routeTable('r', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') })}${association('a', 'r')}${association('b', 'r', 'b')}${securityGroup('fn', 'all')}
${acl('na', 'a', entry('egress', 100, 'deny', 'tcp', 443, 443) + entry('egress', 200, 'allow', '-1', 0, 0), entry('ingress', 100, 'allow', '-1', 0, 0))}
${acl('nb', 'b', entry('egress', 100, 'allow', '-1', 0, 0), '')}
resource "aws_network_acl_rule" "nb_allow" {
  network_acl_id = aws_network_acl.nb.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}
resource "aws_network_acl_rule" "nb_deny" {
  network_acl_id = aws_network_acl.nb.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 50000
  to_port        = 65535
}
${vpcFunction('fa', { subnets: ['a'] })}${vpcFunction('fb', { subnets: ['b'] })}`,
    });

    it('says the allow must come before an inline deny', () => {
      assert.equal(render(reachOf(result, 'fa', 'internet')), 'no via nat-gateway SUBNET_ACL_RESTRICTION\n'
        + '  fix: allow outbound tcp 443 to 0.0.0.0/0 in aws_network_acl.na with a rule numbered below 100, or remove or narrow the deny rule 100, which matches first');
    });

    it('names a standalone deny rule that shadows an allow', () => {
      assert.equal(render(reachOf(result, 'fb', 'internet')), 'no via nat-gateway SUBNET_ACL_RESTRICTION\n'
        + '  fix: allow inbound tcp 1024-65535 from 0.0.0.0/0 in aws_network_acl.nb with a rule numbered below 100, or remove or narrow the deny rule 100 (aws_network_acl_rule.nb_deny), which matches first');
    });
  });

  describe('no route out and a NACL that blocks too (R5)', () => {
    const result = analyzeFiles({
      '/w/main.tf': `${twoAzVpc('us-east-1')}${publicSubnet({ cidr: '10.0.100.0/24', az: 'us-east-1a' })}${natGateway('n', 'pub')}
${routeTable('r')}${association('a', 'r')}${securityGroup('fn', 'all')}
resource "aws_network_acl" "empty" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.a.id]
}
${vpcFunction('f', { subnets: ['a'] })}`,
    });

    it('lists the NACL with the missing route, so the fix makes the whole path work', () => {
      assert.equal(render(reachOf(result, 'f', 'internet'), { hops: true }), [
        'no via - SUBNET_ACL_RESTRICTION',
        '  ✓ Hyperplane ENI in aws_subnet.a: source 10.0.1.0/24, security group aws_security_group.fn',
        '  ✓ security groups aws_security_group.fn (egress): egress rule all traffic to 0.0.0.0/0 allows a public IPv4 address tcp 443',
        '  ✗ network ACL aws_network_acl.empty of aws_subnet.a (outbound): the final * rule denies outbound to a public IPv4 address tcp 443 (ports 443)',
        '  ✗ network ACL aws_network_acl.empty of aws_subnet.a (inbound): the final * rule denies inbound from a public IPv4 address tcp 1024-65535 (ports 1024-65535)',
        '  ✗ route table aws_route_table.r: no route covers the destination',
        '  fix: allow outbound tcp 443 to 0.0.0.0/0 in aws_network_acl.empty, and allow inbound tcp 1024-65535 from 0.0.0.0/0 in aws_network_acl.empty, and route 0.0.0.0/0 in aws_route_table.r to aws_nat_gateway.n',
      ].join('\n'));
    });

    it('does the same for an AWS service without endpoint: every alternative carries the NACL change', () => {
      const fixes = reachOf(result, 'f', 's3')?.fixes.map((x) => x.description) ?? [];
      assert.equal(fixes.length, 2);
      for (const fix of fixes) assert.match(fix, /^allow outbound tcp 443 to 0\.0\.0\.0\/0 in aws_network_acl\.empty, and allow inbound tcp 1024-65535/);
    });
  });

  describe('NAT gateway in a subnet without an internet route (E3)', () => {
    const natIn = (table: string): string => `${twoAzVpc('us-east-1')}${publicSubnet({ cidr: '10.0.100.0/24', az: 'us-east-1a' })}
${subnet('natsub', { cidr: '10.0.50.0/24', az: 'us-east-1a' })}${natGateway('n2', 'natsub')}${securityGroup('fn', 'all')}\
${table}
${vpcFunction('f', { subnets: ['a'] })}`;

    it('offers re-associating the NAT subnet with the public table as an alternative', () => {
      const result = analyzeFiles({ '/w/main.tf': natIn(routeTable('r', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n2.id') }) + association('a', 'r')) });
      assert.deepEqual(reachOf(result, 'f', 'internet')?.fixes.map((x) => x.description), [
        'route 0.0.0.0/0 in aws_vpc.v (main route table) to aws_internet_gateway.igw',
        'associate aws_subnet.natsub with aws_route_table.pub, which sends 0.0.0.0/0 to an attached internet gateway',
        'place aws_nat_gateway.n2 in a public subnet such as aws_subnet.pub (its route table sends 0.0.0.0/0 to an attached internet gateway)',
      ]);
    });

    it('never proposes pointing the default route of the function\'s own table at the internet gateway', () => {
      const result = analyzeFiles({ '/w/main.tf': natIn(`resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.v.default_route_table_id
${route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n2.id')}
}
`) });
      const reach = reachOf(result, 'f', 'internet');
      assert.match(render(reach), /^no via nat-gateway NO_ROUTE_TO_DESTINATION\n/);
      assert.deepEqual(reach?.fixes.map((x) => x.description), [
        'associate aws_subnet.natsub with aws_route_table.pub, which sends 0.0.0.0/0 to an attached internet gateway',
        'place aws_nat_gateway.n2 in a public subnet such as aws_subnet.pub (its route table sends 0.0.0.0/0 to an attached internet gateway)',
      ]);
    });
  });

  describe('Hyperplane ENIs (H1) and configs AWS rejects (C3)', () => {
    const run = analyseWorkspace(`//- /w/main.tf
${twoAzVpc('us-east-1')}${securityGroup('s1', 'all')}\
${securityGroup('s2', 'all')}
resource "aws_vpc" "o" { cidr_block = "10.9.0.0/16" }
${subnet('o', { cidr: '10.9.1.0/24', az: 'us-east-1b', vpc: 'o' })}
${vpcFunction('f1', { subnets: ['a', 'b'], securityGroups: ['s1', 's2'] })}
${vpcFunction('f2', { subnets: ['b', 'a'], securityGroups: ['s2', 's1'] })}
${vpcFunction('f3', { subnets: ['a', 'b'], securityGroups: ['s1'] })}
${vpcFunction('mixed', { subnets: ['a', 'o'], securityGroups: ['s1'] })}`);
    const enis = run.result.enis.map((e) => `${e.subnet.slice(e.subnet.lastIndexOf('::') + 2)} [${e.securityGroups.map((g) => g.slice(g.lastIndexOf('.') + 1)).join(',')}]: ${e.functions.map((f) => f.slice(f.lastIndexOf('.') + 1)).join(',')}`);

    it('shares ENIs between functions with the same subnets and group set in any order, not a subset', () => {
      assert.deepEqual(enis.sort(), ['aws_subnet.a [s1,s2]: f1,f2', 'aws_subnet.a [s1]: f3', 'aws_subnet.b [s1,s2]: f1,f2', 'aws_subnet.b [s1]: f3']);
    });

    it('gives a function whose subnets span two VPCs no ENI and no answer, only the C3 error', () => {
      assert.equal(render(reachOf(run.result, 'mixed', 'internet'), { explain: true }),
        'unknown via - LAMBDA_UNKNOWN_INPUT: AWS rejects this VPC config: its subnets and security groups are in 2 VPCs, all must be in one (C3)');
      assert.ok(run.findings.includes('LAMBDA_VPC_LIMITS aws_lambda_function.mixed'), run.findings.join('\n'));
    });
  });

  describe('SG egress fix towards a target in a subnet group (P2)', () => {
    const result = analyzeFiles({
      '/w/main.tf': `${twoAzVpc('us-east-1')}${subnet('c', { cidr: '10.0.3.0/24', az: 'us-east-1a' })}${subnet('d', { cidr: '10.0.4.0/24', az: 'us-east-1b' })}
resource "aws_db_subnet_group" "g" { subnet_ids = [aws_subnet.c.id, aws_subnet.d.id] }
${securityGroupRules('fn', { egress: [{ port: 3306, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
${securityGroupRules('db', { ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
${vpcFunction('f', { subnets: ['a', 'b'], env: 'DB = aws_db_instance.db.endpoint' })}`,
    });

    it('admits the target security group, which covers every subnet the DB may run in', () => {
      const reach = reachOf(result, 'f', 'aws_db_instance.db');
      assert.equal(render(reach), 'no via local ENI_SG_RULES_MISMATCH\n  fix: allow egress tcp 5432 to aws_security_group.db in aws_security_group.fn');
      const change = reach?.fixes[0]?.changes[0];
      assert.equal(change?.kind, 'add-sg-egress');
      if (change?.kind === 'add-sg-egress') assert.match(change.peer, /aws_security_group\.db$/);
    });

    it('does not repeat "(main)" after the main route table\'s name', () => {
      const hop = reachOf(result, 'f', 'aws_db_instance.db')?.path.find((h) => h.componentKind === 'route-table');
      assert.equal(hop?.label, 'route table aws_vpc.v (main route table)');
    });
  });
});
