// Editor features as a user meets them, through the real server: quick fixes applied the way an editor applies
// them (file style kept: tabs, CRLF, YAML flow style; the finding gone; the file still parses), hovers that show
// values people can read (no internal ids), the instance a reference names, and Find All References.

import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, Location, MarkupContent, TextEdit } from 'vscode-languageserver';
import { startInProcess, type TestClient } from './lspTestClient';

const repo = path.resolve(__dirname, '..', '..', '..');
const uri = (p: string): string => pathToFileURL(p).toString();

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in the text`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/** Problems that are not findings (syntax, front-end): an edit must never add one. */
const notFindings = (d: readonly Diagnostic[]): Diagnostic[] => d.filter((x) => x.severity === 1 && !/^[A-Z][A-Z0-9_]+$/.test(String(x.code)));

class Workspace {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'hl-audit3-'));
  readonly texts = new Map<string, string>();
  constructor(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(this.dir, name), text);
      this.texts.set(uri(path.join(this.dir, name)), text);
    }
  }
  uri(name: string): string {
    return uri(path.join(this.dir, name));
  }
  text(name: string): string {
    return this.texts.get(this.uri(name)) ?? '';
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Initializes on `dir` and resolves once the first analysis (after the workspace scan) is done. */
async function initialized(client: TestClient, dir: string): Promise<void> {
  const idle = new Promise<void>((resolve) => client.connection.onNotification('hyperplaneLens/analysisState', (p: { state: string }) => p.state === 'idle' && resolve()));
  await client.initialize(dir);
  await idle;
}

async function openAll(client: TestClient, ws: Workspace): Promise<void> {
  await initialized(client, ws.dir);
  for (const [u, text] of ws.texts) await client.open(u, /\.tf$/.test(u) ? 'terraform' : u.endsWith('.json') ? 'json' : 'yaml', text);
}

/** A request brings the analysis up to date; its diagnostics are published before the answer. */
async function settle(client: TestClient, u: string): Promise<void> {
  await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
}

async function fixesFor(client: TestClient, u: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  const diagnostics = await client.waitForDiagnostics(u, (d) => d.some((x) => x.code === code), 20000);
  const diagnostic = diagnostics.find((x) => x.code === code);
  assert.ok(diagnostic);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return { diagnostic, actions };
}

/** Applies a fix as an editor does (every file it edits), and returns the new texts. */
async function applyFix(client: TestClient, ws: Workspace, action: CodeAction): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [u, edits] of Object.entries(action.edit?.changes ?? {})) {
    const next = applyEdits(ws.texts.get(u) ?? '', edits);
    out.set(u, next);
    await client.change(u, next);
  }
  return out;
}

async function hover(client: TestClient, u: string, text: string, needle: string, delta = 1): Promise<string> {
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, needle, delta) });
  assert.ok(h, `no hover on ${needle}`);
  return (h.contents as MarkupContent).value;
}

const tabsCrlfNetwork = [
  'resource "aws_vpc" "v" {',
  '\tcidr_block = "10.0.0.0/16"',
  '}',
  '',
  'resource "aws_subnet" "a" {',
  '\tvpc_id = aws_vpc.v.id',
  '\tcidr_block = "10.0.1.0/24"',
  '\tavailability_zone = "us-east-1a"',
  '}',
  '',
  'resource "aws_subnet" "pub" {',
  '\tvpc_id = aws_vpc.v.id',
  '\tcidr_block = "10.0.2.0/24"',
  '\tavailability_zone = "us-east-1a"',
  '}',
  '',
  'resource "aws_internet_gateway" "igw" {',
  '\tvpc_id = aws_vpc.v.id',
  '}',
  '',
  'resource "aws_nat_gateway" "n" {',
  '\tsubnet_id = aws_subnet.pub.id',
  '\tallocation_id = "eipalloc-1"',
  '}',
  '',
  'resource "aws_route_table" "pub" {',
  '\tvpc_id = aws_vpc.v.id',
  '\troute {',
  '\t\tcidr_block = "0.0.0.0/0"',
  '\t\tgateway_id = aws_internet_gateway.igw.id',
  '\t}',
  '}',
  '',
  'resource "aws_route_table_association" "pub" {',
  '\tsubnet_id = aws_subnet.pub.id',
  '\troute_table_id = aws_route_table.pub.id',
  '}',
  '',
  'resource "aws_route_table" "priv" {',
  '\tvpc_id = aws_vpc.v.id',
  '}',
  '',
  'resource "aws_route_table_association" "a" {',
  '\tsubnet_id = aws_subnet.a.id',
  '\troute_table_id = aws_route_table.priv.id',
  '}',
  '',
].join('\r\n');

const lambdaNoTrailingNewline = `provider "aws" {
  region = "us-east-1"
}

