// An unknown count or for_each whose instances a plan lists: the instances are modelled from the plan, so the
// "instances are not modelled" information is not reported; without the plan it still is.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfFixture } from './tfFixture';

const CONFIG = `
//- /w/main.tf
data "aws_vpc" "shared" { tags = { Name = "shared" } }
variable "n" {}
resource "aws_subnet" "app" {
  count      = var.n
  vpc_id     = data.aws_vpc.shared.id
  cidr_block = cidrsubnet(data.aws_vpc.shared.cidr_block, 8, count.index)
}
module "m" {
  for_each = var.names
  source   = "./m"
}
variable "names" {}
//- /w/m/main.tf
resource "aws_sqs_queue" "q" {}
`;

const PLAN = JSON.stringify({
  format_version: '1.2',
  planned_values: {
    root_module: {
      resources: [
        { address: 'aws_subnet.app[0]', mode: 'managed', type: 'aws_subnet', name: 'app', index: 0, values: { cidr_block: '10.7.0.0/24', vpc_id: 'vpc-1' } },
        { address: 'data.aws_vpc.shared', mode: 'data', type: 'aws_vpc', name: 'shared', values: { id: 'vpc-1', cidr_block: '10.7.0.0/16' } },
      ],
      child_modules: [{ address: 'module.m["a"]', resources: [{ address: 'module.m["a"].aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', values: { name: 'qa' } }] }],
    },
  },
});

function read(withPlan: boolean): { subnets: string[]; queues: string[]; unknownCounts: string[] } {
  const out = readTerraform(tfFixture(withPlan ? `${CONFIG}//- /w/plan.json\n${PLAN}\n` : CONFIG).view, { region: 'us-east-1' });
  return {
    subnets: out.objects.filter((o) => o.kind === 'subnet').map((o) => o.address),
    queues: out.objects.filter((o) => o.kind === 'service-resource').map((o) => o.address),
    unknownCounts: out.problems.filter((p) => p.code === 'tf-unknown-count').map((p) => p.message),
  };
}

describe('instances listed by a plan (Terraform)', () => {
  it('models them and does not report the count as unmodelled', () => {
    const planned = read(true);
    assert.deepEqual(planned.subnets, ['aws_subnet.app[0]']);
    assert.deepEqual(planned.queues, ['module.m["a"].aws_sqs_queue.q']);
    assert.deepEqual(planned.unknownCounts, []);
  });

  it('still reports an unknown count without the plan', () => {
    const bare = read(false);
    assert.deepEqual(bare.subnets, []);
    assert.equal(bare.unknownCounts.length, 2);
    assert.match(bare.unknownCounts.join('\n'), /The count of aws_subnet\.app is not known statically .*; its instances are not modelled\./);
  });
});
