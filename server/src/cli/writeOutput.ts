// Writes a report or diagram the user named with --output/--out: creates missing parent folders (CI jobs
// name `reports/x.sarif` before any step made `reports/`), and turns a refusal into a clear exit-2 error.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args';

export async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await makeFolders(path.dirname(path.resolve(file)));
    await fs.writeFile(file, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write '${file}': ${reason(error)}`, false);
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest folder that exists. Node 20's recursive mkdir never returns
 * under /proc or /sys (a new folder there reads as missing again and again): this fails at once instead.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const found = await fs.stat(at).then((s) => s, () => undefined);
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    const parent = path.dirname(at);
    if (parent === at) break;
    missing.push(at);
    at = parent;
  }
  for (const folder of missing.reverse()) await fs.mkdir(folder);
}

function reason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of the path is a file, not a folder';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'the folder cannot be created';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
