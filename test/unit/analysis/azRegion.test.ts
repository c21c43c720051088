// SUBNET_AZ_OUTSIDE_REGION: subnets naming an AZ of another Region than their VPC's, through the real front
// ends (the Region from a Terraform provider, or the analysis Region for a template).

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { subnet } from '../support/terraformPieces';

const tf = (provider: string, az: string): string => `${provider}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: `${az}` })}\
resource "aws_subnet" "b" {
  vpc_id               = aws_vpc.v.id
  cidr_block           = "10.0.2.0/24"
  availability_zone_id = "use1-az1"
}
`;

const findings = (files: Record<string, string>, region?: string): string[] =>
  analyseWorkspace(files, region).result.findings.filter((f) => f.rule === 'SUBNET_AZ_OUTSIDE_REGION').map((f) => f.message);

describe('SUBNET_AZ_OUTSIDE_REGION', () => {
  it('reports an AZ of another Region once per VPC, naming the AZ and the Region analysed', () => {
    const [message, ...rest] = findings({ '/w/main.tf': tf('provider "aws" { region = "us-east-1" }', 'eu-west-1a') });
    assert.deepEqual(rest, []);
    assert.match(message ?? '', /^1 subnet of aws_vpc\.v is in eu-west-1a, not an Availability Zone of us-east-1, the Region aws_vpc\.v is analysed in: AWS would reject it, or the analysis Region is wrong/);
  });

  it('accepts the Region\'s own AZs, its Local Zones, and AZ ids', () => {
    assert.deepEqual(findings({ '/w/main.tf': tf('provider "aws" { region = "us-east-1" }', 'us-east-1c') }), []);
    assert.deepEqual(findings({ '/w/main.tf': tf('provider "aws" { region = "us-east-1" }', 'us-east-1-bos-1a') }), []);
  });

  it('says nothing when the Region is not known', () => {
    assert.deepEqual(findings({ '/w/main.tf': tf('', 'eu-west-1a') }), []);
  });

  it('catches a template analysed with the wrong Region', () => {
    const template = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  B:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1b }
`;
    assert.deepEqual(findings({ '/w/template.yaml': template }, 'eu-west-1'), []);
    const [message] = findings({ '/w/template.yaml': template }, 'us-east-1');
    assert.match(message ?? '', /^2 subnets of Vpc are in eu-west-1a and eu-west-1b, not Availability Zones of us-east-1/);
  });
});

describe('the analysis Region', () => {
  it('a provider region wins over the setting, which is for code that names none', () => {
    const main = tf('provider "aws" { region = "eu-west-1" }', 'eu-west-1a');
    assert.equal(analyseWorkspace({ '/w/main.tf': main }, 'us-east-1').model.region, 'eu-west-1');
    assert.deepEqual(findings({ '/w/main.tf': main }, 'us-east-1'), []);
    assert.equal(analyseWorkspace({ '/w/main.tf': tf('', 'eu-west-1a') }, 'us-east-1').model.region, 'us-east-1');
  });
});
