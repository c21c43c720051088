// Where a function's traffic enters a customer VPC (M2, M3, M5 step 1–2): its VpcConfig, or for Lambda
// Managed Instances its capacity provider's; C2's "both empty" means no VPC at all.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, LambdaFunction, VpcConfig } from '../model/types';
import type { NetworkModel } from '../model/network';

export type Placement =
  | { readonly kind: 'service-vpc'; readonly managedInstances: boolean }
  | {
      readonly kind: 'vpc';
      readonly managedInstances: boolean;
      readonly config: VpcConfig;
      readonly subnets: readonly Maybe<Id>[];
      readonly securityGroups: readonly Maybe<Id>[];
      readonly vpc: Maybe<Id> | null;
      /** Set when the whole placement cannot be evaluated (unknown lists, config AWS rejects). */
      readonly unknownReason: string | null;
      /** AWS rejects the config (C2, C3) or its capacity provider is unknown: no ENI at all. */
      readonly rejected: boolean;
    };

function vpcOf(model: NetworkModel, subnets: readonly Maybe<Id>[], groups: readonly Maybe<Id>[]): Maybe<Id> | null {
  for (const id of [...subnets, ...groups]) {
    if (!isKnown(id)) continue;
    const o = model.get(id);
    if ((o?.kind === 'subnet' || o?.kind === 'security-group') && isKnown(o.vpc)) return o.vpc;
  }
  const first = [...subnets, ...groups].find((x) => !isKnown(x));
  return first ?? null;
}

export function placementOf(model: NetworkModel, fn: LambdaFunction): Placement {
  let config = fn.vpcConfig;
  const managedInstances = fn.capacityProvider !== null;
  if (fn.capacityProvider !== null) {
    if (!isKnown(fn.capacityProvider)) {
      return unknownPlacement(`the capacity provider is unknown: ${fn.capacityProvider.reason}`, fn, managedInstances);
    }
    const provider = model.get(fn.capacityProvider);
    if (!provider || provider.kind !== 'capacity-provider') {
      return unknownPlacement(`capacity provider ${fn.capacityProvider} is not in the workspace`, fn, managedInstances);
    }
    config = provider.vpcConfig;
  }
  if (config === null) return { kind: 'service-vpc', managedInstances };
  const subnets = isKnown(config.subnets) ? config.subnets : null;
  const groups = isKnown(config.securityGroups) ? config.securityGroups : null;
  // One literal for every outcome (not a spread of a shared base): objects built as spread-then-fields get
  // a hidden class each in V8 11, see docs/performance.md.
  const placed = (vpc: Maybe<Id> | null, unknownReason: string | null, rejected: boolean): Placement => ({
    kind: 'vpc', managedInstances, config, subnets: subnets ?? [], securityGroups: groups ?? [], vpc, unknownReason, rejected,
  });
  if (subnets && groups && subnets.length === 0 && groups.length === 0) return { kind: 'service-vpc', managedInstances };
  const vpc = vpcOf(model, subnets ?? [], groups ?? []);
  if (!isKnown(config.subnets)) return placed(vpc, `the subnets are unknown: ${config.subnets.reason}`, false);
  if (!isKnown(config.securityGroups)) return placed(vpc, `the security groups are unknown: ${config.securityGroups.reason}`, false);
  if (subnets?.length === 0 || groups?.length === 0) {
    return placed(vpc, 'AWS rejects this VPC config: subnets and security groups must both be set or both be empty (C2)', true);
  }
  // C3: AWS rejects more than 16 subnets, more than 5 groups, or subnets and groups of several VPCs: the
  // function is never created, so it has no ENI to share and no path.
  const limits = c3Violation(model, subnets ?? [], groups ?? []);
  if (limits !== null) return placed(vpc, `AWS rejects this VPC config: ${limits} (C3)`, true);
  // P12: Lambda cannot attach to a VPC with dedicated instance tenancy; the function is never created either.
  const v = vpc !== null && isKnown(vpc) ? model.get(vpc) : undefined;
  if (v?.kind === 'vpc' && v.instanceTenancy === 'dedicated') return placed(vpc, `AWS rejects this VPC config: ${v.address} has dedicated instance tenancy (P12)`, true);
  return placed(vpc, null, false);
}

function c3Violation(model: NetworkModel, subnets: readonly Maybe<Id>[], groups: readonly Maybe<Id>[]): string | null {
  if (subnets.length > 16) return `${subnets.length} subnets, at most 16 are allowed`;
  if (groups.length > 5) return `${groups.length} security groups, at most 5 are allowed`;
  const vpcs = new Set<Id>();
  for (const id of [...subnets, ...groups]) {
    if (!isKnown(id)) continue;
    const o = model.get(id);
    if ((o?.kind === 'subnet' || o?.kind === 'security-group') && isKnown(o.vpc)) vpcs.add(o.vpc);
  }
  return vpcs.size > 1 ? `its subnets and security groups are in ${vpcs.size} VPCs, all must be in one` : null;
}

function unknownPlacement(reason: string, fn: LambdaFunction, managedInstances: boolean): Placement {
  const config: VpcConfig = fn.vpcConfig ?? { subnets: [], securityGroups: [], ipv6AllowedForDualStack: false, origin: fn.origin };
  return { kind: 'vpc', managedInstances, config, subnets: [], securityGroups: [], vpc: null, unknownReason: reason, rejected: true };
}
