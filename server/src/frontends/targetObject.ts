// A private target (database, cache, proxy, file system mount target, instance, load balancer) as both front
// ends build it: the fields they read, with the defaults the model expects for what a resource does not set.

import type { Maybe } from '../model/origin';
import type { Base, Id, RefList, Target, TargetKind } from '../model/types';

export interface TargetFields {
  readonly subnets?: RefList;
  readonly subnetGroup?: Maybe<Id> | null;
  readonly securityGroups?: RefList;
  readonly port: Maybe<number>;
  readonly readerPort?: Maybe<number>;
  readonly publiclyAccessible?: Maybe<boolean>;
  readonly publicByDefault?: Target['publicByDefault'];
  readonly parent?: Maybe<Id> | null;
  readonly serverlessDataApi?: boolean;
  readonly unfiltered?: boolean;
}

/** The model object; `base` is spread after the fixed fields so every target shares one hidden class (docs/performance.md). */
export function targetObject(targetKind: TargetKind, f: TargetFields, base: Base): Target {
  return {
    kind: 'target',
    targetKind,
    subnets: f.subnets ?? [],
    subnetGroup: f.subnetGroup ?? null,
    securityGroups: f.securityGroups ?? [],
    port: f.port,
    publiclyAccessible: f.publiclyAccessible ?? false,
    parent: f.parent ?? null,
    ...base,
    ...(f.serverlessDataApi === true ? { serverlessDataApi: true } : {}),
    ...(f.unfiltered === true ? { unfiltered: true as const } : {}),
    ...(f.readerPort !== undefined ? { readerPort: f.readerPort } : {}),
    ...(f.publicByDefault !== undefined ? { publicByDefault: f.publicByDefault } : {}),
  };
}
