// The topology panel's selection side panel names destinations as the analysis does ("the internet (IPv4)",
// "Amazon S3"), not by their internal keys: the diagram data carries the labels (reachLabels) and the
// webview's destination rows read them, falling back to the key for diagram data without labels.

import * as assert from 'node:assert/strict';
import { destinationLabel, destinationRows } from '../../../../client/webview/selection';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { diagramOf } from './diagramFixtures';

/** A dual-stack function: private subnets in two AZs, IPv4 through a NAT gateway in the first, IPv6 through an egress-only gateway. */
const DUAL_STACK = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_egress_only_internet_gateway" "eigw" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "eu-west-1a"
}
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
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.private.id
}
resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.b.id
  route_table_id = aws_route_table.private.id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
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
