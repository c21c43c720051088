// CloudFormation values as the intrinsic evaluator sees them. Known values are plain JavaScript values
// (strings, numbers, booleans, null, arrays, CfnMap); a value CloudFormation only knows at deploy time is a
// CfnUnknown with a reason; a reference to a resource (Ref / GetAtt of an identifying attribute) is a CfnRef
// so the model can still tell which object it names. `AWS::NoValue` is NO_VALUE, which removes a property.
// `!GetAZs` is a CfnAzList so `!Select [i, …]` yields the i-th symbolic AZ for any i.

import { unknown as makeUnknown, type Unknown } from '../../model/origin';
import type { Id } from '../../model/types';

export type CfnValue = null | boolean | number | string | readonly CfnValue[] | CfnMap | CfnUnknown | CfnRef | CfnAzList | CfnNoValue;

export interface CfnMap {
  readonly kind: 'map';
  readonly fields: ReadonlyMap<string, CfnValue>;
}

/** An unknown value. `refs` keeps the resources it was built from; `branches` the arms of an undecidable Fn::If. */
export interface CfnUnknown extends Unknown {
  readonly refs?: readonly CfnRef[];
  readonly branches?: readonly CfnValue[];
  /** A string built only from text and references (Fn::Join, Fn::Sub): its pieces in order, for Fn::Split. */
  readonly parts?: readonly (string | CfnRef)[];
}

/** `Ref` to a resource (attribute 'Ref') or `Fn::GetAtt` of an attribute that names the resource or a computed value. */
export interface CfnRef {
  readonly kind: 'ref';
  /** Model id of the object the reference names (for GetAtt Vpc.DefaultSecurityGroup: the VPC's implicit SG). */
  readonly target: Id;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly attribute: string;
}

export interface CfnAzList {
  readonly kind: 'azs';
  /** The Region name, or 'AWS::Region' when unknown: part of each AZ's symbol. */
  readonly region: string;
}

export interface CfnNoValue {
  readonly kind: 'novalue';
}

export const NO_VALUE: CfnNoValue = { kind: 'novalue' };

export function cfnMap(entries: Iterable<readonly [string, CfnValue]>): CfnMap {
  return { kind: 'map', fields: new Map(entries) };
}

function isObj(v: CfnValue): v is CfnMap | CfnUnknown | CfnRef | CfnAzList | CfnNoValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isCfnMap(v: CfnValue): v is CfnMap {
  return isObj(v) && (v as { kind?: unknown }).kind === 'map';
}
export function isCfnRef(v: CfnValue): v is CfnRef {
  return isObj(v) && (v as { kind?: unknown }).kind === 'ref';
}
export function isCfnUnknown(v: CfnValue): v is CfnUnknown {
  return isObj(v) && (v as { unknown?: unknown }).unknown === true;
}
export function isAzList(v: CfnValue): v is CfnAzList {
  return isObj(v) && (v as { kind?: unknown }).kind === 'azs';
}
export function isNoValue(v: CfnValue): v is CfnNoValue {
  return isObj(v) && (v as { kind?: unknown }).kind === 'novalue';
}
export function isCfnList(v: CfnValue): v is readonly CfnValue[] {
  return Array.isArray(v);
}

export function cfnUnknown(reason: string, extra?: Omit<CfnUnknown, 'unknown' | 'reason'>): CfnUnknown {
  return makeUnknown(reason, extra);
}

/** Every resource reference inside a value (for environment variables, policy resources, branches). */
export function refsIn(v: CfnValue, out: CfnRef[] = []): CfnRef[] {
  if (Array.isArray(v)) {
    for (const x of v as readonly CfnValue[]) refsIn(x, out);
  } else if (isCfnRef(v)) out.push(v);
  else if (isCfnUnknown(v)) {
    if (v.refs) out.push(...v.refs);
    if (v.branches) for (const b of v.branches) refsIn(b, out);
  } else if (isCfnMap(v)) for (const x of v.fields.values()) refsIn(x, out);
  return out;
}

/** A field of a map value, or undefined. NO_VALUE counts as absent. */
export function field(v: CfnValue | undefined, name: string): CfnValue | undefined {
  if (v === undefined || !isCfnMap(v)) return undefined;
  const f = v.fields.get(name);
  return f === undefined || isNoValue(f) ? undefined : f;
}

/** Short text for hovers and test output. */
export function renderValue(v: CfnValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly CfnValue[]).map(renderValue).join(', ')}]`;
  if (isCfnRef(v)) return v.attribute === 'Ref' ? `<ref ${v.target}>` : `<ref ${v.target} ${v.attribute}>`;
  if (isCfnUnknown(v)) return v.symbol !== undefined ? `<unknown ${v.symbol}>` : `<unknown: ${v.reason}>`;
  if (isAzList(v)) return `<azs ${v.region}>`;
  if (isNoValue(v)) return '<novalue>';
  if (isCfnMap(v)) return `{${[...v.fields].map(([k, x]) => `${k}: ${renderValue(x)}`).join(', ')}}`;
  return '?';
}
