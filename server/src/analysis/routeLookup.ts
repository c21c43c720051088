// Route lookup (P7–P9, E7): longest-prefix match over a table's static routes; a gateway endpoint's service
// prefix-list route beats a default route, a CIDR route that covers the whole destination beats a prefix
// list of the same specificity. Routes whose destination is unknown leave the answer open, except where the
// address family or the nature of a local route rules them out (P8, P9).

import { parseCidr, type Cidr } from '../model/cidr';
import { isKnown } from '../model/origin';
import type { Id, PrefixListRef, Route } from '../model/types';
import type { NetworkModel } from '../model/network';
import { addrFamily, blocksCover, coverage, coverageOf, type Addr, type Coverage } from './addressing';
import { endpointRegionMatch } from './endpointRegion';

/** What a packet is sent to: an address (private block or the public internet), or an AWS service's public range. */
export type RouteQuery = { readonly kind: 'addr'; readonly addr: Addr } | { readonly kind: 'service'; readonly service: string };

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly reason: string; readonly route: Route | null };

/**
 * The AWS service of the analysed Region a prefix list stands for: a name, null (a customer list, or another
 * Region's service, E7), or an unknown with its reason.
 */
function prefixListService(model: NetworkModel, ref: PrefixListRef, route: Route, wanted: string): string | null | { readonly unknown: string } {
  switch (ref.kind) {
    case 'service': return ref.service;
    case 'endpoint': {
      const e = model.get(ref.endpoint);
      if (e?.kind !== 'vpc-endpoint' || !isKnown(e.service)) return { unknown: `route ${route.address} goes to a prefix list the workspace cannot resolve` };
      // E7: the endpoint's prefix list holds its own Region's service ranges only.
      // An endpoint of another service never carries the wanted one, whatever its Region (E7, P9).
      if (e.service !== wanted) return null;
      const region = endpointRegionMatch(model, e);
      return region.kind === 'same' ? e.service : region.kind === 'other' ? null : { unknown: region.reason };
    }
    case 'object': return null; // customer prefix lists hold customer CIDRs, not AWS service ranges
    case 'literal':
    case 'unknown':
      return { unknown: `route ${route.address} goes to a prefix list the workspace cannot resolve` };
  }
}

