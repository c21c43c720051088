// Needs stated by security groups, the mirror of groupEgressIntent.test.ts: an ingress rule of a target's group
// whose source is one of the function's own groups makes the target a need (P3), through both front ends. The
// function's group allows all egress to 0.0.0.0/0 (the common case), so no need comes from an egress rule.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render, type WorkspaceRun } from '../support/analyseWorkspace';
import * as cfn from '../support/cloudFormationPieces';
import { dbInstance, packaged, securityGroup, securityGroupRules, twoAzVpc, vpcFunction, type RuleBlock } from '../support/terraformPieces';

const tf = twoAzVpc('eu-west-1');

/** Ingress naming group `name` on `port`. */
const fromGroup = (name: string, port = 5432): RuleBlock => ({ port, peer: `security_groups = [aws_security_group.${name}.id]` });

/** A function `f` in group `fn` (all egress), a Postgres instance `db` whose group `db` has `ingress`. */
function database(ingress: readonly RuleBlock[], extra = ''): string {
  return tf + securityGroup('fn', 'all') + securityGroupRules('db', { ingress })
    + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'] })
    + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged }) + extra;
}

/** Whether the function's answer for `target` is a need, and why. */
function need(run: WorkspaceRun, fn: string, target: string): string {
  const r = reachOf(run.result, fn, target);
  return r?.needed === true ? `needed: ${r.neededBecause.join('; ')}` : 'not needed';
}

const vpcUnneeded = (run: WorkspaceRun): readonly string[] => run.findings.filter((f) => f.startsWith('LAMBDA_VPC_UNNEEDED'));

const ADMITS_FN = 'needed: security group aws_security_group.db of aws_db_instance.db admits tcp 5432 from group aws_security_group.fn';

