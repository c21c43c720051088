// Prints an editor-test result file (see test/e2e/index.ts E2eResult) the way mocha's spec reporter does,
// ending with the plain line 'N passed, N failed' that CI reads.

export function printResult(result, wallMs) {
  console.log(`\n  (VS Code ${result.vscodeVersion})`);
  const failures = [];
  for (const entry of result.entries) {
    const indent = '  '.repeat(entry.depth + 1);
    if (entry.kind === 'suite') {
      console.log(`\n${indent}${entry.title}`);
      continue;
    }
    switch (entry.state) {
      case 'passed':
        console.log(`${indent}✔ ${entry.title}${entry.durationMs >= 75 ? ` (${entry.durationMs}ms)` : ''}`);
        break;
      case 'failed':
        failures.push(entry);
        console.log(`${indent}${failures.length}) ${entry.title}`);
        break;
      case 'pending':
        console.log(`${indent}- ${entry.title}`);
        break;
      default:
        throw new Error(`unknown test state ${entry.state}`);
    }
  }
  console.log(`\n  ${result.passed} passing (${Math.round(result.durationMs / 100) / 10}s; ${Math.round(wallMs / 1000)}s with the editor start)`);
  if (result.pending > 0) console.log(`  ${result.pending} pending`);
  if (result.failed > 0) console.log(`  ${result.failed} failing`);
  failures.forEach((entry, i) => {
    console.log(`\n  ${i + 1}) ${entry.fullTitle ?? entry.title}:\n     ${(entry.error ?? '').split('\n').join('\n     ')}`);
  });
  console.log(`\n${result.passed} passed, ${result.failed} failed${result.pending > 0 ? `, ${result.pending} skipped` : ''}`);
}
