// Paths in the diagram export (diagramPaths.ts): every workspace path in an id, label, fact or note written
// relative to the working directory, the same diagram from two absolute locations byte-identical, and the
// engine's own ids left absolute.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../../../../server/src/ide/diagram/diagramData';
import { diagramHtml } from '../../../../server/src/ide/diagram/diagramHtml';
import { portableDiagram, portablePaths } from '../../../../server/src/ide/diagram/diagramPaths';
import { diagramToSvg } from '../../../../server/src/ide/diagram/diagramSvg';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';
import { repoRoot } from './diagramFixtures';

/** The export fixture as if checked out at `root`, diagrammed as the CLI does from `cwd`; also the engine's own diagram. */
function exported(root: string, cwd: string): { raw: DiagramModel; portable: DiagramModel } {
  const fixture = path.join(repoRoot(), 'test', 'fixtures', 'diagram-export');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
  const session = new AnalysisSession({ region: 'eu-west-1' });
  for (const file of walk(fixture)) session.setFile(`${root}/${path.relative(fixture, file).split(path.sep).join('/')}`, readFileSync(file, 'utf8'));
  const analysis = session.analyze();
  const paths = portablePaths(cwd, analysis.snapshot.paths);
  const raw = buildDiagram(analysis.model, analysis.result, { uriOf: (f) => `file://${f}`, textOf: (f) => analysis.snapshot.text(f), version: analysis.generation });
  const portable = portableDiagram(buildDiagram(analysis.model, analysis.result, { uriOf: (f) => paths.reference(f), textOf: (f) => analysis.snapshot.text(f), version: analysis.generation }), paths);
  return { raw, portable };
}

