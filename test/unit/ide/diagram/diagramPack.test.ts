// The panel's wire form: packing keeps every node, line end, status and note of a diagram (the examples and a
// synthetic workspace), names each id once, and the guard the webview checks messages with accepts it.

import * as assert from 'node:assert/strict';
import { packDiagram, unpackDiagram } from '../../../../server/src/ide/diagram/diagramPack';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { isPackedDiagram } from '../../../../server/src/protocol/webviewMessages';
import { exampleDiagram, largeDiagram } from './diagramFixtures';

/** The diagram without edge ids, which the wire form does not carry. */
function withoutEdgeIds(model: DiagramModel): unknown {
  return { ...model, edges: model.edges.map(({ id: _id, ...rest }) => rest) };
}

describe('diagram wire form (packDiagram)', () => {
  it('unpacks to the same examples diagram, edge ids aside, through JSON', () => {
    const model = exampleDiagram();
    const back = unpackDiagram(JSON.parse(JSON.stringify(packDiagram(model))) as ReturnType<typeof packDiagram>);
    assert.deepEqual(withoutEdgeIds(back), withoutEdgeIds(model));
    assert.equal(new Set(back.edges.map((e) => e.id)).size, back.edges.length, 'unpacked edge ids are unique');
  });

  it('keeps the scope and the unit drawn, and names each id once', () => {
    const model: DiagramModel = { ...largeDiagram(40, 2), scope: { stacks: [{ id: '/w/a', label: 'a' }, { id: '/w/b', label: 'b' }], shown: '/w/a' }, stack: '/w/a' };
    const packed = packDiagram(model);
    assert.equal(new Set(packed.strings).size, packed.strings.length);
    assert.deepEqual(unpackDiagram(packed).scope, model.scope);
    assert.equal(unpackDiagram(packed).stack, '/w/a');
    assert.ok(isPackedDiagram(JSON.parse(JSON.stringify(packed))));
  });

  it('sends a fraction of the plain JSON when ids are long paths', () => {
    const base = largeDiagram(60, 3);
    const long = (id: string): string => `/home/someone/projects/platform/environments/payments-prod-033::module.fn_${id}.aws_lambda_function.this`;
    const model: DiagramModel = {
      ...base,
      nodes: base.nodes.map((n) => ({ ...n, id: long(n.id), parent: n.parent === null ? null : long(n.parent) })),
      edges: base.edges.map((e) => ({ ...e, id: long(e.id), source: long(e.source), target: long(e.target), ...(e.functionId ? { functionId: long(e.functionId) } : {}), ...(e.subnet ? { subnet: long(e.subnet) } : {}) })),
      functions: base.functions.map((f) => ({ ...f, id: long(f.id) })),
    };
    const plain = JSON.stringify(model).length;
    const packed = JSON.stringify(packDiagram(model)).length;
    assert.ok(packed * 4 < plain, `packed ${packed} bytes, plain ${plain}`);
  });

  it('rejects malformed packed data', () => {
    const packed = packDiagram(exampleDiagram());
    assert.ok(isPackedDiagram(packed));
    assert.ok(!isPackedDiagram({ ...packed, edges: [['path', 'a', 1, 2, -1, -1, -1, 'yes']] }));
    assert.ok(!isPackedDiagram({ ...packed, nodes: [{ id: -2, kind: 'vpc', label: 'x', parent: -1, facts: [] }] }));
    assert.ok(!isPackedDiagram({ ...packed, packed: 2 }));
  });
});
