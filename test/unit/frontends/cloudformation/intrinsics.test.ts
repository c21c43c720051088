// Intrinsic functions as CloudFormation evaluates them: Ref, GetAtt, Sub, Join, Select, Split, GetAZs, Cidr,
// FindInMap, conditions and Fn::If, pseudo parameters, AWS::NoValue — in YAML and JSON.

import * as assert from 'node:assert/strict';
import { byAddress, readFixture, show } from './cfnFixture';

describe('cloudformation intrinsics', () => {
  it('Ref to parameters with and without default, resources and pseudo parameters', () => {
    const out = readFixture(`
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        VpcCidr: { Type: String, Default: 10.1.0.0/16, AllowedValues: [10.1.0.0/16, 10.2.0.0/16] }
        SubnetCidr: { Type: String }
      Resources:
        Vpc:
          Type: AWS::EC2::VPC
          Properties: { CidrBlock: !Ref VpcCidr }
        Subnet:
          Type: AWS::EC2::Subnet
          Properties:
            VpcId: !Ref Vpc
            CidrBlock: !Ref SubnetCidr
            AvailabilityZone: !Sub '\${AWS::Region}a'
    `, { region: 'eu-west-1' });
    assert.equal(show(byAddress(out, 'Vpc')), show(byAddress(out, 'Vpc')));
    const vpc = byAddress(out, 'Vpc');
    assert.ok(vpc.kind === 'vpc');
    assert.deepEqual(vpc.cidrBlocks, ['10.1.0.0/16']);
    const subnet = byAddress(out, 'Subnet');
    assert.ok(subnet.kind === 'subnet');
    assert.equal(subnet.vpc, '/template.yaml::Vpc');
    assert.equal(show(subnet.cidrBlock), '?param:/template.yaml:SubnetCidr');
    assert.ok(typeof subnet.cidrBlock === 'object' && subnet.cidrBlock.reason === 'parameter SubnetCidr has no default');
    assert.equal(subnet.availabilityZone, 'eu-west-1a');
    assert.equal(subnet.id, '/template.yaml::Subnet');
  });

  it('GetAZs with Select gives distinct, comparable symbolic AZs', () => {
    const out = readFixture(`
      Resources:
        A: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24, AvailabilityZone: !Select [0, !GetAZs ''] } }
        B: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs ''] } }
        C: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.2.0/24, AvailabilityZone: { "Fn::Select": [0, { "Fn::GetAZs": { Ref: "AWS::Region" } }] } } }
    `);
    const az = (a: string): string => {
      const o = byAddress(out, a);
      return o.kind === 'subnet' ? show(o.availabilityZone) : '';
    };
    assert.equal(az('A'), '?azs:AWS::Region[0]');
    assert.equal(az('B'), '?azs:AWS::Region[1]');
    assert.equal(az('C'), az('A'));
  });
});

