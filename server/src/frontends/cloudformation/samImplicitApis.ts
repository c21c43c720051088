// The resources SAM generates that a template may reference by name: the implicit APIs (`ServerlessRestApi`
// for an `Api` event without a RestApiId, `ServerlessHttpApi` for an `HttpApi` event without an ApiId, with
// their stages and deployments), and the per-resource ones (a function's `<Fn>Role`, `<Fn>Alias<alias>`,
// `<Fn><Event>` event source resources and permissions, an API's `<Api>.Stage`…). References to them are valid;
// the generated resources themselves are opaque (none of them is VPC traffic).

import type { DataMap, DataNode } from '../../syntax/data/ast';
import type { Span } from '../../syntax/text';
import { asMap, child, entry, intrinsicOf, keyName, scalarString, type CfnResource } from './template';

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
  /** For a per-resource generated resource: the serverless resource that generates it. */
  readonly owner?: string;
}

/**
 * The resource an event of each type makes SAM generate under the name `<Fn><Event>` (SAM "Generated
 * resources", Event sources: streaming sources get an event source mapping, EventBridge-style sources a rule…).
 * Every event other than these and Api/HttpApi (which use the implicit or explicit API) also gets a
 * `<Fn><Event>Permission`.
 */
const EVENT_RESOURCE: Readonly<Record<string, string>> = {
  SQS: 'AWS::Lambda::EventSourceMapping',
  Kinesis: 'AWS::Lambda::EventSourceMapping',
  DynamoDB: 'AWS::Lambda::EventSourceMapping',
  MQ: 'AWS::Lambda::EventSourceMapping',
  MSK: 'AWS::Lambda::EventSourceMapping',
  SelfManagedKafka: 'AWS::Lambda::EventSourceMapping',
  DocumentDB: 'AWS::Lambda::EventSourceMapping',
  Schedule: 'AWS::Events::Rule',
  CloudWatchEvent: 'AWS::Events::Rule',
  EventBridgeRule: 'AWS::Events::Rule',
  ScheduleV2: 'AWS::Scheduler::Schedule',
  SNS: 'AWS::SNS::Subscription',
  CloudWatchLogs: 'AWS::Logs::SubscriptionFilter',
  IoTRule: 'AWS::IoT::TopicRule',
};

/**
 * The SAM-generated resources of a template that can be referenced by name, by that name: the implicit APIs of
 * functions' and state machines' events, and each serverless resource's own generated resources (see
 * perResource). `globals` is the template's Globals section (AutoPublishAlias and an API's StageName may come
 * from it).
 */
export function implicitApis(resources: ReadonlyMap<string, CfnResource>, globals?: DataMap): ReadonlyMap<string, ImplicitApiResource> {
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
  for (const r of resources.values()) perResource(r, resources, globals, (name, type, span) => {
    if (!out.has(name) && !resources.has(name)) out.set(name, { name, type, eventSpan: span, owner: r.logicalId });
  });
  return out;
}

/** A property of a serverless resource, or of its Globals section when the resource does not set it. */
function ownOrGlobal(r: CfnResource, globals: DataMap | undefined, section: string, name: string): string | undefined {
  const own = entry(r.properties, name);
  if (own !== undefined) return scalarString(own.value);
  return scalarString(child(asMap(child(globals, section)), name));
}

/**
 * SAM "Generated resources" for AWS::Serverless::Function, StateMachine, Api and HttpApi
 * (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-*.html):
 * `<Fn>Role` without a Role, `<Fn>Alias<alias>` with AutoPublishAlias, `<Fn>DeploymentGroup` (and the
 * stack's `ServerlessDeploymentApplication`, `CodeDeployServiceRole`) with DeploymentPreference, `<Fn>Url` with
 * FunctionUrlConfig, `<Fn><Event>` and `<Fn><Event>Permission` per event, `<Api><Stage>Stage`, `<Api>.Stage`,
 * `<Api>.Deployment`. Names built from an intrinsic (an alias from a parameter) are not known and not listed.
 */
