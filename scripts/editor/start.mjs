// `npm start`: builds the extension, installs the editor if needed, and serves a real VS Code at
// http://127.0.0.1:8080 (PORT overrides) with Hyperplane Lens installed from this working tree and
// examples/ open. Ctrl-C or SIGTERM stops the editor and everything under it.
//   npm start [-- --no-build]      (--no-build: serve dist/ as it is)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureEditor, linkExtension, repoRoot } from './install.mjs';
import { startEditorServer } from './server.mjs';

const port = Number(process.env.PORT ?? 8080);
const folder = join(repoRoot, 'examples');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build failed');
    process.exit(1);
  }
}
try {
  ensureEditor();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const server = await startEditorServer({
  port,
  args: ['--default-folder', folder],
  quiet: false,
  // Not only for tests: a local demo of files you own needs no trust prompt.
  settings: { 'workbench.startupEditor': 'none' },
  beforeStart: ({ extensionsDir }) => linkExtension(extensionsDir),
});
console.log(`\nHyperplane Lens in VS Code: ${server.url}/  (folder ${folder})\nPress Ctrl-C to stop.\n`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the editor…`);
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
void server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`the editor exited (${signal ?? code})`);
  process.exit(1);
});
