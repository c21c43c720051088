// basename and dirname: Terraform's are Go's filepath.Base and filepath.Dir, purely lexical (no file system),
// with '/' as the separator (what a Linux or macOS plan sees). terraform-aws-modules name resources after
// basename(path.cwd), which the evaluator knows.

import { type Call, arg, defineFunction, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

/** Go's path.Clean: one slash between elements, no `.` elements, `..` removed with the element before it. */
function clean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

function basename(path: string): string {
  if (path === '') return '.';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dirname(path: string): string {
  return clean(path.slice(0, path.lastIndexOf('/') + 1));
}

function pathFunction(name: string, fn: (path: string) => string): readonly [string, TfFunction] {
  return [name, defineFunction(name, { min: 1, max: 1 }, (call: Call): TfFunctionResult => fn(str(call, 'path', arg(call, 0))))];
}

export const pathFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([pathFunction('basename', basename), pathFunction('dirname', dirname)]);