resource "aws_iam_role" "r" {
  assume_role_policy = "{}"
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  runtime       = "python3.12"
  handler       = "a.b"
  filename      = "x.zip"
  environment {
    variables = { API = "https://api.example.com" }
  }
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}`;

const flowTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: {Type: "AWS::EC2::VPC", Properties: {CidrBlock: 10.0.0.0/16}}
  SubnetA: {Type: "AWS::EC2::Subnet", Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}}
  Rt: {Type: "AWS::EC2::RouteTable", Properties: {VpcId: !Ref Vpc}}
  AssocA: {Type: "AWS::EC2::SubnetRouteTableAssociation", Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref Rt}}
  S3Ep: {Type: "AWS::EC2::VPCEndpoint", Properties: {VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3", VpcEndpointType: Gateway, RouteTableIds: []}}
  FnSg: {Type: "AWS::EC2::SecurityGroup", Properties: {GroupDescription: fn, VpcId: !Ref Vpc, SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]}}
  DbSg: {Type: "AWS::EC2::SecurityGroup", Properties: {GroupDescription: db, VpcId: !Ref Vpc}}
  DbSubnets: {Type: "AWS::RDS::DBSubnetGroup", Properties: {DBSubnetGroupDescription: d, SubnetIds: [!Ref SubnetA]}}
  Db: {Type: "AWS::RDS::DBInstance", Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!GetAtt DbSg.GroupId]}}
  Bucket: {Type: "AWS::S3::Bucket"}
  Role: {Type: "AWS::IAM::Role", Properties: {AssumeRolePolicyDocument: {}}}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Runtime: python3.12
      Handler: a.b
      Code: {ZipFile: "x"}
      Environment: {Variables: {DB: !GetAtt Db.Endpoint.Address, BUCKET: !Ref Bucket}}
      VpcConfig: {SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!GetAtt FnSg.GroupId]}
`;

