// Abstract addresses the filters and routes are evaluated against: a concrete block (a subnet's CIDR), "the
// public internet" of one family (any public address, e.g. an AWS service's public endpoint), or unknown.

import { blocksCoverRanges, classifyCidr, cidrContains, cidrOverlaps, familyRange, parseCidr, publicRanges, type Cidr } from '../model/cidr';
import { isKnown, type Maybe } from '../model/origin';

export type Addr =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | { readonly kind: 'public'; readonly family: 4 | 6 }
  | { readonly kind: 'unknown'; readonly family: 4 | 6; readonly reason: string };

/** How much of an address set a rule's block covers. 'some' and 'unknown' both leave the outcome open. */
export type Coverage = 'all' | 'none' | 'some' | 'unknown';

export function addrFamily(addr: Addr): 4 | 6 {
  return addr.kind === 'cidr' ? addr.cidr.family : addr.family;
}

export function addrText(addr: Addr): string {
  switch (addr.kind) {
    case 'cidr': return addr.cidr.text;
    case 'public': return addr.family === 4 ? 'a public IPv4 address' : 'a public IPv6 address';
    case 'unknown': return 'an unknown address';
  }
}

/** Address of a CIDR text that may be unknown or unparsable. */
export function addrOf(cidr: Maybe<string> | null, what: string, family: 4 | 6 = 4): Addr {
  if (cidr === null) return { kind: 'unknown', family, reason: `${what} has no CIDR block` };
  if (!isKnown(cidr)) return { kind: 'unknown', family, reason: `the CIDR of ${what} is unknown: ${cidr.reason}` };
  const parsed = parseCidr(cidr);
  return parsed ? { kind: 'cidr', cidr: parsed } : { kind: 'unknown', family, reason: `the CIDR "${cidr}" of ${what} is not valid` };
}

/** Coverage of `addr` by a rule or route block given as text. */
export function coverage(block: Maybe<string> | null, addr: Addr): Coverage {
  if (block === null) return 'none';
  if (!isKnown(block)) return 'unknown';
  const c = parseCidr(block);
  if (!c) return 'unknown';
  return coverageOf(c, addr);
}

export function coverageOf(c: Cidr, addr: Addr): Coverage {
  if (c.family !== addrFamily(addr)) return 'none';
  switch (addr.kind) {
    case 'cidr':
      if (cidrContains(c, addr.cidr)) return 'all';
      return cidrOverlaps(c, addr.cidr) ? 'some' : 'none';
    case 'public':
      if (c.prefix === 0) return 'all';
      return classifyCidr(c) === 'public' ? 'some' : 'none';
    case 'unknown':
      return c.prefix === 0 ? 'all' : 'unknown';
  }
}

/**
 * Whether `blocks` together hold every address `addr` may stand for: a block, all of it; a public address,
 * every public address of its family; an unknown one, every address. Rules and routes that each cover part of
 * a destination (0.0.0.0/1 and 128.0.0.0/1) decide it together.
 */
export function blocksCover(blocks: readonly Cidr[], addr: Addr): boolean {
  const family = addrFamily(addr);
  const same = blocks.filter((b) => b.family === family);
  if (same.length === 0) return false;
  switch (addr.kind) {
    case 'cidr': return blocksCoverRanges(same, [[addr.cidr.first, addr.cidr.last]]);
    case 'public': return blocksCoverRanges(same, publicRanges(family));
    case 'unknown': return blocksCoverRanges(same, [familyRange(family)]);
  }
}
