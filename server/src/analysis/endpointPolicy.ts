// VPC endpoint policy evaluation (E7 gateway endpoints, E9 interface endpoints): does the endpoint's policy
// allow the requests a function makes to the service? IAM evaluation as AWS documents it for endpoint
// policies: an explicit Deny wins, else an Allow must match principal, action, resource and condition.
// Pure: the caller resolves model references through a PolicyResolver.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, PolicyCondition, PolicyDocument, PolicyPrincipal, PolicyStatement, PolicyValue } from '../model/types';

/** A resource the function uses: an ARN pattern (`*` parts mean "some"), a model object, or both. */
export interface NeededResource {
  /** ARN pattern; region/account `*` or empty mean the deployment's own (matched against any). */
  readonly arn: string | null;
  readonly ref: Id | null;
  /** How the resource is shown when its ARN is unknown. */
  readonly label: string;
}

/** One request a function is known to make: an action pattern (`s3:*` means "some s3 action") on a resource. */
export interface RequestItem {
  readonly action: string;
  readonly resource: NeededResource;
  readonly because: string;
}

/** What the function asks of one service, as far as the workspace shows. */
export interface EndpointRequest {
  /** Stable identity for memoising path parts (same key, same answer). */
  readonly key: string;
  readonly service: string;
  /** The function's execution role (model id), null when generated or unknown. */
  readonly role: Id | null;
  readonly items: readonly RequestItem[];
  /** Why the items may not be all the function does (role not in the workspace…); null when complete. */
  readonly incomplete: string | null;
}

export interface EndpointFacts {
  readonly id: Id;
  readonly address: string;
  readonly vpc: Maybe<Id>;
  /** Short service name ("s3"), for `s3:*` full-access statements when the request is not known. */
  readonly service?: Maybe<string>;
  /** null: the default full-access policy. */
  readonly policy: Maybe<PolicyDocument> | null;
}

export interface PolicyResolver {
  /** The ARN of a model object (bucket → arn:aws:s3:::name), null when its name is not known statically. */
  arnOf(ref: Id): string | null;
  /** What kind of model object an id is ('iam-role', 'vpc', 'service-resource'…), undefined when not in the model. */
  kindOf(ref: Id): string | undefined;
  label(ref: Id): string;
  /** The deployment's partition (`aws`, `aws-cn`…) when its Region is known: role ARNs are arn:PARTITION:iam::… */
  readonly partition?: string;
}

export type PolicyVerdict =
  | { readonly kind: 'pass'; readonly detail: string }
  /** `fix`: one change to the policy that lets every refused request through. */
  | { readonly kind: 'block'; readonly detail: string; readonly fix: string }
  /** `fix`: set when the policy allows some granted requests and refuses others (see evaluateEndpointPolicy). */
  | { readonly kind: 'unknown'; readonly detail: string; readonly fix?: string };

/** Three-valued match of one policy element against what the request may be. */
type Match = 'covers' | 'partly' | 'none';

/** A match, or why it cannot be decided. */
interface Open {
  readonly open: string;
}

function isOpen(x: Match | Open): x is Open {
  return typeof x === 'object';
}
type Applies = { readonly kind: 'full' } | { readonly kind: 'none' } | { readonly kind: 'maybe'; readonly reason: string };

// ------------------------------------------------------------------ wildcard patterns

