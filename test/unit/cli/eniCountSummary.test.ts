// The text report's summary counts Hyperplane ENIs (H1: one per subnet and group set) honestly: unknown subnets
// leave a function's ENIs uncounted; unknown security groups alone leave them counted, but maybe shared.

import * as assert from 'node:assert/strict';
import { renderText } from '../../../server/src/cli/textReport';
import { buildJsonReport } from '../../../server/src/ide/report';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { provider, subnet, vpc } from '../support/terraformPieces';

function summary(vpcConfig: string, variables: string): string {
  const session = new AnalysisSession({});
  session.setFile('/w/main.tf', provider('eu-west-1') + variables + vpc()
    + subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' }) + subnet('b', { cidr: '10.0.2.0/24', az: 'eu-west-1b' })
    + `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::123456789012:role/r"\n  vpc_config {\n${vpcConfig}\n  }\n}\n`);
  const text = renderText(buildJsonReport(session.analyze(), [], [], '/w'), { colour: false });
  return text.trimEnd().split('\n').pop() ?? '';
}

/** The whole text report of one SAM template. */
function templateText(template: string): string {
  const session = new AnalysisSession({});
  session.setFile('/w/template.yaml', template);
  return renderText(buildJsonReport(session.analyze(), [], [], '/w'), { colour: false }).trimEnd();
}

describe('text report: the Hyperplane ENI count', () => {
  it('subnets given one parameter each: their ENIs are counted, and may be fewer if the parameters name one subnet', () => {
    // aws-samples/amazon-rds-proxy-multitenant-load-test: the summary said "2 known ENIs (and an unknown number for
    // 1 function whose subnets are unknown)", contradicting itself: each parameter has its ENI (H1).
    const text = templateText(['Transform: AWS::Serverless-2016-10-31', 'Parameters:', '  SubnetA: { Type: AWS::EC2::Subnet::Id }',
      '  SubnetB: { Type: AWS::EC2::Subnet::Id }', '  Sg: { Type: AWS::EC2::SecurityGroup::Id }', 'Resources:', '  Fn:',
      '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      Handler: a.b', '      CodeUri: .',
      '      VpcConfig:', '        SubnetIds: [!Ref SubnetA, !Ref SubnetB]', '        SecurityGroupIds: [!Ref Sg]', ''].join('\n'));
    assert.match(text, /Fn \(template\.yaml:7; VPC \(unknown\), 2 subnets, each unknown\)/);
    assert.match(text.split('\n').pop() ?? '', /^1 function, 2 Hyperplane ENIs \(fewer if subnets given as parameters or imports of 1 function are the same subnet; fewer if the function with unknown security groups shares ENIs with another\): /);
  });


  it('known subnets, unknown groups: the ENIs are counted, and may be fewer if shared', () => {
    assert.match(summary('    subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]\n    security_group_ids = var.sgs', 'variable "sgs" { type = list(string) }\n'),
      /^1 function, 2 Hyperplane ENIs \(fewer if the function with unknown security groups shares ENIs with another\): /);
  });

  it('unknown subnets: the count is open', () => {
    assert.match(summary('    subnet_ids = var.subnets\n    security_group_ids = ["sg-0123456789abcdef0"]', 'variable "subnets" { type = list(string) }\n'),
      /^1 function, 0 known Hyperplane ENIs \(and an unknown number for 1 function whose subnets are unknown\): /);
  });
});
