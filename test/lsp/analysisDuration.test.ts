// The status bar tooltip's "Last analysis" time for the analysis-state notification's lastDurationMs: a
// cached analysis (0 ms once rounded by the server) does not read as "0 ms".

import * as assert from 'node:assert/strict';
import { analysisDurationText } from '../../client/src/analysisDuration';

describe('status bar: last analysis time', () => {
  it('says "under 1 ms" for an analysis that rounds to 0, whole milliseconds otherwise', () => {
    assert.equal(analysisDurationText(0), 'under 1 ms');
    assert.equal(analysisDurationText(0.4), 'under 1 ms');
    assert.equal(analysisDurationText(1), '1 ms');
    assert.equal(analysisDurationText(37.6), '38 ms');
  });
});