/** `pattern` matches every string `value` may stand for (a `*` in `value` is matched only by a `*`). */
function globCovers(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const pc = pattern[p];
    if (pc !== undefined && (pc === value[v] || (pc === '?' && value[v] !== '*'))) { p++; v++; }
    else if (pc === '*') { star = p++; mark = v; }
    else if (star >= 0) { p = star + 1; v = ++mark; }
    else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Some string matches both patterns (`*` any run, `?` one character). */
function globIntersects(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (b.length + 1) + j;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (a[i] === '*') r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (b[j] === '*') r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i < a.length && j < b.length && (a[i] === b[j] || a[i] === '?' || b[j] === '?')) r = go(i + 1, j + 1);
    else r = false;
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

function glob(pattern: string, value: string): Match {
  if (globCovers(pattern, value)) return 'covers';
  return value.includes('*') || value.includes('?') ? (globIntersects(pattern, value) ? 'partly' : 'none') : 'none';
}

/** Actions compare case-insensitively (IAM). */
export function matchAction(pattern: string, action: string): Match {
  return glob(pattern.toLowerCase(), action.toLowerCase());
}

/** ARNs compare field by field; a needed ARN's empty or `*` Region/account is the deployment's own. */
export function matchArn(pattern: string, arn: string): Match {
  if (pattern === '*') return 'covers';
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6 || p[0] !== 'arn' || a[0] !== 'arn') return glob(pattern, arn);
  let result: Match = 'covers';
  for (let i = 1; i < 6; i++) {
    const pf = i === 5 ? p.slice(5).join(':') : p[i] ?? '';
    const af = i === 5 ? a.slice(5).join(':') : a[i] ?? '';
    if ((i === 3 || i === 4) && (af === '' || af === '*')) continue; // own Region / account
    const m = glob(pf, af);
    if (m === 'none') return 'none';
    if (m === 'partly') result = 'partly';
  }
  return result;
}

function worst(a: Match, b: Match): Match {
  return a === 'none' || b === 'none' ? 'none' : a === 'partly' || b === 'partly' ? 'partly' : 'covers';
}

function best(a: Match, b: Match): Match {
  return a === 'covers' || b === 'covers' ? 'covers' : a === 'partly' || b === 'partly' ? 'partly' : 'none';
}

// ------------------------------------------------------------------ statement elements

interface Ctx {
  readonly endpoint: EndpointFacts;
  readonly request: EndpointRequest;
  readonly resolve: PolicyResolver;
}

/** Action or NotAction against the needed action; unknown entries make the match partial. */
function actionMatch(st: PolicyStatement, action: string): Match | Open {
  const list = st.notActions ?? st.actions;
  let m: Match = 'none';
  for (const a of list) {
    if (!isKnown(a)) return { open: `an action of the statement is unknown: ${a.reason}` };
    m = best(m, matchAction(a, action));
  }
  if (st.notActions === undefined) return m;
  return m === 'covers' ? 'none' : m === 'partly' ? 'partly' : 'covers';
}

/** One policy resource entry against the needed resource. */
function resourceEntry(ctx: Ctx, entry: PolicyValue, need: NeededResource): Match | Open {
  if (typeof entry === 'string') {
    if (entry === '*') return 'covers';
    if (need.arn === null) return { open: `whether ${entry} covers ${need.label} is unknown (its ARN is not known statically)` };
    return matchArn(entry, need.arn);
  }
  if ('ref' in entry) {
    if (need.ref !== null && need.ref === entry.ref) return 'covers'; // the same object (its ARN or ARN/*: the suffix is not kept)
    const arn = ctx.resolve.arnOf(entry.ref);
    if (arn !== null && need.arn !== null) return best(matchArn(arn, need.arn), matchArn(`${arn}/*`, need.arn));
    if (need.ref !== null && ctx.resolve.kindOf(entry.ref) === 'service-resource' && ctx.resolve.kindOf(need.ref) === 'service-resource') return 'none';
    return { open: `whether ${ctx.resolve.label(entry.ref)} covers ${need.label} is unknown` };
  }
  return { open: `a resource of the statement is unknown: ${entry.reason}` };
}

function resourceMatch(ctx: Ctx, st: PolicyStatement, need: NeededResource): Match | Open {
  const list = st.notResources ?? st.resources;
  let m: Match = 'none';
  for (const r of list) {
    const e = resourceEntry(ctx, r, need);
    if (isOpen(e)) return e;
    m = best(m, e);
  }
  if (st.notResources === undefined) return m;
  return m === 'covers' ? 'none' : m === 'partly' ? 'partly' : 'covers';
}

