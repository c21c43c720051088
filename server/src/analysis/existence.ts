// Objects whose creation cannot be decided statically (a CloudFormation Condition on an undecidable parameter,
// a Terraform `count = var.x ? 1 : 0` with var.x unknown) carry `existence` in the model. A path through one
// is never a certain "yes", and a block at or after one is never a certain "no": the result becomes unknown
// with reason code CONDITIONAL_RESOURCE and a reason naming the condition (R1: the answer must hold for the
// deployed configuration, which here depends on a deploy-time choice).

import type { Unknown } from '../model/origin';
import type { Id } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';
import type { Evaluation } from './trace';
import type { Hop } from './types';
import { override } from '../model/override';

/** Reason code of a result that depends on whether a conditionally created object exists. */
export const CONDITIONAL_CODE = 'CONDITIONAL_RESOURCE';

/** The object's existence unknown, or undefined when it is created (or not in the workspace). */
export function existenceOf(model: NetworkModel, id: Id | null): Unknown | undefined {
  return id === null ? undefined : model.get(id)?.existence;
}

/** "depends on NatGateway, created only if Condition UseNat is true, which cannot be decided: …" */
export function dependsOn(model: NetworkModel, id: Id, existence: Unknown): string {
  return `depends on ${displayName(model, id)}, ${existence.reason}`;
}

/**
 * Re-reads one subnet's evaluation against the existence of the objects on its path. The first hop whose
 * object may not exist splits the path: a block before it stays a certain "no"; otherwise the status is
 * unknown (a pass through it may not happen, a block after it may not be reached the same way).
 */
export function withExistence(model: NetworkModel, ev: Evaluation): Evaluation {
  const path = ev.path;
  let at = -1;
  let existence: Unknown | undefined;
  for (let i = 0; i < path.length; i++) {
    const hop = path[i];
    if (hop === undefined) continue;
    existence = existenceOf(model, hop.component);
    if (existence !== undefined) { at = i; break; }
  }
  if (at < 0 || existence === undefined) return ev;
  let firstOpen = -1;
  for (let i = 0; i < at; i++) {
    const verdict = path[i]?.verdict;
    if (verdict === 'block') return ev;
    if (verdict === 'unknown' && firstOpen < 0) firstOpen = i;
  }
  const hop = path[at];
  const component = hop?.component ?? null;
  if (hop === undefined || component === null) return ev;
  const marked: Hop = {
    component, componentKind: hop.componentKind, label: hop.label, verdict: 'unknown', detail: `${hop.detail}; ${existence.reason}`,
    ...(hop.rule !== undefined ? { rule: hop.rule } : {}),
  };
  const newPath = path.map((h, i) => (i === at ? marked : h));
  // An input that was already unknown before the conditional object keeps its own reason.
  if (firstOpen >= 0 && ev.status === 'unknown') return override(ev, { path: newPath });
  const reason = dependsOn(model, component, existence);
  return override(ev, { status: 'unknown', path: newPath, blockedAt: component, reason, code: CONDITIONAL_CODE, explanation: reason, fixes: [], blocks: [] });
}
