// The text a Terraform quick fix writes reads as `terraform fmt` would leave it: the equals signs of a new
// security-group rule line up with its longest attribute name, whatever the peer attribute is.

import * as assert from 'node:assert/strict';
import { quickFixesFor } from '../../../server/src/ide/quickFixes/quickFixes';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { subnet } from '../support/terraformPieces';

const main = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}\
resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;

describe('quick fixes: Terraform formatting', () => {
  it('a new egress rule aligns its equals signs like terraform fmt', () => {
    const session = new AnalysisSession({ region: 'eu-west-1' });
    session.setFile('/w/main.tf', main);
    const analysis = session.analyze();
    const finding = analysis.result.findings.find((f) => f.rule === 'SG_NO_EGRESS');
    assert.ok(finding, analysis.result.findings.map((f) => f.rule).join(', '));
    const fixes = quickFixesFor({ model: analysis.model, text: (f) => analysis.snapshot.text(f), hcl: (f) => analysis.snapshot.hcl(f), data: (f) => analysis.snapshot.data(f) }, finding);
    const egress = fixes.flatMap((fix) => fix.edits).map((e) => e.newText).filter((t) => t.includes('egress {'));
    assert.ok(egress.length > 0, fixes.map((f) => f.title).join('; '));
    for (const text of egress) {
      const attrs = text.split('\n').filter((l) => l.includes(' = '));
      assert.ok(attrs.some((l) => l.trimStart().startsWith('description = ')), text);
      const columns = new Set(attrs.map((l) => l.indexOf(' = ')));
      assert.equal(columns.size, 1, `the equals signs line up:\n${text}`);
    }
  });
});
