// Hover on a SAM policy template name: what it grants, not the function's hover again (the editing audit found
// S3ReadPolicy repeating the function hover).

import * as assert from 'node:assert/strict';
import { policyTemplateAt, policyTemplateMarkdown } from '../../../server/src/ide/samPolicyHover';
import { parseYaml } from '../../../server/src/syntax/yaml/yamlParser';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Data:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - S3ReadPolicy:
            BucketName: !Ref Data
        - AWSLambdaBasicExecutionRole
  Other:
    Type: AWS::SQS::Queue
    Properties:
      Policies:
        - S3ReadPolicy: {}
`;

describe('hover on a SAM policy template', () => {
  const file = parseYaml(template);
  const at = (needle: string, from = 0): number => template.indexOf(needle, from) + 2;

  it('expands the template under the cursor with its parameters as written', () => {
    const found = policyTemplateAt(file, template, at('S3ReadPolicy'));
    assert.ok(found);
    assert.deepEqual(found.params, [{ name: 'BucketName', text: '!Ref Data' }]);
    const markdown = policyTemplateMarkdown(found);
    assert.match(markdown, /^\*\*SAM policy template `S3ReadPolicy`\*\*\n\nAllows `s3:GetObject`, /);
    assert.match(markdown, /on `arn:aws:s3:::<BucketName>`, `arn:aws:s3:::<BucketName>\/\*`\./);
    assert.match(markdown, /`<BucketName>` = `!Ref Data`/);
  });

  it('not for a managed policy name, a parameter, or a resource that is not a SAM function', () => {
    assert.equal(policyTemplateAt(file, template, at('AWSLambdaBasicExecutionRole')), undefined);
    assert.equal(policyTemplateAt(file, template, at('BucketName')), undefined);
    assert.equal(policyTemplateAt(file, template, at('S3ReadPolicy', template.indexOf('Other:'))), undefined);
  });
});
