// What a function needs to reach, and why: environment variables and references to model objects, IAM
// actions of its role and own policies (service prefixes, resources naming model objects), file systems
// (EFS, P13), egress rules of its own groups naming a target's group and a target group's ingress rules naming
// one of its groups (P3). Event source mappings are polled by the Lambda service and create no need (C8).

import { classifyCidr, parseCidr, type Cidr } from '../model/cidr';
import { isKnown, type Maybe } from '../model/origin';
import type { LambdaFunction, ModelObject, PolicyDocument, Target, TargetKind } from '../model/types';
import type { NetworkModel } from '../model/network';
import { actionMatches } from './eniPermissions';
import { override } from '../model/override';
import { listWords } from './listWords';
import { displayName } from './naming';
import { groupEgressNeeds } from './groupEgressIntent';
import { groupIngressNeeds } from './groupIngressIntent';

export type Need =
  /** `ports`: the ports of the URLs the function's environment names (P2: its egress must allow each one). */
  | { readonly kind: 'internet'; readonly because: string[]; readonly ports: number[] }
  | { readonly kind: 'service'; readonly service: string; readonly because: string[] }
  | {
    readonly kind: 'target'; readonly target: Target; readonly port: number | null; readonly because: string[];
    /** Set when only control-plane IAM actions name the target (see dataPlaneAction): the code need not connect to it. */
    readonly controlOnly?: boolean;
    /** Set when only security group rules link the function to the target (groupEgressIntent.ts, P3): weaker evidence. */
    readonly rulesOnly?: boolean;
  }
  /**
   * A private resource the function connects to that the workspace does not define: a data-plane grant
   * (rds-db:connect, kafka-cluster:Connect…) on an imported or parameter ARN, or a host-like environment
   * variable whose value is unknown. Its reach is unknown, never guessed (E1).
   */
  | { readonly kind: 'outside'; readonly key: string; readonly label: string; readonly reason: string; readonly because: string[] };

/** IAM action prefix → endpoint service name, where they differ. */
const actionServices: Readonly<Record<string, string>> = {
  cloudwatch: 'monitoring',
  firehose: 'kinesis-firehose',
  'rds-data': 'rds-data',
  'execute-api': 'execute-api',
  kinesis: 'kinesis-streams',
};

/** Prefixes that are not network calls made by the function's code. */
const notCalledByCode = new Set([
  'logs', // M4: the function's own log output does not use the VPC
  'ec2', // C1: ENI management is done by the Lambda service with the role
  'iam', 'organizations', 'rds-db', 'elasticfilesystem', 'xray', 'tag', 'cloudformation',
  // IAM authentication of connections to the cluster itself (Neptune, MSK), not calls to a regional API.
  'neptune-db', 'kafka-cluster',
]);

/**
 * Grants that policies list but that make no call to the service's API: the SDKs build an RDS IAM auth token by
 * signing it locally (generate_db_auth_token), and the database checks it against rds-db:connect; no rds API
 * request leaves the function (E1 needs none).
 */
const locallySigned = /^rds:GenerateDbAuthToken$/i;

/**
 * Actions that authorise a connection to the resource itself (IAM database or cluster auth, NFS mounts, HTTP to
 * a domain, Lattice invokes). Other actions on a private resource (elasticache:ModifyReplicationGroup,
 * rds:DescribeDBClusters) are calls to the service's regional API, so they do not show that the code connects to
 * the resource (E1 needs a data-plane connection).
 */
const dataPlaneAction = /^(\*|rds-db:|neptune-db:|kafka-cluster:|vpc-lattice-svcs:|dsql:DbConnect|elasticfilesystem:(\*|Client)|es:(\*|ESHttp)|elasticache:(\*|Connect)|memorydb:(\*|Connect))/i;

/**
 * Actions the Lambda service uses to poll event sources (C8): an ESM's own permissions (SQS authorises a Batch action
 * by its single action, so SAM's SQSPollerPolicy lists both). An MSK mapping with IAM authentication signs in to the
 * cluster with the execution role: kafka-cluster:Connect, DescribeGroup, AlterGroup, DescribeTopic, ReadData and
 * DescribeClusterDynamicConfiguration are its own (Lambda developer guide, "Configuring Lambda permissions for
 * Amazon MSK event source mappings").
 */
