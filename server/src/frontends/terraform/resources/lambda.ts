// Lambda functions (T1: vpc_config; C2: empty lists mean no VPC), capacity providers, event source
// mappings, permissions, CloudFront edge associations (C6) and the IAM objects that give functions access.

import { isKnown, unknown, type Maybe } from '../../../model/origin';
import type { EnvironmentVariable, Id, LambdaFunction, PolicyDocument, VpcConfig } from '../../../model/types';
import type { HclExpr } from '../../../syntax/hcl/ast';
import type { BlockView } from '../blockView';
import { refIds, refType, toBool, toId, toIdList, toNum, toStr, argId } from '../modelValues';
import { MANAGED_POLICY_COPY } from '../dataSources';
import { evaluate } from '../evaluator';
import { policyFromArgument } from '../policy';
import { isTfList, isTfObject, isTfRef, isTfUnknown, type TfValue } from '../value';
import { instanceNamed } from '../names';
import type { TfSession } from '../session';
import type { Mapper, MapContext } from './mapper';

function isEmptyList(v: TfValue | undefined): boolean {
  return v === undefined || v === null || (isTfList(v) && v.length === 0);
}

/** The vpc_config block of a function or capacity provider; null when absent or all lists are empty (C2). */
function vpcConfigOf(m: MapContext, holder: BlockView): VpcConfig | null {
  const blocks = holder.blocks('vpc_config');
  const pending = holder.blocksUnknown('vpc_config');
  const block = blocks[0];
  const origin = block ? { file: block.file, span: block.span, nameSpan: block.nameSpan } : m.base.origin;
  if (!block) {
    if (!pending) return null;
    return { subnets: pending, securityGroups: pending, ipv6AllowedForDualStack: pending, origin };
  }
  const subnets = block.attr('subnet_ids');
  const sgs = block.attr('security_group_ids');
  if (isEmptyList(subnets) && isEmptyList(sgs)) return null;
  return {
    subnets: toIdList(subnets, 'subnet_ids'),
    securityGroups: toIdList(sgs, 'security_group_ids'),
    ipv6AllowedForDualStack: toBool(block.attr('ipv6_allowed_for_dual_stack'), 'ipv6_allowed_for_dual_stack', false),
    origin,
  };
}

/**
 * Variables with the model objects their values name: through computed attributes, or through set names
 * (`aws_dynamodb_table.t.name`); and why the whole map is unknown when it is (`variables = var.env` without a value).
 */
function environmentOf(v: BlockView): Pick<LambdaFunction, 'environment' | 'environmentUnknown'> {
  const out: EnvironmentVariable[] = [];
  let unknownReason: string | undefined;
  for (const env of v.blocks('environment')) {
    const legacy = env.has('variables') ? undefined : env.blocks('variables')[0];
    if (legacy) {
      out.push(...legacyVariables(env, legacy));
      continue;
    }
    const vars = env.attr('variables');
    const expr = env.expr('variables');
    const exprs = new Map<string, HclExpr>();
    if (expr?.kind === 'object') {
      for (const item of expr.items) {
        const key = item.key.kind === 'literal' ? item.key.value : item.key.kind === 'template' && item.key.parts.length === 1 && item.key.parts[0]?.kind === 'string' ? item.key.parts[0].value : undefined;
        if (typeof key === 'string') exprs.set(key, item.value);
      }
    }
    if (vars !== undefined && vars !== null && isTfUnknown(vars) && expr?.kind === 'object') {
      // One failing value (a reference to an undeclared resource, reported as an error) fails the whole map for
      // Terraform; its variables are read one by one, so the failing one stays a variable whose value is unknown
      // (a host it names is still a need) and the others keep what they name.
      for (const [name, e] of exprs) {
        const value = evaluate(e, env.scope);
        out.push(envVariable(name, value, env.instanceIdsIn(e, refIds(value))));
      }
      continue;
    }
    if (vars !== undefined && isTfUnknown(vars)) unknownReason ??= vars.reason;
    if (vars === undefined || vars === null || !isTfObject(vars)) continue;
    for (const [name, value] of vars.fields) {
      const ids = refIds(value);
      const e = exprs.get(name);
      if (e) env.instanceIdsIn(e, ids);
      out.push(envVariable(name, value, ids));
    }
  }
  return { environment: out, ...(unknownReason !== undefined ? { environmentUnknown: unknownReason } : {}) };
}

