// BodyAttributes: a body's arguments by name read in place (small bodies) or through a Map (large ones), with
// the same answers and order as a Map built from the body.

import * as assert from 'node:assert/strict';
import { BodyAttributes } from '../../../../server/src/frontends/terraform/bodyAttributes';
import type { HclBody } from '../../../../server/src/syntax/hcl/ast';
import { parseHcl } from '../../../../server/src/syntax/hcl/hclParser';

function bodyOf(text: string): HclBody {
  const item = parseHcl(text).body.items[0];
  assert.ok(item?.kind === 'block');
  return item.body;
}

/** What each lookup answers, as text: `name=<expression start>` or `name=-`. */
function lookups(attrs: ReadonlyMap<string, { readonly expr: { readonly span: { readonly start: number } } }>, names: readonly string[]): string {
  return names.map((n) => `${n}=${attrs.get(n)?.expr.span.start ?? '-'}${attrs.has(n) ? '' : '?'}`).join(' ');
}

describe('BodyAttributes', () => {
  for (const size of [3, 16, 17, 40]) {
    it(`answers as a Map of the first of duplicates, ${size} arguments`, () => {
      const lines = Array.from({ length: size }, (_, i) => `  a${i % 7 === 6 ? i - 1 : i} = ${i}`);
      const text = `resource "t" "n" {\n${lines.join('\n')}\n  nested {\n    inner = 1\n  }\n  dynamic "d" {\n    for_each = []\n  }\n}\n`;
      const body = bodyOf(text);
      const expected = new Map<string, (typeof body.items)[number] & { kind: 'attribute' }>();
      for (const item of body.items) if (item.kind === 'attribute' && !expected.has(item.name)) expected.set(item.name, item);
      const attrs = new BodyAttributes(body.items);
      const names = ['a0', 'a5', 'a6', 'a12', 'a15', 'a16', 'a39', 'nested', 'd', 'inner', 'for_each', 'missing'];
      assert.equal(lookups(attrs, names), lookups(expected, names));
      assert.equal(attrs.size, expected.size);
      assert.deepEqual([...attrs.keys()], [...expected.keys()]);
      assert.deepEqual([...attrs.values()], [...expected.values()]);
      assert.deepEqual([...attrs], [...expected]);
      const seen: string[] = [];
      attrs.forEach((v, k, m) => seen.push(`${k}:${v.name}:${m === attrs}`));
      assert.deepEqual(seen, [...expected.keys()].map((k) => `${k}:${k}:true`));
    });
  }

  it('a name written twice answers the first', () => {
    const attrs = new BodyAttributes(bodyOf('resource "t" "n" {\n  x = 1\n  y = 2\n  x = 3\n}\n').items);
    const x = attrs.get('x');
    assert.ok(x?.expr.kind === 'literal');
    assert.equal(x.expr.value, 1);
    assert.deepEqual([...attrs.keys()], ['x', 'y']);
  });
});
