// SUBNET_OUTSIDE_VPC_CIDR through the real front ends and engine: a subnet whose IPv4 block is outside its VPC's
// primary and associated secondary blocks is an error on the subnet; inside one, or any block unknown, is silent.

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';

const RULE = 'SUBNET_OUTSIDE_VPC_CIDR';

/** `severity subject: message | related…` per finding of the rule. */
function outside(files: Record<string, string>): string[] {
  const run = analyseWorkspace(files, 'eu-west-2');
  return run.result.findings.filter((f) => f.rule === RULE).map((f) => {
    const subject = run.model.get(f.subject)?.address ?? f.subject;
    return `${f.severity} ${subject}: ${f.message} | ${f.related.map((r) => r.message).join('; ')}`;
  });
}

const tf = (body: string): Record<string, string> => ({ '/w/main.tf': `provider "aws" { region = "eu-west-2" }\n${body}` });

const tfSubnet = (name: string, cidr: string, vpc = 'aws_vpc.main.id'): string => `
resource "aws_subnet" "${name}" {
  vpc_id            = ${vpc}
  cidr_block        = ${cidr}
  availability_zone = "eu-west-2a"
}
`;

/** The FXDev17/DevLab01X-Monitoring-Grafana defaults: a /24 VPC, a function in a subnet beside it. */
const GRAFANA = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/24" }
${tfSubnet('private', '"10.0.2.0/24"')}
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('SUBNET_OUTSIDE_VPC_CIDR in Terraform', () => {
  it('reports a subnet outside the VPC\'s only block, on the subnet, with the VPC as related location', () => {
    assert.deepEqual(outside(tf(GRAFANA)), [
      'error aws_subnet.private: aws_subnet.private (10.0.2.0/24) is outside the IPv4 block of aws_vpc.main (10.0.0.0/24): AWS rejects the subnet '
      + '(InvalidSubnet.Range: a subnet\'s block must be inside its VPC\'s primary or an associated secondary block); the analysis still treats it as deployed '
      + '| VPC: aws_vpc.main',
    ]);
  });

  it('reports every subnet, used by a function or not, and a block overlapping the VPC\'s but larger', () => {
    const body = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
${tfSubnet('inside', '"10.0.1.0/24"')}
${tfSubnet('elsewhere', '"10.1.0.0/24"')}
${tfSubnet('larger', '"10.0.0.0/15"')}
`;
    assert.deepEqual(outside(tf(body)).map((m) => m.slice(0, m.indexOf(':'))), ['error aws_subnet.elsewhere', 'error aws_subnet.larger']);
  });

  it('accepts a subnet inside the primary block or a secondary associated block', () => {
    const body = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "pods" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "100.64.0.0/16"
}
${tfSubnet('primary', '"10.0.1.0/24"')}
${tfSubnet('secondary', '"100.64.8.0/22"')}
`;
    assert.deepEqual(outside(tf(body)), []);
  });

  it('names every block, and the associations, when a subnet is outside all of them', () => {
    const body = `
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "pods" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "100.64.0.0/16"
}
${tfSubnet('off', '"192.168.0.0/24"')}
`;
    const [message, ...rest] = outside(tf(body));
    assert.deepEqual(rest, []);
    assert.match(message ?? '', /^error aws_subnet\.off: aws_subnet\.off \(192\.168\.0\.0\/24\) is outside every IPv4 block of aws_vpc\.main \(10\.0\.0\.0\/16, 100\.64\.0\.0\/16\): AWS rejects/);
    assert.match(message ?? '', /\| VPC: aws_vpc\.main; secondary block: aws_vpc_ipv4_cidr_block_association\.pods$/);
  });

  it('says nothing when a block is unknown: the VPC\'s, the subnet\'s, IPAM-allocated, or an association\'s', () => {
    const vars = 'variable "vpc_cidr" {}\nvariable "subnet_cidr" {}\nvariable "extra" {}\nvariable "vpc_id" {}\nvariable "pool" {}\n';
    const cases = [
      `resource "aws_vpc" "main" { cidr_block = var.vpc_cidr }\n${tfSubnet('s', '"10.1.0.0/24"')}`,
      `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }\n${tfSubnet('s', 'var.subnet_cidr')}`,
      `resource "aws_vpc" "main" {\n  ipv4_ipam_pool_id   = var.pool\n  ipv4_netmask_length = 16\n}\n${tfSubnet('s', '"10.1.0.0/24"')}`,
      `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "x" {
  vpc_id     = aws_vpc.main.id
  cidr_block = var.extra
}
${tfSubnet('s', '"10.1.0.0/24"')}`,
      `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "x" {
  vpc_id              = aws_vpc.main.id
  ipv4_ipam_pool_id   = var.pool
  ipv4_netmask_length = 20
}
${tfSubnet('s', '"10.1.0.0/24"')}`,
      // An association of a VPC the workspace cannot name may be this VPC's.
      `resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "x" {
  vpc_id     = var.vpc_id
  cidr_block = "10.1.0.0/16"
}
${tfSubnet('s', '"10.1.0.0/24"')}`,
    ];
    for (const body of cases) assert.deepEqual(outside(tf(vars + body)), [], body);
  });

  it('says nothing when the association containing the subnet is created under a condition it cannot decide', () => {
    const body = `
variable "secondary" { type = bool }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "x" {
  count      = var.secondary ? 1 : 0
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.1.0.0/16"
}
${tfSubnet('s', '"10.1.0.0/24"')}
${tfSubnet('far', '"10.9.0.0/24"')}
`;
    // The far subnet is outside whether the association is created or not.
    assert.deepEqual(outside(tf(body)).map((m) => m.slice(0, m.indexOf(':'))), ['error aws_subnet.far']);
  });

  it('does not check IPv6 blocks', () => {
    const body = `
resource "aws_vpc" "main" {
  cidr_block      = "10.0.0.0/16"
  ipv6_cidr_block = "2600:1f18:1::/56"
}
resource "aws_subnet" "s" {
  vpc_id          = aws_vpc.main.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = "2600:1f18:9::/64"
}
`;
    assert.deepEqual(outside(tf(body)), []);
  });
});

