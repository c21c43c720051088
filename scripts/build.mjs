// Build script: esbuild bundles the extension client, the language server, the CLI and the webview
// (--production: minified, no source maps; the webview's text copy of ELK's worker script too). --tests bundles every test/**/*.test.ts (and the editor-test
// entry) into out/ for mocha; each test file is its own bundle, so a half-written module elsewhere never
// breaks an unrelated test. Type checking is tsc's job (`npm run typecheck`); esbuild does not type-check.
//   --tests[=PREFIX]  only test files under PREFIX (e.g. --tests=test/unit/syntax)
//   --outdir=DIR      where test bundles go (default out)
//   --no-bundles      skip the extension bundles
//   --watch           rebuild the bundles on change
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const flag = (name) => argv.find((a) => a === name || a.startsWith(name + '='));
const value = (name, fallback) => {
  const f = flag(name);
  return f && f.includes('=') ? f.slice(name.length + 1) : fallback;
};
const production = Boolean(flag('--production'));
const root = new URL('..', import.meta.url).pathname;

/**
 * The webview imports ELK's worker script as text (client/webview/elkWorkerSource.js) to start its layout
 * worker from a blob: URL; esbuild minifies code but not text, so a production build minifies that text
 * itself (1.63 MB to 1.57 MB, as the script was when the webview ran ELK on its own thread).
 */
const minifiedElkWorker = {
  name: 'minified-elk-worker',
  setup(build) {
    build.onLoad({ filter: /[\\/]elkjs[\\/]lib[\\/]elk-worker\.min\.js$/ }, async (args) => {
      if (args.with.type !== 'text') return undefined;
      const { code } = await esbuild.transform(readFileSync(args.path, 'utf8'), { minify: true, target: 'es2022', logLevel: 'error' });
      return { contents: code, loader: 'text' };
    });
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', ...(production ? { plugins: [minifiedElkWorker] } : {}) },
]
  .filter((b) => existsSync(join(root, b.entryPoints[0])))
  .map((options) => ({
    ...options,
    absWorkingDir: root,
    bundle: true,
    target: options.platform === 'browser' ? 'es2022' : 'node20',
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
  }));

function walk(dir, out) {
  if (!existsSync(join(root, dir))) return out;
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(join(root, rel)).isDirectory()) walk(rel, out);
    else if (name.endsWith('.test.ts') || rel === join('test', 'e2e', 'index.ts')) out.push(rel);
  }
  return out;
}

if (flag('--tests')) {
  const prefix = value('--tests', 'test');
  const outdir = value('--outdir', 'out');
  const entryPoints = walk(prefix, []);
  if (prefix === 'test') rmSync(join(root, outdir), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    outbase: '.',
    bundle: true,
    packages: 'external',
    external: ['vscode'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
if (!flag('--no-bundles')) {
  if (flag('--watch')) {
    const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('watching for changes…');
  } else {
    await Promise.all(bundles.map((b) => esbuild.build(b)));
  }
}
