// The panel's requests follow the active document's root module even when the document declares nothing
// (variables.tf): the diagram and the function list hold that root's objects only, not the workspace's.

import * as assert from 'node:assert';
import type { DiagramModel } from '../../server/src/protocol/diagram';
import type { FunctionSummary } from '../../server/src/protocol/requests';
import { twoRootsFiles } from '../fixtures/editor/twoRoots';
import { startInProcess, type TestClient } from './lspTestClient';

describe('document scope of the panel requests', () => {
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('draws and lists only the root module of a variables.tf', async () => {
    client = startInProcess();
    await client.initialize(null);
    for (const [path, text] of Object.entries(twoRootsFiles())) await client.open(`file://${path}`, 'terraform', text);
    await client.waitForDiagnostics('file:///w/b/main.tf', (d) => d.length > 0);
    const diagram = await client.request<DiagramModel>('hyperplaneLens/diagram', { uri: 'file:///w/a/variables.tf' });
    const functions = diagram.nodes.filter((n) => n.kind === 'function').map((n) => n.id);
    assert.deepStrictEqual(functions, ['/w/a::aws_lambda_function.f']);
    assert.ok(!diagram.nodes.some((n) => n.id.startsWith('/w/b::')), 'the other root is drawn');
    const listed = await client.request<FunctionSummary[]>('hyperplaneLens/listFunctions', { uri: 'file:///w/a/variables.tf' });
    assert.deepStrictEqual(listed.map((f) => f.id), ['/w/a::aws_lambda_function.f']);
    const all = await client.request<FunctionSummary[]>('hyperplaneLens/listFunctions', {});
    assert.strictEqual(all.length, 2);
  });
});
