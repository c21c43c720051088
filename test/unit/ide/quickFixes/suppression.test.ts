// The "ignore here" quick fix as a round trip: the comment it writes is the one the finding filter reads, so the
// finding is gone after the edit and every other finding stays.

import * as assert from 'node:assert/strict';
import { filterFindings } from '../../../../server/src/ide/findingFilter';
import { defaultSettings } from '../../../../server/src/ide/settings';
import { suppressionFix } from '../../../../server/src/ide/quickFixes/suppression';
import type { TextEdit } from '../../../../server/src/ide/quickFixes/textEdit';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../../server/src/workspace/analysisSession';
import { securityGroup, subnet } from '../../support/terraformPieces';

const network = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}\
${securityGroup('fn', 'all')}`;

const lambda = (comment: string): string => `${comment}resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

function analyse(text: string): WorkspaceAnalysis {
  const s = new AnalysisSession({ region: 'eu-west-1' });
  s.setFile('/w/net.tf', network);
  s.setFile('/w/lambda.tf', text);
  return s.analyze();
}

function visible(a: WorkspaceAnalysis): string[] {
  return filterFindings(a.result.findings, defaultSettings, a.model, (f) => a.snapshot.text(f)).map((f) => f.rule).sort();
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((x, y) => y.span.start - x.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

describe('quick fix: ignore a finding here', () => {
  it('writes the comment the filter reads: that finding goes, the others stay', () => {
    const text = lambda('');
    const before = analyse(text);
    const rules = visible(before);
    assert.ok(rules.includes('LAMBDA_SINGLE_AZ'), rules.join(', '));
    const finding = before.result.findings.find((f) => f.rule === 'LAMBDA_SINGLE_AZ');
    assert.ok(finding);
    const fix = suppressionFix(text, finding);
    assert.ok(fix);
    assert.equal(fix.title, 'Ignore LAMBDA_SINGLE_AZ here (a hyperplane-lens-ignore comment)');
    const fixed = apply(text, fix.edits);
    assert.match(fixed, /\n {2}# hyperplane-lens-ignore LAMBDA_SINGLE_AZ\n {2}vpc_config \{|^# hyperplane-lens-ignore LAMBDA_SINGLE_AZ\nresource/);
    assert.deepEqual(visible(analyse(fixed)), rules.filter((r) => r !== 'LAMBDA_SINGLE_AZ'));
  });

  it('adds the rule to a suppression comment already on the line above', () => {
    const before = analyse(lambda(''));
    const finding = before.result.findings.find((f) => f.rule === 'LAMBDA_SINGLE_AZ');
    assert.ok(finding);
    // The same place the first fix writes to, holding another rule already.
    const first = suppressionFix(lambda(''), finding);
    const at = first?.edits[0]?.span.start ?? 0;
    const text = lambda('').slice(0, at) + (first?.edits[0]?.newText ?? '').replace('LAMBDA_SINGLE_AZ', 'LAMBDA_VPC_UNNEEDED') + lambda('').slice(at);
    const again = analyse(text);
    const target = again.result.findings.find((f) => f.rule === 'LAMBDA_SINGLE_AZ');
    assert.ok(target);
    const fix = suppressionFix(text, target);
    assert.ok(fix);
    const fixed = apply(text, fix.edits);
    assert.match(fixed, /# hyperplane-lens-ignore LAMBDA_VPC_UNNEEDED LAMBDA_SINGLE_AZ\n/);
    assert.ok(!visible(analyse(fixed)).includes('LAMBDA_SINGLE_AZ'));
  });

  it('is not offered in JSON, which has no comments', () => {
    const finding = analyse(lambda('')).result.findings.find((f) => f.rule === 'LAMBDA_SINGLE_AZ');
    assert.ok(finding);
    assert.equal(suppressionFix('{}', { ...finding, origin: { ...finding.origin, file: '/w/template.json' } }), undefined);
  });
});
