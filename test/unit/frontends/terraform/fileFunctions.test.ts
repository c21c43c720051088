// file() and templatefile() read through the SourceView: paths relative to the root module (or built from
// path.module), templates rendered with only their variables; files the view does not hold are unknown with
// one information problem per file, not one per call.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { renderObjects, tfFixture } from './tfFixture';

describe('file() and templatefile()', () => {
  it('reads JSON policies from the view and renders templates with their variables', () => {
    const { view } = tfFixture(`
//- /w/main.tf
resource "aws_s3_bucket" "b" { bucket = "data" }
module "fn" { source = "./fn" }
resource "aws_iam_policy" "literal" {
  policy = file("policies/read.json")
}
resource "aws_iam_policy" "templated" {
  policy = templatefile("\${path.module}/policies/bucket.json", { bucket = aws_s3_bucket.b.bucket, actions = ["s3:GetObject", "s3:PutObject"] })
}
//- /w/fn/main.tf
resource "aws_iam_policy" "from_module" {
  policy = file("\${path.module}/deny.json")
}
//- /w/fn/deny.json
{"Statement": [{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}
//- /w/policies/read.json
{"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}
//- /w/policies/bucket.json
{"Statement": [{"Effect": "Allow", "Action": [%{ for i, a in actions }%{ if i > 0 }, %{ endif }"\${a}"%{ endfor }], "Resource": "arn:aws:s3:::\${bucket}/*"}]}
`);
    const out = readTerraform(view, {});
    assert.equal(
      renderObjects(out.objects, out.stacks[0] ?? '', ['iam-policy']),
      [
        'iam-policy aws_iam_policy.literal document={statements: [{effect: "Allow", actions: ["dynamodb:GetItem"], resources: ["*"]}]} roles=[]',
        'iam-policy aws_iam_policy.templated document={statements: [{effect: "Allow", actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::data/*"]}]} roles=[]',
        'iam-policy module.fn.aws_iam_policy.from_module document={statements: [{effect: "Deny", actions: ["s3:DeleteObject"], resources: ["*"]}]} roles=[]',
      ].join('\n'),
    );
    assert.deepEqual(out.problems.map((p) => p.code), []);
  });

  it('a file the view does not hold is unknown, with one problem per file', () => {
    const { view } = tfFixture(`
//- /w/main.tf
resource "aws_iam_policy" "a" { policy = file("\${path.module}/policy.tpl") }
resource "aws_iam_policy" "b" { policy = templatefile("policy.tpl", {}) }
resource "aws_iam_policy" "c" { policy = file("other.tpl") }
`);
    const out = readTerraform(view, {});
    const docs = out.objects.flatMap((o) => (o.kind === 'iam-policy' && typeof o.document === 'object' && 'unknown' in o.document ? [o.document.reason] : []));
    assert.deepEqual(docs, [
      '/w/policy.tpl is not among the workspace files Hyperplane Lens loads',
      '/w/policy.tpl is not among the workspace files Hyperplane Lens loads',
      '/w/other.tpl is not among the workspace files Hyperplane Lens loads',
    ]);
    assert.deepEqual(
      out.problems.map((p) => `${p.code} ${p.severity} ${p.message}`),
      [
        'tf-file-unread information /w/policy.tpl is read by file() or templatefile() but is not in the workspace, or not a kind of file Hyperplane Lens loads (.tf, .tfvars, .json, .yaml, .tpl, .tftpl, .tmpl); values built from it are unknown.',
        'tf-file-unread information /w/other.tpl is read by file() or templatefile() but is not in the workspace, or not a kind of file Hyperplane Lens loads (.tf, .tfvars, .json, .yaml, .tpl, .tftpl, .tmpl); values built from it are unknown.',
      ],
    );
  });
});
