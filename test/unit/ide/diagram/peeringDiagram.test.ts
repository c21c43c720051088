// VPC peering connections in the picture (P10): a box on the requester VPC's border with a line to the peer
// VPC, the function's path to a database in the peer VPC drawn through it, "pending acceptance" while the
// request waits; laid out with nothing overlapping and every label fitting its box.

import * as assert from 'node:assert/strict';
import { layoutDiagram } from '../../../../server/src/ide/diagram/diagramLayout';
import { buildScene } from '../../../../server/src/ide/diagram/diagramScene';
import { diagramToSvg } from '../../../../server/src/ide/diagram/diagramSvg';
import { applyView } from '../../../../server/src/ide/diagram/diagramView';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { diagramOf, idEndingWith } from './diagramFixtures';
import { geometryProblems, overflowingTexts, straddles, svgBoxes } from './diagramGeometry';
import { association, route, routeTable, securityGroup, securityGroupRules, subnet } from '../../support/terraformPieces';

/** Two peered VPCs: a function in `app` reaches PostgreSQL in `data` over the peering connection. */
function peeredWorkspace(acceptance: string): string {
  return `
resource "aws_vpc" "app" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "data" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_vpc_peering_connection" "app_data" {
  vpc_id      = aws_vpc.app.id
  peer_vpc_id = aws_vpc.data.id
${acceptance}
}
${subnet('app', { cidr: '10.0.1.0/24', az: 'eu-west-1a', vpc: 'app' })}\
${routeTable('app', { vpc: 'app', routes: route('10.1.0.0/16', 'vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id') })}\
${association('app', 'app')}\
${subnet('data_a', { cidr: '10.1.1.0/24', az: 'eu-west-1a', vpc: 'data' })}\
${subnet('data_b', { cidr: '10.1.2.0/24', az: 'eu-west-1b', vpc: 'data' })}\
${routeTable('data', { vpc: 'data', routes: route('10.0.0.0/16', 'vpc_peering_connection_id = aws_vpc_peering_connection.app_data.id') })}\
${association('data_a', 'data')}\
${association('data_b', 'data')}\
${securityGroup('fn', 'all', 'app')}\
${securityGroupRules('db', { vpc: 'data', ingress: [{ port: 5432, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_db_subnet_group" "data" {
  subnet_ids = [aws_subnet.data_a.id, aws_subnet.data_b.id]
}
resource "aws_db_instance" "orders" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  db_subnet_group_name   = aws_db_subnet_group.data.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "f.zip"
  environment {
    variables = {
      DB_HOST = aws_db_instance.orders.address
    }
  }
  vpc_config {
    subnet_ids         = [aws_subnet.app.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;
}

const accepted = (): DiagramModel => diagramOf(new Map([['/ws/main.tf', peeredWorkspace('  auto_accept = true')]]));

describe('diagram VPC peering connections', () => {
  it('puts the peering connection on the requester VPC with a line to the peer VPC', () => {
    const model = accepted();
    const pcx = model.nodes.find((n) => n.kind === 'vpc-peering');
    assert.ok(pcx, 'a vpc-peering node');
    assert.equal(pcx.label, 'aws_vpc_peering_connection.app_data');
    assert.equal(pcx.detail, undefined);
    assert.equal(pcx.parent, idEndingWith(model, 'aws_vpc.app'));
    assert.deepEqual(
      model.edges.filter((e) => e.kind === 'peering').map((e) => [e.source, e.target]),
      [[pcx.id, idEndingWith(model, 'aws_vpc.data')]],
    );
  });

  it("draws the function's path to the database in the peer VPC through the peering connection", () => {
    const model = accepted();
    const fn = idEndingWith(model, 'aws_lambda_function.api');
    const db = idEndingWith(model, 'aws_db_instance.orders');
    const destination = model.edges.find((e) => e.kind === 'path' && e.functionId === fn && e.target === db)?.destination;
    assert.equal(model.functions[0]?.reach[destination ?? ''], 'yes');
    const hops = model.edges.filter((e) => e.kind === 'path' && e.destination === destination);
    const kindOf = new Map(model.nodes.map((n) => [n.id, n.kind]));
    assert.deepEqual(hops.map((e) => `${kindOf.get(e.source)} -> ${kindOf.get(e.target)} ${e.status}`), ['function -> hyperplane-eni yes', 'hyperplane-eni -> vpc-peering yes', 'vpc-peering -> target yes']);
  });

  it('labels a connection nothing accepts "pending acceptance"; the blocked path stops before it', () => {
    const model = diagramOf(new Map([['/ws/main.tf', peeredWorkspace('')]]));
    const pcx = model.nodes.find((n) => n.kind === 'vpc-peering');
    assert.equal(pcx?.detail, 'pending acceptance');
    assert.ok(pcx.facts.some((f) => f.startsWith('pending acceptance: ')));
    const db = idEndingWith(model, 'aws_db_instance.orders');
    const destination = model.edges.find((e) => e.kind === 'path' && e.target === db)?.destination;
    const hops = model.edges.filter((e) => e.kind === 'path' && e.destination === destination);
    const kindOf = new Map(model.nodes.map((n) => [n.id, n.kind]));
    assert.deepEqual(hops.map((e) => `${kindOf.get(e.source)} -> ${kindOf.get(e.target)} ${e.status}`), ['function -> hyperplane-eni yes', 'hyperplane-eni -> target no']);
    assert.match(hops.at(-1)?.note ?? '', /aws_vpc_peering_connection\.app_data/);
  });

  for (const [name, text] of [['accepted', '  auto_accept = true'], ['pending', '']] as const) {
    it(`lays the ${name} connection out across the requester VPC's border, nothing overlapping, every label fitting`, async () => {
      const model = diagramOf(new Map([['/ws/main.tf', peeredWorkspace(text)]]));
      const layout = await layoutDiagram(applyView(model, {}));
      assert.deepEqual(geometryProblems(layout.nodes.map((n) => ({ id: n.id, kind: n.node.kind, parent: n.node.parent, x: n.x, y: n.y, width: n.width, height: n.height }))), []);
      assert.deepEqual(overflowingTexts(buildScene(layout, { titles: false })), []);
      const box = new Map(layout.nodes.map((n) => [n.id, n]));
      const pcx = model.nodes.find((n) => n.kind === 'vpc-peering')?.id ?? '';
      const g = box.get(pcx);
      const vpc = box.get(idEndingWith(model, 'aws_vpc.app'));
      assert.ok(g && vpc && g.onBorder && straddles(g, vpc), 'the peering connection straddles the requester VPC');
      assert.ok(layout.edges.some((e) => e.kind === 'peering' && e.source === pcx && e.points.length >= 2), 'a drawn line to the peer VPC');
      const svg = await diagramToSvg(model);
      const drawn = svgBoxes(svg).get(pcx);
      assert.ok(drawn && /kind-vpc-peering/.test(drawn.classes) && svg.includes('>PCX<'), 'the SVG draws the box with its PCX badge');
    });
  }
});
