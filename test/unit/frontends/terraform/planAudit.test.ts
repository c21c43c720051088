// Plan and state JSON as a user gives them (`terraform show -json`, written to the documented format):
// data sources read while planning (prior_state), variables, instances known only from the plan, values the
// plan marks unknown, stale and malformed files, and which value wins where the code and the plan disagree.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { readPlan } from '../../../../server/src/frontends/terraform/plan';
import type { ModelObject } from '../../../../server/src/model/types';
import { analyseWorkspace, reachOf, render } from '../../support/analyseWorkspace';
import { tfFixture } from './tfFixture';

const AWS = 'registry.terraform.io/hashicorp/aws';

interface Res { readonly address: string; readonly values: Record<string, unknown>; readonly index?: number | string }

/** A planned_values / state resource entry as Terraform writes it (mode, type and name from the address). */
function resource(r: Res): Record<string, unknown> {
  const bare = r.address.replace(/^(module\.[\w-]+(\[[^\]]*\])?\.)+/, '').replace(/\[[^\]]*\]$/, '');
  const data = bare.startsWith('data.');
  const [type, name] = (data ? bare.slice(5) : bare).split('.');
  return { address: r.address, mode: data ? 'data' : 'managed', type, name, ...(r.index !== undefined ? { index: r.index } : {}), provider_name: AWS, schema_version: 0, values: r.values };
}

function moduleOf(resources: readonly Res[], children: readonly Record<string, unknown>[] = []): Record<string, unknown> {
  return { resources: resources.map(resource), ...(children.length > 0 ? { child_modules: children } : {}) };
}

/** A plan: planned values, their after_unknown masks, data sources in the prior state, variables. */
function planJson(o: { planned: readonly Res[]; children?: readonly Record<string, unknown>[]; unknown?: Record<string, unknown>; prior?: readonly Res[]; variables?: Record<string, unknown> }): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    variables: Object.fromEntries(Object.entries(o.variables ?? {}).map(([k, v]) => [k, { value: v }])),
    planned_values: { root_module: moduleOf(o.planned, o.children) },
    resource_changes: Object.entries(o.unknown ?? {}).map(([address, mask]) => ({ address, change: { actions: ['create'], before: null, after: {}, after_unknown: mask } })),
    prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: moduleOf(o.prior ?? []) } },
    configuration: { provider_config: {}, root_module: {} },
  }, null, 1);
}

