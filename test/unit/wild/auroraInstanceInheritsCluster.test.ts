// From aws-samples/amazon-rds-proxy-multitenant-load-test (round 5): an Aurora AWS::RDS::DBInstance names its
// cluster (DBClusterIdentifier) and neither DBSubnetGroupName nor VPCSecurityGroups, which AWS takes from the
// cluster. A function naming the instance must be judged on the cluster's subnets and groups (P2), as the
// Terraform front end does for aws_rds_cluster_instance, not left unknown for "subnets are not declared".

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/cloudFormationPieces';

const workspace = (ingress: string): string => twoAzVpc('us-east-1')
  + securityGroup('FnSg', { egress: ['{ IpProtocol: "-1", CidrIp: 0.0.0.0/0 }'] })
  + securityGroup('DbSg', { ingress: [ingress] })
  + `  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref A, !Ref B] } }
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-mysql, DBSubnetGroupName: !Ref DbSubnets, VpcSecurityGroupIds: [!Ref DbSg], MasterUsername: admin, ManageMasterUserPassword: true }
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: aurora-mysql, DBClusterIdentifier: !Ref Cluster, DBInstanceClass: db.t3.medium, PubliclyAccessible: false }
`
  + vpcFunction('Fn', { subnets: ['A', 'B'], securityGroups: ['FnSg'], env: 'DB_HOST: !GetAtt Writer.Endpoint.Address' });

describe('wild: Aurora DB instance without its own subnet group', () => {
  it('is reached through the cluster subnets and security groups', () => {
    const run = analyseWorkspace({ '/w/template.yaml': workspace('{ IpProtocol: tcp, FromPort: 3306, ToPort: 3306, SourceSecurityGroupId: !Ref FnSg }') }, 'us-east-1');
    assert.equal(render(reachOf(run.result, 'Fn', 'Writer')), 'yes via local');
  });

  it('is blocked by the cluster security group when it does not admit the function', () => {
    const run = analyseWorkspace({ '/w/template.yaml': workspace('{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }') }, 'us-east-1');
    assert.equal(reachOf(run.result, 'Fn', 'Writer')?.status, 'no');
  });
});
