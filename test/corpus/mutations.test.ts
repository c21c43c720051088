// Bad input never crashes the analysis: every corpus file, damaged in a few deterministic ways (cut short,
// an unfinished expression or intrinsic typed into it, a chunk deleted), is analysed with the files beside it
// as the editor would while someone types. The analysis must return; what it reports is checked elsewhere.

import * as assert from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisSession } from '../../server/src/workspace/analysisSession';
import { corpusRoot } from './corpusCases';

const READ = /\.(tf|tfvars|ya?ml|json|template)$/;

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (READ.test(name) && statSync(p).size < 300_000) out.push(p);
  }
  return out;
}

/** A small deterministic generator (the same damage on every run and machine). */
function generator(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return n <= 0 ? 0 : s % n;
  };
}

const DAMAGE: readonly ((text: string, at: number, len: number) => string)[] = [
  (t, at) => t.slice(0, at),
  (t, at) => `${t.slice(0, at)}"\${[{ aws_vpc.${t.slice(at)}`,
  (t, at) => `${t.slice(0, at)}\n  !Ref\n\t- : ]{{ ${t.slice(at)}`,
  (t, at, len) => t.slice(0, at) + t.slice(at + len),
];

describe('corpus files damaged while typing', function () {
  this.timeout(300_000);

  it('never crash the analysis', () => {
    const files = filesUnder(corpusRoot());
    const pick = generator(20261127);
    const crashes: string[] = [];
    for (const file of files) {
      const dir = path.dirname(file);
      const neighbours = readdirSync(dir).map((n) => path.join(dir, n)).filter((p) => p !== file && READ.test(p) && statSync(p).isFile());
      const text = readFileSync(file, 'utf8');
      const damage = DAMAGE[pick(DAMAGE.length)];
      if (damage === undefined) continue;
      const session = new AnalysisSession({ region: 'us-east-1' });
      for (const n of neighbours) session.setFile(n, readFileSync(n, 'utf8'));
      session.setFile(file, damage(text, pick(text.length + 1), pick(200)));
      try {
        const analysis = session.analyze();
        assert.ok(Array.isArray(analysis.result.functions));
      } catch (error) {
        crashes.push(`${path.relative(corpusRoot(), file)}: ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join(' | ') : String(error)}`);
      }
    }
    assert.ok(files.length > 100, `only ${files.length} files found`);
    assert.deepStrictEqual(crashes, []);
  });
});
