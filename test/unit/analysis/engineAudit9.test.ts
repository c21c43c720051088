// Engine audit 9 regressions, end to end (real Terraform front end + engine): internet-facing load balancers
// reached over the internet (ELB Scheme, E2, E3, P15) and ElastiCache clusters of a replication group (P15).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, natGateway, publicSubnet, route, routeTable, securityGroup, securityGroupRules, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** Private subnets a and b routed through a NAT gateway in a public subnet. */
const natted = twoAzVpc('us-east-1') + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('n', 'pub')
  + routeTable('priv', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'priv') + association('b', 'priv');

/** An application load balancer in subnets a and b whose security group admits `ingress` (a rule's peer line). */
function balancer(internal: boolean, ingress: string): string {
  return `resource "aws_security_group" "lb" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    ${ingress}
  }
}
resource "aws_lb" "lb" {
  internal           = ${internal}
  load_balancer_type = "application"
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups    = [aws_security_group.lb.id]
}
`;
}

const FROM_FN = 'security_groups = [aws_security_group.fn.id]';
const FROM_ANYWHERE = 'cidr_blocks = ["0.0.0.0/0"]';

describe('engine audit 9', () => {
  describe('internet-facing load balancers resolve to public addresses (ELB Scheme, E3, P15)', () => {
    it('are not reached locally from a VPC without a way to the internet', () => {
      const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + securityGroup('fn', 'all') + balancer(false, FROM_FN) + vpcFunction('f', { subnets: ['a', 'b'], env: 'LB = aws_lb.lb.dns_name' }) });
      assert.equal(render(reachOf(run.result, 'f', 'aws_lb.lb')), 'no via - NO_ROUTE_TO_DESTINATION\n  fix: attach an internet gateway to aws_vpc.v, add a public subnet whose route table sends 0.0.0.0/0 to it, add a public NAT gateway in that subnet and route 0.0.0.0/0 in aws_vpc.v (main route table) to the NAT gateway');
      assert.ok(run.findings.includes('LAMBDA_NO_ROUTE_TARGET aws_lambda_function.f'), run.findings.join('\n'));
    });

    it('see the NAT gateway\'s address, so a rule admitting the function\'s group does not admit it', () => {
      const run = analyseWorkspace({ '/w/main.tf': natted + securityGroup('fn', 'all') + balancer(false, FROM_FN) + vpcFunction('f', { subnets: ['a', 'b'], env: 'LB = aws_lb.lb.dns_name' }) });
      const reach = reachOf(run.result, 'f', 'aws_lb.lb');
      assert.equal(reach?.status, 'no');
      assert.equal(reach?.reason, 'ENI_SG_RULES_MISMATCH');
      assert.equal(run.model.get(reach?.blockedAt ?? '')?.address, 'aws_security_group.lb');
    });

    it('are reached through the NAT gateway when they admit public addresses', () => {
      const run = analyseWorkspace({ '/w/main.tf': natted + securityGroup('fn', 'all') + balancer(false, FROM_ANYWHERE) + vpcFunction('f', { subnets: ['a', 'b'], env: 'LB = aws_lb.lb.dns_name' }) });
      assert.equal(render(reachOf(run.result, 'f', 'aws_lb.lb')), 'yes via nat-gateway');
    });

    it('leave a load balancer of unknown scheme unknown rather than reached locally', () => {
      const ws = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + 'variable "internal" { type = bool }\n'
        + balancer(false, FROM_FN).replace('internal           = false', 'internal           = var.internal')
        + vpcFunction('f', { subnets: ['a', 'b'], env: 'LB = aws_lb.lb.dns_name' });
      assert.equal(reachOf(analyseWorkspace({ '/w/main.tf': ws }).result, 'f', 'aws_lb.lb')?.status, 'unknown');
    });

    it('leave internal load balancers reached locally', () => {
      const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + securityGroup('fn', 'all') + balancer(true, FROM_FN) + vpcFunction('f', { subnets: ['a', 'b'], env: 'LB = aws_lb.lb.dns_name' }) });
      assert.equal(render(reachOf(run.result, 'f', 'aws_lb.lb')), 'yes via local');
    });
  });

  describe('ElastiCache: a cache cluster of a replication group (P15)', () => {
    it('is reached as its group, in the group\'s subnets and security groups', () => {
      const run = analyseWorkspace({ '/w/main.tf': twoAzVpc('us-east-1') + securityGroup('fn', 'all') + `${securityGroupRules('cache', { ingress: [{ port: 6379, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_elasticache_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_elasticache_replication_group" "r" {
  replication_group_id = "r"
  description          = "r"
  node_type            = "cache.t4g.micro"
  subnet_group_name    = aws_elasticache_subnet_group.g.name
  security_group_ids   = [aws_security_group.cache.id]
}
resource "aws_elasticache_cluster" "member" {
  cluster_id           = "r-3"
  replication_group_id = aws_elasticache_replication_group.r.id
}
` + vpcFunction('f', { subnets: ['a', 'b'], env: 'REDIS = aws_elasticache_cluster.member.cache_nodes[0].address' }) });
      assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_replication_group.r')), 'yes via local');
      assert.equal(reachOf(run.result, 'f', 'aws_elasticache_cluster.member'), undefined);
      assert.ok(!run.findings.includes('LAMBDA_REACH_UNKNOWN aws_lambda_function.f'), run.findings.join('\n'));
    });
  });
});

describe('engine audit 9: a Network Load Balancer without security groups (P2)', () => {
  it('nothing filters at it: the VPC default group does not apply', () => {
    const tf = `${natted}${securityGroup('fn', 'all')}
resource "aws_lb" "nlb" {
  internal           = true
  load_balancer_type = "network"
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
}
${vpcFunction('f', { subnets: ['a'], env: 'API = aws_lb.nlb.dns_name' })}`;
    // Was: the VPC's default security group, which admits only its members, blocked the function.
    const r = reachOf(analyseWorkspace({ '/w/main.tf': tf }).result, 'f', 'aws_lb.nlb');
    assert.equal(render(r), 'yes via local');
    assert.ok(r?.path.some((h) => h.detail.includes('a Network Load Balancer without security groups')), r?.path.map((h) => h.detail).join('\n'));
  });
});

describe('engine audit 9: a load balancer listens on its listeners\' ports (P15)', () => {
  const tf = (listeners: string): string => `${natted}${securityGroup('fn', 'all')}
${securityGroupRules('lb', { ingress: [{ port: 443, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_lb" "lb" {
  internal           = true
  load_balancer_type = "application"
  subnets            = [aws_subnet.a.id, aws_subnet.b.id]
  security_groups    = [aws_security_group.lb.id]
}
${listeners}
${vpcFunction('f', { subnets: ['a'], env: 'API = aws_lb.lb.dns_name' })}`;
  const listener = (name: string, port: number): string => `resource "aws_lb_listener" "${name}" {
  load_balancer_arn = aws_lb.lb.arn
  port              = ${port}
  protocol          = "HTTPS"
}
`;
  const reach = (listeners: string) => reachOf(analyseWorkspace({ '/w/main.tf': tf(listeners) }).result, 'f', 'aws_lb.lb');

  it('one listener on 443: its port decides against the balancer\'s group', () => {
    // Was: the port unknown ("listener ports are set by aws_lb_listener"), so a group admitting 443 only stayed open.
    assert.equal(render(reach(listener('https', 443))), 'yes via local');
    assert.equal(reach(listener('http', 80))?.status, 'no');
  });

  it('two listeners: which one the function uses is not known', () => {
    const r = reach(listener('https', 443) + listener('http', 80));
    assert.equal(r?.status, 'unknown');
  });
});
