// The code lens's words, on the examples: a target whose name says what it is gets no noun ("Cache ✓", not
// "Cache cache ✓", as the SAM example read), and the ENI sharing count says it counts functions.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { functionLenses } from '../../../server/src/ide/codeLens';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
}

function lensTitles(folder: string, file: string): string[] {
  const session = new AnalysisSession({ region: 'eu-west-1' });
  const files = walk(path.join(repo, 'examples', folder)).map((f) => f.split(path.sep).join('/'));
  for (const f of files) session.setFile(f, readFileSync(f, 'utf8'));
  const analysis = session.analyze();
  const target = files.find((f) => f.endsWith(`/${file}`)) ?? '';
  return functionLenses(analysis.model, analysis.result, target).map((l) => l.title);
}

describe('code lens wording', () => {
  it('names the SAM example cache once', () => {
    const titles = lensTitles('sam', 'template.yaml');
    assert.equal(titles.length, 1, titles.join('\n'));
    assert.match(titles[0] ?? '', /(^|· )Cache ✓/, titles.join('\n'));
    assert.doesNotMatch(titles[0] ?? '', /Cache cache/i);
  });

  it('keeps the noun for a name that does not say it, and counts functions sharing ENIs', () => {
    const titles = lensTitles('terraform', 'lambda.tf');
    assert.ok(titles.some((t) => /orders DB ✓/.test(t)), titles.join('\n'));
    assert.ok(titles.some((t) => /· shares ENIs with 1 function$/.test(t)), titles.join('\n'));
    for (const t of titles) assert.doesNotMatch(t, /shares ENIs with \d+$/, t);
  });
});
