// Conformance with the shared corpus: every case is analysed through the same path as
// `hyperplane-lens check --format json`; every case must load without a crash and without syntax errors,
// and where a case has expected.json, the facts it states (reachability per function, via, shared ENIs,
// ENI count) are compared with ours. Disagreements are recorded in knownGaps.json, an expect-file: the
// test fails when a new disagreement appears AND when a recorded one disappears, so the list stays true.
// UPDATE_GAPS=1 rewrites it; every entry there needs an explanation in the lead's notes or the README.

import * as assert from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildJsonReport, type JsonReport } from '../../server/src/ide/report';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import { corpusCases } from './corpusCases';

interface ExpectedFunction {
  vpcAttached?: boolean;
  internet?: string;
  s3?: string;
  dynamodb?: string;
  via?: Record<string, string>;
  reach?: Record<string, string>;
  sharesEniWith?: string[];
}

interface Expected {
  functions?: Record<string, ExpectedFunction>;
  eniCount?: number;
}

const gapsFile = path.join(__dirname, '..', '..', '..', 'test', 'corpus', 'knownGaps.json');
const recordedGaps: Record<string, string[]> = existsSync(gapsFile) ? (JSON.parse(readFileSync(gapsFile, 'utf8')) as Record<string, string[]>) : {};
const observedGaps: Record<string, string[]> = {};

export function compare(expected: Expected, report: JsonReport): string[] {
  const out: string[] = [];
  const byId = new Map(report.functions.map((f) => [f.id, f]));
  for (const [id, want] of Object.entries(expected.functions ?? {})) {
    const got = byId.get(id);
    if (!got) {
      out.push(`${id}: function not found`);
      continue;
    }
    if (want.vpcAttached !== undefined && want.vpcAttached !== got.vpcAttached) out.push(`${id}.vpcAttached: expected ${want.vpcAttached}, got ${got.vpcAttached}`);
    for (const dest of ['internet', 's3', 'dynamodb'] as const) {
      const w = want[dest];
      if (w === undefined) continue;
      const g = got.reach[dest]?.status ?? 'absent';
      if (w !== g) out.push(`${id}.${dest}: expected ${w}, got ${g}`);
    }
    for (const [dest, w] of Object.entries(want.via ?? {})) {
      const g = got.reach[dest]?.via ?? 'null';
      if (w !== g) out.push(`${id}.via.${dest}: expected ${w}, got ${g}`);
    }
    for (const [dest, w] of Object.entries(want.reach ?? {})) {
      const g = got.reach[dest]?.status ?? 'absent';
      if (w !== g) out.push(`${id}.reach.${dest}: expected ${w}, got ${g}`);
    }
    if (want.sharesEniWith) {
      const w = [...want.sharesEniWith].sort().join(', ');
      const g = [...got.sharesEniWith].sort().join(', ');
      if (w !== g) out.push(`${id}.sharesEniWith: expected [${w}], got [${g}]`);
    }
  }
  if (expected.eniCount !== undefined && expected.eniCount !== report.hyperplaneEnis.length) {
    out.push(`eniCount: expected ${expected.eniCount}, got ${report.hyperplaneEnis.length}`);
  }
  return out;
}

describe('corpus conformance', function () {
  this.timeout(60000);
  for (const c of corpusCases()) {
    it(c.name, async () => {
      const loaded = await loadWorkspace({ paths: [c.dir], varFiles: [] });
      const report = buildJsonReport(loaded.analysis, loaded.findings, loaded.notices, c.dir.split(path.sep).join('/'));
      const syntaxErrors = report.diagnostics.filter((d) => d.severity === 'error' && /syntax|yaml-tab|unterminated/i.test(d.code));
      const expectedFile = path.join(c.dir, 'expected.json');
      const gaps = syntaxErrors.map((d) => `syntax error ${d.file}:${d.range.start.line + 1}: ${d.message}`);
      if (existsSync(expectedFile)) gaps.push(...compare(JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected, report));
      if (gaps.length) observedGaps[c.name] = gaps;
      assert.deepStrictEqual(gaps, recordedGaps[c.name] ?? [], `disagreements with ${c.name} changed (UPDATE_GAPS=1 records them)`);
    });
  }
  after(() => {
    if (process.env.UPDATE_GAPS) writeFileSync(gapsFile, JSON.stringify(observedGaps, null, 2) + '\n');
  });
});