/** Principal: `*` matches; the function's own role matches; other roles do not; literal ARNs and accounts stay unknown. */
function principalMatch(ctx: Ctx, principals: readonly PolicyPrincipal[]): Match | Open {
  let open: string | null = null;
  for (const p of principals) {
    if (p.type === '*') return 'covers';
    if (p.type !== 'AWS') continue; // Service, Federated, CanonicalUser: not the function's role
    for (const v of p.values) {
      if (v === '*') return 'covers';
      if (typeof v === 'string') { open ??= `the principal ${v} may or may not be the function's role`; continue; }
      if ('ref' in v) {
        if (ctx.request.role !== null && v.ref === ctx.request.role) return 'covers';
        // Another role of the workspace is not the function's role; other objects (a user, an account) may be.
        if (ctx.resolve.kindOf(v.ref) !== 'iam-role') open ??= `the principal ${ctx.resolve.label(v.ref)} may or may not be the function's role`;
        continue;
      }
      open ??= `a principal is unknown: ${v.reason}`;
    }
  }
  return open !== null ? { open } : 'none';
}

// ------------------------------------------------------------------ conditions

/** What a condition operator compares, with `ForAnyValue:`/`ForAllValues:` and `…IfExists` set aside. */
interface Operator {
  /** `equals`: exact; `like`: `*`/`?` over the whole string; `arn`: `*`/`?` per ARN component. */
  readonly compare: 'equals' | 'like' | 'arn' | 'null';
  readonly ignoreCase: boolean;
  readonly negated: boolean;
}

const OPERATORS: Readonly<Record<string, Omit<Operator, 'negated'> & { readonly negated?: true }>> = {
  stringequals: { compare: 'equals', ignoreCase: false },
  stringnotequals: { compare: 'equals', ignoreCase: false, negated: true },
  stringequalsignorecase: { compare: 'equals', ignoreCase: true },
  stringnotequalsignorecase: { compare: 'equals', ignoreCase: true, negated: true },
  stringlike: { compare: 'like', ignoreCase: false },
  stringnotlike: { compare: 'like', ignoreCase: false, negated: true },
  // "ArnEquals and ArnLike behave identically", as do ArnNotEquals and ArnNotLike (IAM condition operators).
  arnequals: { compare: 'arn', ignoreCase: false },
  arnlike: { compare: 'arn', ignoreCase: false },
  arnnotequals: { compare: 'arn', ignoreCase: false, negated: true },
  arnnotlike: { compare: 'arn', ignoreCase: false, negated: true },
  null: { compare: 'null', ignoreCase: false },
};

/**
 * The operator of a condition, null when it is not one evaluated here (Bool, Numeric, IpAddress…). The keys
 * evaluated here are single-valued and always in the request context of a role session through an endpoint,
 * so `…IfExists` changes nothing, and `ForAnyValue:`/`ForAllValues:` over a one-value set reduce to the plain
 * operator (IAM "set operators for multivalued context keys": any/every one of the request's values matches).
 */
function operatorOf(operator: string): Operator | null {
  let op = operator.toLowerCase();
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  else if (op.startsWith('forallvalues:')) op = op.slice('forallvalues:'.length);
  if (op.endsWith('ifexists')) op = op.slice(0, -'ifexists'.length);
  const o = OPERATORS[op];
  return o === undefined ? null : { compare: o.compare, ignoreCase: o.ignoreCase, negated: o.negated === true };
}

/** The truth of one value of a condition: true, false, or why it cannot be decided. */
type Truth = boolean | string;

/**
 * A literal policy value against a request value known only by its shape (`*` in `shape`: some string, `?`:
 * one character). `equals` takes the value literally; `like` and `arn` read `*` and `?` as wildcards, `arn`
 * per colon-delimited component (IAM ARN condition operators), where a pattern that is not a six-component
 * ARN stays open unless it is `*`.
 */
function shapeMatch(op: Operator, value: string, shape: string): Match | null {
  const v = op.ignoreCase ? value.toLowerCase() : value;
  const s = op.ignoreCase ? shape.toLowerCase() : shape;
  if (op.compare === 'equals') {
    if (v.includes('*') || v.includes('?')) return null; // a literal `*` in the value: too rare to model
    return globIntersects(v, s) ? (globCovers(v, s) ? 'covers' : 'partly') : 'none';
  }
  if (op.compare === 'like') return glob(v, s);
  if (/^\*+$/.test(v)) return 'covers';
  const p = v.split(':');
  const a = s.split(':');
  if (p.length < 6 || a.length < 6) return null;
  let m: Match = 'covers';
  for (let i = 0; i < 6; i++) {
    const f = glob(i === 5 ? p.slice(5).join(':') : p[i] ?? '', i === 5 ? a.slice(5).join(':') : a[i] ?? '');
    if (f === 'none') return 'none';
    if (f === 'partly') m = 'partly';
  }
  return m;
}

