// Editor-test entry point: the extension host calls run() (as @vscode/test-electron does), which runs every
// out/test/e2e/**/*.test.js with mocha and writes the outcome to a JSON file that the harness waits for.
import Mocha from 'mocha';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

/** One line of the report, in the order mocha ran it (suites nest by depth). */
export type ResultEntry =
  | { readonly kind: 'suite'; readonly title: string; readonly depth: number }
  | { readonly kind: 'test'; readonly title: string; readonly depth: number; readonly state: 'passed' | 'failed' | 'pending'; readonly durationMs: number; readonly fullTitle?: string; readonly error?: string };

/** The file written when the run ends; read by scripts/editor/run-e2e.mjs and run-desktop.mjs. */
export interface E2eResult {
  readonly entries: readonly ResultEntry[];
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly vscodeVersion: string;
}

/** The harness names the file; the fallback (the repository's test-output/) is where it looks by default. */
export const resultFileEnv = 'HYPERPLANE_E2E_RESULT';

export function resultFilePath(): string {
  // This file is bundled to out/test/e2e/index.js, three levels below the repository root.
  return process.env[resultFileEnv] ?? join(__dirname, '..', '..', '..', 'test-output', 'e2e-result.json');
}

export async function run(): Promise<void> {
  const started = Date.now();
  const entries: ResultEntry[] = [];
  const counts = { passed: 0, failed: 0, pending: 0 };
  let failure: unknown;
  try {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    for (const file of testFiles(__dirname)) mocha.addFile(file);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('suite', (suite) => {
        if (!suite.root) entries.push({ kind: 'suite', title: suite.title, depth: depthOf(suite) });
      });
      runner.on('pass', (test) => {
        counts.passed++;
        entries.push({ kind: 'test', title: test.title, depth: depthOf(test), state: 'passed', durationMs: test.duration ?? 0 });
      });
      runner.on('fail', (test, error) => {
        counts.failed++;
        entries.push({ kind: 'test', title: test.title, fullTitle: test.fullTitle(), depth: depthOf(test), state: 'failed', durationMs: test.duration ?? 0, error: describe(error) });
      });
      runner.on('pending', (test) => {
        counts.pending++;
        entries.push({ kind: 'test', title: test.title, depth: depthOf(test), state: 'pending', durationMs: 0 });
      });
    });
  } catch (error) {
    failure = error;
    counts.failed++;
    entries.push({ kind: 'test', title: 'loading the editor tests', depth: 0, state: 'failed', durationMs: 0, error: describe(error) });
  }
  writeResult({ entries, ...counts, durationMs: Date.now() - started, vscodeVersion: vscode.version });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(describe(failure));
  if (counts.failed > 0) throw new Error(`${counts.failed} editor test(s) failed`);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => join(dir, name));
}

function depthOf(node: Mocha.Runnable | Mocha.Suite): number {
  let depth = 0;
  for (let parent = node.parent; parent !== undefined && !parent.root; parent = parent.parent) depth++;
  return depth;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Written under a temporary name and renamed, so the harness never reads half a file. */
function writeResult(result: E2eResult): void {
  const file = resultFilePath();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(result, null, 2));
  renameSync(`${file}.tmp`, file);
}
