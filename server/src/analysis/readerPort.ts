// The reader port of an ElastiCache Serverless cache (P2, P15): the cache's answer is its primary port's (whether
// the function's client reads from replicas is not in the workspace); when that port is reached and the reader
// port is blocked, a warning. The reader port is evaluated by the same path search as the primary one, memoised
// per target and port; destinations other than serverless caches cost nothing.

import { isKnown } from '../model/origin';
import type { Id } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';
import type { DestinationSpec } from './reachability';
import type { Evaluation } from './trace';
import type { DestinationReach, Fix } from './types';

type TargetSpec = Extract<DestinationSpec, { readonly kind: 'target' }>;

/** The reader port's answer for one cache a function needs. */
export interface ReaderPortCheck {
  /** The cache's destination key (DestinationReach.destination). */
  readonly destination: string;
  readonly port: number;
  readonly primaryPort: number;
  readonly reach: DestinationReach;
  readonly evals: readonly Evaluation[];
}

/** The reader port's spec for a serverless cache on its primary port; null for every other destination. */
export function readerPortSpec(spec: DestinationSpec): TargetSpec | null {
  if (spec.kind !== 'target') return null;
  const reader = spec.target.readerPort;
  if (reader === undefined || !isKnown(reader) || spec.port === null || spec.port === reader) return null;
  return { kind: 'target', target: spec.target, port: reader };
}

export function readerPortCheck(destination: string, primary: TargetSpec, reader: TargetSpec, answer: { readonly reach: DestinationReach; readonly evals: readonly Evaluation[] }): ReaderPortCheck {
  return { destination, port: reader.port ?? 0, primaryPort: primary.port ?? 0, reach: answer.reach, evals: answer.evals };
}

/** What a LAMBDA_CACHE_READER_PORT_BLOCKED finding says, for findings.ts to place. */
export interface ReaderPortFinding {
  readonly message: string;
  readonly cache: Id | null;
  readonly blockedAt: readonly (Id | null)[];
  readonly fixes: readonly Fix[];
  readonly key: string;
}

const CITES_RULE = /\([A-Z]\d+(, [A-Z]\d+)*\)$/;

/**
 * A finding per needed cache reached on its primary port whose reader port is blocked from every subnet or some
 * (no or partial). An unknown reader answer gives none: the finding never guesses.
 */
export function readerPortFindings(model: NetworkModel, fnAddress: string, reach: readonly DestinationReach[], checks: readonly ReaderPortCheck[]): ReaderPortFinding[] {
  const out: ReaderPortFinding[] = [];
  for (const check of checks) {
    const primary = reach.find((r) => r.destination === check.destination);
    if (primary === undefined || !primary.needed || primary.status !== 'yes') continue;
    const r = check.reach;
    if (r.status !== 'no' && r.status !== 'partial') continue;
    const blocking = r.path.find((h) => h.verdict === 'block');
    const rule = blocking?.rule !== undefined && /^[A-Z]\d+$/.test(blocking.rule) && !CITES_RULE.test(r.explanation) ? ` (${blocking.rule})` : '';
    const at = r.blockedAt !== null ? displayName(model, r.blockedAt) : null;
    const why = at === null || r.explanation.includes(at) ? r.explanation : `blocked at ${at}: ${r.explanation}`;
    const where = r.status === 'partial' ? ' from some of its subnets' : '';
    const cache = primary.target !== null ? model.get(primary.target) : undefined;
    const name = cache?.kind === 'target' ? cache.address : primary.label;
    out.push({
      message: `${fnAddress} reaches ${name} on its primary port tcp ${check.primaryPort} but not on its reader port tcp ${check.port}${where}: ${why}${rule}. `
        + `Reads from replicas use tcp ${check.port}, and many clients connect to both ports: allow tcp ${check.port} as well as tcp ${check.primaryPort} (P15)`,
      cache: primary.target,
      blockedAt: r.bySubnet.filter((s) => s.status === 'no').map((s) => s.blockedAt),
      fixes: r.fixes,
      key: `${check.destination}:${check.port}`,
    });
  }
  return out;
}

