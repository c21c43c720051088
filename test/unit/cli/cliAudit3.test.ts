// The CLI outputs as a CI pipeline reads them (the built dist/cli.js in a child process): the JSON contract's
// subnets and security groups, paths relative to the working directory, SARIF as code scanning reads it,
// --output/--out into new or refused paths, an empty folder, explain's text and the diagram of no functions.

import * as assert from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JsonDiagnostic, JsonReport } from '../../../server/src/ide/report';
import { MAX_SARIF_RESULTS, renderSarif } from '../../../server/src/cli/sarifReport';
import { sarifViolations } from './sarifShape';
import { runCli } from './cliProcess';
import { securityGroup, subnet } from '../support/terraformPieces';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

const run = runCli;

/** Writes a multi-file fixture (`//- /path` headers) under a fresh temporary folder and returns the folder. */
function workspace(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-cliaudit3-'));
  for (const part of fixture.split(/^\/\/- /m).slice(1)) {
    const newline = part.indexOf('\n');
    const file = path.join(dir, part.slice(0, newline).trim());
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, part.slice(newline + 1));
  }
  return dir;
}

const UNDEFINED_NETWORK = `
//- /tf/main.tf
variable "subnet_ids" { type = list(string) }
variable "sg" { type = string }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a', vpc: 'main' })}\
${securityGroup('fn', 'all', 'main')}\
resource "aws_lambda_function" "mixed" {
  function_name = "mixed"
  role          = "arn:aws:iam::123456789012:role/x"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id, "subnet-0aaa"]
    security_group_ids = [aws_security_group.fn.id, "sg-0bbb", var.sg]
  }
}
resource "aws_lambda_function" "vars" {
  function_name = "vars"
  role          = "arn:aws:iam::123456789012:role/x"
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.fn.id]
  }
}
//- /cfn/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
  SgId:
    Type: AWS::EC2::SecurityGroup::Id
Resources:
  Whole:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Handler: index.handler
      Runtime: python3.12
      Code: { ZipFile: x }
      VpcConfig:
        SubnetIds: !Ref SubnetIds
        SecurityGroupIds: [!Ref SgId, sg-0ccc]
  Named:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Handler: index.handler
      Runtime: python3.12
      Code: { ZipFile: x }
      VpcConfig:
        SubnetIds: [subnet-0aaa, !ImportValue net-SubnetB]
        SecurityGroupIds: [!Ref SgId]
`;

