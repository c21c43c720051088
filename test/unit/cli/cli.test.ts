// The CLI as a user runs it (the built dist/cli.js in a child process): each command and format, exit
// codes, and clear errors for bad flags, missing paths and unreadable files.

import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JsonReport } from '../../../server/src/ide/report';
import { sarifViolations } from './sarifShape';
import { runCli, type CliRun } from './cliProcess';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

const run = (args: string[], cwd = repo): CliRun => runCli(args, cwd);

describe('hyperplane-lens CLI', function () {
  this.timeout(60000);

  it('check --format json follows the schemaVersion 1 contract on examples/', () => {
    const r = run(['check', 'examples', '--format', 'json']);
    assert.strictEqual(r.status, 1, r.stderr); // the examples have error-level findings
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.strictEqual(report.schemaVersion, 1);
    const reports = report.functions.find((f) => f.id === 'aws_lambda_function.reports');
    assert.ok(reports, 'aws_lambda_function.reports is listed');
    assert.strictEqual(reports.file, 'examples/terraform/lambda.tf');
    assert.strictEqual(reports.vpcAttached, true);
    assert.deepStrictEqual(reports.subnets, ['aws_subnet.data["a"]', 'aws_subnet.data["b"]']);
    assert.strictEqual(reports.reach.s3?.status, 'no');
    assert.strictEqual(reports.reach.s3?.blockedAt, 'aws_route_table.data');
    assert.ok((reports.reach.s3?.fixes.length ?? 0) >= 1);
    assert.strictEqual(reports.reach.s3?.needed, true);
    assert.ok((reports.reach.s3?.neededBecause.length ?? 0) >= 1, 'a needed destination says why');
    const orders = report.functions.find((f) => f.id === 'aws_lambda_function.orders');
    assert.strictEqual(orders?.reach.internet?.status, 'partial');
    assert.deepStrictEqual(orders?.reach.internet?.bySubnet, { 'aws_subnet.app_a': 'yes', 'aws_subnet.app_b': 'no' });
    assert.deepStrictEqual(orders?.sharesEniWith, ['aws_lambda_function.audit']);
    const inventory = report.functions.find((f) => f.id === 'InventoryFunction');
    assert.strictEqual(inventory?.reach.s3?.via, 'gateway-endpoint');
    assert.ok(report.diagnostics.some((d) => d.code === 'LAMBDA_NO_ROUTE_S3' && d.file === 'examples/terraform/lambda.tf' && d.related.length > 0));
    assert.ok(report.hyperplaneEnis.some((e) => e.functions.length === 2));
  });

  it('check --format text groups by file and ends with a summary', () => {
    const r = run(['check', 'examples']);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^examples\/terraform\/lambda\.tf$/m);
    assert.match(r.stdout, /LAMBDA_NO_ROUTE_S3/);
    assert.match(r.stdout, /\d+ functions?, \d+ Hyperplane ENIs?: \d+ errors?/);
    // Each finding's related locations follow it; each function lists what it needs apart from the rest.
    assert.match(r.stdout, /\[LAMBDA_NO_ROUTE_S3\]\n +↳ examples\/terraform\/network\.tf:\d+:\d+ /);
    assert.match(r.stdout, /^ {2}aws_lambda_function\.reports \(examples\/terraform\/lambda\.tf:\d+; .+\)\n {4}needs {3}(.* )?s3 ✗.*\n {4}others {2}/m);
    assert.match(r.stdout, /✓ reachable {2}◐ from some subnets only {2}✗ blocked {2}\? unknown/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colours when not a terminal');
  });

  it('check --format sarif is valid SARIF 2.1.0 with stable fingerprints', () => {
    const first = run(['check', 'examples', '--format', 'sarif']);
    const log: unknown = JSON.parse(first.stdout);
    assert.deepStrictEqual(sarifViolations(log), []);
    // Fingerprints survive an edit that moves lines.
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-sarif-'));
    mkdirSync(path.join(dir, 'tf'));
    for (const f of ['main.tf', 'network.tf', 'security.tf', 'data.tf', 'lambda.tf']) writeFileSync(path.join(dir, 'tf', f), readFileSync(path.join(repo, 'examples', 'terraform', f), 'utf8'));
    const fingerprints = (): string[] => {
      const out = JSON.parse(run(['check', '.', '--format', 'sarif'], dir).stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
      const first = out.runs[0];
      assert.ok(first, 'the SARIF log has a run');
      return first.results
        .map((x) => {
          const fingerprint = Object.values(x.partialFingerprints)[0];
          assert.ok(fingerprint !== undefined, 'every result has a fingerprint');
          return fingerprint;
        })
        .sort();
    };
    const before = fingerprints();
    writeFileSync(path.join(dir, 'tf', 'lambda.tf'), '\n\n# moved down\n' + readFileSync(path.join(dir, 'tf', 'lambda.tf'), 'utf8'));
    assert.deepStrictEqual(fingerprints(), before);
  });

  it('--output writes the report to a file and --severity-threshold decides the exit code', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'hl-out-')), 'report.json');
    const r = run(['check', 'examples/sam', '--format', 'json', '--output', out]);
    assert.strictEqual(r.stdout, '');
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    assert.ok(report.functions.some((f) => f.id === 'InventoryFunction'));
    assert.strictEqual(run(['check', 'examples', '--severity-threshold', 'none']).status, 0);
  });

  it('--config applies the editor settings (disabled rules)', () => {
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'hl-cfg-')), 'config.json');
    writeFileSync(config, JSON.stringify({ 'rules.disabled': ['LAMBDA_NO_ROUTE_S3', 'LAMBDA_NO_ROUTE_TARGET', 'LAMBDA_NO_ROUTE_INTERNET', 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'] }));
    const r = run(['check', 'examples', '--format', 'json', '--config', config]);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.ok(!report.diagnostics.some((d) => d.code === 'LAMBDA_NO_ROUTE_S3'));
  });

  it('explain prints the path, the blocking component and the fixes', () => {
    const r = run(['explain', 'aws_lambda_function.reports', '--to', 's3', 'examples']);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /aws_route_table\.data/);
    assert.match(r.stdout, /associate aws_vpc_endpoint\.s3 with aws_route_table\.data/i);
  });

  it('explain finds a function in a module by the end of its address, when only one ends so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-explain-'));
    const fn = (name: string): string => `resource "aws_lambda_function" "this" {\n  function_name = "${name}"\n  role = "arn:aws:iam::123456789012:role/r"\n}\n`;
    mkdirSync(path.join(dir, 'fn'));
    writeFileSync(path.join(dir, 'fn', 'main.tf'), fn('from-module'));
    writeFileSync(path.join(dir, 'main.tf'), 'module "api" {\n  source = "./fn"\n}\n');
    const one = run(['explain', 'aws_lambda_function.this', '--to', 's3', dir]);
    assert.strictEqual(one.status, 0, one.stderr);
    assert.match(one.stdout, /^module\.api\.aws_lambda_function\.this/m);
    // A second function whose address ends the same way makes the short name ambiguous: an error naming both.
    writeFileSync(path.join(dir, 'other.tf'), 'module "jobs" {\n  source = "./fn"\n}\n');
    const two = run(['explain', 'aws_lambda_function.this', '--to', 's3', dir]);
    assert.strictEqual(two.status, 2);
    assert.match(two.stderr, /module\.api\.aws_lambda_function\.this.*module\.jobs\.aws_lambda_function\.this|module\.jobs\.aws_lambda_function\.this.*module\.api\.aws_lambda_function\.this/);
  });

  it('a function on Lambda Managed Instances: not VPC-attached, its capacity provider, subnets and groups', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-lmi-'));
    writeFileSync(path.join(dir, 'template.yaml'), `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: lmi, VpcId: !Ref Vpc } }
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [!Ref SubA], SecurityGroupIds: [!Ref Sg] }
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: handler.lambda_handler
      CodeUri: src/
      CapacityProviderConfig: { Arn: !GetAtt Provider.Arn }
`);
    const report = JSON.parse(run(['check', dir, '--format', 'json', '--region', 'eu-west-1']).stdout) as JsonReport;
    const fn = report.functions.find((f) => f.id === 'Processor');
    assert.ok(fn, 'Processor is listed');
    assert.deepEqual([fn.vpcAttached, fn.capacityProvider, fn.vpc, fn.subnets, fn.securityGroups], [false, 'Provider', 'Vpc', ['SubA'], ['Sg']]);
    assert.deepEqual(report.hyperplaneEnis, []);
    assert.match(run(['check', dir, '--region', 'eu-west-1']).stdout, /Processor \(\S*template\.yaml:\d+; Lambda Managed Instances of Provider in VPC Vpc, 1 subnet\)/);
  });

  it('check of one file reports the functions of the local modules it calls from outside the paths given', () => {
    // terraform-aws-lambda/examples/with-vpc: main.tf calls `../../`, where the function is declared.
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-onefile-'));
    mkdirSync(path.join(dir, 'examples', 'app'), { recursive: true });
    writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_lambda_function" "this" {\n  function_name = "f"\n  role = "arn:aws:iam::123456789012:role/r"\n}\n');
    writeFileSync(path.join(dir, 'examples', 'app', 'main.tf'), 'module "fn" {\n  source = "../../"\n}\n');
    const r = run(['check', path.join(dir, 'examples', 'app', 'main.tf'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.functions.map((f) => f.id), ['module.fn.aws_lambda_function.this']);
  });

  it('explain finds a function of a nested stack by its logical id', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-explain-nested-'));
    writeFileSync(path.join(dir, 'main.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Api:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./api.yaml\n");
    writeFileSync(path.join(dir, 'api.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Handler:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      Runtime: python3.12\n      Handler: index.handler\n      Code: { ZipFile: x }\n");
    const r = run(['explain', 'Handler', '--to', 's3', dir]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Api\/Handler$/m);
  });

  it('usage errors exit with code 2 and a clear message', () => {
    for (const args of [['check', '--format', 'xml', 'examples'], ['check', '--bogus'], ['check', 'no/such/path'], ['frobnicate'], ['explain'], ['check', 'examples', '--config', 'no/such/config.json']]) {
      const r = run(args);
      assert.strictEqual(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /^hyperplane-lens: /, args.join(' '));
    }
  });

  it('--help is available for every command', () => {
    for (const command of ['check', 'explain', 'diagram']) {
      const r = run([command, '--help']);
      assert.strictEqual(r.status, 0);
      assert.match(r.stdout, new RegExp(`Usage: hyperplane-lens ${command}`));
    }
  });

  it('bad input never crashes: binary, invalid UTF-8, empty, huge and non-CloudFormation files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-bad-'));
    writeFileSync(path.join(dir, 'binary.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
    writeFileSync(path.join(dir, 'latin1.tf'), Buffer.from('resource "aws_vpc" "caf\xe9" {}\n', 'latin1'));
    writeFileSync(path.join(dir, 'empty.tf'), '');
    writeFileSync(path.join(dir, 'workflow.yaml'), 'on: push\njobs: {build: {runs-on: ubuntu-latest}}\n');
    writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "version": "1.0.0"}\n');
    writeFileSync(path.join(dir, 'huge.tf'), '#'.repeat(6 * 1024 * 1024));
    const r = run(['check', '.', '--format', 'json'], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const codes = report.diagnostics.map((d) => `${d.file}:${d.code}`);
    assert.ok(codes.includes('huge.tf:file-too-large'), codes.join(', '));
    assert.ok(codes.includes('latin1.tf:invalid-utf8'), codes.join(', '));
    assert.ok(!codes.some((c) => c.startsWith('binary.tf') || c.startsWith('workflow.yaml') || c.startsWith('package.json')), codes.join(', '));
  });
});
