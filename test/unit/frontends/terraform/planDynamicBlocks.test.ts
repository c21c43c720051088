// `dynamic` blocks whose for_each is known only from a plan: the planned values of the resource instance list
// the nested blocks Terraform computed (ingress/egress, route, vpc_config), and those become the blocks, so a
// function's subnets, security groups and routes, and with them its reach, are known.

import * as assert from 'node:assert/strict';
import { analyseWorkspace as analyseFixture, type WorkspaceRun as EngineRun } from '../../support/analyseWorkspace';
import { association, route, routeTable, subnet } from '../../support/terraformPieces';

const CONFIG = `
//- /w/main.tf
provider "aws" { region = "us-east-1" }
variable "rules" { type = list(object({ port = number, cidrs = list(string) })) }
variable "routes" { type = list(object({ cidr = string })) }
variable "vpc" { type = object({ subnet_ids = list(string), security_group_ids = list(string) }) }

resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
${subnet('public', { cidr: '10.0.0.0/24', az: 'us-east-1a', vpc: 'main' })}\
${routeTable('public', { vpc: 'main', routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}\
${association('public', 'public')}\
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_nat_gateway" "n" {
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat.id
}
${subnet('private', { cidr: '10.0.1.0/24', az: 'us-east-1a', vpc: 'main' })}\
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  dynamic "route" {
    for_each = var.routes
    content {
      cidr_block     = route.value.cidr
      nat_gateway_id = aws_nat_gateway.n.id
    }
  }
}
${association('private', 'private')}\
resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs
    }
  }
  dynamic "egress" {
    for_each = var.rules
    content {
      from_port   = egress.value.port
      to_port     = egress.value.port
      protocol    = "tcp"
      cidr_blocks = egress.value.cidrs
    }
  }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  dynamic "vpc_config" {
    for_each = var.vpc == null ? [] : [var.vpc]
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }
}
`;

const rule = (port: number, cidr: string): Record<string, unknown> => ({
  from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: [cidr], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '',
});

/** A minimal `terraform show -json` of a plan: only the instances and values this test needs. */
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.0',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-0main', cidr_block: '10.0.0.0/16' } },
        { address: 'aws_subnet.private', mode: 'managed', type: 'aws_subnet', name: 'private', values: { id: 'subnet-0priv', cidr_block: '10.0.1.0/24' } },
        { address: 'aws_nat_gateway.n', mode: 'managed', type: 'aws_nat_gateway', name: 'n', values: { id: 'nat-0n' } },
        { address: 'aws_route_table.private', mode: 'managed', type: 'aws_route_table', name: 'private', values: { id: 'rtb-0priv', route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-0n', gateway_id: '' }] } },
        { address: 'aws_security_group.fn', mode: 'managed', type: 'aws_security_group', name: 'fn', values: { id: 'sg-0fn', name: 'fn', ingress: [rule(8443, '10.0.0.0/16')], egress: [rule(443, '0.0.0.0/0'), rule(5432, '10.0.0.0/16')] } },
        { address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f', values: { function_name: 'f', vpc_config: [{ subnet_ids: ['subnet-0priv'], security_group_ids: ['sg-0fn'], vpc_id: 'vpc-0main' }] } },
      ],
    },
  },
});

function internet(run: EngineRun): string {
  const report = run.result.functions[0];
  const reach = report?.reach.find((r) => r.destination === 'internet');
  const short = (ids: readonly unknown[] | undefined): string => (ids ?? []).map((id) => (typeof id === 'string' ? run.model.get(id)?.address ?? id : 'unknown')).join(',');
  return `subnets=[${short(report?.subnets)}] sgs=[${short(report?.securityGroups)}] internet=${reach?.status ?? 'none'} via=${String(reach?.via)}`;
}

function rules(run: EngineRun): string[] {
  return run.model.all('security-group-rule').filter((r) => r.address === 'aws_security_group.fn').map((r) => {
    const peer = typeof r.peer === 'object' && 'kind' in r.peer ? JSON.stringify(r.peer) : 'unknown';
    const show = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : 'unknown');
    return `${r.direction} ${show(r.protocol)} ${show(r.fromPort)}-${show(r.toPort)} ${peer}`;
  }).sort();
}

function routes(run: EngineRun, table: string): string[] {
  return run.model.all('route').filter((r) => r.routeTable === `/w::${table}` && r.target.kind !== 'local').map((r) => {
    const ref = 'ref' in r.target ? r.target.ref : undefined;
    return `${JSON.stringify(r.destination)} -> ${r.target.kind} ${typeof ref === 'string' ? ref : 'unknown'}`;
  });
}

describe('dynamic blocks resolved from a plan', () => {
  it('without the plan, the dynamic ingress/egress, route and vpc_config stay unknown', () => {
    const run = analyseFixture(CONFIG);
    const codes = run.problems.map((p) => p.code);
    assert.ok(codes.includes('tf-unknown-rules'), codes.join(' '));
    assert.ok(codes.includes('tf-unknown-dynamic'), codes.join(' '));
    assert.deepEqual(rules(run), []);
    assert.deepEqual(routes(run, 'aws_route_table.private'), []);
    assert.equal(internet(run), 'subnets=[] sgs=[] internet=unknown via=null');
  });

  it('with the plan, the planned blocks become the blocks and the function reach is known', () => {
    const run = analyseFixture(`${CONFIG}//- /w/plan.json\n${PLAN}\n`);
    const codes = run.problems.map((p) => p.code);
    assert.ok(!codes.includes('tf-unknown-rules'), codes.join(' '));
    assert.ok(!codes.includes('tf-unknown-dynamic'), codes.join(' '));
    // Arguments built from the iterator come from the plan; the literal protocol stays the configuration's.
    assert.deepEqual(rules(run), [
      'egress tcp 443-443 {"kind":"ipv4","cidr":"0.0.0.0/0"}',
      'egress tcp 5432-5432 {"kind":"ipv4","cidr":"10.0.0.0/16"}',
      'ingress tcp 8443-8443 {"kind":"ipv4","cidr":"10.0.0.0/16"}',
    ]);
    // The route's NAT target keeps the configuration's reference; its destination is the plan's.
    assert.deepEqual(routes(run, 'aws_route_table.private'), ['{"kind":"ipv4","cidr":"0.0.0.0/0"} -> nat-gateway /w::aws_nat_gateway.n']);
    // The plan's subnet and security group ids name the workspace objects.
    assert.equal(internet(run), 'subnets=[aws_subnet.private] sgs=[aws_security_group.fn] internet=yes via=nat-gateway');
  });

  it('a dynamic block beside static ones takes the planned blocks the static ones leave', () => {
    const run = analyseFixture(`${CONFIG.replace('  dynamic "route" {', '  route {\n    cidr_block = "10.9.0.0/16"\n    vpc_peering_connection_id = "pcx-0abc"\n  }\n  dynamic "route" {')}//- /w/plan.json
${PLAN.replace('"route":[', '"route":[{"cidr_block":"10.9.0.0/16","vpc_peering_connection_id":"pcx-0abc"},')}
`);
    assert.deepEqual(routes(run, 'aws_route_table.private'), [
      '{"kind":"ipv4","cidr":"10.9.0.0/16"} -> vpc-peering unknown',
      '{"kind":"ipv4","cidr":"0.0.0.0/0"} -> nat-gateway /w::aws_nat_gateway.n',
    ]);
    assert.equal(internet(run), 'subnets=[aws_subnet.private] sgs=[aws_security_group.fn] internet=yes via=nat-gateway');
  });
});
