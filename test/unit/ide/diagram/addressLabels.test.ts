// Box labels cut to fit keep the end of the address, which tells siblings apart: in AFT's diagram all 14
// interface endpoints read "module.aft_account_request_…" and the functions "module.aft_account_provisioni…"
// when cut at the end. The full address stays in the tooltip.

import * as assert from 'node:assert/strict';
import { fitAddress, textWidth } from '../../../../server/src/ide/diagram/diagramMetrics';
import { layoutDiagram } from '../../../../server/src/ide/diagram/diagramLayout';
import { buildScene, type SceneElement } from '../../../../server/src/ide/diagram/diagramScene';
import { applyView, defaultCollapsed } from '../../../../server/src/ide/diagram/diagramView';
import { corpusDiagram } from './corpusDiagrams';

/** data-id → the text of its first child text of class `cls`, and its <title>. */
function drawnTexts(root: SceneElement, cls: string): Map<string, { text: string; title: string }> {
  const out = new Map<string, { text: string; title: string }>();
  const walk = (e: SceneElement): void => {
    const id = e.attrs['data-id'];
    if (id !== undefined) {
      const text = e.children?.find((c) => c.tag === 'text' && c.attrs.class === cls)?.text;
      const title = e.children?.find((c) => c.tag === 'title')?.text ?? '';
      if (text !== undefined) out.set(id, { text, title });
    }
    for (const c of e.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

describe('diagram labels keep the distinguishing end of an address', function () {
  this.timeout(60_000);

  it('fitAddress keeps the resource type end, the name and the index', () => {
    const address = 'module.aft_account_request_framework.aws_vpc_endpoint.sts';
    const cut = fitAddress(address, 12, textWidth('…aws_vpc_endpoint.sts', 12) + 1);
    assert.equal(cut, '…aws_vpc_endpoint.sts');
    assert.equal(fitAddress('module.a.aws_subnet.private[0]', 12, textWidth('…private[0]', 12) + 0.5), '…private[0]');
    // Not even the last name fits: as much of its end as fits.
    const tight = fitAddress('module.m.aws_lambda_function.aft_account_provisioning_framework_persist_metadata', 12, 120);
    assert.match(tight, /^…[a-z_]+_metadata$/);
    assert.ok(textWidth(tight, 12) <= 120);
    // Whole when it fits; prose is cut at its end.
    assert.equal(fitAddress('aws_vpc.main', 12, 200), 'aws_vpc.main');
    assert.match(fitAddress('Lambda service VPC (AWS-managed)', 12, 100), /^Lambda.*…$/);
  });

  it('AFT: every interface endpoint and function label drawn is distinct, the full address in the tooltip', async () => {
    const { model } = await corpusDiagram('aws-ia-control-tower-aft/aft-root');
    const layout = await layoutDiagram(applyView(model, { collapsed: defaultCollapsed(model) }));
    const labels = drawnTexts(buildScene(layout, { titles: true }), 'label');
    for (const kind of ['interface-endpoint', 'function'] as const) {
      const boxes = layout.nodes.filter((n) => n.node.kind === kind);
      assert.ok(boxes.length >= (kind === 'function' ? 17 : 14), `${boxes.length} ${kind}`);
      const drawn = boxes.map((n) => labels.get(n.id)?.text ?? '');
      assert.equal(new Set(drawn).size, drawn.length, `${kind} labels: ${drawn.join(' | ')}`);
      for (const n of boxes) {
        const text = labels.get(n.id)?.text ?? '';
        const name = n.node.label.split('.').pop() ?? '';
        // The end of the address is drawn (the last characters of its name at least).
        assert.ok(n.node.label.endsWith(text.replace(/^.*…/, '')), `${text} ends ${n.node.label}`);
        assert.ok(text.endsWith(name.slice(-6)), `${text} keeps the end of ${name}`);
        assert.ok(labels.get(n.id)?.title.startsWith(n.node.label), 'the tooltip has the full address');
      }
    }
  });
});