export const pollingActions = /^(sqs:(ReceiveMessage|DeleteMessage(Batch)?|GetQueueAttributes|ChangeMessageVisibility(Batch)?)|kinesis:(GetRecords|GetShardIterator|DescribeStream|DescribeStreamSummary|ListShards|ListStreams|SubscribeToShard)|dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)|kafka:.*|kafka-cluster:(Connect|DescribeGroup|AlterGroup|DescribeTopic|ReadData|DescribeClusterDynamicConfiguration)|mq:.*)$/i;

/** Whether `action` is one the Lambda service uses to poll a source of the function's mappings (C8). */
export function isPollingAction(action: string, polledServices: ReadonlySet<string>): boolean {
  const prefix = action.slice(0, action.indexOf(':')).toLowerCase();
  // A Kafka mapping's IAM sign-in to the cluster uses the kafka-cluster prefix.
  const service = prefix === 'kafka-cluster' ? 'kafka' : prefix;
  return polledServices.has(service) && pollingActions.test(action);
}

/** Managed policies granting data-plane access to one service. */
const managedPolicyServices: readonly (readonly [RegExp, string])[] = [
  [/AmazonS3/i, 's3'],
  [/AmazonDynamoDB/i, 'dynamodb'],
  [/AmazonSQS/i, 'sqs'],
  [/AmazonSNS/i, 'sns'],
  [/SecretsManager/i, 'secretsmanager'],
  [/AmazonSSM/i, 'ssm'],
  [/AWSStepFunctions/i, 'states'],
  [/AmazonKinesisFullAccess|AmazonKinesisReadOnly/i, 'kinesis-streams'],
];

/** The endpoint service name a service is known by (VPC endpoints use "kinesis-streams", IAM uses "kinesis"). */
export function normaliseService(service: string): string {
  const s = service.toLowerCase();
  return actionServices[s] ?? s;
}

/**
 * Amazon Bedrock's IAM actions all start with `bedrock:` but are served by four endpoints (Bedrock API
 * Reference, "Amazon Bedrock endpoints"; the VPC endpoint suffixes are the same): inference by bedrock-runtime,
 * agents and knowledge-base queries by bedrock-agent-runtime, the rest (model and agent management) by bedrock
 * and bedrock-agent. Converse and ConverseStream are authorised by bedrock:InvokeModel*.
 */
const bedrockRuntime = /^(InvokeModel|InvokeModelWithResponseStream|InvokeModelWithBidirectionalStream|Converse|ConverseStream|ApplyGuardrail|CountTokens|StartAsyncInvoke|GetAsyncInvoke|ListAsyncInvokes)$/i;
const bedrockAgentRuntime = /^(InvokeAgent|InvokeInlineAgent|InvokeFlow|Retrieve|RetrieveAndGenerate|RetrieveAndGenerateStream|Rerank|GetAgentMemory|DeleteAgentMemory|OptimizePrompt)$/i;

function bedrockService(name: string): string {
  if (bedrockRuntime.test(name)) return 'bedrock-runtime';
  if (bedrockAgentRuntime.test(name)) return 'bedrock-agent-runtime';
  // A wildcard that covers model invocation (`bedrock:*`, `bedrock:Invoke*`) is what a function's code uses
  // it for: inference.
  if (/[*?]/.test(name) && actionMatches(`bedrock:${name}`, 'bedrock:InvokeModel')) return 'bedrock-runtime';
  return 'bedrock';
}

export function serviceOfAction(action: string): string | null {
  const colon = action.indexOf(':');
  if (colon <= 0) return null;
  const prefix = action.slice(0, colon).toLowerCase();
  if (notCalledByCode.has(prefix) || prefix === '*') return null;
  if (locallySigned.test(action)) return null;
  if (prefix === 'bedrock') return bedrockService(action.slice(colon + 1));
  return normaliseService(prefix);
}