/**
 * aws:PrincipalArn of the function's requests. Lambda calls AWS with a session of the execution role, and
 * "for IAM roles, the request context returns the ARN of the role, not the ARN of the user that assumed the
 * role" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn,
 * example value arn:aws:iam::123456789012:role/role-name). So the value is arn:PARTITION:iam::ACCOUNT:role/PATH/NAME
 * of the function's role: a reference to that role equals it, a reference to another role of the workspace
 * does not (two role resources are two ARNs), and a literal decides only where its wildcards settle it.
 */
function principalArnValue(ctx: Ctx, op: Operator, v: PolicyValue, what: string): Truth {
  const role = ctx.request.role;
  if (typeof v === 'string') {
    if (v.includes('${')) return `${what}: ${v} holds a policy variable`;
    const partition = ctx.resolve.partition ?? '*';
    const m = shapeMatch(op, v, `arn:${partition}:iam::????????????:role/*`);
    if (m === 'covers' || m === 'none') return m === 'covers';
    const whose = role !== null ? ctx.resolve.label(role) : 'the function\'s role';
    return `${what}: whether ${v} matches the ARN of ${whose} is unknown (its ${partition === '*' ? 'partition, account, path and name are' : 'account, path and name are'} not known statically)`;
  }
  if ('ref' in v) {
    // A role's name, id or unique id (`aws_iam_role.r.name`, `!Ref Role`) has no `:` and never matches an ARN.
    const isRole = ctx.resolve.kindOf(v.ref) === 'iam-role';
    if (isRole && v.attribute !== undefined && v.attribute.toLowerCase() !== 'arn') return false;
    if (role !== null && v.ref === role) return true;
    if (role !== null && isRole) return false;
    return role === null
      ? `${what}: the function's role is not in the workspace, so whether it is ${ctx.resolve.label(v.ref)} is unknown`
      : `${what}: whether ${ctx.resolve.label(v.ref)} is the ARN of ${ctx.resolve.label(role)} is unknown`;
  }
  return `${what}: a value is unknown (${v.reason})`;
}

/** aws:SourceVpc / aws:SourceVpce are the endpoint's VPC and id for every request through it. */
function sourceValue(ctx: Ctx, key: string, op: Operator, v: PolicyValue, what: string): Truth {
  const actual: Maybe<Id> = key === 'aws:sourcevpc' ? ctx.endpoint.vpc : ctx.endpoint.id;
  if (typeof v === 'string') {
    // A literal id equals an object known by that literal (vpc_id = "vpc-1"); a workspace object's id is known only after apply.
    const literal = !isKnown(actual) && actual.symbol?.startsWith('literal:') === true ? actual.symbol.slice('literal:'.length) : null;
    if (literal !== null) {
      const m = shapeMatch(op, v, literal);
      if (m !== null) return m === 'covers';
    }
    return `${what}: whether ${v} is ${key === 'aws:sourcevpc' ? 'the endpoint\'s VPC' : 'this endpoint'} is unknown`;
  }
  if ('ref' in v) return isKnown(actual) ? v.ref === actual : `${what}: the endpoint's VPC is unknown`;
  return `${what}: a value is unknown (${v.reason})`;
}

/** Why a principal key always in a role session's request context stays open (`*` patterns aside), or null. */
function presentKeyOpen(key: string): string | null {
  if (key === 'aws:principalaccount') return 'the account of the function\'s role is not known statically';
  // For a role session aws:userid is "role-id:caller-specified-role-name"; the role id is assigned at creation.
  if (key === 'aws:userid') return 'the role id in aws:userid is assigned by AWS when the role is created';
  return null;
}

