// Resource Conditions in the CloudFormation front end: false drops the resource, true keeps it, an undecidable
// one keeps it with an `existence` unknown naming the condition (also for everything a conditional nested
// stack creates); an undecidable Fn::If keeps both arms in the reason of the model value.

import * as assert from 'node:assert/strict';
import { isUnknown } from '../../../../server/src/model/origin';
import { byAddress, readFixture } from './cfnFixture';

const TEMPLATE = (enableNat: string): string => `
  Parameters:
    EnableNat: { Type: String, AllowedValues: ['true', 'false']${enableNat} }
  Conditions:
    UseNat: !Equals [!Ref EnableNat, 'true']
    UseNatToo: !And [!Condition UseNat, !Equals ['a', 'a']]
  Resources:
    Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
    Public: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
    Eip: { Type: AWS::EC2::EIP, Condition: UseNat }
    Nat:
      Type: AWS::EC2::NatGateway
      Condition: UseNat
      Properties: { SubnetId: !Ref Public, AllocationId: !GetAtt Eip.AllocationId }
    Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
    NatRoute:
      Type: AWS::EC2::Route
      Condition: UseNatToo
      Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat }
    Tenancy:
      Type: AWS::EC2::VPC
      Properties: { CidrBlock: 10.1.0.0/16, InstanceTenancy: !If [UseNat, dedicated, default] }
`;

describe('CloudFormation resource Conditions', () => {
  it('an undecidable condition keeps the resource with an existence that names the condition and why', () => {
    const out = readFixture(TEMPLATE(''));
    const nat = byAddress(out, 'Nat');
    assert.equal(nat.existence?.reason, 'created only if Condition UseNat is true, which cannot be decided: parameter EnableNat has no default');
    assert.equal(nat.existence?.symbol, 'condition:/template.yaml:UseNat');
    assert.ok(nat.existence?.origin !== undefined, 'the existence points at the condition');
    const route = byAddress(out, 'NatRoute');
    assert.match(route.existence?.reason ?? '', /^created only if Condition UseNatToo is true, which cannot be decided: condition UseNat cannot be decided: parameter EnableNat has no default$/);
    assert.equal(byAddress(out, 'Vpc').existence, undefined);
    assert.equal(byAddress(out, 'Rt').existence, undefined);
  });

  it('a decidable condition keeps (true) or drops (false) the resource, without existence', () => {
    const on = readFixture(TEMPLATE(", Default: 'true'"));
    assert.equal(byAddress(on, 'Nat').existence, undefined);
    assert.equal(byAddress(on, 'NatRoute').existence, undefined);
    const off = readFixture(TEMPLATE(", Default: 'false'"));
    assert.equal(off.objects.some((o) => o.address === 'Nat' || o.address === 'NatRoute'), false);
  });

  it('an undecidable Fn::If is unknown with a reason naming the condition and both arms', () => {
    const vpc = byAddress(readFixture(TEMPLATE('')), 'Tenancy');
    assert.ok(vpc.kind === 'vpc' && isUnknown(vpc.instanceTenancy));
    assert.equal(isUnknown(vpc.instanceTenancy) ? vpc.instanceTenancy.reason : '',
      'condition UseNat cannot be decided: parameter EnableNat has no default (InstanceTenancy is "dedicated" if true, "default" if false)');
  });

  it('an undecidable Fn::If between two resources keeps both as branches of the reference', () => {
    const out = readFixture(`
      Parameters:
        Pick: { Type: String }
      Conditions:
        UseA: !Equals [!Ref Pick, a]
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
        Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !If [UseA, !Ref A, !Ref B], ConnectivityType: private } }
    `);
    const nat = byAddress(out, 'Nat');
    assert.ok(nat.kind === 'nat-gateway' && nat.subnet !== null && isUnknown(nat.subnet));
    assert.match(isUnknown(nat.subnet) ? nat.subnet.reason : '', /^condition UseA cannot be decided: parameter Pick has no default \(\S+ is A if true, B if false\)$/);
  });

  it('everything a nested stack under an undecidable condition creates carries the condition', () => {
    const out = readFixture(`
      //- /parent.yaml
      Parameters:
        WithNetwork: { Type: String }
      Conditions:
        Net: !Equals [!Ref WithNetwork, 'yes']
      Resources:
        Network:
          Type: AWS::CloudFormation::Stack
          Condition: Net
          Properties: { TemplateURL: ./child.yaml }
      //- /child.yaml
      Parameters:
        Tiny: { Type: String }
      Conditions:
        Small: !Equals [!Ref Tiny, 'yes']
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Sub: { Type: AWS::EC2::Subnet, Condition: Small, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
    `);
    const vpc = out.objects.find((o) => o.kind === 'vpc');
    const sub = out.objects.find((o) => o.kind === 'subnet');
    assert.equal(vpc?.existence?.reason, 'created only if Condition Net is true, which cannot be decided: parameter WithNetwork has no default');
    assert.equal(sub?.existence?.reason,
      'created only if Condition Small is true, which cannot be decided: parameter Tiny has no default, and its stack is created only if Condition Net is true, which cannot be decided: parameter WithNetwork has no default');
  });
});
