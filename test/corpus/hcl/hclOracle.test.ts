// Oracle test: every .tf file of the real-world corpus (HYPERPLANE_CORPUS, default ../shared/corpus from the
// repository root) parses without problems, and agrees with HashiCorp's parser (@cdktf/hcl2json) on blocks,
// attribute names and literal values. The JSON that hcl2json prints also round-trips through parseHclJson.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseHcl } from '../../../server/src/syntax/hcl/hclParser';
import { parseHclJson } from '../../../server/src/syntax/hcl/hclJson';
import type { HclBlock, HclBody, HclExpr } from '../../../server/src/syntax/hcl/ast';

interface Hcl2Json {
  parse(filename: string, text: string): Promise<unknown>;
}

function isHcl2Json(value: unknown): value is Hcl2Json {
  return typeof value === 'object' && value !== null && typeof (value as { parse?: unknown }).parse === 'function';
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2jsonModule: unknown = require('@cdktf/hcl2json');

const corpus = resolve(process.env['HYPERPLANE_CORPUS'] ?? join(process.cwd(), '..', 'shared', 'corpus'));

function tfFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tfFiles(path, out);
    else if (name.endsWith('.tf')) out.push(path);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of an expression when it is a plain literal (what hcl2json prints as a JSON value), else undefined. */
function literalOf(e: HclExpr): { value: unknown } | undefined {
  if (e.kind === 'literal') return { value: e.value };
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'literal' && typeof e.operand.value === 'number') {
    return { value: -e.operand.value };
  }
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'string')) {
    // hcl2json prints strings as JSON-syntax templates, where a literal `${` or `%{` is escaped as `$${`/`%%{`.
    const value = e.parts.map((p) => (p.kind === 'string' ? p.value : '')).join('');
    return { value: value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{') };
  }
  return undefined;
}

interface Tally {
  blocks: number;
  attributes: number;
  literals: number;
}

function compareBody(body: HclBody, json: unknown, where: string, diffs: string[], tally: Tally): void {
  if (!isRecord(json)) {
    diffs.push(`${where}: hcl2json has no object here`);
    return;
  }
  const seen = new Set<string>();
  const groups = new Map<string, HclBlock[]>();
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      seen.add(item.name);
      tally.attributes++;
      if (!(item.name in json)) {
        diffs.push(`${where}: attribute ${item.name} is missing in hcl2json`);
        continue;
      }
      const literal = literalOf(item.expr);
      if (literal !== undefined) {
        tally.literals++;
        const theirs = JSON.stringify(json[item.name]);
        if (JSON.stringify(literal.value) !== theirs) diffs.push(`${where}.${item.name}: ${JSON.stringify(literal.value)} vs ${theirs}`);
      }
    } else {
      seen.add(item.type);
      const key = JSON.stringify([item.type, ...item.labels.map((l) => l.value)]);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
  }
  for (const [key, blocks] of groups) {
    const path = JSON.parse(key) as string[];
    let node: unknown = json;
    for (const step of path) node = isRecord(node) ? node[step] : undefined;
    const at = `${where}/${path.join('.')}`;
    if (!Array.isArray(node)) {
      diffs.push(`${at}: hcl2json has no block list here`);
      continue;
    }
    if (node.length !== blocks.length) {
      diffs.push(`${at}: ${blocks.length} blocks vs ${node.length} in hcl2json`);
      continue;
    }
    blocks.forEach((block, i) => {
      tally.blocks++;
      compareBody(block.body, node[i], `${at}[${i}]`, diffs, tally);
    });
  }
  for (const key of Object.keys(json)) if (!seen.has(key)) diffs.push(`${where}: hcl2json has ${key}, we do not`);
}

function topLevelBlocks(body: HclBody): string[] {
  return body.items
    .filter((i): i is HclBlock => i.kind === 'block')
    .map((b) => [b.type, ...b.labels.map((l) => l.value)].join(' '))
    .sort();
}

describe('HCL reader against HashiCorp hcl2json on the corpus', () => {
  if (!existsSync(corpus)) {
    it('needs the corpus', () => {
      assert.fail(`no corpus at ${corpus}: set HYPERPLANE_CORPUS to the corpus folder`);
    });
    return;
  }
  const files = tfFiles(corpus, []);
  const total: Tally = { blocks: 0, attributes: 0, literals: 0 };

  it('finds .tf files in the corpus', () => {
    assert.ok(files.length > 0);
  });

  for (const path of files) {
    it(relative(corpus, path), async () => {
      assert.ok(isHcl2Json(hcl2jsonModule));
      const text = readFileSync(path, 'utf8');
      const mine = parseHcl(text);
      assert.deepEqual(mine.problems, [], 'parseHcl reports no problems');
      const theirs = await hcl2jsonModule.parse(path, text);
      const diffs: string[] = [];
      compareBody(mine.body, theirs, '', diffs, total);
      assert.deepEqual(diffs, [], 'agrees with hcl2json');
      const json = parseHclJson(JSON.stringify(theirs, null, 1));
      assert.deepEqual(json.problems, [], 'hcl2json output reads as HCL JSON');
      assert.deepEqual(topLevelBlocks(json.body), topLevelBlocks(mine.body), 'same top-level blocks via JSON');
    });
  }

  it('compared a meaningful amount', () => {
    assert.ok(total.blocks > 1000 && total.attributes > 3000 && total.literals > 1000, JSON.stringify(total));
  });
});
