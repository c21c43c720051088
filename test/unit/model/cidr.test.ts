// CIDR parsing, containment, overlap and address classes (IPv4 and IPv6).

import * as assert from 'node:assert/strict';
import { cidrContains, cidrOverlaps, classifyCidr, parseCidr, usableSubnetAddresses, type Cidr } from '../../../server/src/model/cidr';

function c(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, text);
  return parsed;
}

describe('cidr', () => {
  it('parses and canonicalises IPv4 and IPv6 blocks', () => {
    assert.equal(c('10.0.1.7/24').text, '10.0.1.0/24');
    assert.equal(c('192.168.1.1').text, '192.168.1.1/32');
    assert.equal(c('2600:1f18:0:1::/64').text, '2600:1f18:0:1::/64');
    assert.equal(c('::/0').text, '::/0');
    assert.equal(c('2001:db8:0:0:0:0:0:1/128').text, '2001:db8::1/128');
    for (const bad of ['10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', 'abc', '::1::/64', '10.0.0.0/x', '']) assert.equal(parseCidr(bad), null, bad);
  });

  it('containment and overlap', () => {
    assert.ok(cidrContains(c('10.0.0.0/16'), c('10.0.1.0/24')));
    assert.ok(!cidrContains(c('10.0.1.0/24'), c('10.0.0.0/16')));
    assert.ok(cidrContains(c('0.0.0.0/0'), c('52.1.2.3/32')));
    assert.ok(!cidrContains(c('0.0.0.0/0'), c('::/0')), 'families never mix');
    assert.ok(cidrOverlaps(c('10.0.1.0/24'), c('10.0.0.0/16')));
    assert.ok(!cidrOverlaps(c('10.0.1.0/24'), c('10.0.2.0/24')));
    assert.ok(cidrContains(c('2600:1f18::/56'), c('2600:1f18:0:1::/64')));
  });

  it('classifies private, shared and public space', () => {
    assert.equal(classifyCidr(c('10.1.0.0/16')), 'private');
    assert.equal(classifyCidr(c('172.31.0.0/16')), 'private');
    assert.equal(classifyCidr(c('100.64.1.0/24')), 'shared');
    assert.equal(classifyCidr(c('52.94.0.0/16')), 'public');
    assert.equal(classifyCidr(c('0.0.0.0/0')), 'public');
    assert.equal(classifyCidr(c('fd00::/8')), 'unique-local');
  });

  it('usable addresses of a subnet exclude the 5 AWS reserves', () => {
    assert.equal(usableSubnetAddresses(c('10.0.0.0/28')), 11);
    assert.equal(usableSubnetAddresses(c('10.0.0.0/24')), 251);
  });
});