/** Why a principal key that may be absent from the request context stays open, or null. */
function absentKeyOpen(key: string): string | null {
  // Present "only if the principal is a member of an organization".
  if (key === 'aws:principalorgid' || key === 'aws:principalorgpaths') return 'whether the function\'s account is in an organization, and which, is not in the code';
  // Present for "a principal using an IAM role with attached tags or session tags".
  if (key.startsWith('aws:principaltag/')) return 'the tags of the function\'s role are not evaluated';
  return null;
}

/**
 * One key of a Condition block, for requests the function makes through this endpoint. Evaluated: the
 * endpoint keys aws:SourceVpc / aws:SourceVpce, and the caller keys aws:PrincipalArn (the function's role),
 * aws:PrincipalType ("AssumedRole" for a role session, IAM principal key values) and the `*` patterns that
 * match any aws:PrincipalAccount / aws:userid. Other keys stay unknown, with the reason.
 */
function conditionMatch(ctx: Ctx, c: PolicyCondition): Truth {
  const key = c.key.toLowerCase();
  const op = operatorOf(c.operator);
  const what = `Condition ${c.operator} ${c.key}`;
  const source = key === 'aws:sourcevpc' || key === 'aws:sourcevpce';
  const absent = absentKeyOpen(key);
  if (absent !== null) return `${what} is not evaluated: ${absent}`;
  const principal = key === 'aws:principalarn' || key === 'aws:principaltype' || presentKeyOpen(key) !== null;
  if (op === null || (!source && !principal) || (source && (op.compare === 'arn' || op.compare === 'null'))) return `${what} is not evaluated`;
  if (op.compare === 'null') {
    // Null "true" holds when the key is absent, "false" when it is present: these keys always are for a role session.
    const v = c.values[0];
    return typeof v === 'string' && (v === 'true' || v === 'false') ? v === 'false' : `${what}: the value is not "true" or "false"`;
  }
  let any: Truth = false;
  for (const v of c.values) {
    let eq: Truth;
    if (source) eq = sourceValue(ctx, key, op, v, what);
    else if (key === 'aws:principalarn') eq = principalArnValue(ctx, op, v, what);
    else if (typeof v !== 'string') eq = 'ref' in v ? `${what}: whether ${ctx.resolve.label(v.ref)} matches is unknown` : `${what}: a value is unknown (${v.reason})`;
    else {
      const shape = key === 'aws:principaltype' ? 'AssumedRole' : '*';
      const m = v.includes('${') ? null : shapeMatch(op, v, shape);
      eq = m === 'covers' ? true : m === 'none' ? false : `${what}: ${presentKeyOpen(key) ?? `whether ${v} matches is unknown`}`;
    }
    if (eq === true) { any = true; break; }
    if (typeof eq === 'string' && any === false) any = eq;
  }
  if (typeof any === 'string') return any;
  return op.negated ? !any : any;
}

function conditionsMatch(ctx: Ctx, conditions: Maybe<readonly PolicyCondition[]> | undefined): boolean | string {
  if (conditions === undefined) return true;
  if (!isKnown(conditions)) return `the Condition is unknown: ${conditions.reason}`;
  let open: string | null = null;
  for (const c of conditions) {
    const m = conditionMatch(ctx, c);
    if (m === false) return false;
    if (typeof m === 'string') open ??= m;
  }
  return open ?? true;
}

function statementName(st: PolicyStatement, index: number): string {
  return st.sid !== undefined && st.sid !== '' ? `statement ${st.sid}` : `statement #${index + 1}`;
}

/** Whether one statement applies to one request item (`anyPrincipal`: as if its Principal named everyone). */
function applies(ctx: Ctx, st: PolicyStatement, item: RequestItem, anyPrincipal = false): Applies {
  let m: Match = 'covers';
  let reason: string | null = null;
  const fold = (x: Match | Open): boolean => {
    if (isOpen(x)) { reason ??= x.open; m = worst(m, 'partly'); return true; }
    m = worst(m, x);
    return m !== 'none';
  };
  if (!fold(actionMatch(st, item.action))) return { kind: 'none' };
  if (!fold(resourceMatch(ctx, st, item.resource))) return { kind: 'none' };
  if (!anyPrincipal && st.notPrincipals !== undefined) fold({ open: 'NotPrincipal is not evaluated' });
  else if (!anyPrincipal && st.principals !== undefined) {
    if (!isKnown(st.principals)) fold({ open: `the Principal is unknown: ${st.principals.reason}` });
    else if (!fold(principalMatch(ctx, st.principals))) return { kind: 'none' };
  }
  const cond = conditionsMatch(ctx, st.conditions);
  if (cond === false) return { kind: 'none' };
  if (typeof cond === 'string') fold({ open: cond });
  if (m === 'covers') return { kind: 'full' };
  return { kind: 'maybe', reason: reason ?? `covers only part of ${item.action} on ${resourceText(item.resource)}` };
}

