// The AWS partition of a Region (AWS::Partition, AWS::URLSuffix): China Regions are `aws-cn` with the
// `amazonaws.com.cn` suffix, GovCloud is `aws-us-gov`, the isolated Regions have their own suffixes.

export interface PartitionInfo {
  readonly partition: string;
  readonly urlSuffix: string;
}

const AWS: PartitionInfo = { partition: 'aws', urlSuffix: 'amazonaws.com' };

/** Prefix of the Region name → partition; the first match wins (`us-isob-` before `us-iso-`). */
const PARTITIONS: readonly (readonly [string, PartitionInfo])[] = [
  ['cn-', { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' }],
  ['us-gov-', { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' }],
  ['us-isob-', { partition: 'aws-iso-b', urlSuffix: 'sc2s.sgov.gov' }],
  ['us-isof-', { partition: 'aws-iso-f', urlSuffix: 'csp.hci.ic.gov' }],
  ['eu-isoe-', { partition: 'aws-iso-e', urlSuffix: 'cloud.adc-e.uk' }],
  ['us-iso-', { partition: 'aws-iso', urlSuffix: 'c2s.ic.gov' }],
];

/** The partition of `region`; the commercial partition when the Region is not known (the common case). */
export function partitionOf(region: string | undefined): PartitionInfo {
  if (region === undefined) return AWS;
  for (const [prefix, info] of PARTITIONS) if (region.startsWith(prefix)) return info;
  return AWS;
}

/** The Region of an Availability Zone name (`eu-west-1a` → `eu-west-1`, `us-west-2-lax-1a` → `us-west-2`). */
export function regionOfZone(zone: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:-[a-z]+-\d+)?[a-z]$/.exec(zone);
  return m?.[1];
}
