// Local modules outside the folders read (`source = "../shared/sg"`): found from the session's files, read from
// disk folder by folder (a module is one folder: no subfolders), round after round along a chain of calls,
// and through the CLI as a user runs it on one folder.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { readCalledFolders } from '../../../server/src/workspace/calledFolders';
import { readWorkspace, toModelPath } from '../../../server/src/workspace/diskReader';
import { runCli } from '../cli/cliProcess';

/** app/ calls ../shared/sg, which calls ../../lib/tags; app/ also calls ./gone, which has no .tf file. */
function workspace(root: string): void {
  const write = (rel: string, text: string): void => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('app/main.tf', [
    'provider "aws" {\n  region = "eu-west-1"\n}',
    'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}',
    'module "sg" {\n  source = "../shared/sg"\n  vpc_id = aws_vpc.v.id\n}',
    'module "gone" {\n  source = "./gone"\n}',
  ].join('\n'));
  write('shared/sg/main.tf', 'variable "vpc_id" {}\nmodule "tags" {\n  source = "../../lib/tags"\n}\nresource "aws_security_group" "this" {\n  vpc_id = var.vpc_id\n  tags   = module.tags.tags\n}\noutput "id" {\n  value = aws_security_group.this.id\n}\n');
  write('shared/sg/examples/demo/main.tf', 'resource "aws_vpc" "demo" {\n  cidr_block = "10.9.0.0/16"\n}\n');
  write('lib/tags/outputs.tf.json', '{ "output": { "tags": { "value": { "team": "net" } } } }');
}

describe('local modules outside the folders read', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-called-'));
    workspace(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the called folders along the chain, without their subfolders', async () => {
    const session = new AnalysisSession({});
    const read = await readWorkspace([path.join(dir, 'app')]);
    for (const [file, text] of read.files) session.setFile(file, text);
    const root = toModelPath(dir);
    assert.deepEqual(session.calledFoldersMissing(), [`${root}/app/gone`, `${root}/shared/sg`]);

    const folders = await readCalledFolders(session, (r) => {
      for (const [file, text] of r.files) session.setFile(file, text);
    });
    assert.deepEqual(folders.sort(), [`${root}/lib/tags`, `${root}/shared/sg`]);
    assert.ok(session.hasFile(`${root}/shared/sg/main.tf`));
    assert.ok(session.hasFile(`${root}/lib/tags/outputs.tf.json`));
    assert.ok(!session.hasFile(`${root}/shared/sg/examples/demo/main.tf`), 'a module is its own folder only');
    // The folder without Terraform files stays missing, and the front end reports it at the call.
    assert.deepEqual(session.calledFoldersMissing(), [`${root}/app/gone`]);
    const problems = session.analyze().problems.filter((p) => p.code === 'tf-module-source');
    assert.deepEqual(problems.map((p) => p.message), ['module "gone": no .tf files in ./gone (the folder is missing or holds no Terraform file); its outputs are unknown.']);
  });

  it('the CLI run on one folder analyses the modules it calls from outside it', () => {
    const run = runCli(['check', 'app', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; message: string }[] };
    // Only the folder without Terraform files is reported; before, "../shared/sg" was too ("no .tf files").
    const sources = report.diagnostics.filter((d) => d.code === 'tf-module-source').map((d) => d.message);
    assert.deepEqual(sources, ['module "gone": no .tf files in ./gone (the folder is missing or holds no Terraform file); its outputs are unknown.']);
  });
});
