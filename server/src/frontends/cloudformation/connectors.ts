// SAM connectors (AWS::Serverless::Connector, and `Connectors` embedded in a resource) → the IAM statements
// the SAM translator grants the source function on each destination (Read / Write), so the function's
// needs include the destination like a SAM policy template's would (see policy.ts).

import { unknown, type Maybe } from '../../model/origin';
import type { PolicyDocument, PolicyStatement } from '../../model/types';
import type { DataMap } from '../../syntax/data/ast';
import type { CfnEvaluator } from './evaluate';
import { policyResource } from './policy';
import { asMap, child, keyName, type CfnResource } from './template';
import { field, isCfnList, isCfnUnknown, type CfnValue } from './value';
import { override } from '../../model/override';

interface Access {
  readonly Read: readonly string[];
  readonly Write: readonly string[];
}

const DYNAMODB: Access = {
  Read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'],
  Write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
};
const LAMBDA: Access = { Read: [], Write: ['lambda:InvokeAsync', 'lambda:InvokeFunction'] };
const STATES: Access = { Read: ['states:DescribeExecution'], Write: ['states:StartExecution', 'states:StartSyncExecution', 'states:StopExecution'] };

/** What SAM grants a Lambda source per destination type (AWS SAM connector reference). */
const ACCESS: ReadonlyMap<string, Access> = new Map([
  ['AWS::DynamoDB::Table', DYNAMODB],
  ['AWS::Serverless::SimpleTable', DYNAMODB],
  ['AWS::S3::Bucket', {
    Read: ['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectLegalHold', 's3:GetObjectRetention', 's3:GetObjectTorrent', 's3:GetObjectVersion', 's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTorrent', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListBucketVersions', 's3:ListMultipartUploadParts'],
    Write: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:RestoreObject'],
  }],
  ['AWS::SQS::Queue', { Read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], Write: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'] }],
  ['AWS::SNS::Topic', { Read: [], Write: ['sns:Publish'] }],
  ['AWS::Lambda::Function', LAMBDA],
  ['AWS::Serverless::Function', LAMBDA],
  ['AWS::StepFunctions::StateMachine', STATES],
  ['AWS::Serverless::StateMachine', STATES],
  ['AWS::Events::EventBus', { Read: [], Write: ['events:PutEvents'] }],
]);

interface Connector {
  readonly resource: CfnResource;
  readonly properties: DataMap;
}

const indexes = new WeakMap<CfnEvaluator, ReadonlyMap<string, readonly Connector[]>>();

/** Connectors by source logical id, built once per stack instance. */
function connectorsBySource(ev: CfnEvaluator): ReadonlyMap<string, readonly Connector[]> {
  const known = indexes.get(ev);
  if (known !== undefined) return known;
  const out = new Map<string, Connector[]>();
  const add = (source: string, c: Connector): void => {
    const list = out.get(source);
    if (list === undefined) out.set(source, [c]);
    else list.push(c);
  };
  for (const r of ev.resources.values()) {
    if (r.type === 'AWS::Serverless::Connector' && r.properties !== undefined) {
      const src = child(r.properties, 'Source');
      const source = src !== undefined ? field(ev.evaluate(src, r.bindings), 'Id') : undefined;
      if (typeof source === 'string') add(source, { resource: r, properties: r.properties });
    }
    // Embedded connectors: the resource that declares them is the source.
    for (const e of asMap(child(r.node, 'Connectors'))?.entries ?? []) {
      const props = asMap(child(asMap(e.value), 'Properties'));
      if (props !== undefined) add(r.logicalId, { resource: override(r, { logicalId: `${r.logicalId}${keyName(e)}`, span: e.span, keySpan: e.key.span }), properties: props });
    }
  }
  indexes.set(ev, out);
  return out;
}

/** The policy documents SAM's connectors grant the function `logicalId` (empty when none names it as source). */
export function connectorPolicies(ev: CfnEvaluator, logicalId: string): PolicyDocument[] {
  const connectors = connectorsBySource(ev).get(logicalId);
  if (connectors === undefined) return [];
  return connectors.map((c) => {
    const read = (name: string): CfnValue => {
      const n = child(c.properties, name);
      return n !== undefined ? ev.evaluate(n, c.resource.bindings) : unknown(`the connector has no ${name}`);
    };
    const destinations = read('Destination');
    const permissions = read('Permissions');
    const statements = (isCfnList(destinations) ? destinations : [destinations]).map((d) => statement(ev, d, permissions));
    return { statements, origin: { file: ev.file, span: c.resource.span, nameSpan: c.resource.keySpan } };
  });
}

function statement(ev: CfnEvaluator, destination: CfnValue, permissions: CfnValue): PolicyStatement {
  const id = field(destination, 'Id');
  const target = typeof id === 'string' ? ev.resources.get(id) : undefined;
  const type = target?.type ?? field(destination, 'Type');
  const resources: (Maybe<string> | { readonly ref: string })[] = [];
  if (target !== undefined) resources.push({ ref: ev.idOf(target.logicalId) });
  else {
    const arn = field(destination, 'Arn');
    resources.push(arn !== undefined ? policyResource(arn) : unknown(typeof id === 'string' ? `connector destination '${id}' is not a resource of this template` : 'the connector destination has no Id or Arn'));
  }
  const access = typeof type === 'string' ? ACCESS.get(type) : undefined;
  if (access === undefined) return { effect: 'Allow', actions: [unknown(`a connector to ${typeof type === 'string' ? type : 'an unknown type'}`)], resources };
  if (!isCfnList(permissions)) return { effect: 'Allow', actions: [isCfnUnknown(permissions) ? permissions : unknown('the connector Permissions are not a list')], resources };
  const actions: Maybe<string>[] = [];
  for (const p of permissions) {
    if (p === 'Read' || p === 'Write') actions.push(...access[p]);
    else actions.push(isCfnUnknown(p) ? p : unknown(typeof p === 'string' ? `connector permission ${p}` : 'a connector permission is not a string'));
  }
  return { effect: 'Allow', actions, resources };
}
