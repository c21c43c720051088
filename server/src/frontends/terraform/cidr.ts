// Exact IPv4/IPv6 CIDR arithmetic as Terraform's cidr* functions do it (Go net.ParseCIDR + go-cidr), on
// BigInt addresses so IPv6 is exact. Errors are values with Terraform's own wording, never exceptions.

export type IpVersion = 4 | 6;

export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** A network prefix; `address` always has the host bits cleared (Go's ParseCIDR returns the network). */
export interface CidrPrefix {
  readonly version: IpVersion;
  readonly address: bigint;
  readonly prefixLength: number;
}

export type CidrResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): CidrResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CidrResult<T> => ({ ok: false, message });

export function addressBits(version: IpVersion): number {
  return version === 4 ? 32 : 128;
}

// Terraform parses with its own copy of Go 1.16's net package (internal/ipaddr), which still reads leading
// zeros as decimal: cidrsubnet("010.0.0.0/16", 8, 1) is "10.0.1.0/24" in terraform console.
const DECIMAL_OCTET = /^[0-9]{1,9}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseGroups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<bigint>(missing).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

export function parseIp(text: string): CidrResult<IpAddress> {
  if (text.includes(':')) {
    const v6 = parseIpv6(text);
    return v6 === undefined ? fail(`invalid IP address: ${text}`) : ok({ version: 6, value: v6 });
  }
  const v4 = parseIpv4(text);
  return v4 === undefined ? fail(`invalid IP address: ${text}`) : ok({ version: 4, value: v4 });
}

/** Parses "a.b.c.d/n" or "x::/n" like Go's net.ParseCIDR; host bits are allowed and cleared. */
export function parseCidr(text: string): CidrResult<CidrPrefix> {
  const invalid = fail<CidrPrefix>(`invalid CIDR address: ${text}`);
  const slash = text.indexOf('/');
  if (slash < 0) return invalid;
  const lengthText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(lengthText)) return invalid;
  const ip = parseIp(text.slice(0, slash));
  if (!ip.ok) return invalid;
  const prefixLength = Number(lengthText);
  if (prefixLength > addressBits(ip.value.version)) return invalid;
  return ok(makePrefix(ip.value.version, ip.value.value, prefixLength));
}

function makePrefix(version: IpVersion, address: bigint, prefixLength: number): CidrPrefix {
  return { version, address: address & maskOf(version, prefixLength), prefixLength };
}

function maskOf(version: IpVersion, prefixLength: number): bigint {
  const bits = BigInt(addressBits(version));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefixLength))) - 1n);
}

