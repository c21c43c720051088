// `hyperplane-lens diagram` as CI runs it (the built dist/cli.js in a child process): the fixture
// workspace copied to two folders exports byte-identical SVG and HTML, and no export names an absolute path.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { copyExportFixture, runCli } from './cliProcess';

/** The diagram JSON the HTML page embeds. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="hyperplane-lens-diagram">([^<]*)<\/script>/.exec(html);
  assert.ok(m?.[1], 'the page embeds the diagram');
  return JSON.parse(m[1]) as unknown;
}

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

/** Values of the id-carrying attributes of the SVG (node ids, line ids, line ends). */
function svgIds(svg: string): string[] {
  return [...svg.matchAll(/ data-(?:id|line|source|target)="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

/** What an absolute path looks like inside an id or a text: a '/' that starts a string or follows a separator. */
const absolutePath = /(?:^|[\s:|,?@"'(=])\/[\w.-]/;

describe('hyperplane-lens diagram: exports without absolute paths', function () {
  this.timeout(120_000);
  let base: string;
  let first: string;
  let second: string;

  before(() => {
    // Real paths (process.cwd() in the child resolves symbolic links such as macOS's /var → /private/var).
    base = realpathSync(mkdtempSync(path.join(tmpdir(), 'hl-diagram-export-')));
    first = copyExportFixture(path.join(base, 'one', 'ws'));
    second = copyExportFixture(path.join(base, 'two', 'deeper', 'checkout', 'ws'));
  });

  after(() => {
    rmSync(base, { recursive: true, force: true });
  });

  function exportIn(cwd: string, target: string, out: string): Buffer {
    const r = runCli(['diagram', target, '--out', out], cwd);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    return readFileSync(path.join(cwd, out));
  }

  it('the same workspace in two folders gives byte-identical SVG and HTML', () => {
    for (const out of ['topology.svg', 'topology.html']) {
      const a = exportIn(first, '.', out);
      const b = exportIn(second, '.', out);
      assert.ok(a.equals(b), `${out} differs between ${first} and ${second}`);
      // Named from the folder above, as `diagram ws` in a CI job's checkout root.
      const c = exportIn(path.dirname(first), 'ws', path.join('reports', out));
      const d = exportIn(path.dirname(second), 'ws', path.join('reports', out));
      assert.ok(c.equals(d), `reports/${out} differs`);
    }
  });

  it('writes ids, links, titles and the embedded page data relative to the working directory', () => {
    const svg = exportIn(first, '.', 'topology.svg').toString('utf8');
    const html = exportIn(first, '.', 'topology.html').toString('utf8');
    for (const text of [svg, html]) {
      assert.ok(!text.includes(base), 'the temporary folder is not named');
      assert.ok(!text.includes(realpathSync(tmpdir())), 'the system temporary folder is not named');
      assert.ok(!text.includes('file://'), 'no file URI');
    }
    const ids = svgIds(svg);
    assert.ok(ids.includes('infra::aws_lambda_function.api'), ids.join('\n'));
    assert.ok(ids.includes('services/template.yaml::Worker'));
    assert.ok(ids.includes('eni:infra::module.net.aws_subnet.private[0]|infra::aws_security_group.api'));
    assert.deepEqual(ids.filter((id) => absolutePath.test(id)), []);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? '');
    assert.ok(titles.length > 10);
    assert.deepEqual(titles.filter((t) => absolutePath.test(t)), []);
    const data = embedded(html);
    const all = strings(data);
    assert.ok(all.includes('infra/modules/net/main.tf'), 'locations link the files relatively');
    // CIDRs are the only strings with a '/' that is not a relative path here.
    assert.deepEqual(all.filter((s) => absolutePath.test(s)), []);
    // The CSP nonce is the page's own (the same on both tags), not random.
    const nonces = [...html.matchAll(/nonce(?:-|=")([A-Za-z0-9+/=]+)/g)].map((m) => m[1]);
    assert.equal(new Set(nonces).size, 1, nonces.join(', '));
  });

  it('from a subfolder, what lies above it is written with ..', () => {
    const services = path.join(first, 'services');
    const svg = exportIn(services, '..', 'up.svg').toString('utf8');
    const ids = svgIds(svg);
    assert.ok(ids.includes('../infra::aws_lambda_function.api'), ids.join('\n'));
    assert.ok(ids.includes('template.yaml::Worker'));
    assert.ok(!svg.includes(base));
    // The root module in the working directory itself is '.'.
    const infra = path.join(first, 'infra');
    mkdirSync(path.join(infra, 'out'), { recursive: true });
    const own = svgIds(exportIn(infra, '.', 'out/own.svg').toString('utf8'));
    assert.ok(own.includes('.::aws_lambda_function.api'), own.join('\n'));
  });
});