describe('editor audit 3: quick fixes, hovers and references through the server', () => {
  let client: TestClient;
  let ws: Workspace | undefined;
  afterEach(() => {
    client?.dispose();
    ws?.dispose();
    ws = undefined;
  });

  it('writes a Terraform fix in the file\'s tabs and CRLF line ends, and appends after a last line without newline', async () => {
    ws = new Workspace({ 'network.tf': tabsCrlfNetwork, 'lambda.tf': lambdaNoTrailingNewline });
    client = startInProcess();
    await openAll(client, ws);
    const lambda = ws.uri('lambda.tf');
    const network = ws.uri('network.tf');

    const { actions } = await fixesFor(client, lambda, 'LAMBDA_NO_ROUTE_INTERNET');
    const route = actions.find((a) => /^Route 0\.0\.0\.0\/0 in aws_route_table\.priv/.test(a.title));
    assert.ok(route, actions.map((a) => a.title).join(' | '));
    const inserted = route.edit?.changes?.[network]?.[0]?.newText ?? '';
    assert.strictEqual(inserted, '\r\n\troute {\r\n\t\tcidr_block     = "0.0.0.0/0"\r\n\t\tnat_gateway_id = aws_nat_gateway.n.id\r\n\t}\r\n');
    const after = await applyFix(client, ws, route);
    const fixed = after.get(network) ?? '';
    assert.ok(!/[^\r]\n/.test(fixed), 'every line still ends with CRLF');
    assert.ok(fixed.startsWith(tabsCrlfNetwork.slice(0, tabsCrlfNetwork.indexOf('resource "aws_route_table" "priv"'))), 'nothing before the edited block changed');
    await settle(client, lambda);
    assert.ok(!(client.diagnostics.get(lambda) ?? []).some((d) => d.code === 'LAMBDA_NO_ROUTE_INTERNET'), JSON.stringify(client.diagnostics.get(lambda)));
    assert.deepStrictEqual(notFindings(client.diagnostics.get(network) ?? []), []);
    await client.change(network, tabsCrlfNetwork);

    const role = await fixesFor(client, lambda, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS');
    const attach = role.actions[0];
    assert.ok(attach);
    const appended = (await applyFix(client, ws, attach)).get(lambda) ?? '';
    assert.ok(appended.startsWith(lambdaNoTrailingNewline + '\n\nresource "aws_iam_role_policy_attachment" "vpc_access" {\n  role       = aws_iam_role.r.name\n'), appended);
    assert.ok(appended.endsWith('}\n'));
    await settle(client, lambda);
    assert.deepStrictEqual(notFindings(client.diagnostics.get(lambda) ?? []), []);
    assert.ok(!(client.diagnostics.get(lambda) ?? []).some((d) => d.code === 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'));
  });

  it('keeps a YAML template in flow style: list items, an empty list, a new property', async () => {
    ws = new Workspace({ 'template.yaml': flowTemplate });
    client = startInProcess();
    await openAll(client, ws);
    const template = ws.uri('template.yaml');

    const target = await fixesFor(client, template, 'LAMBDA_NO_ROUTE_TARGET');
    const both = target.actions.find((a) => /egress tcp 5432/.test(a.title) && /ingress tcp 5432/.test(a.title));
    assert.ok(both, target.actions.map((a) => a.title).join(' | '));
    const edits = both.edit?.changes?.[template] ?? [];
    assert.ok(edits.some((e) => e.newText === ', {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: "10.0.1.0/24"}'), JSON.stringify(edits));
    await applyFix(client, ws, both);
    await settle(client, template);
    let now = client.diagnostics.get(template) ?? [];
    assert.deepStrictEqual(notFindings(now), []);
    assert.ok(!now.some((d) => d.code === 'LAMBDA_NO_ROUTE_TARGET'), JSON.stringify(now.map((d) => d.message)));
    await client.change(template, flowTemplate);

    const s3 = await fixesFor(client, template, 'LAMBDA_NO_ROUTE_S3');
    const associate = s3.actions.find((a) => a.title === 'Associate S3Ep with Rt');
    assert.ok(associate, s3.actions.map((a) => a.title).join(' | '));
    assert.ok((await applyFix(client, ws, associate)).get(template)?.includes('RouteTableIds: [!Ref Rt]}}'));
    await settle(client, template);
    now = client.diagnostics.get(template) ?? [];
    assert.deepStrictEqual(notFindings(now), []);
    assert.ok(!now.some((d) => d.code === 'LAMBDA_NO_ROUTE_S3'));
    await client.change(template, flowTemplate);

    const role = await fixesFor(client, template, 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS');
    const attach = role.actions[0];
    assert.ok(attach);
    const text = (await applyFix(client, ws, attach)).get(template) ?? '';
    assert.ok(text.includes('Properties: {AssumeRolePolicyDocument: {}, ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]}}'), text);
    await settle(client, template);
    now = client.diagnostics.get(template) ?? [];
    assert.deepStrictEqual(notFindings(now), []);
    assert.ok(!now.some((d) => d.code === 'LAMBDA_ROLE_MISSING_ENI_PERMISSIONS'));
  });

  it('hovers CloudFormation references with readable values, never internal ids', async () => {
    ws = new Workspace({ 'template.yaml': flowTemplate });
    client = startInProcess();
    await openAll(client, ws);
    const template = ws.uri('template.yaml');
    await settle(client, template);
    const ref = await hover(client, template, flowTemplate, '!Ref Bucket', 6);
    assert.ok(!/<ref|\.yaml::|hl-audit3/.test(ref), ref);
    assert.match(ref, /^`Bucket`: the physical ID of `Bucket` \(AWS::S3::Bucket\), known after deployment/);
    const getAtt = await hover(client, template, flowTemplate, '!GetAtt Db.Endpoint.Address', 10);
    assert.match(getAtt, /^`Db\.Endpoint\.Address`: the Endpoint\.Address of `Db` \(AWS::RDS::DBInstance\), known after deployment/);
    const region = await hover(client, template, flowTemplate, '${AWS::Region}', 4);
    // The value in code, where it came from in words after it.
    assert.match(region, /^`AWS::Region` = `"us-east-1"` \(from [^`]*\)$/);
  });

  it('hovers `!If` and `Fn::If` with the branch the condition selects, or both when deployment decides', async () => {
    const yaml = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String}
  Env: {Type: String, Default: live}
Conditions:
  IsEu: !Equals [!Ref Env, live]
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      DelaySeconds: !If [IsEu, 5, 10]
      MessageRetentionPeriod: !If
        - IsProd
        - 1209600
        - 60
`;
    const json = JSON.stringify({ Parameters: { Env: { Type: 'String', Default: 'test' } }, Conditions: { IsEu: { 'Fn::Equals': [{ Ref: 'Env' }, 'live'] } }, Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: { 'Fn::If': ['IsEu', 5, 10] } } } } }, null, 4);
    ws = new Workspace({ 'template.yaml': yaml, 'other.json': json });
    client = startInProcess();
    await openAll(client, ws);
    await settle(client, ws.uri('template.yaml'));
    const known = await hover(client, ws.uri('template.yaml'), yaml, '!If [IsEu', 1);
    assert.match(known, /^\*\*Fn::If\*\* on the condition `IsEu`, which is true: the value is the first branch, `5`\.$/);
    const open = await hover(client, ws.uri('template.yaml'), yaml, '!If\n', 1);
    assert.match(open, /^\*\*Fn::If\*\* on the condition `IsProd`, which only deployment decides \(.+\): the value is `1209600` if it holds, else `60`\.$/);
    const longForm = await hover(client, ws.uri('other.json'), json, '"Fn::If"', 2);
    assert.match(longForm, /^\*\*Fn::If\*\* on the condition `IsEu`, which is false: the value is the second branch, `10`\.$/);
  });

  it('hovers the instance a Terraform reference names, every instance of a counted block, and says who sets an id', async () => {
    const examples = path.join(repo, 'examples');
    const networkTf = path.join(examples, 'terraform', 'network.tf');
    const text = readFileSync(networkTf, 'utf8');
    client = startInProcess();
    await initialized(client, examples);
    await client.open(uri(networkTf), 'terraform', text);
    await settle(client, uri(networkTf));

    // The NAT gateway sits in aws_subnet.public[0]: its hover must not describe public[1].
    const reference = await hover(client, uri(networkTf), text, 'aws_subnet.public[0].id', 3);
    assert.match(reference, /^`aws_subnet\.public\[0\]\.id`: the `id` AWS assigns to `aws_subnet\.public\[0\]`, known after apply/);
    assert.match(reference, /\*\*aws_subnet\.public\[0\]\*\* · 10\.0\.0\.0\/24/);
    assert.ok(!reference.includes('aws_subnet.public[1]'), reference);

    const declaration = await hover(client, uri(networkTf), text, 'resource "aws_subnet" "public"', 23);
    assert.match(declaration, /\*\*aws_subnet\.public\[0\]\*\*[\s\S]*\n---\n[\s\S]*\*\*aws_subnet\.public\[1\]\*\*/);
    // The VPC's default NACL named once, in words, not "`aws_vpc.main (default network ACL)` (the VPC default network ACL)".
    assert.match(declaration, /Network ACL: the default network ACL of `aws_vpc\.main` \(no explicit association\)/);

    const plain = await hover(client, uri(networkTf), text, 'aws_vpc.main.cidr_block', 3);
    assert.match(plain, /^`aws_vpc\.main\.cidr_block` = `"10\.0\.0\.0\/16"`/);
  });

  it('includes the declaration in Find All References when the editor asks for it', async () => {
    const examples = path.join(repo, 'examples');
    const networkTf = path.join(examples, 'terraform', 'network.tf');
    const text = readFileSync(networkTf, 'utf8');
    client = startInProcess();
    await initialized(client, examples);
    await client.open(uri(networkTf), 'terraform', text);
    await settle(client, uri(networkTf));
    const declarationLine = positionOf(text, 'resource "aws_vpc" "main"').line;
    for (const at of [positionOf(text, '"main" {', 2), positionOf(text, 'aws_vpc.main.id', 9)]) {
      const withDeclaration = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri(networkTf) }, position: at, context: { includeDeclaration: true } });
      const without = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri(networkTf) }, position: at, context: { includeDeclaration: false } });
      assert.strictEqual(withDeclaration.length, without.length + 1);
      assert.ok(withDeclaration.some((l) => l.uri === uri(networkTf) && l.range.start.line === declarationLine), JSON.stringify(withDeclaration[0]));
      assert.ok(!without.some((l) => l.range.start.line === declarationLine));
    }
  });
});
