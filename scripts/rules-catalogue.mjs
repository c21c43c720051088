// Regenerates the rules table in README.md (between the rules-catalogue markers) from
// server/src/analysis/rules.ts. `node scripts/rules-catalogue.mjs` rewrites; `--check` only verifies.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = join(mkdtempSync(join(tmpdir(), 'hl-rules-')), 'rules.cjs');
await esbuild.build({ entryPoints: [join(root, 'server/src/analysis/rules.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const { ruleList } = createRequire(import.meta.url)(out);
const table = [
  '| rule | default | what it finds | AWS rules |',
  '|---|---|---|---|',
  ...ruleList.map((r) => `| [${r.id}](docs/rules/${r.id}.md) | ${r.severity} | ${r.title}. ${r.summary} | ${r.awsRules.join(', ')} |`),
].join('\n');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const next = readme.replace(/(<!-- rules-catalogue:start -->\n)[\s\S]*?(\n<!-- rules-catalogue:end -->)/, `$1${table}$2`);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rules catalogue is out of date: run node scripts/rules-catalogue.mjs');
    process.exit(1);
  }
} else writeFileSync(join(root, 'README.md'), next);
