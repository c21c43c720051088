// Template files read by file()/templatefile(): the workspace loads them (fileKinds), a Terraform unit's
// paths include the ones its folders own or its calls name (units.ts), and an edit to a template
// re-analyses that unit only, with the newly rendered policy.

import * as assert from 'node:assert/strict';
import { parseHcl } from '../../../server/src/syntax/hcl/hclParser';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { fileKind } from '../../../server/src/workspace/fileKinds';
import { fileReadPaths, mayReadFiles, planUnits } from '../../../server/src/workspace/units';

function plan(files: Readonly<Record<string, string>>, withReads: boolean): string[] {
  const parsed = new Map(Object.entries(files).filter(([p]) => p.endsWith('.tf')).map(([p, t]) => [p, parseHcl(t)] as const));
  const units = planUnits({
    paths: Object.keys(files).sort(),
    moduleCalls: () => [],
    isTemplate: (p) => (files[p] ?? '').includes('AWSTemplateFormatVersion'),
    templateLinks: () => ({ nestedFileNames: [], imports: false, exports: false }),
    isPlan: () => false,
    sharedPaths: [],
    ...(withReads ? { fileReads: (p: string) => { const f = parsed.get(p); return f ? fileReadPaths(p, f) : []; } } : {}),
  });
  return units.map((u) => `${u.key}: ${u.paths.join(' ')}`);
}

describe('template files in the workspace', () => {
  it('reads .tpl, .tftpl and .tmpl files as text templates', () => {
    assert.deepEqual(['/w/a.tpl', '/w/b.json.tftpl', '/w/c.TMPL', '/w/d.txt', '/w/e.json'].map((p) => fileKind(p)), ['template-text', 'template-text', 'template-text', undefined, 'data']);
  });

  it('lists the static start of every path a file function reads', () => {
    const file = parseHcl(`
locals {
  a = file("\${path.module}/policies/read.json")
  b = templatefile("\${path.module}/tpl/\${var.env}.json.tpl", {})
  c = fileexists("rel/x.json") ? jsondecode(file("rel/x.json")) : null
  d = file("\${path.root}/root.txt")
  e = file(var.path)
  f = upper(filebase64("/abs/bin.dat"))
}`);
    assert.deepEqual(fileReadPaths('/w/mod/main.tf', file), ['/w/mod/policies/read.json', '/w/mod/tpl/*', 'rel/x.json', 'rel/x.json', 'root.txt', '/abs/bin.dat']);
  });

  it('a unit owns the templates below its folders (not a nested root\'s) and the files its calls name', () => {
    const files: Record<string, string> = {
      '/w/main.tf': 'resource "aws_iam_policy" "p" { policy = file("${path.module}/policies/p.json") }',
      '/w/templates/user.tftpl': '',
      '/w/policies/p.json': '{}',
      '/w/policies/unused.json': '{}',
      '/w/stack.json': '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}',
      '/w/envs/prod/main.tf': 'locals { x = templatefile("../../shared/${var.name}.tpl", {}) }',
      '/w/envs/prod/prod.tpl': '',
      '/w/shared/a.tpl': '',
      '/w/shared/b.json': '{}',
      '/elsewhere/c.tpl': '',
    };
    assert.deepEqual(plan(files, true), [
      // `../../shared/${var.name}.tpl` names a prefix: every template or data file in /w/shared.
      'tf:/w/envs/prod: /w/envs/prod/main.tf /w/envs/prod/prod.tpl /w/shared/a.tpl /w/shared/b.json',
      'tf:/w: /w/main.tf /w/policies/p.json /w/shared/a.tpl /w/templates/user.tftpl',
      'cfn:/w/stack.json: /w/stack.json',
    ]);
    // Without the call scan, templates are still found by folder.
    assert.deepEqual(plan(files, false).slice(0, 2), ['tf:/w/envs/prod: /w/envs/prod/main.tf /w/envs/prod/prod.tpl', 'tf:/w: /w/main.tf /w/shared/a.tpl /w/templates/user.tftpl']);
  });

  it('an edit to a template re-analyses its unit and renders the new policy', () => {
    const session = new AnalysisSession({});
    session.setFile('/w/main.tf', [
      'resource "aws_s3_bucket" "b" { bucket = "data" }',
      'resource "aws_iam_policy" "p" {',
      '  policy = templatefile("${path.module}/templates/policy.json.tpl", { bucket = aws_s3_bucket.b.bucket })',
      '}',
    ].join('\n'));
    session.setFile('/other/main.tf', 'resource "aws_s3_bucket" "o" { bucket = "other" }');
    const policyTpl = (action: string): string => `{"Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "arn:aws:s3:::\${bucket}/*"}]}`;
    session.setFile('/w/templates/policy.json.tpl', policyTpl('s3:GetObject'));
    const actions = (): string => {
      const a = session.analyze();
      const p = a.model.all('iam-policy')[0];
      const doc = p?.document;
      if (doc === undefined || 'unknown' in doc) return `unknown: ${doc?.reason ?? 'no policy'}`;
      return doc.statements.map((s) => `${JSON.stringify(s.actions)} on ${JSON.stringify(s.resources)}`).join('; ');
    };
    assert.equal(actions(), '["s3:GetObject"] on ["arn:aws:s3:::data/*"]');
    session.setFile('/w/templates/policy.json.tpl', policyTpl('s3:PutObject'));
    assert.equal(actions(), '["s3:PutObject"] on ["arn:aws:s3:::data/*"]');
    assert.equal(session.analyze().timings.units, 1);
  });
});

describe('mayReadFiles (the text test before the syntax walk)', () => {
  it('finds file-function calls, with or without blanks before the parenthesis', () => {
    const yes = ['x = file("a")', 'x = templatefile ("a", {})', 'x = filebase64sha256(var.p)', 'x = try(fileexists("a"), false)', 'x = core::file("a")'];
    for (const text of yes) assert.equal(mayReadFiles(text), true, text);
  });

  it('ignores words that only contain "file"', () => {
    const no = ['filename = "build/a.zip"', 'profile = "dev"', 'source_code_hash = filename', 'x = myfile("a")', ''];
    for (const text of no) assert.equal(mayReadFiles(text), false, text);
  });

  it('may say yes for a comment that looks like a call: it only decides whether the exact walk runs', () => {
    assert.equal(mayReadFiles('# read the file (later)'), true);
  });
});
