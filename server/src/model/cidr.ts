// CIDR arithmetic for IPv4 and IPv6: parse, containment, overlap, size, and the public/private classes the
// reachability engine needs (RFC 1918, RFC 6598, link-local, ULA…). Pure functions, no allocation in checks.

export interface Cidr {
  readonly family: 4 | 6;
  /** Network address (host bits cleared) as a bigint: one representation for both families keeps the maths shared. */
  readonly base: bigint;
  readonly prefix: number;
  /** The canonical text ("10.0.0.0/16"). */
  readonly text: string;
  /** First and last address, precomputed so containment is two comparisons (bigint arithmetic allocates). */
  readonly first: bigint;
  readonly last: bigint;
}

const cache = new Map<string, Cidr | null>();

/** Parses "a.b.c.d/n", "x::/n" or a bare address (/32 or /128). Returns null for anything else; never throws. */
export function parseCidr(text: string): Cidr | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(text.trim());
  if (cache.size > 100_000) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > bits) return null;
  }
  const value = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  if (value === null) return null;
  const base = value & mask(family, prefix);
  const last = base + (1n << BigInt(bits - prefix)) - 1n;
  return Object.freeze({ family, base, prefix, text: `${formatAddress(family, base)}/${prefix}`, first: base, last });
}

function parseIpv4(addr: string): bigint | null {
  const parts = addr.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(addr: string): bigint | null {
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = [...head, ...tail];
  if (halves.length === 1 && groups.length !== 8) return null;
  if (groups.length > 8 || (halves.length === 2 && groups.length > 7)) return null;
  const fill = 8 - groups.length;
  const all = halves.length === 2 ? [...head, ...Array<string>(fill).fill('0'), ...tail] : groups;
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = family === 4 ? 32n : 128n;
  const all = (1n << bits) - 1n;
  return prefix === 0 ? 0n : all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

function formatAddress(family: 4 | 6, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

/** True when `outer` contains every address of `inner` (same family). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Number of addresses in the block. */
export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt((c.family === 4 ? 32 : 128) - c.prefix);
}

/** Addresses a subnet offers to ENIs: AWS reserves 5 per IPv4 subnet (network, router, DNS, future, broadcast). */
export function usableSubnetAddresses(c: Cidr): number {
  const size = Number(cidrSize(c));
  return c.family === 4 ? Math.max(0, size - 5) : size;
}

export type AddressClass = 'private' | 'shared' | 'loopback' | 'link-local' | 'unique-local' | 'public';

const ipv4Classes: readonly (readonly [string, AddressClass])[] = [
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'shared'], // RFC 6598 carrier-grade NAT space
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
];
const ipv6Classes: readonly (readonly [string, AddressClass])[] = [
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['::1/128', 'loopback'],
];

const classCache = new WeakMap<Cidr, AddressClass>();

/** Class of a block: the class of the special range containing it, else 'public' (blocks spanning both are 'public'). */
export function classifyCidr(c: Cidr): AddressClass {
  const hit = classCache.get(c);
  if (hit !== undefined) return hit;
  let result: AddressClass = 'public';
  for (const [text, cls] of c.family === 4 ? ipv4Classes : ipv6Classes) {
    const range = parseCidr(text);
    if (range && cidrContains(range, c)) { result = cls; break; }
  }
  classCache.set(c, result);
  return result;
}

/** True when the block contains at least one public (internet-routable) address. */
export function hasPublicAddresses(c: Cidr): boolean {
  return classifyCidr(c) === 'public';
}

/** An inclusive range of addresses of one family, first to last. */
export type AddressRange = readonly [first: bigint, last: bigint];

const publicRangeCache = new Map<4 | 6, readonly AddressRange[]>();

/** The public address space of a family (every address outside the special ranges above), in order. */
export function publicRanges(family: 4 | 6): readonly AddressRange[] {
  const hit = publicRangeCache.get(family);
  if (hit) return hit;
  const special = (family === 4 ? ipv4Classes : ipv6Classes)
    .map(([text]) => parseCidr(text))
    .filter((c): c is Cidr => c !== null)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const ranges: AddressRange[] = [];
  let next = 0n;
  for (const s of special) {
    if (s.first > next) ranges.push([next, s.first - 1n]);
    if (s.last + 1n > next) next = s.last + 1n;
  }
  const end = familyRange(family)[1];
  if (next <= end) ranges.push([next, end]);
  publicRangeCache.set(family, ranges);
  return ranges;
}

/** Every address of a family. */
export function familyRange(family: 4 | 6): AddressRange {
  return [0n, (1n << (family === 4 ? 32n : 128n)) - 1n];
}

/** Whether every address of `ranges` lies in at least one of `blocks` (the blocks' union covers them). */
export function blocksCoverRanges(blocks: readonly Cidr[], ranges: readonly AddressRange[]): boolean {
  const sorted = [...blocks].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (const [first, last] of ranges) {
    // `next`: the first address of the range not yet covered, swept over the blocks in address order.
    let next = first;
    for (const b of sorted) {
      if (next > last || b.first > next) break;
      if (b.last >= next) next = b.last + 1n;
    }
    if (next <= last) return false;
  }
  return true;
}
