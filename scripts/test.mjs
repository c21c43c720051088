// `npm test`: every check CI runs, in order, with the time each stage took:
// type check, lint, build, unit + language-server tests (mocha), then the real-editor tests.
// Stops at the first failing stage and exits non-zero.
import { spawnSync } from 'node:child_process';

const stages = [
  ['type check', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['build', 'node', ['scripts/build.mjs', '--tests']],
  ['unit and language-server tests', 'npx', ['mocha']],
  ['real-editor tests', 'node', ['scripts/editor/run-e2e.mjs']],
];

const only = process.argv.slice(2);
const timings = [];
for (const [name, command, args] of stages) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    console.error(timings.join('\n'));
    process.exit(1);
  }
}
console.log('\n' + timings.join('\n'));
