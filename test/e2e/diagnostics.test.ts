// Editor test: syntax errors in Terraform and CloudFormation/SAM files show up as Hyperplane Lens
// diagnostics with exact ranges, follow unsaved edits, and go away when the text is fixed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostic, extensionApi, ours, waitForDiagnostics, writeWorkspaceFile } from './waitFor';

interface Case {
  readonly name: string;
  /** Each case gets its own folder, so its file is its own Terraform module or stack. */
  readonly path: string;
  readonly languageId: string;
  readonly broken: string;
  /** The one error expected, as `line:col-line:col` (0-based, as the API reports it). */
  readonly range: string;
  readonly fix: { readonly from: string; readonly to: string };
}

const cases: readonly Case[] = [
  {
    name: 'a Terraform block with a doubled "="',
    path: 'e2e-tf/main.tf',
    languageId: 'terraform',
    broken: 'resource "aws_vpc" "main" {\n  cidr_block         = "10.0.0.0/16"\n  enable_dns_support = = true\n}\n',
    range: '2:23-2:24',
    fix: { from: '= = true', to: '= true' },
  },
  {
    name: 'a JSON Terraform file with a missing comma',
    path: 'e2e-tfjson/main.tf.json',
    languageId: 'json',
    broken: '{\n  "resource": {\n    "aws_vpc": {\n      "main": { "cidr_block": "10.0.0.0/16" "enable_dns_support": true }\n    }\n  }\n}\n',
    range: '3:43-3:43',
    fix: { from: '"10.0.0.0/16" "enable', to: '"10.0.0.0/16", "enable' },
  },
  {
    name: 'a SAM template (YAML) with an unclosed flow sequence',
    path: 'e2e-sam/template.yaml',
    languageId: 'yaml',
    broken:
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: python3.12\n      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:common:1\n",
    range: '8:14-8:15',
    fix: { from: 'common:1\n', to: 'common:1]\n' },
  },
  {
    // .template has no language of its own: the extension names YAML templates by their first line.
    name: 'a CloudFormation .template (YAML) with an unclosed flow sequence',
    path: 'e2e-template/stack.template',
    languageId: 'yaml',
    broken:
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: python3.12\n      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:common:1\n",
    range: '8:14-8:15',
    fix: { from: 'common:1\n', to: 'common:1]\n' },
  },
  {
    name: 'a CloudFormation JSON template with a trailing comma',
    path: 'e2e-cfn/stack.json',
    languageId: 'json',
    broken: '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16", } }\n  }\n}\n',
    range: '3:80-3:81',
    fix: { from: '"10.0.0.0/16", }', to: '"10.0.0.0/16" }' },
  },
];

describe('syntax-error diagnostics', () => {
  before(async () => {
    await extensionApi();
  });

  for (const c of cases) {
    it(`reports ${c.name} at the exact range, and clears it when fixed`, async () => {
      const uri = await writeWorkspaceFile(c.path, c.broken);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      assert.equal(document.languageId, c.languageId);

      const reported = await waitForDiagnostics(uri, (all) => ours(all).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      const errors = ours(reported).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      // Exactly one error: the same problem reported twice would clutter the Problems view.
      assert.deepEqual(errors.map((d) => describeDiagnostic(d).split(' ')[0]), [c.range], `all: ${JSON.stringify(errors.map(describeDiagnostic))}`);
      assert.equal(errors[0]?.source, 'Hyperplane Lens');

      // The fix is an unsaved edit: the server must analyse the editor's text, not the file on disk.
      const at = document.getText().indexOf(c.fix.from);
      assert.ok(at >= 0);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + c.fix.from.length)), c.fix.to);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      await waitForDiagnostics(uri, (all) => !ours(all).some((d) => d.severity === vscode.DiagnosticSeverity.Error));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
