// CloudFormation network semantics: SG egress default (T3), standalone rules, IGW only via attachment,
// NAT/EIP, endpoint defaults (E10), NACL entries, Lambda VpcConfig, default SG via GetAtt, targets and ports.

import * as assert from 'node:assert/strict';
import { byAddress, readFixture, render } from './cfnFixture';

const template = `
  AWSTemplateFormatVersion: '2010-09-09'
  Resources:
    Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
    Igw: { Type: AWS::EC2::InternetGateway }
    Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
    Eip: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
    Pub: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
    Nat: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref Pub, AllocationId: !GetAtt Eip.AllocationId } }
    Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
    Default: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw } }
    ViaNat: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Rt, DestinationIpv6CidrBlock: ::/0, NatGatewayId: !Ref Nat } }
    Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Pub, RouteTableId: !Ref Rt } }
    Open: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: o, VpcId: !Ref Vpc } }
    Locked:
      Type: AWS::EC2::SecurityGroup
      Properties:
        GroupDescription: l
        VpcId: !Ref Vpc
        SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
        SecurityGroupIngress: [{ IpProtocol: -1, SourceSecurityGroupId: !Ref Open }]
    Extra: { Type: AWS::EC2::SecurityGroupEgress, Properties: { GroupId: !GetAtt Open.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: !Ref Locked } }
    S3: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.s3', RouteTableIds: [!Ref Rt] } }
    Sm: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, VpcEndpointType: Interface, ServiceName: !Join ['', [com.amazonaws., !Ref 'AWS::Region', .secretsmanager]], SubnetIds: [!Ref Pub] } }
    Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
    AclIn: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: { From: 1024, To: 65535 } } }
    AclOut: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, Egress: true, RuleAction: deny, CidrBlock: 0.0.0.0/0 } }
    AclAssoc: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { NetworkAclId: !Ref Acl, SubnetId: !Ref Pub } }
    Fn:
      Type: AWS::Lambda::Function
      Properties:
        Role: arn:aws:iam::123:role/x
        VpcConfig:
          SubnetIds: [!Ref Pub, subnet-0abc]
          SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]
          Ipv6AllowedForDualStack: true
    DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: d, SubnetIds: [!Ref Pub] } }
    Db: { Type: AWS::RDS::DBCluster, Properties: { Engine: aurora-postgresql, DBSubnetGroupName: !Ref DbSubnets, VpcSecurityGroupIds: [!Ref Locked] } }
    Cache: { Type: AWS::ElastiCache::CacheCluster, Properties: { Engine: memcached, CacheNodeType: t, NumCacheNodes: 1 } }
    Fs: { Type: AWS::EFS::FileSystem }
    Mt: { Type: AWS::EFS::MountTarget, Properties: { FileSystemId: !Ref Fs, SubnetId: !Ref Pub, SecurityGroups: [!Ref Open] } }
    Topic: { Type: AWS::SNS::Topic }
    Widget: { Type: AWS::CloudWatch::Dashboard }
    Alarm1: { Type: AWS::CloudWatch::Alarm }
    Alarm2: { Type: AWS::CloudWatch::Alarm }
`;

