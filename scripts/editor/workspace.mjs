// Prepares the folder the editor opens: a throw-away copy of examples/ (tests may write into it), or a
// tiny stand-in with the same layout while examples/ does not exist yet.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './install.mjs';

const standIn = {
  'terraform/main.tf': `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "api.zip"
}
`,
  'sam/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
`,
};

/** Returns { folder, remove } for a fresh copy of the examples. */
export function prepareWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'hyperplane-ws-'));
  const folder = join(root, 'examples');
  const examples = join(repoRoot, 'examples');
  if (existsSync(examples) && readdirSync(examples).length > 0) {
    cpSync(examples, folder, { recursive: true });
  } else {
    for (const [path, text] of Object.entries(standIn)) {
      mkdirSync(join(folder, path, '..'), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
  }
  return { folder, remove: () => rmSync(root, { recursive: true, force: true }) };
}
