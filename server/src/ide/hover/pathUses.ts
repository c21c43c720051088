// Where a component sits on the functions' paths: each hop it decides, on each subnet's path, with what
// became of that path afterwards. A hop that passes on a path blocked further on is not a reached
// destination, and the hovers say so.

import type { AnalysisResult, DestinationReach, Hop } from '../../analysis/types';
import type { Id } from '../../model/types';

/** What became of the whole path after the hop: reached, or blocked/undecided at a component (null: no object). */
export interface PathOutcome {
  readonly status: 'yes' | 'no' | 'unknown';
  readonly at: Id | null;
}

export interface PathUse {
  readonly fn: Id;
  readonly reach: DestinationReach;
  readonly hop: Hop;
  readonly outcome: PathOutcome;
}

/**
 * Every hop for which `matches` holds, once per function, destination and distinct hop (label, verdict,
 * detail): the per-subnet paths when there are some (each with its own outcome), else the decisive path.
 */
export function pathUses(result: AnalysisResult, matches: (hop: Hop) => boolean): PathUse[] {
  const uses: PathUse[] = [];
  for (const report of result.functions) {
    for (const reach of report.reach) {
      const seen = new Set<string>();
      const take = (path: readonly Hop[], outcome: PathOutcome): void => {
        for (const hop of path) {
          if (!matches(hop)) continue;
          const key = `${hop.verdict}\n${hop.label}\n${hop.detail}\n${outcome.status}\n${outcome.at ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          uses.push({ fn: report.function, reach, hop, outcome });
        }
      };
      if (reach.bySubnet.length > 0) for (const s of reach.bySubnet) take(s.path, { status: s.status, at: s.blockedAt });
      else take(reach.path, { status: reach.status === 'partial' ? 'no' : reach.status, at: reach.blockedAt });
    }
  }
  return uses;
}

/**
 * ", but the path is blocked later at `x`" for a hop that passes on a path that does not reach; '' otherwise.
 * `named` gives the component's name as the hover shows it (in code).
 */
export function laterText(hop: Hop, outcome: PathOutcome, named: (id: Id) => string): string {
  if (hop.verdict !== 'pass' || outcome.status === 'yes') return '';
  const at = outcome.at !== null && outcome.at !== hop.component ? ` at ${named(outcome.at)}` : '';
  return outcome.status === 'no' ? `, but ❌ the path is blocked later${at}` : `, but ❔ the path is undecided later${at}`;
}
