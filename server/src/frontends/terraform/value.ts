// Terraform values as the evaluator sees them. Known values are plain JavaScript values (strings, numbers,
// booleans, null, arrays for lists/tuples/sets, TfObject for maps/objects); values Terraform would only know
// after apply are unknowns with a reason; a reference to a resource attribute that AWS computes (an id, an
// ARN) is a TfRef, so the model can still tell which object it names.

import type { Unknown } from '../../model/origin';

export type TfValue = null | boolean | number | string | readonly TfValue[] | TfObject | TfUnknown | TfRef;

export interface TfObject {
  readonly kind: 'object';
  /** Insertion order is Terraform's lexical key order once normalised by the producer (keys sorted). */
  readonly fields: ReadonlyMap<string, TfValue>;
}

/** An unknown value. `refs` keeps the resource references it was built from ("arn:…:${aws_s3_bucket.b.id}/*"). */
export interface TfUnknown extends Unknown {
  readonly refs?: readonly TfRef[];
}

/** A computed attribute of a resource instance in the workspace: `aws_vpc.main.id`, `aws_sg.db.id`, … */
export interface TfRef {
  readonly kind: 'ref';
  /** Model id of the resource instance (see frontends/terraform for how ids are built). */
  readonly target: string;
  /** Terraform address of the instance, e.g. `module.net.aws_subnet.private[0]`. */
  readonly address: string;
  /** The attribute: `id`, `arn`, `default_security_group_id`, `prefix_list_id`, `endpoint`, … */
  readonly attribute: string;
  /**
   * Set when the attribute is one the configuration sets but from values not known statically (a role's
   * `name` built from a variable without default): why, in the words of that unknown. The ref still names
   * its instance, as other resources name it by that value.
   */
  readonly reason?: string;
}

export function tfObject(entries: Iterable<readonly [string, TfValue]>): TfObject {
  return { kind: 'object', fields: new Map(entries) };
}

export function isTfObject(v: TfValue): v is TfObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === 'object';
}

export function isTfRef(v: TfValue): v is TfRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { kind?: unknown }).kind === 'ref';
}

export function isTfUnknown(v: TfValue): v is TfUnknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { unknown?: unknown }).unknown === true;
}

export function isTfList(v: TfValue): v is readonly TfValue[] {
  return Array.isArray(v);
}
