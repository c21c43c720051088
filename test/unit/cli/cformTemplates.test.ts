// `.cform` templates (a community extension, either YAML or JSON inside) are read like `.template` ones: in a
// scanned folder and when named on the command line, as a nested stack's file too.

import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliProcess';

const YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "def handler(e, c): pass" }
`;

const JSON_TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { Other: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'app.handler', Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' } } } },
}, null, 2);

interface Report { readonly functions: readonly { readonly id: string; readonly file: string }[] }

describe('.cform templates', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-cform-'));
  writeFileSync(path.join(dir, 'lambda.cform'), YAML);
  writeFileSync(path.join(dir, 'other.cform'), JSON_TEMPLATE);
  writeFileSync(path.join(dir, 'notes.cform'), 'just: yaml\n');

  it('a folder scan reads both the YAML and the JSON one, and nothing from a .cform that is no template', () => {
    const run = runCli(['check', '--format', 'json', '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    assert.deepEqual(report.functions.map((f) => `${f.file} ${f.id}`).sort(), ['lambda.cform Fn', 'other.cform Other']);
  });

  it('a .cform file named on the command line is read', () => {
    const run = runCli(['check', '--format', 'json', 'lambda.cform'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as Report).functions.map((f) => f.id), ['Fn']);
  });
});
