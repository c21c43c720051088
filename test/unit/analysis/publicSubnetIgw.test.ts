// LAMBDA_PUBLIC_SUBNET_IGW (E2) through the real Terraform front end, model and engine: the severity follows
// what the function needs through the internet gateway: error when the gateway is its only way out for a
// needed destination, warning when some subnets rely on it, information when it needs nothing through it.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { association, route, routeTable, securityGroup, subnet, twoAzVpc, vpcFunction } from '../support/terraformPieces';

/** Subnets a and b use the main table, which routes to the internet gateway; subnet nat routes to a NAT gateway. */
const NETWORK = `${twoAzVpc('eu-west-1')}${subnet('nat', { cidr: '10.0.3.0/24', az: 'eu-west-1b' })}
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.v.id }
${routeTable('pub', { routes: route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id') })}
resource "aws_main_route_table_association" "m" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_eip" "e" {}
resource "aws_nat_gateway" "n" {
  allocation_id = aws_eip.e.id
  subnet_id     = aws_subnet.a.id
}
${routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') })}${association('nat', 'private')}${securityGroup('fn', 'https')}
resource "aws_s3_bucket" "b" {}
`;

const S3_ENDPOINT = `
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.pub.id]
}
`;

const fn = (name: string, subnets: string[], env: string): string => vpcFunction(name, { subnets, env });

function publicSubnetFindings(text: string): Map<string, string> {
  const run = analyseWorkspace({ '/w/main.tf': text }, 'eu-west-1');
  return new Map(findingsOf(run, 'LAMBDA_PUBLIC_SUBNET_IGW').map((f) => [f.address, f.text]));
}

describe('LAMBDA_PUBLIC_SUBNET_IGW (E2)', () => {
  it('information only when the function needs nothing through the gateway (audit case pubs3: S3 through a gateway endpoint)', () => {
    const r = publicSubnetFindings(NETWORK + S3_ENDPOINT + fn('f', ['a', 'b'], 'BUCKET = aws_s3_bucket.b.id'));
    assert.match(r.get('aws_lambda_function.f') ?? '', /^information: aws_lambda_function\.f is in subnets routing to an internet gateway; .*none of the destinations it is known to need goes through the gateway \(E2\)$/);
  });

  it('error when the gateway is the only way out for something the function needs', () => {
    const r = publicSubnetFindings(NETWORK + fn('web', ['a', 'b'], 'URL = "https://example.com/api"') + fn('s3', ['a', 'b'], 'BUCKET = aws_s3_bucket.b.id'));
    assert.equal(r.get('aws_lambda_function.web'), 'error: aws_lambda_function.web needs the internet (IPv4), but its subnets send that traffic only to an internet gateway, which drops it: a Lambda ENI has no public IP (E2)');
    assert.match(r.get('aws_lambda_function.s3') ?? '', /^error: aws_lambda_function\.s3 needs Amazon S3, but its subnets send that traffic only to an internet gateway/);
  });

  it('warning when some subnets rely on the gateway and others have another way out', () => {
    const r = publicSubnetFindings(NETWORK + fn('mixed', ['b', 'nat'], 'URL = "https://example.com/api"'));
    assert.equal(r.get('aws_lambda_function.mixed'), 'warning: aws_lambda_function.mixed relies on an internet gateway for the internet (IPv4) from aws_subnet.b; a Lambda ENI has no public IP, so invocations placed there cannot reach it (E2)');
  });

  it('nothing for a function whose subnets route nothing to an internet gateway', () => {
    const r = publicSubnetFindings(NETWORK + fn('private', ['nat'], 'URL = "https://example.com/api"'));
    assert.equal(r.get('aws_lambda_function.private'), undefined);
  });
});
