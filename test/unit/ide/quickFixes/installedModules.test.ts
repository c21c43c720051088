// Quick fixes never edit code the user does not own: a module `terraform init` installed under
// .terraform/modules, or a file outside the workspace. The fix is then offered without an edit, naming the
// module and its source, or, when a module input maps exactly onto the blocked argument, written at the
// user's own `module` call. Local modules inside the workspace stay editable.

import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../server/src/analysis/types';
import { quickFixesFor, type QuickFixContext } from '../../../../server/src/ide/quickFixes/quickFixes';
import type { QuickFix, TextEdit } from '../../../../server/src/ide/quickFixes/textEdit';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../../server/src/workspace/analysisSession';
import { rootModule } from './installedModuleWorkspace';

/** A multi-file fixture: `//- /path` starts each file. */
function files(fixture: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of fixture.split(/^\/\/- /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    out.set(chunk.slice(0, nl).trim(), chunk.slice(nl + 1));
  }
  return out;
}

function analyse(workspace: Map<string, string>): WorkspaceAnalysis {
  const s = new AnalysisSession({ region: 'eu-west-1' });
  for (const [file, text] of workspace) s.setFile(file, text);
  return s.analyze();
}

function fixesOf(a: WorkspaceAnalysis, finding: Finding, editable?: (file: string) => boolean): QuickFix[] {
  const ctx: QuickFixContext = { model: a.model, text: (f) => a.snapshot.text(f), hcl: (f) => a.snapshot.hcl(f), data: (f) => a.snapshot.data(f), paths: a.snapshot.paths, editable };
  return quickFixesFor(ctx, finding);
}

function apply(workspace: Map<string, string>, edits: readonly TextEdit[]): Map<string, string> {
  const next = new Map(workspace);
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    const text = next.get(e.file) ?? '';
    next.set(e.file, text.slice(0, e.span.start) + e.newText + text.slice(e.span.end));
  }
  return next;
}

function noEgress(a: WorkspaceAnalysis): Finding {
  const finding = a.result.findings.find((f) => f.rule === 'SG_NO_EGRESS');
  assert.ok(finding, `findings: ${a.result.findings.map((f) => f.rule).join(', ')}`);
  return finding;
}

/** A finding asking for an egress rule on the module's group, for a workspace whose group already has rules. */
function egressWanted(a: WorkspaceAnalysis): Finding {
  const fn = a.model.all('lambda-function')[0];
  const group = a.model.all('security-group').find((g) => g.address === 'module.sg.aws_security_group.this');
  assert.ok(fn && group);
  return { rule: 'SG_NO_EGRESS', severity: 'warning', message: 'no egress', subject: fn.id, origin: fn.origin, related: [], fixes: [{ description: 'add an egress rule', changes: [{ kind: 'add-sg-egress', group: group.id, protocol: 'tcp', port: 443, peer: '0.0.0.0/0' }] }] };
}

/** A root module with a function whose only security group comes from module "sg"; `sg` is the module's code. */
function workspace(source: string, dir: string, sg: string, extraCall = ''): Map<string, string> {
  const manifestDir = dir.startsWith('/ws/') ? dir.slice('/ws/'.length) : dir;
  const call = `module "sg" {\n  source = "${source}"\n  vpc_id = aws_vpc.v.id${extraCall}\n}`;
  return files(`//- /ws/main.tf
provider "aws" {
  region = "eu-west-1"
}
${rootModule(call)}//- /ws/.terraform/modules/modules.json
{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"sg","Source":"${source.startsWith('.') ? source : `registry.terraform.io/${source}`}","Version":"${source.startsWith('.') ? '' : '5.3.0'}","Dir":"${manifestDir}"}]}
//- ${dir}/main.tf
variable "vpc_id" {
  type = string
}
${sg}
output "id" {
  value = aws_security_group.this.id
}
`);
}

const staticGroup = `resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
}`;

