// RDS Proxy linked to its database (P14) through the real front ends, model and engine: Terraform
// aws_db_proxy_target and CloudFormation AWS::RDS::DBProxyTargetGroup make the database the proxy's parent;
// a function whose environment names the proxy endpoint needs the proxy (not the database); the hovers of
// the proxy and of the database show the link.

import * as assert from 'node:assert/strict';
import { objectHover } from '../../../server/src/ide/hover';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';
import type { ModelObject } from '../../../server/src/model/types';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { provider, ROLE, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const TERRAFORM = `${provider('us-east-1')}${vpc()}
${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${securityGroup('fn', 'none')}${securityGroup('proxy', 'none')}
resource "aws_db_subnet_group" "db" { subnet_ids = [aws_subnet.a.id] }
resource "aws_db_instance" "db" {
  identifier           = "orders"
  engine               = "postgres"
  db_subnet_group_name = aws_db_subnet_group.db.name
}
resource "aws_db_proxy" "p" {
  name                   = "orders-proxy"
  engine_family          = "POSTGRESQL"
  role_arn               = "arn:aws:iam::123456789012:role/proxy"
  vpc_subnet_ids         = [aws_subnet.a.id]
  vpc_security_group_ids = [aws_security_group.proxy.id]
  auth {
    secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"
  }
}
resource "aws_db_proxy_default_target_group" "p" { db_proxy_name = aws_db_proxy.p.name }
resource "aws_db_proxy_target" "p" {
  db_proxy_name          = aws_db_proxy.p.name
  target_group_name      = aws_db_proxy_default_target_group.p.name
  db_instance_identifier = aws_db_instance.db.identifier
}
${vpcFunction('f', { subnets: ['a'], env: 'DB_HOST = aws_db_proxy.p.endpoint', attributes: [ROLE] })}`;

const CFN = `
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a } }
  FnSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
  Cluster: { Type: AWS::RDS::DBCluster, Properties: { Engine: aurora-postgresql } }
  Proxy:
    Type: AWS::RDS::DBProxy
    Properties:
      DBProxyName: orders-proxy
      EngineFamily: POSTGRESQL
      RoleArn: arn:aws:iam::123456789012:role/proxy
      Auth: [{ SecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:db }]
      VpcSubnetIds: [!Ref A]
  ProxyTargets:
    Type: AWS::RDS::DBProxyTargetGroup
    Properties:
      DBProxyName: !Ref Proxy
      TargetGroupName: default
      DBClusterIdentifiers: [!Ref Cluster]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: { ZipFile: "def handler(e, c): pass" }
      Environment: { Variables: { DB_HOST: !GetAtt Proxy.Endpoint } }
      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
`;

function analyse(path: string, text: string) {
  const a = analyseWorkspace({ [path]: text }, 'us-east-1');
  const byAddress = (address: string): ModelObject => {
    const o = a.model.all('target').find((t) => t.address === address);
    assert.ok(o, `no target ${address}`);
    return o;
  };
  const ctx = { model: a.model, result: a.result, objects: new ObjectIndex(a.model) };
  const needed = (a.result.functions[0]?.reach ?? []).filter((r) => r.needed && r.destinationKind === 'target').map((r) => `${a.model.get(r.target ?? '')?.address ?? '?'}: ${r.neededBecause.join('; ')}`);
  const link = (address: string): string => {
    const o = byAddress(address);
    return o.kind === 'target' && o.parent !== null && typeof o.parent === 'string' ? (a.model.get(o.parent)?.address ?? o.parent) : 'none';
  };
  const hoverLine = (address: string, prefix: RegExp): string => (objectHover(ctx, byAddress(address)) ?? '').split('\n').filter((l) => prefix.test(l)).join('\n');
  return { needed, link, hoverLine, children: (address: string) => a.model.childrenOf(byAddress(address).id).map((c) => c.address) };
}

describe('RDS Proxy linked to its database', () => {
  it('Terraform: aws_db_proxy_target links the proxy to the instance; the function needs the proxy', () => {
    const r = analyse('/w/main.tf', TERRAFORM);
    assert.equal(r.link('aws_db_proxy.p'), 'aws_db_instance.db');
    assert.deepEqual(r.children('aws_db_instance.db'), ['aws_db_proxy.p']);
    assert.deepEqual(r.needed, ['aws_db_proxy.p: environment variable DB_HOST refers to aws_db_proxy.p']);
    assert.equal(r.hoverLine('aws_db_proxy.p', /^RDS Proxy/), 'RDS Proxy in front of `aws_db_instance.db` (rds-instance): functions connect to the proxy; the proxy reaches the database from its own subnets and security groups (P14).');
    // The function's SG has no egress rule (Terraform removes the default): the proxy is blocked there.
    assert.equal(r.hoverLine('aws_db_instance.db', /^(Behind|Functions|- )/), [
      'Behind the RDS Proxy `aws_db_proxy.p`: functions that use the proxy reach the database through it (P14).',
      'Functions that need it:',
      '- ❌ `aws_lambda_function.f` through the proxy `aws_db_proxy.p`: blocked at `aws_security_group.fn`',
    ].join('\n'));
  });

  it('CloudFormation: AWS::RDS::DBProxyTargetGroup links the proxy to the cluster; the function needs the proxy', () => {
    const r = analyse('/w/template.yaml', CFN);
    assert.equal(r.link('Proxy'), 'Cluster');
    assert.deepEqual(r.children('Cluster'), ['Proxy']);
    assert.deepEqual(r.needed, ['Proxy: environment variable DB_HOST refers to Proxy']);
    assert.equal(r.hoverLine('Proxy', /^RDS Proxy/), 'RDS Proxy in front of `Cluster` (rds-cluster): functions connect to the proxy; the proxy reaches the database from its own subnets and security groups (P14).');
    assert.equal(r.hoverLine('Cluster', /^Behind/), 'Behind the RDS Proxy `Proxy`: functions that use the proxy reach the database through it (P14).');
  });

  it('a proxy without a target group in the workspace says so', () => {
    const r = analyse('/w/main.tf', TERRAFORM.replace(/resource "aws_db_proxy_target" "p" \{[^}]*\}/, ''));
    assert.equal(r.link('aws_db_proxy.p'), 'none');
    assert.equal(r.hoverLine('aws_db_proxy.p', /^RDS Proxy/), 'RDS Proxy: its target group names no database of the workspace.');
  });
});
