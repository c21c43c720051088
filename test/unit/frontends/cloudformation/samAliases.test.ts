// SAM AutoPublishAlias: `!Ref Fn.Version`, `!Ref Fn.Alias`, `${Fn.Alias}` and `!GetAtt Fn.Alias.Arn` name the
// version and alias SAM generates, so they are valid references and reach the function (a CloudFront
// association marks it Lambda@Edge); plain CloudFormation with AWS::Lambda::Version still does.

import * as assert from 'node:assert/strict';
import { byAddress, readFixture } from './cfnFixture';

const yaml = (ref: string, globals = false): string => `
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  ${globals ? 'Globals: { Function: { AutoPublishAlias: live } }' : ''}
  Resources:
    Edge:
      Type: AWS::Serverless::Function
      Properties:
        Handler: a
        ${globals ? '' : 'AutoPublishAlias: live'}
    Cdn:
      Type: AWS::CloudFront::Distribution
      Properties:
        DistributionConfig:
          DefaultCacheBehavior:
            LambdaFunctionAssociations:
              - EventType: viewer-request
                LambdaFunctionARN: ${ref}
`;

const json = `
  //- /template.json
  {
    "Transform": "AWS::Serverless-2016-10-31",
    "Resources": {
      "Edge": { "Type": "AWS::Serverless::Function", "Properties": { "Handler": "a", "AutoPublishAlias": "live" } },
      "Cdn": {
        "Type": "AWS::CloudFront::Distribution",
        "Properties": { "DistributionConfig": { "DefaultCacheBehavior": {
          "LambdaFunctionAssociations": [{ "EventType": "origin-request", "LambdaFunctionARN": { "Ref": "Edge.Alias" } }]
        } } }
      }
    }
  }
`;

function edgeOf(fixture: string): { edge: boolean; problems: string[] } {
  const out = readFixture(fixture);
  const fn = byAddress(out, 'Edge');
  assert.ok(fn.kind === 'lambda-function');
  return { edge: fn.edge, problems: out.problems.filter((p) => p.code !== 'cfn-unsupported-types').map((p) => `${p.code}: ${p.message}`) };
}

describe('cloudformation SAM AutoPublishAlias references', () => {
  for (const [what, ref] of [
    ['!Ref Fn.Version', '!Ref Edge.Version'],
    ['!Ref Fn.Alias', '!Ref Edge.Alias'],
    ['${Fn.Alias} in Fn::Sub', '!Sub "${Edge.Alias}"'],
    ['!GetAtt Fn.Alias.Arn', '!GetAtt Edge.Alias.Arn'],
  ] as const) {
    it(`${what} is valid and makes the function Lambda@Edge (YAML)`, () => {
      assert.deepEqual(edgeOf(yaml(ref)), { edge: true, problems: [] });
    });
  }

  it('JSON { "Ref": "Edge.Alias" } is valid and reaches the function', () => {
    assert.deepEqual(edgeOf(json), { edge: true, problems: [] });
  });

  it('AutoPublishAlias from Globals counts', () => {
    assert.deepEqual(edgeOf(yaml('!Ref Edge.Version', true)), { edge: true, problems: [] });
  });

  it('without AutoPublishAlias SAM generates no version: the reference is invalid', () => {
    const r = edgeOf(yaml('!Ref Edge.Version').replace('AutoPublishAlias: live', ''));
    assert.deepEqual(r, { edge: false, problems: ["cfn-invalid-reference: Ref to 'Edge.Version', which is neither a parameter nor a resource of this template"] });
  });

  it('the hover of !Ref Fn.Version names the function and its definition', () => {
    const out = readFixture(yaml('!Ref Edge.Version'));
    const text = out.files.get('/template.yaml') ?? '';
    const h = out.index.at('/template.yaml', text.indexOf('Edge.Version') + 2);
    assert.equal(h?.occurrence.name, 'Edge');
    assert.equal(h?.occurrence.attribute, 'Version');
    assert.equal(h?.text, '<ref /template.yaml::Edge Version>');
    assert.equal(h?.definition?.name, 'Edge');
    assert.equal(out.index.references('/template.yaml', 'Edge').length, 1);
  });

  it('plain CloudFormation: an AWS::Lambda::Version of the function still reaches it', () => {
    const out = readFixture(`
      //- /t.json
      {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
          "Edge": { "Type": "AWS::Lambda::Function", "Properties": { "Role": "arn:aws:iam::1:role/r", "Code": { "ZipFile": "x" } } },
          "EdgeVersion": { "Type": "AWS::Lambda::Version", "Properties": { "FunctionName": { "Ref": "Edge" } } },
          "Cdn": { "Type": "AWS::CloudFront::Distribution", "Properties": { "DistributionConfig": { "DefaultCacheBehavior": {
            "LambdaFunctionAssociations": [{ "EventType": "viewer-request", "LambdaFunctionARN": { "Ref": "EdgeVersion" } }] } } } }
        }
      }
    `);
    const fn = byAddress(out, 'Edge');
    assert.ok(fn.kind === 'lambda-function' && fn.edge);
    assert.deepEqual(out.problems.filter((p) => p.code === 'cfn-invalid-reference'), []);
  });
});
