// The CLI built from the current sources for the diagram export tests: cli.js next to webview.js (as in dist/)
// in a temporary folder, so a test runs the code under test rather than whatever dist/ last held; and the
// export fixture workspace copied to a given folder.

import { cpSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../ide/diagram/diagramFixtures';

/** Builds the CLI and the webview page script; returns the path of cli.js. */
export async function buildCli(): Promise<string> {
  const root = repoRoot();
  const outdir = mkdtempSync(path.join(tmpdir(), 'hl-cli-bundle-'));
  const common = { absWorkingDir: root, bundle: true, logLevel: 'silent', sourcemap: false } as const;
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outdir, 'cli.js'), platform: 'node', format: 'cjs', target: 'node20' }),
    esbuild.build({ ...common, entryPoints: ['client/webview/main.ts'], outfile: path.join(outdir, 'webview.js'), platform: 'browser', format: 'iife', target: 'es2022' }),
  ]);
  return path.join(outdir, 'cli.js');
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(cli: string, args: readonly string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Copies test/fixtures/diagram-export (a Terraform root with a local module, a SAM template) to `target`. */
export function copyExportFixture(target: string): string {
  cpSync(path.join(repoRoot(), 'test', 'fixtures', 'diagram-export'), target, { recursive: true });
  return target;
}
