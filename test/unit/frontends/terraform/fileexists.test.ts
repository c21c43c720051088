// fileexists() over the workspace files, checked against `terraform console` when terraform is installed (one
// console run in a temporary copy of the fixture's files, as templatefile.test.ts does). The view holds only
// the kinds of file Hyperplane Lens loads, so a file it lacks is false only where its absence is proof: a
// Terraform file or template in a folder of the configuration; elsewhere the answer is unknown, never a guess.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { memoryView, tfFixture } from './tfFixture';

/** Files of the root module that the workspace loads (and the view holds). */
const LOADED: Readonly<Record<string, string>> = {
  'vars.tfvars': 'x = 1\n',
  'policy.json': '{}\n',
  'user_data.tftpl': 'hi\n',
  'templates/a.tpl': 'a\n',
};

/** Files on disk that the workspace does not load (not a kind it reads): Terraform sees them, the view does not. */
const DISK_ONLY: Readonly<Record<string, string>> = { 'notes.txt': 'n\n' };

/** [expression, terraform console's answer, ours where it knowingly differs (unknown where we cannot tell)]. */
const CASES: readonly (readonly [string, string, string?])[] = [
  ['fileexists("main.tf")', 'true'],
  ['fileexists("./vars.tfvars")', 'true'],
  ['fileexists("${path.module}/policy.json")', 'true'],
  ['fileexists("${path.root}/templates/a.tpl")', 'true'],
  ['fileexists("templates/../user_data.tftpl")', 'true'],
  // Kinds the workspace reads for every folder of the configuration: absence there is proof.
  ['fileexists("absent.tf")', 'false'],
  ['fileexists("absent.tfvars")', 'false'],
  ['fileexists("${path.module}/absent.tftpl")', 'false'],
  ['fileexists("absent.tpl") ? file("absent.tpl") : "none"', '"none"'],
  // A folder is an error in Terraform, as is null (try() shows it: an error, not an unknown).
  ['try(fileexists("templates"), "ERR")', '"ERR"'],
  ['try(fileexists(""), "ERR")', '"ERR"'],
  ['try(fileexists(null), "ERR")', '"ERR"'],
  // Where absence proves nothing: a kind the workspace does not load, a data file (read only when named by a
  // call of a configuration that the view may not hold), a folder without Terraform files.
  ['fileexists("notes.txt")', 'true', 'unknown'],
  ['fileexists("absent.json")', 'false', 'unknown'],
  ['fileexists("templates/b.tpl")', 'false', 'unknown'],
  ['fileexists("nofolder/x.tf")', 'false', 'unknown'],
];

function mainTf(): string {
  const locals = CASES.map(([expr], i) => `  r${i} = try(jsonencode({ ok = ${expr} }), "ERR")`).join('\n');
  return `locals {\n${locals}\n}\noutput "all" { value = [${CASES.map((_, i) => `local.r${i}`).join(', ')}] }\n`;
}

/** Our answers: each local's value as the editor hover shows it (`ok` JSON, "ERR", or "unknown"). */
function ours(): { answers: string[]; reasons: string[] } {
  const files = new Map<string, string>([['/w/main.tf', mainTf()]]);
  for (const [name, text] of Object.entries(LOADED)) files.set(`/w/${name}`, text);
  const out = readTerraform(memoryView(files), {});
  const text = files.get('/w/main.tf') ?? '';
  const outputAt = text.indexOf('output "all"');
  const reasons: string[] = [];
  const answers = CASES.map((_, i) => {
    const hover = out.index.hover('/w/main.tf', text.indexOf(`local.r${i}`, outputAt) + 2);
    if (hover?.value === undefined) {
      reasons.push(hover?.unknownReason ?? 'no hover');
      return 'unknown';
    }
    const s = JSON.parse(hover.value) as string;
    return s === 'ERR' ? 'ERR' : s.slice('{"ok":'.length, -1);
  });
  return { answers, reasons };
}

