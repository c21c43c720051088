// Every reading-problem code the core can report has its row in docs/problems.md, which diagnostics and
// SARIF link to by anchor. The codes are found in the sources (a quoted `tf-…`, `cfn-…`, `hcl-…` string, or
// any `code: '…'` in lower case), so a new code without a row fails here, and so does a row whose code the
// sources no longer name.

import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    // lsp/ only converts problems (and tags codes by suffix): it reports none of its own.
    if (statSync(p).isDirectory()) return n === 'lsp' ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('reading problems catalogue', () => {
  const page = readFileSync(path.join(repo, 'docs', 'problems.md'), 'utf8');
  const codes = new Set<string>();
  for (const file of sources(path.join(repo, 'server', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'((?:tf|cfn|hcl|yaml|json|file|duplicate)-[a-z0-9-]+)'/g)) if (m[1]) codes.add(m[1]);
    // Other prefixes ('invalid-utf8'); the lower-case form keeps out Node's error codes ('ENOTDIR') and rule ids.
    for (const m of text.matchAll(/\bcode: '([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g)) if (m[1]) codes.add(m[1]);
  }
  const rows = [...page.matchAll(/<a id="([^"]+)"><\/a>`([^`]+)`/g)];

  it('finds the codes in the sources', () => {
    assert.ok(codes.size >= 40, `only ${codes.size} codes found`);
  });

  it('has a row with an anchor for every code', () => {
    const missing = [...codes].filter((c) => !page.includes(`<a id="${c}"></a>\`${c}\``));
    assert.deepStrictEqual(missing, []);
  });

  it('documents no code the sources do not report, under an anchor that is its code', () => {
    assert.deepStrictEqual(rows.filter((r) => r[1] !== r[2]).map((r) => r[0]), []);
    assert.deepStrictEqual(rows.map((r) => r[2]).filter((c) => c !== undefined && !codes.has(c)), []);
  });
});
