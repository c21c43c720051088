// C1 (LAMBDA_ROLE_MISSING_ENI_PERMISSIONS) through the real Terraform front end, model and engine: AWS managed
// policies known to grant the ENI actions, wildcards and NotAction in workspace policies count; a policy the
// analysis cannot read makes the answer uncertain, so nothing is reported; the error names only what is
// certainly missing.

import * as assert from 'node:assert/strict';
import { actionMatches } from '../../../server/src/analysis/eniPermissions';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const NETWORK = twoAzVpc('eu-west-1') + securityGroup('fn', 'none');

/** A role with the given attachments / inline policy and a VPC function using it. */
function roleCase(name: string, o: { managed?: string[]; inline?: string }): string {
  const attachments = (o.managed ?? []).map((arn, i) => `
resource "aws_iam_role_policy_attachment" "${name}_${i}" {
  role       = aws_iam_role.${name}.name
  policy_arn = "${arn}"
}`).join('');
  const inline = o.inline === undefined ? '' : `
resource "aws_iam_role_policy" "${name}" {
  role   = aws_iam_role.${name}.id
  policy = jsonencode(${o.inline})
}`;
  return `
resource "aws_iam_role" "${name}" { assume_role_policy = "{}" }${attachments}${inline}
${vpcFunction(name, { subnets: ['a', 'b'], attributes: [`role          = aws_iam_role.${name}.arn`] })}`;
}

function eniFindings(cases: Record<string, { managed?: string[]; inline?: string }>): Map<string, string[]> {
  const run = analyseWorkspace({ '/w/main.tf': NETWORK + Object.entries(cases).map(([n, c]) => roleCase(n, c)).join('') }, 'eu-west-1');
  const out = new Map<string, string[]>(Object.keys(cases).map((name) => [name, []]));
  for (const f of findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS')) out.get(f.address.replace('aws_lambda_function.', ''))?.push(f.text);
  return out;
}

const AWS = 'arn:aws:iam::aws:policy/';

describe('LAMBDA_ROLE_MISSING_ENI_PERMISSIONS (C1)', () => {
  it('AWS managed policies that grant the ENI actions satisfy the check (audit: AdministratorAccess, AWSLambdaMSKExecutionRole)', () => {
    const r = eniFindings({
      admin: { managed: [`${AWS}AdministratorAccess`] },
      msk: { managed: [`${AWS}service-role/AWSLambdaMSKExecutionRole`, `${AWS}service-role/AWSLambdaSQSQueueExecutionRole`] },
      power: { managed: [`${AWS}PowerUserAccess`] },
      ec2full: { managed: [`${AWS}AmazonEC2FullAccess`] },
      vpcaccess: { managed: [`${AWS}service-role/AWSLambdaVPCAccessExecutionRole`] },
      govcloud: { managed: ['arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaENIManagementAccess'] },
    });
    for (const [name, findings] of r) assert.deepEqual(findings, [], name);
  });

  it('inline policies with wildcards or NotAction count', () => {
    const r = eniFindings({
      ec2star: { inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }] }' },
      star: { inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }' },
      pattern: { inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:*NetworkInterface", "ec2:Describe*"], Resource = "*" }] }' },
      notaction: { inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }] }' },
    });
    for (const [name, findings] of r) assert.deepEqual(findings, [], name);
  });

  it('an error, naming exactly the missing actions, only when every policy of the role is known', () => {
    const r = eniFindings({
      basic: { managed: [`${AWS}service-role/AWSLambdaBasicExecutionRole`] },
      createOnly: { managed: [`${AWS}service-role/AWSLambdaBasicExecutionRole`], inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:CreateNetworkInterface"], Resource = "*" }] }' },
      notEc2: { inline: '{ Version = "2012-10-17", Statement = [{ Effect = "Allow", NotAction = ["ec2:*"], Resource = "*" }] }' },
    });
    assert.deepEqual(r.get('basic'), ['error: the execution role of aws_lambda_function.basic does not allow ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface, which Lambda needs to manage the function\'s ENIs; attach AWSLambdaVPCAccessExecutionRole (C1)']);
    assert.deepEqual(r.get('createOnly'), ['error: the execution role of aws_lambda_function.createOnly does not allow ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface, which Lambda needs to manage the function\'s ENIs; attach AWSLambdaVPCAccessExecutionRole (C1)']);
    assert.equal(r.get('notEc2')?.length, 1);
  });

  it('nothing when a policy may grant the actions but cannot be read: customer managed ARN, AWS managed policy outside the table', () => {
    const r = eniFindings({
      customer: { managed: [`${AWS}service-role/AWSLambdaBasicExecutionRole`, 'arn:aws:iam::123456789012:policy/team-lambda'] },
      unknownAws: { managed: [`${AWS}AmazonSomeFutureLambdaPolicy`] },
    });
    assert.deepEqual(r.get('customer'), []);
    assert.deepEqual(r.get('unknownAws'), []);
  });

  it('IAM action wildcards match case-insensitively', () => {
    assert.ok(actionMatches('EC2:create*', 'ec2:CreateNetworkInterface'));
    assert.ok(actionMatches('ec2:?reateNetworkInterface', 'ec2:CreateNetworkInterface'));
    assert.ok(actionMatches('*', 'ec2:DeleteNetworkInterface'));
    assert.ok(!actionMatches('ec2:Create', 'ec2:CreateNetworkInterface'));
    assert.ok(!actionMatches('s3:*', 'ec2:CreateNetworkInterface'));
    assert.ok(actionMatches('ec2:*Network*face', 'ec2:DescribeNetworkInterfaces') === false);
    assert.ok(actionMatches('ec2:*Network*faces', 'ec2:DescribeNetworkInterfaces'));
  });
});

