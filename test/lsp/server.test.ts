// Language-server round trips: the real server in process (and once over --stdio as another editor would
// start it), real documents, real analysis: diagnostics, hover, code lens, symbols and the custom requests.

import * as assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver';
import type { FunctionSummary } from '../../server/src/protocol/requests';
import { startInProcess, startStdio, type TestClient } from './lspTestClient';

const repo = path.resolve(__dirname, '..', '..', '..');
const examples = path.join(repo, 'examples');
const uri = (p: string): string => pathToFileURL(p).toString();

describe('language server', () => {
  let client: TestClient;
  afterEach(() => client?.dispose());

  it('reports an HCL syntax error with its exact range and keeps the rest of the file', async () => {
    client = startInProcess();
    await client.initialize(null);
    const text = 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n\nresource "aws_subnet" "b" {\n  vpc_id = aws_vpc.a.id\n}\n';
    const doc = 'untitled:broken.tf';
    await client.open(doc, 'terraform', text);
    const diagnostics = await client.waitForDiagnostics(doc, (d) => d.some((x) => x.source === 'Hyperplane Lens'));
    const syntax = diagnostics.find((d) => String(d.code).includes('syntax'));
    assert.ok(syntax, JSON.stringify(diagnostics));
    assert.strictEqual(syntax.range.start.line, 1);
  });

  it('reports a YAML syntax error in a CloudFormation template', async () => {
    client = startInProcess();
    await client.initialize(null);
    const doc = 'untitled:template.yaml';
    await client.open(doc, 'yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: "10.0.0.0/16"\n');
    const diagnostics = await client.waitForDiagnostics(doc, (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.severity === 1 && d.source === 'Hyperplane Lens'), JSON.stringify(diagnostics));
  });

  it('starts no analysis after the shutdown request', async () => {
    client = startInProcess();
    await client.initialize(null);
    const doc = 'untitled:main.tf';
    await client.open(doc, 'terraform', 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n');
    await client.waitForDiagnostics(doc, (d) => d.length > 0);
    await client.request('shutdown', null);
    await client.change(doc, 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    // Messages are handled in order: once a later request is answered, the edit has been seen (an unknown
    // command is answered without analysing, unlike most requests, which bring the analysis up to date).
    await client.request('workspace/executeCommand', { command: 'not-a-command' });
    assert.strictEqual(client.service?.pendingWork, false, 'the edit after shutdown scheduled an analysis');
  });

  it('ignores YAML that is not CloudFormation', async () => {
    client = startInProcess();
    await client.initialize(null);
    const doc = 'untitled:workflow.yaml';
    await client.open(doc, 'yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [ {uses: actions/checkout@v4 }\n');
    const other = 'untitled:marker.tf';
    await client.open(other, 'terraform', 'locals {\n  a = \n}\n');
    await client.waitForDiagnostics(other, (d) => d.length > 0);
    assert.deepStrictEqual(client.diagnostics.get(doc) ?? [], []);
  });

  describe('on examples/', () => {
    const lambdaTf = path.join(examples, 'terraform', 'lambda.tf');
    before(function () {
      if (!existsSync(lambdaTf)) throw new Error('examples/terraform/lambda.tf is missing');
    });

    it('publishes findings for the functions, hovers them and lenses them', async () => {
      client = startInProcess();
      await client.initialize(examples);
      const doc = uri(lambdaTf);
      await client.open(doc, 'terraform', readFileSync(lambdaTf, 'utf8'));
      const diagnostics: Diagnostic[] = await client.waitForDiagnostics(doc, (d) => d.some((x) => String(x.code).startsWith('LAMBDA_')), 20000);
      assert.ok(diagnostics.every((d) => d.source === 'Hyperplane Lens'));

      const text = readFileSync(lambdaTf, 'utf8');
      const line = text.split('\n').findIndex((l) => l.includes('resource "aws_lambda_function" "orders"'));
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line, character: 12 } });
      assert.ok(hover, 'no hover on the orders function');
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /Lambda service VPC/);
      assert.match(value, /audit/); // shares its Hyperplane ENIs with audit

      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: doc } });
      assert.strictEqual(lenses.length, 3);
      assert.ok(lenses.every((l) => l.command && l.command.title.length > 0));

      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc } });
      assert.ok(symbols.some((s) => s.name === 'aws_lambda_function.orders'));

      // A quick fix for the finding on reports, as an editor asks for it.
      const target = diagnostics.find((d) => d.code === 'LAMBDA_NO_ROUTE_TARGET');
      assert.ok(target, JSON.stringify(diagnostics.map((d) => d.code)));
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: target.range, context: { diagnostics: [target] } });
      const ingress = actions.find((a) => /allow ingress tcp 5432/i.test(a.title));
      assert.ok(ingress?.edit?.changes, actions.map((a) => a.title).join(' | '));
      const securityTf = Object.keys(ingress.edit.changes).find((u) => u.endsWith('/security.tf'));
      assert.ok(securityTf && ingress.edit.changes[securityTf]?.[0]?.newText.includes('security_groups = [aws_security_group.reports.id]'));

      // Go to definition and find references on `aws_subnet.app_a` in the orders function.
      const refLine = text.split('\n').findIndex((l) => l.includes('aws_subnet.app_a.id'));
      const refText = text.split('\n')[refLine];
      assert.ok(refText !== undefined, 'the orders function references aws_subnet.app_a');
      const refChar = refText.indexOf('aws_subnet.app_a') + 4;
      const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: doc }, position: { line: refLine, character: refChar } });
      assert.ok(definition.some((l) => l.uri.endsWith('/network.tf')), JSON.stringify(definition));
      const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: doc }, position: { line: refLine, character: refChar }, context: { includeDeclaration: false } });
      assert.ok(references.filter((l) => l.uri.endsWith('/lambda.tf')).length >= 2, JSON.stringify(references));

      const functions = await client.request<FunctionSummary[]>('hyperplaneLens/listFunctions', {});
      assert.ok(functions.some((f) => f.address === 'InventoryFunction'), 'the SAM function is listed too');
      const explain = await client.request<{ markdown: string }>('hyperplaneLens/explain', { functionId: 'aws_lambda_function.reports', destination: 's3' });
      assert.match(explain.markdown, /S3/);
    });
  });

  it('answers over --stdio as a standalone server', async function () {
    const serverJs = path.join(repo, 'dist', 'server.js');
    if (!existsSync(serverJs)) throw new Error('dist/server.js is missing: run `node scripts/build.mjs` first');
    client = startStdio(serverJs);
    await client.initialize(null);
    const doc = 'untitled:stdio.tf';
    await client.open(doc, 'terraform', 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n');
    const diagnostics = await client.waitForDiagnostics(doc, (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.severity === 1));
  });
});

