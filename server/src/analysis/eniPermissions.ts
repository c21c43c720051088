// C1: does a VPC function's execution role grant the EC2 actions Lambda needs to manage its Hyperplane ENIs?
// Inline and workspace policies are read statement by statement; AWS managed policies come from a small table.

import { isKnown, type Maybe } from '../model/origin';
import type { LambdaFunction, PolicyDocument, PolicyStatement } from '../model/types';
import type { NetworkModel } from '../model/network';

/**
 * The actions Lambda checks on the execution role when it creates the function's ENIs (C1). Lambda's
 * AssignPrivateIpAddresses/UnassignPrivateIpAddresses are left out: AWSLambdaMSKExecutionRole, which AWS
 * documents as enough for VPC functions, does not grant them.
 */
export const ENI_ACTIONS = ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'] as const;

/**
 * AWS managed policies (by name, the part after `policy/` and any path) whose default version grants all of
 * ENI_ACTIONS, per the AWS Managed Policy Reference
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html):
 * - AWSLambdaVPCAccessExecutionRole, AWSLambdaENIManagementAccess, AWSLambdaMSKExecutionRole,
 *   AmazonVPCCrossAccountNetworkInterfaceOperations: list the three actions on "*";
 * - AdministratorAccess: "*"; AmazonEC2FullAccess: "ec2:*";
 * - PowerUserAccess: NotAction iam:*, organizations:*, account:* (so every ec2 action).
 */
const GRANTING = new Set([
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaENIManagementAccess',
  'AWSLambdaMSKExecutionRole',
  'AmazonVPCCrossAccountNetworkInterfaceOperations',
  'AdministratorAccess',
  'PowerUserAccess',
  'AmazonEC2FullAccess',
]);

/**
 * AWS managed policies known to grant none of ENI_ACTIONS (same reference): the Lambda execution policies
 * for logs and stream/queue polling, and X-Ray. Any other AWS managed policy is not known here, so a role
 * carrying one cannot be shown to lack the actions.
 */
const NOT_GRANTING = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaRole',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
]);

export type EniPermissions =
  | { readonly kind: 'granted' }
  /** Certain: every policy of the role was read; `missing` lists the actions none of them allows. */
  | { readonly kind: 'missing'; readonly missing: readonly string[] }
  /** Some actions are not shown to be granted, but a policy the analysis cannot read may grant them. */
  | { readonly kind: 'unverified'; readonly missing: readonly string[]; readonly because: readonly string[] }
  /** No role in the workspace (SAM generates it and attaches the VPC policy itself, S2). */
  | { readonly kind: 'no-role' };

const AWS_MANAGED = /^arn:[a-z-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** Case-insensitive IAM action wildcard match (`*` any run, `?` one character), without building a RegExp. */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  let pi = 0;
  let ai = 0;
  let star = -1;
  let mark = 0;
  while (ai < a.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === a[ai])) {
      pi++;
      ai++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ai;
    } else if (star !== -1) {
      pi = star + 1;
      ai = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** The actions of ENI_ACTIONS a statement allows; 'open' when an unknown part could change that. */
function statementGrants(st: PolicyStatement, granted: Set<string>): 'open' | 'ok' {
  if (!isKnown(st.effect)) return 'open';
  if (st.effect !== 'Allow') return 'ok'; // a Deny never makes us report a missing permission
  let open = false;
  if (st.notActions !== undefined) {
    const known = st.notActions.filter((a): a is string => isKnown(a));
    if (known.length !== st.notActions.length) open = true;
    for (const action of ENI_ACTIONS) if (!known.some((n) => actionMatches(n, action))) granted.add(action);
  }
  for (const a of st.actions) {
    if (!isKnown(a)) {
      open = true;
      continue;
    }
    for (const action of ENI_ACTIONS) if (actionMatches(a, action)) granted.add(action);
  }
  return open ? 'open' : 'ok';
}

/** C1 over the role's inline, workspace and managed policies (resources and conditions are not narrowed). */
export function eniPermissions(model: NetworkModel, fn: LambdaFunction): EniPermissions {
  if (fn.role === null || !isKnown(fn.role) || model.get(fn.role)?.kind !== 'iam-role') return { kind: 'no-role' };
  const rp = model.rolePolicies(fn.role);
  const granted = new Set<string>();
  const because: string[] = [];
  for (const arn of [...rp.managedPolicyArns, ...fn.managedPolicyArns]) {
    if (!isKnown(arn)) {
      because.push(`a managed policy is not known (${arn.reason})`);
      continue;
    }
    const name = AWS_MANAGED.exec(arn)?.[1];
    if (name === undefined) because.push(`the customer managed policy ${arn} is not in the workspace`);
    else if (GRANTING.has(name)) return { kind: 'granted' };
    else if (!NOT_GRANTING.has(name)) because.push(`the AWS managed policy ${name} is not one whose EC2 permissions Hyperplane Lens knows`);
  }
  const docs: readonly Maybe<PolicyDocument>[] = [...rp.documents, ...fn.policies];
  for (const doc of docs) {
    if (!isKnown(doc)) {
      because.push(`a policy document is not known (${doc.reason})`);
      continue;
    }
    for (const st of doc.statements) if (statementGrants(st, granted) === 'open') because.push('a policy statement has a value the workspace does not define');
  }
  const missing = ENI_ACTIONS.filter((a) => !granted.has(a));
  if (missing.length === 0) return { kind: 'granted' };
  const loose = unplacedPolicy(model, fn.role);
  if (loose !== undefined) because.push(loose);
  return because.length > 0 ? { kind: 'unverified', missing, because } : { kind: 'missing', missing };
}

/**
 * A policy or attachment of the role's stack whose role the workspace does not tell (e.g. `role =
 * aws_iam_role.r.name` where the name is known only after apply) may well be attached to this role: the
 * role's permissions are then not certain, whatever its known policies say.
 */
function unplacedPolicy(model: NetworkModel, role: string): string | undefined {
  let byStack = unplacedByModel.get(model);
  if (byStack === undefined) {
    // One pass over the model's policies, not one per function.
    byStack = new Map<string, string>();
    for (const p of model.all('iam-policy')) {
      if (!byStack.has(p.stack) && (!isKnown(p.roles) || p.roles.some((r) => !isKnown(r)))) byStack.set(p.stack, `${p.address} is attached to a role the workspace does not name`);
    }
    for (const a of model.all('role-policy-attachment')) {
      if (!byStack.has(a.stack) && !isKnown(a.role)) byStack.set(a.stack, `${a.address} attaches a policy to a role the workspace does not name`);
    }
    unplacedByModel.set(model, byStack);
  }
  const stack = model.get(role)?.stack;
  return stack === undefined ? undefined : byStack.get(stack);
}

const unplacedByModel = new WeakMap<NetworkModel, Map<string, string>>();
