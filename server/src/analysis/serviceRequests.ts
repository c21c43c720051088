// The requests a function makes to one AWS service (actions × resources), for endpoint policy checks (E7, E9):
// from its role's and its own policies (SAM policy templates included), else from the objects its
// environment and configuration refer to. Also resolves model objects to ARNs for the policy evaluator.

import { isKnown, type Maybe } from '../model/origin';
import type { IamPolicy, Id, LambdaFunction, PolicyDocument, PolicyStatement, PolicyValue } from '../model/types';
import type { NetworkModel } from '../model/network';
import type { EndpointRequest, NeededResource, PolicyResolver, RequestItem } from './endpointPolicy';
import { isPollingAction, normaliseService, serviceOfAction } from './intent';
import { partitionOfRegion } from '../model/partition';

/** Endpoint service name → IAM action prefix, where they differ. */
const actionPrefixes: Readonly<Record<string, string>> = { monitoring: 'cloudwatch', 'kinesis-firehose': 'firehose', 'kinesis-streams': 'kinesis' };

/** S3 actions on objects (ARN `bucket/key`) rather than on the bucket. */
const s3ObjectAction = /object|multipartupload/i;

/** The ARN of a service resource or function whose name is known; `*` for the account (the deployment's own). */
export function arnOfObject(model: NetworkModel, ref: Id): string | null {
  const o = model.get(ref);
  const region = isKnown(model.region) ? model.region : '*';
  const aws = partitionOfRegion(isKnown(model.region) ? model.region : undefined).partition;
  if (o?.kind === 'lambda-function') return isKnown(o.functionName) ? `arn:${aws}:lambda:${region}:*:function:${o.functionName}` : null;
  if (o?.kind !== 'service-resource' || !isKnown(o.resourceName)) return null;
  const name = o.resourceName;
  switch (normaliseService(o.service)) {
    case 's3': return `arn:${aws}:s3:::${name}`;
    case 'dynamodb': return `arn:${aws}:dynamodb:${region}:*:table/${name}`;
    case 'sqs': return `arn:${aws}:sqs:${region}:*:${name}`;
    case 'sns': return `arn:${aws}:sns:${region}:*:${name}`;
    case 'secretsmanager': return `arn:${aws}:secretsmanager:${region}:*:secret:${name}-??????`;
    case 'ssm': return `arn:${aws}:ssm:${region}:*:parameter${name.startsWith('/') ? '' : '/'}${name}`;
    case 'kinesis-streams': return `arn:${aws}:kinesis:${region}:*:stream/${name}`;
    case 'states': return `arn:${aws}:states:${region}:*:stateMachine:${name}`;
    case 'events': return `arn:${aws}:events:${region}:*:event-bus/${name}`;
    case 'logs': return `arn:${aws}:logs:${region}:*:log-group:${name}`;
    default: return null;
  }
}

export function policyResolver(model: NetworkModel): PolicyResolver {
  return {
    arnOf: (ref) => arnOfObject(model, ref),
    kindOf: (ref) => model.get(ref)?.kind,
    label: (ref) => model.get(ref)?.address ?? ref,
    ...(isKnown(model.region) ? { partition: partitionOfRegion(model.region).partition } : {}),
  };
}

function isObjectArn(arn: string): boolean {
  return /^arn:[^:]*:s3:::[^/]+\/./.test(arn);
}

/**
 * The resources one action of a statement needs. S3 object actions pair with object ARNs and bucket actions
 * with bucket ARNs (a SAM template grants both lists to both kinds); DynamoDB index and stream ARNs are
 * dropped when the statement also names tables, so a policy allowing the table is enough.
 */
