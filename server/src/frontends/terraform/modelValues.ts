// Conversions from evaluated Terraform values to model fields: ids from TfRefs (with the VPC's implicit
// objects behind `default_security_group_id` and friends), strings, numbers and booleans as Maybe<T>.

import { protocolName } from '../../model/protocol';
import { unknown, type Maybe, type Unknown } from '../../model/origin';
import { implicitRef, type Id, type PrefixListRef, type RefList } from '../../model/types';
import type { BlockView } from './blockView';
import { isTfList, isTfRef, isTfUnknown, type TfRef, type TfValue } from './value';
import { isPending, pendingReason, toBoolValue, toNumberValue, toStringValue } from './valueOps';
import { isFunctionError } from './functions/result';

/** The model id a computed attribute names (a VPC attribute may name one of its implicit objects). */
export function idOfRef(ref: TfRef): Id {
  switch (ref.attribute) {
    case 'default_security_group_id':
      return implicitRef(ref.target, 'default-security-group');
    case 'main_route_table_id':
    case 'default_route_table_id':
      return implicitRef(ref.target, 'main-route-table');
    case 'default_network_acl_id':
      return implicitRef(ref.target, 'default-network-acl');
    default:
      return ref.target;
  }
}

/** The resource type of a TfRef's target, from its address (`module.a.aws_vpc.main[0]` → aws_vpc). */
export function refType(ref: TfRef): string {
  // One scan, no regex or arrays (this runs for most references): the last two dot-separated names outside
  // brackets; `]` inside a quoted key does not end the bracket.
  const a = ref.address;
  let prevStart = -1;
  let prevEnd = -1;
  let start = 0;
  let depth = 0;
  let quoted = false;
  let end = a.length;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (quoted) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 91 /* [ */) {
      if (depth++ === 0) end = i;
    } else if (c === 93 /* ] */) depth--;
    else if (c === 46 /* . */ && depth === 0) {
      prevStart = start;
      prevEnd = end === a.length ? i : end;
      start = i + 1;
      end = a.length;
    }
  }
  return prevStart < 0 ? '' : a.slice(prevStart, prevEnd);
}

function asUnknown(v: TfValue): Unknown {
  if (isTfUnknown(v)) return v;
  if (isTfRef(v)) return unknown(pendingReason(v));
  return unknown('the value is not known statically');
}

export function toId(v: TfValue | undefined, what: string): Maybe<Id> {
  if (v === undefined || v === null) return unknown(`${what} is not set`);
  if (isTfRef(v)) return idOfRef(v);
  if (isTfUnknown(v)) return v;
  // The literal id still identifies something: two arguments naming "subnet-0abc" name the same subnet.
  if (typeof v === 'string') return unknown(`${what} "${v}" is not defined in this workspace`, { symbol: `literal:${v}` });
  return unknown(`${what} is not an id`);
}

export function toOptionalId(v: TfValue | undefined, what: string): Maybe<Id> | null {
  return v === undefined || v === null ? null : toId(v, what);
}

export function toIdList(v: TfValue | undefined, what: string): RefList {
  if (v === undefined || v === null) return [];
  // `["${var.subnet_ids}"]`: Terraform 0.11 flattened the inner list; 0.12 and later reject it ("string required").
  if (isTfList(v)) return v.map((x) => (isTfList(x) ? unknown(`${what} holds a list where an id is expected (Terraform 0.11's \`["\${var.list}"]\`), which Terraform 0.12 and later reject: "string required"`) : toId(x, what)));
  if (isTfRef(v)) return [idOfRef(v)];
  if (isPending(v)) return asUnknown(v);
  return unknown(`${what} is not a list`);
}

export function toStr(v: TfValue | undefined, what: string): Maybe<string> {
  if (v === undefined || v === null) return unknown(`${what} is not set`);
  const s = toStringValue(v);
  if (isFunctionError(s) || s === null) return unknown(`${what} is not a string`);
  return typeof s === 'string' ? s : asUnknown(s);
}

export function toOptionalStr(v: TfValue | undefined, what: string): Maybe<string> | null {
  return v === undefined || v === null ? null : toStr(v, what);
}

