// Plan and state JSON (`terraform show -json`) as a second input of readTerraform: resolved values replace
// what static evaluation cannot know (data sources, unknown counts and for_each, values derived from them),
// matched by address with module paths and index keys; workspace ids in the plan still name model objects.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { looksLikePlanJson, readPlan } from '../../../../server/src/frontends/terraform/plan';
import { renderObjects, tfFixture } from './tfFixture';

const config = `
//- /w/main.tf
data "aws_vpc" "shared" { tags = { Name = "shared" } }
data "aws_availability_zones" "all" {}
variable "extra_subnet_ids" { type = list(string) }
resource "aws_subnet" "app" {
  count             = length(data.aws_availability_zones.all.names)
  vpc_id            = data.aws_vpc.shared.id
  cidr_block        = cidrsubnet(data.aws_vpc.shared.cidr_block, 8, count.index)
  availability_zone = data.aws_availability_zones.all.names[count.index]
}
resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = data.aws_vpc.shared.id
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = concat(aws_subnet.app[*].id, var.extra_subnet_ids)
    security_group_ids = [aws_security_group.fn.id]
  }
}
module "edge" {
  source   = "./edge"
  for_each = toset(data.aws_availability_zones.all.names)
  az       = each.key
}
//- /w/edge/main.tf
variable "az" {}
resource "aws_subnet" "this" {
  vpc_id            = "vpc-0shared"
  cidr_block        = "10.9.0.0/24"
  availability_zone = var.az
}
`;

const plan = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.0',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_subnet.app[0]', mode: 'managed', type: 'aws_subnet', name: 'app', index: 0, values: { cidr_block: '10.7.0.0/24', availability_zone: 'us-east-1a', vpc_id: 'vpc-0shared', id: 'subnet-0aaa' } },
        { address: 'aws_subnet.app[1]', mode: 'managed', type: 'aws_subnet', name: 'app', index: 1, values: { cidr_block: '10.7.1.0/24', availability_zone: 'us-east-1b', vpc_id: 'vpc-0shared', id: 'subnet-0bbb' } },
        { address: 'aws_security_group.fn', mode: 'managed', type: 'aws_security_group', name: 'fn', values: { name: 'fn', vpc_id: 'vpc-0shared', id: 'sg-0fn' } },
        {
          address: 'aws_lambda_function.f', mode: 'managed', type: 'aws_lambda_function', name: 'f',
          values: { function_name: 'f', vpc_config: [{ subnet_ids: ['subnet-0aaa', 'subnet-0bbb', 'subnet-0ccc', 'subnet-0external'], security_group_ids: ['sg-0fn'] }] },
        },
        { address: 'data.aws_vpc.shared', mode: 'data', type: 'aws_vpc', name: 'shared', values: { id: 'vpc-0shared', cidr_block: '10.7.0.0/16' } },
        { address: 'data.aws_availability_zones.all', mode: 'data', type: 'aws_availability_zones', name: 'all', values: { names: ['us-east-1a', 'us-east-1b'] } },
      ],
      child_modules: [
        {
          address: 'module.edge["us-east-1a"]',
          resources: [{ address: 'module.edge["us-east-1a"].aws_subnet.this', mode: 'managed', type: 'aws_subnet', name: 'this', values: { id: 'subnet-0ccc', availability_zone: 'us-east-1a' } }],
        },
        { address: 'module.edge["us-east-1b"]', resources: [] },
      ],
    },
  },
});

