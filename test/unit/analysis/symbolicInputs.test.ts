// End to end from CloudFormation: parameter-derived unknowns carry symbols (param:<template>:<Name>[i]), so
// functions configured from the same parameters share Hyperplane ENIs (H1) and different elements do not.

import * as assert from 'node:assert/strict';
import { readFixture } from '../frontends/cloudformation/cfnFixture';
import { buildModel } from '../../../server/src/model/build';
import { analyze } from '../../../server/src/analysis/analyze';

function sharing(template: string): Record<string, string> {
  const out = readFixture(template);
  const result = analyze(buildModel([out]), { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [] });
  return Object.fromEntries(result.functions.map((f) => [f.function.slice(f.function.lastIndexOf('::') + 2), f.sharesEniWith.map((x) => x.slice(x.lastIndexOf('::') + 2)).join(',')]));
}

describe('symbolic parameters (CloudFormation → ENI sharing)', () => {
  it('the same list parameter, whole or element by element, shares; different elements do not', () => {
    const shares = sharing(`
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        Subnets: { Type: List<AWS::EC2::Subnet::Id> }
        Groups: { Type: CommaDelimitedList }
      Resources:
        Whole1: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.b, CodeUri: ., VpcConfig: { SubnetIds: !Ref Subnets, SecurityGroupIds: !Ref Groups } } }
        Whole2: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.b, CodeUri: ., VpcConfig: { SubnetIds: !Ref Subnets, SecurityGroupIds: !Ref Groups } } }
        First1: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.b, CodeUri: ., VpcConfig: { SubnetIds: [!Select [0, !Ref Subnets]], SecurityGroupIds: !Ref Groups } } }
        First2: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.b, CodeUri: ., VpcConfig: { SubnetIds: [!Select [0, !Ref Subnets]], SecurityGroupIds: !Ref Groups } } }
        Second: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs20.x, Handler: a.b, CodeUri: ., VpcConfig: { SubnetIds: [!Select [1, !Ref Subnets]], SecurityGroupIds: !Ref Groups } } }
    `);
    assert.deepEqual(shares, { Whole1: 'Whole2', Whole2: 'Whole1', First1: 'First2', First2: 'First1', Second: '' });
  });
});
