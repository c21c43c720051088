// P9 for public destinations: a route for part of the public address space that goes elsewhere than the rest
// leaves the answer open (the workspace does not say which part a service or "the internet" is in), and a
// customer prefix list routes its entries for service destinations too (the engine audit found both wrong). And
// with the VPC's DNS resolution off, names resolve only through a resolver the workspace does not show.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, natGateway, route, routeTable, securityGroup, subnet } from '../support/terraformPieces';

const network = (privateRoutes: string, extra = ''): string => `provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
${subnet('pub', { cidr: '10.0.0.0/24', az: 'us-east-1a' })}\
${routeTable('pub', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}\
${association('pub', 'pub')}\
${natGateway('nat', 'pub')}\
${subnet('app', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
resource "aws_route_table" "app" { vpc_id = aws_vpc.v.id }
${privateRoutes}
${association('app', 'app')}\
${securityGroup('fn', 'all')}\
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  vpc_config {
    subnet_ids         = [aws_subnet.app.id]
    security_group_ids = [aws_security_group.fn.id]
  }
  environment {
    variables = { BUCKET = aws_s3_bucket.b.bucket, API = "https://api.example.com" }
  }
}
${extra}`;

/** The app subnets' default route, to the NAT gateway. */
const DEFAULT_TO_NAT = `resource "aws_route" "def" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}`;

const reach = (tf: string): Record<string, string> => {
  const f = analyseWorkspace({ '/w/main.tf': tf }).result.functions[0];
  return Object.fromEntries((f?.reach ?? []).map((r) => [r.destination, `${r.status}${r.via ? ` via ${r.via}` : ''}`]));
};

describe('routes for part of the public address space (P9)', () => {
  it('52.0.0.0/8 to the internet gateway beside 0.0.0.0/0 to the NAT gateway: the internet and S3 are open', () => {
    const r = reach(network(`${DEFAULT_TO_NAT}
resource "aws_route" "some" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "52.0.0.0/8"
  gateway_id             = aws_internet_gateway.igw.id
}`));
    assert.equal(r.internet, 'unknown');
    assert.equal(r.s3, 'unknown');
  });

  it('the same part to the same NAT gateway changes nothing', () => {
    const r = reach(network(`${DEFAULT_TO_NAT}
resource "aws_route" "some" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "52.0.0.0/8"
  nat_gateway_id         = aws_nat_gateway.nat.id
}`));
    assert.equal(r.internet, 'yes via nat-gateway');
    assert.equal(r.s3, 'yes via nat-gateway');
  });

  it('a customer prefix list holding 0.0.0.0/0 routes S3 and the internet alike', () => {
    const r = reach(network(`resource "aws_route" "pl" {
  route_table_id             = aws_route_table.app.id
  destination_prefix_list_id = aws_ec2_managed_prefix_list.all.id
  nat_gateway_id             = aws_nat_gateway.nat.id
}`, `resource "aws_ec2_managed_prefix_list" "all" {
  name           = "all"
  address_family = "IPv4"
  max_entries    = 1
  entry { cidr = "0.0.0.0/0" }
}`));
    assert.equal(r.internet, 'yes via nat-gateway');
    assert.equal(r.s3, 'yes via nat-gateway');
  });
});