function perResource(r: CfnResource, resources: ReadonlyMap<string, CfnResource>, globals: DataMap | undefined, add: (name: string, type: string, span: Span) => void): void {
  const id = r.logicalId;
  const span = r.keySpan;
  switch (r.type) {
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine': {
      const fn = r.type === 'AWS::Serverless::Function';
      if (entry(r.properties, 'Role') === undefined) add(`${id}Role`, 'AWS::IAM::Role', span);
      if (!fn) break;
      const alias = ownOrGlobal(r, globals, 'Function', 'AutoPublishAlias');
      if (alias !== undefined) add(`${id}Alias${alias}`, 'AWS::Lambda::Alias', span);
      if (entry(r.properties, 'DeploymentPreference') !== undefined || child(asMap(child(globals, 'Function')), 'DeploymentPreference') !== undefined) {
        add(`${id}DeploymentGroup`, 'AWS::CodeDeploy::DeploymentGroup', span);
        add('ServerlessDeploymentApplication', 'AWS::CodeDeploy::Application', span);
        add('CodeDeployServiceRole', 'AWS::IAM::Role', span);
      }
      if (entry(r.properties, 'FunctionUrlConfig') !== undefined || child(asMap(child(globals, 'Function')), 'FunctionUrlConfig') !== undefined) {
        add(`${id}Url`, 'AWS::Lambda::Url', span);
        add(`${id}UrlPublicPermissions`, 'AWS::Lambda::Permission', span);
      }
      for (const e of asMap(child(r.properties, 'Events'))?.entries ?? []) {
        const type = scalarString(child(asMap(e.value), 'Type'));
        const name = `${id}${keyName(e)}`;
        if (type === 'Api') {
          // The permission is suffixed with the stage: Prod for the implicit API, the explicit API's literal
          // StageName, or AllStages when that is an intrinsic (SAM translator, Api event _get_permissions).
          add(`${name}Permission${apiStageSuffix(e.value, resources, globals)}`, 'AWS::Lambda::Permission', e.key.span);
          continue;
        }
        add(`${name}Permission`, 'AWS::Lambda::Permission', e.key.span);
        const generated = type !== undefined ? EVENT_RESOURCE[type] : undefined;
        if (generated !== undefined) add(name, generated, e.key.span);
        if (type === 'SNS') {
          add(`${name}Queue`, 'AWS::SQS::Queue', e.key.span);
          add(`${name}QueuePolicy`, 'AWS::SQS::QueuePolicy', e.key.span);
          add(`${name}EventSourceMapping`, 'AWS::Lambda::EventSourceMapping', e.key.span);
        }
      }
      break;
    }
    case 'AWS::Serverless::Api':
    case 'AWS::Serverless::HttpApi': {
      const http = r.type === 'AWS::Serverless::HttpApi';
      const stageType = http ? 'AWS::ApiGatewayV2::Stage' : 'AWS::ApiGateway::Stage';
      add(`${id}.Stage`, stageType, span);
      if (!http) add(`${id}.Deployment`, 'AWS::ApiGateway::Deployment', span);
      const stage = ownOrGlobal(r, globals, http ? 'HttpApi' : 'Api', 'StageName');
      // An HTTP API without StageName deploys to the `$default` stage, `<Api>ApiGatewayDefaultStage`.
      if (stage !== undefined && stage !== '$default') add(`${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage`, stageType, span);
      else if (http) add(`${id}ApiGatewayDefaultStage`, stageType, span);
      break;
    }
    default:
      break;
  }
}

/** The stage suffix of an Api event's permission: `Prod`, the explicit API's StageName, or `AllStages`. */
function apiStageSuffix(event: DataNode, resources: ReadonlyMap<string, CfnResource>, globals: DataMap | undefined): string {
  const apiId = child(asMap(child(asMap(event), 'Properties')), 'RestApiId');
  if (apiId === undefined) return 'Prod';
  const ref = intrinsicOf(apiId);
  const api = ref?.name === 'Ref' ? resources.get(scalarString(ref.arg) ?? '') : undefined;
  const stage = api !== undefined && api.type === 'AWS::Serverless::Api' ? ownOrGlobal(api, globals, 'Api', 'StageName') : undefined;
  return stage !== undefined ? stage.replace(/[^A-Za-z0-9]/g, '') : 'AllStages';
}

/** Why the value of a reference to a SAM-generated resource is not known before deployment (its id is chosen by AWS). */
export function implicitApiReason(api: ImplicitApiResource, attribute?: string): string {
  const what = attribute !== undefined ? `${api.name}.${attribute}` : api.name;
  const source = api.owner !== undefined ? api.owner : 'the function events without an explicit API';
  return `${what} belongs to the ${api.type} SAM generates for ${source}; its id is chosen at deploy time`;
}