type ItemResult =
  | { readonly kind: 'allowed'; readonly by: string }
  | { readonly kind: 'denied'; readonly by: string }
  /** `note`: why an Allow that names the request does not cover the function (its principal). */
  | { readonly kind: 'not-allowed'; readonly note?: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The service principals an Allow names when it names no other principal (`lambda.amazonaws.com`), else null. A
 * function calls AWS with its execution role's session, never as the Lambda service principal (E9).
 */
function onlyServicePrincipals(st: PolicyStatement): string[] | null {
  if (st.principals === undefined || !isKnown(st.principals) || st.principals.length === 0) return null;
  if (st.principals.some((p) => p.type !== 'Service')) return null;
  return st.principals.flatMap((p) => p.values.filter((v): v is string => typeof v === 'string'));
}

function evaluateItem(ctx: Ctx, doc: PolicyDocument, item: RequestItem): ItemResult {
  let allowedBy: string | null = null;
  let open: string | null = null;
  let note: string | undefined;
  for (let i = 0; i < doc.statements.length; i++) {
    const st = doc.statements[i];
    if (st === undefined) continue;
    if (!isKnown(st.effect)) { open ??= `the Effect of ${statementName(st, i)} is unknown`; continue; }
    const a = applies(ctx, st, item);
    if (a.kind === 'none') {
      const services = st.effect === 'Allow' && note === undefined ? onlyServicePrincipals(st) : null;
      if (services !== null && applies(ctx, st, item, true).kind !== 'none') {
        note = `${statementName(st, i)} allows it only to the service principal ${services.join(', ')}, and the function calls with its execution role's credentials`;
      }
      continue;
    }
    if (st.effect === 'Deny') {
      if (a.kind === 'full') return { kind: 'denied', by: statementName(st, i) }; // an explicit Deny wins
      open ??= `the Deny ${statementName(st, i)} may apply: ${a.reason}`;
    } else if (a.kind === 'full') allowedBy ??= statementName(st, i);
    else open ??= `${statementName(st, i)} may allow it: ${a.reason}`;
  }
  if (open !== null) return { kind: 'unknown', reason: open };
  if (allowedBy !== null) return { kind: 'allowed', by: allowedBy };
  return note !== undefined ? { kind: 'not-allowed', note } : { kind: 'not-allowed' };
}

function resourceText(r: NeededResource): string {
  return r.arn ?? r.label;
}

/** The default policy, or one that allows every action on every resource to everyone without condition or Deny. */
export function isFullAccess(policy: Maybe<PolicyDocument> | null, service: string): boolean {
  if (policy === null) return true;
  if (!isKnown(policy)) return false;
  let allowAll = false;
  for (const st of policy.statements) {
    if (st.effect !== 'Allow') return false;
    const everyone = st.principals === undefined || (isKnown(st.principals) && st.principals.some((p) => p.type === '*' || p.values.includes('*')));
    const allActions = st.notActions === undefined && st.actions.some((a) => a === '*' || (isKnown(a) && a.toLowerCase() === `${service.toLowerCase()}:*`));
    const allResources = st.notResources === undefined && st.resources.includes('*');
    if (everyone && allActions && allResources && st.conditions === undefined && st.notPrincipals === undefined) allowAll = true;
  }
  return allowAll;
}

function describe(item: RequestItem): string {
  return `${item.action} on ${resourceText(item.resource)}`;
}

function list(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Whether the endpoint's policy lets the function's requests through (E7, E9). */
export function evaluateEndpointPolicy(endpoint: EndpointFacts, request: EndpointRequest | null, resolve: PolicyResolver): PolicyVerdict {
  const policy = endpoint.policy;
  if (policy === null) return { kind: 'pass', detail: 'the default endpoint policy allows full access' };
  const service = request?.service ?? (endpoint.service !== undefined && isKnown(endpoint.service) ? endpoint.service : 'the service');
  if (request !== null && request.items.length === 0 && request.incomplete === null) {
    return { kind: 'pass', detail: `the function makes no known request to ${service}, so its endpoint policy does not matter here` };
  }
  if (isFullAccess(policy, service)) return { kind: 'pass', detail: 'the endpoint policy allows full access' };
  if (!isKnown(policy)) return { kind: 'unknown', detail: `the endpoint policy is unknown: ${policy.reason}` };
  if (request === null || request.items.length === 0) {
    return { kind: 'unknown', detail: `the endpoint policy restricts requests, and which requests the function makes to ${service} is not known${request?.incomplete ? ` (${request.incomplete})` : ''}` };
  }
  const ctx: Ctx = { endpoint, request, resolve };
  const allowed: string[] = [];
  const allowedActions: string[] = [];
  const blocked: string[] = [];
  const toAllow = new Map<string, string[]>();
  const denies = new Map<string, string[]>();
  let because: string | null = null;
  let open: string | null = null;
  for (const item of request.items) {
    const r = evaluateItem(ctx, policy, item);
    switch (r.kind) {
      case 'allowed':
        allowed.push(`${describe(item)} (${r.by})`);
        if (!allowedActions.includes(item.action)) allowedActions.push(item.action);
        break;
      case 'denied':
        because ??= item.because;
        blocked.push(`${r.by} denies ${describe(item)}`);
        (denies.get(r.by) ?? denies.set(r.by, []).get(r.by))?.push(describe(item));
        break;
      case 'not-allowed':
        because ??= item.because;
        blocked.push(`no statement allows ${describe(item)}${r.note !== undefined ? ` (${r.note})` : ''}`);
        (toAllow.get(resourceText(item.resource)) ?? toAllow.set(resourceText(item.resource), []).get(resourceText(item.resource)))?.push(item.action);
        break;
      case 'unknown': open ??= `${describe(item)}: ${r.reason}`; break;
    }
  }
  if (blocked.length > 0) {
    const changes = [
      ...[...denies].map(([st, items]) => `narrow the Deny ${st} so it does not cover ${items.join(' and ')}`),
      ...(toAllow.size > 0 ? [`allow ${[...toAllow].map(([resource, actions]) => `${actions.join(', ')} on ${resource}`).join(' and ')}`] : []),
    ];
    const fix = `${changes.join(', and ')} in the policy of ${endpoint.address}`;
    // Granted actions are an upper bound on what the function calls, not what it calls (a SAM
    // DynamoDBCrudPolicy grants Scan to a function that may only GetItem). Only when the policy refuses every
    // granted request is the service unusable; when it allows some, the refused ones fail only if called.
    if (allowed.length > 0 || open !== null) {
      const refused = [
        ...[...toAllow].map(([resource, actions]) => `${list(actions, 4)} on ${resource}`),
        ...[...denies].map(([st, items]) => `${list(items)} (${st} denies them)`),
      ].join(' and ');
      const allows = allowed.length > 0 ? `allows ${list(allowedActions)} but ` : '';
      return {
        kind: 'unknown',
        detail: `the endpoint policy ${allows}refuses ${refused}: calls of those actions fail, which matters only if the function makes them (${because ?? 'they are granted'})${open !== null ? `; it may also refuse ${open}` : ''}`,
        fix,
      };
    }
    return {
      kind: 'block',
      detail: `the endpoint policy refuses the function's requests: ${list(blocked)} (needed because ${because ?? 'the function uses the service'})`,
      fix,
    };
  }
  if (open !== null) return { kind: 'unknown', detail: `the endpoint policy may refuse ${open}` };
  if (request.incomplete !== null) return { kind: 'unknown', detail: `the endpoint policy allows ${list(allowed)}, but the function may make other requests (${request.incomplete})` };
  return { kind: 'pass', detail: `the endpoint policy allows ${list(allowed)}` };
}
