// SARIF partialFingerprints through the built CLI: results of one rule on one resource stay apart (one per
// destination for LAMBDA_PARTIAL_REACH, one per limit for LAMBDA_VPC_LIMITS), and every fingerprint survives
// edits that move lines or add unrelated resources.

import * as assert from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { association, publicSubnet, route, routeTable, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';
import { runCli } from './cliProcess';


const MAIN = `${twoAzVpc('eu-west-1')}${publicSubnet({ cidr: '10.0.0.0/24', az: 'eu-west-1a' })}
resource "aws_eip" "e" {}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.e.id
  subnet_id     = aws_subnet.pub.id
}
${routeTable('main', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.nat.id') })}
resource "aws_main_route_table_association" "m" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.main.id
}
${routeTable('iso')}${association('a', 'iso')}${securityGroup('fn', 'https')}
resource "aws_s3_bucket" "b" {}
resource "aws_sqs_queue" "q" {}
${vpcFunction('partial', { subnets: ['a', 'b'], env: 'BUCKET = aws_s3_bucket.b.id, QUEUE = aws_sqs_queue.q.url' })}
resource "aws_subnet" "many" {
  count             = 17
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index + 100)
  availability_zone = count.index % 2 == 0 ? "eu-west-1a" : "eu-west-1b"
}
resource "aws_security_group" "many" {
  count  = 6
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "limits" {
  function_name = "limits"
  vpc_config {
    subnet_ids         = aws_subnet.many[*].id
    security_group_ids = aws_security_group.many[*].id
  }
}
`;

interface SarifResult {
  readonly ruleId: string;
  readonly message: { readonly text: string };
  readonly partialFingerprints: Record<string, string>;
}

function sarif(dir: string): SarifResult[] {
  const r = runCli(['check', '.', '--format', 'sarif'], dir);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? [];
}

const print = (results: readonly SarifResult[]): Map<string, string> => new Map(results.map((x) => [`${x.ruleId} ${x.message.text}`, x.partialFingerprints['hyperplaneLens/v1'] ?? '']));

describe('SARIF partialFingerprints', function () {
  this.timeout(60000);
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-fp-'));
  writeFileSync(path.join(dir, 'main.tf'), MAIN);
  const before = sarif(dir);

  it('results of one rule on one resource get distinct fingerprints (per destination, per limit)', () => {
    const partial = before.filter((x) => x.ruleId === 'LAMBDA_PARTIAL_REACH' && x.message.text.startsWith('aws_lambda_function.partial '));
    assert.ok(partial.some((x) => /Amazon S3/.test(x.message.text)) && partial.some((x) => /sqs/.test(x.message.text)), partial.map((x) => x.message.text).join('\n'));
    assert.strictEqual(new Set(partial.map((x) => x.partialFingerprints['hyperplaneLens/v1'])).size, partial.length);
    const limits = before.filter((x) => x.ruleId === 'LAMBDA_VPC_LIMITS');
    assert.deepStrictEqual(limits.map((x) => /(\d+) (subnets|security groups)/.exec(x.message.text)?.slice(1).join(' ')).sort(), ['17 subnets', '6 security groups']);
    assert.notStrictEqual(limits[0]?.partialFingerprints['hyperplaneLens/v1'], limits[1]?.partialFingerprints['hyperplaneLens/v1']);
    const all = before.map((x) => x.partialFingerprints['hyperplaneLens/v1']);
    assert.strictEqual(new Set(all).size, all.length, 'every result has its own fingerprint');
  });

  it('fingerprints survive moved lines and an unrelated new resource', () => {
    writeFileSync(path.join(dir, 'main.tf'), '# moved down\n\n' + MAIN.replace('resource "aws_sqs_queue" "q" {}', 'resource "aws_sqs_queue" "q" {}\nresource "aws_sns_topic" "unrelated" {}\n'));
    assert.deepStrictEqual(print(sarif(dir)), print(before));
  });
});
