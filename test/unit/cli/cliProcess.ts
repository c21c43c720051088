// The CLI as users run it: the built dist/cli.js (npm test builds it before the tests; the diagram page script
// dist/webview.js sits next to it) in a child process, without colours; and the diagram export fixture.

import { cpSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../ide/diagram/diagramFixtures';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = path.join(repoRoot(), 'dist', 'cli.js');

export function runCli(args: readonly string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Copies test/fixtures/diagram-export (a Terraform root with a local module, a SAM template) to `target`. */
export function copyExportFixture(target: string): string {
  cpSync(path.join(repoRoot(), 'test', 'fixtures', 'diagram-export'), target, { recursive: true });
  return target;
}
