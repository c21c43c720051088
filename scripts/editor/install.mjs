// Installs a real VS Code (the VS Code Server inside the npm package code-server) into .editor-cache/ on
// first use, following docs/real-editor-testing.md; idempotent, and a no-op once the marker file exists.
//   node scripts/editor/install.mjs          install if needed, print the paths
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const installDir = join(repoRoot, '.editor-cache', 'code-server');
const codeServerDir = join(installDir, 'node_modules', 'code-server');
const vscodeDir = join(codeServerDir, 'lib', 'vscode');
const marker = join(installDir, `.installed-${CODE_SERVER_VERSION}`);

/** Where the installed editor's entry points are. */
export const editorPaths = {
  /** The code-server front (its own login page, --install-extension, …). */
  codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
  /** The VS Code Server underneath (supports --extensionDevelopmentPath/--extensionTestsPath). */
  serverMain: join(vscodeDir, 'out', 'server-main.js'),
};

/** Debian packages the install and the tests need (native modules, ripgrep, the headless browser). */
const debianPackages = ['chromium', 'ripgrep', 'libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev', 'libx11-dev'];

function missingDebianPackages() {
  return debianPackages.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function run(cwd, command, args, extraEnv = {}) {
  console.log(`[editor] ${command} ${args.join(' ')}   (in ${cwd.slice(repoRoot.length) || '.'})`);
  const r = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extraEnv },
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/**
 * Installs the working tree as an extension of a fresh editor (`startEditorServer`'s `beforeStart`): the editor
 * scans its extensions folder on first start, so a link to the working tree installs the freshly built
 * extension without packaging it (`npm run package` + --install-extension does it for real).
 */
export function linkExtension(extensionsDir) {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  symlinkSync(repoRoot, join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
}

/** Installs the editor unless it is complete already; throws with a clear message on failure. */
export function ensureEditor() {
  if (existsSync(marker)) return editorPaths;
  const missing = missingDebianPackages();
  if (missing.length > 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}\n  install them as root: apt-get update && apt-get install -y ${debianPackages.join(' ')}`);
  }
  const started = Date.now();
  console.log(`[editor] installing VS Code Server (code-server@${CODE_SERVER_VERSION}) into ${installDir} — about 2–3 minutes, once`);
  mkdirSync(installDir, { recursive: true });
  // Its own package.json keeps npm from treating the repository as the project to install into.
  const pkg = join(installDir, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: 'hyperplane-lens-editor-cache', private: true }, null, 2) + '\n');
  // Scripts are off: code-server's postinstall refuses root, and @vscode/ripgrep's downloads from GitHub.
  run(installDir, 'npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`]);
  run(vscodeDir, 'npm', ['install', '--omit=dev', '--ignore-scripts']);
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', join(rgDir, 'rg'));
  chmodSync(join(rgDir, 'rg'), 0o755);
  // node-pty's build script calls `npx node-gyp`, which needs the yes.
  run(vscodeDir, 'npm', ['rebuild'], { npm_config_yes: 'true' });
  const asar = join(vscodeDir, 'node_modules.asar');
  if (!lstatSafe(asar)) symlinkSync('node_modules', asar);
  run(installDir, 'npm', ['rebuild', 'argon2']);
  if (!existsSync(editorPaths.serverMain)) throw new Error(`install finished but ${editorPaths.serverMain} is missing`);
  writeFileSync(marker, new Date().toISOString() + '\n');
  console.log(`[editor] installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return editorPaths;
}

function lstatSafe(path) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensureEditor();
    console.log(`[editor] ready: ${paths.serverMain}`);
  } catch (error) {
    console.error(`[editor] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
