// The AWS partition of a Region (AWS::Partition, AWS::URLSuffix): China Regions are `aws-cn` with the
// `amazonaws.com.cn` suffix, GovCloud is `aws-us-gov`, the isolated Regions have their own suffixes.

import { partitionOfRegion } from '../../model/partition';

export interface PartitionInfo {
  readonly partition: string;
  readonly urlSuffix: string;
}

/** The partition of `region` (model/partition.ts); the commercial partition when the Region is not known. */
export function partitionOf(region: string | undefined): PartitionInfo {
  const p = partitionOfRegion(region);
  return { partition: p.partition, urlSuffix: p.dnsSuffix };
}

/** The Region of an Availability Zone name (`eu-west-1a` → `eu-west-1`, `us-west-2-lax-1a` → `us-west-2`). */
export function regionOfZone(zone: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:-[a-z]+-\d+)?[a-z]$/.exec(zone);
  return m?.[1];
}
