// Diagram view, layout and SVG export: filters and collapsing, a deterministic elk layout whose boxes nest
// like the data, the string renderer's escaping, the HTML page's embedding, and a 200-function workspace.

import * as assert from 'node:assert/strict';
import { diagramHtml, jsonForHtml } from '../../../../server/src/ide/diagram/diagramHtml';
import { layoutDiagram, type DiagramLayout } from '../../../../server/src/ide/diagram/diagramLayout';
import { diagramToSvg } from '../../../../server/src/ide/diagram/diagramSvg';
import { applyView, defaultCollapsed, layoutBudget, viewCost } from '../../../../server/src/ide/diagram/diagramView';
import { exampleDiagram, hostileDiagram, hostileName, idEndingWith, largeDiagram } from './diagramFixtures';
import { geometryProblems } from './diagramGeometry';

function inside(layout: DiagramLayout): string[] {
  return geometryProblems(layout.nodes.map((n) => ({ id: n.id, kind: n.node.kind, parent: n.node.parent, x: n.x, y: n.y, width: n.width, height: n.height })));
}

describe('diagram view and layout', () => {
  const model = exampleDiagram();

  it('lays out deterministically, every box inside its container', async () => {
    const a = await layoutDiagram(applyView(model, {}));
    const b = await layoutDiagram(applyView(model, {}));
    assert.deepEqual(a, b);
    assert.deepEqual(inside(a), []);
    assert.equal(a.nodes.length, model.nodes.length);
    // Left to right: functions, then the customer VPCs, then the internet.
    const x = (suffix: string): number => a.nodes.find((n) => n.id.endsWith(suffix))?.x ?? NaN;
    assert.ok(x('aws_lambda_function.orders') < x('aws_vpc.main') && x('aws_vpc.main') < x('internet'));
    for (const e of a.edges) assert.ok(e.points.length >= 2, `${e.id} has no route`);
  });

  it('merges path edges between the same two boxes into one line, blocked ends apart', async () => {
    const layout = await layoutDiagram(applyView(model, {}));
    const natToIgw = layout.edges.filter((e) => e.source.endsWith('aws_nat_gateway.main') && e.target.endsWith('aws_internet_gateway.main'));
    assert.equal(natToIgw.length, 1);
    assert.ok((natToIgw[0]?.members.length ?? 0) >= 4);
    const appB = model.nodes.find((n) => n.kind === 'hyperplane-eni' && n.parent === idEndingWith(model, 'aws_subnet.app_b'));
    assert.ok(layout.edges.some((e) => e.source === appB?.id && e.target === 'internet' && e.blocked));
  });

  it('collapses an AZ into one box and reroutes its edges to it', () => {
    const az = idEndingWith(model, 'aws_vpc.main#az:eu-west-1a');
    const viewed = applyView(model, { collapsed: [az] });
    const box = viewed.nodes.find((n) => n.id === az);
    assert.equal(box?.hidden, 7); // 3 subnets, 2 ENIs, the NAT gateway, the DB instance
    assert.ok(!viewed.nodes.some((n) => n.id === idEndingWith(model, 'aws_subnet.app_a')));
    assert.ok(viewed.edges.some((e) => e.target === az && e.kind === 'eni-link'));
    assert.deepEqual(viewed.edges.filter((e) => e.source === e.target), []);
  });

  it('filters to one function or one VPC', () => {
    const orders = idEndingWith(model, 'aws_lambda_function.orders');
    const one = applyView(model, { function: orders });
    assert.deepEqual(one.nodes.filter((n) => n.kind === 'function').map((n) => n.label), ['aws_lambda_function.orders']);
    assert.ok(!one.nodes.some((n) => n.label === 'Vpc'));
    const sam = applyView(model, { vpc: idEndingWith(model, '::Vpc') });
    assert.deepEqual(sam.nodes.filter((n) => n.kind === 'function').map((n) => n.label), ['InventoryFunction']);
    assert.ok(!sam.nodes.some((n) => n.label === 'aws_vpc.main'));
  });

  it('stays usable at 200 functions: opens as an overview within the layout budget, and a filter opens its part', async function () {
    this.timeout(60_000);
    const big = largeDiagram(200, 3);
    assert.ok(viewCost(applyView(big, {})) > layoutBudget);
    const collapsed = defaultCollapsed(big);
    // 200 functions are folded (more than overviewFunctions); the VPCs then fit the budget with their AZs folded.
    assert.deepEqual([...new Set(collapsed.map((id) => big.nodes.find((n) => n.id === id)?.kind))].sort(), ['az', 'lambda-service-vpc']);
    const viewed = applyView(big, { collapsed });
    assert.ok(viewCost(viewed) <= layoutBudget);
    const layout = await layoutDiagram(viewed);
    assert.deepEqual(inside(layout), []);
    // One function: everything of it drawn. One VPC: only as much folded as its own size needs.
    assert.deepEqual(defaultCollapsed(big, { function: 'fn7' }), []);
    const oneVpc = defaultCollapsed(big, { vpc: 'vpc1' });
    assert.deepEqual([...new Set(oneVpc.map((id) => big.nodes.find((n) => n.id === id)?.kind))], ['az']);
    assert.ok(viewCost(applyView(big, { vpc: 'vpc1', collapsed: oneVpc })) <= layoutBudget);
  });

});

describe('diagram exports', () => {
  it('escapes hostile names in the SVG string', async () => {
    const svg = await diagramToSvg(hostileDiagram());
    assert.ok(!svg.includes('<img'), 'markup from a name leaked into the SVG');
    assert.ok(!svg.includes('<script'), 'markup from a detail leaked into the SVG');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="hl-diagram"/);
  });

  it('embeds the diagram in the HTML page as inert JSON that cannot close its element', () => {
    const model = hostileDiagram();
    const json = jsonForHtml(model);
    assert.ok(!json.includes('<'));
    assert.deepEqual(JSON.parse(json), model);
    const html = diagramHtml(model, 'console.log("</script>")\n//# sourceMappingURL=webview.js.map\n', 'bm9uY2U=');
    assert.equal(html.match(/<\/script>/g)?.length, 2);
    assert.ok(!html.includes(hostileName));
    assert.ok(!html.includes('sourceMappingURL'));
    assert.match(html, /content="default-src 'none'; script-src 'nonce-bm9uY2U='; style-src 'nonce-bm9uY2U='; img-src data: blob:; worker-src blob:"/);
  });
});
