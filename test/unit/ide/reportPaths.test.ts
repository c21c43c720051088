// relativeFile: the JSON contract's `file` is relative to the working directory in every case: inside it,
// outside it ('..' segments), with a trailing '/' on the directory, and unchanged across Windows drives.

import * as assert from 'node:assert';
import { relativeFile } from '../../../server/src/ide/report';

describe('report file paths', () => {
  const cases: readonly (readonly [file: string, cwd: string, shown: string])[] = [
    ['/w/infra/main.tf', '/w', 'infra/main.tf'],
    ['/w/infra/main.tf', '/w/', 'infra/main.tf'],
    // Before: these two stayed absolute.
    ['/w/sam/template.yaml', '/w/infra', '../sam/template.yaml'],
    ['/work/main/examples/sam/template.yaml', '/tmp/x', '../../work/main/examples/sam/template.yaml'],
    ['/w/a.tf', '/', 'w/a.tf'],
    ['C:/repo/infra/main.tf', 'C:/repo', 'infra/main.tf'],
    ['C:/other/main.tf', 'C:/repo/infra', '../../other/main.tf'],
    ['D:/data/main.tf', 'C:/repo', 'D:/data/main.tf'],
  ];
  for (const [file, cwd, shown] of cases) {
    it(`${file} from ${cwd} is ${shown}`, () => assert.strictEqual(relativeFile(file, cwd), shown));
  }
});
