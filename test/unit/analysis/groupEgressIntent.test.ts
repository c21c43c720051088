// Needs stated by security groups: an egress rule of a function's own group naming a target's group makes the
// target a need (P3), through both front ends; CIDR, prefix-list, unknown and self-referencing rules do not.
// The targets' groups here admit the VPC's CIDR, never a group, so no need comes from an ingress rule
// (groupIngressIntent.test.ts covers those).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render, type WorkspaceRun } from '../support/analyseWorkspace';
import * as cfn from '../support/cloudFormationPieces';
import { dbInstance, packaged, securityGroupRules, twoAzVpc, vpcFunction, type RuleBlock } from '../support/terraformPieces';

const tf = twoAzVpc('eu-west-1');

/** Ingress from the VPC's CIDR on `port`: lets the function in without naming its group. */
const fromVpc = (port: number): { port: number; peer: string } => ({ port, peer: 'cidr_blocks = ["10.0.0.0/16"]' });

/** A function group `fn` with `egress`, a Postgres instance `db` whose group admits the VPC's CIDR on 5432. */
function database(egress: readonly RuleBlock[], fnGroups = ['fn']): string {
  return tf + securityGroupRules('fn', { egress })
    + securityGroupRules('db', { ingress: [fromVpc(5432)] })
    + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'] })
    + vpcFunction('f', { subnets: ['a', 'b'], securityGroups: fnGroups, attributes: packaged });
}

/** Whether the function's answer for `target` is a need, and why. */
function need(run: WorkspaceRun, fn: string, target: string): string {
  const r = reachOf(run.result, fn, target);
  return r?.needed === true ? `needed: ${r.neededBecause.join('; ')}` : 'not needed';
}