describe('cloudformation intrinsics (strings, lists, maps, conditions)', () => {
  const fixture = `
    AWSTemplateFormatVersion: '2010-09-09'
    Parameters:
      Env: { Type: String, Default: prod }
      Subnets: { Type: CommaDelimitedList, Default: 'a,b' }
    Mappings:
      Net:
        prod: { Cidr: 10.8.0.0/16 }
        dev: { Cidr: 10.9.0.0/16 }
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
      IsDev: !Not [!Condition IsProd]
      Both: !And [!Condition IsProd, !Equals ['1', '1']]
      Unknowable: !Equals [!Ref 'AWS::AccountId', '123']
    Resources:
      Vpc:
        Type: AWS::EC2::VPC
        Properties:
          CidrBlock: !FindInMap [Net, !Ref Env, Cidr]
          EnableDnsHostnames: !If [IsProd, true, false]
          InstanceTenancy: !If [Unknowable, dedicated, default]
      Sub0:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref Vpc
          CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
          AvailabilityZone: !Join ['-', [!Select [1, !Split [',', 'x,eu-west-1c']], !Select [1, !Ref Subnets]]]
      Sub3:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: !Ref Vpc
          CidrBlock: !Select [3, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
          MapPublicIpOnLaunch: !If [IsDev, true, !Ref 'AWS::NoValue']
      DevOnly:
        Type: AWS::EC2::RouteTable
        Condition: IsDev
        Properties: { VpcId: !Ref Vpc }
      BothRt:
        Type: AWS::EC2::RouteTable
        Condition: Both
        Properties: { VpcId: !Sub '\${Vpc}' }
  `;

  it('FindInMap, Fn::If, Cidr, Select, Split, Join, Condition on resources, NoValue', () => {
    const out = readFixture(fixture);
    const vpc = byAddress(out, 'Vpc');
    assert.ok(vpc.kind === 'vpc');
    assert.deepEqual(vpc.cidrBlocks, ['10.8.0.0/16']);
    assert.equal(vpc.enableDnsHostnames, true);
    assert.match(show(vpc.instanceTenancy), /condition Unknowable cannot be decided/);
    const s0 = byAddress(out, 'Sub0');
    const s3 = byAddress(out, 'Sub3');
    assert.ok(s0.kind === 'subnet' && s3.kind === 'subnet');
    assert.equal(s0.cidrBlock, '10.8.0.0/24');
    assert.equal(s3.cidrBlock, '10.8.3.0/24');
    assert.equal(s0.availabilityZone, 'eu-west-1c-b');
    assert.equal(s3.mapPublicIpOnLaunch, false, 'NoValue removes the property, the default applies');
    assert.ok(!out.objects.some((o) => o.address === 'DevOnly'), 'a resource whose condition is false is not created');
    const both = byAddress(out, 'BothRt');
    assert.ok(both.kind === 'route-table');
    assert.equal(both.vpc, '/template.yaml::Vpc');
  });

  it('the same template in JSON gives the same objects', () => {
    const json = `
      //- /t.json
      {
        "Parameters": { "Env": { "Type": "String", "Default": "dev" } },
        "Mappings": { "Net": { "prod": { "Cidr": "10.8.0.0/16" }, "dev": { "Cidr": "10.9.0.0/16" } } },
        "Conditions": { "IsDev": { "Fn::Equals": [{ "Ref": "Env" }, "dev"] } },
        "Resources": {
          "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": { "Fn::FindInMap": ["Net", { "Ref": "Env" }, "Cidr"] } } },
          "S": { "Type": "AWS::EC2::Subnet", "Condition": "IsDev", "Properties": {
            "VpcId": { "Ref": "Vpc" },
            "CidrBlock": { "Fn::Select": [2, { "Fn::Cidr": [{ "Fn::GetAtt": ["Vpc", "CidrBlock"] }, 3, 6] }] },
            "AvailabilityZone": { "Fn::Sub": ["\${R}x", { "R": { "Ref": "AWS::Region" } }] } } }
        }
      }
    `;
    const out = readFixture(json, { region: 'us-east-2' });
    const s = byAddress(out, 'S');
    assert.ok(s.kind === 'subnet');
    assert.equal(s.cidrBlock, '10.9.0.128/26');
    assert.equal(s.availabilityZone, 'us-east-2x');
    assert.equal(s.id, '/t.json::S');
  });

  it('Sub with resources, attributes, literals; GetAtt list form; FindInMap DefaultValue', () => {
    const out = readFixture(`
      Transform: AWS::LanguageExtensions
      Mappings:
        M: { a: { b: x } }
      Resources:
        Bucket: { Type: AWS::S3::Bucket }
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Role: !GetAtt [Role, Arn]
            Environment:
              Variables:
                LIT: !Sub 'a-\${!NotAVar}-b'
                ARN: !Sub '\${Bucket.Arn}/*'
                NAME: !Ref Bucket
                DEF: !FindInMap [M, zz, b, { DefaultValue: fallback }]
                SUFFIX: !Sub '\${AWS::URLSuffix}/\${AWS::Partition}'
                LEN: !Sub ['\${N}', { N: !ToJsonString { k: [1, 2] } }]
        Role: { Type: AWS::IAM::Role }
    `);
    const fn = byAddress(out, 'Fn');
    assert.ok(fn.kind === 'lambda-function');
    assert.equal(fn.role, '/template.yaml::Role');
    const env = new Map(fn.environment.map((e) => [e.name, e]));
    assert.equal(env.get('LIT')?.value, 'a-${NotAVar}-b');
    assert.deepEqual(env.get('ARN')?.refs, ['/template.yaml::Bucket']);
    assert.deepEqual(env.get('NAME')?.refs, ['/template.yaml::Bucket']);
    assert.equal(env.get('DEF')?.value, 'fallback');
    assert.equal(env.get('SUFFIX')?.value, 'amazonaws.com/aws');
    assert.equal(env.get('LEN')?.value, '{"k":[1,2]}');
  });

  it('Fn::ForEach expands resources with &{} and ${} keys', () => {
    const out = readFixture(`
      Transform: AWS::LanguageExtensions
      Parameters:
        Names: { Type: CommaDelimitedList, Default: 'one,two' }
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Fn::ForEach::Subnets:
          - Name
          - !Ref Names
          - Subnet\${Name}:
              Type: AWS::EC2::Subnet
              Properties:
                VpcId: !Ref Vpc
                CidrBlock: !Sub '10.0.\${Name}.0/24'
    `);
    const s = byAddress(out, 'Subnettwo');
    assert.ok(s.kind === 'subnet');
    assert.equal(s.cidrBlock, '10.0.two.0/24');
    assert.ok(out.objects.some((o) => o.address === 'Subnetone'));
    assert.deepEqual(out.problems.filter((p) => p.severity === 'error'), []);
  });
});
