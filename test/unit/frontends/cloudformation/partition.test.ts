// AWS::Partition and AWS::URLSuffix follow the Region: China → aws-cn / amazonaws.com.cn, GovCloud →
// aws-us-gov / amazonaws.com, commercial (and unknown) → aws / amazonaws.com.

import * as assert from 'node:assert/strict';
import { readFixture } from './cfnFixture';

const YAML = `
  AWSTemplateFormatVersion: '2010-09-09'
  Resources:
    Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub '\${AWS::Partition}|\${AWS::URLSuffix}' } }
`;
const JSON_TEMPLATE = `
  //- /template.json
  { "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "Q": { "Type": "AWS::SQS::Queue",
    "Properties": { "QueueName": { "Fn::Join": ["|", [{ "Ref": "AWS::Partition" }, { "Ref": "AWS::URLSuffix" }]] } } } } }
`;

function queueName(fixture: string, region?: string): unknown {
  const out = readFixture(fixture, region !== undefined ? { region } : {});
  const q = out.objects.find((o) => o.address === 'Q');
  return q?.kind === 'service-resource' ? q.resourceName : undefined;
}

describe('cloudformation partition', () => {
  for (const [name, fixture] of [['YAML', YAML], ['JSON', JSON_TEMPLATE]] as const) {
    it(`follows the Region (${name})`, () => {
      assert.equal(queueName(fixture, 'cn-north-1'), 'aws-cn|amazonaws.com.cn');
      assert.equal(queueName(fixture, 'cn-northwest-1'), 'aws-cn|amazonaws.com.cn');
      assert.equal(queueName(fixture, 'us-gov-west-1'), 'aws-us-gov|amazonaws.com');
      assert.equal(queueName(fixture, 'eu-west-1'), 'aws|amazonaws.com');
      assert.equal(queueName(fixture), 'aws|amazonaws.com');
    });
  }

  it('a Region hint from AZ names sets the partition too', () => {
    assert.equal(queueName(YAML.replace('Resources:', `Resources:
    S: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, AvailabilityZone: cn-north-1a } }`)), 'aws-cn|amazonaws.com.cn');
  });
});