describe('LAMBDA_ROLE_MISSING_ENI_PERMISSIONS when a role name is known only after apply (corpus: terraform-aws-lambda)', () => {
  // The role's name comes from random_pet: `role = aws_iam_role.r.name` is unknown, yet it names the role.
  const base = (policyRole: string): string => `${NETWORK}
resource "random_pet" "this" {}
resource "aws_iam_role" "r" {
  name               = "fn-\${random_pet.this.id}"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "vpc" {
  role   = ${policyRole}
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"], Resource = "*" }] })
}
${vpcFunction('r', { subnets: ['a', 'b'], attributes: ['role          = aws_iam_role.r.arn'] })}`;

  it('a policy whose role is given by the role\'s unknown name still belongs to that role', () => {
    const run = analyseWorkspace({ '/w/main.tf': base('aws_iam_role.r.name') }, 'eu-west-1');
    assert.deepEqual(findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'), []);
  });

  it('a role whose name is another resource\'s attribute (name = random_pet.this.id) is still the role its name names', () => {
    // The corpus shape: function_name = random_pet.this.id flows into the role's name, which then evaluates to
    // that reference; the policy reading aws_iam_role.r.name belongs to the role, not to random_pet.this.
    const text = base('aws_iam_role.r.name').replace('name               = "fn-${random_pet.this.id}"', 'name               = random_pet.this.id');
    assert.ok(text.includes('name               = random_pet.this.id'));
    const run = analyseWorkspace({ '/w/main.tf': text }, 'eu-west-1');
    assert.deepEqual(findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'), []);
  });

  it('aws_iam_policy_attachment naming the role by its unknown name attaches to that role', () => {
    const text = `${NETWORK}
resource "random_pet" "this" {}
resource "aws_iam_role" "r" {
  name               = "fn-\${random_pet.this.id}"
  assume_role_policy = "{}"
}
resource "aws_iam_policy_attachment" "basic" {
  name       = "basic"
  roles      = [aws_iam_role.r.name]
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
${vpcFunction('r', { subnets: ['a', 'b'], attributes: ['role          = aws_iam_role.r.arn'] })}`;
    const run = analyseWorkspace({ '/w/main.tf': text }, 'eu-west-1');
    // The basic execution policy grants no ENI action, and it is the role's only policy: a certain error.
    assert.equal(findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS').length, 1);
  });

  it('a policy attached to a role the workspace does not name makes the answer uncertain: no error', () => {
    const run = analyseWorkspace({ '/w/main.tf': `${base('"role-${random_pet.this.id}"')}` }, 'eu-west-1');
    assert.deepEqual(findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'), []);
  });
});

describe('C1 with a copy of an AWS managed policy (data "aws_iam_policy" by ARN, as terraform-aws-lambda does)', () => {
  const copyCase = (name: string, managed: string): string => `
data "aws_partition" "current" {}
data "aws_iam_policy" "${name}" {
  arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/${managed}"
}
resource "aws_iam_role" "${name}" { assume_role_policy = "{}" }
resource "aws_iam_role_policy" "${name}" {
  role   = aws_iam_role.${name}.name
  policy = data.aws_iam_policy.${name}.policy
}
${vpcFunction(name, { subnets: ['a', 'b'], attributes: [`role          = aws_iam_role.${name}.arn`] })}`;

  it('counts as the managed policy it copies: the VPC access policy grants the actions, the basic one does not', () => {
    const run = analyseWorkspace({ '/w/main.tf': NETWORK + copyCase('vpc', 'service-role/AWSLambdaENIManagementAccess') + copyCase('basic', 'service-role/AWSLambdaBasicExecutionRole') }, 'eu-west-1');
    assert.deepEqual(findingsOf(run, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS').map((f) => f.address), ['aws_lambda_function.basic']);
    const policy = run.model.all('iam-policy').find((p) => p.address === 'aws_iam_role_policy.vpc');
    assert.equal(policy?.copiesManagedPolicy, 'arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess');
  });
});