describe('language server on unsaved documents', () => {
  it('hovers a counted subnet once per instance, with what they share said once', async () => {
    const client = startInProcess();
    try {
      await client.initialize(null);
      const text = `provider "aws" { region = "eu-west-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = aws_vpc.v.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b", "eu-west-1c"][count.index]
}
`;
      const doc = 'untitled:counted.tf';
      await client.open(doc, 'terraform', text);
      const line = text.split('\n').findIndex((l) => l.startsWith('resource "aws_subnet"'));
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line, character: 12 } });
      const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      for (const i of [0, 1, 2]) assert.ok(value.includes(`**aws_subnet.private[${i}]**`), value);
      // The VPC's ENI quota is the same for the three: said once, after them.
      assert.strictEqual(value.match(/the quota is/g)?.length, 1, value);
      assert.ok(value.lastIndexOf('the quota is') > value.indexOf('**aws_subnet.private[2]**'), value);
    } finally {
      client.dispose();
    }
  });

  it('analyses an untitled Terraform document by its language', async () => {
    const client = startInProcess();
    try {
      await client.initialize(null);
      const doc = 'untitled:Untitled-1';
      await client.open(doc, 'terraform', 'resource "aws_vpc" "a" {\n  cidr_block = \n}\n');
      const diagnostics = await client.waitForDiagnostics(doc, (d) => d.length > 0);
      assert.ok(diagnostics.some((d) => d.severity === 1 && d.range.start.line === 1), JSON.stringify(diagnostics));
    } finally {
      client.dispose();
    }
  });
});