describe('analysis: an ingress rule of a target group naming the function group is a need (P3)', () => {
  it('makes the database a need, reachable, and the VPC config no longer unneeded', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([fromGroup('fn')]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), ADMITS_FN);
    assert.equal(render(reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db')), 'yes via local');
    assert.deepEqual(vpcUnneeded(run), []);
  });

  it('a rule admitting another group states nothing about this function', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([fromGroup('other')], securityGroup('other', 'all')) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
    assert.deepEqual(vpcUnneeded(run), ['LAMBDA_VPC_UNNEEDED aws_lambda_function.f']);
  });

  it('a function group shared by two functions gives the need to both', () => {
    const run = analyseWorkspace({
      '/w/main.tf': database([fromGroup('fn')], vpcFunction('g', { subnets: ['a'], attributes: packaged })),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), ADMITS_FN);
    assert.equal(need(run, 'aws_lambda_function.g', 'aws_db_instance.db'), ADMITS_FN);
  });

  it('a rule naming an unknown source group derives nothing (never a guess)', () => {
    const run = analyseWorkspace({ '/w/main.tf': `variable "clients" { type = string }\n${database([{ port: 5432, peer: 'security_groups = [var.clients]' }])}` });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a rule whose ports miss the target port still states the need: reachability says no', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([fromGroup('fn', 3306)]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'needed: security group aws_security_group.db of aws_db_instance.db admits tcp 3306 from group aws_security_group.fn');
    const r = reachOf(run.result, 'aws_lambda_function.f', 'aws_db_instance.db');
    assert.equal(r?.status, 'no');
    assert.equal(r?.reason, 'ENI_SG_RULES_MISMATCH');
  });

  it('an all-traffic rule counts; a UDP rule is not a connection the engine asks about', () => {
    const all = analyseWorkspace({ '/w/main.tf': database([{ protocol: '-1', port: 0, peer: 'security_groups = [aws_security_group.fn.id]' }]) });
    assert.equal(need(all, 'aws_lambda_function.f', 'aws_db_instance.db'), 'needed: security group aws_security_group.db of aws_db_instance.db admits all traffic from group aws_security_group.fn');
    const udp = analyseWorkspace({ '/w/main.tf': database([{ protocol: 'udp', port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }]) });
    assert.equal(need(udp, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a standalone aws_security_group_rule with source_security_group_id counts', () => {
    const run = analyseWorkspace({
      '/w/main.tf': database([], `resource "aws_security_group_rule" "fn_to_db" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.fn.id
}
`),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), ADMITS_FN);
  });

  it('a rule of a group the function holds itself (shared with the target) states nothing', () => {
    const run = analyseWorkspace({
      '/w/main.tf': tf + securityGroup('fn', 'all') + securityGroupRules('shared', { ingress: [fromGroup('fn')] })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['shared'] })
        + vpcFunction('f', { subnets: ['a', 'b'], securityGroups: ['fn', 'shared'], attributes: packaged }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  it('a group admitting its own members (self) states nothing', () => {
    const run = analyseWorkspace({ '/w/main.tf': database([{ port: 5432, peer: 'self = true' }]) });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
    assert.deepEqual(vpcUnneeded(run), ['LAMBDA_VPC_UNNEEDED aws_lambda_function.f']);
  });

  it('an egress and an ingress rule stating the same need give both reasons', () => {
    const run = analyseWorkspace({
      '/w/main.tf': tf + securityGroupRules('fn', { egress: [fromGroup('db')] }) + securityGroupRules('db', { ingress: [fromGroup('fn')] })
        + dbInstance('db', { engine: 'postgres', subnets: ['a', 'b'], securityGroups: ['db'] })
        + vpcFunction('f', { subnets: ['a', 'b'], attributes: packaged }),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'),
      'needed: security group aws_security_group.fn allows egress tcp 5432 to group aws_security_group.db; '
      + 'security group aws_security_group.db of aws_db_instance.db admits tcp 5432 from group aws_security_group.fn');
  });

  it('a proxy sharing its database group is the need, not the database behind it (P14)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': database([fromGroup('fn')], `resource "aws_db_proxy" "p" {
  name                   = "p"
  engine_family          = "POSTGRESQL"
  role_arn               = "arn:aws:iam::123456789012:role/p"
  vpc_security_group_ids = [aws_security_group.db.id]
  vpc_subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  auth {
    auth_scheme = "SECRETS"
    secret_arn  = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"
  }
}
resource "aws_db_proxy_default_target_group" "p" { db_proxy_name = aws_db_proxy.p.name }
resource "aws_db_proxy_target" "p" {
  db_proxy_name          = aws_db_proxy.p.name
  target_group_name      = aws_db_proxy_default_target_group.p.name
  db_instance_identifier = aws_db_instance.db.identifier
}
`),
    });
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_proxy.p'), 'needed: security group aws_security_group.db of aws_db_proxy.p admits tcp 5432 from group aws_security_group.fn');
    assert.equal(need(run, 'aws_lambda_function.f', 'aws_db_instance.db'), 'not needed');
  });

  describe('CloudFormation twin', () => {
    const head = cfn.twoAzVpc('eu-west-1') + cfn.securityGroup('FnSg')
      + cfn.dbInstance('Db', { engine: 'postgres', subnets: ['A', 'B'], securityGroups: ['DbSg'] })
      + cfn.vpcFunction('Fn', { subnets: ['A', 'B'] });

    it('an inline SecurityGroupIngress with SourceSecurityGroupId', () => {
      const run = analyseWorkspace({ '/w/template.yaml': head + cfn.securityGroup('DbSg', { ingress: [cfn.tcp(5432, 'SourceSecurityGroupId: !GetAtt FnSg.GroupId')] }) });
      assert.equal(need(run, 'Fn', 'Db'), 'needed: security group DbSg of Db admits tcp 5432 from group FnSg');
      assert.equal(reachOf(run.result, 'Fn', 'Db')?.status, 'yes');
      assert.deepEqual(vpcUnneeded(run), []);
    });

    it('a standalone AWS::EC2::SecurityGroupIngress with SourceSecurityGroupId (by !Ref)', () => {
      const run = analyseWorkspace({
        '/w/template.yaml': head + cfn.securityGroup('DbSg')
          + '  FnToDb: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !GetAtt DbSg.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref FnSg } }\n',
      });
      assert.equal(need(run, 'Fn', 'Db'), 'needed: security group DbSg of Db admits tcp 5432 from group FnSg');
      assert.equal(reachOf(run.result, 'Fn', 'Db')?.status, 'yes');
    });

    it('an ingress from another group gives no need', () => {
      const run = analyseWorkspace({
        '/w/template.yaml': head + cfn.securityGroup('OtherSg') + cfn.securityGroup('DbSg', { ingress: [cfn.tcp(5432, 'SourceSecurityGroupId: !GetAtt OtherSg.GroupId')] }),
      });
      assert.equal(need(run, 'Fn', 'Db'), 'not needed');
      assert.deepEqual(vpcUnneeded(run), ['LAMBDA_VPC_UNNEEDED Fn']);
    });
  });
});
