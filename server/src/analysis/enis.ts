// Hyperplane ENI grouping (H1): one ENI per (subnet, exact security-group set) in the account, shared by every
// function with that combination; address usage per subnet (H6) and ENI count per VPC (H5). Lambda Managed
// Instances use their instances' ENIs instead (no Hyperplane ENI). Unknown subnets and groups still compare
// when they carry a symbol (the same parameter, the same literal id): two symbols that are equal are the same
// value, so functions configured from the same inputs share ENIs even though the inputs are not known.

import { isKnown, type Maybe, type Unknown } from '../model/origin';
import type { Id, RefList } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName, symbolLabel } from './naming';
import type { HyperplaneEni } from './types';

/** Key of a security-group set for memoising paths; unknown groups count by their symbol or reason. */
export function groupSetKey(model: NetworkModel, groups: readonly Maybe<Id>[]): string {
  const parts = groups.map((g) => (isKnown(g) ? model.canonical(g) : `?${g.symbol ?? g.reason}`));
  return [...new Set(parts)].sort().join(',');
}

export function eniKey(subnet: Id, groupKey: string): string {
  return `${subnet}|${groupKey}`;
}

/**
 * Identity of a security-group set for sharing, or null when an unknown without symbol makes it unique; `ids`
 * lists the groups for display (model ids, or readable names of symbolic ones).
 */
function sharingGroupKey(model: NetworkModel, groups: RefList): { key: string; ids: Id[] } | null {
  if (!isKnown(groups)) return groups.symbol !== undefined ? { key: `?list:${groups.symbol}`, ids: [] } : null;
  const parts = new Set<string>();
  const ids = new Set<Id>();
  for (const g of groups) {
    if (isKnown(g)) {
      const id = model.canonical(g);
      parts.add(id);
      ids.add(id);
    } else if (g.symbol !== undefined) {
      parts.add(`?${g.symbol}`);
      ids.add(symbolLabel(g)); // not a model id: a readable name of the group the symbol stands for
    } else return null;
  }
  return { key: [...parts].sort().join(','), ids: [...ids].sort() };
}

interface Entry {
  readonly vpc: Maybe<Id>;
  readonly subnet: Id;
  readonly unknownSubnet: Unknown | null;
  readonly groups: readonly Id[];
  readonly functions: Id[];
}

export interface EniRegistration {
  /** Keys of the ENIs the function uses (one per subnet whose identity is known or symbolic). */
  readonly keys: readonly string[];
  /** Keys of combinations whose ENIs cannot be counted (a whole unknown subnet list) but are shared. */
  readonly shareKeys: readonly string[];
}

export class EniGrouping {
  private readonly byKey = new Map<string, Entry>();
  /** Whole-list unknown subnets with a symbol: the ENI count is unknown, the sharing is not. */
  private readonly shared = new Map<string, Id[]>();

  constructor(private readonly model: NetworkModel) {}

  /** Registers a function's combinations (H1). */
  add(fn: Id, subnets: RefList, groups: RefList): EniRegistration {
    const g = sharingGroupKey(this.model, groups);
    // A group set with an unknown that has no identity is this function's own.
    const groupKey = g?.key ?? `?fn:${fn}`;
    const groupIds = g?.ids ?? (isKnown(groups) ? groups.filter((x): x is Id => isKnown(x)).map((x) => this.model.canonical(x)) : []);
    if (!isKnown(subnets)) {
      if (subnets.symbol === undefined) return { keys: [], shareKeys: [] };
      const key = `?list:${subnets.symbol}|${groupKey}`;
      const fns = this.shared.get(key) ?? [];
      if (!fns.includes(fn)) fns.push(fn);
      this.shared.set(key, fns);
      return { keys: [], shareKeys: [key] };
    }
    const keys: string[] = [];
    for (const subnet of subnets) {
      let key: string;
      let make: () => Entry;
      if (isKnown(subnet)) {
        key = eniKey(subnet, groupKey);
        make = () => {
          const s = this.model.get(subnet);
          const vpc: Maybe<Id> = s?.kind === 'subnet' ? s.vpc : { unknown: true, reason: `subnet ${displayName(this.model, subnet)} is not in the workspace` };
          return { vpc, subnet, unknownSubnet: null, groups: groupIds, functions: [] };
        };
      } else if (subnet.symbol !== undefined) {
        key = eniKey(`?${subnet.symbol}`, groupKey);
        make = () => ({ vpc: { unknown: true, reason: `the subnet is unknown: ${subnet.reason}` }, subnet: symbolLabel(subnet), unknownSubnet: subnet, groups: groupIds, functions: [] });
      } else continue; // an unknown subnet without identity: neither countable nor comparable
      let eni = this.byKey.get(key);
      if (!eni) this.byKey.set(key, (eni = make()));
      if (!eni.functions.includes(fn)) eni.functions.push(fn);
      keys.push(key);
    }
    return { keys, shareKeys: [] };
  }

  functionsOf(key: string): readonly Id[] {
    return this.byKey.get(key)?.functions ?? this.shared.get(key) ?? [];
  }

  list(): HyperplaneEni[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, e]) => ({
        key, vpc: e.vpc, subnet: e.subnet, securityGroups: e.groups, functions: [...e.functions].sort(),
        ...(e.unknownSubnet !== null ? { unknownSubnet: e.unknownSubnet } : {}),
      }));
  }
}

/** H9: the pre-2019 sizing rule (one ENI per execution environment), for "why old guidance differs" hovers. */
export function preHyperplaneEniEstimate(peakConcurrentExecutions: number, memoryMb: number): number {
  return Math.ceil(peakConcurrentExecutions * (memoryMb / 3072));
}
