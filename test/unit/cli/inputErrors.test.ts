// CLI input problems through the built CLI: a --plan that is not valid JSON or not a plan is a usage error
// (exit 2); a broken symbolic link to a .tf file is named on stderr without failing the run; the --help
// option columns line up.

import * as assert from 'node:assert';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliProcess';


const run = runCli;

const TF = 'provider "aws" { region = "eu-west-1" }\nresource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n';

describe('CLI input errors', function () {
  this.timeout(60000);
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-input-'));
  writeFileSync(path.join(dir, 'main.tf'), TF);

  it('--plan with invalid JSON, a JSON that is not a plan, or a non-.json name: exit 2 with a clear message', () => {
    writeFileSync(path.join(dir, 'broken.json'), 'not json\n');
    writeFileSync(path.join(dir, 'settings.json'), '{"region": "eu-west-1"}\n');
    writeFileSync(path.join(dir, 'truncated.json'), '{"format_version":"1.2","planned_values":{"root_module":{"resources":[\n');
    writeFileSync(path.join(dir, 'plan.txt'), '{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}\n');
    const cases: [string, RegExp][] = [
      ['broken.json', /^hyperplane-lens: --plan 'broken\.json' is not valid JSON: /],
      ['truncated.json', /^hyperplane-lens: --plan 'truncated\.json' is not valid JSON: /],
      ['settings.json', /^hyperplane-lens: --plan 'settings\.json' is not a Terraform plan or state \('terraform show -json' output\)/],
      ['plan.txt', /^hyperplane-lens: --plan 'plan\.txt' must be the JSON of 'terraform show -json' in a file ending in \.json/],
    ];
    for (const [plan, message] of cases) {
      const r = run(['check', '.', '--plan', plan, '--format', 'json'], dir);
      assert.strictEqual(r.status, 2, `${plan}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, plan);
      assert.strictEqual(r.stdout, '', plan);
    }
  });

  it('a valid plan is accepted', () => {
    writeFileSync(path.join(dir, 'plan.json'), '{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}\n');
    const r = run(['check', '.', '--plan', 'plan.json', '--format', 'json'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
  });

  it('a broken symbolic link to a .tf file is a notice on stderr, not a failure', () => {
    const linked = mkdtempSync(path.join(tmpdir(), 'hl-link-'));
    writeFileSync(path.join(linked, 'main.tf'), TF);
    symlinkSync(path.join(linked, 'gone', 'x.tf'), path.join(linked, 'broken.tf'));
    symlinkSync(path.join(linked, 'gone', 'notes.txt'), path.join(linked, 'notes.txt'));
    const r = run(['check', '.', '--format', 'json'], linked);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stderr, `hyperplane-lens: notice: skipped the broken symbolic link broken.tf -> ${path.join(linked, 'gone', 'x.tf')}\n`);
    assert.strictEqual((JSON.parse(r.stdout) as { schemaVersion: unknown }).schemaVersion, 1);
  });

  it('--help columns line up: every description starts in the same column', () => {
    for (const args of [['--help'], ['check', '--help'], ['explain', '--help'], ['diagram', '--help']]) {
      const out = run(args, dir).stdout;
      const section = args.length === 1 ? /Usage:\n([\s\S]*?)\n\n/ : /Options:\n([\s\S]*)$/;
      const rows = (section.exec(out)?.[1] ?? '').split('\n').filter((l) => l.startsWith('  '));
      assert.ok(rows.length >= 3, args.join(' '));
      const columns = new Set(rows.map((l) => /^ {2}\S.*?\S {2,}(?=\S)/.exec(l)?.[0].length));
      assert.strictEqual(columns.size, 1, `${args.join(' ')}:\n${rows.join('\n')}`);
    }
  });
});
