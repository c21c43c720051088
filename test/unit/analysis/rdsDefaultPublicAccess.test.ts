// RDS CreateDBInstance: a database whose code leaves PubliclyAccessible unset is public when the VPC of its subnet
// group has an internet gateway attached, private otherwise. CloudFormation passes the unset value to RDS, so a
// template without the property was read as "not public", a false certainty whenever the VPC has a gateway.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { dbInstance, internetGateway, lambdaFunction, routeTable, securityGroup, subnet, tcp, template, vpc } from '../support/cloudFormationPieces';

/** A VPC (DNS hostnames on) with the database's two subnets, and a function without VPC config that needs it. */
function workspace(o: { readonly gateway: 'attached' | 'none' | 'parameter'; readonly instance?: string; readonly publicSubnets?: boolean }): string {
  const parameters = o.gateway === 'parameter' ? '  TheVpc: { Type: String }\n' : undefined;
  return template(parameters !== undefined ? { parameters } : {})
    + vpc('Vpc', '10.0.0.0/16', 'EnableDnsSupport: true, EnableDnsHostnames: true')
    + subnet('A', { cidr: '10.0.1.0/24', az: 'eu-west-1a' }) + subnet('B', { cidr: '10.0.2.0/24', az: 'eu-west-1b' })
    + (o.gateway === 'attached' ? internetGateway() : '')
    + (o.publicSubnets === true ? routeTable('PublicRt', { subnets: ['A', 'B'], routes: [{ name: 'PublicRoute', cidr: '0.0.0.0/0', target: 'GatewayId: !Ref Igw', dependsOn: 'IgwAttach' }] }) : '')
    + (o.gateway === 'parameter' ? '  Igw: { Type: AWS::EC2::InternetGateway }\n  IgwAttachment: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref TheVpc, InternetGatewayId: !Ref Igw } }\n' : '')
    + securityGroup('DbSg', { ingress: [tcp(5432, 'CidrIp: 0.0.0.0/0')] })
    + (o.instance ?? dbInstance('Db', { engine: 'postgres', subnets: ['A', 'B'], securityGroups: ['DbSg'] }))
    + lambdaFunction('Fn', { env: 'DB_HOST: !GetAtt Db.Endpoint.Address' });
}

const reach = (text: string) => reachOf(analyseWorkspace({ '/w/template.yaml': text }, 'eu-west-1').result, 'Fn', 'Db');

describe('RDS PubliclyAccessible left unset in CloudFormation (CreateDBInstance default)', () => {
  it('no internet gateway on the VPC: private, so a function without VPC config cannot reach it (LAMBDA_NOT_IN_VPC)', () => {
    const r = reach(workspace({ gateway: 'none' }));
    assert.equal(`${r?.status} ${r?.reason}`, 'no LAMBDA_NOT_IN_VPC');
  });

  it('an attached internet gateway: public, and its public endpoint is what decides (here: reached through public subnets)', () => {
    const r = reach(workspace({ gateway: 'attached', publicSubnets: true }));
    assert.equal(`${r?.status} via ${r?.via}`, 'yes via lambda-service-vpc');
    assert.ok(r?.path.some((h) => h.componentKind === 'internet-gateway'), JSON.stringify(r?.path));
  });

  it('an attached gateway but private subnets: public endpoint without a route, so "no" for that reason, not LAMBDA_NOT_IN_VPC', () => {
    const r = reach(workspace({ gateway: 'attached' }));
    assert.equal(r?.status, 'no');
    assert.notEqual(r?.reason, 'LAMBDA_NOT_IN_VPC');
  });

  it('an attachment whose VPC is a parameter: unknown, with the reason', () => {
    const r = reach(workspace({ gateway: 'parameter' }));
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /PubliclyAccessible is not set, so RDS makes it public if the VPC of its subnet group has an internet gateway attached, and an internet gateway attachment of the workspace names an unknown VPC or gateway/);
  });

  it('no subnet group: the default VPC decides, which the workspace does not describe', () => {
    const instance = '  Db: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.t3.micro, AllocatedStorage: "20" } }\n';
    const r = reach(workspace({ gateway: 'none', instance }));
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /it has no subnet group: it goes to the account's default VPC/);
  });

  it('PubliclyAccessible: false stays private whatever the VPC has', () => {
    const instance = dbInstance('Db', { engine: 'postgres', subnets: ['A', 'B'], securityGroups: ['DbSg'], properties: 'PubliclyAccessible: false' });
    const r = reach(workspace({ gateway: 'attached', publicSubnets: true, instance }));
    assert.equal(`${r?.status} ${r?.reason}`, 'no LAMBDA_NOT_IN_VPC');
  });
});
