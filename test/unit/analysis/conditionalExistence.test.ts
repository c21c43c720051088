// End to end through the real front ends and engine: a NAT gateway (and its route) created only under a
// condition that cannot be decided makes the internet "unknown" with reason CONDITIONAL_RESOURCE naming the
// condition; decided true gives "yes", false "no"; a certain block before the conditional hop stays "no"; a
// conditional filter rule cannot make a certain pass or block; a conditional function says so.

import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analysis/analyze';
import type { AnalysisResult, DestinationReach } from '../../../server/src/analysis/types';
import { readTerraform } from '../../../server/src/frontends/terraform';
import { buildModel } from '../../../server/src/model/build';
import { readFixture } from '../frontends/cloudformation/cfnFixture';
import { tfFixture } from '../frontends/terraform/tfFixture';
import { association, packaged, publicSubnet, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const OPTIONS = { eniQuotaPerVpc: 500, unsupportedAvailabilityZones: [] };

function cfn(template: string): AnalysisResult {
  return analyze(buildModel([readFixture(template, { region: 'us-east-1' })]), OPTIONS);
}

function tf(main: string): AnalysisResult {
  const { view } = tfFixture(`//- /w/main.tf\n${main}`);
  return analyze(buildModel([readTerraform(view, { region: 'us-east-1' })]), OPTIONS);
}

function reach(result: AnalysisResult, destination: string, fn?: string): DestinationReach {
  const report = fn === undefined ? result.functions[0] : result.functions.find((f) => f.function.endsWith(fn));
  const r = report?.reach.find((x) => x.destination === destination);
  if (r === undefined) throw new Error(`no ${destination} for ${fn ?? 'the function'}`);
  return r;
}

const summary = (r: DestinationReach): string => `${r.status} ${r.reason ?? '-'} ${r.via ?? '-'}`;

/** A SAM function in a private subnet whose only way out is a NAT gateway created under Condition UseNat. */
const SAM = (param: string, extra = '', functionCondition = ''): string => `
  Transform: AWS::Serverless-2016-10-31
  Parameters:
    EnableNat: { Type: String${param} }
  Conditions:
    UseNat: !Equals [!Ref EnableNat, 'true']
  Resources:
    Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
    Igw: { Type: AWS::EC2::InternetGateway }
    IgwAttach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
    Public: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a } }
    PublicRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
    PublicDefault: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
    PublicAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Public, RouteTableId: !Ref PublicRt } }
    Eip: { Type: AWS::EC2::EIP, Condition: UseNat }
    Nat: { Type: AWS::EC2::NatGateway, Condition: UseNat, Properties: { SubnetId: !Ref Public, AllocationId: !GetAtt Eip.AllocationId } }
    Private: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
    PrivateRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
    PrivateAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private, RouteTableId: !Ref PrivateRt } }
    NatRoute: { Type: AWS::EC2::Route, Condition: UseNat, Properties: { RouteTableId: !Ref PrivateRt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
    Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
${extra}
    Fn:
      Type: AWS::Serverless::Function
${functionCondition}
      Properties:
        Runtime: python3.12
        Handler: app.handler
        CodeUri: .
        Environment: { Variables: { API_URL: https://api.example.com } }
        VpcConfig: { SubnetIds: [!Ref Private], SecurityGroupIds: [!Ref Sg] }
`;

const WHY = 'created only if Condition UseNat is true, which cannot be decided: parameter EnableNat has no default';

describe('conditional existence (end to end)', () => {
  it('CloudFormation: a NAT path under an undecidable Condition is unknown, with the condition in the reason', () => {
    const r = reach(cfn(SAM('')), 'internet');
    assert.equal(summary(r), 'unknown CONDITIONAL_RESOURCE nat-gateway');
    assert.equal(r.explanation, `depends on NatRoute, ${WHY}`);
    assert.equal(r.blockedAt?.endsWith('::NatRoute'), true);
    const hop = r.path.find((h) => h.component?.endsWith('::NatRoute'));
    assert.equal(hop?.verdict, 'unknown');
    assert.match(hop?.detail ?? '', /created only if Condition UseNat is true/);
    assert.equal(r.path.find((h) => h.component?.endsWith('::Nat'))?.verdict, 'pass', 'later hops keep their own verdict');
  });

  it('CloudFormation: decided true is yes through the NAT gateway, decided false is no', () => {
    assert.equal(summary(reach(cfn(SAM(", Default: 'true'")), 'internet')), 'yes - nat-gateway');
    assert.equal(summary(reach(cfn(SAM(", Default: 'false'")), 'internet')), 'no NO_ROUTE_TO_DESTINATION -');
  });

  it('a certain block before the conditional hop stays a certain no', () => {
    const closed = SAM('').replace('Properties: { GroupDescription: fn, VpcId: !Ref Vpc }',
      'Properties: { GroupDescription: fn, VpcId: !Ref Vpc, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }] }');
    assert.equal(summary(reach(cfn(closed), 'internet')), 'no ENI_SG_RULES_MISMATCH nat-gateway');
  });

  it('a conditional blocker or a conditional allowing rule leaves the answer open', () => {
    const deny = SAM(", Default: 'true'", `
    Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
    AclAssoc: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref Private, NetworkAclId: !Ref Acl } }
    AllowOut: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: -1, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0 } }
    AllowIn: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: -1, RuleAction: allow, Egress: false, CidrBlock: 0.0.0.0/0 } }
    DenyOut: { Type: AWS::EC2::NetworkAclEntry, Condition: Lockdown, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: deny, Egress: true, CidrBlock: 0.0.0.0/0 } }`)
      .replace("UseNat: !Equals [!Ref EnableNat, 'true']", "UseNat: !Equals [!Ref EnableNat, 'true']\n    Lockdown: !Equals [!Ref Mode, locked]")
      .replace('Parameters:\n', 'Parameters:\n    Mode: { Type: String }\n');
    const r = reach(cfn(deny), 'internet');
    assert.equal(r.status, 'unknown');
    assert.match(r.explanation, /DenyOut decides .*: it is created only if Condition Lockdown is true, which cannot be decided: parameter Mode has no default/);

    const egress = SAM(", Default: 'true'", `
    Closed: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: c, VpcId: !Ref Vpc, SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }] } }
    Https: { Type: AWS::EC2::SecurityGroupEgress, Condition: Open, Properties: { GroupId: !Ref Closed, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 } }`)
      .replace('SecurityGroupIds: [!Ref Sg]', 'SecurityGroupIds: [!Ref Closed]')
      .replace("UseNat: !Equals [!Ref EnableNat, 'true']", "UseNat: !Equals [!Ref EnableNat, 'true']\n    Open: !Equals [!Ref Mode, open]")
      .replace('Parameters:\n', 'Parameters:\n    Mode: { Type: String }\n');
    const e = reach(cfn(egress), 'internet');
    assert.equal(e.status, 'unknown');
    assert.match(e.explanation, /would allow .*, but it is created only if Condition Open is true/);
  });

  it('a subnet route-table association under an undecidable condition leaves the answer open', () => {
    const template = SAM(", Default: 'true'")
      .replace('PrivateAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation,', 'PrivateAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Condition: Assoc,')
      .replace("UseNat: !Equals [!Ref EnableNat, 'true']", "UseNat: !Equals [!Ref EnableNat, 'true']\n    Assoc: !Equals [!Ref Mode, on]")
      .replace('Parameters:\n', 'Parameters:\n    Mode: { Type: String }\n');
    const r = reach(cfn(template), 'internet');
    assert.equal(summary(r), 'unknown CONDITIONAL_RESOURCE nat-gateway');
    assert.equal(r.explanation, 'depends on PrivateAssoc, created only if Condition Assoc is true, which cannot be decided: parameter Mode has no default');
  });

  it('a function created only under a condition is analysed; its report and findings say so', () => {
    const result = cfn(SAM(", Default: 'false'", '', '      Condition: UseFn').replace("UseNat: !Equals [!Ref EnableNat, 'true']", "UseNat: !Equals [!Ref EnableNat, 'true']\n    UseFn: !Equals [!Ref WithFn, 'yes']").replace('Parameters:\n', 'Parameters:\n    WithFn: { Type: String }\n'));
    const report = result.functions[0];
    assert.equal(report?.existence?.reason, 'created only if Condition UseFn is true, which cannot be decided: parameter WithFn has no default');
    assert.equal(report?.reach.find((x) => x.destination === 'internet')?.status, 'no');
    const finding = result.findings.find((f) => f.rule === 'LAMBDA_NO_ROUTE_INTERNET');
    assert.match(finding?.message ?? '', /\(applies if it is deployed: created only if Condition UseFn is true/);
  });

  const TF = (flag: string): string => `
variable "enable_nat" {
  type = bool
${flag}
}
${vpc('main')}${publicSubnet({ vpc: 'main', name: 'public', cidr: '10.0.0.0/24', az: 'us-east-1a' })}
resource "aws_eip" "nat" { count = var.enable_nat ? 1 : 0 }
resource "aws_nat_gateway" "nat" {
  count         = var.enable_nat ? 1 : 0
  subnet_id     = aws_subnet.public.id
  allocation_id = aws_eip.nat[0].id
}
${subnet('private', { vpc: 'main', cidr: '10.0.1.0/24', az: 'us-east-1a' })}${routeTable('private', { vpc: 'main' })}${association('private', 'private')}
resource "aws_route" "nat" {
  count                  = var.enable_nat ? 1 : 0
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat[0].id
}
${securityGroup('fn', 'all', 'main')}${vpcFunction('fn', { subnets: ['private'], attributes: packaged })}`;

  it('Terraform twin: count = var.enable_nat ? 1 : 0 gives unknown, true gives yes, false gives no', () => {
    const r = reach(tf(TF('')), 'internet');
    assert.equal(summary(r), 'unknown CONDITIONAL_RESOURCE nat-gateway');
    assert.equal(r.explanation, 'depends on aws_route.nat[0], created only if var.enable_nat is true, which is unknown: var.enable_nat has no default and no .tfvars file sets it');
    assert.equal(summary(reach(tf(TF('  default = true')), 'internet')), 'yes - nat-gateway');
    assert.equal(summary(reach(tf(TF('  default = false')), 'internet')), 'no NO_ROUTE_TO_DESTINATION -');
  });
});

describe('conditional attachments and associations (M3)', () => {
  /** The NAT path of SAM('') made certain, with the internet gateway's attachment (or a NACL) under UseNat. */
  const certainNat = (extra: string, conditionalAttach: boolean): string => SAM('', extra)
    .replace('Eip: { Type: AWS::EC2::EIP, Condition: UseNat }', 'Eip: { Type: AWS::EC2::EIP }')
    .replace('Nat: { Type: AWS::EC2::NatGateway, Condition: UseNat,', 'Nat: { Type: AWS::EC2::NatGateway,')
    .replace('NatRoute: { Type: AWS::EC2::Route, Condition: UseNat,', 'NatRoute: { Type: AWS::EC2::Route,')
    .replace('IgwAttach: { Type: AWS::EC2::VPCGatewayAttachment,', `IgwAttach: { Type: AWS::EC2::VPCGatewayAttachment,${conditionalAttach ? ' Condition: UseNat,' : ''}`);

  it('an internet gateway attached only under an undecidable Condition: the internet is unknown, not yes', () => {
    assert.equal(summary(reach(cfn(certainNat('', false)), 'internet')), 'yes - nat-gateway');
    const r = reach(cfn(certainNat('', true)), 'internet');
    assert.equal(summary(r), 'unknown CONDITIONAL_RESOURCE nat-gateway');
    assert.equal(r.explanation, `depends on IgwAttach, ${WHY}`);
  });

  it('a NACL that denies everything, associated only under an undecidable Condition: unknown, not no', () => {
    const acl = `
    DenyAll: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
    DenyAllAssoc: { Type: AWS::EC2::SubnetNetworkAclAssociation, Condition: UseNat, Properties: { SubnetId: !Ref Private, NetworkAclId: !Ref DenyAll } }`;
    const r = reach(cfn(certainNat(acl, false)), 'internet');
    assert.equal(summary(r), 'unknown CONDITIONAL_RESOURCE nat-gateway');
    assert.equal(r.explanation, `depends on DenyAllAssoc, ${WHY}`);
    const unconditional = reach(cfn(certainNat(acl.replace(' Condition: UseNat,', ''), false)), 'internet');
    assert.equal(unconditional.status, 'no');
  });
});
