// Which units (root modules, templates) the panel draws for a document: its own unit; for a file several
// units read (a shared module every environment calls) one of them, with the others offered in the panel's
// stack picker, never the whole workspace unasked (a 10,000-resource workspace took 11.6 MB and seconds of
// layout). Pure.

import { allStacks, type DiagramScope, type DiagramStack } from '../../protocol/diagram';

export interface ChosenScope {
  /** The stacks to draw; undefined: the whole workspace. */
  readonly stacks: ReadonlySet<string> | undefined;
  /** For the picker, when the document belongs to several units. */
  readonly scope: DiagramScope | undefined;
}

/**
 * `candidates`: the units the document belongs to (none: a file no unit reads, drawn whole). `requested`: the
 * user's pick from the picker (a stack id or allStacks), or the unit the panel drew last, honoured when it is
 * one of the candidates (a shared module opened from an environment's file shows that environment); else the
 * first candidate by name, which keeps the same unit drawn whichever file of the module is open.
 */
export function chooseScope(candidates: readonly string[], requested: string | undefined): ChosenScope {
  const unique = [...new Set(candidates)].sort();
  if (unique.length === 0) return { stacks: undefined, scope: undefined };
  if (unique.length === 1) return { stacks: new Set(unique), scope: undefined };
  const stacks = stackLabels(unique);
  if (requested === allStacks) return { stacks: undefined, scope: { stacks, shown: null } };
  const shown = requested !== undefined && unique.includes(requested) ? requested : (unique[0] ?? '');
  return { stacks: new Set([shown]), scope: { stacks, shown } };
}

/** Each stack with its path below the folder all of them share (`payments-dev-001` of `…/environments/payments-dev-001`). */
export function stackLabels(ids: readonly string[]): DiagramStack[] {
  const split = ids.map((id) => id.split('/'));
  const first = split[0] ?? [];
  let common = 0;
  // Keep at least the last segment of every id.
  while (common < first.length - 1 && split.every((parts) => common < parts.length - 1 && parts[common] === first[common])) common++;
  return ids.map((id, i) => ({ id, label: (split[i] ?? []).slice(common).join('/') || id }));
}
