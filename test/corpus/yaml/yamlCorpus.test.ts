// Corpus test of the data readers: every .yaml/.yml/.json/.template file of the shared corpus parses, and its
// tree equals a reference reader's (JSON.parse; js-yaml with a schema rendering each `!Tag` as {"!Tag": value}).
// Corpus path: env HYPERPLANE_CORPUS, default ../shared/corpus from the repository root.

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DataNode } from '../../../server/src/syntax/data/ast';
import { parseJson } from '../../../server/src/syntax/json/jsonParser';
import { parseYaml } from '../../../server/src/syntax/yaml/yamlParser';

interface JsYamlType {
  readonly tag: string;
}
interface JsYamlSchema {
  extend(types: JsYamlType[]): JsYamlSchema;
}
interface JsYaml {
  Type: new (tag: string, options: { kind: 'scalar' | 'sequence' | 'mapping'; construct: (data: unknown) => unknown }) => JsYamlType;
  CORE_SCHEMA: JsYamlSchema;
  loadAll(text: string, iterator: null, options: { schema: JsYamlSchema; json?: boolean }): unknown[];
}

const repoRoot = resolve(__dirname, '../../../..');
const corpus = process.env['HYPERPLANE_CORPUS'] ?? resolve(repoRoot, '../shared/corpus');
const jsYaml = createRequire(join(repoRoot, 'package.json'))('js-yaml') as JsYaml;

/** Files with duplicate keys that CloudFormation rejects (js-yaml rejects them too, so compare last-wins). */
const DUPLICATE_KEYS: Record<string, string[]> = {
  'serverless-patterns/msk-lambda-schema-avro-java-sam/template_original.yaml': ['SchemaRegistryURI'],
  'serverless-patterns/vpc-lattice-lambda/template.yaml': ['VLFunctionPrimary', 'VLFunctionSecondary', 'Description', 'Value'],
};

function dataFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) dataFiles(path, out);
    else if (/\.(ya?ml|json|template)$/.test(name)) out.push(path);
  }
  return out;
}

/** Our tree as plain values: tags (verbatim `!<x>` as `x`) become {"!Tag": value}; YAML 1.1 booleans keep their text. */
function plain(node: DataNode | undefined): unknown {
  if (node === undefined) return null;
  let value: unknown;
  switch (node.kind) {
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[String(e.key.value)] = plain(e.value);
      value = o;
      break;
    }
    case 'seq':
      value = node.items.map(plain);
      break;
    case 'scalar':
      // js-yaml's core schema reads yes/no/on/off as strings; we follow CloudFormation (booleans).
      value = typeof node.value === 'boolean' && node.raw !== undefined && !/^(true|false)$/i.test(node.raw) ? node.raw : node.value;
      break;
  }
  if (node.tag === undefined || node.tag.name.startsWith('!!')) return value;
  const name = node.tag.name.startsWith('!<') ? node.tag.name.slice(2, -1) : node.tag.name;
  return { [name]: node.kind === 'scalar' && value === null ? '' : value };
}

function referenceYaml(text: string): unknown {
  const tags = new Set<string>();
  for (const m of text.matchAll(/!<([^>\s]+)>|(![A-Za-z][\w:]*)/g)) tags.add(m[1] ?? m[2] ?? '');
  const types: JsYamlType[] = [];
  for (const tag of tags) {
    for (const kind of ['scalar', 'sequence', 'mapping'] as const) {
      types.push(new jsYaml.Type(tag, { kind, construct: (data) => ({ [tag]: data === null ? '' : data }) }));
    }
  }
  // json: true lets duplicate keys through (last wins), as our plain rendering does.
  return jsYaml.loadAll(text, null, { schema: jsYaml.CORE_SCHEMA.extend(types), json: true })[0] ?? null;
}

describe('data readers on the corpus', function () {
  const files = existsSync(corpus) ? dataFiles(corpus, []) : [];

  it('finds the corpus', () => {
    assert.ok(files.length > 50, `expected the corpus at ${corpus}`);
  });

  for (const path of files) {
    const rel = relative(corpus, path).split('\\').join('/');
    it(rel, () => {
      const text = readFileSync(path, 'utf8');
      const isJson = /^\s*[{[]/.test(text.replace(/^\ufeff/, ''));
      if (isJson) {
        const file = parseJson(text);
        assert.deepEqual(file.problems, []);
        assert.deepEqual(plain(file.root), JSON.parse(text.replace(/^\ufeff/, '')));
        return;
      }
      const file = parseYaml(text);
      const duplicates = DUPLICATE_KEYS[rel] ?? [];
      assert.deepEqual(
        file.problems.map((p) => `${p.code} ${text.slice(p.span.start, p.span.end)}`),
        duplicates.map((key) => `duplicate-key ${key}`),
      );
      assert.deepEqual(plain(file.root), referenceYaml(text));
    });
  }
});
