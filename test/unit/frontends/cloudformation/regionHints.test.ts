// AWS::Region when neither the CLI flag nor the setting gives one: a CDK environment in cdk.out/manifest.json
// (not `unknown-region`), else the Region of the literal AZ names and AZ ids in the template when they all agree;
// otherwise unknown. A nested stack inherits its parent's Region; the hover says where it came from.

import * as assert from 'node:assert/strict';
import { isUnknown } from '../../../../server/src/model/origin';
import { regionOfZone, regionOfZoneId } from '../../../../server/src/frontends/cloudformation/zoneRegions';
import { readFixture } from './cfnFixture';

function regionHover(fixture: string, file = '/template.yaml', region?: string): { model: string; hover: string | undefined } {
  const out = readFixture(fixture, region !== undefined ? { region } : {});
  const text = out.files.get(file) ?? '';
  return { model: isUnknown(out.region) ? `?${out.region.reason}` : out.region, hover: out.index.at(file, text.indexOf('AWS::Region') + 2)?.text };
}

describe('cloudformation Region hints', () => {
  it('reads Availability Zone names: eu-west-1a and eu-west-1b → eu-west-1 (YAML)', () => {
    assert.deepEqual(regionHover(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1b } }
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub '\${AWS::Region}-q' } }
    `), { model: 'eu-west-1', hover: '"eu-west-1" (from the Availability Zone eu-west-1a named in template.yaml)' });
  });

  it('reads AZ-typed parameter defaults and AvailabilityZones lists (JSON)', () => {
    assert.equal(regionHover(`
      //- /t.json
      { "Parameters": { "Zones": { "Type": "List<AWS::EC2::AvailabilityZone::Name>", "Default": "us-gov-west-1a,us-gov-west-1b" } },
        "Resources": { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Ref": "AWS::Region" } } } } }
    `, '/t.json').model, 'us-gov-west-1');
  });

  it('disagreeing AZs, AZ ids and no AZ at all leave the Region unknown', () => {
    const disagree = regionHover(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1a } }
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Ref AWS::Region } }
    `);
    assert.equal(disagree.model, '?the Region is chosen at deploy time');
    assert.match(disagree.hover ?? '', /^unknown: the Region is chosen at deploy time/);
    assert.equal(regionOfZone('use1-az1'), undefined);
    assert.equal(regionOfZone('us-west-2-lax-1a'), 'us-west-2');
    assert.equal(regionOfZone('cn-north-1a'), 'cn-north-1');
  });

  it('reads AZ ids by their documented prefix when every id and name agrees', () => {
    assert.deepEqual(regionHover(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZoneId: use1-az1 } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b } }
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Ref AWS::Region } }
    `), { model: 'us-east-1', hover: '"us-east-1" (from the Availability Zone use1-az1 named in template.yaml)' });
    const mixed = regionHover(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZoneId: euw1-az2 } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-central-1a } }
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Ref AWS::Region } }
    `);
    assert.equal(mixed.model, '?the Region is chosen at deploy time');
    const table: Record<string, string | undefined> = {
      'use1-az1': 'us-east-1', 'use2-az3': 'us-east-2', 'usw2-az4': 'us-west-2', 'euw1-az2': 'eu-west-1', 'euc1-az3': 'eu-central-1',
      'apne1-az4': 'ap-northeast-1', 'aps1-az1': 'ap-south-1', 'apse2-az1': 'ap-southeast-2', 'usw2-lax1-az1': 'us-west-2',
      'xyz9-az1': undefined, 'us-east-1a': undefined, 'use1': undefined,
    };
    for (const [id, region] of Object.entries(table)) assert.equal(regionOfZoneId(id), region, id);
  });

  it('the flag or setting wins over the hints and is not annotated', () => {
    assert.deepEqual(regionHover(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
        Q: { Type: AWS::SQS::Queue, Properties: { QueueName: !Ref AWS::Region } }
    `, '/template.yaml', 'us-east-2'), { model: 'us-east-2', hover: '"us-east-2"' });
  });

  it('a CDK environment names the Region; unknown-region does not; a nested stack inherits it', () => {
    const fixture = (env: string): string => `
      //- /p/cdk.out/manifest.json
      { "artifacts": { "S": { "type": "aws:cloudformation:stack", "environment": "${env}", "properties": { "templateFile": "S.template.json" } } } }
      //- /p/cdk.out/S.template.json
      { "Resources": {
        "N": { "Type": "AWS::CloudFormation::Stack", "Properties": { "TemplateURL": "https://bucket/hash.json" }, "Metadata": { "aws:asset:path": "SN.nested.template.json" } } } }
      //- /p/cdk.out/SN.nested.template.json
      { "Resources": { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Ref": "AWS::Region" } } } } }
    `;
    const known = readFixture(fixture('aws://123456789012/ap-southeast-2'));
    assert.equal(known.region, 'ap-southeast-2');
    const q = known.objects.find((o) => o.address === 'N/Q');
    assert.ok(q?.kind === 'service-resource');
    assert.equal(q.resourceName, 'ap-southeast-2');
    const unknownRegion = readFixture(fixture('aws://unknown-account/unknown-region'));
    assert.ok(isUnknown(unknownRegion.region));
  });
});
