// What the panel draws for a document: its unit; for a shared module read by several units, one of them (the
// user's pick when it is one of them, else the first by name) with the others in the picker; the whole
// workspace only when asked or when no unit reads the file.

import * as assert from 'node:assert/strict';
import { chooseScope, stackLabels } from '../../../../server/src/ide/diagram/diagramScope';
import { allStacks } from '../../../../server/src/protocol/diagram';

const envs = ['/r/environments/prod', '/r/environments/dev', '/r/environments/dev', '/r/environments/staging'];

describe('diagram scope (chooseScope)', () => {
  it('draws the whole workspace for a file no unit reads, and one unit without a picker', () => {
    assert.deepEqual(chooseScope([], undefined), { stacks: undefined, scope: undefined });
    assert.deepEqual(chooseScope(['/r/a', '/r/a'], allStacks), { stacks: new Set(['/r/a']), scope: undefined });
  });

  it('draws the first unit by name of a shared module, offering the others', () => {
    const { stacks, scope } = chooseScope(envs, undefined);
    assert.deepEqual(stacks, new Set(['/r/environments/dev']));
    assert.deepEqual(scope, {
      shown: '/r/environments/dev',
      stacks: [
        { id: '/r/environments/dev', label: 'dev' },
        { id: '/r/environments/prod', label: 'prod' },
        { id: '/r/environments/staging', label: 'staging' },
      ],
    });
  });

  it("keeps the user's pick when it is one of the file's units, and draws everything when asked", () => {
    assert.deepEqual(chooseScope(envs, '/r/environments/prod').stacks, new Set(['/r/environments/prod']));
    assert.deepEqual(chooseScope(envs, '/elsewhere').stacks, new Set(['/r/environments/dev']));
    const all = chooseScope(envs, allStacks);
    assert.equal(all.stacks, undefined);
    assert.equal(all.scope?.shown, null);
  });

  it('labels units by the path below their shared folder', () => {
    assert.deepEqual(stackLabels(['/r/env/a', '/r/other/b']).map((s) => s.label), ['env/a', 'other/b']);
    assert.deepEqual(stackLabels(['/r/x']).map((s) => s.label), ['x']);
    assert.deepEqual(stackLabels(['/r/x', '/r/x/nested']).map((s) => s.label), ['x', 'x/nested']);
  });
});