/** Every string of a value (keys included). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

describe('diagram export paths (portablePaths)', () => {
  const paths = portablePaths('/home/runner/work/app/app', [
    '/home/runner/work/app/app/infra/main.tf',
    '/home/runner/work/app/app/main.tf',
    '/home/runner/work/app/shared/net/main.tf',
    '/home/runner/work/app/shared/net/modules/vpc/main.tf',
    '/home/runner/work/app/root.tf',
    'D:/data/template.yaml',
  ]);

  it('writes ids relative to the working directory, wherever the path sits in them', () => {
    const cases: [string, string][] = [
      ['/home/runner/work/app/app/infra::aws_vpc.main', 'infra::aws_vpc.main'],
      ['/home/runner/work/app/app::aws_vpc.main', '.::aws_vpc.main'],
      ['/home/runner/work/app/app/infra::aws_vpc.main#az:eu-west-1a', 'infra::aws_vpc.main#az:eu-west-1a'],
      ['eni:/home/runner/work/app/app/infra::aws_subnet.a|/home/runner/work/app/app/infra::aws_security_group.fn', 'eni:infra::aws_subnet.a|infra::aws_security_group.fn'],
      ['eni:?param:/home/runner/work/app/app/sam/template.yaml:SubnetIds[0]|?fn:/home/runner/work/app/app/sam/template.yaml::Worker', 'eni:?param:sam/template.yaml:SubnetIds[0]|?fn:sam/template.yaml::Worker'],
      ['target:/home/runner/work/app/app/infra::aws_db_instance.main:5432', 'target:infra::aws_db_instance.main:5432'],
      // Outside the working directory: `..` as check's JSON writes files; above it only `..` (never the checkout's name).
      ['/home/runner/work/app/shared/net::aws_vpc.v', '../shared/net::aws_vpc.v'],
      ['/home/runner/work/app/shared/net/modules/vpc/main.tf', '../shared/net/modules/vpc/main.tf'],
      ['/home/runner/work/app::aws_vpc.top', '..::aws_vpc.top'],
      // The working folder's name is a prefix of this folder's: it is not taken for the working folder.
      ['/home/runner/work/app/app-old/main.tf', '../app-old/main.tf'],
      ['the template /home/runner/work/app/app/sam/t.yaml has a syntax error', 'the template sam/t.yaml has a syntax error'],
      // Another drive shares no root: relativeFile leaves it as it is.
      ['D:/data/template.yaml::Fn', 'D:/data/template.yaml::Fn'],
    ];
    for (const [from, to] of cases) assert.equal(paths.text(from), to, from);
  });

  it('leaves what only looks like a path alone: CIDRs, a path inside a name, addresses, ARNs', () => {
    for (const text of ['10.0.0.0/16', '/home/runner/work/apps/main.tf', 'xx/home/runner/work/app/app/main.tf', 'aws_subnet.data["a/b"]', 'service:s3', 'arn:aws:iam::123456789012:role/x']) {
      assert.equal(paths.text(text), text);
    }
  });

  it('links files by relative URI references', () => {
    assert.equal(paths.reference('/home/runner/work/app/app/infra/main.tf'), 'infra/main.tf');
    assert.equal(paths.reference('/home/runner/work/app/shared/my stack/t.yaml'), '../shared/my%20stack/t.yaml');
  });

  it('works from the root folder, where every path is inside', () => {
    const fromRoot = portablePaths('/', ['/srv/app/main.tf']);
    assert.equal(fromRoot.text('/srv/app::aws_vpc.main'), 'srv/app::aws_vpc.main');
    assert.equal(fromRoot.text('10.0.0.0/16'), '10.0.0.0/16');
    assert.equal(fromRoot.reference('/srv/app/main.tf'), 'srv/app/main.tf');
    const fromDrive = portablePaths('C:/', ['C:/work/app/main.tf']);
    assert.equal(fromDrive.text('C:/work/app::aws_vpc.main'), 'work/app::aws_vpc.main');
  });
});

describe('diagram export paths (portableDiagram)', () => {
  it('the same workspace at two absolute locations gives byte-identical SVG and HTML', async () => {
    const a = exported('/home/runner/work/app/app', '/home/runner/work/app/app').portable;
    const b = exported('/tmp/x/checkout', '/tmp/x/checkout').portable;
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    assert.equal(await diagramToSvg(a), await diagramToSvg(b));
    assert.equal(diagramHtml(a, '/* page */', 'bm9uY2U='), diagramHtml(b, '/* page */', 'bm9uY2U='));
  });

  it('holds no absolute path in any string, and keeps the structure the page navigates', () => {
    const { raw, portable } = exported('/home/runner/work/app/app', '/home/runner/work/app/app');
    const absolute = strings(portable).filter((s) => s.includes('/home/') || /(?:^|[\s:|,?@])\/\w/.test(s));
    assert.deepEqual(absolute, []);
    const ids = new Set(portable.nodes.map((n) => n.id));
    assert.ok(ids.has('infra::aws_lambda_function.api'));
    assert.ok(ids.has('services/template.yaml::Worker'));
    assert.ok(ids.has('eni:infra::module.net.aws_subnet.private[0]|infra::aws_security_group.api'));
    assert.equal(portable.nodes.find((n) => n.id === 'infra::aws_lambda_function.api')?.location?.uri, 'infra/main.tf');
    for (const n of portable.nodes) if (n.parent !== null) assert.ok(ids.has(n.parent), `${n.id}: parent ${n.parent}`);
    for (const e of portable.edges) {
      assert.ok(ids.has(e.source) && ids.has(e.target), e.id);
      if (e.functionId !== undefined) assert.ok(portable.functions.some((f) => f.id === e.functionId && e.destination !== undefined && e.destination in f.reach), e.id);
    }
    // One to one: nothing merged, nothing reordered.
    assert.equal(new Set(portable.edges.map((e) => e.id)).size, raw.edges.length);
    assert.deepEqual(portable.nodes.map((n) => n.kind), raw.nodes.map((n) => n.kind));
    // The engine's ids are untouched (the editor's panel needs them).
    assert.ok(raw.nodes.some((n) => n.id === '/home/runner/work/app/app/infra::aws_lambda_function.api'));
  });

  it('from a subfolder, paths above it go through ..', () => {
    const { portable } = exported('/w/app', '/w/app/services');
    const ids = new Set(portable.nodes.map((n) => n.id));
    assert.ok(ids.has('../infra::aws_lambda_function.api'));
    assert.ok(ids.has('template.yaml::Worker'));
    assert.deepEqual(strings(portable).filter((s) => s.includes('/w/')), []);
  });
});
