// CloudFormation VPC Block Public Access resources (E13): AWS::EC2::VPCBlockPublicAccessOptions and
// AWS::EC2::VPCBlockPublicAccessExclusion, read by the real front end; parameters stay unknown with the reason.

import * as assert from 'node:assert/strict';
import { readFixture, render } from './cfnFixture';

const KINDS = ['block-public-access', 'block-public-access-exclusion'];

describe('CloudFormation VPC Block Public Access (E13)', () => {
  it('maps the options and exclusions of a VPC and of a subnet', () => {
    const out = readFixture(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Pub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
        Bpa: { Type: AWS::EC2::VPCBlockPublicAccessOptions, Properties: { InternetGatewayBlockMode: block-ingress } }
        NatExclusion: { Type: AWS::EC2::VPCBlockPublicAccessExclusion, Properties: { SubnetId: !Ref Pub, InternetGatewayExclusionMode: allow-egress } }
        VpcExclusion: { Type: AWS::EC2::VPCBlockPublicAccessExclusion, Properties: { VpcId: !Ref Vpc, InternetGatewayExclusionMode: allow-bidirectional } }
    `);
    assert.equal(render(out.objects, KINDS), [
      'block-public-access Bpa mode=block-ingress',
      'block-public-access-exclusion NatExclusion vpc=null subnet=Pub mode=allow-egress',
      'block-public-access-exclusion VpcExclusion vpc=Vpc subnet=null mode=allow-bidirectional',
    ].join('\n'));
    assert.ok(!out.problems.some((p) => /VPCBlockPublicAccess/.test(p.message)), out.problems.map((p) => p.message).join('\n'));
  });

  it('keeps parameters and an unknown mode string unknown', () => {
    const out = readFixture(`
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Mode: { Type: String }
        SubnetId: { Type: AWS::EC2::Subnet::Id }
      Resources:
        Bpa: { Type: AWS::EC2::VPCBlockPublicAccessOptions, Properties: { InternetGatewayBlockMode: block-everything } }
        Exclusion: { Type: AWS::EC2::VPCBlockPublicAccessExclusion, Properties: { SubnetId: !Ref SubnetId, InternetGatewayExclusionMode: !Ref Mode } }
    `);
    assert.equal(render(out.objects, KINDS), [
      'block-public-access Bpa mode=?(unknown mode \'block-everything\')',
      'block-public-access-exclusion Exclusion vpc=null subnet=?param:/template.yaml:SubnetId mode=?param:/template.yaml:Mode',
    ].join('\n'));
  });
});
