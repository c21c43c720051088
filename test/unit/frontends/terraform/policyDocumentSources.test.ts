// aws_iam_policy_document's source_policy_documents / override_policy_documents (merged by Sid as the provider
// does) and replace() placeholders on a policy JSON (the terraform-aws-modules/s3-bucket pattern): the
// statements stay known, so a bucket policy granting the function's role decides the endpoint policy check.

import * as assert from 'node:assert/strict';
import type { PolicyDocument, PolicyValue } from '../../../../server/src/model/types';
import { isKnown, type Maybe } from '../../../../server/src/model/origin';
import { analyseWorkspace, reachOf, type WorkspaceRun } from '../../support/analyseWorkspace';
import { association, provider, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../../support/terraformPieces';

const BUCKET = `
resource "aws_s3_bucket" "b" { bucket_prefix = "uploads-" }
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
`;

/** A workspace whose bucket policy `aws_s3_bucket_policy.p` has `policy = <policy>`, plus `extra` text. */
function workspace(policy: string, extra = ''): string {
  return `//- /w/main.tf
${provider('us-east-1')}${BUCKET}${extra}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = ${policy}
}
`;
}

function value(v: PolicyValue, run: WorkspaceRun): string {
  if (typeof v === 'object' && 'ref' in v) return run.model.get(v.ref)?.address ?? v.ref;
  return isKnown(v) ? v : '?';
}

function list(vs: readonly PolicyValue[], run: WorkspaceRun): string {
  return vs.map((v) => value(v, run)).join(',');
}

/** One line per statement: "Sid Effect actions on resources [by principals]", or "unknown: reason". */
function statements(run: WorkspaceRun): string {
  const doc: Maybe<PolicyDocument> | undefined = run.model.all('iam-policy').find((p) => p.address === 'aws_s3_bucket_policy.p')?.document;
  if (doc === undefined) return 'no policy';
  if (!isKnown(doc)) return `unknown: ${doc.reason}`;
  return doc.statements.map((s) => {
    const who = s.principals === undefined ? '' : isKnown(s.principals) ? ` by ${s.principals.map((p) => `${p.type}:${list(p.values, run)}`).join(' ')}` : ' by ?';
    return `${s.sid ?? '-'} ${isKnown(s.effect) ? s.effect : '?'} ${list(s.actions, run)} on ${list(s.resources, run)}${who}`;
  }).join('\n');
}

const run = (text: string): WorkspaceRun => analyseWorkspace(text);

describe('policy documents merged from source_policy_documents and override_policy_documents', () => {
  it('sources first, then the own statements, then overrides; a Sid replaces the earlier statement in place', () => {
    const docs = `
data "aws_iam_policy_document" "d" {
  source_policy_documents = [
    jsonencode({ Statement = [{ Sid = "A", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] }),
    jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "*" }] }),
  ]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:DeleteObject", Resource = "*" }] })]
  statement {
    sid       = "A"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}
`;
    assert.equal(statements(run(workspace('data.aws_iam_policy_document.d.json', docs))), [
      'A Allow s3:PutObject on *',
      '- Allow s3:ListBucket on *',
      'B Deny s3:DeleteObject on *',
    ].join('\n'));
  });

  it('a source that is another document\'s unknown JSON keeps its statements; compact() drops the "" of a false condition', () => {
    const docs = `
variable "deny_insecure" { default = false }
data "aws_iam_policy_document" "write" {
  statement {
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.fn.arn]
    }
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
  }
}
data "aws_iam_policy_document" "tls" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([
    var.deny_insecure ? data.aws_iam_policy_document.tls.json : "",
    data.aws_iam_policy_document.write.json,
  ])
}
`;
    assert.equal(statements(run(workspace('data.aws_iam_policy_document.combined.json', docs))), '- Allow s3:PutObject on aws_s3_bucket.b by AWS:aws_iam_role.fn');
    assert.equal(statements(run(workspace('data.aws_iam_policy_document.combined.json', docs.replace('default = false', 'default = true')))), [
      '- Deny s3:* on *',
      '- Allow s3:PutObject on aws_s3_bucket.b by AWS:aws_iam_role.fn',
    ].join('\n'));
  });

  it('a source whose content is not known makes the document unknown, saying which (it used to be read as empty)', () => {
    const docs = `
variable "extra" { type = string }
data "aws_iam_policy_document" "d" {
  source_policy_documents = [var.extra]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`;
    assert.match(statements(run(workspace('data.aws_iam_policy_document.d.json', docs))), /^unknown: element 0 of source_policy_documents of data\.aws_iam_policy_document\.d is unknown/);
  });
});

describe('replace() placeholders in a policy JSON', () => {
  it('an unknown policy JSON keeps its statements, with the placeholder replaced by the bucket', () => {
    const docs = `
data "aws_iam_policy_document" "d" {
  statement {
    sid = "Write"
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.fn.arn]
    }
    actions   = ["s3:PutObject", "s3:ListBucket"]
    resources = ["_S3_BUCKET_ARN_/*", "_S3_BUCKET_ARN_"]
  }
}
locals {
  policy = replace(replace(data.aws_iam_policy_document.d.json, "_S3_BUCKET_ID_", aws_s3_bucket.b.id), "_S3_BUCKET_ARN_", aws_s3_bucket.b.arn)
}
`;
    assert.equal(statements(run(workspace('local.policy', docs))), 'Write Allow s3:PutObject,s3:ListBucket on aws_s3_bucket.b,aws_s3_bucket.b by AWS:aws_iam_role.fn');
  });

  it('a known JSON text is replaced exactly; a search that is not plain text inside strings keeps the policy unknown', () => {
    const json = 'jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "_ARN_/*" }] })';
    assert.equal(statements(run(workspace(`replace(${json}, "_ARN_", aws_s3_bucket.b.arn)`))), '- Allow s3:GetObject on aws_s3_bucket.b');
    assert.match(statements(run(workspace(`replace(${json}, "/_A.N_/", aws_s3_bucket.b.arn)`))), /^unknown: replace: replace is unknown/);
    assert.match(statements(run(workspace(`replace(${json}, "\\"Resource\\"", aws_s3_bucket.b.arn)`))), /^unknown: replace: replace is unknown/);
  });

  it('end to end: the s3-bucket module pattern grants the role PutObject, which a PutObject-only gateway endpoint allows', () => {
    const text = `//- /w/main.tf
${provider('us-east-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${routeTable('private')}${association('a', 'private')}${securityGroup('fn', 'https')}${BUCKET}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.private.id]
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = ["s3:PutObject"], Resource = ["\${aws_s3_bucket.b.arn}/*"] }] })
}
${vpcFunction('fn', { subnets: ['a'], env: 'BUCKET = aws_s3_bucket.b.id', attributes: ['role          = aws_iam_role.fn.arn'] })}
data "aws_iam_policy_document" "bucket" {
  statement {
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.fn.arn]
    }
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*"]
  }
}
data "aws_iam_policy_document" "combined" {
  source_policy_documents = compact([false ? "{}" : "", data.aws_iam_policy_document.bucket.json])
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = replace(data.aws_iam_policy_document.combined.json, "_S3_BUCKET_ID_", aws_s3_bucket.b.id)
}
`;
    const r = reachOf(run(text).result, 'aws_lambda_function.fn', 's3');
    assert.equal(`${r?.status} via ${r?.via}`, 'yes via gateway-endpoint');
  });
});
