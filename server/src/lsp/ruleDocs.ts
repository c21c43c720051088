// Where a rule's catalogue page lives: the docs/rules/<id>.md shipped next to the server bundle (opens in
// the editor, offline), else the repository page. Reading problems (hcl-syntax, tf-invalid-reference…) share
// one page, docs/problems.md, with an anchor per code.

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryFileUri } from '../projectHome';

const RULES_WEB = repositoryFileUri('docs/rules/');
const PROBLEMS_WEB = repositoryFileUri('docs/problems.md');
let localDir: string | null | undefined;
let localProblems: string | null | undefined;

export function problemDocUri(code: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(code)) return undefined;
  if (localProblems === undefined) {
    const candidate = path.resolve(__dirname, '..', 'docs', 'problems.md');
    localProblems = existsSync(candidate) ? pathToFileURL(candidate).toString() : null;
  }
  return `${localProblems ?? PROBLEMS_WEB}#${code}`;
}

export function ruleDocUri(rule: string): string | undefined {
  if (!/^[A-Z0-9_]+$/.test(rule)) return undefined;
  if (localDir === undefined) {
    const candidate = path.resolve(__dirname, '..', 'docs', 'rules');
    localDir = existsSync(candidate) ? candidate : null;
  }
  if (localDir !== null) {
    const file = path.join(localDir, `${rule}.md`);
    if (existsSync(file)) return pathToFileURL(file).toString();
  }
  return `${RULES_WEB}${rule}.md`;
}
