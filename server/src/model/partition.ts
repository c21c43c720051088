// The AWS partition of a Region, shared by both front ends (AWS::Partition, data.aws_partition, ARNs of
// managed policies) and the engine (ARNs of the resources a function uses): China Regions are `aws-cn`,
// GovCloud `aws-us-gov`, the isolated and sovereign Regions have their own partitions and DNS suffixes.

export interface Partition {
  readonly partition: string;
  /** `amazonaws.com`, `amazonaws.com.cn`, … (CloudFormation's AWS::URLSuffix, Terraform's dns_suffix). */
  readonly dnsSuffix: string;
  /** The reverse DNS prefix of endpoint service names (`com.amazonaws`, `cn.com.amazonaws`). */
  readonly reverseDnsPrefix: string;
}

/** Prefix of the Region name → partition; the first match wins (`us-isob-` before `us-iso-`). */
const PARTITIONS: readonly (readonly [string, Partition])[] = [
  ['cn-', { partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', reverseDnsPrefix: 'cn.com.amazonaws' }],
  ['us-gov-', { partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' }],
  ['us-isob-', { partition: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov', reverseDnsPrefix: 'gov.sgov.sc2s' }],
  ['us-isof-', { partition: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov', reverseDnsPrefix: 'gov.ic.hci.csp' }],
  ['eu-isoe-', { partition: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk', reverseDnsPrefix: 'uk.adc-e.cloud' }],
  ['us-iso-', { partition: 'aws-iso', dnsSuffix: 'c2s.ic.gov', reverseDnsPrefix: 'gov.ic.c2s' }],
  ['eusc-', { partition: 'aws-eusc', dnsSuffix: 'amazonaws.eu', reverseDnsPrefix: 'eu.amazonaws' }],
];

const COMMERCIAL: Partition = { partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' };

/**
 * The partition of a Region by its name. An unknown Region is taken to be in the commercial partition, where
 * nearly every workspace is: partition-built ARNs then still name AWS managed policies.
 */
export function partitionOfRegion(region: string | undefined): Partition {
  if (region === undefined) return COMMERCIAL;
  for (const [prefix, p] of PARTITIONS) if (region.startsWith(prefix)) return p;
  return COMMERCIAL;
}
