// Tests of the JSON reader: values and spans (checked against text slices), duplicate keys, and recovery
// from the syntax errors people make while typing.

import * as assert from 'node:assert/strict';
import type { DataNode } from '../../../../server/src/syntax/data/ast';
import { parseJson } from '../../../../server/src/syntax/json/jsonParser';
import { plainValue } from '../yaml/plainValue';
import { spanNestingErrors } from './spanNesting';

function messages(text: string): string[] {
  return parseJson(text).problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.span.start, p.span.end))} ${p.message}`);
}

describe('parseJson', () => {
  it('reads a template with exact spans for keys and values', () => {
    const text = '{\n  "Resources": {\n    "Fn": {"Type": "AWS::Lambda::Function", "Timeout": 30, "A": [1.5, -2e3, true, false, null]}\n  }\n}\n';
    const file = parseJson(text);
    assert.equal(file.syntax, 'json');
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.comments, []);
    assert.deepEqual(plainValue(file.root), JSON.parse(text));
    const visit = (node: DataNode): void => {
      if (node.kind === 'map') {
        for (const e of node.entries) {
          assert.equal(text.slice(e.key.span.start, e.key.span.end), JSON.stringify(e.key.value));
          assert.equal(text.slice(e.span.start, e.span.end).startsWith(JSON.stringify(e.key.value)), true);
          visit(e.value);
        }
      } else if (node.kind === 'seq') {
        node.items.forEach(visit);
      } else {
        assert.deepEqual(JSON.parse(text.slice(node.span.start, node.span.end)), node.value);
        assert.equal(node.style, 'json');
      }
    };
    assert.ok(file.root);
    visit(file.root);
    assert.equal(text.slice(file.root.span.start, file.root.span.end), text.trim());
  });

  it('decodes escapes and keeps the raw text of numbers', () => {
    const file = parseJson('{"s": "a\\"b\\\\c\\n\\u00e9\\/", "n": 1.10}');
    assert.deepEqual(plainValue(file.root), { s: 'a"b\\c\né/', n: 1.1 });
    assert.ok(file.root?.kind === 'map');
    const n = file.root.entries[1]?.value;
    assert.ok(n?.kind === 'scalar');
    assert.equal(n.raw, '1.10');
  });

  it('strips a BOM and returns no root for an empty file', () => {
    const file = parseJson('\ufeff{"a": 1}');
    assert.deepEqual(file.problems, []);
    assert.ok(file.root?.kind === 'map');
    assert.equal(file.root.span.start, 1);
    assert.equal(parseJson('  \n').root, undefined);
    assert.deepEqual(parseJson('').problems, []);
  });

  it('reports duplicate keys on the second key with the first line', () => {
    const text = '{\n  "A": 1,\n  "B": 2,\n  "A": 3\n}';
    assert.deepEqual(messages(text), [`duplicate-key "\\"A\\"" Duplicate key 'A': it is already defined on line 2 (CloudFormation rejects duplicate keys).`]);
    const big = '{' + Array.from({ length: 30 }, (_, i) => `"k${i}": ${i}`).join(',') + ', "k7": 0}';
    assert.equal(parseJson(big).problems.filter((p) => p.code === 'duplicate-key').length, 1);
  });

  it('recovers from a missing comma', () => {
    const text = '{"a": 1\n "b": [1 2]}';
    assert.deepEqual(plainValue(parseJson(text).root), { a: 1, b: [1, 2] });
    assert.deepEqual(parseJson(text).problems.map((p) => p.code), ['json-syntax', 'json-syntax']);
  });

  it('recovers from trailing commas', () => {
    const text = '{"a": [1, 2,], "b": 3,}';
    assert.deepEqual(plainValue(parseJson(text).root), { a: [1, 2], b: 3 });
    assert.deepEqual(messages(text).map((m) => m.split(' ').slice(0, 2).join(' ')), ['json-syntax ","', 'json-syntax ","']);
  });

  it('recovers from an unterminated string at the end of its line', () => {
    const text = '{"a": "abc\n, "b": 2}';
    const file = parseJson(text);
    assert.deepEqual(plainValue(file.root), { a: 'abc', b: 2 });
    assert.equal(file.problems.length, 1);
    const problem = file.problems[0];
    assert.ok(problem);
    assert.equal(text.slice(problem.span.start, problem.span.end), '"abc');
  });

  it('recovers from missing closing brackets', () => {
    const text = '{"a": {"b": [1, 2\n';
    const file = parseJson(text);
    assert.deepEqual(plainValue(file.root), { a: { b: [1, 2] } });
    assert.deepEqual(messages(text).map((m) => m.split(' ').slice(0, 2).join(' ')), ['json-syntax "["', 'json-syntax "{"', 'json-syntax "{"']);
  });

  it('recovers from garbage, missing colons, comments and mismatched brackets', () => {
    const file = parseJson('{"a" 1, "b": tru, "c": @, // note\n "d": [1}, "e": 2}');
    assert.deepEqual(plainValue(file.root), { a: 1, b: 'tru', c: null, d: [1], e: 2 });
    assert.equal(file.problems.length, 5);
    assert.ok(file.problems.every((p) => p.code === 'json-syntax' && p.severity === 'error'));
  });

  it('reports content after the root and never throws on hostile input', () => {
    assert.equal(parseJson('{} {}').problems.length, 1);
    for (const text of ['[', '{', '"', '{"a":', '{"a"', '[,,,]', '{,}', '}}}', '\\u', '"\\u12"', '-', '01', '1.', '1e', '{"a":1,,}']) {
      assert.ok(Array.isArray(parseJson(text).problems), text);
    }
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    assert.ok(parseJson(deep).problems.some((p) => p.message.includes('Nesting')));
  });

  it('keeps an empty value at the end of the input inside its unclosed parents', () => {
    const text = '{"a": {"x": ';
    const file = parseJson(text);
    assert.ok(file.root?.kind === 'map');
    const inner = file.root.entries[0]?.value;
    assert.ok(inner?.kind === 'map');
    const empty = inner.entries[0]?.value;
    assert.deepEqual(empty?.span, { start: 12, end: 12 });
    assert.deepEqual(inner.span, { start: 6, end: 12 });
    assert.deepEqual(file.root.span, { start: 0, end: 12 });
    assert.deepEqual(spanNestingErrors(file.root), []);
  });

  it('keeps every span inside its parent for every prefix of a template (text typed so far)', () => {
    const text = '{\n  "Resources": {\n    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"L": [1, "two", {"k": null}], "M": {}}}\n  }\n}\n';
    for (let i = 0; i <= text.length; i++) {
      for (const input of [text.slice(0, i), text.slice(0, i) + '  \n ']) {
        const root = parseJson(input).root;
        if (root !== undefined) assert.deepEqual(spanNestingErrors(root), [], JSON.stringify(input));
      }
    }
  });

  it('shares repeated keys and values without changing them', () => {
    const text = '[' + Array.from({ length: 50 }, (_, i) => `{"Type": "AWS::EC2::Subnet", "Id": "s${i % 3}", "Long": "${'x'.repeat(60)}"}`).join(',') + ']';
    const root = parseJson(text).root;
    assert.ok(root?.kind === 'seq');
    assert.deepEqual(plainValue(root), JSON.parse(text));
  });
});
