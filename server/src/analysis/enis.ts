// Hyperplane ENI grouping (H1): one ENI per (subnet, exact security-group set) in the account, shared by every
// function with that combination; address usage per subnet (H6) and ENI count per VPC (H5). Lambda Managed
// Instances use their instances' ENIs instead (no Hyperplane ENI).

import { isKnown, type Maybe } from '../model/origin';
import type { Id } from '../model/types';
import type { NetworkModel } from '../model/network';
import type { HyperplaneEni } from './types';

/** Key of a (subnet, SG set) combination; unknown groups count by their symbol or reason. */
export function groupSetKey(model: NetworkModel, groups: readonly Maybe<Id>[]): string {
  const parts = groups.map((g) => (isKnown(g) ? model.canonical(g) : `?${g.symbol ?? g.reason}`));
  return [...new Set(parts)].sort().join(',');
}

export function eniKey(subnet: Id, groupKey: string): string {
  return `${subnet}|${groupKey}`;
}

export class EniGrouping {
  private readonly byKey = new Map<string, { vpc: Maybe<Id>; subnet: Id; groups: Id[]; functions: Id[] }>();

  constructor(private readonly model: NetworkModel) {}

  /** Registers a function's combinations; returns their keys. */
  add(fn: Id, subnets: readonly Maybe<Id>[], groups: readonly Maybe<Id>[]): string[] {
    const groupKey = groupSetKey(this.model, groups);
    const keys: string[] = [];
    for (const subnet of subnets) {
      if (!isKnown(subnet)) continue;
      const key = eniKey(subnet, groupKey);
      let eni = this.byKey.get(key);
      if (!eni) {
        const s = this.model.get(subnet);
        const vpc: Maybe<Id> = s?.kind === 'subnet' ? s.vpc : { unknown: true, reason: `subnet ${subnet} is not in the workspace` };
        eni = { vpc, subnet, groups: groupKey === '' ? [] : groupKey.split(','), functions: [] };
        this.byKey.set(key, eni);
      }
      if (!eni.functions.includes(fn)) eni.functions.push(fn);
      keys.push(key);
    }
    return keys;
  }

  functionsOf(key: string): readonly Id[] {
    return this.byKey.get(key)?.functions ?? [];
  }

  list(): HyperplaneEni[] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, e]) => ({ key, vpc: e.vpc, subnet: e.subnet, securityGroups: e.groups, functions: [...e.functions].sort() }));
  }
}

/** H9: the pre-2019 sizing rule (one ENI per execution environment), for "why old guidance differs" hovers. */
export function preHyperplaneEniEstimate(peakConcurrentExecutions: number, memoryMb: number): number {
  return Math.ceil(peakConcurrentExecutions * (memoryMb / 3072));
}
