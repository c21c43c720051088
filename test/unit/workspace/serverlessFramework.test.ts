// A Serverless Framework service's functions are read from the CloudFormation `serverless package` writes; without
// it, serverless.yml gets one note instead of a silent "0 functions".

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';

const SERVICE = 'service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: handler.api\n';
const PACKAGED = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { ApiLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'handler.api', Role: 'arn:aws:iam::123456789012:role/r', Code: { S3Bucket: 'b', S3Key: 'k' } } } },
});

function notes(files: Readonly<Record<string, string>>): string[] {
  const session = new AnalysisSession({});
  for (const [path, text] of Object.entries(files)) session.setFile(path, text);
  const a = session.analyze();
  return a.problems.filter((p) => p.code === 'serverless-not-packaged').map((p) => `${p.file}:${p.span.start}-${p.span.end}`);
}

describe('Serverless Framework services', () => {
  it('a serverless.yml with functions and no packaged template: one note, on its functions key', () => {
    const start = SERVICE.indexOf('functions');
    assert.deepEqual(notes({ '/w/svc/serverless.yml': SERVICE }), [`/w/svc/serverless.yml:${start}-${start + 'functions'.length}`]);
    assert.equal(notes({ '/w/svc/serverless.yaml': SERVICE }).length, 1);
  });

  it('no note once the packaged template is in the workspace, whose function is then analysed', () => {
    const session = new AnalysisSession({});
    session.setFile('/w/svc/serverless.yml', SERVICE);
    assert.equal(session.analyze().problems.filter((p) => p.code === 'serverless-not-packaged').length, 1);
    session.setFile('/w/svc/.serverless/cloudformation-template-update-stack.json', PACKAGED);
    const a = session.analyze();
    assert.deepEqual(a.problems.filter((p) => p.code === 'serverless-not-packaged'), []);
    assert.deepEqual(a.result.functions.map((f) => a.model.get(f.function)?.address), ['ApiLambdaFunction']);
  });

  it('no note for a serverless.yml without functions, nor for other YAML files with a functions key', () => {
    assert.deepEqual(notes({ '/w/svc/serverless.yml': 'service: shared\nresources:\n  Resources: {}\n', '/w/other.yml': SERVICE }), []);
  });
});
