// Lambda resources → model objects: AWS::Lambda::Function and AWS::Serverless::Function (SAM Globals, the
// generated role with its managed policies and policy templates, Events polled by the Lambda service →
// event source mappings), Lambda Managed Instances capacity providers, event source mappings, permissions.

import { unknown, type Maybe } from '../../model/origin';
import type { EnvironmentVariable, Id, LambdaFunction, ModelObject, PolicyDocument, PolicyStatement, VpcConfig } from '../../model/types';
import { Props, objectBase, toId, toOptionalId, toRefList, toStr, type ObjectBase, toNum } from './emitContext';
import { sameValue, type CfnEvaluator } from './evaluate';
import { connectorPolicies } from './connectors';
import { documentFromValue, expandPolicyTemplate, managedPolicyArn } from './policy';
import { mergeGlobals } from './samGlobals';
import { asMap, child, intrinsicOf, scalarString, type CfnResource } from './template';
import type { DataNode } from '../../syntax/data/ast';
import { cfnUnknown, field, isCfnList, isCfnMap, isCfnRef, isCfnUnknown, isNoValue, refsIn, type CfnRef, type CfnValue } from './value';
import { override } from '../../model/override';

// The managed policies of the role SAM generates, in the partition of the stack's Region (managedPolicyArn).
const BASIC_EXECUTION = 'service-role/AWSLambdaBasicExecutionRole';
const VPC_ACCESS = 'service-role/AWSLambdaVPCAccessExecutionRole';

/**
 * A field of VpcConfig. When the whole VpcConfig is unknown (`!If [Cond, {…}, !Ref AWS::NoValue]` under a
 * condition that cannot be decided) the field is unknown too, keeping each arm's value (an arm without the
 * field, or AWS::NoValue, is `absent`): the function is then neither attached nor detached by guess (M1, M3).
 */
function vpcField(v: CfnValue, name: string, absent: CfnValue): CfnValue | undefined {
  if (!isCfnUnknown(v)) return field(v, name);
  const arm = (b: CfnValue | undefined): CfnValue | undefined => (b === undefined ? undefined : isNoValue(b) ? absent : isCfnMap(b) ? field(b, name) ?? absent : undefined);
  const a = arm(v.branches?.[0]);
  const b = arm(v.branches?.[1]);
  if (v.branches?.length !== 2 || a === undefined || b === undefined) return v;
  if (sameValue(a, b)) return a;
  const refs = [...refsIn(a), ...refsIn(b)];
  return cfnUnknown(v.reason, { branches: [a, b], ...(refs.length > 0 ? { refs } : {}), ...(v.origin !== undefined ? { origin: v.origin } : {}) });
}

function vpcConfig(ev: CfnEvaluator, p: Props, inherited: boolean): VpcConfig | null {
  const v = p.get('VpcConfig');
  if (v === undefined) return null;
  if (!isCfnMap(v) && !isCfnUnknown(v)) {
    // Lambda rejects a VpcConfig that is not a map: the function is neither attached nor detached by guess (M3).
    ev.report('cfn-wrong-type', 'error', 'VpcConfig must be a map with SubnetIds and SecurityGroupIds', p.raw('VpcConfig')?.span ?? p.resource.keySpan);
    const why = unknown('VpcConfig is not a map');
    return { subnets: why, securityGroups: why, ipv6AllowedForDualStack: why, origin: { file: ev.file, span: p.entrySpan('VpcConfig') ?? p.resource.span }, ...(inherited ? { inheritedFromGlobals: true } : {}) };
  }
  const subnets = vpcField(v, 'SubnetIds', []);
  const sgs = vpcField(v, 'SecurityGroupIds', []);
  // An empty VpcConfig (both lists known and empty) detaches the function (M1).
  if (isCfnMap(v) && (subnets === undefined || (isCfnList(subnets) && subnets.length === 0)) && (sgs === undefined || (isCfnList(sgs) && sgs.length === 0))) return null;
  const ipv6 = vpcField(v, 'Ipv6AllowedForDualStack', false);
  const node = p.raw('VpcConfig');
  checkLiteralIds(ev, node, 'SubnetIds', 'subnet');
  checkLiteralIds(ev, node, 'SecurityGroupIds', 'sg');
  return {
    subnets: toRefList(subnets, 'subnet'),
    securityGroups: toRefList(sgs, 'security group'),
    ipv6AllowedForDualStack: ipv6 === undefined ? false : typeof ipv6 === 'boolean' ? ipv6 : ipv6 === 'true' ? true : ipv6 === 'false' ? false : isCfnUnknown(ipv6) ? ipv6 : unknown('Ipv6AllowedForDualStack is not a boolean'),
    // From the `VpcConfig` key, as Terraform's findings start at `vpc_config {`: the line a user puts the cursor on.
    origin: { file: ev.file, span: p.entrySpan('VpcConfig') ?? node?.span ?? p.resource.span },
    ...(inherited ? { inheritedFromGlobals: true } : {}),
  };
}