class NeedSet {
  private readonly byKey = new Map<string, Need>();
  add(key: string, make: () => Need, because: string, controlOnly = false, fromRule = false): Need {
    let need = this.byKey.get(key);
    if (!need) this.byKey.set(key, (need = make()));
    else if (!controlOnly && need.kind === 'target' && need.controlOnly === true) this.byKey.set(key, (need = override(need, { controlOnly: false })));
    if (!fromRule && need.kind === 'target' && need.rulesOnly === true) this.byKey.set(key, (need = override(need, { rulesOnly: false })));
    if (!need.because.includes(because)) need.because.push(because);
    return need;
  }
  list(): Need[] {
    return [...this.byKey.values()];
  }
}

function defaultPort(target: Target): number | null {
  if (isKnown(target.port)) return target.port;
  // P13: NFS for EFS; other kinds have no single default (engines and ports vary).
  return target.targetKind === 'efs-file-system' || target.targetKind === 'efs-mount-target' ? 2049 : null;
}

/** Follows references to the object a function talks to: a proxy is a target, an access point leads to its file system. */
function addObjectNeed(model: NetworkModel, needs: NeedSet, object: ModelObject | undefined, because: string, controlOnly = false, fromRule = false): void {
  if (!object) return;
  if (object.kind === 'service-resource') {
    const service = normaliseService(object.service);
    needs.add(`service:${service}`, () => ({ kind: 'service', service, because: [] }), because);
  } else if (object.kind === 'lambda-function') {
    needs.add('service:lambda', () => ({ kind: 'service', service: 'lambda', because: [] }), because);
  } else if (object.kind === 'target') {
    let target = object;
    const parent = target.parent !== null && isKnown(target.parent) ? model.get(target.parent) : undefined;
    // A mount target or an EFS access point stands for its file system (P13).
    if (parent?.kind === 'target' && parent.targetKind === 'efs-file-system' && (target.targetKind === 'efs-mount-target' || target.targetKind === 'other')) target = parent;
    // P15: a cache cluster of a replication group runs in the group's subnet group, security groups and port
    // (aws_elasticache_cluster replication_group_id): it stands for the group unless it declares its own placement.
    else if (parent?.kind === 'target' && parent.targetKind === 'elasticache' && target.targetKind === 'elasticache' && target.subnetGroup === null && isKnown(target.subnets) && target.subnets.length === 0) target = parent;
    const t = target;
    needs.add(`target:${t.id}`, () => ({ kind: 'target', target: t, port: defaultPort(t), because: [], ...(controlOnly ? { controlOnly } : {}), ...(fromRule ? { rulesOnly: true } : {}) }), because, controlOnly, fromRule);
  }
}

/**
 * The destination a reference to `object` stands for, as needs are made of references (a queue's service, a
 * mount target's file system, another function's Lambda API); null for an object that is none. For a
 * destination asked about by name (explain --to), which is not a need.
 */
export function destinationOfObject(model: NetworkModel, object: ModelObject): Need | null {
  const one = new NeedSet();
  addObjectNeed(model, one, object, `it is ${object.address}`);
  return one.list()[0] ?? null;
}

