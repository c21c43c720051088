// Amazon Bedrock's actions all start with bedrock: but four endpoints serve them: a function that invokes
// models needs bedrock-runtime, one that invokes agents bedrock-agent-runtime. An interface endpoint for the
// wrong one does not carry the calls.

import * as assert from 'node:assert/strict';
import { analyzeFiles, reachOf } from '../support/analyseWorkspace';
import { securityGroup, securityGroupRules, subnet, vpcFunction } from '../support/terraformPieces';

function workspace(actions: string, endpointService: string): string {
  return `provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${securityGroup('fn', 'https')}
${securityGroupRules('vpce', { ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "bedrock" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.us-east-1.${endpointService}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.vpce.id]
  private_dns_enabled = true
}
resource "aws_iam_role" "fn" { assume_role_policy = "{}" }
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ${actions}, Resource = "*" }] })
}
${vpcFunction('fn', { subnets: ['a'], attributes: ['role          = aws_iam_role.fn.arn'] })}`;
}

const answer = (actions: string, endpoint: string, destination: string): string => {
  const r = reachOf(analyzeFiles({ '/w/main.tf': workspace(actions, endpoint) }), 'aws_lambda_function.fn', destination);
  return r === undefined ? 'not needed' : `${r.status} via ${r.via}`;
};

describe('Amazon Bedrock endpoints', () => {
  it('model invocation needs bedrock-runtime, which its interface endpoint serves', () => {
    assert.equal(answer('["bedrock:InvokeModel"]', 'bedrock-runtime', 'bedrock-runtime'), 'yes via interface-endpoint');
    assert.equal(answer('["bedrock:InvokeModel"]', 'bedrock-runtime', 'bedrock'), 'not needed');
  });

  it('an endpoint for the control plane (bedrock) does not carry inference calls', () => {
    assert.equal(answer('["bedrock:InvokeModel"]', 'bedrock', 'bedrock-runtime'), 'no via null');
  });

  it('agents and knowledge bases are bedrock-agent-runtime; a wildcard grant is used for inference', () => {
    assert.equal(answer('["bedrock:Retrieve"]', 'bedrock-agent-runtime', 'bedrock-agent-runtime'), 'yes via interface-endpoint');
    assert.equal(answer('"bedrock:*"', 'bedrock-runtime', 'bedrock-runtime'), 'yes via interface-endpoint');
    assert.equal(answer('["bedrock:ListFoundationModels"]', 'bedrock', 'bedrock'), 'yes via interface-endpoint');
  });
});
