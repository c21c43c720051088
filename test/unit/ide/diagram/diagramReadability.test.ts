// What a user sees in the picture, as geometry: lines into one box end in one arrowhead per kind (no wedge of
// stacked arrowheads), boxes no line touches sit in rows (no VPC many times taller than its contents), a
// column of functions lines up, every label fits its box, no line runs through a box it does not connect,
// Terraform's AZ picks read as the Region's AZs, and a big workspace opens as a readable overview.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { layoutDiagram, type DiagramLayout } from '../../../../server/src/ide/diagram/diagramLayout';
import { buildScene } from '../../../../server/src/ide/diagram/diagramScene';
import { applyView, defaultCollapsed, overviewFunctions } from '../../../../server/src/ide/diagram/diagramView';
import type { DiagramEdge, DiagramModel, DiagramNode } from '../../../../server/src/protocol/diagram';
import { diagramOf, exampleDiagram, idEndingWith, largeDiagram, repoRoot } from './diagramFixtures';
import { crossingProblems, endProblems, geometryProblems, overflowingTexts, type GeometryLine, type GeometryNode } from './diagramGeometry';

const nodesOf = (layout: DiagramLayout): GeometryNode[] => layout.nodes.map((n) => ({ id: n.id, kind: n.node.kind, parent: n.node.parent, x: n.x, y: n.y, width: n.width, height: n.height }));
const linesOf = (layout: DiagramLayout): GeometryLine[] => layout.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, group: e.kind === 'eni-link' ? 'eni-link' : e.blocked ? 'blocked' : 'path', points: e.points }));

/**
 * `functions` functions sharing one Hyperplane ENI (H1: same subnet and security groups), each reaching the
 * internet and blocked from S3, in a VPC that also holds `idle` interface endpoints no path uses.
 */
function fanDiagram(functions: number, idle: number): DiagramModel {
  const nodes: DiagramNode[] = [
    { id: 'aws-cloud', kind: 'cloud', label: 'AWS Cloud', parent: null, facts: [] },
    { id: 'region', kind: 'region', label: 'eu-west-1', parent: 'aws-cloud', facts: [] },
    { id: 'lambda-service-vpc', kind: 'lambda-service-vpc', label: 'Lambda service VPC (AWS-managed)', parent: 'region', facts: [] },
    { id: 'internet', kind: 'internet', label: 'Internet', parent: null, facts: [] },
    { id: 'service:s3', kind: 'aws-service', label: 'Amazon S3', parent: 'region', facts: [] },
    { id: 'vpc', kind: 'vpc', label: 'aws_vpc.main', detail: '10.0.0.0/16', parent: 'region', facts: [] },
    { id: 'igw', kind: 'internet-gateway', label: 'aws_internet_gateway.main', parent: 'vpc', facts: [] },
    { id: 'az', kind: 'az', label: 'eu-west-1a', parent: 'vpc', facts: [] },
    { id: 'sub', kind: 'subnet', label: 'aws_subnet.app', detail: '10.0.1.0/24', subnetClass: 'private', parent: 'az', facts: [] },
    { id: 'pub', kind: 'subnet', label: 'aws_subnet.public', detail: '10.0.0.0/24', subnetClass: 'public', parent: 'az', facts: [] },
    { id: 'nat', kind: 'nat-gateway', label: 'aws_nat_gateway.main', parent: 'pub', facts: [] },
    { id: 'eni', kind: 'hyperplane-eni', label: 'Hyperplane ENI', detail: 'sg-app', parent: 'sub', facts: [] },
  ];
  for (let i = 0; i < idle; i++) nodes.push({ id: `vpce${i}`, kind: 'interface-endpoint', label: `aws_vpc_endpoint.service_${i}`, detail: `service${i}`, parent: 'vpc', facts: [] });
  const edges: DiagramEdge[] = [];
  for (let i = 0; i < functions; i++) {
    const fn = `fn${i}`;
    nodes.push({ id: fn, kind: 'function', label: `aws_lambda_function.${'f'.repeat(1 + (i % 9))}${i}`, parent: 'lambda-service-vpc', facts: [] });
    edges.push({ id: `${fn}->eni`, source: fn, target: 'eni', kind: 'eni-link' });
    const path = (id: string, source: string, target: string, destination: string, status: 'yes' | 'no'): DiagramEdge => ({ id: `${fn}:${id}`, source, target, kind: 'path', functionId: fn, destination, status, subnet: 'sub' });
    edges.push(path('i0', 'eni', 'nat', 'internet', 'yes'), path('i1', 'nat', 'igw', 'internet', 'yes'), path('i2', 'igw', 'internet', 'internet', 'yes'));
    edges.push(path('s0', 'eni', 'service:s3', 's3', 'no'));
  }
  return { version: 1, nodes, edges, functions: nodes.filter((n) => n.kind === 'function').map((n) => ({ id: n.id, label: n.label, reach: { internet: 'yes', s3: 'no' } })) };
}

async function check(model: DiagramModel, collapsed: readonly string[] = []): Promise<DiagramLayout> {
  const layout = await layoutDiagram(applyView(model, { collapsed }));
  assert.deepEqual(geometryProblems(nodesOf(layout)), []);
  assert.deepEqual(endProblems(linesOf(layout)), []);
  assert.deepEqual(overflowingTexts(buildScene(layout, { titles: false })), []);
  return layout;
}

