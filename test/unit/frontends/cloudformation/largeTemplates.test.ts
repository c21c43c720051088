// Speed: a 5,000-line template and 10,000 resources across templates (with cross-template imports). Parsing is
// the readers' cost and is done before timing. The targets are a few ms and well under 300 ms on an idle
// machine; the assertions are looser bounds that still catch quadratic work on a loaded, shared machine.

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

function timed(files: Map<string, string>): { ms: number; objects: number } {
  const view = memoryView(files);
  for (const p of view.paths) view.data(p);
  readCloudFormation(view, {}); // warm-up: JIT
  let best = Infinity;
  let objects = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const out = readCloudFormation(view, {});
    best = Math.min(best, performance.now() - t0);
    objects = out.objects.length;
  }
  return { ms: best, objects };
}

describe('cloudformation performance', function () {
  this.timeout(60000);

  it('evaluates a 5,000-line template quickly', () => {
    const text = template(0, 333);
    assert.ok(text.split('\n').length >= 5000);
    const r = timed(new Map([['/big.yaml', text]]));
    console.log(`      5,000-line template: ${r.ms.toFixed(1)} ms, ${r.objects} objects`);
    assert.ok(r.ms < 150, `${r.ms} ms`);
  });

  it('reads 10,000 resources across 10 templates without quadratic work', () => {
    const files = new Map<string, string>();
    for (let t = 0; t < 10; t++) files.set(`/stacks/s${t}.yaml`, template(t, 333));
    const r = timed(files);
    console.log(`      10,000 resources: ${r.ms.toFixed(1)} ms, ${r.objects} objects`);
    assert.ok(r.objects >= 10000);
    assert.ok(r.ms < 1500, `${r.ms} ms`);
  });
});
