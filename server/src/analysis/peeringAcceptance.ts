// P10 acceptance: a VPC peering connection carries traffic only when active, i.e. accepted by the owner of the
// accepter VPC. The connection's declaration says whether it accepts itself; an accepter object naming it may
// accept it too. A pending request blocks (BAD_STATE); acceptance the workspace cannot show stays unknown.

import { isKnown } from '../model/origin';
import type { NetworkModel } from '../model/network';
import type { Id, VpcPeeringAccepter, VpcPeeringConnection } from '../model/types';
import type { Trace } from './trace';
import type { Fix } from './types';

/** Reachability Analyzer: "This component is not in a functional state." (a pending-acceptance connection). */
const INACTIVE = 'BAD_STATE';

const accepterIndexes = new WeakMap<NetworkModel, ReadonlyMap<Id, readonly VpcPeeringAccepter[]>>();

/** The accepters naming each connection, indexed once per model. */
function acceptersOf(model: NetworkModel, connection: Id): readonly VpcPeeringAccepter[] {
  let index = accepterIndexes.get(model);
  if (!index) {
    const map = new Map<Id, VpcPeeringAccepter[]>();
    for (const a of model.all('vpc-peering-accepter')) {
      if (!isKnown(a.connection)) continue;
      const id = model.canonical(a.connection);
      const list = map.get(id);
      if (list) list.push(a);
      else map.set(id, [a]);
    }
    accepterIndexes.set(model, (index = map));
  }
  return index.get(model.canonical(connection)) ?? [];
}

const otherFixes = (descriptions: readonly string[], component: Id): Fix[] =>
  descriptions.map((description) => ({ description, changes: [{ kind: 'other', component }] }));

/**
 * Records the peering hop: pass when the connection is accepted (by itself or an accepter), block when it stays
 * pending-acceptance, unknown when acceptance depends on what the workspace does not say. Returns whether the
 * path may go on (false after a block or an unknown).
 */
export function peeringHop(model: NetworkModel, trace: Trace, pcx: VpcPeeringConnection): boolean {
  const own = pcx.acceptance;
  const accepters = acceptersOf(model, pcx.id);
  const accepting = accepters.find((a) => a.autoAccept === true && a.existence === undefined);
  if (accepting) {
    trace.pass(pcx.id, 'vpc-peering', pcx.address, () => `connects the two VPCs; accepted by ${accepting.address} (auto_accept = true) (P10)`, 'P10');
    return true;
  }
  if (own === undefined || own.accepted === true) {
    trace.pass(pcx.id, 'vpc-peering', pcx.address, own === undefined ? 'connects the two VPCs' : () => `connects the two VPCs; ${own.why} (P10)`, 'P10');
    return true;
  }
  // An accepter whose auto_accept or creation is not known may or may not accept the request.
  const open = accepters.find((a) => !isKnown(a.autoAccept) || (a.autoAccept === true && a.existence !== undefined));
  if (open) {
    const why = !isKnown(open.autoAccept) ? open.autoAccept.reason : open.existence?.reason ?? '';
    trace.unknown(pcx.id, 'vpc-peering', pcx.address, `whether ${open.address} accepts the request is not known: ${why} (P10)`, 'P10');
    return false;
  }
  const declined = accepters[0];
  if (!isKnown(own.accepted)) {
    // Unknown answers carry no fixes (LAMBDA_UNKNOWN_INPUT): the change that settles it goes into the detail.
    const settle = own.fixes.length > 0 ? `; to accept it: ${own.fixes.join(', or ')}` : '';
    trace.unknown(pcx.id, 'vpc-peering', pcx.address, `whether the request is accepted is not known: ${own.accepted.reason}${settle} (P10)`, 'P10');
    return false;
  }
  if (declined) {
    // The accepter adopts the connection but does not accept it (auto_accept defaults to false).
    trace.block(pcx.id, 'vpc-peering', pcx.address, `the request stays pending-acceptance: ${declined.address} does not accept it (auto_accept is not true) (P10)`, 'P10', INACTIVE,
      otherFixes([`set auto_accept = true on ${declined.address}`], declined.id));
    return false;
  }
  trace.block(pcx.id, 'vpc-peering', pcx.address, `the connection is not active: ${own.why} (P10)`, 'P10', INACTIVE, otherFixes(own.fixes, pcx.id));
  return false;
}
