// Fixes offered for routing blocks, end to end (real Terraform front end + engine): every change that alone
// would fix the hop. A peering hidden by a more specific route (P9, P10), a VPC pair with no route at all
// (P10), and a NAT gateway placed in a private subnet (E3).

import * as assert from 'node:assert/strict';
import { analyzeFiles, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, provider, publicSubnet, route, routeTable, securityGroup, securityGroupRules, subnet, vpc, vpcFunction } from '../support/terraformPieces';

function peered(routes: string): string {
  return `${provider('eu-west-1')}${vpc()}${vpc('peer', '10.1.0.0/16')}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}${subnet('pa', { vpc: 'peer', cidr: '10.1.2.0/24', az: 'eu-west-1a' })}
resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.peer.id
  auto_accept = true
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
${routes}
}
${association('a', 'rt')}
${routeTable('peer', { vpc: 'peer', routes: route('10.0.0.0/16', 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id') })}\
${association('pa', 'peer')}${securityGroup('fn', 'all')}
${securityGroupRules('redis', { vpc: 'peer', ingress: [{ port: 6379, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_elasticache_subnet_group" "g" { subnet_ids = [aws_subnet.pa.id] }
resource "aws_elasticache_cluster" "redis" {
  engine             = "redis"
  subnet_group_name  = aws_elasticache_subnet_group.g.name
  security_group_ids = [aws_security_group.redis.id]
}
${vpcFunction('lpm', { subnets: ['a'], env: 'REDIS = aws_elasticache_cluster.redis.cache_nodes[0].address' })}`;
}

const PEERING_ROUTE = `  route {
    cidr_block                = "10.1.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
  }`;
const HIDING_ROUTE = `  route {
    cidr_block = "10.1.2.0/24"
    gateway_id = aws_internet_gateway.igw.id
  }`;

/** NAT gateway in subnet "natsub", whose table has no internet route; "public" routes 0.0.0.0/0 to the IGW. */
const PRIVATE_NAT = provider('eu-west-1') + vpc() + publicSubnet({ name: 'public', cidr: '10.0.0.0/24', az: 'eu-west-1a' })
  + subnet('natsub', { cidr: '10.0.5.0/24', az: 'eu-west-1a' }) + routeTable('natrt') + association('natsub', 'natrt')
  + natGateway('nat', 'natsub')
  + subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })
  + routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') }) + association('a', 'private')
  + securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['a'] });

describe('fixes for routing blocks (P9, P10, E3)', () => {
  it('a peering hidden by a more specific route to the IGW: remove or repoint that route (P9, P10)', () => {
    const r = analyzeFiles({ '/w/main.tf': peered(`${PEERING_ROUTE}\n${HIDING_ROUTE}`) });
    assert.equal(render(reachOf(r, 'lpm', 'aws_elasticache_cluster.redis')), [
      'no via - DISCONNECTED_VPCS',
      '  fix: remove the route 10.1.2.0/24 → internet-gateway aws_internet_gateway.igw from aws_route_table.rt: it is more specific than 10.1.0.0/16 → aws_vpc_peering_connection.pcx and takes aws_subnet.pa\'s traffic away from the peering (P9)',
      '  fix: point the route 10.1.2.0/24 → internet-gateway aws_internet_gateway.igw in aws_route_table.rt at aws_vpc_peering_connection.pcx instead (P10)',
    ].join('\n'));
  });

  it('no route to a peered VPC: route its block to the peering connection (P10); without it, yes', () => {
    const none = analyzeFiles({ '/w/main.tf': peered('') });
    assert.equal(render(reachOf(none, 'lpm', 'aws_elasticache_cluster.redis')), [
      'no via - DISCONNECTED_VPCS',
      '  fix: route 10.1.0.0/16 in aws_route_table.rt to aws_vpc_peering_connection.pcx (P10)',
    ].join('\n'));
    assert.equal(render(reachOf(analyzeFiles({ '/w/main.tf': peered(PEERING_ROUTE) }), 'lpm', 'aws_elasticache_cluster.redis')), 'yes via vpc-peering');
  });

  it('a NAT gateway in a private subnet: route that subnet to the IGW, or place the NAT gateway in a public subnet (E3)', () => {
    const r = analyzeFiles({ '/w/main.tf': PRIVATE_NAT });
    assert.equal(render(reachOf(r, 'f', 'internet')), [
      'no via nat-gateway NO_ROUTE_TO_DESTINATION',
      '  fix: route 0.0.0.0/0 in aws_route_table.natrt to aws_internet_gateway.igw',
      '  fix: associate aws_subnet.natsub with aws_route_table.public, which sends 0.0.0.0/0 to an attached internet gateway',
      '  fix: place aws_nat_gateway.nat in a public subnet such as aws_subnet.public (its route table sends 0.0.0.0/0 to an attached internet gateway)',
    ].join('\n'));
  });
});

describe('route fixes: a NAT gateway in another AZ, or one in the subnet\'s own AZ (E4)', () => {
  // Private subnets a (AZ a, routed to NAT n in AZ a) and b (AZ b, no route); public subnets in both AZs.
  const ws = (publicInB: boolean): string => provider('eu-west-1') + vpc()
    + subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' }) + subnet('b', { cidr: '10.0.2.0/24', az: 'eu-west-1b' })
    + publicSubnet({ cidr: '10.0.0.0/24', az: 'eu-west-1a' }) + natGateway('n', 'pub')
    + (publicInB ? subnet('pubb', { cidr: '10.0.3.0/24', az: 'eu-west-1b' }) + association('pubb', 'pub') : '')
    + routeTable('ra', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'ra')
    + routeTable('rb') + association('b', 'rb')
    + securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['b'] });

  it('offers the existing NAT gateway and a new one in the subnet\'s own AZ', () => {
    const r = reachOf(analyzeFiles({ '/w/main.tf': ws(true) }), 'f', 'internet');
    assert.equal(render(r), [
      'no via - NO_ROUTE_TO_DESTINATION',
      '  fix: route 0.0.0.0/0 in aws_route_table.rb to aws_nat_gateway.n',
      '  fix: add a public NAT gateway in aws_subnet.pubb (eu-west-1b, the subnet\'s own AZ) and route 0.0.0.0/0 in aws_route_table.rb to it',
    ].join('\n'));
  });

  it('offers the existing NAT gateway alone when the AZ has no public subnet', () => {
    const r = reachOf(analyzeFiles({ '/w/main.tf': ws(false) }), 'f', 'internet');
    assert.equal(render(r), 'no via - NO_ROUTE_TO_DESTINATION\n  fix: route 0.0.0.0/0 in aws_route_table.rb to aws_nat_gateway.n');
  });
});
