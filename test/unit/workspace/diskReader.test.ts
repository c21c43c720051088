// The disk reader's size limits: files over 5 MB are skipped with a notice, except Terraform plan and state
// JSON (`terraform show -json`), which runs to tens of MB for a large configuration.

import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSourceFile } from '../../../server/src/workspace/diskReader';

describe('readSourceFile size limits', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-disk-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const big = (head: string): string => `${head}"pad":"${'x'.repeat(6 * 1024 * 1024)}"}`;

  it('reads a 6 MB plan JSON', async () => {
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, big('{"format_version":"1.2","terraform_version":"1.9.0",'));
    const read = await readSourceFile(file);
    assert.equal(read?.notice, undefined);
    assert.ok((read?.text?.length ?? 0) > 6 * 1024 * 1024);
  });

  it('skips a 6 MB JSON file that is not a plan, saying why', async () => {
    const file = path.join(dir, 'data.json');
    writeFileSync(file, big('{"items":[],'));
    const read = await readSourceFile(file);
    assert.equal(read?.text, undefined);
    assert.equal(read?.notice?.code, 'file-too-large');
    assert.match(read?.notice?.message ?? '', /over the 5 MB limit/);
  });
});