/**
 * C7 (InvalidSubnet / InvalidSecurityGroup): an ID written as a plain string in VpcConfig must look like
 * `subnet-…` / `sg-…`, or Lambda rejects it. A bare name such as `PrivateSubnet1ID` is usually a forgotten
 * `!Ref`; it stays an unknown subnet in the model, never the parameter of that name.
 */
function checkLiteralIds(ev: CfnEvaluator, vpc: DataNode | undefined, key: string, prefix: 'subnet' | 'sg'): void {
  const list = child(asMap(vpc), key);
  if (list !== undefined) checkIdList(ev, list, prefix);
}

/**
 * The literal ids of a list written out, or of each arm of an Fn::If that chooses between lists. Any other
 * intrinsic in list position (`!Split [',', …]`, `!Ref ListParam`, `!GetAtt Stack.Outputs.X`) is not a list
 * of ids as written: its arguments (a delimiter, a condition name) are not checked.
 */
function checkIdList(ev: CfnEvaluator, list: DataNode, prefix: 'subnet' | 'sg'): void {
  const fn = intrinsicOf(list);
  if (fn !== undefined) {
    if (fn.name === 'Fn::If' && fn.arg.kind === 'seq') for (const arm of fn.arg.items.slice(1)) checkIdList(ev, arm, prefix);
    return;
  }
  if (list.kind !== 'seq') return;
  for (const item of list.items) checkIdItem(ev, item, prefix);
}

function checkIdItem(ev: CfnEvaluator, item: DataNode, prefix: 'subnet' | 'sg'): void {
  const fn = intrinsicOf(item);
  if (fn !== undefined) {
    if (fn.name === 'Fn::If' && fn.arg.kind === 'seq') for (const arm of fn.arg.items.slice(1)) checkIdItem(ev, arm, prefix);
    return;
  }
  const text = scalarString(item);
  const pattern = prefix === 'subnet' ? /^subnet-[0-9a-z]+$/ : /^sg-[0-9a-z]+$/;
  // A dynamic reference ('{{resolve:ssm:/net/subnet}}') is an id CloudFormation reads at deploy time.
  if (text === undefined || pattern.test(text) || text.includes('{{resolve:')) return;
  const named = ev.scope.template.parameters.has(text) || ev.resources.has(text);
  ev.report('cfn-invalid-id', 'error',
    `'${text}' is not a ${prefix === 'subnet' ? 'subnet ID (subnet-…)' : 'security group ID (sg-…)'}: Lambda rejects it${named ? `; write !Ref ${text} to use the ${ev.resources.has(text) ? 'resource' : 'parameter'} of that name` : ''}`,
    item.span);
}

/** The function's variables, and why the whole Environment.Variables map is unknown when it is (a parameter, an undecidable Fn::If). */
function environment(p: Props): Pick<LambdaFunction, 'environment' | 'environmentUnknown'> {
  const vars = field(p.get('Environment'), 'Variables');
  if (vars !== undefined && isCfnUnknown(vars)) return { environment: [], environmentUnknown: vars.reason };
  if (vars === undefined || !isCfnMap(vars)) return { environment: [] };
  const out: EnvironmentVariable[] = [];
  for (const [name, v] of vars.fields) {
    out.push({ name, value: toStr(v, undefined, name), refs: [...new Set(refsIn(v).filter((r) => !namesOtherObject(r)).map((r) => r.target))] });
  }
  return { environment: out };
}

/**
 * An attribute that holds another AWS object the resource only points at: the Secrets Manager secret RDS
 * manages for the master user (`!GetAtt Db.MasterUserSecret.SecretArn`). A variable holding it names the secret,
 * read through the Secrets Manager API, not the database, so the database is no need of the function (E1).
 */
function namesOtherObject(r: CfnRef): boolean {
  return r.attribute.startsWith('MasterUserSecret.');
}