/** Longest-prefix match in one route table. */
export function lookupRoute(model: NetworkModel, table: Id, query: RouteQuery): RouteMatch {
  const addr: Addr = query.kind === 'addr' ? query.addr : { kind: 'public', family: 4 };
  const family = addrFamily(addr);
  let best: Route | null = null;
  let bestPrefix = -1;
  let prefixListRoute: Route | null = null;
  let customerRoute: Route | null = null;
  let customerPrefix = -1;
  let open: { reason: string; route: Route } | null = null;
  /** An unknown local block that may cover the destination: moot when the best match is local anyway. */
  let openLocal: { reason: string; route: Route } | null = null;
  /** Routes for part of the public address space (see below). */
  let partial: { route: Route; block: Cidr }[] | null = null;
  for (const route of model.routesOf(table)) {
    const d = route.destination;
    if (d.kind === 'prefix-list') {
      // A customer-managed list routes its own entries, whatever the destination is: an address or a service's
      // (unknown) ranges, which only a 0.0.0.0/0 entry covers whole.
      if (query.kind !== 'service' || d.prefixList.kind === 'object') {
        // P9: a customer-managed prefix list routes its entries; the matching entry's length is the route's
        // specificity, and a CIDR route of the same length wins (resolved after the loop).
        const entry = d.prefixList.kind === 'object' ? customerListCoverage(model, d.prefixList.ref, addr) : null;
        // P9: entries holding part of the public space route that part, as a CIDR route for it would (below).
        if (addr.kind === 'public' && d.prefixList.kind === 'object') partial = publicEntries(model, d.prefixList.ref, route, addr, partial);
        if (entry === null) continue;
        if (entry === 'unknown') open ??= { reason: `route ${route.address} goes to a prefix list whose entries are unknown`, route };
        else if (entry > customerPrefix) { customerRoute = route; customerPrefix = entry; }
        continue;
      }
      const service = prefixListService(model, d.prefixList, route, query.service);
      if (service === null) continue;
      if (typeof service !== 'string') open ??= { reason: service.unknown, route };
      else if (service === query.service) prefixListRoute ??= route;
      continue;
    }
    // P9: IPv4 and IPv6 are routed independently: a route of the other family never matches, known or not.
    if ((d.kind === 'ipv6' ? 6 : 4) !== family) continue;
    const cov = route.target.kind === 'local' && !isKnown(d.cidr) ? localCoverage(addr) : coverage(d.cidr, addr);
    if (cov === 'none') continue;
    if (cov !== 'all') {
      // A public block (52.0.0.0/8, 0.0.0.0/1) covers part of a public destination ("the internet", a service's
      // ranges): decided after the loop, against the route that covers it all; unknown blocks leave it open.
      if (cov === 'unknown') {
        // The root cause first (an undeclared VPC, a variable without a value): the reason the CIDR is unknown.
        const pending = { reason: `the destination of route ${route.address} is unknown${isKnown(d.cidr) ? '' : `: ${d.cidr.reason}`}`, route };
        if (route.target.kind === 'local') openLocal ??= pending;
        else open ??= pending;
      } else if (addr.kind === 'public' && isKnown(d.cidr) && route.target.kind !== 'local') {
        const block = parseCidr(d.cidr);
        if (block) (partial ??= []).push({ route, block });
      }
      // (A VPC's own block, even a public one such as its IPv6 range, is the VPC, not the internet's destinations.)
      continue;
    }
    const prefix = isKnown(d.cidr) ? (parseCidr(d.cidr)?.prefix ?? 0) : 0;
    if (prefix > bestPrefix) { best = route; bestPrefix = prefix; }
  }
  // P9: a customer prefix-list route wins only over less specific CIDR routes.
  if (customerRoute !== null && customerPrefix > bestPrefix) { best = customerRoute; bestPrefix = customerPrefix; }
  // P9: routes for parts of the public space decide a public destination only when they all send it to one
  // place and, together, either cover the whole space or leave the rest to a route to that same place.
  // Otherwise part of the space goes elsewhere than the rest, and which part the destination is in the
  // workspace does not say (AWS service ranges are not in it, "the internet" is any address).
  if (partial && !(prefixListRoute && (best === null || bestPrefix === 0))) {
    const first = partial[0];
    const oneTarget = first !== undefined && partial.every((p) => sameTarget(p.route, first.route));
    if (oneTarget && blocksCover(partial.map((p) => p.block), addr)) {
      best = first.route;
      bestPrefix = Math.min(...partial.map((p) => p.block.prefix));
    } else if (first !== undefined && !(oneTarget && best !== null && sameTarget(best, first.route))) {
      const other = partial.find((p) => !sameTarget(p.route, first.route));
      const part = (p: { route: Route; block: Cidr }, note = ''): string => `route ${p.route.address} sends ${p.block.text}${note} to ${p.route.target.kind}`;
      const what = other !== undefined ? `${part(first)} and ${part(other)}`
        : `${part(first, ', part of the public address space,')}${best ? `, and the rest goes to ${best.target.kind}` : ''}`;
      return { kind: 'unknown', reason: `${what}: which part the destination is in is not known`, route: first.route };
    }
  }
  // E7/P9: only a default route covers a whole service range, and a service prefix list is more specific.
  if (prefixListRoute && (best === null || bestPrefix === 0)) {
    // E7, P9: a CIDR route as specific as the list's matching entry, or more, wins for the addresses it holds. The
    // service's ranges are not in the workspace, so a route for part of the public space may take some requests.
    const first = partial?.[0];
    if (first !== undefined && query.kind === 'service') {
      return { kind: 'unknown', reason: `route ${first.route.address} sends ${first.block.text} to ${first.route.target.kind}: if that block holds ${query.service} addresses, requests to them go there instead of the gateway endpoint (a CIDR route as specific as the prefix list's entry wins), and the prefix list's entries are not in the workspace`, route: first.route };
    }
    return { kind: 'route', route: prefixListRoute };
  }
  if (open && (best === null || bestPrefix < 32)) return { kind: 'unknown', reason: open.reason, route: open.route };
  // P8: every local route sends to the VPC itself, so an unknown local block matters only against another target.
  if (openLocal && best?.target.kind !== 'local' && (best === null || bestPrefix < 32)) return { kind: 'unknown', reason: openLocal.reason, route: openLocal.route };
  return best ? { kind: 'route', route: best } : { kind: 'none' };
}

/** Whether two routes send traffic to the same place (the same target object, or both local). */
function sameTarget(a: Route, b: Route): boolean {
  return a.target.kind === b.target.kind && (a.target.kind === 'local' || (isKnown(a.target.ref) && isKnown(b.target.ref) && a.target.ref === b.target.ref));
}

/**
 * P8: a local route whose block is unknown (an AWS-assigned IPv6 block, a CIDR from an input) still covers
 * one of the VPC's own blocks, never a default route: it covers only part of "any public address".
 */
function localCoverage(addr: Addr): Coverage {
  return addr.kind === 'public' ? 'some' : 'unknown';
}

/** A customer prefix list's entries that hold part of the public space, added to `partial` with their route. */
function publicEntries(model: NetworkModel, ref: Id, route: Route, addr: Addr, partial: { route: Route; block: Cidr }[] | null): { route: Route; block: Cidr }[] | null {
  const list = model.get(ref);
  if (list?.kind !== 'prefix-list') return partial;
  for (const entry of list.entries) {
    const block = isKnown(entry) ? parseCidr(entry) : null;
    if (block !== null && coverageOf(block, addr) === 'some') (partial ??= []).push({ route, block });
  }
  return partial;
}

/**
 * P9: the prefix length of the longest entry of a customer-managed prefix list that covers the whole
 * destination, 'unknown' when an entry may cover it (unknown entry, partial overlap, list not in the
 * workspace), null when none does.
 */
function customerListCoverage(model: NetworkModel, ref: Id, addr: Addr): number | 'unknown' | null {
  const list = model.get(ref);
  if (list?.kind !== 'prefix-list') return 'unknown';
  let best: number | null = null;
  let open = false;
  for (const entry of list.entries) {
    const cov = coverage(entry, addr);
    if (cov === 'none') continue;
    if (cov !== 'all' || !isKnown(entry)) { if (cov === 'unknown') open = true; continue; }
    const prefix = parseCidr(entry)?.prefix ?? 0;
    if (best === null || prefix > best) best = prefix;
  }
  return best ?? (open ? 'unknown' : null);
}
