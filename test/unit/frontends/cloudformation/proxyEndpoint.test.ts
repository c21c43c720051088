// AWS::RDS::DBProxyEndpoint: a proxy endpoint in its own subnets and security groups, like Terraform's
// aws_db_proxy_endpoint: an rds-proxy target whose parent is the proxy, on the proxy's engine port.

import * as assert from 'node:assert/strict';
import { readFixture, render } from './cfnFixture';

describe('cloudformation RDS Proxy endpoints', () => {
  it('models the endpoint with its subnets, security groups and the proxy port (YAML)', () => {
    const out = readFixture(`
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        S: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24 } }
        S2: { Type: AWS::EC2::Subnet, Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24 } }
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: x, VpcId: vpc-1 } }
        Px: { Type: AWS::RDS::DBProxy, Properties: { EngineFamily: POSTGRESQL, VpcSubnetIds: [!Ref S], RoleArn: x, Auth: [] } }
        PxE: { Type: AWS::RDS::DBProxyEndpoint, Properties: { DBProxyName: !Ref Px, DBProxyEndpointName: ro, VpcSubnetIds: [!Ref S2], VpcSecurityGroupIds: [!Ref Sg], TargetRole: READ_ONLY } }
    `);
    assert.equal(render(out.objects, ['target']), [
      'target Px targetKind=rds-proxy subnets=[S] subnetGroup=null securityGroups=[] port=5432 publiclyAccessible=false parent=null',
      'target PxE targetKind=rds-proxy subnets=[S2] subnetGroup=null securityGroups=[Sg] port=5432 publiclyAccessible=false parent=Px',
    ].join('\n'));
    assert.deepEqual(out.problems.filter((p) => p.code === 'cfn-unsupported-types'), []);
  });

  it('an endpoint of a proxy outside the template has an unknown port (JSON)', () => {
    const out = readFixture(`
      //- /t.json
      { "AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        "PxE": { "Type": "AWS::RDS::DBProxyEndpoint", "Properties": { "DBProxyName": "shared-proxy", "VpcSubnetIds": ["subnet-1"] } } } }
    `);
    assert.equal(render(out.objects, ['target']), "target PxE targetKind=rds-proxy subnets=[?literal:subnet-1] subnetGroup=null securityGroups=[] port=?(the proxy engine family is not known) publiclyAccessible=false parent=?literal:shared-proxy");
  });
});