/**
 * An EFS access point names its file system: the function mounts that file system. The ARN may be built
 * (`!Sub 'arn:…:access-point/${AccessPoint}'`): the one access point it names is the one mounted (P13).
 */
function fileSystems(ev: CfnEvaluator, p: Props): LambdaFunction['fileSystems'] {
  const list = p.get('FileSystemConfigs');
  if (list === undefined || !isCfnList(list)) return [];
  return list.map((fs) => {
    let a = field(fs, 'Arn');
    if (a !== undefined && isCfnUnknown(a)) {
      const named = refsIn(a).filter((r) => r.resourceType === 'AWS::EFS::AccessPoint');
      if (named.length === 1) a = named[0];
    }
    let target: Maybe<Id> = toId(a, 'FileSystemConfigs.Arn');
    if (a !== undefined && isCfnRef(a) && a.resourceType === 'AWS::EFS::AccessPoint') {
      const ap = ev.resources.get(a.logicalId);
      if (ap !== undefined) target = toId(new Props(ev, ap).get('FileSystemId'), 'FileSystemId');
    }
    return { accessPointOrFileSystem: target, localMountPath: toStr(field(fs, 'LocalMountPath'), undefined, 'LocalMountPath') };
  });
}

interface SamPolicies {
  readonly documents: PolicyDocument[];
  readonly managed: Maybe<string>[];
}

/**
 * What the template adds to the role SAM generates for a function without Role (`<Fn>Role`): an
 * AWS::IAM::Policy or ManagedPolicy whose Roles name it (`Roles: [!Ref FnRole]`). The role is not in the
 * template, so these documents are the function's own, as its Policies are.
 */
function generatedRolePolicies(ev: CfnEvaluator, logicalId: string): PolicyDocument[] {
  return (policiesByRoleName(ev).get(`${logicalId}Role`) ?? []).flatMap((r) => {
    const doc = documentFromValue(new Props(ev, r).get('PolicyDocument'));
    return isCfnUnknown(doc as CfnValue) ? [] : [override(doc as PolicyDocument, { origin: { file: ev.file, span: r.span } })];
  });
}

/** Per template, its IAM policies by the logical id of each role they name (one pass, not one per function). */
const policyIndexes = new WeakMap<CfnEvaluator, ReadonlyMap<string, readonly CfnResource[]>>();

function policiesByRoleName(ev: CfnEvaluator): ReadonlyMap<string, readonly CfnResource[]> {
  const known = policyIndexes.get(ev);
  if (known) return known;
  const index = new Map<string, CfnResource[]>();
  for (const r of ev.resources.values()) {
    if (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy') continue;
    // Read as written: a Ref to a role SAM generates evaluates to an unknown (it is not in the template).
    const roles = new Props(ev, r).raw('Roles');
    for (const item of roles?.kind === 'seq' ? roles.items : roles !== undefined ? [roles] : []) {
      const ref = intrinsicOf(item);
      const name = ref?.name === 'Ref' ? scalarString(ref.arg) : undefined;
      if (name === undefined) continue;
      const list = index.get(name);
      if (list) list.push(r);
      else index.set(name, [r]);
    }
  }
  policyIndexes.set(ev, index);
  return index;
}

function samPolicies(ev: CfnEvaluator, p: Props): SamPolicies {
  const documents: PolicyDocument[] = [];
  const managed: Maybe<string>[] = [];
  const v = p.get('Policies');
  if (v === undefined) return { documents, managed };
  const node = p.raw('Policies');
  const items = isCfnList(v) ? v : [v];
  const statements: PolicyStatement[] = [];
  for (const item of items) {
    if (typeof item === 'string') managed.push(managedPolicyArn(item, ev.scope.region));
    else if (isCfnRef(item)) managed.push(unknown(`managed policy ${item.logicalId}`, { symbol: `policy:${item.target}` }));
    else if (isCfnUnknown(item)) managed.push(item);
    else if (isCfnMap(item)) {
      if (item.fields.has('Statement')) {
        const d = documentFromValue(item);
        if (!isCfnUnknown(d as CfnValue)) documents.push(override(d as PolicyDocument, { origin: { file: ev.file, span: node?.span ?? p.resource.span } }));
        continue;
      }
      for (const [name, params] of item.fields) {
        const st = expandPolicyTemplate(name, params, ev.scope.region);
        if (st !== undefined) statements.push(st);
        else {
          ev.report('cfn-unknown-policy-template', 'information', `SAM policy template '${name}' is not known to Hyperplane Lens; its permissions are not analysed`, node?.span ?? p.resource.keySpan);
          statements.push({ effect: 'Allow', actions: [unknown(`SAM policy template ${name}`)], resources: [] });
        }
      }
    }
  }
  if (statements.length > 0) documents.push({ statements, origin: { file: ev.file, span: node?.span ?? p.resource.span } });
  return { documents, managed };
}

function eventSourceService(v: CfnValue | undefined): Maybe<string> {
  if (v === undefined) return unknown('no event source');
  if (isCfnRef(v)) {
    switch (v.resourceType) {
      case 'AWS::SQS::Queue':
        return 'sqs';
      case 'AWS::Kinesis::Stream':
        return 'kinesis';
      case 'AWS::DynamoDB::Table':
      case 'AWS::Serverless::SimpleTable':
        return 'dynamodb';
      case 'AWS::MSK::Cluster':
      case 'AWS::MSK::ServerlessCluster':
        return 'kafka';
      case 'AWS::AmazonMQ::Broker':
        return 'mq';
      case 'AWS::DocDB::DBCluster':
        return 'docdb';
      default:
        return unknown(`event source ${v.logicalId} (${v.resourceType})`);
    }
  }
  if (typeof v === 'string' && v.startsWith('arn:')) return v.split(':')[2] ?? unknown('malformed ARN');
  return isCfnUnknown(v) ? v : unknown('event source is not an ARN');
}

const POLLED_EVENTS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['SQS', ['Queue', 'sqs']],
  ['Kinesis', ['Stream', 'kinesis']],
  ['DynamoDB', ['Stream', 'dynamodb']],
  ['MSK', ['Stream', 'kafka']],
  ['MQ', ['Broker', 'mq']],
  ['DocumentDB', ['Cluster', 'docdb']],
  ['SelfManagedKafka', ['KafkaBootstrapServers', 'kafka']],
]);

