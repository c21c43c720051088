// An interface endpoint that SDK hostnames do not resolve to (its private DNS off, E10, or the VPC's DNS
// support/hostnames off, E9) leaves the function on the public name, which needs a NAT path: the function's
// answer names that cause, not only the route table, and offers the DNS fix beside the NAT fix. End to end
// through the real Terraform front end and engine.

import * as assert from 'node:assert/strict';
import { analyzeFiles } from '../support/analyseWorkspace';
import { association, natGateway, ROLE, route, routeTable, securityGroup, securityGroupRules, subnet, vpcFunction } from '../support/terraformPieces';

interface Options {
  readonly privateDns?: boolean;
  readonly hostnames?: boolean;
  /** 'working': a public NAT gateway the private table routes to; 'no-igw': one whose subnet has no internet route. */
  readonly nat?: 'working' | 'no-igw';
}

function workspace(o: Options): string {
  const nat = o.nat === undefined ? '' : `
${subnet('public', { vpc: 'main', cidr: '10.0.100.0/24', az: 'eu-west-1a' })}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
${routeTable('public', { vpc: 'main', routes: o.nat === 'working' ? route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') : '' })}${association('public', 'public')}${natGateway('nat', 'public')}${routeTable('private', { vpc: 'main', routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })}${association('a', 'private')}`;
  return `
provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = ${String(o.hostnames ?? true)}
}
${subnet('a', { vpc: 'main', cidr: '10.0.1.0/24', az: 'eu-west-1a' })}${securityGroup('fn', 'all', 'main')}
${securityGroupRules('vpce', { vpc: 'main', ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.vpce.id]
  private_dns_enabled = ${String(o.privateDns ?? true)}
}
resource "aws_sqs_queue" "q" { name = "q" }
${vpcFunction('f', { subnets: ['a'], env: 'QUEUE_URL = aws_sqs_queue.q.url', attributes: [ROLE] })}${nat}`;
}

/** The sqs answer (status, via, explanation, fixes) and the function's finding for it. */
function sqs(o: Options): { answer: string; finding: string } {
  const result = analyzeFiles({ '/w/main.tf': workspace(o) }, 'eu-west-1');
  const reach = result.functions[0]?.reach.find((r) => r.destination === 'sqs');
  if (!reach) return { answer: 'no answer', finding: 'none' };
  const answer = [
    `${reach.status} via ${reach.via ?? '-'}${reach.status === 'yes' ? '' : ` ${reach.reason ?? '-'}: ${reach.explanation}`}`,
    ...reach.fixes.map((f) => `fix: ${f.description}`),
  ].join('\n');
  const f = result.findings.find((x) => x.rule.startsWith('LAMBDA_') && x.key === 'sqs');
  return { answer, finding: f === undefined ? 'none' : `${f.rule}: ${f.message}\n${f.fixes.map((x) => `fix: ${x.description}`).join('\n')}` };
}

const NAT_FIX = 'fix: attach an internet gateway to aws_vpc.main, add a public subnet whose route table sends 0.0.0.0/0 to it, add a public NAT gateway in that subnet and route 0.0.0.0/0 in aws_vpc.main (main route table) to the NAT gateway';

describe('interface endpoint DNS as the cause of a blocked service (E9, E10)', () => {
  it('private DNS off on the endpoint: the explanation and the finding name it, its fix beside the NAT fix', () => {
    const r = sqs({ privateDns: false });
    const cause = 'the interface endpoint aws_vpc_endpoint.sqs exists but its private DNS is off, so the public sqs name is used and needs a NAT path (E10)';
    assert.equal(r.answer, [
      `no via - NO_ROUTE_TO_DESTINATION: ${cause}: route table aws_vpc.main (main route table): no route covers the destination`,
      'fix: enable private DNS on aws_vpc_endpoint.sqs',
      NAT_FIX,
    ].join('\n'));
    assert.equal(r.finding, [
      'LAMBDA_NO_ROUTE_AWS_SERVICE: aws_lambda_function.f cannot reach the sqs API (environment variable QUEUE_URL refers to aws_sqs_queue.q): '
        + `${cause}: route table aws_vpc.main (main route table): no route covers the destination (E6)`,
      'fix: enable private DNS on aws_vpc_endpoint.sqs',
      NAT_FIX,
    ].join('\n'));
  });

  it('enable_dns_hostnames off on the VPC: the explanation names it, with the fix "enable DNS hostnames"', () => {
    assert.equal(sqs({ hostnames: false }).answer, [
      'no via - NO_ROUTE_TO_DESTINATION: the interface endpoint aws_vpc_endpoint.sqs exists but aws_vpc.main has enableDnsHostnames off, so its private DNS '
        + 'does not work and the public sqs name is used, which needs a NAT path (E9, E10): route table aws_vpc.main (main route table): no route covers the destination',
      'fix: enable DNS hostnames on aws_vpc.main',
      NAT_FIX,
    ].join('\n'));
  });

  it('private DNS off in a VPC with DNS hostnames off: the fix turns on both, as AWS requires (E9)', () => {
    const r = sqs({ privateDns: false, hostnames: false });
    assert.equal(r.answer.split('\n')[1], 'fix: enable private DNS on aws_vpc_endpoint.sqs, and DNS hostnames on aws_vpc.main, which private DNS needs (E9)');
    const result = analyzeFiles({ '/w/main.tf': workspace({ privateDns: false, hostnames: false }) }, 'eu-west-1');
    const endpointFinding = result.findings.find((f) => f.rule === 'VPCE_PRIVATE_DNS_DISABLED');
    assert.deepEqual(endpointFinding?.fixes[0]?.changes.map((c) => c.kind), ['enable-private-dns', 'enable-vpc-dns']);
  });

  it('a broken NAT path after the skipped endpoint: the cause still leads and the DNS fix is an alternative', () => {
    const r = sqs({ privateDns: false, nat: 'no-igw' });
    assert.match(r.answer, /^no via nat-gateway NO_ROUTE_TO_DESTINATION: the interface endpoint aws_vpc_endpoint\.sqs exists but its private DNS is off, .*: route table aws_route_table\.public/);
    assert.equal(r.answer.split('\n')[1], 'fix: enable private DNS on aws_vpc_endpoint.sqs');
  });

  it('nothing to blame when the public path works or DNS resolves to the endpoint', () => {
    assert.deepEqual(sqs({ privateDns: false, nat: 'working' }), { answer: 'yes via nat-gateway', finding: 'none' });
    assert.deepEqual(sqs({}), { answer: 'yes via interface-endpoint', finding: 'none' });
  });
});