function addPolicyNeeds(model: NetworkModel, needs: NeedSet, doc: Maybe<PolicyDocument>, polledServices: ReadonlySet<string>, from: string): void {
  if (!isKnown(doc)) return;
  for (const st of doc.statements) {
    if (st.effect !== 'Allow') continue;
    let onlyPolling = st.actions.length > 0;
    for (const action of st.actions) {
      if (!isKnown(action)) {
        onlyPolling = false;
        continue;
      }
      const polling = isPollingAction(action, polledServices);
      if (!polling) onlyPolling = false;
      const service = serviceOfAction(action);
      if (service === null) continue;
      if (polling) continue; // C8
      needs.add(`service:${service}`, () => ({ kind: 'service', service, because: [] }), `${from} allows ${action}`);
    }
    // C8: a statement that only lets the Lambda service poll an event source (mq:DescribeBroker on the broker)
    // is not the function's code talking to that resource.
    if (onlyPolling) continue;
    const controlOnly = st.actions.length > 0 && st.actions.every((a) => isKnown(a) && !dataPlaneAction.test(a));
    for (const res of st.resources) {
      if (typeof res === 'object' && 'ref' in res) {
        const o = model.get(res.ref);
        if (o?.kind === 'target') addObjectNeed(model, needs, o, `${from} grants access to ${o.address}`, controlOnly);
      }
    }
    // A connection grant on something the workspace does not define (`*` grants everything and says nothing).
    const elsewhere = st.resources.find((r) => !(typeof r === 'object' && 'ref' in r && model.get(r.ref)?.kind === 'target'));
    if (elsewhere === undefined) continue;
    const what = typeof elsewhere === 'string' ? elsewhere : 'ref' in elsewhere ? displayName(model, elsewhere.ref) : `an ARN known only at deploy time (${elsewhere.reason})`;
    // One destination per service prefix (kafka-cluster:Connect, …:ReadData and …:WriteData name one cluster).
    const byService = new Map<string, string[]>();
    for (const a of st.actions) {
      if (!isKnown(a) || a === '*' || !dataPlaneAction.test(a) || isPollingAction(a, polledServices)) continue; // C8
      const prefix = a.slice(0, a.indexOf(':')).toLowerCase();
      // An Aurora DSQL cluster is reached at its Regional endpoint (<id>.dsql.<region>.on.aws), which the dsql
      // service destination checks (E1, E9): it has no subnets or groups to be unknown.
      if (prefix === 'dsql') continue;
      byService.set(prefix, [...(byService.get(prefix) ?? []), a]);
    }
    for (const [prefix, actions] of byService) {
      const granted = `${listWords(actions)} ${actions.length === 1 ? 'is' : 'are'} granted on ${what}`;
      needs.add(`outside:grant:${prefix}`, () => ({
        kind: 'outside', key: `grant:${prefix}`, label: `the ${prefix} resource (outside the workspace)`,
        reason: `${granted}, which the workspace does not define: its address, subnets and security groups are unknown`, because: [],
      }), `${from} allows ${listWords(actions)}`);
    }
  }
}