function samEvents(ev: CfnEvaluator, r: CfnResource, b: ObjectBase): ModelObject[] {
  const events = r.properties !== undefined ? child(r.properties, 'Events') : undefined;
  if (events === undefined || events.kind !== 'map') return [];
  const out: ModelObject[] = [];
  for (const e of events.entries) {
    const name = String(e.key.value);
    const evNode = e.value.kind === 'map' ? e.value : undefined;
    const type = ev.evaluate(child(evNode, 'Type') ?? e.key, r.bindings);
    const polled = typeof type === 'string' ? POLLED_EVENTS.get(type) : undefined;
    if (polled === undefined) continue; // API, HTTP, S3, Schedule…: invoked through the Lambda service, not the VPC.
    const propsNode = child(evNode, 'Properties');
    const props = propsNode !== undefined ? ev.evaluate(propsNode, r.bindings) : undefined;
    const source = field(props, polled[0]);
    // SAM names the generated mapping <Function><Event>.
    out.push({
      id: `${b.id}${name}`,
      address: `${b.address}${name}`,
      stack: b.stack,
      origin: override(b.origin, { span: e.span, nameSpan: e.key.span }),
      kind: 'event-source-mapping',
      function: b.id,
      source: polled[1] === 'kafka' && type === 'SelfManagedKafka' ? unknown('a self-managed Kafka cluster') : toId(source, polled[0]),
      sourceService: polled[1],
    });
  }
  return out;
}

function capacityProviderRef(p: Props): Maybe<Id> | null {
  const c = p.get('CapacityProviderConfig');
  if (c === undefined) return null;
  const arn = field(c, 'Arn') ?? field(field(c, 'LambdaManagedInstancesCapacityProviderConfig'), 'CapacityProviderArn');
  return toId(arn, 'capacity provider');
}