describe('quick fixes: code the user does not own', () => {
  it('a security group of an installed registry module: no edit into .terraform, the module and its source named', () => {
    const ws = workspace('acme/sg/aws', '/ws/.terraform/modules/sg', staticGroup);
    const a = analyse(ws);
    const fixes = fixesOf(a, noEgress(a));
    assert.ok(fixes.length > 0, 'the fix is still listed');
    for (const fix of fixes) {
      assert.deepEqual(fix.edits, [], `"${fix.title}" edits ${fix.edits.map((e) => e.file).join(', ')}`);
      assert.equal(fix.preferred, false);
    }
    assert.equal(fixes[0]?.title, 'Add an egress rule to module.sg.aws_security_group.this');
    assert.equal(
      fixes[0]?.disabled,
      'module.sg.aws_security_group.this comes from module.sg, which `terraform init` installed from registry.terraform.io/acme/sg/aws 5.3.0 into .terraform/modules/sg; init overwrites that copy, so make this change through the inputs of module.sg (its `module "sg"` block) or in the module\'s own source',
    );
  });

  it('a gateway endpoint of an installed module: associating a route table edits nothing under .terraform', () => {
    const ws = files(`//- /ws/main.tf
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.v.id
}
module "endpoints" {
  source = "git::https://example.com/endpoints.git?ref=v1.2.0"
  vpc_id = aws_vpc.v.id
}
//- /ws/.terraform/modules/modules.json
{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"endpoints","Source":"git::https://example.com/endpoints.git?ref=v1.2.0","Dir":".terraform/modules/endpoints"}]}
//- /ws/.terraform/modules/endpoints/main.tf
variable "vpc_id" {
  type = string
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = []
}
`);
    const a = analyse(ws);
    const endpoint = a.model.all('vpc-endpoint')[0];
    const table = a.model.all('route-table').find((t) => t.address === 'aws_route_table.private');
    assert.ok(endpoint && table);
    const finding: Finding = { rule: 'LAMBDA_NO_ROUTE_S3', severity: 'warning', message: 'no route', subject: table.id, origin: table.origin, related: [], fixes: [{ description: 'associate module.endpoints.aws_vpc_endpoint.s3 with route table aws_route_table.private', changes: [{ kind: 'associate-endpoint-route-table', endpoint: endpoint.id, routeTable: table.id }] }] };
    const [fix] = fixesOf(a, finding);
    assert.ok(fix);
    assert.deepEqual(fix.edits, []);
    assert.equal(fix.disabled, 'module.endpoints.aws_vpc_endpoint.s3 comes from module.endpoints, which `terraform init` installed from git::https://example.com/endpoints.git?ref=v1.2.0 into .terraform/modules/endpoints; init overwrites that copy, so make this change through the inputs of module.endpoints (its `module "endpoints"` block) or in the module\'s own source');
  });

  it('a local module inside the workspace stays editable, and the fix works', () => {
    const ws = workspace('./modules/sg', '/ws/modules/sg', staticGroup);
    const a = analyse(ws);
    const [fix] = fixesOf(a, noEgress(a), (f) => f.startsWith('/ws/'));
    assert.ok(fix && fix.disabled === undefined, JSON.stringify(fix));
    assert.deepEqual([...new Set(fix.edits.map((e) => e.file))], ['/ws/modules/sg/main.tf']);
    assert.ok(!analyse(apply(ws, fix.edits)).result.findings.some((f) => f.rule === 'SG_NO_EGRESS'), 'the finding is gone');
  });

  it('a local module outside the workspace folders: no edit, the folder named', () => {
    const ws = workspace('../shared/sg', '/shared/sg', staticGroup);
    const a = analyse(ws);
    const [fix] = fixesOf(a, noEgress(a), (f) => f.startsWith('/ws/'));
    assert.ok(fix);
    assert.deepEqual(fix.edits, []);
    assert.match(fix.disabled ?? '', /comes from module\.sg, whose code in \/shared\/sg is outside the workspace folders; make this change through the inputs of module\.sg/);
  });

  it('rules built from a module input: the rule is added to the input at the user\'s module call', () => {
    const sg = `variable "egress_rules" {
  type    = any
  default = []
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
  dynamic "egress" {
    for_each = var.egress_rules
    content {
      description = lookup(egress.value, "description", null)
      from_port   = egress.value.from_port
      to_port     = egress.value.to_port
      protocol    = egress.value["protocol"]
      cidr_blocks = lookup(egress.value, "cidr_blocks", [])
      self        = lookup(egress.value, "self", null)
    }
  }
}`;
    const ws = workspace('acme/sg/aws', '/ws/.terraform/modules/sg', sg);
    const a = analyse(ws);
    const [fix] = fixesOf(a, noEgress(a));
    assert.ok(fix && fix.disabled === undefined, JSON.stringify(fix));
    assert.deepEqual(fix.edits.map((e) => [e.file, e.newText]), [
      ['/ws/main.tf', '\n  egress_rules = [\n    { description = "Added by Hyperplane Lens for aws_lambda_function.f", from_port = 443, to_port = 443, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"] },\n  ]\n'],
    ]);
    const after = analyse(apply(ws, fix.edits));
    assert.ok(!after.result.findings.some((f) => f.rule === 'SG_NO_EGRESS'), after.result.findings.map((f) => f.rule).join(', '));
    assert.deepEqual(after.problems.filter((p) => p.severity === 'error'), []);

    // The call already passes the input: one more item.
    const given = workspace('acme/sg/aws', '/ws/.terraform/modules/sg', sg, '\n  egress_rules = [\n    { from_port = 5432, to_port = 5432, protocol = "tcp", cidr_blocks = ["10.0.0.0/16"] },\n  ]');
    const b = analyse(given);
    const [more] = fixesOf(b, egressWanted(b));
    assert.ok(more && more.disabled === undefined, JSON.stringify(more));
    assert.equal(more.edits[0]?.newText, ',\n    { description = "Added by Hyperplane Lens for aws_lambda_function.f", from_port = 443, to_port = 443, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"] }');
    const extended = analyse(apply(given, more.edits));
    const ports = extended.model.all('security-group-rule').filter((r) => r.address.startsWith('module.sg.') && r.direction === 'egress').map((r) => r.fromPort);
    assert.deepEqual(ports, [5432, 443]);
    assert.deepEqual(extended.problems.filter((p) => p.severity === 'error'), []);
  });

  it('list(map(string)) inputs read through compact(split(",", …)) get the CIDRs as one string', () => {
    const sg = `variable "egress" {
  type    = list(map(string))
  default = []
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
  dynamic "egress" {
    for_each = var.egress
    content {
      cidr_blocks = compact(split(",", lookup(egress.value, "cidr_blocks", "")))
      from_port   = lookup(egress.value, "from_port", 0)
      to_port     = lookup(egress.value, "to_port", 0)
      protocol    = lookup(egress.value, "protocol", "-1")
    }
  }
}`;
    const ws = workspace('acme/sg/aws', '/ws/.terraform/modules/sg', sg);
    const a = analyse(ws);
    const [fix] = fixesOf(a, noEgress(a));
    assert.ok(fix && fix.disabled === undefined, JSON.stringify(fix));
    assert.match(fix.edits[0]?.newText ?? '', /\{ cidr_blocks = "0\.0\.0\.0\/0", from_port = "443", to_port = "443", protocol = "tcp" \}/);
    assert.ok(!analyse(apply(ws, fix.edits)).result.findings.some((f) => f.rule === 'SG_NO_EGRESS'));
  });

  it('no module-input edit when the mapping is not exact: no edit at all, the explanation instead', () => {
    const inexact = [
      // a computed for_each
      ['for_each = concat(var.egress_rules, [])', 'from_port   = egress.value.from_port'],
      // a transformed argument
      ['for_each = var.egress_rules', 'from_port   = egress.value.from_port + 0'],
      // an argument read without a default that the new item would lack
      ['for_each = var.egress_rules', 'from_port   = egress.value.from_port\n      ipv6_cidr_blocks = egress.value.ipv6'],
    ];
    for (const [forEach, fromPort] of inexact) {
      const sg = `variable "egress_rules" {
  type    = any
  default = []
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
  dynamic "egress" {
    ${forEach}
    content {
      ${fromPort}
      to_port     = egress.value.to_port
      protocol    = egress.value.protocol
      cidr_blocks = egress.value.cidr_blocks
    }
  }
}`;
      const a = analyse(workspace('acme/sg/aws', '/ws/.terraform/modules/sg', sg));
      const [fix] = fixesOf(a, noEgress(a));
      assert.ok(fix, forEach);
      assert.deepEqual(fix.edits, [], `${forEach} / ${fromPort}`);
      assert.match(fix.disabled ?? '', /installed from registry\.terraform\.io\/acme\/sg\/aws 5\.3\.0/);
    }
  });

  it('an input whose default has rules is not overridden: no edit', () => {
    const sg = `variable "egress_rules" {
  type    = any
  default = [{ from_port = 53, to_port = 53, protocol = "udp", cidr_blocks = ["10.0.0.2/32"] }]
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
  dynamic "egress" {
    for_each = var.egress_rules
    content {
      from_port   = egress.value.from_port
      to_port     = egress.value.to_port
      protocol    = egress.value.protocol
      cidr_blocks = egress.value.cidr_blocks
    }
  }
}`;
    const a = analyse(workspace('acme/sg/aws', '/ws/.terraform/modules/sg', sg));
    // The module's default rule satisfies the analysis, so the finding asking for another rule is written here.
    const [fix] = fixesOf(a, egressWanted(a));
    assert.ok(fix);
    assert.deepEqual(fix.edits, []);
    assert.match(fix.disabled ?? '', /comes from module\.sg/);
  });
});