/** Go's net.IP String(): dotted quad, or RFC 5952 IPv6 (longest run of ≥2 zero groups as "::"). */
export function formatIp(address: IpAddress): string {
  if (address.version === 4) return formatIpv4(address.value);
  if (address.value >> 32n === 0xffffn) return formatIpv4(address.value & 0xffffffffn); // IPv4-mapped, as Go prints it
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((address.value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((n) => n.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

export function formatCidr(prefix: CidrPrefix): string {
  // Go prints an IPv4-mapped IPv6 network as the IPv4 network it is: ::ffff:10.0.0.0/120 → 10.0.0.0/24.
  if (prefix.version === 6 && prefix.address >> 32n === 0xffffn && prefix.prefixLength >= 96) {
    return `${formatIpv4(prefix.address & 0xffffffffn)}/${prefix.prefixLength - 96}`;
  }
  return `${formatIp({ version: prefix.version, value: prefix.address })}/${prefix.prefixLength}`;
}

/** cidrnetmask: dotted netmask, IPv4 only. */
export function netmask(prefix: CidrPrefix): CidrResult<string> {
  if (prefix.version === 6) return fail(`IPv6 addresses cannot have a netmask: ${formatCidr(prefix)}`);
  return ok(formatIpv4(maskOf(4, prefix.prefixLength)));
}

/** cidrhost: host number `hostnum` inside the prefix; negative numbers count back from the last address. */
export function hostAddress(prefix: CidrPrefix, hostnum: bigint): CidrResult<IpAddress> {
  const hostBits = BigInt(addressBits(prefix.version) - prefix.prefixLength);
  const size = 1n << hostBits;
  const offset = hostnum < 0n ? size + hostnum : hostnum;
  if (offset < 0n || offset >= size) {
    // go-cidr reports the number it tried after wrapping a negative one, e.g. -257 in a /24 → -1.
    return fail(`prefix of ${prefix.prefixLength} does not accommodate a host numbered ${hostnum < 0n ? offset : hostnum}`);
  }
  return ok({ version: prefix.version, value: prefix.address | offset });
}

/** cidrsubnet: extend the prefix by `newbits` and pick subnet number `netnum`. */
export function subnet(prefix: CidrPrefix, newbits: number, netnum: bigint): CidrResult<CidrPrefix> {
  const bits = addressBits(prefix.version);
  // Terraform 1.11 returns nonsense for negative newbits/netnum (a go-cidr quirk); refusing is the honest answer.
  if (newbits < 0) return fail(`newbits must not be negative, got ${newbits}`);
  if (netnum < 0n) return fail(`netnum must not be negative, got ${netnum}`);
  const newLength = prefix.prefixLength + newbits;
  if (newLength > bits) {
    return fail(`insufficient address space to extend prefix of ${prefix.prefixLength} by ${newbits}`);
  }
  if (netnum >= 1n << BigInt(newbits)) {
    return fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  const shifted = netnum << BigInt(bits - newLength);
  return ok({ version: prefix.version, address: prefix.address | shifted, prefixLength: newLength });
}

/** cidrsubnets: consecutive subnets of the given sizes, each aligned to its own size (go-cidr NextSubnet). */
export function subnets(prefix: CidrPrefix, newbitsList: readonly number[]): CidrResult<CidrPrefix[]> {
  const bits = addressBits(prefix.version);
  const family = prefix.version === 4 ? 'IPv4' : 'IPv6';
  const result: CidrPrefix[] = [];
  let next = prefix.address; // first free address
  const end = prefix.address + (1n << BigInt(bits - prefix.prefixLength)); // one past the last address
  for (const newbits of newbitsList) {
    if (newbits < 1) return fail('must extend prefix by at least one bit');
    const length = prefix.prefixLength + newbits;
    if (length > bits) {
      return fail(`would extend prefix to ${length} bits, which is too long for an ${family} address`);
    }
    const size = 1n << BigInt(bits - length);
    const start = ((next + size - 1n) / size) * size;
    if (start + size > end) {
      const after = result[result.length - 1];
      const afterText = after === undefined ? formatCidr(prefix) : formatCidr(after);
      return fail(`not enough remaining address space for a subnet with a prefix of ${length} bits after ${afterText}`);
    }
    result.push({ version: prefix.version, address: start, prefixLength: length });
    next = start + size;
  }
  return ok(result);
}

/** Number of addresses in the prefix. */
export function prefixSize(prefix: CidrPrefix): bigint {
  return 1n << BigInt(addressBits(prefix.version) - prefix.prefixLength);
}

export function lastAddress(prefix: CidrPrefix): bigint {
  return prefix.address + prefixSize(prefix) - 1n;
}

/** True when every address of `inner` is in `outer` (same IP version). */
export function containsPrefix(outer: CidrPrefix, inner: CidrPrefix): boolean {
  return (
    outer.version === inner.version &&
    outer.prefixLength <= inner.prefixLength &&
    (inner.address & maskOf(outer.version, outer.prefixLength)) === outer.address
  );
}

export function containsAddress(prefix: CidrPrefix, address: IpAddress): boolean {
  return prefix.version === address.version && (address.value & maskOf(prefix.version, prefix.prefixLength)) === prefix.address;
}

/** True when the prefixes share at least one address (for prefixes: one contains the other). */
export function overlaps(a: CidrPrefix, b: CidrPrefix): boolean {
  return containsPrefix(a, b) || containsPrefix(b, a);
}
