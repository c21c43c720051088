// Locates the shared corpus of real IaC cases (../shared/corpus, or HYPERPLANE_CORPUS) for the
// conformance suite, which CI runs with `npm run test:corpus`.

import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** HYPERPLANE_CORPUS, else shared/corpus beside the repository (found from wherever the test bundle sits). */
export function corpusRoot(): string {
  if (process.env.HYPERPLANE_CORPUS) return path.resolve(process.env.HYPERPLANE_CORPUS);
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.resolve(dir, '..', 'shared', 'corpus');
}

/** Case folders: <group>/<case> with an EXPECTED.md. */
export function corpusCases(): { name: string; dir: string }[] {
  const root = corpusRoot();
  if (!existsSync(root)) throw new Error(`The corpus is not at ${root}: set HYPERPLANE_CORPUS to its path.`);
  const cases: { name: string; dir: string }[] = [];
  for (const group of readdirSync(root).sort()) {
    const groupDir = path.join(root, group);
    if (!statSync(groupDir).isDirectory()) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = path.join(groupDir, name);
      if (statSync(dir).isDirectory() && existsSync(path.join(dir, 'EXPECTED.md'))) cases.push({ name: `${group}/${name}`, dir });
    }
  }
  return cases;
}
