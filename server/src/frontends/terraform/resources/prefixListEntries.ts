// aws_ec2_managed_prefix_list_entry: one entry of a customer-managed prefix list declared as its own resource.
// The model keeps a list's entries on the list, so each entry is recorded while resources are read and folded
// into its list once all are read (a list may be read after its entries, in another module).

import { isKnown, unknown, type Maybe, type Problem } from '../../../model/origin';
import type { Id } from '../../../model/types';
import { override } from '../../../model/override';
import { toPrefixListRef, toStr } from '../modelValues';
import type { EmitState, ListEntry, MapContext } from './mapper';

export function prefixListEntry(m: MapContext): void {
  const v = m.view;
  m.listEntry(toPrefixListRef(v.attr('prefix_list_id')), toStr(v.attr('cidr'), 'cidr'));
}

const cidrText = (e: ListEntry): string => (isKnown(e.cidr) ? e.cidr : 'an entry not known statically');

/**
 * Appends every recorded entry to its list. What an entry adds:
 * - its CIDR, when it certainly exists;
 * - an unknown when it may not exist (count/for_each), so a list entry alone never makes an answer "yes";
 * - an unknown when its list also declares inline `entry` blocks: the provider documents that the two conflict
 *   and overwrite each other (`entry` is Optional+Computed, so the list's every apply restores its inline set and
 *   the entry's apply adds it back), the same fight as inline and standalone rules (T3, T5);
 * - for an entry whose list is not known statically, an unknown on every list of the workspace (it may be any).
 * Entries of a list outside the workspace (a literal pl- id, an AWS-managed list) change nothing modelled.
 */
export function foldListEntries(state: EmitState, report: (p: Problem) => void): void {
  const entries = state.listEntries;
  if (entries === undefined || entries.length === 0) return;
  const objects = state.objects;
  const lists = new Map<Id, number>();
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (o?.kind === 'prefix-list') lists.set(o.id, i);
  }
  if (lists.size === 0) return;
  const added = new Map<number, Maybe<string>[]>();
  const add = (i: number, value: Maybe<string>): void => {
    const list = added.get(i);
    if (list) list.push(value);
    else added.set(i, [value]);
  };
  let unplaced: ListEntry[] | undefined;
  for (const e of entries) {
    const ref = e.list;
    if (ref.kind === 'unknown') {
      if (!isKnown(ref.value)) (unplaced ??= []).push(e);
      continue;
    }
    if (ref.kind !== 'object') continue;
    const i = lists.get(ref.ref);
    const list = i === undefined ? undefined : objects[i];
    // A list with no instance (count = 0): Terraform fails on the entry; there is nothing to add it to.
    if (i === undefined || list === undefined) continue;
    if (state.inlineEntryLists?.has(ref.ref) === true) {
      report({
        code: 'tf-inline-standalone-conflict',
        severity: 'warning',
        message: `${e.address} adds an entry to prefix list ${list.address}, which also declares inline entries; Terraform will keep overwriting one with the other (T3, T5).`,
        file: e.file,
        span: e.span,
      });
      add(i, unknown(`${e.address} adds ${cidrText(e)}, removed again by every apply of ${list.address}, which declares its entries inline (T3, T5)`));
      continue;
    }
    add(i, e.existence === undefined ? e.cidr : unknown(`${e.address} adds ${cidrText(e)} only if it is created (${e.existence.reason})`));
  }
  if (unplaced !== undefined) {
    const first = unplaced[0];
    const value = first?.list.kind === 'unknown' && !isKnown(first.list.value) ? first.list.value.reason : 'unknown';
    const more = unplaced.length > 1 ? ` (and ${unplaced.length - 1} more entry resource${unplaced.length > 2 ? 's' : ''})` : '';
    const why = unknown(`${first?.address ?? 'an entry resource'} adds ${first ? cidrText(first) : 'an entry'} to a prefix list not known statically (${value})${more}: it may be this one`);
    for (const i of lists.values()) add(i, why);
  }
  for (const [i, extra] of added) {
    const o = objects[i];
    if (o?.kind === 'prefix-list') objects[i] = override(o, { entries: [...o.entries, ...extra] });
  }
}
