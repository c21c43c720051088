// An error inside a tuple, object, for expression or splat fails the whole expression, as in Terraform, so
// try() falls back and can() is false (checked against terraform console by test/corpus/terraform/
// functionsOracle.test.ts); evaluated by the real front end through the editor hover of a local.

import { strict as assert } from 'node:assert';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { memoryView } from './tfFixture';

const CASES: readonly (readonly [string, string])[] = [
  ['try([local.m.missing], ["fb"])', '["fb"]'],
  ['try({ a = local.m.missing }, {})', '{}'],
  ['try({ (local.m.missing) = 1 }, { k = 2 })', '{ k = 2 }'],
  ['can([for x in [1] : local.m.missing])', 'false'],
  ['try(local.l[*].missing, [])', '[]'],
  ['try(jsonencode({ ok = ["a"][2] }), "ERR")', '"ERR"'],
  ['[local.m.a, 2]', '[1, 2]'],
  ['can({ a = local.m.a })', 'true'],
];

describe('errors inside constructors', () => {
  const locals = CASES.map(([expr], i) => `  r${i} = ${expr}`).join('\n');
  const text = `locals {\n  m = { a = 1 }\n  l = [{ a = 1 }]\n${locals}\n}\noutput "all" { value = [${CASES.map((_, i) => `local.r${i}`).join(', ')}] }\n`;
  const out = readTerraform(memoryView(new Map([['/w/main.tf', text]])), {});
  const outputAt = text.indexOf('output "all"');
  CASES.forEach(([expr, expected], i) => {
    it(`${expr} → ${expected}`, () => {
      const hover = out.index.hover('/w/main.tf', text.indexOf(`local.r${i}`, outputAt) + 2);
      assert.equal(hover?.value ?? `unknown: ${hover?.unknownReason ?? 'no hover'}`, expected);
    });
  });
});
