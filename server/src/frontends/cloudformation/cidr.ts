// Fn::Cidr: splits an IPv4 or IPv6 block into `count` consecutive subnets with `cidrBits` host bits each,
// exactly as CloudFormation does (the first subnet starts at the block's network address).

function parseIpv4(addr: string): number | undefined {
  const parts = addr.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function formatIpv4(n: number): string {
  return [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
}

function parseIpv6(addr: string): bigint | undefined {
  const halves = addr.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

function formatIpv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as AWS prints IPv6 blocks.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

const memo = new Map<string, readonly string[] | { error: string }>();

/** The subnets, or an error message for the problem list. Memoised: templates repeat `!Cidr [vpc, n, bits]` per subnet. */
export function cidrSubnets(block: string, count: number, cidrBits: number): readonly string[] | { error: string } {
  const key = `${block}|${count}|${cidrBits}`;
  let r = memo.get(key);
  if (r === undefined) {
    if (memo.size > 1000) memo.clear();
    r = computeSubnets(block, count, cidrBits);
    memo.set(key, r);
  }
  return r;
}

function computeSubnets(block: string, count: number, cidrBits: number): string[] | { error: string } {
  const slash = block.indexOf('/');
  if (slash < 0) return { error: `'${block}' is not a CIDR block` };
  const addr = block.slice(0, slash);
  const prefix = Number(block.slice(slash + 1));
  if (!Number.isInteger(count) || count < 1 || count > 256) return { error: `Fn::Cidr count must be 1..256, got ${count}` };
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    const newPrefix = 32 - cidrBits;
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || cidrBits < 0 || newPrefix < prefix) {
      return { error: `Fn::Cidr cannot take ${cidrBits} host bits from ${block}` };
    }
    if (count > 2 ** (newPrefix - prefix)) return { error: `${block} has no room for ${count} subnets of /${newPrefix}` };
    const size = 2 ** cidrBits;
    const base = Math.floor(v4 / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    return Array.from({ length: count }, (_, i) => `${formatIpv4(base + i * size)}/${newPrefix}`);
  }
  const v6 = parseIpv6(addr);
  if (v6 === undefined) return { error: `'${block}' is not a CIDR block` };
  const newPrefix = 128 - cidrBits;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128 || cidrBits < 0 || newPrefix < prefix) {
    return { error: `Fn::Cidr cannot take ${cidrBits} host bits from ${block}` };
  }
  if (newPrefix - prefix < 9 && count > 2 ** (newPrefix - prefix)) return { error: `${block} has no room for ${count} subnets of /${newPrefix}` };
  const hostBits = BigInt(128 - prefix);
  const base = (v6 >> hostBits) << hostBits;
  const size = 1n << BigInt(cidrBits);
  return Array.from({ length: count }, (_, i) => `${formatIpv6(base + BigInt(i) * size)}/${newPrefix}`);
}
