// The Region of an Availability Zone, named (`eu-west-1a`) or by its account-independent id (`use1-az1`,
// `usw2-lax1-az1`): a Region hint when a template names its zones.

/** The Region of an Availability Zone name (`eu-west-1a` → `eu-west-1`, `us-west-2-lax-1a` → `us-west-2`). */
export function regionOfZone(zone: string): string | undefined {
  const m = /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:-[a-z]+-\d+)?[a-z]$/.exec(zone);
  return m?.[1];
}

/**
 * AZ id prefix → Region, per the AWS "AZ IDs" and "AWS Availability Zones" pages of the Regions and
 * Availability Zones guide (docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html): an AZ id is
 * the same physical zone in every account, and its prefix abbreviates the Region code (`euw1-az2` is in
 * eu-west-1, `apne1-az4` in ap-northeast-1). Only the commercial Regions are listed; an id whose prefix is not
 * here gives no hint rather than a guessed Region.
 */
const AZ_ID_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['use1', 'us-east-1'],
  ['use2', 'us-east-2'],
  ['usw1', 'us-west-1'],
  ['usw2', 'us-west-2'],
  ['cac1', 'ca-central-1'],
  ['caw1', 'ca-west-1'],
  ['mxc1', 'mx-central-1'],
  ['sae1', 'sa-east-1'],
  ['euw1', 'eu-west-1'],
  ['euw2', 'eu-west-2'],
  ['euw3', 'eu-west-3'],
  ['euc1', 'eu-central-1'],
  ['euc2', 'eu-central-2'],
  ['eun1', 'eu-north-1'],
  ['eus1', 'eu-south-1'],
  ['eus2', 'eu-south-2'],
  ['afs1', 'af-south-1'],
  ['mes1', 'me-south-1'],
  ['mec1', 'me-central-1'],
  ['ilc1', 'il-central-1'],
  ['ape1', 'ap-east-1'],
  ['ape2', 'ap-east-2'],
  ['aps1', 'ap-south-1'],
  ['aps2', 'ap-south-2'],
  ['apne1', 'ap-northeast-1'],
  ['apne2', 'ap-northeast-2'],
  ['apne3', 'ap-northeast-3'],
  ['apse1', 'ap-southeast-1'],
  ['apse2', 'ap-southeast-2'],
  ['apse3', 'ap-southeast-3'],
  ['apse4', 'ap-southeast-4'],
  ['apse5', 'ap-southeast-5'],
  ['apse6', 'ap-southeast-6'],
  ['apse7', 'ap-southeast-7'],
]);

/** An AZ id: `use1-az1`, or a Local Zone's `usw2-lax1-az1`; the first group is the Region prefix. */
const AZ_ID = /^([a-z]+\d+)-(?:[a-z]+\d+-)?az\d+$/;

/** The Region of an AZ id; undefined for an AZ name, other text, or a prefix outside the table. */
export function regionOfZoneId(zoneId: string): string | undefined {
  const m = AZ_ID.exec(zoneId);
  return m?.[1] !== undefined ? AZ_ID_PREFIXES.get(m[1]) : undefined;
}
