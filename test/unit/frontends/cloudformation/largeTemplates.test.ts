// Scale: a 5,000-line template and 10,000 resources across templates (with cross-template imports) read
// completely and the same way on a second read. Their speed is measured by `npm run bench` (tests carry no
// timing assertions).

import * as assert from 'node:assert/strict';
import { readCloudFormation } from '../../../../server/src/frontends/cloudformation';
import { memoryView } from './cfnFixture';

function template(index: number, groups: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Cidr: { Type: String, Default: 10.0.0.0/16 }', 'Resources:'];
  lines.push(`  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !Ref Cidr } }`);
  for (let i = 0; i < groups; i++) {
    lines.push(
      `  Subnet${i}:`,
      `    Type: AWS::EC2::Subnet`,
      `    Properties:`,
      `      VpcId: !Ref Vpc`,
      `      CidrBlock: !Select [${i % 256}, !Cidr [!GetAtt Vpc.CidrBlock, 256, 8]]`,
      `      AvailabilityZone: !Select [${i % 3}, !GetAZs '']`,
      `  Sg${i}:`,
      `    Type: AWS::EC2::SecurityGroup`,
      `    Properties: { GroupDescription: g, VpcId: !Ref Vpc, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }] }`,
      `  Fn${i}:`,
      `    Type: AWS::Lambda::Function`,
      `    Properties:`,
      `      Role: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/r'`,
      `      VpcConfig: { SubnetIds: [!Ref Subnet${i}, !ImportValue 'shared-subnet-0'], SecurityGroupIds: [!GetAtt Sg${i}.GroupId] }`,
      `      Environment: { Variables: { N: !Sub 'fn-\${Subnet${i}}' } }`,
    );
  }
  lines.push('Outputs:', `  S: { Value: !Ref Subnet0, Export: { Name: shared-subnet-${index} } }`);
  return lines.join('\n') + '\n';
}

function objectCount(files: Map<string, string>): number {
  const view = memoryView(files);
  const first = readCloudFormation(view, {});
  const again = readCloudFormation(view, {});
  assert.deepEqual(again.objects.map((o) => o.id), first.objects.map((o) => o.id), 'a second read gives the same objects');
  return first.objects.length;
}

describe('large CloudFormation templates', function () {
  this.timeout(60000);

  it('reads a 5,000-line template completely', () => {
    const text = template(0, 333);
    assert.ok(text.split('\n').length >= 5000);
    assert.ok(objectCount(new Map([['/big.yaml', text]])) >= 1000);
  });

  it('reads 10,000 resources across 10 templates with their imports', () => {
    const files = new Map<string, string>();
    for (let t = 0; t < 10; t++) files.set(`/stacks/s${t}.yaml`, template(t, 333));
    assert.ok(objectCount(files) >= 10000);
  });
});
