// The language server's FindingFilter: decides each finding once, so after an edit in one root only that
// root's findings are decided again; a new suppression comment or new settings are still honoured.

import * as assert from 'node:assert';
import { filterFindings, FindingFilter } from '../../../server/src/ide/findingFilter';
import { normaliseSettings } from '../../../server/src/ide/settings';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import type { WorkspaceAnalysis } from '../../../server/src/workspace/analysisSession';
import { twoRootsFiles } from '../../fixtures/editor/twoRoots';

const rendered = (list: readonly { rule: string; origin: { file: string }; effectiveSeverity: string }[]): string[] => list.map((f) => `${f.rule} ${f.origin.file} ${f.effectiveSeverity}`).sort();

describe('finding filter with memory', () => {
  const settings = normaliseSettings({});
  const files = twoRootsFiles();
  let s: AnalysisSession;
  let filter: FindingFilter;
  const run = (a: WorkspaceAnalysis, with_ = settings) => filter.filter(a.result.findings, with_, a.model, (f) => a.snapshot.text(f), (f) => a.snapshot.lines(f));
  beforeEach(() => {
    s = new AnalysisSession();
    for (const [path, text] of Object.entries(files)) s.setFile(path, text);
    filter = new FindingFilter();
  });

  it('keeps the decisions of the unchanged root and re-decides the edited one, honouring a new suppression comment', () => {
    const first = run(s.analyze());
    const keptA = first.filter((f) => f.origin.file === '/w/a/main.tf');
    assert.strictEqual(keptA.length, 3);
    s.setFile('/w/b/main.tf', (files['/w/b/main.tf'] ?? '').replace('resource "aws_lambda_function"', '# hyperplane-lens-ignore SG_NO_EGRESS\nresource "aws_lambda_function"'));
    const a = s.analyze();
    const second = run(a);
    const againA = second.filter((f) => f.origin.file === '/w/a/main.tf');
    assert.ok(againA.every((f, i) => f === keptA[i]), 'the unchanged root’s findings are the same objects');
    assert.deepStrictEqual(rendered(second), rendered(filterFindings(a.result.findings, settings, a.model, (f) => a.snapshot.text(f))));
    assert.ok(!second.some((f) => f.rule === 'SG_NO_EGRESS' && f.origin.file === '/w/b/main.tf'));
  });

  it('decides every finding again when the settings change', () => {
    const a = s.analyze();
    run(a);
    const quieter = normaliseSettings({ rules: { severity: { SG_NO_EGRESS: 'hint' } } });
    const again = run(a, quieter);
    assert.deepStrictEqual(rendered(again), rendered(filterFindings(a.result.findings, quieter, a.model, (f) => a.snapshot.text(f))));
    assert.strictEqual(again.filter((f) => f.rule === 'SG_NO_EGRESS' && f.effectiveSeverity === 'hint').length, 2);
  });
});
