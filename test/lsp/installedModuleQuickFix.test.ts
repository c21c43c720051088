// Code actions never edit code the user does not own, through the real server on a workspace on disk: a
// registry module installed under .terraform/modules gets a disabled quick fix that says where the change
// belongs; a local module inside the workspace keeps its edit; a local module outside the workspace folders
// (open in the editor) gets no edit either.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { startInProcess, type TestClient } from './lspTestClient';

const uri = (p: string): string => pathToFileURL(p).toString();

function main(calls: string): string {
  return `provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
${calls}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [module.sg.id]
  }
}
`;
}

const sgModule = `variable "vpc_id" {
  type = string
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
}
output "id" {
  value = aws_security_group.this.id
}
`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

describe('language server: quick fixes stay in the user\'s code', () => {
  let client: TestClient | undefined;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-qf-'));
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  // VS Code's capability: it shows disabled code actions greyed out with their reason.
  const showsDisabled = { textDocument: { codeAction: { disabledSupport: true } } };

  async function actionsFor(root: string, open: readonly string[], capabilities: object = showsDisabled): Promise<CodeAction[]> {
    const c = startInProcess();
    client = c;
    await c.initialize(root, capabilities);
    for (const file of open) await c.open(uri(file), 'terraform', readFileSync(file, 'utf8'));
    const doc = uri(path.join(root, 'main.tf'));
    const diagnostics: Diagnostic[] = await c.waitForDiagnostics(doc, (d) => d.some((x) => x.code === 'SG_NO_EGRESS'), 20000);
    const finding = diagnostics.find((d) => d.code === 'SG_NO_EGRESS');
    assert.ok(finding);
    return c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: finding.range, context: { diagnostics: [finding] } });
  }

  it('a registry module installed by terraform init: a disabled action, no edit into .terraform', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main('module "sg" {\n  source  = "acme/sg/aws"\n  version = "~> 5.0"\n  vpc_id  = aws_vpc.v.id\n}'),
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'sg', Source: 'registry.terraform.io/acme/sg/aws', Version: '5.3.0', Dir: '.terraform/modules/sg' }] }),
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress, actions.map((a) => a.title).join(' | '));
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /installed from registry\.terraform\.io\/acme\/sg\/aws 5\.3\.0 into \.terraform\/modules\/sg/);
    const edited = actions.flatMap((a) => Object.keys(a.edit?.changes ?? {}));
    assert.deepEqual(edited.filter((u) => u.includes('/.terraform/')), []);
  });

  it('a client that cannot show disabled actions gets none (not an action that does nothing)', async () => {
    const root = path.join(dir, 'ws');
    write(root, {
      'main.tf': main('module "sg" {\n  source  = "acme/sg/aws"\n  version = "~> 5.0"\n  vpc_id  = aws_vpc.v.id\n}'),
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'sg', Source: 'registry.terraform.io/acme/sg/aws', Version: '5.3.0', Dir: '.terraform/modules/sg' }] }),
      '.terraform/modules/sg/main.tf': sgModule,
    });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')], {});
    assert.deepEqual(actions.filter((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this'), []);
    assert.deepEqual(actions.flatMap((a) => Object.keys(a.edit?.changes ?? {})).filter((u) => u.includes('/.terraform/')), []);
  });

  it('a local module inside the workspace keeps its edit', async () => {
    const root = path.join(dir, 'ws');
    write(root, { 'main.tf': main('module "sg" {\n  source = "./modules/sg"\n  vpc_id = aws_vpc.v.id\n}'), 'modules/sg/main.tf': sgModule });
    const actions = await actionsFor(root, [path.join(root, 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress?.edit?.changes, JSON.stringify(actions));
    assert.deepEqual(Object.keys(egress.edit.changes), [uri(path.join(root, 'modules', 'sg', 'main.tf'))]);
    assert.equal(egress.disabled, undefined);
  });

  it('a local module outside the workspace folders, open in the editor: no edit', async () => {
    const root = path.join(dir, 'ws');
    write(dir, { 'ws/main.tf': main('module "sg" {\n  source = "../shared/sg"\n  vpc_id = aws_vpc.v.id\n}'), 'shared/sg/main.tf': sgModule });
    const actions = await actionsFor(root, [path.join(root, 'main.tf'), path.join(dir, 'shared', 'sg', 'main.tf')]);
    const egress = actions.find((a) => a.title === 'Add an egress rule to module.sg.aws_security_group.this');
    assert.ok(egress, actions.map((a) => a.title).join(' | '));
    assert.equal(egress.edit, undefined);
    assert.match(egress.disabled?.reason ?? '', /outside the workspace folders/);
  });
});
