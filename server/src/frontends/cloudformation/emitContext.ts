// What the resource mappers share: the stack's evaluator, lazily evaluated properties of one resource, the
// model object base (id, address, stack, origin with CDK path) and conversions from CfnValue to the model's
// Maybe<…> fields (a literal "subnet-0abc" is an unknown: the workspace does not define it).

import { protocolName } from '../../model/protocol';
import { unknown, type Maybe, type Origin } from '../../model/origin';
import type { Id, RefList } from '../../model/types';
import type { DataMap, DataNode } from '../../syntax/data/ast';
import type { Span } from '../../syntax/text';
import type { CfnEvaluator } from './evaluate';
import { child, scalarString, type CfnResource } from './template';
import { cfnUnknown, isCfnList, isCfnRef, isCfnUnknown, isNoValue, type CfnUnknown, type CfnValue } from './value';
import { override } from '../../model/override';

export interface ObjectBase {
  readonly id: Id;
  readonly address: string;
  readonly stack: string;
  readonly origin: Origin;
}

/** A resource's Properties, evaluated one property at a time on first use. */
export class Props {
  private readonly memo = new Map<string, CfnValue | undefined>();

  constructor(
    readonly ev: CfnEvaluator,
    readonly resource: CfnResource,
    /** The effective properties (after SAM Globals), defaults to the written ones. */
    readonly node: DataMap | undefined = resource.properties,
  ) {}

  get(name: string): CfnValue | undefined {
    if (this.memo.has(name)) return this.memo.get(name);
    const n = child(this.node, name);
    let v: CfnValue | undefined = n === undefined ? undefined : this.ev.evaluate(n, this.resource.bindings);
    if (v !== undefined && isNoValue(v)) v = undefined;
    this.memo.set(name, v);
    return v;
  }

  raw(name: string): DataNode | undefined {
    return child(this.node, name);
  }

  /** The span of a property from its key to the end of its value (where a finding about it is shown). */
  entrySpan(name: string): Span | undefined {
    return this.node?.entries.find((e) => e.key.value === name)?.span;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

export function objectBase(ev: CfnEvaluator, r: CfnResource, suffix = ''): ObjectBase {
  const cdkPath = scalarString(child(r.metadata, 'aws:cdk:path'));
  return {
    id: ev.idOf(r.logicalId) + suffix,
    address: ev.scope.addressPrefix + r.logicalId + suffix,
    stack: ev.scope.key,
    origin: { file: ev.file, span: r.span, nameSpan: r.keySpan, ...(cdkPath !== undefined ? { cdkPath } : {}) },
  };
}

/** A reference to a model object: a Ref/GetAtt of a template resource; anything else is unknown. */
export function toId(v: CfnValue | undefined, what: string): Maybe<Id> {
  if (v === undefined) return unknown(`${what} is not set`);
  if (isCfnRef(v)) return v.target;
  if (isCfnUnknown(v)) return withBranches(v, what);
  if (typeof v === 'string') {
    // A placeholder default ('SUBNET_IDS') or a name written without !Ref is not an id AWS would accept: say so.
    const kind = idPrefixes.find(([pattern]) => pattern.test(what));
    const malformed = kind !== undefined && !kind[1].test(v);
    return unknown(malformed ? `${what} '${v}' is not a ${kind[2]} id (AWS expects ${kind[3]}…)` : `${what} '${v}' is not defined in the workspace`, { symbol: `literal:${v}` });
  }
  return unknown(`${what} is not a reference`);
}

/** The property names of ids whose form AWS fixes, with that form and the word for the object. */
const idPrefixes: readonly (readonly [RegExp, RegExp, string, string])[] = [
  [/^subnet/i, /^subnet-[0-9a-f]{8,17}$/, 'subnet', 'subnet-'],
  [/^security ?group/i, /^sg-[0-9a-f]{8,17}$/, 'security group', 'sg-'],
  [/^vpc ?id$/i, /^vpc-[0-9a-f]{8,17}$/, 'VPC', 'vpc-'],
];

/** Like toId, but absent means null (an optional reference). */
export function toOptionalId(v: CfnValue | undefined, what: string): Maybe<Id> | null {
  return v === undefined || v === '' ? null : toId(v, what);
}

export function toRefList(v: CfnValue | undefined, what: string): RefList {
  if (v === undefined) return [];
  if (isCfnList(v)) return v.filter((x) => !isNoValue(x)).map((x) => toId(x, what));
  if (isCfnUnknown(v)) return withBranches(v, what);
  if (typeof v === 'string') return v === '' ? [] : v.split(',').map((s) => toId(s.trim(), what));
  return [toId(v, what)];
}

/**
 * An undecidable Fn::If keeps both arms: the reason (which names the condition) shows them, so a hover on
 * the model object tells what each outcome of the condition would give.
 */
export function withBranches(v: CfnUnknown, what: string): CfnUnknown {
  const b = v.branches;
  if (b === undefined || b.length !== 2 || b[0] === undefined || b[1] === undefined) return v;
  return override(v, { reason: `${v.reason} (${what} is ${branchText(b[0])} if true, ${branchText(b[1])} if false)` });
}

function branchText(v: CfnValue): string {
  if (isNoValue(v)) return 'not set';
  if (isCfnRef(v)) return v.attribute === 'Ref' ? v.logicalId : `${v.logicalId}.${v.attribute}`;
  if (isCfnUnknown(v)) return v.symbol !== undefined ? v.symbol : 'unknown';
  if (isCfnList(v)) return `[${v.map(branchText).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return 'a value';
}

export function toStr(v: CfnValue | undefined, fallback: Maybe<string> | undefined, what: string): Maybe<string> {
  if (v === undefined) return fallback ?? unknown(`${what} is not set`);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isCfnUnknown(v)) return withBranches(v, what);
  if (isCfnRef(v)) return cfnUnknown(`${what} is ${v.logicalId}${v.attribute === 'Ref' ? '' : '.' + v.attribute}, known at deploy time`, { refs: [v] });
  return unknown(`${what} is not a string`);
}

export function toOptionalStr(v: CfnValue | undefined, what: string): Maybe<string> | null {
  return v === undefined ? null : toStr(v, undefined, what);
}

export function toBool(v: CfnValue | undefined, fallback: Maybe<boolean>, what: string): Maybe<boolean> {
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  if (isCfnUnknown(v)) return withBranches(v, what);
  return unknown(`${what} is not a boolean`);
}

export function toNum(v: CfnValue | undefined, fallback: Maybe<number>, what: string): Maybe<number> {
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (isCfnUnknown(v)) return withBranches(v, what);
  return unknown(`${what} is not a number`);
}

/** Protocol as the model writes it: '-1', 'tcp', 'udp', 'icmp', 'icmpv6' or a number string. */
export function toProtocol(v: CfnValue | undefined): Maybe<string> {
  if (v === undefined) return unknown('protocol is not set');
  if (typeof v === 'number') return protocolName(String(v));
  if (typeof v === 'string') return protocolName(v);
  return isCfnUnknown(v) ? v : unknown('protocol is not a string');
}

