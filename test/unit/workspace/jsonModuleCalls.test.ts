// Local modules called from a .tf.json root: the called folder is read as a module of that root (with
// module addresses), not analysed as a root of its own, and the call finds its .tf files.

import * as assert from 'node:assert/strict';
import { parseHclJson } from '../../../server/src/syntax/hcl/hclJson';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { localModuleCalls, planUnits } from '../../../server/src/workspace/units';

const FILES: Readonly<Record<string, string>> = {
  '/w/main.tf.json': JSON.stringify({ module: { net: { source: './net' } }, resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16' } } } }),
  '/w/net/main.tf': 'resource "aws_sqs_queue" "q" { name = "inner" }\nmodule "sub" { source = "./sub" }\n',
  '/w/net/sub/main.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { deep: { name: 'deep' } } } }),
};

describe('module calls from .tf.json files', () => {
  it('lists the local sources of a JSON module block', () => {
    const file = parseHclJson(FILES['/w/main.tf.json'] ?? '');
    assert.deepEqual(localModuleCalls('/w/main.tf.json', file), ['/w/net']);
  });

  it('plans one unit for the JSON root, holding the called folders', () => {
    const units = planUnits({
      paths: Object.keys(FILES).sort(),
      moduleCalls: (p) => (p === '/w/main.tf.json' ? ['/w/net'] : p === '/w/net/main.tf' ? ['/w/net/sub'] : []),
      isTemplate: () => false,
      templateLinks: () => ({ nestedFileNames: [], imports: false, exports: false }),
      isPlan: () => false,
      sharedPaths: [],
    });
    assert.deepEqual(units.map((u) => `${u.key}: ${u.paths.join(' ')}`), ['tf:/w: /w/main.tf.json /w/net/main.tf /w/net/sub/main.tf.json']);
  });

  it('end to end: the module resources have module addresses and no problem is reported', () => {
    const session = new AnalysisSession({ region: 'us-east-1' });
    for (const [path, text] of Object.entries(FILES)) session.setFile(path, text);
    const a = session.analyze();
    assert.deepEqual(a.model.all('service-resource').map((o) => o.address).sort(), ['module.net.aws_sqs_queue.q', 'module.net.module.sub.aws_sqs_queue.deep']);
    assert.deepEqual(a.problems.filter((p) => p.code.startsWith('tf-module')).map((p) => p.message), []);
  });
});
