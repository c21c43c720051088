// What the editor asks the analysis about a file: the stacks and unit models that read it, and its line
// index, kept across analyses while the file's text is unchanged.

import * as assert from 'node:assert';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { twoRootsFiles } from '../../fixtures/editor/twoRoots';

describe('analysis views for the editor', () => {
  const files = twoRootsFiles();
  const session = (): AnalysisSession => {
    const s = new AnalysisSession();
    for (const [path, text] of Object.entries(files)) s.setFile(path, text);
    return s;
  };

  it('names the stack of a file that declares nothing, and none for a file no unit reads', () => {
    const a = session().analyze();
    assert.deepStrictEqual(a.stacksOf('/w/a/variables.tf'), ['/w/a']);
    assert.deepStrictEqual(a.stacksOf('/w/b/main.tf'), ['/w/b']);
    assert.deepStrictEqual(a.stacksOf('/elsewhere/x.tf'), []);
    assert.deepStrictEqual(a.unitModelsOf('/elsewhere/x.tf'), []);
  });

  it('keeps the unchanged unit’s model and the unchanged file’s line index after an edit', () => {
    const s = session();
    const first = s.analyze();
    const linesA = first.snapshot.lines('/w/a/main.tf');
    const linesB = first.snapshot.lines('/w/b/main.tf');
    assert.ok(linesA && linesB);
    s.setFile('/w/b/main.tf', `\n${files['/w/b/main.tf'] ?? ''}`);
    const second = s.analyze();
    assert.strictEqual(second.unitModelsOf('/w/a/main.tf')[0], first.unitModelsOf('/w/a/main.tf')[0]);
    assert.notStrictEqual(second.unitModelsOf('/w/b/main.tf')[0], first.unitModelsOf('/w/b/main.tf')[0]);
    assert.strictEqual(second.snapshot.lines('/w/a/main.tf'), linesA, 'an unchanged file is not rescanned');
    const newB = second.snapshot.lines('/w/b/main.tf');
    assert.notStrictEqual(newB, linesB);
    assert.strictEqual(newB?.positionAt(1).line, 1, 'the edited file’s index follows its new text');
  });

  it('forgets a removed file', () => {
    const s = session();
    s.analyze();
    s.setFile('/w/b/variables.tf', undefined);
    const a = s.analyze();
    assert.strictEqual(a.snapshot.lines('/w/b/variables.tf'), undefined);
  });
});
