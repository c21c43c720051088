// README.md's Commands and Settings tables say what package.json contributes: every command title, every
// setting with its default, and nothing the extension does not contribute.

import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

interface Contributes {
  readonly commands: readonly { readonly command: string; readonly title: string; readonly category?: string }[];
  readonly configuration: { readonly properties: Readonly<Record<string, { readonly default?: unknown }>> };
}

function isContributes(v: unknown): v is Contributes {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return Array.isArray(c.commands) && typeof c.configuration === 'object' && c.configuration !== null;
}

/** The rows of the README table under `## heading`, as arrays of cells (header and separator left out). */
function tableRows(readme: string, heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has no "## ${heading}" section`);
  const lines = readme.slice(start).split('\n').slice(2);
  const table: string[][] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.startsWith('|')))) {
    if (!line.startsWith('|')) break;
    table.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return table.slice(2);
}

describe('README tables', () => {
  const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
  const pkg: unknown = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const contributes = typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>).contributes : undefined;
  assert.ok(isContributes(contributes), 'package.json has no contributes.commands / configuration');

  it('lists every command by its palette title, and no other', () => {
    const documented = tableRows(readme, 'Commands').map((r) => r[0]);
    const contributed = contributes.commands.map((c) => `${c.category ?? 'Hyperplane Lens'}: ${c.title}`);
    assert.deepStrictEqual([...documented].sort(), [...contributed].sort());
  });

  it('lists every setting with its default, and no other', () => {
    const documented = new Map(tableRows(readme, 'Settings').map((r) => [(r[0] ?? '').replace(/`/g, ''), (r[1] ?? '').replace(/`/g, '')]));
    const contributed = new Map(Object.entries(contributes.configuration.properties).map(([k, v]) => [k, JSON.stringify(v.default)]));
    assert.deepStrictEqual([...documented.keys()].sort(), [...contributed.keys()].sort());
    for (const [key, value] of contributed) {
      // JSON.stringify writes `{}`, the README `{}`; compare without spaces so `[ ]` and `[]` agree.
      assert.strictEqual(documented.get(key)?.replace(/\s/g, ''), value?.replace(/\s/g, ''), `default of ${key}`);
    }
  });
});
