// Tests of the per-parse substring cache: it always returns the exact substring, and the same string
// object for repeated text.

import * as assert from 'node:assert/strict';
import { internName, StringCache } from '../../../server/src/syntax/stringCache';

describe('StringCache', () => {
  it('returns the same string for repeated text and the exact text every time', () => {
    const text = 'Type Type Properties Typ3 TypeX a a  ' + 'VpcId'.repeat(3) + ' ' + 'x'.repeat(60) + ' ' + 'x'.repeat(60);
    const cache = new StringCache(text);
    const first = cache.slice(0, 4);
    assert.equal(first, 'Type');
    assert.equal(cache.slice(5, 9), 'Type');
    assert.equal(cache.slice(10, 20), 'Properties');
    assert.equal(cache.slice(21, 25), 'Typ3');
    assert.equal(cache.slice(26, 31), 'TypeX');
    assert.equal(cache.slice(32, 33), 'a');
    assert.equal(cache.slice(36, 36), '');
    assert.equal(cache.slice(37, 42), 'VpcId');
    assert.equal(cache.slice(42, 47), 'VpcId');
    const long = text.indexOf('x');
    assert.equal(cache.slice(long, long + 60), 'x'.repeat(60));
    assert.equal(cache.slice(long + 61, long + 121), 'x'.repeat(60));
  });

  it('stays exact when many different strings compete for its slots', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `Subnet${i}x${i % 7}`);
    const text = words.join(' ') + ' ' + words.join(' ');
    const cache = new StringCache(text);
    let at = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (const w of words) {
        assert.equal(cache.slice(at, at + w.length), w);
        at += w.length + 1;
      }
    }
  });

  // Whether two equal strings are one object cannot be observed from JavaScript (sharing names is a speed
  // matter): these tests hold the contract that matters, exact text for every kind of name.
  it('returns the exact name from every cache, for every kind of name', () => {
    const text = 'vpc_id = aws_vpc.main.id\n__proto__ 0 constructor toString ' + 'n'.repeat(41);
    const a = new StringCache(text);
    const b = new StringCache(`x ${text}`);
    const names: [number, number, string][] = [[0, 6, 'vpc_id'], [9, 16, 'aws_vpc'], [17, 21, 'main'], [22, 24, 'id'], [25, 34, '__proto__'], [35, 36, '0'], [37, 48, 'constructor'], [49, 57, 'toString'], [58, 99, 'n'.repeat(41)]];
    for (const [start, end, expected] of names) {
      assert.equal(a.name(start, end), expected);
      assert.equal(b.name(start + 2, end + 2), expected);
      assert.equal(a.name(start, end), expected);
    }
    // Names and plain slices of the same text stay interchangeable.
    assert.equal(a.slice(0, 6), a.name(0, 6));
  });

  it('internName returns an equal string for any input', () => {
    for (const s of ['', 'a', 'aws_subnet', '__proto__', 'hasOwnProperty', '0', '42', '4294967295', '-1', '1.5', 'é', '\u{1F600}', 'x'.repeat(40), 'x'.repeat(41)]) {
      assert.equal(internName(s), s);
      assert.equal(internName(`${s}`), s);
    }
  });
});
