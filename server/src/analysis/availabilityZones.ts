// Comparing Availability Zones that may be names ("us-east-1a"), ids ("use1-az1") or unknowns identified by a
// symbol ("AZ 1 of the Region"): the answer is open when the two cannot be compared.

import { isKnown, type Maybe } from '../model/origin';

/** An AZ id such as "use1-az1" (the same physical zone in every account), as opposed to a name. */
const AZ_ID = /^[a-z]{2,5}\d+-az\d+$/;

/** Whether two AZs are the same: true, false, or null when it cannot be told. */
export function azMatch(a: Maybe<string>, b: Maybe<string>): boolean | null {
  if (isKnown(a) && isKnown(b)) {
    if (a === b) return true;
    // A name and an id name the same zone in some account mapping only AWS knows.
    return AZ_ID.test(a) !== AZ_ID.test(b) ? null : false;
  }
  if (!isKnown(a) && !isKnown(b) && a.symbol !== undefined && a.symbol === b.symbol) return true;
  return null;
}

/**
 * An AZ picked from a list AWS fills, read from its symbol: CloudFormation's `azs:<region>[i]`
 * (Fn::Select of Fn::GetAZs) and Terraform's `az-list:<data source>[i]` (data.aws_availability_zones). `wraps`:
 * Terraform's element() from index 2 on (`[i mod n]`), which may be an earlier AZ of the list.
 */
export interface AzPick {
  readonly list: string;
  readonly index: number;
  readonly wraps: boolean;
}

const AZ_PICK = /^((?:azs|az-list):.*)\[(\d+)( mod n)?\]$/;

export function azPickOf(az: Maybe<string>): AzPick | undefined {
  if (isKnown(az) || az.symbol === undefined) return undefined;
  const m = AZ_PICK.exec(az.symbol);
  return m === null ? undefined : { list: m[1] ?? '', index: Number(m[2]), wraps: m[3] !== undefined };
}

/**
 * The short words for an AZ AWS picks, the same in messages, hovers and the diagram: "AZ 1 of the Region" (counted
 * from 1), "AZ 2 of eu-west-1" when the list names its Region, ", counting round" for an element() that may wrap.
 */
export function azPickWords(pick: AzPick): string {
  const region = pick.list.startsWith('azs:') ? pick.list.slice('azs:'.length) : 'AWS::Region';
  const of = region === 'AWS::Region' ? 'the Region' : region;
  return `AZ ${pick.index + 1} of ${of}${pick.wraps ? ', counting round' : ''}`;
}