const cfn = (resources: string, parameters = '', conditions = ''): Record<string, string> => ({
  '/w/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
${parameters ? `Parameters:\n${parameters}` : ''}
${conditions ? `Conditions:\n${conditions}` : ''}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
${resources}`,
});

const cfnSubnet = (name: string, cidr: string): string => `  ${name}:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: ${cidr}, AvailabilityZone: eu-west-2a }
`;

const SECONDARY = `  Secondary:
    Type: AWS::EC2::VPCCidrBlock
    Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.0.0/16 }
`;

describe('SUBNET_OUTSIDE_VPC_CIDR in CloudFormation', () => {
  it('accepts subnets inside the primary or a VPCCidrBlock block, reports one outside both', () => {
    const [message, ...rest] = outside(cfn(SECONDARY + cfnSubnet('A', '10.0.1.0/24') + cfnSubnet('B', '100.64.4.0/24') + cfnSubnet('C', '172.16.0.0/24')));
    assert.deepEqual(rest, []);
    assert.equal(message, 'error C: C (172.16.0.0/24) is outside every IPv4 block of Vpc (10.0.0.0/16, 100.64.0.0/16): AWS rejects the subnet '
      + '(InvalidSubnet.Range: a subnet\'s block must be inside its VPC\'s primary or an associated secondary block); the analysis still treats it as deployed '
      + '| VPC: Vpc; secondary block: Secondary');
  });

  it('says nothing for a parameter without default, an IPAM-allocated block or a conditional association', () => {
    assert.deepEqual(outside(cfn(cfnSubnet('A', '!Ref SubnetCidr'), '  SubnetCidr: { Type: String }\n')), []);
    const ipam = `  Secondary:
    Type: AWS::EC2::VPCCidrBlock
    Properties: { VpcId: !Ref Vpc, Ipv4IpamPoolId: !Ref Pool, Ipv4NetmaskLength: 20 }
`;
    assert.deepEqual(outside(cfn(ipam + cfnSubnet('A', '10.1.0.0/24'), '  Pool: { Type: String }\n')), []);
    const conditional = `  Secondary:
    Type: AWS::EC2::VPCCidrBlock
    Condition: UseSecondary
    Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.0.0/16 }
`;
    assert.deepEqual(outside(cfn(conditional + cfnSubnet('A', '100.64.1.0/24'), '  WithSecondary: { Type: String, AllowedValues: [yes, no] }\n',
      '  UseSecondary: !Equals [!Ref WithSecondary, "yes"]\n')), []);
  });

  it('follows a decided condition: an association that is not created adds no block', () => {
    const conditional = `  Secondary:
    Type: AWS::EC2::VPCCidrBlock
    Condition: UseSecondary
    Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.0.0/16 }
`;
    const run = outside(cfn(conditional + cfnSubnet('A', '100.64.1.0/24'), '  WithSecondary: { Type: String, Default: "no" }\n',
      '  UseSecondary: !Equals [!Ref WithSecondary, "yes"]\n'));
    assert.deepEqual(run.map((m) => m.slice(0, m.indexOf(':'))), ['error A']);
  });
});
