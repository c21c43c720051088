// `npm run test:corpus`: the conformance suite over the shared corpus of real IaC (../shared/corpus, or
// HYPERPLANE_CORPUS=/path/to/corpus). Bundles test/corpus and runs it with mocha.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const corpus = resolve(process.env.HYPERPLANE_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);
if (!existsSync(corpus)) {
  console.error(`The corpus is not at ${corpus}. Set HYPERPLANE_CORPUS=/path/to/shared/corpus.`);
  process.exit(2);
}
const env = { ...process.env, HYPERPLANE_CORPUS: corpus };
const build = spawnSync('node', ['scripts/build.mjs', '--no-bundles', '--tests=test/corpus', '--outdir=out-corpus'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(1);
const run = spawnSync('npx', ['mocha', '--no-config', '--timeout', '120000', '--reporter', 'spec', 'out-corpus/test/corpus/**/*.test.js'], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