describe('CLI audit 3: outputs as a CI pipeline reads them', function () {
  this.timeout(60000);

  it('JSON subnets and securityGroups list every subnet and group, named as bySubnet and hyperplaneEnis name them', () => {
    // Before: subnets left out "subnet-0aaa", "parameter SubnetIds", "(unknown subnet)"… that bySubnet and
    // hyperplaneEnis listed (Named had subnets [] but two ENIs), and securityGroups left out "sg-0bbb".
    const dir = workspace(UNDEFINED_NETWORK);
    const report = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout) as JsonReport;
    const byId = new Map(report.functions.map((f) => [f.id, f]));
    assert.deepStrictEqual(byId.get('aws_lambda_function.mixed')?.subnets, ['aws_subnet.a', 'subnet-0aaa']);
    assert.deepStrictEqual(byId.get('aws_lambda_function.mixed')?.securityGroups, ['aws_security_group.fn', 'sg-0bbb', '(unknown security group)']);
    assert.deepStrictEqual(byId.get('aws_lambda_function.vars')?.subnets, ['(unknown subnet)']);
    assert.deepStrictEqual(byId.get('Whole')?.subnets, ['parameter SubnetIds']);
    assert.deepStrictEqual(byId.get('Whole')?.securityGroups, ['parameter SgId', 'sg-0ccc']);
    assert.deepStrictEqual(byId.get('Named')?.subnets, ['subnet-0aaa', 'export net-SubnetB']);
    assert.deepStrictEqual(byId.get('Named')?.securityGroups, ['parameter SgId']);
    for (const f of report.functions) {
      for (const [destination, reach] of Object.entries(f.reach)) {
        for (const subnet of Object.keys(reach.bySubnet)) assert.ok(f.subnets.includes(subnet), `${f.id} ${destination}: bySubnet key ${subnet} is in subnets ${JSON.stringify(f.subnets)}`);
      }
    }
    for (const eni of report.hyperplaneEnis) {
      for (const id of eni.functions) {
        const f = byId.get(id);
        assert.ok(f !== undefined && f.subnets.includes(eni.subnet), `ENI subnet ${eni.subnet} is one of ${id}'s subnets`);
        for (const g of eni.securityGroups) assert.ok(f.securityGroups.includes(g), `ENI group ${g} is one of ${id}'s groups`);
      }
    }
  });

  it('file is relative to the working directory also for a path outside it, an absolute path and a single file', () => {
    const dir = workspace(UNDEFINED_NETWORK);
    const files = (args: string[], cwd: string): string[] => [...new Set((JSON.parse(run(['check', ...args, '--format', 'json'], cwd).stdout) as JsonReport).functions.map((f) => f.file))].sort();
    // Before: '/tmp/…/cfn/template.yaml' (absolute) for a file outside the working directory.
    assert.deepStrictEqual(files(['../cfn'], path.join(dir, 'tf')), ['../cfn/template.yaml']);
    assert.deepStrictEqual(files([path.join(dir, 'cfn'), 'tf'], dir), ['cfn/template.yaml', 'tf/main.tf']);
    assert.deepStrictEqual(files(['cfn/template.yaml'], dir), ['cfn/template.yaml']);
    assert.deepStrictEqual(files([path.join(dir, 'tf', 'main.tf')], path.join(dir, 'cfn')), ['../tf/main.tf']);
  });

  it('a Terraform file named on its own is read with its folder (its module) and the report keeps to that file', () => {
    const folder = path.join(repo, 'examples', 'terraform');
    // Before: lambda.tf alone gave 11 tf-invalid-reference errors (every resource of the sibling files).
    const one = JSON.parse(run(['check', 'lambda.tf', '--format', 'json'], folder).stdout) as JsonReport;
    assert.deepStrictEqual(one.diagnostics.filter((d) => d.code === 'tf-invalid-reference'), []);
    assert.deepStrictEqual([...new Set([...one.functions.map((f) => f.file), ...one.diagnostics.map((d) => d.file)])], ['lambda.tf']);
    assert.deepStrictEqual(one.functions.find((f) => f.id === 'aws_lambda_function.reports')?.reach.s3?.blockedAt, 'aws_route_table.data');
    const whole = JSON.parse(run(['check', '.', '--format', 'json'], folder).stdout) as JsonReport;
    assert.deepStrictEqual(one.functions, whole.functions.filter((f) => f.file === 'lambda.tf'));
    const network = run(['check', 'network.tf'], folder);
    assert.strictEqual(network.status, 0, network.stdout);
    assert.match(network.stdout, /^0 functions, 0 Hyperplane ENIs: 0 errors/m);
  });

  it('SARIF: encoded relative URIs, rule help for every ruleId, tags, and distinct fingerprints that survive an edit above', () => {
    const dir = workspace(`
//- /my stack/main.tf
resource "aws_security_group" "a" {
  name = data.aws_partition.current.partition
}
resource "aws_security_group" "b" {
  name = data.aws_partition.current.partition
}
//- /cfn/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
`);
    type Sarif = { runs: { tool: { driver: { rules: { id: string; helpUri?: string; fullDescription?: { text: string }; help?: { text: string }; properties?: { tags?: string[] } }[] } }; results: { ruleId: string; message: { text: string }; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
    const sarif = (): Sarif => JSON.parse(run(['check', '.', '--format', 'sarif'], dir).stdout) as Sarif;
    const log = sarif();
    assert.deepStrictEqual(sarifViolations(log), []);
    const [first] = log.runs;
    assert.ok(first);
    const invalid = first.results.filter((r) => r.ruleId === 'tf-invalid-reference');
    assert.strictEqual(invalid.length, 2);
    // Before: 'my stack/main.tf', not a URI reference.
    assert.deepStrictEqual(invalid[0]?.locations[0]?.physicalLocation.artifactLocation, { uri: 'my%20stack/main.tf', uriBaseId: '%SRCROOT%' });
    // Before: both results had one fingerprint (same rule, file and message), so code scanning kept one alert.
    const fingerprintsOf = (l: Sarif): string[] => (l.runs[0]?.results ?? []).map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints).join()}`);
    const before = fingerprintsOf(log);
    assert.strictEqual(new Set(before).size, before.length, 'every result has its own fingerprint');
    // Before: "already defined on line 3" entered the duplicate-key fingerprint, which an edit above changed.
    assert.ok(first.results.some((r) => r.ruleId === 'duplicate-key' && /on line \d+/.test(r.message.text)));
    writeFileSync(path.join(dir, 'my stack', 'main.tf'), '# moved\n\n' + readFileSync(path.join(dir, 'my stack', 'main.tf'), 'utf8'));
    writeFileSync(path.join(dir, 'cfn', 'template.yaml'), readFileSync(path.join(dir, 'cfn', 'template.yaml'), 'utf8').replace('Resources:\n', 'Description: moved\nResources:\n'));
    assert.deepStrictEqual(fingerprintsOf(sarif()).sort(), [...before].sort());
    // Before: reading problems had a helpUri to docs/rules/README.md (no such page), no description, no help.
    for (const rule of first.tool.driver.rules) {
      assert.ok(rule.fullDescription?.text && rule.help?.text, `${rule.id} has a description and help`);
      assert.ok(rule.helpUri !== undefined && !rule.helpUri.endsWith('docs/rules/README.md'), `${rule.id} help page exists`);
      assert.ok((rule.properties?.tags ?? []).length > 0 && (rule.properties?.tags ?? []).length <= 10, `${rule.id} has tags`);
    }
  });

  it('--output and --out create missing folders, and a refused path is a clear exit-2 error without a usage hint', () => {
    const dir = workspace(UNDEFINED_NETWORK);
    // Before: "cannot write 'reports/ci/x.sarif': ENOENT…" and exit 2 for a folder a CI job had not created.
    const made = run(['check', 'tf', '--format', 'sarif', '--output', 'reports/ci/x.sarif'], dir);
    assert.strictEqual(made.status, 0, made.stderr);
    assert.ok(existsSync(path.join(dir, 'reports', 'ci', 'x.sarif')));
    writeFileSync(path.join(dir, 'afile'), '');
    const refused = run(['check', 'tf', '--output', 'afile/x.txt'], dir);
    assert.strictEqual(refused.status, 2);
    assert.strictEqual(refused.stderr, "hyperplane-lens: cannot write 'afile/x.txt': a part of the path is a file, not a folder\n");
    const folder = run(['check', 'tf', '--output', '.'], dir);
    assert.strictEqual(folder.status, 2);
    assert.match(folder.stderr, /cannot write '\.': it is a folder\n$/);
    // Before: an internal error with a stack trace.
    const diagram = run(['diagram', 'tf', '--out', 'afile/x.svg'], dir);
    assert.strictEqual(diagram.status, 2);
    assert.strictEqual(diagram.stderr, "hyperplane-lens: cannot write 'afile/x.svg': a part of the path is a file, not a folder\n");
    // Before: Node's recursive mkdir spun forever under /proc (a new folder there reads as missing again).
    if (existsSync('/proc/self')) {
      const proc = run(['check', 'tf', '--output', '/proc/hyperplane-lens/x.json'], dir);
      assert.strictEqual(proc.status, 2);
      assert.strictEqual(proc.stderr, "hyperplane-lens: cannot write '/proc/hyperplane-lens/x.json': the folder cannot be created\n");
    }
    const nested = run(['diagram', 'tf', '--out', 'out/pictures/x.svg'], dir);
    assert.strictEqual(nested.status, 0, nested.stderr);
    assert.ok(existsSync(path.join(dir, 'out', 'pictures', 'x.svg')));
  });

  it('the text summary counts hints, which --severity-threshold hint turns into exit code 1', () => {
    const dir = workspace(`${UNDEFINED_NETWORK}
//- /hint.json
{ "rules.severity": { "LAMBDA_VPC_UNNEEDED": "hint" } }
`);
    // Before: "… 0 warning(s), 2 information" and exit 1 with no hint counted anywhere.
    const r = run(['check', 'cfn', '--config', 'hint.json', '--severity-threshold', 'hint'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /: 0 errors, 0 warnings, \d+ information, 1 hint\n$/);
    assert.strictEqual(run(['check', 'cfn', '--config', 'hint.json', '--severity-threshold', 'information'], dir).status, 1);
    assert.strictEqual(run(['check', 'cfn', '--config', 'hint.json', '--severity-threshold', 'warning'], dir).status, 0);
  });

  it('the text report says a subnet list the workspace does not define is unknown, not "1 subnet"', () => {
    const dir = workspace(`
//- /main.tf
variable "subnets" { type = list(string) }
variable "sgs" { type = list(string) }
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = var.subnets
    security_group_ids = var.sgs
  }
}
`);
    const r = run(['check', '.'], dir);
    assert.match(r.stdout, /aws_lambda_function\.f \(main\.tf:3; VPC \(unknown\), subnets unknown\)/);
    // Nor "0 Hyperplane ENIs", which reads as a fact.
    assert.match(r.stdout, /^1 function, 0 known Hyperplane ENIs \(and an unknown number for 1 function whose subnets are unknown\): /m);
  });

  it('a folder without any Terraform or CloudFormation file says so on stderr (exit 0, empty report)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-cliaudit3-empty-'));
    const r = run(['check', '--format', 'json'], dir);
    assert.strictEqual(r.status, 0);
    assert.strictEqual(r.stderr, 'hyperplane-lens: notice: no Terraform or CloudFormation/SAM file found under .\n');
    assert.deepStrictEqual(JSON.parse(r.stdout), { schemaVersion: 1, functions: [], hyperplaneEnis: [], diagnostics: [] });
  });

  it('explain: --path is used, the table header has no stray pipe, a rule is not cited twice, undefined subnets are named', () => {
    const dir = workspace(`${UNDEFINED_NETWORK}
//- /tf/novpc.tf
resource "aws_lambda_function" "novpc" {
  function_name = "novpc"
  role          = "arn:aws:iam::123456789012:role/x"
}
`);
    // Before: --path was parsed and dropped, so the function was not found in the working directory.
    const novpc = run(['explain', 'novpc', '--to', 'internet', '--path', 'tf'], dir);
    assert.strictEqual(novpc.status, 0, novpc.stderr);
    // Before: "  | hop  decision" and "… runs in the Lambda-owned VPC (M1) (rule M1)".
    assert.match(novpc.stdout, /^ {4}hop {2}decision$/m);
    assert.ok(!/^\s*\|/m.test(novpc.stdout), novpc.stdout);
    assert.match(novpc.stdout, /^ {2}✓ {2}Lambda service VPC {2}a function without VPC config runs in the Lambda-owned VPC \(rule M1\)$/m);
    assert.match(novpc.stdout, /^ {2}✓ {2}internet {2}reached \(rule E1\)$/m);
    // Before: "in subnets aws_subnet.a, 1 unknown subnet" although the ENI list names subnet-0aaa.
    const mixed = run(['explain', 'mixed', '--to', 'internet', 'tf'], dir);
    assert.match(mixed.stdout, /through 2 Hyperplane ENIs in subnets aws_subnet\.a, subnet-0aaa\./);
    // Before: "in subnets the workspace does not define (its subnets are not known)".
    const whole = run(['explain', 'Whole', '--to', 's3', 'cfn'], dir);
    assert.match(whole.stdout, /in subnets parameter SubnetIds \(not defined in the workspace: parameter SubnetIds has no default\)/);
  });

  it('diagram of a workspace without functions: well-formed SVG, whole titles, badge text inside its badge', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-cliaudit3-nofn-'));
    writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n');
    const r = run(['diagram', '.', '--out', 'x.svg'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, 'wrote x.svg: 0 functions, 5 boxes\n');
    const svg = readFileSync(path.join(dir, 'x.svg'), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/m);
    // Before: "Lambda service VPC (AWS-manage…" in a box too narrow for its bold title.
    assert.match(svg, />Lambda service VPC \(AWS-managed\)</);
    assert.ok(!svg.includes('…'), 'no title is cut');
    // Before: "WWW" (10px bold) ran past the 28px badge.
    assert.match(svg, /<text class="badge-text"[^>]*textLength="24" lengthAdjust="spacingAndGlyphs"[^>]*>WWW</);
  });
});

describe('SARIF locations and limits (renderSarif)', () => {
  const range = { start: { line: 4, character: 2 }, end: { line: 6, character: 1 } };
  const diagnostic = (file: string, severity: JsonDiagnostic['severity'], n = 0): JsonDiagnostic => ({ code: 'tf-unknown-count', severity, file, range, message: `problem ${n}`, related: [] });
  const report = (diagnostics: JsonDiagnostic[]): JsonReport => ({ schemaVersion: 1, functions: [], hyperplaneEnis: [], diagnostics });

  it('a file outside the working directory is an absolute file URI without uriBaseId', () => {
    // Before: uri '../sam/template.yaml' against %SRCROOT%, which names a file outside the repository root.
    const log = renderSarif(report([diagnostic('../sam/my template.yaml', 'warning'), diagnostic('infra/main.tf', 'warning', 1), diagnostic('D:/data/main.tf', 'warning', 2)]), '0.0.0', (d) => d.message, { cwd: '/w/infra' });
    const uris = (log.runs[0]?.results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation);
    assert.deepStrictEqual(uris, [{ uri: 'file:///w/sam/my%20template.yaml' }, { uri: 'infra/main.tf', uriBaseId: '%SRCROOT%' }, { uri: 'file:///D:/data/main.tf' }]);
    const region = log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region;
    assert.deepStrictEqual(region, { startLine: 5, startColumn: 3, endLine: 7, endColumn: 2 });
    // Before: no columnKind, so readers took the columns (LSP's UTF-16 code units) for code points.
    assert.strictEqual(log.runs[0]?.columnKind, 'utf16CodeUnits');
  });

  it(`keeps the ${MAX_SARIF_RESULTS} most severe results (GitHub rejects a run with more)`, () => {
    const many = Array.from({ length: MAX_SARIF_RESULTS + 2 }, (_v, i) => diagnostic('a.tf', i === 7 || i === 9 ? 'error' : 'information', i));
    const results = renderSarif(report(many), '0.0.0', (d) => d.message).runs[0]?.results ?? [];
    assert.strictEqual(results.length, MAX_SARIF_RESULTS);
    assert.deepStrictEqual(results.filter((r) => r.level === 'error').map((r) => r.message.text), ['problem 7', 'problem 9']);
  });

  it('a --config key the CLI does not use is named on stderr: a typo, an editor-only setting', () => {
    const dir = workspace(UNDEFINED_NETWORK);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ enable: false, 'rules.disable': ['SG_NO_EGRESS'], rules: { severity: { LAMBDA_SINGLE_AZ: 'off' } } }));
    const result = run(['check', 'tf', '--config', 'config.json'], dir);
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.strictEqual(result.stderr, [
      'hyperplane-lens: notice: config.json: setting "enable" applies to the editor only; the CLI ignores it',
      'hyperplane-lens: notice: config.json: unknown setting "rules.disable" is ignored',
      '',
    ].join('\n'));
  });

  it('paths named in problem messages are relative to the working directory, like the files', () => {
    const dir = workspace(`
//- /ws/main.tf
resource "aws_vpc" "v" {
  cidr_block = file("\${path.module}/nothere.txt")
}
`);
    const result = run(['check', 'ws', '--format', 'json', '--severity-threshold', 'none'], dir);
    const report = JSON.parse(result.stdout) as JsonReport;
    const unread = report.diagnostics.find((d: JsonDiagnostic) => d.code === 'tf-file-unread');
    assert.match(unread?.message ?? '', /^ws\/nothere\.txt is read by file\(\)/);
    assert.ok(!result.stdout.includes(dir), 'no absolute path of the checkout in the report');
  });
});
