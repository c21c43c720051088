// What a --config file is told about its keys (ide/settings.ts configFileNotes): typos and editor-only settings are
// named, including a typo whose value is an empty object; groups of settings are not.

import * as assert from 'node:assert/strict';
import { configFileNotes } from '../../../server/src/ide/settings';

describe('config file notes', () => {
  it('names a typo whose value is an empty object (it passed without a word)', () => {
    assert.deepEqual(configFileNotes({ 'rule.severity': {} }), ['unknown setting "rule.severity" is ignored']);
    assert.deepEqual(configFileNotes({ rulez: {} }), ['unknown setting "rulez" is ignored']);
  });

  it('leaves empty groups of settings and known settings alone', () => {
    assert.deepEqual(configFileNotes({ rules: {}, terraform: {}, hyperplaneLens: {}, 'rules.severity': {} }), []);
    assert.deepEqual(configFileNotes({ rules: { severity: { LAMBDA_SINGLE_AZ: 'off' } } }), []);
  });

  it('still names nested typos and editor-only settings', () => {
    assert.deepEqual(configFileNotes({ rulez: { a: 1 }, enable: false }), ['unknown setting "rulez.a" is ignored', 'setting "enable" applies to the editor only; the CLI ignores it']);
  });
});