/** Everything the function is known to need; destinations not listed may still be used by its code. */
export function needsOf(model: NetworkModel, fn: LambdaFunction): Need[] {
  const needs = new NeedSet();
  for (const env of fn.environment) {
    for (const ref of env.refs) {
      const o = model.get(ref);
      if (o) addObjectNeed(model, needs, o, `environment variable ${env.name} refers to ${o.address}`);
    }
    for (const s of env.services ?? []) needs.add(`service:${s.service}`, () => ({ kind: 'service', service: s.service, because: [] }), `environment variable ${env.name} refers to ${s.what}`);
    const url = env.refs.length === 0 && isKnown(env.value) && !/amazonaws\.com|\.internal\b|localhost/i.test(env.value) ? env.value : null;
    const target = url !== null ? urlTarget(url) : null;
    const literal = target?.address ?? null;
    if (url !== null && literal !== null && classifyCidr(literal) !== 'public') {
      // A private, shared or link-local address is not on the internet: something in (or peered with) the VPC
      // the workspace does not tie to a resource, so its reach is unknown (E1).
      needs.add(`outside:env:${env.name}`, () => ({
        kind: 'outside', key: `env:${env.name}`, label: `what ${env.name} names (outside the workspace)`,
        reason: `${env.name} is the URL ${url}, a ${classifyCidr(literal)} address that the workspace does not tie to a resource`, because: [],
      }), `environment variable ${env.name} is the URL ${url}`);
    } else if (url !== null && target !== null) {
      const need = needs.add('internet', () => ({ kind: 'internet', because: [], ports: [] }), `environment variable ${env.name} is the URL ${url}`);
      if (need.kind === 'internet' && !need.ports.includes(target.port)) need.ports.push(target.port);
    }
    const value = env.value;
    // The literal endpoint of a database, cache or proxy the workspace does not define: a private resource the
    // function connects to, reachable only through a VPC path the workspace cannot show (E1).
    const privateHost = env.refs.length === 0 && isKnown(value) ? PRIVATE_AWS_HOST.exec(value) : null;
    if (privateHost !== null) {
      needs.add(`outside:env:${env.name}`, () => ({
        kind: 'outside', key: `env:${env.name}`, label: `what ${env.name} names (outside the workspace)`,
        reason: `${env.name} is the endpoint ${privateHost[0]} of ${PRIVATE_HOST_KIND[privateHost[1] ?? ''] ?? 'a private AWS resource'} the workspace does not define`, because: [],
      }), `environment variable ${env.name} is the endpoint ${privateHost[0]}`);
    }
    if (env.refs.length === 0 && !isKnown(value) && namesHost(env.name)) {
      needs.add(`outside:env:${env.name}`, () => ({
        kind: 'outside', key: `env:${env.name}`, label: `what ${env.name} names (outside the workspace)`,
        reason: `the value of ${env.name} is unknown (${value.reason}): where it points cannot be told`, because: [],
      }), `environment variable ${env.name} names a host`);
    }
  }
  for (const ref of fn.refs) {
    const o = model.get(ref);
    if (o) addObjectNeed(model, needs, o, `the function refers to ${o.address}`);
  }
  fn.fileSystems.forEach((fsRef, i) => {
    const mounted = fsRef.accessPointOrFileSystem;
    if (!isKnown(mounted)) {
      // P13: a file system the workspace does not define (an access point ARN from a parameter or another stack)
      // is still a private resource the function connects to over NFS: an unknown destination, never dropped (E1).
      const at = isKnown(fsRef.localMountPath) ? fsRef.localMountPath : `#${i + 1}`;
      needs.add(`outside:fs:${at}`, () => ({
        kind: 'outside', key: `fs:${at}`, label: `the file system mounted at ${at} (outside the workspace)`,
        reason: `the access point it mounts is unknown (${mounted.reason}): its mount targets and their security groups cannot be told`, because: [],
      }), `the function mounts a file system at ${at}`);
      return;
    }
    const o = model.get(mounted);
    if (o) addObjectNeed(model, needs, o, `the function mounts ${o.address}${isKnown(fsRef.localMountPath) ? ` at ${fsRef.localMountPath}` : ''}`);
  });
  // P3: an egress rule of the function's own group naming a target's group, or an ingress rule of a target's
  // group naming the function's group, says the function connects to that target.
  for (const n of groupEgressNeeds(model, fn)) addObjectNeed(model, needs, n.target, n.because, false, true);
  for (const n of groupIngressNeeds(model, fn)) addObjectNeed(model, needs, n.target, n.because, false, true);
  const polled = new Set<string>();
  for (const esm of model.eventSourceMappingsOf(fn.id)) if (isKnown(esm.sourceService)) polled.add(esm.sourceService.toLowerCase());
  // DynamoDB stream polling uses dynamodb: actions too.
  for (const doc of fn.policies) addPolicyNeeds(model, needs, doc, polled, 'the function policy');
  for (const arn of fn.managedPolicyArns) addManagedNeeds(needs, arn, 'the function');
  if (fn.role !== null && isKnown(fn.role)) {
    const role = model.get(fn.role);
    const rp = model.rolePolicies(fn.role);
    const from = `role ${role?.address ?? fn.role}`;
    for (const doc of rp.documents) addPolicyNeeds(model, needs, doc, polled, from);
    for (const arn of rp.managedPolicyArns) addManagedNeeds(needs, arn, from);
  }
  // A grant the workspace's own target of that kind explains (rds-db:connect on a DB whose ARN is built from
  // its resource id) is not a second, unknown destination; nor is an EFS grant beside a mount of an unknown
  // file system (elasticfilesystem:ClientMount on * is that mount).
  const list = needs.list();
  const kinds = new Set(list.flatMap((n) => (n.kind === 'target' ? [n.target.targetKind] : [])));
  const mountsOutside = list.some((n) => n.kind === 'outside' && n.key.startsWith('fs:'));
  return list.filter((n) => n.kind !== 'outside' || !n.key.startsWith('grant:')
    || !((grantTargetKinds[n.key.slice('grant:'.length)] ?? []).some((k) => kinds.has(k)) || (mountsOutside && n.key === 'grant:elasticfilesystem')));
}

