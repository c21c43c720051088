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

/** Whether a connection is accepted, settled once per model: hops, route fixes and hovers read the same answer. */
export interface PeeringStatus {
  /** true: active; false: stays pending-acceptance; 'unknown': depends on what the workspace does not say. */
  readonly accepted: boolean | 'unknown';
  /** Why, in words a hover can show ("accepted by …", "auto_accept is not set, …"). */
  readonly why: string;
  /** The detail of the peering hop. */
  readonly detail: string;
  /** Changes that would get it accepted: the block's fixes when pending, what settles it when unknown. */
  readonly fixes: readonly Fix[];
  /** The accepters of the workspace naming the connection. */
  readonly accepters: readonly VpcPeeringAccepter[];
}

const statuses = new WeakMap<NetworkModel, Map<Id, PeeringStatus>>();

/** P10: the connection's acceptance, by itself or an accepter of the workspace (memoised per model). */
export function peeringStatus(model: NetworkModel, pcx: VpcPeeringConnection): PeeringStatus {
  let memo = statuses.get(model);
  if (!memo) statuses.set(model, (memo = new Map<Id, PeeringStatus>()));
  let status = memo.get(pcx.id);
  if (!status) memo.set(pcx.id, (status = settle(model, pcx)));
  return status;
}

function settle(model: NetworkModel, pcx: VpcPeeringConnection): PeeringStatus {
  const own = pcx.acceptance;
  const accepters = acceptersOf(model, pcx.id);
  const accepting = accepters.find((a) => a.autoAccept === true && a.existence === undefined);
  if (accepting) {
    const why = `accepted by ${accepting.address} (auto_accept = true)`;
    return { accepted: true, why, detail: `connects the two VPCs; ${why} (P10)`, fixes: [], accepters };
  }
  if (own === undefined) return { accepted: true, why: 'active (its declaration leaves nothing to accept)', detail: 'connects the two VPCs', fixes: [], accepters };
  if (own.accepted === true) return { accepted: true, why: own.why, detail: `connects the two VPCs; ${own.why} (P10)`, fixes: [], accepters };
  // An accepter whose auto_accept or creation is not known may or may not accept the request.
  const open = accepters.find((a) => !isKnown(a.autoAccept) || (a.autoAccept === true && a.existence !== undefined));
  if (open) {
    const reason = !isKnown(open.autoAccept) ? open.autoAccept.reason : open.existence?.reason ?? '';
    return { accepted: 'unknown', why: `${open.address} may or may not accept it: ${reason}`, detail: `whether ${open.address} accepts the request is not known: ${reason} (P10)`, fixes: isKnown(open.autoAccept) ? [] : otherFixes([`set auto_accept = true on ${open.address}`], open.id), accepters };
  }
  const declined = accepters[0];
  if (!isKnown(own.accepted)) {
    // Unknown answers carry no fixes (LAMBDA_UNKNOWN_INPUT): the change that settles it goes into the detail.
    const why = own.accepted.reason;
    const settleText = own.fixes.length > 0 ? `; to accept it: ${own.fixes.join(', or ')}` : '';
    return { accepted: 'unknown', why, detail: `whether the request is accepted is not known: ${why}${settleText} (P10)`, fixes: otherFixes(own.fixes, pcx.id), accepters };
  }
  if (declined) {
    // The accepter adopts the connection but does not accept it (auto_accept defaults to false).
    const why = `the request stays pending-acceptance: ${declined.address} does not accept it (auto_accept is not true)`;
    return { accepted: false, why, detail: `${why} (P10)`, fixes: otherFixes([`set auto_accept = true on ${declined.address}`], declined.id), accepters };
  }
  return { accepted: false, why: own.why, detail: `the connection is not active: ${own.why} (P10)`, fixes: otherFixes(own.fixes, pcx.id), accepters };
}

/**
 * Records the peering hop: pass when the connection is accepted (by itself or an accepter), block when it stays
 * pending-acceptance, unknown when acceptance depends on what the workspace does not say. Returns whether the
 * path may go on (false after a block or an unknown).
 */
export function peeringHop(model: NetworkModel, trace: Trace, pcx: VpcPeeringConnection): boolean {
  const status = peeringStatus(model, pcx);
  switch (status.accepted) {
    case true:
      trace.pass(pcx.id, 'vpc-peering', pcx.address, status.detail, 'P10');
      return true;
    case 'unknown':
      // Unknown answers carry no fixes (LAMBDA_UNKNOWN_INPUT): the detail says what settles it.
      trace.unknown(pcx.id, 'vpc-peering', pcx.address, status.detail, 'P10');
      return false;
    case false:
      trace.block(pcx.id, 'vpc-peering', pcx.address, status.detail, 'P10', INACTIVE, status.fixes);
      return false;
  }
}
