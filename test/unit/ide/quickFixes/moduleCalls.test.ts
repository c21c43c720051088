// A finding whose objects come from code the user does not own points at the user's own `module` call: one
// note per call, at its `module "name"` header, naming the objects and where the module's code comes from.
// The CLI's JSON report carries the same notes as related locations.

import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../server/src/analysis/types';
import { buildJsonReport } from '../../../../server/src/ide/report';
import { ModuleCallNotes, type ModuleCallNote } from '../../../../server/src/ide/quickFixes/moduleCalls';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../../server/src/workspace/analysisSession';
import { localCall, registryCall, registryManifest, rootModule, sgModule } from './installedModuleWorkspace';

function analyse(files: Record<string, string>): WorkspaceAnalysis {
  const s = new AnalysisSession({ region: 'eu-west-1' });
  for (const [file, text] of Object.entries(files)) s.setFile(file, text);
  return s.analyze();
}

function noEgress(a: WorkspaceAnalysis): Finding {
  const finding = a.result.findings.find((f) => f.rule === 'SG_NO_EGRESS');
  assert.ok(finding, `findings: ${a.result.findings.map((f) => f.rule).join(', ')}`);
  return finding;
}

function notesOf(a: WorkspaceAnalysis, finding: Finding, editable?: (file: string) => boolean): ModuleCallNote[] {
  return new ModuleCallNotes({ model: a.model, text: (f) => a.snapshot.text(f), hcl: (f) => a.snapshot.hcl(f), paths: a.snapshot.paths, editable }).of(finding);
}

/** The note as `file: text under its span: message`. */
function show(a: WorkspaceAnalysis, note: ModuleCallNote): string {
  return `${note.file}: ${(a.snapshot.text(note.file) ?? '').slice(note.span.start, note.span.end)}: ${note.message}`;
}

const registry = {
  '/ws/main.tf': rootModule(registryCall),
  '/ws/.terraform/modules/modules.json': registryManifest,
  '/ws/.terraform/modules/sg/main.tf': sgModule,
};

describe('module call notes: where a change to code the user does not own belongs', () => {
  it('a group of a registry module installed by terraform init: the user\'s module block, with the source and version', () => {
    const a = analyse(registry);
    const notes = notesOf(a, noEgress(a));
    assert.deepEqual(notes.map((n) => show(a, n)), [
      '/ws/main.tf: module "sg": aws_security_group.this is created by module "sg" (registry.terraform.io/acme/sg/aws 5.3.0, installed by terraform init): change it through this call\'s inputs',
    ]);
    assert.equal(notes[0]?.name, 'sg');
  });

  it('a local module inside the workspace is the user\'s own code: no note', () => {
    const a = analyse({ '/ws/main.tf': rootModule(localCall('./modules/sg')), '/ws/modules/sg/main.tf': sgModule });
    assert.deepEqual(notesOf(a, noEgress(a), (f) => f.startsWith('/ws/')), []);
  });

  it('a local module outside the workspace folders: its folder is named', () => {
    const a = analyse({ '/ws/main.tf': rootModule(localCall('../shared/sg')), '/shared/sg/main.tf': sgModule });
    const notes = notesOf(a, noEgress(a), (f) => f.startsWith('/ws/'));
    assert.deepEqual(notes.map((n) => show(a, n)), [
      '/ws/main.tf: module "sg": aws_security_group.this is created by module "sg" (code in /shared/sg, outside the workspace folders): change it through this call\'s inputs',
    ]);
    // Without the host's rule (the CLI) only `.terraform` is foreign.
    assert.deepEqual(notesOf(a, noEgress(a)), []);
  });

  it('a git module of a keyed call nested in a local module: the call in the local module, with its instance', () => {
    const a = analyse({
      '/ws/main.tf': `provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nmodule "net" {\n  source = "./net"\n  vpc_id = aws_vpc.v.id\n}\n`,
      '/ws/net/main.tf': `variable "vpc_id" {\n  type = string\n}\nmodule "endpoints" {\n  source   = "git::https://example.com/endpoints.git?ref=v1.2.0"\n  for_each = toset(["a"])\n  vpc_id   = var.vpc_id\n}\n`,
      '/ws/.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'net', Source: './net', Dir: 'net' }, { Key: 'net.endpoints', Source: 'git::https://example.com/endpoints.git?ref=v1.2.0', Dir: '.terraform/modules/net.endpoints' }] }),
      '/ws/.terraform/modules/net.endpoints/main.tf': `variable "vpc_id" {\n  type = string\n}\nresource "aws_security_group" "this" {\n  vpc_id = var.vpc_id\n}\n`,
    });
    const group = a.model.all('security-group')[0];
    assert.ok(group, 'the module\'s group is in the model');
    assert.equal(group.address, 'module.net.module.endpoints["a"].aws_security_group.this');
    const finding: Finding = { rule: 'SG_NO_EGRESS', severity: 'warning', message: 'no egress', subject: group.id, origin: group.origin, related: [], fixes: [] };
    assert.deepEqual(notesOf(a, finding).map((n) => show(a, n)), [
      '/ws/net/main.tf: module "endpoints": aws_security_group.this is created by module "endpoints" (instance ["a"]; git::https://example.com/endpoints.git?ref=v1.2.0, installed by terraform init): change it through this call\'s inputs',
    ]);
  });

  it('several objects of one call make one note', () => {
    const a = analyse(registry);
    const fn = a.model.all('lambda-function')[0];
    const group = a.model.all('security-group')[0];
    assert.ok(fn && group);
    const finding: Finding = {
      rule: 'X', severity: 'warning', message: 'x', subject: fn.id, origin: fn.origin,
      related: [{ component: group.id, origin: group.origin, message: 'blocked at' }],
      fixes: [{ description: 'add an egress rule', changes: [{ kind: 'add-sg-egress', group: group.id, protocol: 'tcp', port: 443, peer: '0.0.0.0/0' }] }],
    };
    assert.equal(notesOf(a, finding).length, 1, 'the same group twice is named once');
  });

  it('the CLI report adds the note to the finding\'s related locations, relative to the working directory', () => {
    const a = analyse(registry);
    const finding = noEgress(a);
    const report = buildJsonReport(a, [{ ...finding, effectiveSeverity: finding.severity }], [], '/ws');
    const diagnostic = report.diagnostics.find((d) => d.code === 'SG_NO_EGRESS');
    assert.ok(diagnostic);
    const line = rootModule(registryCall).split('\n').findIndex((l) => l.startsWith('module "sg"'));
    assert.deepEqual(diagnostic.related.slice(-1), [
      {
        file: 'main.tf',
        range: { start: { line, character: 0 }, end: { line, character: 'module "sg"'.length } },
        message: 'aws_security_group.this is created by module "sg" (registry.terraform.io/acme/sg/aws 5.3.0, installed by terraform init): change it through this call\'s inputs',
      },
    ]);
    assert.ok(diagnostic.related.some((r) => r.file === '.terraform/modules/sg/main.tf'), 'the group itself stays related');
  });
});
