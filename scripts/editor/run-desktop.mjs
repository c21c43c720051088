// Runs the editor tests (out/test/e2e) in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (this project's CI cannot: it uses run-e2e.mjs and the VS Code Server instead).
// Build first: `node scripts/build.mjs --tests` (npm run test:desktop does).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './install.mjs';
import { printResult } from './report.mjs';
import { prepareWorkspace } from './workspace.mjs';

const testsEntry = join(repoRoot, 'out', 'test', 'e2e', 'index.js');
const resultFile = join(repoRoot, 'test-output', 'e2e-desktop-result.json');

async function main() {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run node scripts/build.mjs --tests first`);
  mkdirSync(join(repoRoot, 'test-output'), { recursive: true });
  rmSync(resultFile, { force: true });
  const workspace = prepareWorkspace();
  const started = Date.now();
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsEntry,
      launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { HYPERPLANE_E2E_RESULT: resultFile },
    }).catch((error) => {
      // runTests rejects both when the download fails and when tests fail; only the result file tells which.
      if (!existsSync(resultFile)) {
        throw new Error(`could not run desktop VS Code (${error instanceof Error ? error.message : String(error)}).\n` +
          'Downloading desktop VS Code needs internet access; on machines without it use `npm run test:e2e` (VS Code Server + Chromium).');
      }
    });
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    printResult(result, Date.now() - started);
    return result.failed === 0 && result.passed > 0 ? 0 : 1;
  } finally {
    workspace.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`desktop editor tests: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