/** One variable: its value, the model objects it names, and what it names that no model object stands for. */
function envVariable(name: string, value: TfValue, refs: ReadonlySet<Id>): EnvironmentVariable {
  const services = managedSecretsIn(value);
  return { name, value: toStr(value, name), refs: [...refs], ...(services.length > 0 ? { services } : {}) };
}

/**
 * The secret RDS manages for a master user (`master_user_secret[0].secret_arn`): not the database (refIds leaves
 * it out), but a Secrets Manager secret the function reads through that service's API (E1).
 */
function managedSecretsIn(v: TfValue): { service: string; what: string }[] {
  const refs = isTfRef(v) ? [v] : isTfUnknown(v) ? (v.refs ?? []) : [];
  const owners = new Set(refs.filter((r) => r.attribute === 'master_user_secret').map((r) => r.address));
  return [...owners].map((address) => ({ service: 'secretsmanager', what: `the secret RDS manages for the master user of ${address}` }));
}

/**
 * `variables { NAME = value }`: the Terraform 0.11 form, which Terraform 0.12 and later reject ("Unsupported
 * block type … use the equals sign"). Reported as the error it is; its variables are still read as the map
 * the author wrote, so what the function names (a host, a database) stays a need instead of vanishing.
 */
function legacyVariables(env: BlockView, block: BlockView): EnvironmentVariable[] {
  env.scope.mod.ctx.report({
    code: 'tf-unsupported-block', severity: 'error', file: block.file, span: block.nameSpan,
    message: 'Unsupported block type: blocks of type "variables" are not expected here; did you mean to define argument "variables"? If so, use the equals sign to assign it a value (`variables = { … }`; the block form is Terraform 0.11 syntax). Its variables are read as that map.',
  });
  return block.attributeNames().map((name) => {
    const value = block.attr(name) ?? null;
    const ids = refIds(value);
    const e = block.expr(name);
    if (e) block.instanceIdsIn(e, ids);
    return envVariable(name, value, ids);
  });
}

/** A function named by `function_name` (name or ARN) as a model id. */
function functionArg(session: TfSession, view: BlockView, arg: string): Maybe<Id> {
  const v = view.attr(arg);
  if (typeof v === 'string') {
    const id = view.referencedInstanceId(arg) ?? instanceNamed(session, ['aws_lambda_function'], v);
    if (id !== undefined) return id;
  }
  return functionId(v, arg);
}

function functionId(v: TfValue | undefined, what: string): Maybe<Id> {
  if (v !== undefined && isTfRef(v)) return refType(v) === 'aws_lambda_function' || refType(v) === 'aws_lambda_alias' ? v.target : toId(v, what);
  if (v !== undefined && isTfUnknown(v) && v.refs?.length === 1 && v.refs[0]) return v.refs[0].target;
  return toId(v, what);
}

function lambdaFunction(m: MapContext): void {
  const v = m.view;
  const capacity = v.blocks('capacity_provider_config').flatMap((c) => c.blocks('lambda_managed_instances_capacity_provider_config'))[0];
  const dlq = v.blocks('dead_letter_config')[0]?.attr('target_arn');
  m.emit({
    kind: 'lambda-function',
    functionName: toStr(v.attr('function_name'), 'function_name'),
    vpcConfig: vpcConfigOf(m, v),
    role: v.has('role') ? roleId(m.session, v, 'role') : null,
    policies: [],
    managedPolicyArns: [],
    ...environmentOf(v),
    fileSystems: v.blocks('file_system_config').map((f) => ({ accessPointOrFileSystem: argId(f, 'arn'), localMountPath: toStr(f.attr('local_mount_path'), 'local_mount_path') })),
    capacityProvider: capacity ? argId(capacity, 'capacity_provider_arn') : null,
    edge: false,
    refs: [...refIds(dlq)],
    // For the hover's pre-2019 ENI estimate (H2); 128 MB is the default, -1 reserved concurrency means none.
    memorySize: toNum(v.attr('memory_size'), 'memory_size', 128),
    reservedConcurrency: reservedConcurrency(v.attr('reserved_concurrent_executions')),
    ...m.base,
  });
}