export function lambdaObjects(ev: CfnEvaluator, r: CfnResource, globals: ReturnType<typeof child> | undefined): ModelObject[] | undefined {
  const b = objectBase(ev, r);
  switch (r.type) {
    case 'AWS::Lambda::Function': {
      const p = new Props(ev, r);
      return [fn(ev, b, p, { role: toOptionalId(p.get('Role'), 'Role') ?? unknown('Role is not set'), policies: connectorPolicies(ev, r.logicalId), managed: [] }, false)];
    }
    case 'AWS::Serverless::Function': {
      const merged = mergeGlobals(globals?.kind === 'map' ? globals : undefined, 'Function', r.node, r.properties);
      const p = new Props(ev, r, merged.properties);
      const role = p.get('Role');
      let fnObj: LambdaFunction;
      if (role !== undefined) {
        // SAM ignores Policies when Role is given; connectors still grant through that role.
        fnObj = fn(ev, b, p, { role: toId(role, 'Role'), policies: connectorPolicies(ev, r.logicalId), managed: [] }, merged.inherited.has('VpcConfig'));
      } else {
        const pol = samPolicies(ev, p);
        const managed: Maybe<string>[] = [managedPolicyArn(BASIC_EXECUTION, ev.scope.region), ...pol.managed];
        if (p.has('VpcConfig')) managed.push(managedPolicyArn(VPC_ACCESS, ev.scope.region));
        fnObj = fn(ev, b, p, { role: null, policies: [...pol.documents, ...generatedRolePolicies(ev, r.logicalId), ...connectorPolicies(ev, r.logicalId)], managed }, merged.inherited.has('VpcConfig'));
      }
      return [fnObj, ...samEvents(ev, r, b)];
    }
    case 'AWS::Serverless::CapacityProvider':
    case 'AWS::Lambda::CapacityProvider': {
      const merged = r.type === 'AWS::Serverless::CapacityProvider' ? mergeGlobals(globals?.kind === 'map' ? globals : undefined, 'CapacityProvider', r.node, r.properties) : { properties: r.properties, inherited: new Set<string>() };
      const p = new Props(ev, r, merged.properties);
      return [{ kind: 'capacity-provider', vpcConfig: vpcConfig(ev, p, merged.inherited.has('VpcConfig')), ...b }];
    }
    case 'AWS::Lambda::EventSourceMapping': {
      const p = new Props(ev, r);
      const src = p.get('EventSourceArn');
      return [
        {
          kind: 'event-source-mapping',
          function: functionRef(ev, p.get('FunctionName')),
          source: src !== undefined ? toId(src, 'EventSourceArn') : unknown('a self-managed event source'),
          sourceService: src !== undefined ? eventSourceService(src) : p.has('SelfManagedEventSource') ? 'kafka' : unknown('no event source'),
          ...b,
        },
      ];
    }
    case 'AWS::Lambda::Permission': {
      const p = new Props(ev, r);
      return [{ kind: 'lambda-permission', function: functionRef(ev, p.get('FunctionName')), principal: toStr(p.get('Principal'), undefined, 'Principal'), ...b }];
    }
    default:
      return undefined;
  }
}

/** A function named by Ref/GetAtt of the function, or of one of its versions or aliases. */
export function functionRef(ev: CfnEvaluator, v: CfnValue | undefined): Maybe<Id> {
  if (v !== undefined && isCfnRef(v) && (v.resourceType === 'AWS::Lambda::Version' || v.resourceType === 'AWS::Lambda::Alias')) {
    const res = ev.resources.get(v.logicalId);
    if (res !== undefined) return functionRef(ev, new Props(ev, res).get('FunctionName'));
  }
  return toId(v, 'FunctionName');
}

interface RoleInfo {
  readonly role: Maybe<Id> | null;
  readonly policies: PolicyDocument[];
  readonly managed: Maybe<string>[];
}

function fn(ev: CfnEvaluator, b: ObjectBase, p: Props, role: RoleInfo, vpcInherited: boolean): LambdaFunction {
  return {
    kind: 'lambda-function',
    functionName: toStr(ev.quietly(() => p.get('FunctionName')), unknown('the function name is generated by CloudFormation'), 'FunctionName'),
    vpcConfig: vpcConfig(ev, p, vpcInherited),
    role: role.role,
    policies: role.policies,
    managedPolicyArns: role.managed,
    ...environment(p),
    fileSystems: fileSystems(ev, p),
    capacityProvider: capacityProviderRef(p),
    edge: false,
    refs: [],
    // For the hover's pre-2019 ENI estimate (H9) only, so read quietly; 128 MB is Lambda's default.
    memorySize: toNum(ev.quietly(() => p.get('MemorySize')), 128, 'MemorySize'),
    reservedConcurrency: ev.quietly(() => p.has('ReservedConcurrentExecutions')) ? toNum(ev.quietly(() => p.get('ReservedConcurrentExecutions')), unknown('ReservedConcurrentExecutions is not known'), 'ReservedConcurrentExecutions') : null,
    ...b,
  };
}
