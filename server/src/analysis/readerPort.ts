// The reader port of an ElastiCache Serverless cache (P2, P15): the cache's answer is its primary port's (whether
// the function's client reads from replicas is not in the workspace); when that port is reached and the reader
// port is blocked, a warning. The reader port is evaluated by the same path search as the primary one, memoised
// per target and port; destinations other than serverless caches cost nothing.

import { isKnown } from '../model/origin';
import type { DestinationSpec } from './reachability';
import type { DestinationReach } from './types';

type TargetSpec = Extract<DestinationSpec, { readonly kind: 'target' }>;

/** The reader port's answer for one cache a function needs. */
export interface ReaderPortCheck {
  /** The cache's destination key (DestinationReach.destination). */
  readonly destination: string;
  readonly port: number;
  readonly primaryPort: number;
  readonly reach: DestinationReach;
}

/** The reader port's spec for a serverless cache on its primary port; null for every other destination. */
export function readerPortSpec(spec: DestinationSpec): TargetSpec | null {
  if (spec.kind !== 'target') return null;
  const reader = spec.target.readerPort;
  if (reader === undefined || !isKnown(reader) || spec.port === null || spec.port === reader) return null;
  return { kind: 'target', target: spec.target, port: reader };
}

export function readerPortCheck(destination: string, primary: TargetSpec, reader: TargetSpec, answer: { readonly reach: DestinationReach }): ReaderPortCheck {
  return { destination, port: reader.port ?? 0, primaryPort: primary.port ?? 0, reach: answer.reach };
}

/** A needed cache reached on its primary port (`primary`) whose reader port is blocked (`check`). */
export interface BlockedReaderPort {
  readonly check: ReaderPortCheck;
  readonly primary: DestinationReach;
}

/**
 * The needed caches reached on their primary port whose reader port is blocked from every subnet or some (no or
 * partial); findings.ts words them. An unknown reader answer gives none: the finding never guesses.
 */
export function blockedReaderPorts(reach: readonly DestinationReach[], checks: readonly ReaderPortCheck[]): BlockedReaderPort[] {
  const out: BlockedReaderPort[] = [];
  for (const check of checks) {
    const primary = reach.find((r) => r.destination === check.destination);
    if (primary === undefined || !primary.needed || primary.status !== 'yes') continue;
    if (check.reach.status === 'no' || check.reach.status === 'partial') out.push({ check, primary });
  }
  return out;
}
