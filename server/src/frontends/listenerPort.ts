// The port a function connects to on a load balancer is its listener's (P15). Both front ends collect the ports
// of the listeners that name a balancer; this turns them into the target's port.

import { unknown, type Maybe } from '../model/origin';

/**
 * One port decides; several leave it open (which one the function uses is not in the code); `open` is why a
 * listener's balancer or port is unknown, `none` why there is no listener at all.
 */
export function listenerPortOf(ports: ReadonlySet<number>, open: string | undefined, none: string): Maybe<number> {
  const [only] = ports;
  if (open === undefined && ports.size === 1 && only !== undefined) return only;
  if (ports.size > 1) return unknown(`it listens on ${[...ports].sort((a, b) => a - b).join(' and ')}: which one the function uses is not known`);
  return unknown(open ?? none);
}