function terraformAnswers(): string[] | undefined {
  const which = spawnSync('which', ['terraform'], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tf-fileexists-'));
  try {
    for (const [name, text] of Object.entries({ 'main.tf': 'locals {}\n', ...LOADED, ...DISK_ONLY })) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const line = `[${CASES.map(([expr]) => `try(jsonencode({ok = ${expr}}), "ERR")`).join(', ')}]\n`;
    const r = spawnSync(which.stdout.trim(), ['console'], { cwd: dir, input: line, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    assert.equal(r.status, 0, `terraform console failed: ${r.stderr}`);
    const items = r.stdout.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().replace(/,$/, ''));
    assert.equal(items.length, CASES.length, 'one console line per case');
    return items.map((item) => {
      const s = JSON.parse(item) as string;
      return s === 'ERR' ? 'ERR' : s.slice('{"ok":'.length, -1);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fileexists() over workspace files', () => {
  it('answers like terraform console where the view can tell, unknown where it cannot (live when terraform is installed)', function () {
    this.timeout(60000);
    const lines = (answers: readonly string[]): string[] => CASES.map(([expr], i) => `${expr} → ${answers[i] ?? ''}`);
    const live = terraformAnswers();
    if (live !== undefined) assert.deepEqual(lines(live), lines(CASES.map(([, answer]) => answer)), 'the recorded answers are what terraform console says');
    const { answers, reasons } = ours();
    assert.deepEqual(lines(answers), lines(CASES.map(([, answer, differs]) => differs ?? answer)));
    assert.deepEqual(reasons.map((r) => r.replace(/^jsonencode: part of the value is unknown because /, '')), [
      'fileexists(): whether /w/notes.txt exists is not known from the workspace files Hyperplane Lens loads',
      'fileexists(): whether /w/absent.json exists is not known from the workspace files Hyperplane Lens loads',
      'fileexists(): whether /w/templates/b.tpl exists is not known from the workspace files Hyperplane Lens loads',
      'fileexists(): whether /w/nofolder/x.tf exists is not known from the workspace files Hyperplane Lens loads',
    ]);
  });

  it('an unknown answer says why, with one problem per path; a path from an unknown is unknown', () => {
    const { view } = tfFixture(`
//- /w/main.tf
variable "name" {}
resource "aws_security_group" "a" { name = fileexists("notes.txt") ? "yes" : "no" }
resource "aws_security_group" "b" { name = fileexists("\${path.module}/notes.txt") ? "yes" : "no" }
resource "aws_security_group" "c" { name = fileexists("\${path.module}/\${var.name}.tpl") ? "yes" : "no" }
resource "aws_security_group" "d" { name = fileexists("\${path.module}/absent.tf") ? "yes" : "no" }
`);
    const out = readTerraform(view, {});
    const names = out.objects.flatMap((o) => (o.kind === 'security-group' ? [`${o.address} ${typeof o.name === 'string' ? o.name : `unknown: ${o.name.reason}`}`] : []));
    assert.deepEqual(names, [
      'aws_security_group.a unknown: the condition is unknown: fileexists(): whether /w/notes.txt exists is not known from the workspace files Hyperplane Lens loads',
      'aws_security_group.b unknown: the condition is unknown: fileexists(): whether /w/notes.txt exists is not known from the workspace files Hyperplane Lens loads',
      'aws_security_group.c unknown: the condition is unknown: fileexists(): the path is unknown: the string contains a value known only after apply: var.name has no default and no .tfvars file sets it',
      'aws_security_group.d no',
    ]);
    assert.deepEqual(out.problems.filter((p) => p.code === 'tf-fileexists-unknown').map((p) => `${p.severity} ${p.message}`), [
      'information fileexists() cannot tell whether /w/notes.txt exists: the workspace files Hyperplane Lens loads for this root do not include it, and it is not a Terraform file or template in a folder of this configuration (which would be loaded if it existed).',
    ]);
  });
});
