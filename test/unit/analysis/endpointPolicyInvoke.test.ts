// Endpoint policies (E9) for a need that comes from a reference, not a grant: the environment naming another
// Lambda function is checked as lambda:InvokeFunction on that function (what such code calls), while a queue
// named the same way stays "some sqs action": which one the code calls is not determined, so not guessed.

import * as assert from 'node:assert/strict';
import type { DestinationReach } from '../../../server/src/analysis/types';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { association, lambdaFunction, packaged, provider, routeTable, securityGroup, securityGroupRules, subnet, vpc, vpcFunction } from '../support/terraformPieces';

/** A private subnet whose only way to `service` is an interface endpoint with private DNS and `policy`. */
function workspace(service: 'lambda' | 'sqs', policy: string, env: string, grants = ''): string {
  return `//- /w/main.tf
${provider('us-east-1')}${vpc('v', '10.0.0.0/16', ['enable_dns_hostnames = true'])}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
${routeTable('private')}${association('a', 'private')}${securityGroup('fn', 'all')}\
${securityGroupRules('ep', { ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "ep" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.us-east-1.${service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.ep.id]
  policy              = jsonencode({ Statement = [${policy}] })
}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "vpc" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
${grants}
resource "aws_sqs_queue" "jobs" { name = "jobs" }
${lambdaFunction('worker', { attributes: packaged })}
${vpcFunction('fn', { subnets: ['a'], env, attributes: ['role          = aws_iam_role.fn.arn', ...packaged.slice(1)] })}`;
}

const allow = (action: string, resource = '"*"'): string => `{ Effect = "Allow", Principal = "*", Action = "${action}", Resource = ${resource} }`;

/** The function's answer for `destination` and the endpoint hop's verdict and detail. */
function show(files: string, destination: string): { line: string; hop: string; reach: DestinationReach } {
  const run = analyseWorkspace(files);
  const report = run.result.functions.find((f) => run.model.get(f.function)?.address === 'aws_lambda_function.fn');
  const reach = report?.reach.find((r) => r.destination === destination);
  assert.ok(reach, `${destination} is a destination of fn`);
  const hop = reach.path.find((h) => h.componentKind === 'vpc-endpoint');
  return { line: `${reach.status} ${reach.reason ?? ''}`.trim(), hop: hop ? `${hop.verdict}: ${hop.detail}` : '(no endpoint hop)', reach };
}

const WORKER = 'WORKER = aws_lambda_function.worker.function_name';

describe('endpoint policy requests implied by a referenced function (E9)', () => {
  it('a policy allowing only lambda:InvokeFunction lets the function invoke the one its environment names', () => {
    const r = show(workspace('lambda', allow('lambda:InvokeFunction'), WORKER), 'lambda');
    assert.equal(r.line, 'yes');
    assert.match(r.hop, /^pass: .*the endpoint policy allows lambda:InvokeFunction on arn:aws:lambda:us-east-1:\*:function:worker \(statement #1\)$/);
  });

  it('a policy naming the function (by reference) covers it; one allowing other actions refuses the invoke', () => {
    assert.equal(show(workspace('lambda', allow('lambda:InvokeFunction', 'aws_lambda_function.worker.arn'), WORKER), 'lambda').line, 'yes');
    const refused = show(workspace('lambda', allow('lambda:GetFunction'), WORKER), 'lambda');
    assert.equal(refused.line, 'no VPCE_POLICY_DENIES');
    assert.match(refused.hop, /no statement allows lambda:InvokeFunction on arn:aws:lambda:us-east-1:\*:function:worker \(needed because environment variable WORKER refers to aws_lambda_function\.worker\)/);
    assert.deepEqual(refused.reach.fixes.map((f) => f.description), ['allow lambda:InvokeFunction on arn:aws:lambda:us-east-1:*:function:worker in the policy of aws_vpc_endpoint.ep']);
  });

  it('a grant of the role still decides the actions: its exact ones, not the implied invoke', () => {
    const grants = `resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["lambda:GetFunction"], Resource = ["*"] }] })
}`;
    const r = show(workspace('lambda', allow('lambda:GetFunction'), WORKER, grants), 'lambda');
    assert.equal(r.line, 'yes');
    assert.match(r.hop, /allows lambda:GetFunction on \*/);
  });

  it('managed policies: the execution-role ones grant no lambda: action, AWSLambdaRole grants lambda:InvokeFunction', () => {
    const attach = (arn: string): string => `resource "aws_iam_role_policy_attachment" "more" {
  role       = aws_iam_role.fn.name
  policy_arn = "${arn}"
}`;
    // Before: AWSLambdaBasicExecutionRole was read as lambda:* on every resource, which the policy covers only in part.
    const basic = show(workspace('lambda', allow('lambda:InvokeFunction'), WORKER, attach('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')), 'lambda');
    assert.equal(basic.line, 'yes');
    const role = show(workspace('lambda', allow('lambda:InvokeFunction'), WORKER, attach('arn:aws:iam::aws:policy/service-role/AWSLambdaRole')), 'lambda');
    assert.equal(role.line, 'yes');
    assert.match(role.hop, /allows lambda:InvokeFunction on \* \(statement #1\)$/);
    const full = show(workspace('lambda', allow('lambda:InvokeFunction'), WORKER, attach('arn:aws:iam::aws:policy/AWSLambda_FullAccess')), 'lambda');
    assert.equal(full.line, 'unknown LAMBDA_UNKNOWN_INPUT');
  });

  it('a queue named in the environment: the action its code calls is not determined, so sqs:SendMessage alone stays unknown', () => {
    const r = show(workspace('sqs', allow('sqs:SendMessage'), 'QUEUE = aws_sqs_queue.jobs.url'), 'sqs');
    assert.equal(r.line, 'unknown LAMBDA_UNKNOWN_INPUT');
    assert.match(r.hop, /^unknown: .*sqs:\* on arn:aws:sqs:us-east-1:\*:jobs/);
  });
});
