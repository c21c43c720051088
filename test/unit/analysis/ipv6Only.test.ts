// IPv6-only internet egress (E11) end to end through the real Terraform front end and the engine: a dual-stack
// function whose IPv4 internet is blocked but whose IPv6 gets out through an egress-only gateway needs "the
// internet" only as far as the host is dual-stack → unknown, and the finding is a warning naming the IPv6 path.

import * as assert from 'node:assert/strict';
import { analyzeFiles } from '../support/analyseWorkspace';
import { association, provider } from '../support/terraformPieces';
import type { AnalysisResult } from '../../../server/src/analysis/types';

function analyze(o: { ipv6Route?: boolean; allow?: boolean; dualStackSdk?: boolean } = {}): AnalysisResult {
  return analyzeFiles({ '/w/main.tf': `${provider('us-east-1')}
resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "a1" {
  vpc_id = aws_vpc.a.id
  cidr_block = "10.0.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.a.ipv6_cidr_block, 8, 1)
  availability_zone = "us-east-1a"
}
resource "aws_egress_only_internet_gateway" "e" { vpc_id = aws_vpc.a.id }
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.a.id
  ${o.ipv6Route === false ? '' : 'route {\n    ipv6_cidr_block = "::/0"\n    egress_only_gateway_id = aws_egress_only_internet_gateway.e.id\n  }'}
}
${association('a1', 'a')}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.a.id
  egress {
    from_port = 0
    to_port = 0
    protocol = "-1"
    cidr_blocks = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}
resource "aws_s3_bucket" "data" { bucket = "data-bkt" }
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role = "arn:aws:iam::123456789012:role/fn"
  runtime = "python3.12"
  handler = "a.h"
  filename = "a.zip"
  vpc_config {
    subnet_ids = [aws_subnet.a1.id]
    security_group_ids = [aws_security_group.fn.id]
    ipv6_allowed_for_dual_stack = ${o.allow === false ? 'false' : 'true'}
  }
  environment { variables = { BUCKET = aws_s3_bucket.data.bucket, API = "https://api.example.com"${o.dualStackSdk ? ', AWS_USE_DUALSTACK_ENDPOINT = "true"' : ''} } }
}
` }, 'us-east-1');
}

function summary(result: AnalysisResult): string[] {
  const reach = result.functions[0]?.reach ?? [];
  const lines = reach.filter((r) => r.destination === 'internet' || r.destination === 'internet-ipv6' || r.destination === 's3')
    .map((r) => `${r.destination}: ${r.status}${r.reason ? ` ${r.reason}` : ''}`);
  for (const f of result.findings.filter((x) => x.rule.startsWith('LAMBDA_NO_ROUTE'))) lines.push(`${f.severity} ${f.rule}: ${f.message}`);
  return lines;
}

describe('IPv6-only internet egress (E11)', () => {
  it('makes the IPv4 internet need unknown and the finding a warning naming the egress-only gateway', () => {
    const result = analyze();
    assert.deepEqual(summary(result), [
      'internet: unknown LAMBDA_IPV6_ONLY_EGRESS',
      'internet-ipv6: yes',
      's3: no NO_ROUTE_TO_DESTINATION',
      'warning LAMBDA_NO_ROUTE_INTERNET: aws_lambda_function.fn reaches the internet only over IPv6 (through egress-only internet gateway aws_egress_only_internet_gateway.e) (environment variable API is the URL https://api.example.com); IPv4 is blocked at aws_route_table.a, so hosts without an IPv6 (AAAA) address are unreachable (E11)',
      'error LAMBDA_NO_ROUTE_S3: aws_lambda_function.fn cannot reach Amazon S3 (environment variable BUCKET refers to aws_s3_bucket.data): route table aws_route_table.a: no route covers the destination (E6). IPv6 reaches the internet through egress-only internet gateway aws_egress_only_internet_gateway.e, but the SDK\'s default endpoint is IPv4-only: AWS_USE_DUALSTACK_ENDPOINT=true would use the dual-stack endpoint where the Region has one (E11)',
    ]);
    const internet = result.functions[0]?.reach.find((r) => r.destination === 'internet');
    assert.match(internet?.explanation ?? '', /^IPv6 reaches the internet through egress-only internet gateway aws_egress_only_internet_gateway\.e, IPv4 does not .*\(E11\)$/);
    assert.ok((internet?.fixes.length ?? 0) > 0, 'the IPv4 fix is still offered');
  });

  it('keeps the error when IPv6 does not get out either', () => {
    assert.deepEqual(summary(analyze({ ipv6Route: false })).slice(0, 2), ['internet: no NO_ROUTE_TO_DESTINATION', 'internet-ipv6: no NO_ROUTE_TO_DESTINATION']);
    assert.ok(summary(analyze({ ipv6Route: false })).some((l) => l.startsWith('error LAMBDA_NO_ROUTE_INTERNET')));
  });

  it('keeps the error when the function does not send IPv6', () => {
    const lines = summary(analyze({ allow: false }));
    assert.equal(lines[0], 'internet: no NO_ROUTE_TO_DESTINATION');
    assert.ok(lines.some((l) => l.startsWith('error LAMBDA_NO_ROUTE_INTERNET')));
  });

  it('with AWS_USE_DUALSTACK_ENDPOINT=true, S3 over IPv6 depends on its dual-stack endpoint: unknown, not no', () => {
    const s3 = analyze({ dualStackSdk: true }).functions[0]?.reach.find((r) => r.destination === 's3');
    assert.equal(s3?.status, 'unknown');
    assert.match(s3?.explanation ?? '', /the function sets AWS_USE_DUALSTACK_ENDPOINT, IPv4 does not .*: it works where Amazon S3 has a dual-stack endpoint in the Region \(E11\)/);
    // Without the setting the SDK uses its IPv4 endpoint: no.
    assert.equal(analyze().functions[0]?.reach.find((r) => r.destination === 's3')?.status, 'no');
  });
});
