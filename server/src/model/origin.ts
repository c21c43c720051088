// Where a model object or a problem came from, and the "unknown" value that every stage uses instead
// of guessing. Invariant: every model object has an origin; every unknown has a reason a hover can show.

import type { Severity, Span } from '../syntax/text';

export type { Severity, Span };

export interface Origin {
  /** Absolute path, '/' separators. */
  readonly file: string;
  /** The declaration (resource block, template resource entry). */
  readonly span: Span;
  /** The span of the resource's name (block label / logical id key), for navigation; defaults to span. */
  readonly nameSpan?: Span;
  /** CDK construct path from `aws:cdk:path` metadata, when the template was synthesised by CDK. */
  readonly cdkPath?: string;
}

export interface Unknown {
  readonly unknown: true;
  /** Why the value cannot be known statically, in words a user understands ("var.subnet_ids has no default"). */
  readonly reason: string;
  /** Where the unknown value originates (the variable, data source, parameter…), if known. */
  readonly origin?: { readonly file: string; readonly span: Span };
  /**
   * Identity of an unknown value that is still distinguishable from others, e.g. the n-th AZ returned by
   * `data.aws_availability_zones` or `!GetAZs`: two unknowns with the same symbol are equal.
   */
  readonly symbol?: string;
}

export type Maybe<T> = T | Unknown;

export function unknown(reason: string, extra?: Omit<Unknown, 'unknown' | 'reason'>): Unknown {
  return { unknown: true, reason, ...extra };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

export function isKnown<T>(value: Maybe<T>): value is T {
  return !isUnknown(value);
}

/** A problem in the user's files found by a reader, front end or the analysis (before rules become findings). */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}