export function toNum(v: TfValue | undefined, what: string, fallback?: number): Maybe<number> {
  if (v === undefined || v === null) return fallback ?? unknown(`${what} is not set`);
  const n = toNumberValue(v);
  if (isFunctionError(n) || n === null) return unknown(`${what} is not a number`);
  return typeof n === 'number' ? n : asUnknown(n);
}

export function toBool(v: TfValue | undefined, what: string, fallback?: boolean): Maybe<boolean> {
  if (v === undefined || v === null) return fallback ?? unknown(`${what} is not set`);
  const b = toBoolValue(v);
  if (isFunctionError(b) || b === null) return unknown(`${what} is not a bool`);
  return typeof b === 'boolean' ? b : asUnknown(b);
}

/** A list of strings (CIDR blocks, ARNs): each element known or unknown; null/unset is empty. */
export function toStrList(v: TfValue | undefined, what: string): Maybe<readonly Maybe<string>[]> {
  if (v === undefined || v === null) return [];
  if (isTfList(v)) return v.map((x) => toStr(x, what));
  if (isPending(v)) return asUnknown(v);
  return [toStr(v, what)];
}

/** A prefix list as routes and SG rules name it: an endpoint's list, an AWS-managed one, a literal id. */
export function toPrefixListRef(v: TfValue | undefined): PrefixListRef {
  if (v === undefined || v === null) return { kind: 'unknown', value: unknown('the prefix list is not set') };
  if (isTfRef(v)) {
    if (v.attribute === 'prefix_list_id' && refType(v) === 'aws_vpc_endpoint') return { kind: 'endpoint', endpoint: v.target };
    if (refType(v) === 'aws_ec2_managed_prefix_list') return { kind: 'object', ref: v.target };
    return { kind: 'unknown', value: unknown(pendingReason(v)) };
  }
  if (isTfUnknown(v)) {
    const m = v.symbol !== undefined ? /^prefix-list:service:(.+)$/.exec(v.symbol) : null;
    if (m?.[1] !== undefined) return { kind: 'service', service: m[1] };
    return { kind: 'unknown', value: v };
  }
  if (typeof v === 'string') return v.startsWith('pl-') ? { kind: 'literal', id: v } : { kind: 'unknown', value: v };
  return { kind: 'unknown', value: unknown('the prefix list is not a string') };
}

/** Protocol names as the model uses them: '-1' for all, names for tcp/udp/icmp/icmpv6, else the number. */
export function normaliseProtocol(v: TfValue | undefined, what: string): Maybe<string> {
  const s = toStr(v, what);
  if (typeof s !== 'string') return s;
  return protocolName(s);
}

/**
 * Attributes that hold another AWS object the resource only points at: the secret RDS manages for a master
 * user (`master_user_secret[0].secret_arn`), the KMS keys it encrypts with. A value built from one names that
 * object, not the resource, so the resource is no destination of whoever holds the value (E1).
 */
const OTHER_OBJECT_ATTRIBUTES: ReadonlySet<string> = new Set(['master_user_secret', 'master_user_secret_kms_key_id', 'kms_key_id', 'kms_key_arn', 'performance_insights_kms_key_id']);

function namesOtherObject(ref: TfRef): boolean {
  return OTHER_OBJECT_ATTRIBUTES.has(ref.attribute);
}

/** Every model id a value refers to: TfRefs directly or kept by unknowns built from them. */
export function refIds(v: TfValue | undefined, out: Set<Id> = new Set()): Set<Id> {
  if (v === undefined || v === null || typeof v !== 'object') return out;
  if (isTfList(v)) {
    for (const x of v) refIds(x, out);
  } else if (isTfRef(v)) {
    if (!namesOtherObject(v)) out.add(idOfRef(v));
  } else if (isTfUnknown(v)) {
    for (const r of v.refs ?? []) if (!namesOtherObject(r)) out.add(idOfRef(r));
  } else {
    for (const x of v.fields.values()) refIds(x, out);
  }
  return out;
}

/**
 * An argument that names another resource: a TfRef, or a string the configuration sets on the referenced
 * resource (`role = aws_iam_role.r.name`, `function_name = aws_lambda_function.f.function_name`).
 */
export function argId(v: BlockView, arg: string): Maybe<Id> {
  const value = v.attr(arg);
  if (typeof value === 'string') {
    const id = v.referencedInstanceId(arg);
    if (id !== undefined) return id;
  }
  return toId(value, arg);
}
