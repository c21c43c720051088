// Tests of the shared child stacks: exactly sized arrays per collection, nesting, and duplicate-key
// detection below and above the size where a Map index takes over.

import * as assert from 'node:assert/strict';
import type { DataEntry, DataScalar } from '../../../../server/src/syntax/data/ast';
import { ChildStack, EntryStack } from '../../../../server/src/syntax/json/entryList';

function key(name: string, at: number): DataScalar {
  return { kind: 'scalar', value: name, style: 'plain', tag: undefined, span: { start: at, end: at + name.length } };
}

function entry(name: string, at: number): DataEntry {
  const k = key(name, at);
  return { key: k, value: key('v', at + 10), span: { start: at, end: at + 11 } };
}

describe('ChildStack', () => {
  it('returns the children of nested collections in order, in arrays of exactly their size', () => {
    const stack = new ChildStack<string>();
    const outer = stack.open();
    stack.push('a');
    const inner = stack.open();
    stack.push('b');
    stack.push('c');
    assert.deepEqual(stack.close(inner), ['b', 'c']);
    stack.push('d');
    const empty = stack.open();
    assert.deepEqual(stack.close(empty), []);
    assert.deepEqual(stack.close(outer), ['a', 'd']);
    // Reuse after closing: stale slots are overwritten, not returned.
    const again = stack.open();
    stack.push('e');
    assert.deepEqual(stack.close(again), ['e']);
  });

  it('returns long collections whole', () => {
    const stack = new ChildStack<number>();
    const base = stack.open();
    for (let i = 0; i < 25000; i++) stack.push(i);
    const out = stack.close(base);
    assert.equal(out.length, 25000);
    assert.equal(out[24999], 24999);
  });
});

describe('EntryStack', () => {
  it('finds the first earlier key with the same name in small and large maps', () => {
    for (const size of [3, 8, 9, 30]) {
      const stack = new EntryStack();
      const base = stack.open();
      const found: (DataScalar | undefined)[] = [];
      for (let i = 0; i < size; i++) found.push(stack.add(base, entry(`k${i}`, i * 20)));
      assert.ok(found.every((k) => k === undefined), `size ${size}`);
      const again = stack.add(base, entry('k1', 1000));
      assert.equal(again?.span.start, 20, `size ${size}`);
      const third = stack.add(base, entry('k1', 2000));
      assert.equal(third?.span.start, 20, `size ${size}`);
      assert.equal(stack.close(base).length, size + 2);
    }
  });

  it('keeps the duplicate checks of nested maps apart', () => {
    const stack = new EntryStack();
    const outer = stack.open();
    for (let i = 0; i < 12; i++) stack.add(outer, entry(`o${i}`, i));
    // A child opened inside a large parent, itself large: its own index, not the parent's.
    const inner = stack.open();
    for (let i = 0; i < 12; i++) assert.equal(stack.add(inner, entry(`o${i}`, 100 + i)), undefined);
    assert.equal(stack.add(inner, entry('o3', 200))?.span.start, 103);
    assert.equal(stack.close(inner).length, 13);
    assert.equal(stack.add(outer, entry('o3', 300))?.span.start, 3);
    assert.equal(stack.add(outer, entry('new', 301)), undefined);
    // A child opened before its parent's first entry shares the parent's base.
    const parent = stack.open();
    const child = stack.open();
    for (let i = 0; i < 10; i++) stack.add(child, entry(`c${i}`, 400 + i));
    stack.close(child);
    assert.equal(stack.add(parent, entry('c1', 500)), undefined);
    assert.equal(stack.close(parent).length, 1);
    assert.equal(stack.close(outer).length, 14);
  });
});
