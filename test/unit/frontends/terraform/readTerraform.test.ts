// Data-driven tests of the Terraform front end: each case in tfCases.ts is a multi-file fixture read through
// the real HCL parser and evaluator; the rendered model objects and problems must match the expectation.
// DUMP_ACTUAL=1 prints what the code produces instead (for writing a new case; review before pasting).

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfCases } from './tfCases';
import { renderObjects, tfFixture } from './tfFixture';

describe('readTerraform', () => {
  for (const c of tfCases) {
    it(c.name, () => {
      const { view } = tfFixture(c.fixture);
      const out = readTerraform(view, c.options ?? {});
      const stack = out.stacks[0] ?? '';
      const objects = renderObjects(out.objects, stack, c.kinds);
      const problems = out.problems.map((p) => `${p.code} ${p.severity} ${p.message.split(`${stack}/`).join('')}`).sort().join('\n');
      if (process.env.DUMP_ACTUAL) {
        console.log(`--- ${c.name}\n${objects}\n--- problems\n${problems}`);
        return;
      }
      assert.equal(objects, c.objects.trim());
      if (c.problems !== undefined) assert.equal(problems, c.problems.trim());
    });
  }
});
