// The web links the server and the CLI build (SARIF helpUri, hover links) and package.json's repository
// fields name the same project home, so publishing the project means changing both together.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_HOME, repositoryFileUri } from '../../server/src/projectHome';

interface PackageLinks {
  readonly repository: { readonly url: string };
  readonly bugs: { readonly url: string };
  readonly homepage: string;
}

describe('project home', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as PackageLinks;

  it('is the home package.json names', () => {
    assert.equal(pkg.repository.url, `${PROJECT_HOME}.git`);
    assert.equal(pkg.bugs.url, `${PROJECT_HOME}/issues`);
    assert.equal(pkg.homepage, `${PROJECT_HOME}#readme`);
  });

  it('builds file links under it', () => {
    assert.equal(repositoryFileUri('docs/rules/'), `${PROJECT_HOME}/blob/main/docs/rules/`);
  });
});