function reservedConcurrency(v: TfValue | undefined): Maybe<number> | null {
  if (v === undefined || v === null || v === -1) return null;
  return toNum(v, 'reserved_concurrent_executions');
}

function capacityProvider(m: MapContext): void {
  m.emit({ kind: 'capacity-provider', vpcConfig: vpcConfigOf(m, m.view), ...m.base });
}

const SOURCE_SERVICES: Readonly<Record<string, string>> = {
  aws_sqs_queue: 'sqs',
  aws_kinesis_stream: 'kinesis',
  aws_dynamodb_table: 'dynamodb',
  aws_msk_cluster: 'kafka',
  aws_mq_broker: 'mq',
  aws_docdb_cluster: 'docdb',
};

function sourceService(v: TfValue | undefined): Maybe<string> {
  if (v !== undefined && isTfRef(v)) {
    const s = SOURCE_SERVICES[refType(v)];
    if (s) return s;
  }
  if (typeof v === 'string') {
    const m = /^arn:[^:]+:([^:]+):/.exec(v);
    if (m?.[1] !== undefined) return m[1];
  }
  if (v !== undefined && v !== null && isTfUnknown(v) && v.refs?.[0]) {
    const s = SOURCE_SERVICES[refType(v.refs[0])];
    if (s) return s;
  }
  return unknown('the event source is not known statically');
}

function eventSourceMapping(m: MapContext): void {
  const v = m.view;
  const source = v.attr('event_source_arn');
  const selfManaged = v.blocks('self_managed_event_source').length > 0;
  m.emit({
    kind: 'event-source-mapping',
    function: functionArg(m.session, v, 'function_name'),
    source: source === undefined ? unknown('the event source is outside AWS (self-managed)') : toId(source, 'event_source_arn'),
    sourceService: selfManaged ? 'kafka' : sourceService(source),
    ...m.base,
  });
}

function permission(m: MapContext): void {
  const v = m.view;
  m.emit({ kind: 'lambda-permission', function: functionArg(m.session, v, 'function_name'), principal: toStr(v.attr('principal'), 'principal'), ...m.base });
}

function cloudfront(m: MapContext): void {
  const v = m.view;
  const behaviours = [...v.blocks('default_cache_behavior'), ...v.blocks('ordered_cache_behavior')];
  for (const b of behaviours) {
    for (const assoc of b.blocks('lambda_function_association')) {
      const fn = functionArg(m.session, assoc, 'lambda_arn');
      if (typeof fn === 'string') m.markEdge(fn);
    }
  }
}

function iamRole(m: MapContext): void {
  const v = m.view;
  const inlinePolicies: PolicyDocument[] = [];
  for (const b of v.blocks('inline_policy')) {
    const p = policyFromArgument(m.session, b, 'policy', { file: b.file, span: b.span, nameSpan: b.nameSpan });
    if (p !== null && isKnown(p)) inlinePolicies.push(p);
  }
  const managed = v.attr('managed_policy_arns');
  m.emit({
    kind: 'iam-role',
    inlinePolicies,
    managedPolicyArns: policyArnList(managed),
    ...m.base,
  });
}

function policyArn(v: TfValue): Maybe<string> {
  if (typeof v === 'string') return v;
  if (isTfRef(v)) return refType(v) === 'aws_iam_policy' ? v.target : unknown(`${v.address}.${v.attribute} is known only after apply`);
  return toStr(v, 'policy ARN');
}

function policyArnList(v: TfValue | undefined): Maybe<string>[] {
  if (v === undefined || v === null) return [];
  if (isTfList(v)) return v.map(policyArn);
  return [isTfUnknown(v) ? v : unknown('managed_policy_arns is not a list')];
}

/**
 * The role a value names. `named` is the resource instance its expression reads an attribute of: an argument
 * that reads an attribute of a role instance (`role = aws_iam_role.r.name`) names that role, whatever the
 * attribute's value is: a literal, unknown, or a reference to what the name is built from (`name =
 * random_pet.p.id` evaluates to that reference, which is the name's input, not the role). A string the
 * configuration sets on another instance names it too, and so does a role's name that arrives as a plain
 * string (a module output, a variable).
 */