describe('analysis: an egress rule naming a target group is a need (P3)', () => {
  it('makes the database a need on its port, reachable, and the VPC config no longer unneeded', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ port: 5432, peer: 'security_groups = [aws_security_group.db.id]' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'needed: security group aws_security_group.fn allows egress tcp 5432 to group aws_security_group.db');
    assert.equal(render(reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db')), 'yes via local');
    assert.equal(run.findings.some((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), false);
  });

  it('a rule whose ports miss the target port still states the need: reachability says no', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ port: 3306, peer: 'security_groups = [aws_security_group.db.id]' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'needed: security group aws_security_group.fn allows egress tcp 3306 to group aws_security_group.db');
    const r = reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db');
    assert.equal(r?.status, 'no');
    assert.equal(r?.reason, 'ENI_SG_RULES_MISMATCH');
  });

  it('an all-traffic rule to the group counts', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ protocol: '-1', port: 0, peer: 'security_groups = [aws_security_group.db.id]' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'needed: security group aws_security_group.fn allows egress all traffic to group aws_security_group.db');
  });

  it('a CIDR rule, even one covering the database, names no resource: no need', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }, { protocol: '-1', port: 0, peer: 'cidr_blocks = ["0.0.0.0/0"]' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
    assert.equal(run.findings.some((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), true);
  });

  it('a UDP rule to the group is not a connection the engine asks about: no need', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ protocol: 'udp', port: 5432, peer: 'security_groups = [aws_security_group.db.id]' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a rule naming an unknown group derives nothing (never a guess)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': `variable "db_sg" { type = string }\n` + database([{ port: 5432, peer: 'security_groups = [var.db_sg]' }]),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('an unknown group list on the function derives nothing', () => {
    const text = database([{ port: 5432, peer: 'security_groups = [aws_security_group.db.id]' }])
      .replace('security_group_ids = [aws_security_group.fn.id]', 'security_group_ids = var.groups');
    const run = analyseWorkspace({ '/w/main.tf': `variable "groups" { type = list(string) }\n${text}` });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a group shared by two functions gives the need to both', () => {
    const run = analyseWorkspace({
      '/w/main.tf': database([{ port: 5432, peer: 'security_groups = [aws_security_group.db.id]' }])
        + vpcFunction('g', { subnets: ['a'], securityGroups: ['fn'], attributes: packaged }),
    });
    const because = 'needed: security group aws_security_group.fn allows egress tcp 5432 to group aws_security_group.db';
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), because);
    assert.equal(need(run, 'aws_lambda_function.g', 'aws_db_instance.db'), because);
  });

  it('a rule of a group the function does not use gives it nothing', () => {
    const run = analyseWorkspace({
      '/w/main.tf': database([{ protocol: '-1', port: 0, peer: 'cidr_blocks = ["0.0.0.0/0"]' }])
        + securityGroupRules('other', { egress: [{ port: 5432, peer: 'security_groups = [aws_security_group.db.id]' }] }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a group open to its own members (self) states nothing about the database that shares it', () => {
    const run = analyseWorkspace({
      '/w/main.tf': tf + securityGroupRules('shared', {
        ingress: [{ port: 5432, peer: 'self = true' }],
        egress: [{ protocol: '-1', port: 0, peer: 'self = true' }],
      })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['shared'] })
        + vpcFunction('f', { subnets: ['a', 'b'], securityGroups: ['shared'], attributes: packaged }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('an Aurora cluster stands for its instances, which hold the same group', () => {
    const run = analyseWorkspace({
      '/w/main.tf': tf + securityGroupRules('fn', { egress: [{ port: 3306, peer: 'security_groups = [aws_security_group.db.id]' }] })
        + securityGroupRules('db', { ingress: [fromVpc(3306)] })
        + `resource "aws_db_subnet_group" "s" { subnet_ids = [aws_subnet.a.id, aws_subnet.b.id] }
resource "aws_rds_cluster" "c" {
  engine                 = "aurora-mysql"
  db_subnet_group_name   = aws_db_subnet_group.s.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_rds_cluster_instance" "i" {
  cluster_identifier = aws_rds_cluster.c.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-mysql"
}
`
        + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_rds_cluster.c'), 'needed: security group aws_security_group.fn allows egress tcp 3306 to group aws_security_group.db');
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_rds_cluster_instance.i'), 'not needed');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'aws_rds_cluster.c')?.status, 'yes');
  });

  it('an EFS mount target group makes the file system a need, on NFS (P13)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': tf + securityGroupRules('fn', { egress: [{ port: 2049, peer: 'security_groups = [aws_security_group.nfs.id]' }] })
        + securityGroupRules('nfs', { ingress: [fromVpc(2049)] })
        + `resource "aws_efs_file_system" "fs" {}
resource "aws_efs_mount_target" "a" {
  file_system_id  = aws_efs_file_system.fs.id
  subnet_id       = aws_subnet.a.id
  security_groups = [aws_security_group.nfs.id]
}
resource "aws_efs_mount_target" "b" {
  file_system_id  = aws_efs_file_system.fs.id
  subnet_id       = aws_subnet.b.id
  security_groups = [aws_security_group.nfs.id]
}
`
        + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_efs_file_system.fs'), 'needed: security group aws_security_group.fn allows egress tcp 2049 to group aws_security_group.nfs');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'aws_efs_file_system.fs')?.status, 'yes');
  });

  it('CloudFormation: a standalone AWS::EC2::SecurityGroupEgress with DestinationSecurityGroupId', () => {
    const template = cfn.twoAzVpc('eu-west-1')
      + cfn.securityGroup('FnSg', { egress: [cfn.tcp(443, 'CidrIp: 127.0.0.1/32')] })
      + cfn.securityGroup('DbSg', { ingress: [cfn.tcp(5432, 'CidrIp: 10.0.0.0/16')] })
      + '  FnToDb: { Type: AWS::EC2::SecurityGroupEgress, Properties: { GroupId: !GetAtt FnSg.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: !GetAtt DbSg.GroupId } }\n'
      + cfn.dbInstance('Db', { engine: 'postgres', subnets: ['A', 'B'], securityGroups: ['DbSg'] })
      + cfn.vpcFunction('Fn', { subnets: ['A', 'B'] });
    const run = analyseWorkspace({ '/w/template.yaml': template });
    assert.equal(need(run, 'Fn', 'Db'), 'needed: security group FnSg allows egress tcp 5432 to group DbSg');
    assert.equal(reachOf(run.result, 'Fn', 'Db')?.status, 'yes');
    assert.equal(run.findings.some((f) => f.startsWith('LAMBDA_VPC_UNNEEDED')), false);
  });
});
