// Diagram view, layout and SVG export: filters and collapsing, a deterministic elk layout whose boxes nest
// like the data, the string renderer's escaping, the HTML page's embedding, and a 200-function workspace.

import * as assert from 'node:assert/strict';
import { diagramHtml, jsonForHtml } from '../../../../server/src/ide/diagram/diagramHtml';
import { layoutDiagram, type DiagramLayout } from '../../../../server/src/ide/diagram/diagramLayout';
import { diagramToSvg } from '../../../../server/src/ide/diagram/diagramSvg';
import { applyView, defaultCollapsed } from '../../../../server/src/ide/diagram/diagramView';
import type { DiagramEdge, DiagramModel, DiagramNode } from '../../../../server/src/protocol/diagram';
import { exampleDiagram, hostileDiagram, hostileName, idEndingWith } from './diagramFixtures';

function inside(layout: DiagramLayout): string[] {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const problems: string[] = [];
  for (const n of layout.nodes) {
    const p = n.node.parent === null ? undefined : byId.get(n.node.parent);
    if (!p) continue;
    if (n.x < p.x || n.y < p.y || n.x + n.width > p.x + p.width + 0.5 || n.y + n.height > p.y + p.height + 0.5) problems.push(`${n.id} is outside ${p.id}`);
  }
  return problems;
}

/** A synthetic workspace: `count` functions over `vpcs` VPCs of three AZs with two private subnets each. */
export function largeDiagram(count: number, vpcs: number): DiagramModel {
  const nodes: DiagramNode[] = [
    { id: 'aws-cloud', kind: 'cloud', label: 'AWS Cloud', parent: null, facts: [] },
    { id: 'region', kind: 'region', label: 'eu-west-1', parent: 'aws-cloud', facts: [] },
    { id: 'lambda-service-vpc', kind: 'lambda-service-vpc', label: 'Lambda service VPC (AWS-managed)', parent: 'region', facts: [] },
    { id: 'internet', kind: 'internet', label: 'Internet', parent: null, facts: [] },
    { id: 'service:s3', kind: 'aws-service', label: 'Amazon S3', parent: 'region', facts: [] },
  ];
  const edges: DiagramEdge[] = [];
  for (let v = 0; v < vpcs; v++) {
    nodes.push({ id: `vpc${v}`, kind: 'vpc', label: `aws_vpc.v${v}`, parent: 'region', facts: [] });
    nodes.push({ id: `igw${v}`, kind: 'internet-gateway', label: `aws_internet_gateway.v${v}`, parent: `vpc${v}`, facts: [] });
    for (let a = 0; a < 3; a++) {
      nodes.push({ id: `vpc${v}#az${a}`, kind: 'az', label: `eu-west-1${'abc'[a]}`, parent: `vpc${v}`, facts: [] });
      nodes.push({ id: `pub${v}${a}`, kind: 'subnet', label: `aws_subnet.public${v}${a}`, parent: `vpc${v}#az${a}`, subnetClass: 'public', facts: [] });
      nodes.push({ id: `nat${v}${a}`, kind: 'nat-gateway', label: `aws_nat_gateway.v${v}${a}`, parent: `pub${v}${a}`, facts: [] });
      for (let s = 0; s < 2; s++) nodes.push({ id: `sub${v}${a}${s}`, kind: 'subnet', label: `aws_subnet.app${v}${a}${s}`, parent: `vpc${v}#az${a}`, subnetClass: 'private', facts: [] });
    }
  }
  for (let i = 0; i < count; i++) {
    const fn = `fn${i}`;
    const v = i % vpcs;
    const s = Math.floor(i / vpcs) % 2;
    nodes.push({ id: fn, kind: 'function', label: `aws_lambda_function.f${i}`, parent: 'lambda-service-vpc', facts: [] });
    for (let a = 0; a < 3; a++) {
      const eni = `eni:${v}${a}${s}:sg${i % 7}`;
      if (!nodes.some((n) => n.id === eni)) nodes.push({ id: eni, kind: 'hyperplane-eni', label: 'Hyperplane ENI', detail: `sg${i % 7}`, parent: `sub${v}${a}${s}`, facts: [] });
      edges.push({ id: `${fn}->${eni}`, source: fn, target: eni, kind: 'eni-link' });
      edges.push({ id: `${fn}:i:${a}:0`, source: eni, target: `nat${v}${a}`, kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
      edges.push({ id: `${fn}:i:${a}:1`, source: `nat${v}${a}`, target: `igw${v}`, kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
      edges.push({ id: `${fn}:i:${a}:2`, source: `igw${v}`, target: 'internet', kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
    }
  }
  return { version: 1, nodes, edges, functions: nodes.filter((n) => n.kind === 'function').map((n) => ({ id: n.id, label: n.label, reach: { internet: 'yes' } })) };
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

  it('stays usable at 200 functions: AZs start collapsed and the layout takes well under the budget', async function () {
    this.timeout(60_000);
    const big = largeDiagram(200, 3);
    const collapsed = defaultCollapsed(big);
    assert.equal(collapsed.length, 9);
    const started = performance.now();
    const layout = await layoutDiagram(applyView(big, { collapsed }));
    const ms = performance.now() - started;
    assert.deepEqual(inside(layout), []);
    assert.ok(ms < 20_000, `layout took ${Math.round(ms)} ms`);
    console.log(`      200 functions, AZs collapsed: ${layout.nodes.length} boxes, ${layout.edges.length} lines laid out in ${Math.round(ms)} ms`);
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
    assert.match(html, /content="default-src 'none'; script-src 'nonce-bm9uY2U='; style-src 'nonce-bm9uY2U='; img-src data: blob:"/);
  });
});
