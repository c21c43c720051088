// A resource whose Condition names no condition (aws-solutions-library-samples/guidance-for-designing-resilient-
// applications-with-amazon-aurora-and-amazon-rds-proxy, cfn/nested-templates/core-app.yml: `Condition: ''` on an
// AWS::SSM::Parameter): one error, at the condition's name, not a second one at the resource's key.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';

const template = `Resources:
  CoreAppHandlerNameParam:
    Condition: ''
    Properties:
      Name: /main/CoreAppHandlerName
      Type: String
      Value: x
    Type: AWS::SSM::Parameter
  Subnet:
    Type: AWS::EC2::Subnet
    Condition: Missing
    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.0.1.0/24 }
`;

describe('wild: a Condition that names no condition', () => {
  it('is reported once per resource, at the name', () => {
    const run = analyseWorkspace({ '/w/core-app.yml': template }, 'us-east-1');
    const errors = run.problems.filter((p) => p.code === 'cfn-invalid-reference');
    assert.deepEqual(errors.map((p) => [p.message, template.slice(p.span.start, p.span.end)]), [
      ["Condition '' is not defined", "''"],
      ["Condition 'Missing' is not defined", 'Missing'],
    ]);
  });
});