describe('plan and state JSON', () => {
  it('detects plan and state output by content', () => {
    assert.equal(looksLikePlanJson(plan), true);
    assert.equal(looksLikePlanJson('{"format_version":"1.0","values":{"root_module":{}}}'), true);
    assert.equal(looksLikePlanJson('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}'), false);
    assert.equal(looksLikePlanJson('{"format_version":"1.0"}'), false);
  });

  it('resolves data sources, unknown counts and for_each, and keeps workspace ids as references', () => {
    const { view } = tfFixture(`${config}\n//- /w/plan.json\n${plan}\n`);
    const out = readTerraform(view, {});
    const stack = out.stacks[0] ?? '';
    assert.equal(
      renderObjects(out.objects, stack, ['subnet', 'security-group', 'lambda-function']),
      [
        // The plan's ids of workspace subnets name the model objects; the one the workspace does not define stays a literal.
        'lambda-function aws_lambda_function.f functionName="f" vpcConfig={subnets: ["aws_subnet.app[0]", "aws_subnet.app[1]", "module.edge[\\"us-east-1a\\"].aws_subnet.this", ?{literal:subnet-0external}], securityGroups: ["aws_security_group.fn"], ipv6AllowedForDualStack: false} role=null policies=[] managedPolicyArns=[] environment=[] fileSystems=[] capacityProvider=null edge=false refs=[] memorySize=128 reservedConcurrency=null',
        'security-group aws_security_group.fn vpc="data.aws_vpc.shared" name="fn" implicitEgress="none" adoptsDefaultOf=null',
        // count = length(data.aws_availability_zones.all.names) and the CIDRs from the data VPC's block, from the plan.
        'subnet aws_subnet.app[0] vpc="data.aws_vpc.shared" cidrBlock="10.7.0.0/24" ipv6CidrBlock=null availabilityZone="us-east-1a" mapPublicIpOnLaunch=false',
        'subnet aws_subnet.app[1] vpc="data.aws_vpc.shared" cidrBlock="10.7.1.0/24" ipv6CidrBlock=null availabilityZone="us-east-1b" mapPublicIpOnLaunch=false',
        'subnet module.edge["us-east-1a"].aws_subnet.this vpc=?{literal:vpc-0shared} cidrBlock="10.9.0.0/24" ipv6CidrBlock=null availabilityZone="us-east-1a" mapPublicIpOnLaunch=false',
        'subnet module.edge["us-east-1b"].aws_subnet.this vpc=?{literal:vpc-0shared} cidrBlock="10.9.0.0/24" ipv6CidrBlock=null availabilityZone="us-east-1b" mapPublicIpOnLaunch=false',
      ].join('\n'),
    );
    assert.deepEqual(out.problems.filter((p) => p.code === 'tf-unknown-count'), []);
  });

  it('without the plan the same configuration is unknown where the plan resolved it', () => {
    const { view } = tfFixture(config);
    const out = readTerraform(view, {});
    const stack = out.stacks[0] ?? '';
    assert.equal(renderObjects(out.objects, stack, ['subnet']), '');
    assert.equal(out.problems.filter((p) => p.code === 'tf-unknown-count').length, 2);
  });

  it('reads a state (values.root_module) and a plan in a root folder applies to that root only', () => {
    const state = JSON.stringify({
      format_version: '1.0',
      values: { root_module: { resources: [{ address: 'data.aws_vpc.v', mode: 'data', type: 'aws_vpc', name: 'v', values: { id: 'vpc-1', cidr_block: '10.1.0.0/16' } }] } },
    });
    const { view } = tfFixture(`
//- /w/a/main.tf
data "aws_vpc" "v" {}
resource "aws_subnet" "s" {
  vpc_id     = data.aws_vpc.v.id
  cidr_block = cidrsubnet(data.aws_vpc.v.cidr_block, 8, 1)
}
//- /w/a/state.json
${state}
//- /w/b/main.tf
data "aws_vpc" "v" {}
resource "aws_subnet" "s" {
  vpc_id     = data.aws_vpc.v.id
  cidr_block = cidrsubnet(data.aws_vpc.v.cidr_block, 8, 1)
}
`);
    const out = readTerraform(view, {});
    const cidrs = out.objects.flatMap((o) => (o.kind === 'subnet' ? [`${o.id.split('::')[0] ?? ''} ${typeof o.cidrBlock === 'string' ? o.cidrBlock : 'unknown'}`] : []));
    assert.deepEqual(cidrs.sort(), ['/w/a 10.1.1.0/24', '/w/b unknown']);
  });

  it('keeps an unknown built from workspace references when the plan only has its string', () => {
    const { view } = tfFixture(`
//- /w/main.tf
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.b.arn}/*" }] })
}
//- /w/plan.json
${JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', values: { policy: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}' } }] } } })}
`);
    const out = readTerraform(view, {});
    const policy = out.objects.find((o) => o.kind === 'iam-policy');
    assert.ok(policy && policy.kind === 'iam-policy' && typeof policy.document === 'object' && 'statements' in policy.document);
    assert.deepEqual(policy.document.statements[0]?.resources, [{ ref: `${out.stacks[0] ?? ''}::aws_s3_bucket.b` }]);
  });

  it('reports a file that looks like a plan but is not valid JSON, once', () => {
    const problems: string[] = [];
    assert.equal(readPlan('/w/plan.json', '{"format_version": "1.2", "planned_values": {', (p) => problems.push(p.code)), undefined);
    assert.deepEqual(problems, ['tf-plan-invalid']);
  });
});
