// SAM implicit APIs: an `Api` event without RestApiId makes SAM generate `ServerlessRestApi` (stage
// `ServerlessRestApiProdStage`, `ServerlessRestApi.Stage`), an `HttpApi` event without ApiId makes
// `ServerlessHttpApi`; references to them are valid (opaque: unknown ids), and only when such an event exists.

import * as assert from 'node:assert/strict';
import { readFixture } from './cfnFixture';

const template = (events: string, outputs: string): string => `
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  Resources:
    MyApi: { Type: AWS::Serverless::Api, Properties: { StageName: dev } }
    Fn:
      Type: AWS::Serverless::Function
      Properties:
        Handler: a
        Events:
${events}
  Outputs:
${outputs}
`;

const REST = '          Get: { Type: Api, Properties: { Path: /, Method: get } }';
const HTTP = '          Http: { Type: HttpApi }';
const EXPLICIT = '          Get: { Type: Api, Properties: { Path: /, Method: get, RestApiId: !Ref MyApi } }';
const QUEUE = '          Q: { Type: SQS, Properties: { Queue: arn:aws:sqs:us-east-1:123456789012:q } }';

function problems(fixture: string): string[] {
  return readFixture(fixture).problems.filter((p) => p.code !== 'cfn-unsupported-types').map((p) => `${p.code}: ${p.message}`);
}

function hoverAt(fixture: string, needle: string): { text: string | undefined; resourceType: string | undefined; definition: string | undefined } {
  const out = readFixture(fixture);
  const text = out.files.get('/template.yaml') ?? '';
  const h = out.index.at('/template.yaml', text.indexOf(needle) + 1);
  const def = h?.definition;
  return { text: h?.text, resourceType: h?.resourceType, definition: def !== undefined ? text.slice(def.span.start, def.span.end) : undefined };
}

describe('cloudformation SAM implicit APIs', () => {
  it('Ref, GetAtt and Sub of ServerlessRestApi and its stage are valid with an Api event', () => {
    assert.deepEqual(problems(template(REST, `
    A: { Value: !Ref ServerlessRestApi }
    B: { Value: !GetAtt ServerlessRestApi.RootResourceId }
    C: { Value: !Sub 'https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/' }
    D: { Value: !Ref ServerlessRestApiProdStage }
    E: { Value: !Ref ServerlessRestApi.Stage }
    F: { Value: !Sub '\${ServerlessRestApi.Deployment}' }
    G: { Value: { 'Fn::GetAtt': [ServerlessRestApi, RootResourceId] } }`)), []);
  });

  it('ServerlessHttpApi and its $default stage are valid with an HttpApi event (the serverless-patterns case)', () => {
    assert.deepEqual(problems(template(HTTP, `
    Url: { Value: { 'Fn::Sub': 'https://\${ServerlessHttpApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/' } }
    S: { Value: !Ref ServerlessHttpApiApiGatewayDefaultStage }
    T: { Value: !Ref ServerlessHttpApi.Stage }`)), []);
  });

  it('without the matching event the names are still invalid', () => {
    assert.deepEqual(problems(template(EXPLICIT, `
    A: { Value: !Ref ServerlessRestApi }
    B: { Value: !Ref ServerlessHttpApi }`)), [
      "cfn-invalid-reference: Ref to 'ServerlessRestApi', which is neither a parameter nor a resource of this template",
      "cfn-invalid-reference: Ref to 'ServerlessHttpApi', which is neither a parameter nor a resource of this template",
    ]);
    assert.deepEqual(problems(template(QUEUE, `
    A: { Value: !GetAtt ServerlessRestApi.RootResourceId }
    B: { Value: !Sub '\${ServerlessHttpApi}' }`)), [
      "cfn-invalid-reference: Fn::GetAtt of 'ServerlessRestApi', which is not a resource of this template",
      'cfn-invalid-reference: ${ServerlessHttpApi} names no parameter, resource or attribute of this template',
    ]);
  });

  it('the hover says the id is chosen at deploy time and the definition is the generating event', () => {
    const h = hoverAt(template(REST, '    A: { Value: !Ref ServerlessRestApi }'), 'ServerlessRestApi }');
    assert.deepEqual(h, {
      text: 'unknown: ServerlessRestApi belongs to the AWS::ApiGateway::RestApi SAM generates for the function events without an explicit API; its id is chosen at deploy time',
      resourceType: 'AWS::ApiGateway::RestApi',
      definition: 'Get',
    });
  });

  it('an explicit resource named ServerlessRestApi wins, and the function model is unchanged', () => {
    const fixture = `
      Transform: AWS::Serverless-2016-10-31
      Resources:
        ServerlessRestApi: { Type: AWS::Serverless::Api, Properties: { StageName: x } }
        Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a, Events: { Get: { Type: Api, Properties: { Path: /, Method: get } } } } }
      Outputs:
        A: { Value: !Ref ServerlessRestApi }
    `;
    assert.deepEqual(problems(fixture), []);
    assert.equal(hoverAt(fixture, 'ServerlessRestApi }').resourceType, 'AWS::Serverless::Api');
    const withApi = readFixture(template(REST, '    A: { Value: !Ref ServerlessRestApi }')).objects.map((o) => `${o.kind} ${o.address}`).sort();
    const withoutRef = readFixture(template(REST, '    A: { Value: x }')).objects.map((o) => `${o.kind} ${o.address}`).sort();
    assert.deepEqual(withApi, withoutRef);
  });
});
