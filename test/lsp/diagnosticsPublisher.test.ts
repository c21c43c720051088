// The diagnostics publisher over real analyses: after an edit it rebuilds the diagnostics of the
// re-analysed unit's files only, and sends only the files whose diagnostics changed.

import * as assert from 'node:assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { FindingFilter } from '../../server/src/ide/findingFilter';
import { normaliseSettings } from '../../server/src/ide/settings';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';
import { AnalysisSession, type WorkspaceAnalysis } from '../../server/src/workspace/analysisSession';
import { twoRootsFiles } from '../fixtures/editor/twoRoots';

describe('diagnostics publisher', () => {
  const files = twoRootsFiles();
  const settings = normaliseSettings({});
  let sent: PublishDiagnosticsParams[];
  let publisher: DiagnosticsPublisher;
  let filter: FindingFilter;
  let s: AnalysisSession;
  const publish = (a: WorkspaceAnalysis) => publisher.publish(a, filter.filter(a.result.findings, settings, a.model, (f) => a.snapshot.text(f)), [], () => undefined);
  beforeEach(() => {
    sent = [];
    publisher = new DiagnosticsPublisher({ sendDiagnostics: (params) => (sent.push(params), Promise.resolve()) });
    filter = new FindingFilter();
    s = new AnalysisSession();
    for (const [path, text] of Object.entries(files)) s.setFile(path, text);
  });

  it('rebuilds and sends only the edited root’s file when its diagnostics move', () => {
    const first = publish(s.analyze());
    assert.deepStrictEqual({ converted: first.converted, sent: first.sent }, { converted: 2, sent: 2 });
    assert.ok(first.errors > 0);
    sent = [];
    s.setFile('/w/b/main.tf', `# moved down a line\n${files['/w/b/main.tf'] ?? ''}`);
    const second = publish(s.analyze());
    assert.deepStrictEqual({ converted: second.converted, sent: second.sent }, { converted: 1, sent: 1 });
    assert.deepStrictEqual(sent.map((p) => p.uri), ['file:///w/b/main.tf']);
    assert.strictEqual(second.errors, first.errors);
    assert.strictEqual(second.warnings, first.warnings);
  });

  it('sends nothing when the re-analysed file’s diagnostics are unchanged, and converts nothing for the same analysis', () => {
    const a = s.analyze();
    publish(a);
    sent = [];
    assert.deepStrictEqual(publish(a), { ...publish(a), converted: 0, sent: 0 });
    s.setFile('/w/b/main.tf', `${files['/w/b/main.tf'] ?? ''}\n# a comment at the end\n`);
    const after = publish(s.analyze());
    assert.deepStrictEqual({ converted: after.converted, sent: after.sent }, { converted: 1, sent: 0 });
    assert.deepStrictEqual(sent, []);
  });

  it('clears a file whose problems went away', () => {
    publish(s.analyze());
    sent = [];
    s.setFile('/w/a/main.tf', (files['/w/a/main.tf'] ?? '').replace(', OTHER = var.undeclared_a', '').replace('resource "aws_lambda_function"', '# hyperplane-lens-ignore all\nresource "aws_lambda_function"'));
    const stats = publish(s.analyze());
    assert.deepStrictEqual(sent, [{ uri: 'file:///w/a/main.tf', diagnostics: [] }]);
    assert.strictEqual(stats.sent, 1);
  });
});
