// P10: AWS refuses a VPC peering connection between VPCs whose IPv4 CIDR blocks match or overlap; the request
// ends in the `failed` state and carries no traffic. The primary blocks decide (a secondary block that overlaps a
// peer is refused when it is associated, not the connection).

import { isKnown } from '../model/origin';
import type { NetworkModel } from '../model/network';
import type { VpcPeeringConnection } from '../model/types';
import { cidrOverlaps, parseCidr } from '../model/cidr';
import { nameOf } from './pathSteps';
import type { Trace } from './trace';

/** Reachability Analyzer: "This component is not in a functional state." (a failed peering request). */
const FAILED = 'BAD_STATE';

/** The two primary IPv4 blocks when both are known and overlap, else null. */
export function overlappingPrimaryBlocks(model: NetworkModel, pcx: VpcPeeringConnection): readonly [string, string] | null {
  if (!isKnown(pcx.vpc) || !isKnown(pcx.peerVpc)) return null;
  const a = model.get(pcx.vpc);
  const b = model.get(pcx.peerVpc);
  if (a?.kind !== 'vpc' || b?.kind !== 'vpc' || a.id === b.id) return null;
  const ta = a.cidrBlocks[0];
  const tb = b.cidrBlocks[0];
  if (ta === undefined || tb === undefined || !isKnown(ta) || !isKnown(tb)) return null;
  const ca = parseCidr(ta);
  const cb = parseCidr(tb);
  return ca !== null && cb !== null && cidrOverlaps(ca, cb) ? [ta, tb] : null;
}

/** Records a block when the connection joins overlapping VPCs (P10); returns whether the path may go on. */
export function peeringOverlapHop(model: NetworkModel, trace: Trace, pcx: VpcPeeringConnection): boolean {
  const blocks = overlappingPrimaryBlocks(model, pcx);
  if (blocks === null) return true;
  trace.block(pcx.id, 'vpc-peering', pcx.address,
    `${nameOf(model, pcx.vpc)} (${blocks[0]}) and ${nameOf(model, pcx.peerVpc)} (${blocks[1]}) have overlapping CIDR blocks, so AWS refuses the peering connection (it ends in the failed state) (P10)`,
    'P10', FAILED,
    [{ description: `give one of ${nameOf(model, pcx.vpc)} and ${nameOf(model, pcx.peerVpc)} a primary CIDR block that does not overlap the other's`, changes: [{ kind: 'other', component: pcx.id }] }]);
  return false;
}
