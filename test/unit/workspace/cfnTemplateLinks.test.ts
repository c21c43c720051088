// CloudFormation template links in the workspace units: a CDK NestedStack's template (named only by the
// stack resource's `aws:asset:path` metadata, its TemplateURL is an S3 asset hash) joins its parent's unit
// with cdk.out/manifest.json; a TemplateURL naming a file still links as before.

import * as assert from 'node:assert/strict';
import { planUnits, templateLinks } from '../../../server/src/workspace/units';

function plan(files: Readonly<Record<string, string>>): string[] {
  return planUnits({
    paths: Object.keys(files).sort(),
    moduleCalls: () => [],
    isTemplate: (p) => (files[p] ?? '').includes('"Resources"') || (files[p] ?? '').includes('Resources:'),
    templateLinks: (p) => templateLinks(files[p] ?? ''),
    isPlan: () => false,
    sharedPaths: [],
  }).map((u) => `${u.key}: ${u.paths.join(' ')}`);
}

describe('CloudFormation template links', () => {
  it('finds a nested template through aws:asset:path (JSON and YAML)', () => {
    assert.deepEqual(templateLinks('{"Metadata": {"aws:cdk:path": "App/N", "aws:asset:path": "AppN1234.nested.template.json", "aws:asset:property": "TemplateURL"}}').nestedFileNames, ['AppN1234.nested.template.json']);
    assert.deepEqual(templateLinks('Metadata:\n  aws:asset:path: sub/Net.nested.template.yaml\n').nestedFileNames, ['Net.nested.template.yaml']);
    assert.deepEqual(templateLinks('Metadata:\n  aws:asset:path: asset.abc123\n').nestedFileNames, []);
  });

  it('groups a CDK parent, its NestedStack template and the manifest in one unit', () => {
    const parent = '{"Resources": {"N": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://s3/abc.json"}, "Metadata": {"aws:asset:path": "AppN.nested.template.json"}}}}';
    assert.deepEqual(plan({
      '/w/cdk.out/manifest.json': '{"artifacts": {}}',
      '/w/cdk.out/App.template.json': parent,
      '/w/cdk.out/AppN.nested.template.json': '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}',
      '/w/other.yaml': 'Resources:\n  Q: { Type: AWS::SQS::Queue }\n',
    }), [
      'cfn:/w/cdk.out/App.template.json: /w/cdk.out/App.template.json /w/cdk.out/AppN.nested.template.json /w/cdk.out/manifest.json',
      'cfn:/w/other.yaml: /w/other.yaml',
    ]);
  });
});
