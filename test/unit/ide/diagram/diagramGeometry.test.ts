// Where gateways are drawn: internet gateways, egress-only internet gateways and gateway endpoints straddle
// their VPC's border (in the layout and in the CLI's SVG), paths reach them from inside and leave outward,
// and no two boxes that are not nested overlap — on the examples, on an IPv6 workspace and at 200 functions.

import * as assert from 'node:assert/strict';
import { layoutDiagram, type DiagramLayout } from '../../../../server/src/ide/diagram/diagramLayout';
import { diagramToSvg, escapeXml } from '../../../../server/src/ide/diagram/diagramSvg';
import { applyView, defaultCollapsed } from '../../../../server/src/ide/diagram/diagramView';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { diagramOf, exampleDiagram, idEndingWith, largeDiagram } from './diagramFixtures';
import { borderKinds, contains, geometryProblems, straddles, svgBoxes, type GeometryNode } from './diagramGeometry';
import { association, route, routeTable, securityGroup } from '../../support/terraformPieces';

const nodesOf = (layout: DiagramLayout): GeometryNode[] => layout.nodes.map((n) => ({ id: n.id, kind: n.node.kind, parent: n.node.parent, x: n.x, y: n.y, width: n.width, height: n.height }));

/** A dual-stack VPC: IPv4 out through an internet gateway, IPv6 through an egress-only one, S3 through a gateway endpoint. */
const ipv6Workspace = `
resource "aws_vpc" "v6" {
  cidr_block                       = "10.9.0.0/16"
  ipv6_cidr_block                  = "2600:1f18:1::/56"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v6.id
}
resource "aws_egress_only_internet_gateway" "eigw" {
  vpc_id = aws_vpc.v6.id
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v6.id
  cidr_block        = "10.9.1.0/24"
  ipv6_cidr_block   = "2600:1f18:1:1::/64"
  availability_zone = "eu-west-1a"
}
${routeTable('a', { vpc: 'v6', routes: [route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.igw.id'), route('::/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id')] })}\
${association('a', 'a')}\
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v6.id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.a.id]
}
${securityGroup('fn', 'dual-stack', 'v6')}\
resource "aws_lambda_function" "dual" {
  function_name = "dual"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "f.zip"
  vpc_config {
    subnet_ids                  = [aws_subnet.a.id]
    security_group_ids          = [aws_security_group.fn.id]
    ipv6_allowed_for_dual_stack = true
  }
}
`;

/** Every border-kind node of `model` whose parent is a VPC, with that VPC. */
function borderNodes(model: DiagramModel): { id: string; kind: string; vpc: string }[] {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  return model.nodes.filter((n) => borderKinds.includes(n.kind) && n.parent !== null && byId.get(n.parent)?.kind === 'vpc').map((n) => ({ id: n.id, kind: n.kind, vpc: n.parent ?? '' }));
}

async function checkLayout(model: DiagramModel, collapsed: readonly string[] = []): Promise<DiagramLayout> {
  const layout = await layoutDiagram(applyView(model, { collapsed }));
  assert.deepEqual(geometryProblems(nodesOf(layout)), []);
  return layout;
}