function roleIdOf(session: TfSession, value: TfValue | undefined, named: string | undefined, what: string): Maybe<Id> {
  if (value !== undefined && value !== null && isTfRef(value) && refType(value) === 'aws_iam_role') return value.target;
  if (named !== undefined && (typeof value === 'string' || ROLE_INSTANCE.test(named))) return named;
  if (typeof value === 'string') return instanceNamed(session, ['aws_iam_role'], value) ?? toId(value, what);
  return toId(value, what);
}

function roleId(session: TfSession, view: BlockView, arg: string): Maybe<Id> {
  return roleIdOf(session, view.attr(arg), view.referencedInstanceId(arg), arg);
}

/** A model id whose address ends in an aws_iam_role instance (`…::module.m.aws_iam_role.lambda[0]`). */
const ROLE_INSTANCE = /(?:^|[.:])aws_iam_role\.[\w-]+(?:\[[^\]]*\])?$/;

function iamPolicy(roleArg: string | undefined): Mapper {
  return (m) => {
    const v = m.view;
    const doc = policyFromArgument(m.session, v, 'policy', m.base.origin);
    // A copy of an AWS managed policy (dataSources.ts) grants what that policy grants.
    const copied = doc !== null && !isKnown(doc) && doc.symbol?.startsWith(MANAGED_POLICY_COPY) === true ? doc.symbol.slice(MANAGED_POLICY_COPY.length) : undefined;
    m.emit({ kind: 'iam-policy', document: doc ?? unknown('the policy has no document'), roles: roleArg ? [roleId(m.session, v, roleArg)] : [], ...m.base, ...(copied !== undefined ? { copiesManagedPolicy: copied } : {}) });
  };
}

/** A bucket policy: whom it grants what on the bucket (the function's requests to S3, E7). */
function bucketPolicy(m: MapContext): void {
  const v = m.view;
  const doc = policyFromArgument(m.session, v, 'policy', m.base.origin);
  m.emit({ kind: 'iam-policy', document: doc ?? unknown('the policy has no document'), roles: [], resource: argId(v, 'bucket'), ...m.base });
}

function rolePolicyAttachment(m: MapContext): void {
  const v = m.view;
  m.emit({ kind: 'role-policy-attachment', role: roleId(m.session, v, 'role'), policy: policyArn(v.attr('policy_arn') ?? null), ...m.base });
}

/**
 * aws_iam_policy_attachment: one policy attached to lists of roles, users and groups (exclusively: Terraform
 * detaches it from every other principal). Each role gets the attachment aws_iam_role_policy_attachment
 * would give it; users and groups do not run functions.
 */
function policyAttachment(m: MapContext): void {
  const v = m.view;
  const policy = policyArn(v.attr('policy_arn') ?? null);
  const roles = v.attr('roles');
  if (roles === undefined || roles === null) return;
  if (!isTfList(roles)) {
    m.problem('tf-unknown-value', 'information', `The roles of ${m.base.address} are not known statically; the policy is not modelled as attached to any role.`, v.expr('roles')?.span);
    return;
  }
  const expr = v.expr('roles');
  const items = expr?.kind === 'tuple' && expr.items.length === roles.length ? expr.items : undefined;
  roles.forEach((r, i) => {
    const item = items?.[i];
    const named = item ? [...v.instanceIdsIn(item)] : [];
    const role = roleIdOf(m.session, r, named.length === 1 ? named[0] : undefined, 'roles');
    m.emit({ kind: 'role-policy-attachment', role, policy, ...m.sub(`role[${i}]`) });
  });
}

export const lambdaMappers: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  ['aws_lambda_function', lambdaFunction],
  ['aws_lambda_capacity_provider', capacityProvider],
  ['aws_lambda_event_source_mapping', eventSourceMapping],
  ['aws_lambda_permission', permission],
  ['aws_cloudfront_distribution', cloudfront],
  ['aws_iam_role', iamRole],
  ['aws_iam_role_policy', iamPolicy('role')],
  ['aws_iam_policy', iamPolicy(undefined)],
  ['aws_iam_role_policy_attachment', rolePolicyAttachment],
  ['aws_iam_policy_attachment', policyAttachment],
  ['aws_s3_bucket_policy', bucketPolicy],
]);
