// Tests of the per-parse substring cache: it always returns the exact substring, and the same string
// object for repeated text.

import * as assert from 'node:assert/strict';
import { StringCache } from '../../../server/src/syntax/stringCache';

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
});
