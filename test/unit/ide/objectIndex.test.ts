// The object index built per analysis unit: same answers as one index of the merged model, and a lookup
// after an edit in one root indexes only that root's unit, never the unchanged ones again.

import * as assert from 'node:assert';
import { ObjectIndex } from '../../../server/src/ide/objectIndex';
import type { NetworkModel } from '../../../server/src/model/network';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { twoRootsFiles } from '../../fixtures/editor/twoRoots';

function session(): AnalysisSession {
  const s = new AnalysisSession();
  for (const [path, text] of Object.entries(twoRootsFiles())) s.setFile(path, text);
  return s;
}

/**
 * Counts the calls of this model's `all` (indexing a unit lists its objects kind by kind) while `run` runs.
 * Models are sealed, so the count wraps their class's method for the duration.
 */
function countListings(model: NetworkModel, run: () => void): number {
  const proto = Object.getPrototypeOf(model) as { all: NetworkModel['all'] };
  const original = proto.all;
  let calls = 0;
  proto.all = function (this: NetworkModel, ...args: Parameters<NetworkModel['all']>) {
    if (this === model) calls++;
    return original.apply(this, args);
  } as NetworkModel['all'];
  try {
    run();
  } finally {
    proto.all = original;
  }
  return calls;
}

describe('object index per unit', () => {
  it('lists each file’s objects as one index of the merged model does', () => {
    const a = session().analyze();
    const whole = new ObjectIndex(a.model);
    const perUnit = new ObjectIndex(a.model, (f) => a.unitModelsOf(f));
    for (const file of ['/w/a/main.tf', '/w/b/main.tf', '/w/a/variables.tf']) {
      assert.deepStrictEqual(perUnit.objectsIn(file).map((o) => o.id), whole.objectsIn(file).map((o) => o.id), file);
    }
    assert.strictEqual(perUnit.objectsIn('/w/a/main.tf').length, 4);
  });

  it('after an edit in one root, a lookup in the other root does not index its unit again', () => {
    const s = session();
    const first = s.analyze();
    const unitA = first.unitModelsOf('/w/a/main.tf')[0];
    assert.ok(unitA);
    const fnOffset = twoRootsFiles()['/w/a/main.tf']?.indexOf('resource "aws_lambda_function"') ?? -1;
    assert.strictEqual(new ObjectIndex(first.model, (f) => first.unitModelsOf(f)).at('/w/a/main.tf', fnOffset)?.address, 'aws_lambda_function.f');

    const text = twoRootsFiles()['/w/b/main.tf'] ?? '';
    s.setFile('/w/b/main.tf', text.replace('"10.0.1.0/24"', '"10.0.2.0/24"'));
    const second = s.analyze();
    assert.strictEqual(second.unitModelsOf('/w/a/main.tf')[0], unitA, 'the unchanged unit keeps its model');
    const index = new ObjectIndex(second.model, (f) => second.unitModelsOf(f));
    const listings = countListings(unitA, () => assert.strictEqual(index.at('/w/a/main.tf', fnOffset)?.address, 'aws_lambda_function.f'));
    assert.strictEqual(listings, 0, 'the unchanged unit was indexed again');
    // The edited root's new unit is indexed, and answers.
    const unitB = second.unitModelsOf('/w/b/main.tf')[0];
    assert.ok(unitB);
    let addresses: string[] = [];
    assert.ok(countListings(unitB, () => (addresses = index.objectsIn('/w/b/main.tf').map((o) => o.address))) > 0);
    assert.deepStrictEqual(addresses, ['aws_vpc.v', 'aws_subnet.s', 'aws_security_group.g', 'aws_lambda_function.f']);
  });
});