describe('cloudformation network resources', () => {
  const out = readFixture(template, { region: 'us-west-2' });

  it('emits gateways, routes and associations as written', () => {
    assert.equal(
      render(out.objects, ['internet-gateway', 'gateway-attachment', 'nat-gateway', 'route', 'route-table-association']),
      [
        'gateway-attachment Attach gateway=Igw vpc=Vpc',
        'internet-gateway Igw vpc=null',
        'nat-gateway Nat subnet=Pub vpc=null connectivityType=public availabilityMode=zonal hasElasticIp=true',
        'route Default routeTable=Rt destination={kind: ipv4, cidr: 0.0.0.0/0} target={kind: internet-gateway, ref: Igw} inline=false',
        'route ViaNat routeTable=Rt destination={kind: ipv6, cidr: ::/0} target={kind: nat-gateway, ref: Nat} inline=false',
        'route-table-association Assoc subnet=Pub routeTable=Rt',
      ].join('\n'),
    );
  });

  it('security groups: implicit egress unless inline egress, standalone rules are not inline', () => {
    assert.equal(
      render(out.objects, ['security-group', 'security-group-rule']),
      [
        'security-group Locked vpc=Vpc name=?(the group name is generated by CloudFormation) implicitEgress=none adoptsDefaultOf=null',
        'security-group Open vpc=Vpc name=?(the group name is generated by CloudFormation) implicitEgress=allow-all adoptsDefaultOf=null',
        'security-group-rule Extra group=Open direction=egress protocol=tcp fromPort=5432 toPort=5432 peer={kind: security-group, group: Locked} inline=false',
        'security-group-rule Locked.SecurityGroupEgress[0] group=Locked direction=egress protocol=tcp fromPort=443 toPort=443 peer={kind: ipv4, cidr: 0.0.0.0/0} inline=true',
        'security-group-rule Locked.SecurityGroupIngress[0] group=Locked direction=ingress protocol=-1 fromPort=0 toPort=65535 peer={kind: security-group, group: Open} inline=true',
      ].join('\n'),
    );
  });

  it('endpoints: Gateway by default, service from a partly known name, private DNS off when unset (E10)', () => {
    const s3 = byAddress(out, 'S3');
    const sm = byAddress(out, 'Sm');
    assert.ok(s3.kind === 'vpc-endpoint' && sm.kind === 'vpc-endpoint');
    assert.equal(s3.endpointType, 'Gateway');
    assert.equal(s3.service, 's3');
    assert.equal(s3.serviceName, 'com.amazonaws.us-west-2.s3');
    assert.equal(s3.privateDnsEnabled, false);
    assert.equal(sm.service, 'secretsmanager');
    assert.equal(sm.privateDnsEnabled, false);
  });

  it('NACL entries with protocol numbers and defaults', () => {
    assert.equal(
      render(out.objects, ['network-acl-entry', 'network-acl-association']),
      [
        'network-acl-association AclAssoc acl=Acl subnet=Pub',
        'network-acl-entry AclIn acl=Acl ruleNumber=100 egress=false action=allow protocol=tcp cidr=0.0.0.0/0 ipv6Cidr=null fromPort=1024 toPort=65535 inline=false',
        'network-acl-entry AclOut acl=Acl ruleNumber=100 egress=true action=deny protocol=-1 cidr=0.0.0.0/0 ipv6Cidr=null fromPort=0 toPort=65535 inline=false',
      ].join('\n'),
    );
  });

  it('Lambda VpcConfig: literal subnet ids are unknown, GetAtt DefaultSecurityGroup is the implicit SG', () => {
    assert.equal(
      render(out.objects, ['lambda-function']),
      "lambda-function Fn functionName=?(the function name is generated by CloudFormation) vpcConfig={subnets: [Pub, ?literal:subnet-0abc], securityGroups: [Vpc#default-security-group], ipv6AllowedForDualStack: true} role=?literal:arn:aws:iam::123:role/x policies=[] managedPolicyArns=[] environment=[] fileSystems=[] capacityProvider=null edge=false refs=[] memorySize=128 reservedConcurrency=null",
    );
  });

  it('targets with default ports by engine; services; unsupported types summarised once', () => {
    assert.equal(
      render(out.objects, ['target', 'subnet-group', 'service-resource']),
      [
        'service-resource Topic service=sns resourceName=?(the name is generated by CloudFormation)',
        'subnet-group DbSubnets subnets=[Pub]',
        'target Cache targetKind=elasticache subnets=[] subnetGroup=null securityGroups=[] port=11211 publiclyAccessible=false parent=null',
        'target Db targetKind=rds-cluster subnets=[] subnetGroup=DbSubnets securityGroups=[Locked] port=5432 publiclyAccessible=false parent=null',
        'target Fs targetKind=efs-file-system subnets=[] subnetGroup=null securityGroups=[] port=2049 publiclyAccessible=false parent=null',
        'target Mt targetKind=efs-mount-target subnets=[Pub] subnetGroup=null securityGroups=[Open] port=2049 publiclyAccessible=false parent=Fs',
      ].join('\n'),
    );
    const info = out.problems.filter((p) => p.code === 'cfn-unsupported-types');
    assert.equal(info.length, 1);
    assert.equal(info[0]?.message, '3 resources not analysed for network reachability: AWS::CloudWatch::Alarm ×2, AWS::CloudWatch::dashboard'.replace('dashboard', 'Dashboard'));
    assert.deepEqual(out.problems.filter((p) => p.code !== 'cfn-unsupported-types'), []);
  });
});
