// LAMBDA_VPC_UNNEEDED's quick fix as a round trip: the function's own VPC config goes, as whole lines, the
// finding with it, and no error appears; never offered for a config inherited from SAM Globals or in JSON.

import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../server/src/analysis/types';
import { quickFixesFor } from '../../../../server/src/ide/quickFixes/quickFixes';
import type { TextEdit } from '../../../../server/src/ide/quickFixes/textEdit';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../../server/src/workspace/analysisSession';
import { subnet } from '../../support/terraformPieces';

function analyse(files: Record<string, string>): WorkspaceAnalysis {
  const s = new AnalysisSession({ region: 'eu-west-1' });
  for (const [f, t] of Object.entries(files)) s.setFile(f, t);
  return s.analyze();
}

function removal(a: WorkspaceAnalysis): { finding: Finding; edits: readonly TextEdit[] } | undefined {
  const finding = a.result.findings.find((f) => f.rule === 'LAMBDA_VPC_UNNEEDED');
  if (!finding) return undefined;
  const fix = quickFixesFor({ model: a.model, text: (f) => a.snapshot.text(f), hcl: (f) => a.snapshot.hcl(f), data: (f) => a.snapshot.data(f) }, finding).find((q) => /^Remove the VPC config/.test(q.title));
  return fix ? { finding, edits: fix.edits } : { finding, edits: [] };
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((x, y) => y.span.start - x.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

const tf = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}\
resource "aws_security_group" "fn" { vpc_id = aws_vpc.v.id }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"

  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
  timeout = 10
}
`;

const yaml = (globals: boolean): string => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
${globals ? 'Globals:\n  Function:\n    VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref FnSg] }\n' : ''}Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: fn, VpcId: !Ref Vpc }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
${globals ? '' : '      VpcConfig:\n        SubnetIds: [!Ref A]\n        SecurityGroupIds: [!Ref FnSg]\n'}      Timeout: 10
`;

describe('quick fix: remove an unneeded VPC config', () => {
  it('Terraform: the vpc_config block goes, and the finding with it', () => {
    const found = removal(analyse({ '/w/main.tf': tf }));
    assert.ok(found && found.edits.length === 1, 'a removal is offered');
    const fixed = apply(tf, found.edits);
    assert.ok(!fixed.includes('vpc_config') && fixed.includes('  role          = "arn:aws:iam::123456789012:role/f"\n\n  timeout = 10\n'), fixed);
    const after = analyse({ '/w/main.tf': fixed });
    assert.deepEqual(after.result.findings.filter((f) => f.rule === 'LAMBDA_VPC_UNNEEDED'), []);
    assert.deepEqual(after.problems.filter((p) => p.severity === 'error'), []);
  });

  it('SAM YAML: the VpcConfig entry goes', () => {
    const text = yaml(false);
    const found = removal(analyse({ '/w/template.yaml': text }));
    assert.ok(found && found.edits.length === 1, 'a removal is offered');
    const fixed = apply(text, found.edits);
    assert.ok(!fixed.includes('VpcConfig') && fixed.includes('      CodeUri: src/\n      Timeout: 10\n'), fixed);
    assert.deepEqual(analyse({ '/w/template.yaml': fixed }).result.findings.filter((f) => f.rule === 'LAMBDA_VPC_UNNEEDED'), []);
  });

  it('not for a VpcConfig inherited from SAM Globals (it serves every function)', () => {
    const found = removal(analyse({ '/w/template.yaml': yaml(true) }));
    assert.ok(found, 'the finding is there');
    assert.deepEqual(found.edits, []);
  });
});
