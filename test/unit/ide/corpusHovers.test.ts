// Hovers on two real corpus workspaces, as the editor audit saw them: the function hover of one of 17
// functions sharing two Hyperplane ENIs (aws-ia-control-tower-aft) leads with where it runs and the reach
// table and groups the sharing by ENI; the EFS pattern's security group shows its egress and its mount
// targets' ingress with what became of each path; a subnet's AZ picked by Fn::GetAZs is counted from 1.

import * as assert from 'node:assert/strict';
import { loadWorkspace } from '../../../server/src/cli/loadWorkspace';
import { objectHover, type HoverContext } from '../../../server/src/ide/hover';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';

const CORPUS = '/work/shared/corpus';

async function hoversOf(dir: string): Promise<(address: string) => string> {
  const { analysis } = await loadWorkspace({ paths: [`${CORPUS}/${dir}`], varFiles: [] });
  const { model, result } = analysis;
  const ctx: HoverContext = { model, result, objects: new ObjectIndex(model) };
  return (address) => {
    const o = [...model.all('lambda-function'), ...model.all('subnet'), ...model.all('security-group')].find((x) => x.address === address);
    assert.ok(o, `${address} is in the model`);
    return objectHover(ctx, o) ?? '';
  };
}

const lineIndex = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start));

describe('hovers on corpus workspaces', () => {
  describe('aws-ia-control-tower-aft: 17 functions sharing the Hyperplane ENIs', () => {
    let hover: (address: string) => string;
    before(async () => {
      hover = await hoversOf('aws-ia-control-tower-aft/aft-root');
    });
    const fn = 'module.aft_account_request_framework.aws_lambda_function.aft_account_request_audit_trigger';

    it('leads with where it runs (one line) and the reach table, then one line per ENI with a count and three names', () => {
      const text = hover(fn);
      const lines = text.split('\n');
      assert.equal(lines[2], 'Runs in the AWS-managed Lambda service VPC; reaches `aws_vpc.aft_vpc[0]` through 2 Hyperplane ENIs in subnets `aws_subnet.aft_vpc_private_subnet_01[0]`, `aws_subnet.aft_vpc_private_subnet_02[0]`.');
      assert.deepEqual(lines.slice(4, 9), [
        '| | destination | how |',
        '|---|---|---|',
        '| ✅ | the internet (IPv4) | NAT gateway |',
        '| ✅ | Amazon S3 | NAT gateway |',
        '| ✅ | Amazon DynamoDB | NAT gateway |',
      ]);
      const enis = lineIndex(text, '**2 Hyperplane ENIs**');
      assert.deepEqual(lines.slice(enis, enis + 3), [
        '**2 Hyperplane ENIs** (one per subnet and security-group set, H1):',
        '- `aws_subnet.aft_vpc_private_subnet_01[0]` with security group `aws_security_group.aft_vpc_default_sg[0]`: shared with 16 functions: `account_metadata_ssm`, `create_role`, `persist_metadata` and 13 more',
        '- `aws_subnet.aft_vpc_private_subnet_02[0]` with security group `aws_security_group.aft_vpc_default_sg[0]`: shared with the same 16 functions',
      ]);
      // The quota and pre-2019 figures come after the ENIs, the full list of sharers last.
      assert.ok(enis < lineIndex(text, '`module.aft_account_request_framework.aws_vpc.aft_vpc[0]` needs **2 Hyperplane ENIs**'));
      assert.ok(lineIndex(text, '`module.aft') < lineIndex(text, 'Before Hyperplane (2019): concurrency × memory / 3 GB = 34 ENIs per 100 concurrent executions at 1024 MB'));
      assert.equal(lines.at(-1)?.startsWith('All 16 functions sharing its ENIs: `account_metadata_ssm`, `create_role`, '), true, lines.at(-1));
    });

    it('keeps every sharing function, each once, and names each subnet at most twice (was 17 times in 3,000 characters)', () => {
      const text = hover(fn);
      for (const other of ['account_metadata_ssm', 'aft_account_request_action_trigger', 'aft_customizations_identify_targets', 'aft_enroll_support', 'codebuild_trigger']) {
        assert.equal(text.split(`\`${other}\``).length - 1, other === 'account_metadata_ssm' ? 2 : 1, other);
      }
      assert.ok(text.split('aft_vpc_private_subnet_01[0]').length - 1 <= 2, 'the subnet is named in the run line and its ENI line');
      assert.ok(text.length < 2000, `${text.length} characters`);
    });

    it('groups the security group\'s 17 functions with the same answer on one line', () => {
      const text = hover('module.aft_account_request_framework.aws_security_group.aft_vpc_default_sg[0]');
      assert.match(text, /^Decides Lambda paths as the egress group of 17 functions\./m);
      assert.match(text, /^- ✓ \*\*egress\*\* of `create_role`, `tag_account`, `persist_metadata` and 14 more → the internet \(IPv4\), Amazon S3, Amazon DynamoDB: its egress rule all traffic to 0\.0\.0\.0\/0 allows a public IPv4 address tcp 443 · reached$/m);
      assert.equal(text.split('\n').filter((l) => l.startsWith('- ')).length, 1, text);
    });
  });

  describe('serverless-patterns/apigw-lambda-efs-sam', () => {
    let hover: (address: string) => string;
    before(async () => {
      hover = await hoversOf('serverless-patterns/apigw-lambda-efs-sam');
    });

    it('shows the four reach rows right after where the function runs; the ENI arithmetic after them', () => {
      const lines = hover('HelloEfsFunction').split('\n');
      assert.deepEqual(lines.slice(0, 10), [
        '**λ HelloEfsFunction**',
        '',
        'Runs in the AWS-managed Lambda service VPC; reaches `EfsLambdaVpc` through 2 Hyperplane ENIs in subnets `EfsLambdaSubnetA`, `EfsLambdaSubnetB`.',
        '',
        '| | destination | how |',
        '|---|---|---|',
        '| ❌ | the internet (IPv4) | blocked at `EfsLambdaVpc (main route table)` |',
        '| ❌ | Amazon S3 | blocked at `EfsLambdaVpc (main route table)` |',
        '| ❌ | Amazon DynamoDB | blocked at `EfsLambdaVpc (main route table)` |',
        '| ✅ | **EfsFileSystem** | the VPC (local route) |',
      ]);
      // What the marks mean, and the port each answer was checked on (an SG allowing only 443 still shows ✓).
      assert.deepEqual(lines.slice(10, 12), ['', '_Bold: destinations the function is known to need (environment, policies, file systems, group egress rules). AWS services are checked on tcp 443 (HTTPS), the internet on 443 or the ports of the URLs the function names, private resources on their port._']);
      assert.ok(lines.includes('Uses 2 Hyperplane ENIs alone (no other function has the same subnet and security groups): `EfsLambdaSubnetA` with security group `EfsLambdaSecurityGroup`; `EfsLambdaSubnetB` with security group `EfsLambdaSecurityGroup`. Lambda creates them on deploy: a new function stays Pending, its invocations failing, until then (minutes at times), an updated one keeps its old configuration meanwhile; a combination another function already uses is much faster.'));
      assert.equal(lines.at(-1), 'Before Hyperplane (2019): concurrency × memory / 3 GB = 5 ENIs per 100 concurrent executions at 128 MB (no reserved concurrency: its peak is bounded only by the account limit); today 2, one per subnet and security-group set, whatever the concurrency (H9).');
    });

    it('shows the group\'s egress and its mount targets\' ingress, and that the internet is blocked later at the route table', () => {
      assert.equal(hover('EfsLambdaSecurityGroup'), [
        '**EfsLambdaSecurityGroup** · security group',
        '',
        'Decides Lambda paths as the egress group of one function and the ingress group of MountTargetA, MountTargetB. ✓ says this group allows; what becomes of the path follows.',
        '',
        '- ✓ **egress** of `HelloEfsFunction` → the internet (IPv4), Amazon S3, Amazon DynamoDB: its egress rule tcp 0-65535 to 0.0.0.0/0 allows a public IPv4 address tcp 443, but ❌ the path is blocked later at `EfsLambdaVpc (main route table)`',
        '- ✓ **egress** of `HelloEfsFunction` → EfsFileSystem: its egress rule tcp 0-65535 to 0.0.0.0/0 allows 10.0.0.0/24, 10.0.1.0/24 tcp 2049 · reached',
        '- ✓ **ingress of MountTargetA** from `HelloEfsFunction` → EfsFileSystem: its ingress rule tcp 0-65535 from 0.0.0.0/0 allows 10.0.0.0/24 tcp 2049 · reached',
        '- ✓ **ingress of MountTargetB** from `HelloEfsFunction` → EfsFileSystem: its ingress rule tcp 0-65535 from 0.0.0.0/0 allows 10.0.1.0/24 tcp 2049 · reached',
      ].join('\n'));
    });

    it('counts the AZ of Fn::Select [0, Fn::GetAZs] from 1, as the topology panel does', () => {
      assert.equal(hover('EfsLambdaSubnetA').split('\n')[0], '**EfsLambdaSubnetA** · 10.0.0.0/24 · AZ 1 of the Region (chosen by AWS)');
      assert.equal(hover('EfsLambdaSubnetB').split('\n')[0], '**EfsLambdaSubnetB** · 10.0.1.0/24 · AZ 2 of the Region (chosen by AWS)');
      assert.doesNotMatch(hover('EfsLambdaSubnetA') + hover('HelloEfsFunction') + hover('EfsLambdaSecurityGroup'), /#\d/);
    });
  });
});
