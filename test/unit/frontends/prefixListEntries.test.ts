// Customer-managed prefix lists whose entries are not inline literals: Terraform aws_ec2_managed_prefix_list_entry
// resources (and their conflict with inline `entry` blocks), CloudFormation Entries from a parameter or an Fn::If.
// Each case runs the real pipeline; the function's SG egress goes only to the list.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import * as Cfn from '../support/cloudFormationPieces';
import * as Tf from '../support/terraformPieces';

const REGION = 'eu-west-1';

/** VPC 10.0.0.0/16, a function in A and B whose SG egress is MySQL to prefix list Pl only, a database in A and B. */
const TF_BASE = (list: string): string => `${Tf.twoAzVpc(REGION, { vpc: 'Vpc', subnets: ['A', 'B'] })}${list}\n`
  + Tf.securityGroupRules('FnSg', { vpc: 'Vpc', egress: [{ port: 3306, peer: 'prefix_list_ids = [aws_ec2_managed_prefix_list.Pl.id]' }] })
  + Tf.securityGroupRules('DbSg', { vpc: 'Vpc', ingress: [{ port: 3306, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })
  + Tf.dbInstance('Db', { engine: 'mysql', subnets: ['A', 'B'], securityGroups: ['DbSg'] })
  + Tf.vpcFunction('Fn', { attributes: Tf.packaged, env: 'DB_HOST = aws_db_instance.Db.address', subnets: ['A', 'B'], securityGroups: ['FnSg'] });

const LIST = (inline = ''): string => `resource "aws_ec2_managed_prefix_list" "Pl" {
  name           = "vpc"
  address_family = "IPv4"
  max_entries    = 5${inline}
}`;

const ENTRY = (name: string, cidr: string, extra = ''): string => `resource "aws_ec2_managed_prefix_list_entry" "${name}" {${extra}
  prefix_list_id = aws_ec2_managed_prefix_list.Pl.id
  cidr           = ${cidr}
  description    = "${name}"
}`;

function tf(text: string): ReturnType<typeof analyseWorkspace> {
  return analyseWorkspace({ '/w/main.tf': text }, REGION);
}

const dbAnswer = (run: ReturnType<typeof analyseWorkspace>): string => render(reachOf(run.result, 'Fn', 'aws_db_instance.Db'));

const conflicts = (run: ReturnType<typeof analyseWorkspace>): string[] =>
  run.problems.filter((p) => p.code === 'tf-inline-standalone-conflict').map((p) => `${p.severity}: ${p.message}`);

describe('prefix list entries outside the list', () => {
  describe('Terraform aws_ec2_managed_prefix_list_entry', () => {
    it('an entry resource covering the database opens the SG egress to the list; one that does not leaves it closed', () => {
      const run = tf(TF_BASE(`${LIST()}\n${ENTRY('Vpc', '"10.0.0.0/16"')}`));
      assert.equal(dbAnswer(run), 'yes via local');
      assert.deepEqual(conflicts(run), []);
      assert.match(dbAnswer(tf(TF_BASE(`${LIST()}\n${ENTRY('Other', '"192.168.0.0/16"')}`))), /^no /);
    });

    it('entries are collected from every entry resource and for_each instance', () => {
      const run = tf(TF_BASE(`${LIST()}\n${ENTRY('Each', 'each.value', '\n  for_each = toset(["192.168.0.0/16", "10.0.0.0/16"])')}`));
      assert.equal(dbAnswer(run), 'yes via local');
      assert.deepEqual([...(run.model.all('prefix-list')[0]?.entries ?? [])].sort(), ['10.0.0.0/16', '192.168.0.0/16']);
    });

    it('an entry whose CIDR is not known statically makes the answer unknown', () => {
      const run = tf(`variable "cidr" { type = string }\n${TF_BASE(`${LIST()}\n${ENTRY('Var', 'var.cidr')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
    });

    it('entry resources under a count not known statically make the answer unknown', () => {
      const run = tf(`variable "n" { type = number }\n${TF_BASE(`${LIST()}\n${ENTRY('Counted', '"10.0.0.0/16"', '\n  count = var.n')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
    });

    it('an entry of a list not known statically may belong to the workspace list (unknown); of a literal pl- list, not', () => {
      const run = tf(`variable "list" { type = string }\n${TF_BASE(`${LIST()}\n${ENTRY('Elsewhere', '"10.0.0.0/16"').replace('aws_ec2_managed_prefix_list.Pl.id', 'var.list')}`)}`);
      assert.match(dbAnswer(run), /^unknown /);
      const outside = tf(TF_BASE(`${LIST()}\n${ENTRY('Outside', '"10.0.0.0/16"').replace('aws_ec2_managed_prefix_list.Pl.id', '"pl-0123456789abcdef0"')}`));
      assert.match(dbAnswer(outside), /^no /);
    });

    it('a list with inline entries and an entry resource: a conflict warning, and the entry is unknown (provider note, T3, T5)', () => {
      const inline = `
  entry {
    cidr = "192.168.0.0/16"
  }`;
      const run = tf(TF_BASE(`${LIST(inline)}\n${ENTRY('Vpc', '"10.0.0.0/16"')}`));
      assert.deepEqual(conflicts(run), [
        'warning: aws_ec2_managed_prefix_list_entry.Vpc adds an entry to prefix list aws_ec2_managed_prefix_list.Pl, which also declares inline entries; Terraform will keep overwriting one with the other (T3, T5).',
      ]);
      assert.match(dbAnswer(run), /^unknown /);
      // Inline entries alone still decide, without a warning.
      const alone = tf(TF_BASE(LIST(inline.replace('192.168.0.0/16', '10.0.0.0/16'))));
      assert.equal(dbAnswer(alone), 'yes via local');
      assert.deepEqual(conflicts(alone), []);
    });
  });

  describe('CloudFormation AWS::EC2::PrefixList Entries', () => {
    const template = (entries: string, head: Cfn.TemplateOptions): string => Cfn.twoAzVpc(REGION, head)
      + `  Pl: { Type: AWS::EC2::PrefixList, Properties: { PrefixListName: vpc, AddressFamily: IPv4, MaxEntries: 5, Entries: ${entries} } }\n`
      + Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(3306, 'DestinationPrefixListId: !GetAtt Pl.PrefixListId')] })
      + Cfn.securityGroup('DbSg', { ingress: [Cfn.tcp(3306, 'CidrIp: 10.0.0.0/16')] })
      + Cfn.dbInstance('Db', { engine: 'mysql', subnets: ['A', 'B'], securityGroups: ['DbSg'] })
      + Cfn.vpcFunction('Fn', { subnets: ['A', 'B'], env: 'DB_HOST: !GetAtt Db.Endpoint.Address' });
    const cfn = (entries: string, head: Cfn.TemplateOptions = {}): ReturnType<typeof analyseWorkspace> => analyseWorkspace({ '/w/template.yaml': template(entries, head) }, REGION);
    const cfnAnswer = (run: ReturnType<typeof analyseWorkspace>): string => render(reachOf(run.result, 'Fn', 'Db'));
    const entriesOf = (run: ReturnType<typeof analyseWorkspace>): string[] => {
      return (run.model.all('prefix-list')[0]?.entries ?? []).map((e) => (typeof e === 'string' ? e : `? ${e.reason}`));
    };
    const CONDITION = { parameters: '  Wide: { Type: String }\n', conditions: '  IsWide: !Equals [!Ref Wide, "yes"]\n' };

    it('Entries from a parameter are unknown entries, not an empty list', () => {
      const run = cfn('!Ref Entries', { parameters: '  Entries: { Type: String }\n' });
      assert.match(cfnAnswer(run), /^unknown /);
      const entries = entriesOf(run);
      assert.deepEqual(entries, ['? the entries are not known statically (parameter Entries has no default)']);
    });

    it('an Fn::If between entry lists: the entries both arms hold are certain', () => {
      const run = cfn('!If [IsWide, [{ Cidr: 10.0.0.0/16 }, { Cidr: 192.168.0.0/16 }], [{ Cidr: 10.0.0.0/16 }]]', CONDITION);
      assert.equal(cfnAnswer(run), 'yes via local');
      assert.equal(entriesOf(run)[0], '10.0.0.0/16');
      assert.equal(cfnAnswer(cfn('[{ Cidr: 10.0.0.0/16 }]')), 'yes via local');
    });

    it('an Fn::If where only one arm covers the database is unknown', () => {
      const run = cfn('!If [IsWide, [{ Cidr: 10.0.0.0/16 }], [{ Cidr: 192.168.0.0/16 }]]', CONDITION);
      assert.match(cfnAnswer(run), /^unknown /);
      assert.deepEqual(entriesOf(run).map((e) => e.slice(0, 2)), ['? ']);
    });

    it('an entry chosen by Fn::If inside the list is an unknown entry', () => {
      const run = cfn('[!If [IsWide, { Cidr: 10.0.0.0/16 }, !Ref AWS::NoValue]]', CONDITION);
      assert.match(cfnAnswer(run), /^unknown /);
      assert.match(entriesOf(run)[0] ?? '', /^\? an entry is not known statically \(.*Wide/);
    });
  });
});
