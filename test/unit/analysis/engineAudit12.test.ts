// Engine audit 12 regressions, end to end (real Terraform front end + engine): VPC Block Public Access on the
// IPv6 paths of a dual-stack function (E13, E11), and an Ipv6AllowedForDualStack the workspace does not fix (E11).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, route, routeTable, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/**
 * Dual-stack VPC `v` with subnets a and b (b dual-stack unless `bSix` is false), each on its own table sending
 * ::/0 to an egress-only gateway, and function `fn` in both allowing IPv6 (`ipv6Flag`).
 */
function dual(o: { bSix?: boolean; bpa?: string; sgSix?: boolean; bRoute?: boolean; acl?: string; extra?: string; fnExtra?: string; ipv6Flag?: string }): string {
  return `${provider('us-east-1')}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "a" {
  vpc_id = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)
  availability_zone = "us-east-1a"
}
resource "aws_subnet" "b" {
  vpc_id = aws_vpc.v.id
  cidr_block = "10.0.2.0/24"
  ${o.bSix === false ? '' : 'ipv6_cidr_block = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 2)'}
  availability_zone = "us-east-1b"
}
resource "aws_egress_only_internet_gateway" "e" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.v.id
  route {
    ipv6_cidr_block = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.e.id
  }
}
resource "aws_route_table" "b" {
  vpc_id = aws_vpc.v.id
  ${o.bRoute === false ? '' : 'route {\n    ipv6_cidr_block = "::/0"\n    egress_only_gateway_id = aws_egress_only_internet_gateway.e.id\n  }'}
}
resource "aws_route_table_association" "a" {
  subnet_id = aws_subnet.a.id
  route_table_id = aws_route_table.a.id
}
resource "aws_route_table_association" "b" {
  subnet_id = aws_subnet.b.id
  route_table_id = aws_route_table.b.id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port = 0
    to_port = 0
    protocol = "-1"
    cidr_blocks = ["0.0.0.0/0"]
    ${o.sgSix === false ? '' : 'ipv6_cidr_blocks = ["::/0"]'}
  }
}
${o.bpa ? `resource "aws_vpc_block_public_access_options" "o" { internet_gateway_block_mode = "${o.bpa}" }` : ''}
${o.acl ?? ''}
${o.extra ?? ''}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role = "arn:aws:iam::123456789012:role/fn"
  runtime = "python3.12"
  handler = "a.h"
  filename = "a.zip"
  ${o.fnExtra ?? ''}
  vpc_config {
    subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
    ipv6_allowed_for_dual_stack = ${o.ipv6Flag ?? 'true'}
  }
  environment { variables = { API = "https://api.example.com" } }
}
`;
}


const igwInstead = (tf: string): string => tf.replace(/egress_only_gateway_id = aws_egress_only_internet_gateway.e.id/g, 'gateway_id = aws_internet_gateway.i.id');
const reach = (tf: string, dest: string): string => render(reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'fn', dest));

describe('engine audit 12: VPC Block Public Access on IPv6 egress (E13, E11)', () => {
  it('without Block Public Access the egress-only gateway lets IPv6 out', () => {
    assert.equal(reach(dual({}), 'internet-ipv6'), 'yes via egress-only-internet-gateway');
  });

  it('bidirectional mode blocks the egress-only gateway too (was: yes)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': dual({ bpa: 'block-bidirectional' }) }).result, 'fn', 'internet-ipv6');
    assert.equal(render(r), 'no via - VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  fix: add a VPC Block Public Access exclusion for subnet aws_subnet.a with mode allow-egress, and add a VPC Block Public Access exclusion for subnet aws_subnet.b with mode allow-egress');
    assert.ok(r?.path.some((h) => h.verdict === 'block' && h.rule === 'E13' && h.label === 'aws_vpc_block_public_access_options.o'));
    // With IPv6 blocked as well, the IPv4 need is a plain no again (not "IPv6 only").
    assert.equal(reach(dual({ bpa: 'block-bidirectional' }), 'internet').split('\n')[0], 'no via - NO_ROUTE_TO_DESTINATION');
  });

  it('ingress-only mode still lets the egress-only gateway send out', () => {
    assert.equal(reach(dual({ bpa: 'block-ingress' }), 'internet-ipv6'), 'yes via egress-only-internet-gateway');
  });

  it('ingress-only mode blocks IPv6 sent straight through an internet gateway (was: yes)', () => {
    const extra = 'resource "aws_internet_gateway" "i" { vpc_id = aws_vpc.v.id }';
    assert.equal(reach(igwInstead(dual({ extra })), 'internet-ipv6'), 'yes via internet-gateway');
    assert.equal(reach(igwInstead(dual({ bpa: 'block-ingress', extra })), 'internet-ipv6'), 'no via - VPC_BLOCK_PUBLIC_ACCESS_ENABLED');
  });

  it('ingress-only mode keeps IPv4 through a NAT gateway', () => {
    const tf = twoAzVpc('us-east-1') + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('n', 'pub')
      + routeTable('priv', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'priv')
      + securityGroup('fn', 'all') + vpcFunction('fn', { subnets: ['a'] })
      + 'resource "aws_vpc_block_public_access_options" "o" { internet_gateway_block_mode = "block-ingress" }\n';
    assert.equal(reach(tf, 'internet'), 'yes via nat-gateway');
    const both = tf.replace('"block-ingress"', '"block-bidirectional"');
    assert.equal(reach(both, 'internet'), 'no via nat-gateway VPC_BLOCK_PUBLIC_ACCESS_ENABLED\n  fix: add a VPC Block Public Access exclusion for subnet aws_subnet.pub with mode allow-egress (the NAT gateway sends from there)');
  });
});

describe('engine audit 12: an unknown Ipv6AllowedForDualStack (E11)', () => {
  const tf = dual({ ipv6Flag: 'var.six', extra: 'variable "six" {}' });

  it('leaves the IPv6 internet open instead of leaving it out (was: no IPv6 answer)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'fn', 'internet-ipv6');
    assert.equal(render(r), 'unknown via egress-only-internet-gateway LAMBDA_UNKNOWN_INPUT');
    assert.match(r?.explanation ?? '', /^whether the function sends IPv6 \(Ipv6AllowedForDualStack\) is unknown: var\.six/);
  });

  it('leaves the IPv4 internet need open when only IPv6 would get out (was: no)', () => {
    const r = reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'fn', 'internet');
    assert.equal(r?.status, 'unknown');
    assert.equal(r?.reason, 'LAMBDA_IPV6_ONLY_EGRESS');
    assert.match(r?.explanation ?? '', /Ipv6AllowedForDualStack\) is unknown/);
  });

  it('keeps no when IPv6 would not get out either', () => {
    const closed = dual({ ipv6Flag: 'var.six', extra: 'variable "six" {}', sgSix: false });
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': closed }).result, 'fn', 'internet')?.status, 'no');
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': closed }).result, 'fn', 'internet-ipv6')?.status, 'no');
  });

  it('a known false flag gives no IPv6 answer and a plain no', () => {
    const off = dual({ ipv6Flag: 'false' });
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': off }).result, 'fn', 'internet-ipv6'), undefined);
    assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': off }).result, 'fn', 'internet')?.status, 'no');
  });
});