describe('diagram gateways on the VPC border', () => {
  const examples = exampleDiagram();

  it('draws every internet gateway and gateway endpoint of the examples across its VPC border, nothing overlapping', async () => {
    const layout = await checkLayout(examples);
    const border = borderNodes(examples);
    assert.deepEqual(border.map((b) => b.kind).sort(), ['gateway-endpoint', 'gateway-endpoint', 'gateway-endpoint', 'internet-gateway']);
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const b of border) {
      const g = box.get(b.id);
      const vpc = box.get(b.vpc);
      assert.ok(g && vpc && straddles(g, vpc), `${b.id} straddles ${b.vpc}`);
      // Centred on the right edge: the paths leave the VPC that way (left to right).
      assert.ok(Math.abs(g.x + g.width / 2 - (vpc.x + vpc.width)) < 1, `${b.id} is centred on the right edge of ${b.vpc}`);
      assert.ok(g.onBorder);
    }
  });

  it('routes paths into a gateway from inside the VPC and out of it to the destination, ending on its border', async () => {
    const layout = await checkLayout(examples);
    const box = new Map(layout.nodes.map((n) => [n.id, n]));
    const igw = idEndingWith(examples, 'aws_internet_gateway.main');
    const vpc = box.get(idEndingWith(examples, 'aws_vpc.main'));
    const g = box.get(igw);
    assert.ok(g && vpc);
    const into = layout.edges.filter((e) => e.target === igw);
    const out = layout.edges.filter((e) => e.source === igw);
    assert.deepEqual(into.map((e) => box.get(e.source)?.node.kind), ['nat-gateway']);
    assert.deepEqual(out.map((e) => box.get(e.target)?.node.label).sort(), ['Amazon DynamoDB', 'Internet']);
    for (const e of into) {
      const start = e.points[0];
      const end = e.points[e.points.length - 1];
      assert.ok(start && contains(vpc, { x: start.x, y: start.y, width: 0, height: 0 }), 'the NAT → IGW line starts inside the VPC');
      assert.ok(end && Math.abs(end.x - g.x) < 0.5 && end.y > g.y && end.y < g.y + g.height, `the arrow ends on the gateway's left side, at ${JSON.stringify(end)}`);
    }
    for (const e of out) {
      const start = e.points[0];
      assert.ok(start && Math.abs(start.x - (g.x + g.width)) < 0.5, `the line leaves from the gateway's right side, at ${JSON.stringify(start)}`);
    }
  });

  it('puts the egress-only internet gateway on the border too (dual-stack VPC)', async () => {
    const model = diagramOf(new Map([['/ws/main.tf', ipv6Workspace]]));
    assert.deepEqual(borderNodes(model).map((b) => b.kind).sort(), ['egress-only-internet-gateway', 'gateway-endpoint', 'internet-gateway']);
    const layout = await checkLayout(model);
    const eigw = idEndingWith(model, 'aws_egress_only_internet_gateway.eigw');
    assert.ok(layout.edges.some((e) => e.target === eigw) && layout.edges.some((e) => e.source === eigw && e.target === 'internet'), 'the IPv6 path runs through the egress-only gateway');
  });

  it('keeps a VPC that holds nothing but gateways a box with the gateways on its border', async () => {
    const model = diagramOf(new Map([['/ws/main.tf', ipv6Workspace.replace(/resource "aws_subnet"[\s\S]*$/, '')]]));
    assert.equal(model.nodes.filter((n) => n.kind === 'subnet').length, 0);
    await checkLayout(model);
    // Subnets but no function: gateways with no line through them still sit apart on the border.
    await checkLayout(diagramOf(new Map([['/ws/main.tf', ipv6Workspace.replace(/resource "aws_lambda_function"[\s\S]*$/, '')]])));
  });

  it('writes the same geometry into the CLI SVG', async () => {
    for (const model of [examples, diagramOf(new Map([['/ws/main.tf', ipv6Workspace]]))]) {
      const svg = await diagramToSvg(model);
      const boxes = svgBoxes(svg);
      assert.equal(boxes.size, model.nodes.length);
      const nodes: GeometryNode[] = model.nodes.map((n) => {
        const b = boxes.get(n.id);
        assert.ok(b, `no box for ${escapeXml(n.id)}`);
        return { id: n.id, kind: n.kind, parent: n.parent, x: b.x, y: b.y, width: b.width, height: b.height };
      });
      assert.deepEqual(geometryProblems(nodes), []);
      for (const b of borderNodes(model)) {
        const g = boxes.get(b.id);
        const vpc = boxes.get(b.vpc);
        assert.ok(g && vpc && straddles(g, vpc), `${b.id} straddles ${b.vpc} in the SVG`);
      }
    }
  });

  it('keeps the gateways on the border with AZs collapsed, and folds them into a collapsed VPC', async () => {
    const azs = examples.nodes.filter((n) => n.kind === 'az').map((n) => n.id);
    await checkLayout(examples, azs);
    const vpc = idEndingWith(examples, 'aws_vpc.main');
    const layout = await checkLayout(examples, [vpc]);
    assert.ok(!layout.nodes.some((n) => n.id === idEndingWith(examples, 'aws_internet_gateway.main')));
    assert.ok(layout.edges.some((e) => e.source === vpc && e.target === 'internet'));
  });

  it('lays out 200 functions in their default view with the gateways on the borders', async function () {
    this.timeout(60_000);
    const big = largeDiagram(200, 3);
    await checkLayout(big, defaultCollapsed(big));
  });
});