const LAMBDA = `
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

const dataConfig = `
//- /w/main.tf
provider "aws" { region = "us-east-1" }
data "aws_vpc" "main" { tags = { Name = "main" } }
resource "aws_subnet" "a" {
  vpc_id     = data.aws_vpc.main.id
  cidr_block = cidrsubnet(data.aws_vpc.main.cidr_block, 8, 1)
}
resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = data.aws_vpc.main.id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [data.aws_vpc.main.cidr_block]
  }
}
${LAMBDA}`;

const priorVpc: Res = { address: 'data.aws_vpc.main', values: { id: 'vpc-0abc', arn: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc', cidr_block: '10.20.0.0/16', tags: { Name: 'main' }, main_route_table_id: 'rtb-0main' } };

function objectsOf(out: ReturnType<typeof readTerraform>, kind: ModelObject['kind']): ModelObject[] {
  return out.objects.filter((o) => o.kind === kind);
}

/** `address cidr` of each subnet, sorted (an unknown CIDR shows as `?`). */
function subnetCidrs(out: ReturnType<typeof readTerraform>): string[] {
  return out.objects.flatMap((o) => (o.kind === 'subnet' ? [`${o.address} ${typeof o.cidrBlock === 'string' ? o.cidrBlock : '?'}`] : [])).sort();
}

describe('plan audit: plan and state JSON as users give them', () => {
  it('reads data sources from prior_state, where Terraform writes those it reads while planning', () => {
    const plan = planJson({ planned: [{ address: 'aws_subnet.a', values: { cidr_block: '10.20.1.0/24' } }], unknown: { 'aws_subnet.a': { id: true, vpc_id: true } }, prior: [priorVpc] });
    const run = analyseWorkspace(`${dataConfig}\n//- /w/plan.json\n${plan}\n`);
    // The security group's only egress rule is to the VPC's CIDR, known from the data source: decided.
    assert.equal(render(reachOf(run.result, 'aws_lambda_function.f', 'internet')).split('\n')[0], 'no via - ENI_SG_RULES_MISMATCH');
    const without = analyseWorkspace(dataConfig);
    assert.equal(reachOf(without.result, 'aws_lambda_function.f', 'internet')?.status, 'unknown');
  });

  it('a plan that is older than the code: the code wins where it has a value, and the user is told', () => {
    // The code now says 10.20.7.0/24; the plan (made before the edit) says 10.20.1.0/24 and lists an old subnet.
    const config = dataConfig.replace('cidrsubnet(data.aws_vpc.main.cidr_block, 8, 1)', '"10.20.7.0/24"');
    const plan = planJson({
      planned: [{ address: 'aws_subnet.a', values: { cidr_block: '10.20.1.0/24' } }, { address: 'aws_subnet.legacy', values: { id: 'subnet-0legacy', cidr_block: '10.20.9.0/24' } }],
      prior: [priorVpc],
    });
    const out = readTerraform(tfFixture(`${config}\n//- /w/plan.json\n${plan}\n`).view, {});
    const subnets = subnetCidrs(out);
    // No object for the plan's aws_subnet.legacy: the plan does not add resources the code does not declare.
    assert.deepEqual(subnets, ['aws_subnet.a 10.20.7.0/24']);
    const stale = out.problems.filter((p) => p.code === 'tf-plan-stale').map((p) => `${p.severity} ${p.file}: ${p.message}`);
    assert.equal(stale.length, 1);
    assert.equal(stale[0], 'warning /w/plan.json: The plan /w/plan.json lists 1 resource instance the configuration does not declare (aws_subnet.legacy) and does not list 2 resource instances the configuration declares (aws_security_group.fn, aws_lambda_function.f): it was made from other code or an older version. Its values are used only where its addresses match, and the code wins where both have a value; run terraform plan and terraform show -json again to refresh it.');
  });

  it('a plan of this very code is not reported as stale', () => {
    const plan = planJson({
      planned: ['aws_subnet.a', 'aws_security_group.fn', 'aws_lambda_function.f'].map((address) => ({ address, values: {} })),
      prior: [priorVpc],
    });
    const out = readTerraform(tfFixture(`${dataConfig}\n//- /w/plan.json\n${plan}\n`).view, {});
    assert.deepEqual(out.problems.filter((p) => p.code.startsWith('tf-plan')), []);
  });

  it('a value the plan marks unknown (after_unknown, null in a list) stays unknown, never null', () => {
    const config = `
//- /w/main.tf
provider "aws" { region = "us-east-1" }
variable "extra_subnet" { type = string }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [var.extra_subnet, "subnet-0fixed"]
    security_group_ids = []
  }
}
//- /w/plan.json
${planJson({
  // jsonplan writes null for a list element it does not know; after_unknown marks it.
  planned: [{ address: 'aws_lambda_function.f', values: { function_name: 'f', vpc_config: [{ subnet_ids: [null, 'subnet-0fixed'], security_group_ids: [] }] } }],
  unknown: { 'aws_lambda_function.f': { id: true, vpc_config: [{ subnet_ids: [true, false], vpc_id: true }] } },
})}
`;
    const out = readTerraform(tfFixture(config).view, {});
    const fn = objectsOf(out, 'lambda-function')[0];
    assert.ok(fn && fn.kind === 'lambda-function' && fn.vpcConfig);
    const subnets = fn.vpcConfig.subnets;
    assert.ok(Array.isArray(subnets), 'the list itself is known');
    const first: unknown = subnets[0];
    assert.ok(typeof first === 'object' && first !== null && 'unknown' in first, `expected unknown, got ${JSON.stringify(first)}`);
  });

  it('takes a root variable without default from the plan; .tfvars in the workspace win over it, and it wins over a default', () => {
    const files = (tfvars: string): string => `
//- /w/main.tf
provider "aws" { region = "us-east-1" }
variable "azs" { type = list(string) }
variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}
resource "aws_vpc" "v" { cidr_block = var.cidr }
module "net" {
  source = "./net"
  vpc_id = aws_vpc.v.id
  cidr   = var.cidr
  azs    = var.azs
}
//- /w/net/main.tf
variable "vpc_id" {}
variable "cidr" {}
variable "azs" { type = list(string) }
resource "aws_subnet" "private" {
  for_each          = toset(var.azs)
  vpc_id            = var.vpc_id
  cidr_block        = cidrsubnet(var.cidr, 8, index(var.azs, each.key))
  availability_zone = each.key
}
${tfvars}
//- /w/plan.json
${planJson({ planned: [], variables: { azs: ['us-east-1a', 'us-east-1b'], cidr: '10.30.0.0/16' } })}
`;
    const cidrs = (text: string): string[] => subnetCidrs(readTerraform(tfFixture(text).view, {}));
    // -var cidr=10.30.0.0/16 when planning: the plan's value, not the default.
    assert.deepEqual(cidrs(files('')), ['module.net.aws_subnet.private["us-east-1a"] 10.30.0.0/24', 'module.net.aws_subnet.private["us-east-1b"] 10.30.1.0/24']);
    assert.deepEqual(cidrs(files('//- /w/terraform.tfvars\ncidr = "10.40.0.0/16"\n')), ['module.net.aws_subnet.private["us-east-1a"] 10.40.0.0/24', 'module.net.aws_subnet.private["us-east-1b"] 10.40.1.0/24']);
  });

  it('reads a state (values.root_module) and says when a module that is not installed has resources in it', () => {
    const state = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        outputs: {},
        root_module: {
          ...moduleOf([priorVpc]),
          child_modules: [{ address: 'module.vpc', ...moduleOf([{ address: 'module.vpc.aws_subnet.private[0]', index: 0, values: { id: 'subnet-0p1', cidr_block: '10.0.1.0/24' } }]) }],
        },
      },
    });
    const out = readTerraform(tfFixture(`
//- /w/main.tf
data "aws_vpc" "main" {}
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}
resource "aws_subnet" "s" {
  vpc_id     = data.aws_vpc.main.id
  cidr_block = cidrsubnet(data.aws_vpc.main.cidr_block, 8, 3)
}
//- /w/terraform.tfstate.json
${state}
`).view, {});
    assert.deepEqual(subnetCidrs(out), ['aws_subnet.s 10.20.3.0/24']);
    const note = out.problems.find((p) => p.code === 'tf-module-not-installed');
    assert.match(note?.message ?? '', /\/w\/terraform\.tfstate\.json lists 1 of its resource instances, but resources are modelled from the module's code\.$/);
    // A state does not list what is not created yet: no staleness report for that.
    assert.deepEqual(out.problems.filter((p) => p.code === 'tf-plan-stale'), []);
  });

  it('the plan the user names wins over one found in the folder, whatever the paths', () => {
    const plan = (cidr: string): string => planJson({ planned: [], prior: [{ ...priorVpc, values: { ...priorVpc.values, cidr_block: cidr } }] });
    for (const [named, other] of [['/a-named.json', '/w/plan.json'], ['/z-named.json', '/w/plan.json']] as const) {
      const { view } = tfFixture(`${dataConfig}\n//- ${other}\n${plan('10.20.0.0/16')}\n//- ${named}\n${plan('10.99.0.0/16')}\n`);
      const out = readTerraform(view, { planFile: named });
      assert.deepEqual(subnetCidrs(out), ['aws_subnet.a 10.99.1.0/24'], named);
      const note = out.problems.find((p) => p.code === 'tf-plan-ambiguous');
      assert.equal(note?.message, `More than one plan or state file applies to /w: ${named} is used (the one given with --plan); ${other} is not.`);
    }
  });

  it('a malformed plan or an unsupported format version is a clear problem, not a crash', () => {
    const good = planJson({ planned: [], prior: [priorVpc] });
    for (const [text, expected] of [
      [good.slice(0, 200), /^\/w\/plan\.json looks like Terraform plan JSON but cannot be read: /],
      [good.replace('"format_version": "1.2"', '"format_version": "2.0"'), /^\/w\/plan\.json has format_version 2\.0, which Hyperplane Lens does not read/],
    ] as const) {
      const out = readTerraform(tfFixture(`${dataConfig}\n//- /w/plan.json\n${text}\n`).view, {});
      const problems = out.problems.filter((p) => p.code === 'tf-plan-invalid');
      assert.equal(problems.length, 1);
      assert.match(problems[0]?.message ?? '', expected);
      assert.equal(objectsOf(out, 'subnet').length, 1);
    }
    // Wrong shapes everywhere: read as far as they go.
    const weird = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: 'x', child_modules: [null, 3] } }, resource_changes: { a: 1 }, variables: [1], prior_state: { values: { root_module: { resources: [null, 1, { address: 5 }] } } } });
    const out = readTerraform(tfFixture(`${dataConfig}\n//- /w/plan.json\n${weird}\n`).view, {});
    assert.equal(objectsOf(out, 'subnet').length, 1);
  });

  it('instance keys of a very large count are read from the plan in linear time', () => {
    const n = 100000;
    const text = planJson({ planned: Array.from({ length: n }, (_, i) => ({ address: `aws_s3_object.o[${i}]`, index: i, values: { key: `k${i}` } })) });
    const started = Date.now();
    const plan = readPlan('/w/plan.json', text, () => undefined);
    assert.equal(plan?.instanceKeys('aws_s3_object.o')?.length, n);
    // Searching each key's list before adding took tens of seconds here.
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });
});
