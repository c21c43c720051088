// The topology panel's selection side panel names destinations as the analysis does ("the internet (IPv4)",
// "Amazon S3"), not by their internal keys: the diagram data carries the labels (reachLabels) and the
// webview's destination rows read them, falling back to the key for diagram data without labels.

import * as assert from 'node:assert/strict';
import { destinationLabel, destinationRows } from '../../../../client/webview/selection';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { diagramOf } from './diagramFixtures';
import { association, natGateway, route, routeTable, securityGroup, subnet } from '../../support/terraformPieces';

/** A dual-stack function: private subnets in two AZs, IPv4 through a NAT gateway in the first, IPv6 through an egress-only gateway. */
const DUAL_STACK = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_egress_only_internet_gateway" "eigw" { vpc_id = aws_vpc.v.id }
${subnet('public', { cidr: '10.0.0.0/24', az: 'eu-west-1a' })}\
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  ipv6_cidr_block   = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)
  availability_zone = "eu-west-1a"
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.2.0/24"
  ipv6_cidr_block   = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 2)
  availability_zone = "eu-west-1b"
}
${routeTable('public', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}\
${association('public', 'public')}\
${natGateway('nat', 'public')}\
${routeTable('private', { routes: [route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id'), route('::/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id')] })}\
${association('a', 'private')}\
${association('b', 'private')}\
${securityGroup('fn', 'dual-stack')}\
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids                  = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids          = [aws_security_group.fn.id]
    ipv6_allowed_for_dual_stack = true
  }
}
`;

/** "label — status: az status, …" per destination row, as the side panel lists them. */
function rows(model: DiagramModel, fn: string): string[] {
  return destinationRows(model, fn).map((r) => `${r.label} — ${r.status}: ${r.perAz.map((a) => `${a.az} ${a.status}`).join(', ')}`);
}

describe('destination labels in the selection panel', () => {
  const model = diagramOf(new Map([['/ws/main.tf', DUAL_STACK]]));
  const fn = model.functions.find((f) => f.label === 'aws_lambda_function.api');

  it('carries the analysis\'s label of each destination in the diagram data', () => {
    assert.deepEqual(fn?.reachLabels, {
      internet: 'the internet (IPv4)',
      'internet-ipv6': 'the internet (IPv6)',
      s3: 'Amazon S3',
      dynamodb: 'Amazon DynamoDB',
    });
  });

  it('lists destinations by label in the analysis\'s order, IPv4 and IPv6 internet kept apart, with the reach per AZ', () => {
    assert.deepEqual(rows(model, fn?.id ?? ''), [
      'the internet (IPv4) — yes: eu-west-1a yes, eu-west-1b yes',
      'the internet (IPv6) — yes: eu-west-1a yes, eu-west-1b yes',
      'Amazon S3 — yes: eu-west-1a yes, eu-west-1b yes',
      'Amazon DynamoDB — yes: eu-west-1a yes, eu-west-1b yes',
    ]);
  });

  it('falls back to the key for diagram data without labels (older hosts) or with a malformed one', () => {
    const id = fn?.id ?? '';
    const bare: DiagramModel = { ...model, functions: model.functions.map((f) => ({ id: f.id, label: f.label, reach: f.reach })) };
    assert.deepEqual(destinationRows(bare, id).map((r) => r.label), ['internet', 'internet-ipv6', 's3', 'dynamodb']);
    const malformed = JSON.parse(JSON.stringify({ ...model, functions: model.functions.map((f) => ({ ...f, reachLabels: { internet: 42 } })) })) as DiagramModel;
    assert.equal(destinationLabel(malformed, id, 'internet'), 'internet');
  });
});
