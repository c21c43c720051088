// templatefile() and file() over workspace files, checked against `terraform console` when terraform is
// installed (one console run in a temporary copy of the fixture's files): every case is evaluated by the
// real front end (readTerraform, through the editor index's hover of a local) and by Terraform as
// try(jsonencode({ok = <expr>}), "ERR"), and the two JSON texts must be equal. Without terraform, the
// recorded Terraform answers below are checked instead.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { memoryView, tfFixture } from './tfFixture';

/** Template files of the fixture (relative to the root module) and their text. */
const FILES: Readonly<Record<string, string>> = {
  'policy.json.tpl': '{"Statement": [{"Effect": "Allow", "Action": [%{ for i, a in actions }%{ if i > 0 }, %{ endif }"${a}"%{ endfor }], "Resource": "arn:aws:s3:::${bucket}/*"}]}\n',
  'list.tftpl': '%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\ncount=${length(xs)} ${upper(name)}\n',
  'single.tpl': '${value}',
  'single_nl.tpl': '${value}\n',
  'escapes.tpl': 'literal $${not} and %%{not} but ${v}',
  'cond.tpl': '%{ if enabled }on%{ else }off%{ endif } ${jsonencode(m)}',
  'missing.tpl': 'hello ${nobody}',
  'templates/nested.tpl': 'nested ${v}',
  'plain.json': '{"a": [1, 2]}\n',
};

/**
 * Expressions evaluated in the root module, with the answers terraform console 1.x gives, and ours where we
 * knowingly differ (none at present: a template variable missing from the map is an error, so try() falls back).
 */
const CASES: readonly (readonly [string, string, string?])[] = [
  ['templatefile("${path.module}/policy.json.tpl", { bucket = "data", actions = ["s3:GetObject", "s3:PutObject"] })', '"{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": [\\"s3:GetObject\\", \\"s3:PutObject\\"], \\"Resource\\": \\"arn:aws:s3:::data/*\\"}]}\\n"'],
  ['jsondecode(templatefile("policy.json.tpl", { bucket = "b", actions = ["s3:*"] })).Statement[0].Action', '["s3:*"]'],
  ['templatefile("list.tftpl", { xs = ["a", "b"], name = "n" })', '"- a\\n- b\\ncount=2 N\\n"'],
  ['templatefile("single.tpl", { value = ["x", "y"] })', '["x","y"]'],
  ['templatefile("single.tpl", { value = { k = "v" } })', '{"k":"v"}'],
  ['templatefile("single_nl.tpl", { value = "x" })', '"x\\n"'],
  ['templatefile("escapes.tpl", { v = 1 })', '"literal ${not} and %{not} but 1"'],
  ['templatefile("cond.tpl", { enabled = false, m = { b = 2, a = 1 } })', '"off {\\"a\\":1,\\"b\\":2}"'],
  ['templatefile("cond.tpl", { enabled = true, m = {} })', '"on {}"'],
  ['templatefile("missing.tpl", { v = 1 })', 'ERR'],
  ['templatefile("${path.root}/templates/nested.tpl", { v = "n" })', '"nested n"'],
  ['templatefile("single.tpl", {})', 'ERR'],
  ['jsondecode(file("plain.json")).a', '[1,2]'],
  ['file("${path.module}/templates/nested.tpl")', '"nested ${v}"'],
];

/** The fixture's files: one local per case, an output that references them all, and the template files. */
function fixtureFiles(): Map<string, string> {
  const locals = CASES.map(([expr], i) => `  r${i} = try(jsonencode({ ok = ${expr} }), "ERR")`).join('\n');
  const refs = CASES.map((_, i) => `local.r${i}`).join(', ');
  const files = new Map<string, string>([['/w/main.tf', `locals {\n${locals}\n}\noutput "all" { value = [${refs}] }\n`]]);
  for (const [name, text] of Object.entries(FILES)) files.set(`/w/${name}`, text);
  return files;
}

/** Decodes a quoted HCL string as the hover and terraform console print it. */
function decodeHclString(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)|\$\$\{|%%\{/g, (all: string, esc?: string) => {
    if (all === '$${') return '${';
    if (all === '%%{') return '%{';
    if (esc === undefined) return all;
    if (esc.startsWith('u') && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
    return simple[esc] ?? all;
  });
}

/** Our answers: each local's value as the editor hover shows it, as `ok` JSON or "ERR". */
function ours(): string[] {
  const view = memoryView(fixtureFiles());
  const out = readTerraform(view, {});
  const text = view.text('/w/main.tf') ?? '';
  const outputAt = text.indexOf('output "all"');
  return CASES.map((_, i) => {
    const offset = text.indexOf(`local.r${i}`, outputAt) + 2;
    const hover = out.index.hover('/w/main.tf', offset);
    if (hover?.value === undefined) return `unknown: ${hover?.unknownReason ?? 'no hover'}`;
    const s = decodeHclString(hover.value);
    return s === 'ERR' ? 'ERR' : s.slice('{"ok":'.length, -1);
  });
}

function terraformAnswers(): string[] | undefined {
  const which = spawnSync('which', ['terraform'], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tf-templatefile-'));
  try {
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const line = `[${CASES.map(([expr]) => `try(jsonencode({ok = ${expr}}), "ERR")`).join(', ')}]\n`;
    const r = spawnSync(which.stdout.trim(), ['console'], { cwd: dir, input: line, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    assert.equal(r.status, 0, `terraform console failed: ${r.stderr}`);
    const items = r.stdout.split('\n').filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().replace(/,$/, ''));
    assert.equal(items.length, CASES.length, 'one console line per case');
    return items.map((item) => {
      const s = decodeHclString(item);
      return s === 'ERR' ? 'ERR' : s.slice('{"ok":'.length, -1);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('templatefile() and file() with workspace files', () => {
  it('renders like terraform console (recorded answers; live when terraform is installed)', function () {
    this.timeout(60000);
    const got = ours();
    const recorded = CASES.map(([, answer]) => answer);
    const live = terraformAnswers();
    const lines = (answers: readonly string[]): string[] => CASES.map(([expr], i) => `${expr} → ${answers[i] ?? ''}`);
    if (live !== undefined) assert.deepEqual(lines(live), lines(recorded), 'the recorded answers are what terraform console says');
    assert.deepEqual(lines(got), lines(CASES.map(([, answer, differs]) => differs ?? answer)));
  });

  it('a template that is not in the workspace is unknown, saying which file and why', () => {
    const { view } = tfFixture(`
//- /w/main.tf
resource "aws_iam_policy" "p" { policy = templatefile("\${path.module}/absent.tpl", { bucket = "b" }) }
`);
    const out = readTerraform(view, {});
    const doc = out.objects.find((o) => o.kind === 'iam-policy');
    assert.ok(doc?.kind === 'iam-policy' && 'unknown' in doc.document);
    assert.match(doc.document.reason, /^\/w\/absent\.tpl is not among the workspace files Hyperplane Lens loads/);
    assert.deepEqual(out.problems.map((p) => p.code), ['tf-file-unread']);
  });
});
