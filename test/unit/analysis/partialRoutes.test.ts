// P9 for public destinations: a route for part of the public address space that goes elsewhere than the rest
// leaves the answer open (the workspace does not say which part a service or "the internet" is in), and a
// customer prefix list routes its entries for service destinations too (the engine audit found both wrong). And
// with the VPC's DNS resolution off, names resolve only through a resolver the workspace does not show.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';

const network = (privateRoutes: string, extra = ''): string => `provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "pub" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.0.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "pub" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_eip" "nat" { domain = "vpc" }
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.pub.id
}
resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_route_table" "app" { vpc_id = aws_vpc.v.id }
${privateRoutes}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
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