function resourcesFor(model: NetworkModel, service: string, action: string, resources: readonly PolicyValue[]): NeededResource[] {
  const out: NeededResource[] = [];
  const wildcard = /[*?]/.test(action);
  const objectAction = s3ObjectAction.test(action);
  const tables = service === 'dynamodb' && resources.some((r) => typeof r === 'string' ? /:table\/[^/]+$/.test(r) : isKnown(r));
  for (const r of resources) {
    if (typeof r === 'string') {
      if (service === 's3' && !wildcard && r !== '*' && isObjectArn(r) !== objectAction) continue;
      if (tables && /:table\/[^/]+\/(index|stream)\//.test(r)) continue;
      out.push({ arn: r, ref: null, label: r });
    } else if ('ref' in r) {
      const o = model.get(r.ref);
      const label = o?.address ?? r.ref;
      const arn = arnOfObject(model, r.ref);
      if (service === 's3' && o?.kind === 'service-resource') {
        // `${aws_s3_bucket.b.arn}/*` reaches us as the bucket: the action tells which ARN it meant.
        if (wildcard || !objectAction) out.push({ arn, ref: r.ref, label });
        if (wildcard || objectAction) out.push({ arn: arn === null ? null : `${arn}/*`, ref: r.ref, label: `objects of ${label}` });
      } else out.push({ arn, ref: r.ref, label });
    } else out.push({ arn: null, ref: null, label: `an unknown resource (${r.reason})` });
  }
  return out;
}

function resourceKey(r: NeededResource): string {
  return `${r.arn ?? ''}#${r.ref ?? ''}#${r.arn === null && r.ref === null ? r.label : ''}`;
}

class Items {
  readonly list: RequestItem[] = [];
  private readonly seen = new Set<string>();
  incomplete: string | null = null;
  add(action: string, resource: NeededResource, because: string): void {
    const key = `${action.toLowerCase()} ${resourceKey(resource)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ action, resource, because });
  }
}

function addDocument(model: NetworkModel, items: Items, service: string, doc: Maybe<PolicyDocument>, polled: ReadonlySet<string>, from: string): void {
  if (!isKnown(doc)) { items.incomplete ??= `a policy of ${from} is unknown: ${doc.reason}`; return; }
  for (const st of doc.statements) {
    if (st.effect !== 'Allow' || st.notActions !== undefined) continue;
    for (const action of st.actions) {
      if (!isKnown(action)) { items.incomplete ??= `an action granted by ${from} is unknown`; continue; }
      if (serviceOfAction(action) !== service) continue;
      if (isPollingAction(action, polled)) continue; // C8
      const resources = st.notResources !== undefined ? [{ arn: '*', ref: null, label: 'any resource' }] : resourcesFor(model, service, action, st.resources);
      for (const r of resources) items.add(action, r, `${from} allows ${action}`);
    }
  }
}

/** What the function asks of `service` (an endpoint service name: s3, dynamodb, sqs, kinesis-streams…). */
export function requestOf(model: NetworkModel, fn: LambdaFunction, service: string): EndpointRequest {
  const items = new Items();
  const polled = new Set<string>();
  for (const esm of model.eventSourceMappingsOf(fn.id)) if (isKnown(esm.sourceService)) polled.add(esm.sourceService.toLowerCase());
  for (const doc of fn.policies) addDocument(model, items, service, doc, polled, 'the function policy');
  let role: Id | null = null;
  if (fn.role !== null && isKnown(fn.role) && model.get(fn.role)?.kind === 'iam-role') {
    role = fn.role;
    const rp = model.rolePolicies(fn.role);
    const from = `role ${model.get(fn.role)?.address ?? fn.role}`;
    for (const doc of rp.documents) addDocument(model, items, service, doc, polled, from);
    for (const arn of [...rp.managedPolicyArns, ...fn.managedPolicyArns]) addManaged(items, service, arn, from);
  } else {
    for (const arn of fn.managedPolicyArns) addManaged(items, service, arn, 'the function');
    if (fn.role !== null) items.incomplete ??= isKnown(fn.role) ? `its role ${fn.role} is not in the workspace` : `its role is unknown: ${fn.role.reason}`;
    else if (fn.policies.length === 0) items.incomplete ??= 'the function has no role or policies in the workspace';
  }
  // A bucket policy that names the function's role grants it too (same account: either policy is enough).
  if (role !== null) for (const policy of resourcePolicies(model)) addResourceGrants(model, items, service, policy, role, polled);
  // Without granted actions for the service, the objects it refers to still say what it touches.
  if (items.list.length === 0) {
    const prefix = actionPrefixes[service] ?? service;
    const refs = [...fn.environment.flatMap((e) => e.refs.map((ref) => ({ ref, because: `environment variable ${e.name} refers to ${model.get(ref)?.address ?? ref}` }))),
      ...fn.refs.map((ref) => ({ ref, because: `the function refers to ${model.get(ref)?.address ?? ref}` }))];
    for (const { ref, because } of refs) {
      const o = model.get(ref);
      // E9: what code does with another function's name is invoke it (lambda:InvokeFunction authorises Invoke and
      // InvokeWithResponseStream), an exact action; a queue, topic or secret is used by several (sqs:* stays).
      if (o?.kind === 'lambda-function') {
        if (service === 'lambda' && o.id !== fn.id) items.add('lambda:InvokeFunction', { arn: arnOfObject(model, ref), ref, label: o.address }, because);
        continue;
      }
      if (o?.kind !== 'service-resource' || normaliseService(o.service) !== service) continue;
      // A bucket named in the environment is used for its objects: "some s3 action on its objects".
      const arn = service === 's3' ? arnOfObject(model, ref) : null;
      const resources = service === 's3' ? [{ arn: arn === null ? null : `${arn}/*`, ref, label: `objects of ${o.address}` }] : resourcesFor(model, service, `${prefix}:*`, [{ ref }]);
      for (const r of resources) items.add(`${prefix}:*`, r, because);
    }
  }
  const key = `${role ?? '-'}|${items.incomplete === null ? 'c' : 'i'}|${items.list.map((i) => `${i.action} ${resourceKey(i.resource)}`).sort().join(',')}`;
  return { key, service, role, items: items.list, incomplete: items.incomplete };
}

const resourcePolicyCache = new WeakMap<NetworkModel, readonly IamPolicy[]>();

/** The resource-based policies of the model (bucket policies), listed once per model. */
function resourcePolicies(model: NetworkModel): readonly IamPolicy[] {
  let list = resourcePolicyCache.get(model);
  if (list === undefined) resourcePolicyCache.set(model, (list = model.all('iam-policy').filter((p) => p.resource !== undefined)));
  return list;
}

/**
 * The Allow statements of a resource-based policy whose Principal names the role itself (its ARN or the
 * role). A statement for everyone (`*`) says nothing about what this function does, so it adds nothing.
 */
function addResourceGrants(model: NetworkModel, items: Items, service: string, policy: IamPolicy, role: Id, polled: ReadonlySet<string>): void {
  if (!isKnown(policy.document)) return;
  const from = `the ${service === 's3' ? 'bucket ' : ''}policy ${policy.address}`;
  const names = (st: PolicyStatement): boolean => st.principals !== undefined && isKnown(st.principals)
    && st.principals.some((p) => p.type === 'AWS' && p.values.some((v) => typeof v === 'object' && 'ref' in v && v.ref === role && (v.attribute === undefined || /^arn$/i.test(v.attribute))));
  const statements = policy.document.statements.filter(names);
  if (statements.length === 0) return;
  addDocument(model, items, service, { statements }, polled, from);
}

/**
 * The AWS managed policies of functions' own roles grant logs, network interface, X-Ray or polling actions and no
 * lambda: action (AWSLambdaBasicExecutionRole, AWSLambdaVPCAccessExecutionRole, AWSLambdaSQSQueueExecutionRole,
 * AWSLambdaENIManagementAccess, AWSLambdaExecute), though their names start like AWSLambda_FullAccess's.
 */
const lambdaRolePolicy = /^AWSLambda\w*(ExecutionRole|ENIManagementAccess)|^AWSLambdaExecute$/i;

/** Managed policies grant the service on every resource: the requests are known only as "some action, any resource". */
function addManaged(items: Items, service: string, arn: Maybe<string>, from: string): void {
  if (!isKnown(arn)) { items.incomplete ??= `a managed policy of ${from} is unknown`; return; }
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const prefix = actionPrefixes[service] ?? service;
  if (service === 'lambda' && lambdaRolePolicy.test(name)) return;
  const grants = new RegExp(`^Amazon${prefix}|^AWS${prefix}`, 'i').test(name) || (service === 'secretsmanager' && /SecretsManager/i.test(name));
  const action = service === 'lambda' && /^AWSLambdaRole$/i.test(name) ? 'lambda:InvokeFunction' : `${prefix}:*`;
  if (grants) items.add(action, { arn: '*', ref: null, label: 'any resource' }, `${from} has ${name}`);
  else if (!/^arn:[^:]+:iam::aws:policy\//.test(arn)) items.incomplete ??= `the customer managed policy ${name} of ${from} is not read`;
}
