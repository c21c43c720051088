// AWS::Serverless::Connector and embedded `Connectors`: SAM grants the source function Read/Write on the
// destination; the grant is a policy of the function, so the engine counts the destination among its needs.

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';
import { byAddress, readFixture, show } from './cfnFixture';

const YAML = `
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  Resources:
    Table: { Type: AWS::DynamoDB::Table }
    Topic: { Type: AWS::SNS::Topic }
    Writer:
      Type: AWS::Serverless::Function
      Properties: { Handler: a }
      Connectors:
        ToTopic:
          Properties:
            Destination: { Id: Topic }
            Permissions: [Write]
    Conn:
      Type: AWS::Serverless::Connector
      Properties:
        Source: { Id: Writer }
        Destination: [{ Id: Table }, { Type: AWS::S3::Bucket, Arn: arn:aws:s3:::logs }]
        Permissions: [Read]
`;

const JSON_TEMPLATE = `
  //- /template.json
  { "Transform": "AWS::Serverless-2016-10-31", "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "Writer": { "Type": "AWS::Lambda::Function", "Properties": { "Role": "arn:aws:iam::1:role/r", "Code": { "ZipFile": "x" } } },
    "Conn": { "Type": "AWS::Serverless::Connector", "Properties": { "Source": { "Id": "Writer" }, "Destination": { "Id": "Queue" }, "Permissions": ["Write"] } } } }
`;

describe('cloudformation SAM connectors', () => {
  it('grants the source function Read/Write on each destination (YAML, standalone and embedded)', () => {
    const out = readFixture(YAML);
    const fn = byAddress(out, 'Writer');
    assert.ok(fn.kind === 'lambda-function');
    const grants = fn.policies.filter((d) => d.statements.some((s) => s.actions.some((a) => typeof a === 'string' && !a.startsWith('logs:'))))
      .flatMap((d) => d.statements.map((s) => `${show(s.resources)} ${s.actions.length} actions, first ${show(s.actions[0])}`));
    assert.deepEqual(grants.sort(), [
      '[arn:aws:s3:::logs] 13 actions, first s3:GetObject',
      '[{ref: Table}] 6 actions, first dynamodb:GetItem',
      '[{ref: Topic}] 1 actions, first sns:Publish',
    ]);
    assert.deepEqual(out.problems.filter((p) => p.code === 'cfn-unsupported-types' || p.code === 'cfn-invalid-reference'), []);
  });

  it('the destination is among the function needs (JSON, a plain Lambda function)', () => {
    const session = new AnalysisSession({ region: 'eu-west-1' });
    session.setFile('/w/template.json', JSON_TEMPLATE.replace('//- /template.json', ''));
    const a = session.analyze();
    const sqs = a.result.functions[0]?.reach.find((r) => r.destination === 'sqs');
    assert.ok(sqs?.needed);
    assert.deepEqual(sqs.neededBecause, ['the function policy allows sqs:DeleteMessage', 'the function policy allows sqs:SendMessage', 'the function policy allows sqs:ChangeMessageVisibility', 'the function policy allows sqs:PurgeQueue']);
  });
});
