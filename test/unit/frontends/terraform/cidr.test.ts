// Tests for cidr.ts: parsing, formatting, netmask, host addressing, subnetting, containment and overlap.

import { strict as assert } from 'node:assert';
import {
  type CidrPrefix,
  containsAddress,
  containsPrefix,
  formatCidr,
  formatIp,
  hostAddress,
  netmask,
  overlaps,
  parseCidr,
  parseIp,
  subnet,
  subnets,
} from '../../../../server/src/frontends/terraform/cidr';

function prefix(text: string): CidrPrefix {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function message<T>(r: { ok: true; value: T } | { ok: false; message: string }): string {
  return r.ok ? `ok: ${JSON.stringify(r.value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}` : r.message;
}

describe('cidr', () => {
  describe('parseCidr / formatCidr', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['10.0.0.0/16', '10.0.0.0/16'],
      ['10.1.2.3/16', '10.1.0.0/16'],
      ['0.0.0.0/0', '0.0.0.0/0'],
      ['192.168.1.7/32', '192.168.1.7/32'],
      ['fd00:fd12:3456:7890::/56', 'fd00:fd12:3456:7800::/56'],
      ['2001:DB8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'],
      ['2001:db8:0:1:0:0:0:0/64', '2001:db8:0:1::/64'],
      ['::/0', '::/0'],
      ['::1/128', '::1/128'],
      ['::ffff:10.0.0.0/120', '10.0.0.0/24'],
      // Terraform's ipaddr (Go 1.16's parser) reads leading zeros as decimal.
      ['010.0.0.0/8', '10.0.0.0/8'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(formatCidr(prefix(input)), expected));
    }
    for (const bad of ['10.0.0/24', '10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', '1.2.3.0256/8', 'fd00::/129', '1:2:3:4:5:6:7:8:9/64', 'a::b::c/64', '10.0.0.0/-1', '']) {
      it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(message(parseCidr(bad)), `invalid CIDR address: ${bad}`));
    }
  });

  it('formats IPv6 with the longest zero run compressed (first on ties), single zero groups kept', () => {
    const fmt = (t: string): string => {
      const r = parseIp(t);
      if (!r.ok) throw new Error(r.message);
      return formatIp(r.value);
    };
    assert.equal(fmt('2001:0:0:1:0:0:0:1'), '2001:0:0:1::1');
    assert.equal(fmt('2001:0:0:1:0:0:1:1'), '2001::1:0:0:1:1');
    assert.equal(fmt('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
    assert.equal(fmt('0:0:0:0:0:0:0:0'), '::');
  });

  it('netmask for IPv4 /0, /12, /32 and an error for IPv6', () => {
    assert.equal(message(netmask(prefix('10.0.0.0/0'))), 'ok: "0.0.0.0"');
    assert.equal(message(netmask(prefix('172.16.0.0/12'))), 'ok: "255.240.0.0"');
    assert.equal(message(netmask(prefix('10.0.0.0/32'))), 'ok: "255.255.255.255"');
    assert.equal(message(netmask(prefix('fd00::/56'))), 'IPv6 addresses cannot have a netmask: fd00::/56');
  });

  it('host addressing, negative numbers from the end, overflow errors', () => {
    const host = (p: string, n: bigint): string => {
      const r = hostAddress(prefix(p), n);
      return r.ok ? formatIp(r.value) : r.message;
    };
    assert.equal(host('10.12.112.0/20', 268n), '10.12.113.12');
    assert.equal(host('10.0.0.0/24', -1n), '10.0.0.255');
    assert.equal(host('10.0.0.0/32', 0n), '10.0.0.0');
    assert.equal(host('0.0.0.0/0', -1n), '255.255.255.255');
    assert.equal(host('::/0', -1n), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    assert.equal(host('fd00::/56', 300n), 'fd00::12c');
    assert.equal(host('10.0.0.0/24', 256n), 'prefix of 24 does not accommodate a host numbered 256');
    assert.equal(host('10.0.0.0/24', -257n), 'prefix of 24 does not accommodate a host numbered -1');
  });

  it('subnetting with newbits and netnum, including IPv6 /56 → /64 and the error cases', () => {
    const sub = (p: string, newbits: number, netnum: bigint): string => {
      const r = subnet(prefix(p), newbits, netnum);
      return r.ok ? formatCidr(r.value) : r.message;
    };
    assert.equal(sub('10.0.0.0/16', 8, 2n), '10.0.2.0/24');
    assert.equal(sub('0.0.0.0/0', 8, 255n), '255.0.0.0/8');
    assert.equal(sub('fd00:fd12:3456:7800::/56', 8, 0n), 'fd00:fd12:3456:7800::/64');
    assert.equal(sub('fd00:fd12:3456:7800::/56', 8, 255n), 'fd00:fd12:3456:78ff::/64');
    assert.equal(sub('2001:db8::/32', 24, 65535n), '2001:db8:ff:ff00::/56');
    assert.equal(sub('fd00::/56', 72, 1n), 'fd00::1/128');
    assert.equal(sub('10.0.0.0/32', 0, 0n), '10.0.0.0/32');
    assert.equal(sub('10.0.0.0/24', 10, 0n), 'insufficient address space to extend prefix of 24 by 10');
    assert.equal(sub('10.0.0.0/24', 4, 16n), 'prefix extension of 4 does not accommodate a subnet numbered 16');
    assert.equal(sub('10.0.0.0/16', 8, 256n), 'prefix extension of 8 does not accommodate a subnet numbered 256');
    assert.equal(sub('10.0.0.0/24', 4, -1n), 'netnum must not be negative, got -1');
    assert.equal(sub('10.0.0.0/24', -1, 1n), 'newbits must not be negative, got -1');
  });

  it('consecutive subnets aligned to their own size, and running out of space', () => {
    const subs = (p: string, bits: number[]): string => {
      const r = subnets(prefix(p), bits);
      return r.ok ? r.value.map(formatCidr).join(' ') : r.message;
    };
    assert.equal(subs('10.0.0.0/16', [4, 4, 8, 4]), '10.0.0.0/20 10.0.16.0/20 10.0.32.0/24 10.0.48.0/20');
    assert.equal(
      subs('fd00:fd12:3456:7890::/56', [16, 16, 16, 32]),
      'fd00:fd12:3456:7800::/72 fd00:fd12:3456:7800:100::/72 fd00:fd12:3456:7800:200::/72 fd00:fd12:3456:7800:300::/88',
    );
    assert.equal(subs('10.0.0.0/24', []), '');
    assert.equal(subs('10.0.0.0/24', [1, 1, 1]), 'not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128/25');
    assert.equal(subs('10.0.0.0/24', [4, 30]), 'would extend prefix to 54 bits, which is too long for an IPv4 address');
    assert.equal(subs('10.0.0.0/24', [4, 0]), 'must extend prefix by at least one bit');
  });

  it('containment and overlap', () => {
    assert.ok(containsPrefix(prefix('10.0.0.0/16'), prefix('10.0.5.0/24')));
    assert.ok(!containsPrefix(prefix('10.0.5.0/24'), prefix('10.0.0.0/16')));
    assert.ok(containsPrefix(prefix('0.0.0.0/0'), prefix('192.168.0.1/32')));
    assert.ok(!containsPrefix(prefix('::/0'), prefix('10.0.0.0/8')), 'different IP versions never contain each other');
    assert.ok(overlaps(prefix('10.0.5.0/24'), prefix('10.0.0.0/16')));
    assert.ok(!overlaps(prefix('10.0.0.0/24'), prefix('10.0.1.0/24')));
    const ip = parseIp('10.0.0.255');
    assert.ok(ip.ok && containsAddress(prefix('10.0.0.0/24'), ip.value));
    assert.ok(ip.ok && !containsAddress(prefix('10.0.1.0/24'), ip.value));
  });
});
