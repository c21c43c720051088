// Starts the installed VS Code Server (or its code-server front) on 127.0.0.1 with fresh data folders,
// waits until its HTTP port answers, and stops its whole process group. Used by run-e2e, start, screenshot.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editorPaths } from './install.mjs';

/** Settings for a test or demo editor: no trust prompt, no welcome page, no update or telemetry traffic. */
export const editorSettings = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

/** A free TCP port on 127.0.0.1 (the PORT environment variable wins). */
export async function freePort() {
  if (process.env.PORT) return Number(process.env.PORT);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the editor. `front`: 'vscode' (server-main.js, supports extension development and tests) or
 * 'code-server' (entry.js, supports --install-extension). `beforeStart({ extensionsDir, … })` may prepare
 * the fresh folders. Returns { url, port, dataDir, logFile, logTail, stop, exited }.
 */
export async function startEditorServer({ front = 'vscode', port, args = [], env = {}, settings = {}, readyTimeoutMs = 60_000, quiet = true, beforeStart } = {}) {
  const chosenPort = port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'hyperplane-editor-'));
  const userDataDir = join(dataDir, 'user-data');
  const extensionsDir = join(dataDir, 'extensions');
  const allSettings = JSON.stringify({ ...editorSettings, ...settings }, null, 2);
  // The VS Code Server reads user settings from <server-data-dir>/data/User; code-server from <user-data-dir>/User.
  for (const dir of [join(dataDir, 'server-data', 'data', 'User'), join(userDataDir, 'User')]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), allSettings);
  }
  mkdirSync(extensionsDir, { recursive: true });
  try {
    beforeStart?.({ dataDir, extensionsDir, userDataDir });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const commandArgs =
    front === 'vscode'
      ? [editorPaths.serverMain, '--host', '127.0.0.1', '--port', String(chosenPort), '--without-connection-token', '--accept-server-license-terms',
         '--server-data-dir', join(dataDir, 'server-data'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--telemetry-level', 'off']
      : [editorPaths.codeServerEntry, '--auth', 'none', '--bind-addr', `127.0.0.1:${chosenPort}`, '--disable-telemetry', '--disable-update-check',
         '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  // Its own process group, so stop() also ends the extension host and the language server under it.
  const child = spawn(process.execPath, [...commandArgs, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // code-server writes its config file under XDG_CONFIG_HOME (kept out of the user's home); an empty
    // gallery turns off the marketplace look-ups that cannot succeed offline.
    env: { ...process.env, XDG_CONFIG_HOME: join(dataDir, 'config'), EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...env },
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(log, { end: false });
    if (!quiet) stream.pipe(process.stderr, { end: false });
  }
  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  const url = `http://127.0.0.1:${chosenPort}`;

  const logTail = (lines = 40) => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      signalGroup(child.pid, 'SIGTERM');
      const killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(killTimer);
    }
    // Children that ignored SIGTERM after their parent exited (extension host, language server).
    signalGroup(child.pid, 'SIGKILL');
    log.end();
    if (process.env.KEEP_EDITOR_DATA !== '1') rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHttp(url, readyTimeoutMs, () => exited);
  } catch (error) {
    const tail = logTail();
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- editor server log (tail) ---\n${tail}`);
  }
  return { url, port: chosenPort, dataDir, logFile, logTail, stop, exited: exitPromise };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Resolves when `url` answers HTTP at all; rejects when the process exits or the deadline passes. */
async function waitForHttp(url, timeoutMs, hasExited) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the editor server exited before it was ready');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      await response.body?.cancel();
      return;
    } catch {
      // Not listening yet: retry shortly (the loop is bounded by the deadline).
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`the editor server did not answer at ${url} within ${timeoutMs / 1000} s`);
}

/** The workbench URL that opens `folder` and, if given, loads an extension in development mode and runs its tests. */
export function workbenchUrl(baseUrl, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const authority = new URL(baseUrl).host;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