describe('rules and routes that cover a destination only together (P1, P9)', () => {
  const route = (name: string, cidr: string, target: string): string => `resource "aws_route" "${name}" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "${cidr}"
  ${target}
}`;
  const toNat = 'nat_gateway_id = aws_nat_gateway.nat.id';
  const toIgw = 'gateway_id = aws_internet_gateway.igw.id';

  it('0.0.0.0/1 and 128.0.0.0/1 to the NAT gateway, and no default route: the internet and S3 are reached', () => {
    const r = reach(network(`${route('low', '0.0.0.0/1', toNat)}\n${route('high', '128.0.0.0/1', toNat)}`));
    assert.equal(r.internet, 'yes via nat-gateway');
    assert.equal(r.s3, 'yes via nat-gateway');
  });

  it('the two halves to different gateways: open, naming both routes', () => {
    const tf = network(`${route('low', '0.0.0.0/1', toIgw)}\n${route('high', '128.0.0.0/1', toNat)}`);
    const internet = analyseWorkspace({ '/w/main.tf': tf }).result.functions[0]?.reach.find((x) => x.destination === 'internet');
    assert.equal(internet?.status, 'unknown');
    assert.match(internet?.explanation ?? '', /route aws_route\.low sends 0\.0\.0\.0\/1 to internet-gateway and route aws_route\.high sends 128\.0\.0\.0\/1 to nat-gateway/);
  });

  it('a part that goes elsewhere is not hidden by another part that agrees with the default route, whatever their order', () => {
    for (const order of [[0, 1], [1, 0]]) {
      const parts = [route('same', '0.0.0.0/1', toNat), route('other', '52.0.0.0/8', toIgw)];
      const r = reach(network(`${DEFAULT_TO_NAT}\n${order.map((i) => parts[i]).join('\n')}`));
      assert.equal(r.internet, 'unknown', `order ${order.join(',')}`);
    }
  });

  const sgWith = (cidrs: string): string => network(DEFAULT_TO_NAT).replace(/resource "aws_security_group" "fn" \{[\s\S]*?\n\}\n/, `resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [${cidrs}]
  }
}
`);

  it('security group egress to 0.0.0.0/1 and 128.0.0.0/1 allows every public address (P1: rules are a union)', () => {
    const tf = sgWith('"0.0.0.0/1", "128.0.0.0/1"');
    const internet = analyseWorkspace({ '/w/main.tf': tf }).result.functions[0]?.reach.find((x) => x.destination === 'internet');
    assert.equal(internet?.status, 'yes');
    const sgHop = internet?.path.find((h) => h.componentKind === 'security-group');
    assert.match(sgHop?.detail ?? '', /to 0\.0\.0\.0\/1 and egress rule tcp 443-443 to 128\.0\.0\.0\/1 together allow a public IPv4 address tcp 443/);
  });

  it('blocks that leave part of the public space out stay open', () => {
    const r = reach(sgWith('"0.0.0.0/1", "128.0.0.0/2"'));
    assert.equal(r.internet, 'unknown via nat-gateway');
  });

  it('blocks that miss only private space still allow every public address', () => {
    // 10.0.0.0/8 is left out: no public address is in it, so the union holds every public one.
    const r = reach(sgWith('"0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"'));
    assert.equal(r.internet, 'yes via nat-gateway');
  });
});

describe('network ACL entries that hold the peer only together (P5)', () => {
  const acl = (entries: readonly (readonly [number, 'allow' | 'deny', string])[]): string => {
    const blocks = (dir: string): string => entries.map(([n, action, cidr]) => `  ${dir} {
    rule_no    = ${n}
    action     = "${action}"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "${cidr}"
  }`).join('\n');
    return `resource "aws_network_acl" "app" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.app.id]
${blocks('egress')}
${blocks('ingress')}
}`;
  };
  const internetOf = (entries: readonly (readonly [number, 'allow' | 'deny', string])[]): string => reach(network(DEFAULT_TO_NAT, acl(entries))).internet ?? '';

  it('allows on 0.0.0.0/1 and 128.0.0.0/1 allow every public address', () => {
    assert.equal(internetOf([[100, 'allow', '0.0.0.0/1'], [110, 'allow', '128.0.0.0/1']]), 'yes via nat-gateway');
  });

  it('denies on both halves before an allow-all deny everything', () => {
    assert.equal(internetOf([[100, 'deny', '0.0.0.0/1'], [110, 'deny', '128.0.0.0/1'], [120, 'allow', '0.0.0.0/0']]), 'no via nat-gateway');
  });

  it('halves that act differently leave the public destination open', () => {
    assert.equal(internetOf([[100, 'allow', '0.0.0.0/1'], [110, 'deny', '128.0.0.0/1'], [120, 'allow', '0.0.0.0/0']]), 'unknown via nat-gateway');
  });
});

describe('VPC DNS resolution off (E7)', () => {
  it('every destination the function finds by name is open, with the reason', () => {
    const tf = network(DEFAULT_TO_NAT).replace('resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }', 'resource "aws_vpc" "v" {\n  cidr_block         = "10.0.0.0/16"\n  enable_dns_support = false\n}');
    const f = analyseWorkspace({ '/w/main.tf': tf }).result.functions[0];
    const s3 = f?.reach.find((r) => r.destination === 's3');
    assert.equal(s3?.status, 'unknown');
    assert.match(s3?.explanation ?? '', /DNS resolution is off in the VPC \(enableDnsSupport false\)/);
    assert.equal(f?.reach.find((r) => r.destination === 'internet')?.status, 'unknown');
  });
});
