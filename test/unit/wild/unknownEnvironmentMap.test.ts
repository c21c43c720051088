// A function whose whole environment map cannot be read (joshdurbin/aws-api-gateway-lambda-proxy-internal-vpc-
// performance with `variables = var.env` and no value for it; a SAM `Variables: !Ref EnvParam`). The map may name a
// database host, so "attached to a VPC but uses no private resource" (LAMBDA_VPC_UNNEEDED, M1) has no evidence:
// it is not given. A map that is known and names nothing private still gives it.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const terraform = (variables: string): string => twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + 'variable "env" { type = map(string) }\n'
  + vpcFunction('f', { subnets: ['a', 'b'], env: 'PLACEHOLDER = "x"' }).replace('variables = { PLACEHOLDER = "x" }', variables);

const sam = (variables: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: pass
      Environment:
        Variables: ${variables}
      VpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        SecurityGroupIds: [sg-0123456789abcdef0]
`;

describe('wild: an environment map that cannot be read', () => {
  it('Terraform: no LAMBDA_VPC_UNNEEDED when variables = var.env has no value', () => {
    const run = analyseWorkspace({ '/w/main.tf': terraform('variables = var.env') });
    const fn = run.result.functions.map((r) => run.model.get(r.function)).find((o) => o?.kind === 'lambda-function');
    assert.match(fn?.kind === 'lambda-function' ? (fn.environmentUnknown ?? '') : '', /var\.env/);
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });

  it('Terraform: still given for a known map that names nothing private', () => {
    const run = analyseWorkspace({ '/w/main.tf': terraform('variables = { MODE = "fast" }') });
    assert.equal(findingsOf(run, 'LAMBDA_VPC_UNNEEDED').length, 1);
  });

  it('CloudFormation: no LAMBDA_VPC_UNNEEDED when Variables is a parameter', () => {
    const run = analyseWorkspace({ '/w/template.yaml': sam('!Ref Env') });
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });

  it('CloudFormation: still given for a known map that names nothing private', () => {
    const run = analyseWorkspace({ '/w/template.yaml': sam('{ MODE: fast }') });
    assert.equal(findingsOf(run, 'LAMBDA_VPC_UNNEEDED').length, 1);
  });
});