/** The target kinds a connection grant's service reaches (IAM prefix → TargetKind). */
const grantTargetKinds: Readonly<Record<string, readonly TargetKind[]>> = {
  'rds-db': ['rds-instance', 'rds-cluster', 'rds-proxy'],
  'kafka-cluster': ['msk-cluster'],
  elasticache: ['elasticache'],
  memorydb: ['memorydb'],
  elasticfilesystem: ['efs-file-system', 'efs-mount-target'],
  es: ['opensearch'],
  'vpc-lattice-svcs': ['vpc-lattice-service'],
};

/** scheme, bracketed IPv6 host, other host, written port; then the path or the end. */
const URL_AUTHORITY = /^(https?):\/\/(?:[^@/?#]*@)?(?:\[([^\]/]*)\]|([^:/?#]*))(?::(\d{1,5}))?(?:[/?#]|$)/i;

/**
 * What an http(s) URL connects to: its port (the one it writes, else its scheme's: 80, 443) and its host when that
 * is an IP address literal (`http://10.0.5.4:8080/`, as a /32 or /128); null for anything else.
 */
export function urlTarget(value: string): { readonly port: number; readonly address: Cidr | null } | null {
  const m = URL_AUTHORITY.exec(value);
  if (m === null) return null;
  const [, scheme, v6, host, written] = m;
  const port = written === undefined || written === '' ? (scheme?.toLowerCase() === 'http' ? 80 : 443) : Number(written);
  if (port < 1 || port > 65535) return null;
  const address = v6 !== undefined ? parseCidr(`${v6}/128`) : host !== undefined && /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) ? parseCidr(`${host}/32`) : null;
  return { port, address };
}

/** Environment variable names that usually hold a host, an endpoint or a connection string. */
const HOST_LIKE = /host|endpoint|addr|url|uri|broker|bootstrap|server|redis|cache|database|^db|_db|db_|cluster|proxy|dsn|connection/i;
/** Words that name a host or address outright: the variable is one even when it ends in _NAME (DB_HOSTNAME). */
const HOST_WORD = /host|endpoint|addr|url|(?:^|_)uri(?:_|$)|dsn|bootstrap|broker/i;
/**
 * Endings of variables that hold a credential, a name, a port or a setting of the resource, not where it is
 * (DB_USER, DB_PASSWORD, DB_NAME, REDIS_PORT, CACHE_TTL): their unknown value is no destination (E1).
 */
const NOT_HOST_END = /(?:user|username|login|password|passwd|pass|pwd|secret|token|key|name|port|schema|table|region|timeout|ttl|arn|engine|size|count|enabled)$/i;

/** Endpoint hostnames of VPC-only (or private by default) AWS resources: RDS and its proxies, ElastiCache, MemoryDB, DocumentDB. */
const PRIVATE_AWS_HOST = /^(?:[a-z]+:\/\/)?[a-z0-9.-]+\.(rds|cache|memorydb|docdb)(?:\.[a-z0-9-]+)?\.amazonaws\.com(?::\d+)?(?:\/.*)?$/i;

const PRIVATE_HOST_KIND: Readonly<Record<string, string>> = { rds: 'an RDS database or proxy', cache: 'an ElastiCache cluster', memorydb: 'a MemoryDB cluster', docdb: 'a DocumentDB cluster' };

/** Whether an environment variable's name says its value is a host, an address or a connection string. */
function namesHost(name: string): boolean {
  if (!HOST_LIKE.test(name)) return false;
  return HOST_WORD.test(name) || !NOT_HOST_END.test(name);
}

function addManagedNeeds(needs: NeedSet, arn: Maybe<string>, from: string): void {
  if (!isKnown(arn)) return;
  for (const [pattern, service] of managedPolicyServices) {
    if (pattern.test(arn)) needs.add(`service:${service}`, () => ({ kind: 'service', service, because: [] }), `${from} has ${arn.slice(arn.lastIndexOf('/') + 1)}`);
  }
}

