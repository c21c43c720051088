// Every rule of the catalogue has its page (what, why with the AWS source, how to fix in Terraform and
// CloudFormation) and a row in README.md.

import * as assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleList } from '../../../server/src/analysis/rules';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

describe('rules catalogue', () => {
  const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
  for (const rule of ruleList) {
    it(`${rule.id} has a page and a README row`, () => {
      const page = path.join(repo, rule.doc);
      assert.ok(existsSync(page), `${rule.doc} is missing`);
      const text = readFileSync(page, 'utf8');
      assert.match(text, /terraform/i, `${rule.doc} shows no Terraform fix`);
      assert.match(text, /cloudformation/i, `${rule.doc} shows no CloudFormation fix`);
      assert.match(text, /https:\/\/docs\.aws\.amazon\.com|https:\/\/registry\.terraform\.io|https:\/\/github\.com/, `${rule.doc} cites no source`);
      assert.ok(readme.includes(`[${rule.id}](docs/rules/${rule.id}.md)`), `README.md has no row for ${rule.id} (node scripts/rules-catalogue.mjs)`);
    });
  }
});
