// Suppression comments, severity overrides and the suppressions setting, applied to real findings.

import * as assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { filterFindings } from '../../../server/src/ide/findingFilter';
import { normaliseSettings } from '../../../server/src/ide/settings';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';

const dir = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'terraform');

function analyse(edit?: (file: string, text: string) => string) {
  const session = new AnalysisSession({});
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    session.setFile(file, edit ? edit(name, text) : text);
  }
  return session.analyze();
}

const rulesOf = (settings: unknown, edit?: (file: string, text: string) => string): string[] => {
  const a = analyse(edit);
  return filterFindings(a.result.findings, normaliseSettings(settings), a.model, (f) => a.snapshot.text(f)).map((f) => `${f.rule}:${f.effectiveSeverity}:${a.model.get(f.subject)?.address ?? ''}`).sort();
};

describe('finding filters', () => {
  it('a suppression comment above the resource hides that rule for that resource only', () => {
    const before = rulesOf({});
    assert.ok(before.includes('LAMBDA_NO_ROUTE_S3:error:aws_lambda_function.reports'));
    const after = rulesOf({}, (name, text) => (name === 'lambda.tf' ? text.replace('resource "aws_lambda_function" "reports"', '# hyperplane-lens-ignore LAMBDA_NO_ROUTE_S3\nresource "aws_lambda_function" "reports"') : text));
    assert.deepStrictEqual(after, before.filter((r) => r !== 'LAMBDA_NO_ROUTE_S3:error:aws_lambda_function.reports'));
  });

  it('severity overrides, "off", disabled rules and rule/resource suppressions apply', () => {
    const rules = rulesOf({ rules: { severity: { LAMBDA_PARTIAL_REACH: 'information', LAMBDA_NO_ROUTE_TARGET: 'off' }, disabled: [] }, suppressions: [{ rule: 'LAMBDA_NO_ROUTE_S3', resource: 'aws_lambda_function.reports' }] });
    assert.ok(rules.includes('LAMBDA_PARTIAL_REACH:information:aws_lambda_function.orders'), rules.join(', '));
    assert.ok(!rules.some((r) => r.startsWith('LAMBDA_NO_ROUTE_TARGET') || r.startsWith('LAMBDA_NO_ROUTE_S3')), rules.join(', '));
    assert.deepStrictEqual(rulesOf({ 'rules.disabled': ['LAMBDA_PARTIAL_REACH'] }).filter((r) => r.startsWith('LAMBDA_PARTIAL_REACH')), []);
  });
});
