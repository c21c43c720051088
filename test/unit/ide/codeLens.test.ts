// The code lens above each function, on the Terraform example: what the function needs first, the rest after
// "others" (shown because the workspace may not show every need, not as an alarm).

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { functionLenses } from '../../../server/src/ide/codeLens';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
}

describe('code lens', () => {
  it('leads with what the function needs, then the others', () => {
    const session = new AnalysisSession({ region: 'eu-west-1' });
    const files = walk(path.join(repo, 'examples', 'terraform')).map((f) => f.split(path.sep).join('/'));
    for (const f of files) session.setFile(f, readFileSync(f, 'utf8'));
    const analysis = session.analyze();
    const lambda = files.find((f) => f.endsWith('/lambda.tf')) ?? '';
    const titles = functionLenses(analysis.model, analysis.result, lambda).map((l) => l.title);
    assert.ok(titles.length >= 2, titles.join('\n'));
    for (const t of titles) assert.match(t, /^(needs .+? · others |Lambda service VPC|Internet )/, t);
    assert.ok(titles.some((t) => /^needs Internet ◐ · orders DB ✓ · others /.test(t)), titles.join('\n'));
  });
});