describe('diagram readability', () => {
  it('ends the lines into one box in one arrowhead per kind, the kinds apart (examples, 14 functions on one ENI)', async () => {
    await check(exampleDiagram());
    const layout = await check(fanDiagram(14, 0));
    const into = layout.edges.filter((e) => e.target === 'eni');
    assert.equal(into.length, 14);
    assert.equal(new Set(into.map((e) => JSON.stringify(e.points.at(-1)))).size, 1, 'the 14 ENI links end at one point');
    for (const e of layout.edges) {
      for (let i = 0; i + 1 < e.points.length; i++) {
        const p = e.points[i];
        const q = e.points[i + 1];
        assert.ok(p && q && (Math.abs(p.x - q.x) < 0.5 || Math.abs(p.y - q.y) < 0.5), `${e.id} has a slanted segment`);
      }
    }
    // The lines leaving one function start together too.
    const starts = layout.edges.filter((e) => e.source === 'eni');
    assert.ok(starts.length >= 2);
    assert.equal(new Set(starts.map((e) => JSON.stringify(e.points[0]))).size, 1, 'the lines leaving the ENI start at one point');
  });

  it('keeps ENIs in their subnets and lines out of boxes they do not connect', async () => {
    // examples/terraform alone: ELK ran two lines just past Amazon DynamoDB and the S3 endpoint, and joining
    // their ends at one point had slid them through those boxes.
    const terraform = path.join(repoRoot(), 'examples', 'terraform');
    const terraformOnly = diagramOf(new Map(readdirSync(terraform).map((f) => [path.join(terraform, f), readFileSync(path.join(terraform, f), 'utf8')])));
    for (const model of [exampleDiagram(), terraformOnly, fanDiagram(14, 6)]) {
      const layout = await check(model);
      const leaves = nodesOf(layout).filter((n) => !layout.nodes.find((p) => p.id === n.id)?.container);
      assert.deepEqual(crossingProblems(linesOf(layout), leaves), []);
      const box = new Map(layout.nodes.map((n) => [n.id, n]));
      for (const eni of layout.nodes.filter((n) => n.node.kind === 'hyperplane-eni')) {
        const subnet = eni.node.parent === null ? undefined : box.get(eni.node.parent);
        assert.equal(subnet?.node.kind, 'subnet');
        assert.ok(subnet && eni.x >= subnet.x && eni.y >= subnet.y && eni.x + eni.width <= subnet.x + subnet.width && eni.y + eni.height <= subnet.y + subnet.height, `${eni.id} is inside its subnet`);
      }
    }
  });

  it('lays boxes no line touches out in rows, not in one column that stretches their VPC', async () => {
    const layout = await check(fanDiagram(3, 20));
    const idle = layout.nodes.filter((n) => n.node.kind === 'interface-endpoint');
    assert.equal(idle.length, 20);
    const columns = new Set(idle.map((n) => Math.round(n.x)));
    const rows = new Set(idle.map((n) => Math.round(n.y)));
    assert.ok(columns.size >= 3 && rows.size <= 7, `20 endpoints in ${columns.size} columns and ${rows.size} rows`);
    const vpc = layout.nodes.find((n) => n.id === 'vpc');
    assert.ok(vpc && vpc.height < vpc.width, `the VPC is ${vpc?.width} × ${vpc?.height}`);
  });

  it('lines up a column of functions: one width, one left edge', async () => {
    const layout = await check(fanDiagram(6, 0));
    const fns = layout.nodes.filter((n) => n.node.kind === 'function');
    assert.equal(new Set(fns.map((n) => n.width)).size, 1);
    assert.equal(new Set(fns.map((n) => n.x)).size, 1);
  });

  it('shows a collapsed box its whole subtitle, hidden count included', async () => {
    const big = largeDiagram(60, 3);
    const layout = await check(big, ['vpc0', 'vpc1', 'vpc2']);
    const scene = JSON.stringify(buildScene(layout, { titles: false }));
    for (const vpc of ['vpc0', 'vpc1', 'vpc2']) assert.ok(layout.nodes.some((n) => n.id === vpc && n.node.hidden !== undefined));
    assert.match(scene, /"text":"\d+ hidden"/);
    assert.ok(!/hid…|hidde…/.test(scene), 'a hidden count was cut');
  });

  it('opens a workspace with more than overviewFunctions functions with the functions folded', () => {
    const many = largeDiagram(overviewFunctions + 5, 3);
    const kinds = (ids: readonly string[]): string[] => [...new Set(ids.map((id) => many.nodes.find((n) => n.id === id)?.kind ?? ''))].sort();
    // The three VPCs open with their AZs folded fit the budget once the functions are folded.
    assert.deepEqual(kinds(defaultCollapsed(many)), ['az', 'lambda-service-vpc']);
    const few = largeDiagram(overviewFunctions - 10, 3);
    assert.ok(!defaultCollapsed(few).some((id) => id === 'lambda-service-vpc'), 'a few functions stay listed');
    // One function or one VPC's functions: nothing about the overview applies.
    assert.ok(!defaultCollapsed(many, { function: 'fn3' }).includes('lambda-service-vpc'));
  });

  it("names a subnet's AZ picked from data.aws_availability_zones as the Region's AZ", () => {
    const model = diagramOf(
      new Map([
        [
          '/ws/main.tf',
          `
data "aws_availability_zones" "available" {
  state = "available"
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.available.names[0]
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = data.aws_availability_zones.available.names[1]
}
`,
        ],
      ]),
    );
    const az = (subnet: string): string | undefined => {
      const parent = model.nodes.find((n) => n.id === idEndingWith(model, subnet))?.parent;
      return model.nodes.find((n) => n.id === parent)?.label;
    };
    assert.equal(az('aws_subnet.a'), 'AZ 1 of the Region');
    assert.equal(az('aws_subnet.b'), 'AZ 2 of the Region');
  });
});
