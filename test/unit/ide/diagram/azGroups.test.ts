// Subnets share an AZ box only when the model says they share the AZ: workload discovery's four subnets
// (two AZs, picked from a Region-keyed mapping the files cannot resolve) were drawn in one "AZ unknown" box,
// which reads as single-AZ. AZs picked from the Region's list by index still group by that index.

import * as assert from 'node:assert/strict';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { corpusDiagram } from './corpusDiagrams';
import { diagramOf } from './diagramFixtures';
import { subnet } from '../../support/terraformPieces';

/** AZ label → the labels of the subnets drawn in it. */
function azBoxes(model: DiagramModel): Map<string, string[]> {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const n of model.nodes) {
    if (n.kind !== 'subnet' || n.parent === null) continue;
    const az = byId.get(n.parent);
    assert.equal(az?.kind, 'az');
    out.set(az.label, [...(out.get(az.label) ?? []), n.label].sort());
  }
  return out;
}

describe('diagram AZ boxes', function () {
  this.timeout(60_000);

  it('workload discovery: four subnets whose AZs nothing identifies get four boxes, never one', async () => {
    const { model } = await corpusDiagram('workload-discovery-on-aws/cfn-templates');
    const boxes = azBoxes(model);
    assert.deepEqual(
      [...boxes.entries()].sort(),
      [
        ['AZ unknown (PrivateSubnet0)', ['VpcStack/PrivateSubnet0']],
        ['AZ unknown (PrivateSubnet1)', ['VpcStack/PrivateSubnet1']],
        ['AZ unknown (PublicSubnet0)', ['VpcStack/PublicSubnet0']],
        ['AZ unknown (PublicSubnet1)', ['VpcStack/PublicSubnet1']],
      ],
    );
    const az = model.nodes.find((n) => n.kind === 'az');
    assert.match(az?.facts.join('\n') ?? '', /Availability Zone is unknown: the Region is chosen at deploy time/);
  });

  it('subnets picked from the Region\'s AZ list by the same index share a box; known names group by name', () => {
    const files = new Map([
      [
        '/w/main.tf',
        `provider "aws" { region = "eu-west-1" }
data "aws_availability_zones" "all" {}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a1" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.all.names[0]
}
resource "aws_subnet" "a2" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = data.aws_availability_zones.all.names[0]
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.3.0/24"
  availability_zone = data.aws_availability_zones.all.names[1]
}
${subnet('c', { cidr: '10.0.4.0/24', az: 'eu-west-1c' })}\
${subnet('d', { cidr: '10.0.5.0/24', az: 'eu-west-1c' })}\
`,
      ],
    ]);
    assert.deepEqual(
      [...azBoxes(diagramOf(files)).entries()].sort(),
      [
        ['AZ 1 of the Region', ['aws_subnet.a1', 'aws_subnet.a2']],
        ['AZ 2 of the Region', ['aws_subnet.b']],
        ['eu-west-1c', ['aws_subnet.c', 'aws_subnet.d']],
      ],
    );
  });
});
