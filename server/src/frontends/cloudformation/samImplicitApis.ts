// The implicit APIs SAM generates from function events: `ServerlessRestApi` for an `Api` event without a
// RestApiId, `ServerlessHttpApi` for an `HttpApi` event without an ApiId, with their stages and deployments.
// References to them are valid; the APIs themselves are opaque (an API Gateway event is not VPC traffic).

import type { Span } from '../../syntax/text';
import { asMap, child, scalarString, type CfnResource } from './template';

/**
 * SAM "Generated resources" (docs.aws.amazon.com/serverless-application-model/latest/developerguide/
 * sam-specification-generated-resources-api.html and …-function.html, "Api" / "HttpApi" event sources):
 * an `Api` event whose RestApiId is not given is collected into the "implicit API" `ServerlessRestApi`
 * (AWS::ApiGateway::RestApi, one per stack) with the stage `ServerlessRestApiProdStage` and a deployment
 * (`ServerlessRestApi.Stage`, `ServerlessRestApi.Deployment`); an `HttpApi` event without ApiId goes into the
 * implicit HTTP API `ServerlessHttpApi` with the `$default` stage `ServerlessHttpApiApiGatewayDefaultStage`
 * (`ServerlessHttpApi.Stage`). State machines' Api events join the same implicit REST API.
 */
const GENERATED: Readonly<Record<'Api' | 'HttpApi', readonly (readonly [string, string])[]>> = {
  Api: [
    ['ServerlessRestApi', 'AWS::ApiGateway::RestApi'],
    ['ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage'],
    ['ServerlessRestApi.Stage', 'AWS::ApiGateway::Stage'],
    ['ServerlessRestApi.Deployment', 'AWS::ApiGateway::Deployment'],
  ],
  HttpApi: [
    ['ServerlessHttpApi', 'AWS::ApiGatewayV2::Api'],
    ['ServerlessHttpApiApiGatewayDefaultStage', 'AWS::ApiGatewayV2::Stage'],
    ['ServerlessHttpApi.Stage', 'AWS::ApiGatewayV2::Stage'],
  ],
};

/** The property of an event that names an explicit API instead of the implicit one. */
const EXPLICIT_API: Readonly<Record<'Api' | 'HttpApi', string>> = { Api: 'RestApiId', HttpApi: 'ApiId' };

export interface ImplicitApiResource {
  /** The generated logical id, or `Api.Stage` / `Api.Deployment` for SAM's referenceable properties. */
  readonly name: string;
  readonly type: string;
  /** The first function event that makes SAM generate it: the definition a go-to-definition jumps to. */
  readonly eventSpan: Span;
}

/** The implicit API resources of a template's functions and state machines, by referenceable name. */
export function implicitApis(resources: ReadonlyMap<string, CfnResource>): ReadonlyMap<string, ImplicitApiResource> {
  const out = new Map<string, ImplicitApiResource>();
  for (const r of resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' && r.type !== 'AWS::Serverless::StateMachine') continue;
    for (const e of asMap(child(r.properties, 'Events'))?.entries ?? []) {
      const event = asMap(e.value);
      const type = scalarString(child(event, 'Type'));
      if (type !== 'Api' && type !== 'HttpApi') continue;
      if (child(asMap(child(event, 'Properties')), EXPLICIT_API[type]) !== undefined) continue;
      for (const [name, resourceType] of GENERATED[type]) {
        if (!out.has(name) && !resources.has(name)) out.set(name, { name, type: resourceType, eventSpan: e.key.span });
      }
    }
  }
  return out;
}

/** Why the value of an implicit API reference is not known before deployment (its id is chosen by AWS). */
export function implicitApiReason(api: ImplicitApiResource, attribute?: string): string {
  const what = attribute !== undefined ? `${api.name}.${attribute}` : api.name;
  return `${what} belongs to the ${api.type} SAM generates for the function events without an explicit API; its id is chosen at deploy time`;
}
