// Route lookup (P7–P9, E7): longest-prefix match over a table's static routes; a gateway endpoint's service
// prefix-list route beats a default route, a CIDR route that covers the whole destination beats a prefix
// list of the same specificity. Routes whose destination is unknown leave the answer open.

import { parseCidr } from '../model/cidr';
import { isKnown } from '../model/origin';
import type { Id, PrefixListRef, Route } from '../model/types';
import type { NetworkModel } from '../model/network';
import { coverage, type Addr } from './addressing';

/** What a packet is sent to: an address (private block or the public internet), or an AWS service's public range. */
export type RouteQuery = { readonly kind: 'addr'; readonly addr: Addr } | { readonly kind: 'service'; readonly service: string };

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string; readonly route: Route | null };

/** The AWS service a prefix list stands for: a name, null (a customer list), or undefined when unresolvable. */
function prefixListService(model: NetworkModel, ref: PrefixListRef): string | null | undefined {
  switch (ref.kind) {
    case 'service': return ref.service;
    case 'endpoint': {
      const e = model.get(ref.endpoint);
      return e?.kind === 'vpc-endpoint' && isKnown(e.service) ? e.service : undefined;
    }
    case 'object': return null; // customer prefix lists hold customer CIDRs, not AWS service ranges
    case 'literal':
    case 'unknown':
      return undefined;
  }
}

/** Longest-prefix match in one route table. */
export function lookupRoute(model: NetworkModel, table: Id, query: RouteQuery): RouteMatch {
  const addr: Addr = query.kind === 'addr' ? query.addr : { kind: 'public', family: 4 };
  let best: Route | null = null;
  let bestPrefix = -1;
  let prefixListRoute: Route | null = null;
  let open: { reason: string; route: Route } | null = null;
  for (const route of model.routesOf(table)) {
    const d = route.destination;
    if (d.kind === 'prefix-list') {
      const service = prefixListService(model, d.prefixList);
      if (query.kind !== 'service' || service === null) continue;
      if (service === undefined) open ??= { reason: `route ${route.address} goes to a prefix list the workspace cannot resolve`, route };
      else if (service === query.service) prefixListRoute ??= route;
      continue;
    }
    const cov = coverage(d.cidr, addr);
    if (cov === 'none') continue;
    if (cov !== 'all') {
      // A default-free public block (e.g. 52.0.0.0/8) covers part of a public destination: ignored for the
      // "internet" question, which is about arbitrary public addresses; unknown blocks leave it open.
      if (cov === 'unknown') open ??= { reason: `the destination of route ${route.address} is unknown`, route };
      continue;
    }
    const prefix = isKnown(d.cidr) ? (parseCidr(d.cidr)?.prefix ?? 0) : 0;
    if (prefix > bestPrefix) { best = route; bestPrefix = prefix; }
  }
  // E7/P9: only a default route covers a whole service range, and a service prefix list is more specific.
  if (prefixListRoute && (best === null || bestPrefix === 0)) return { kind: 'route', route: prefixListRoute };
  if (open && (best === null || bestPrefix < 32)) return { kind: 'unknown', reason: open.reason, route: open.route };
  return best ? { kind: 'route', route: best } : { kind: 'none' };
}
