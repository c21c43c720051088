// The topology request for a module every environment calls, through the real server: it draws one
// environment (the first by name, or the one asked for), lists the others in its scope, draws the whole
// workspace only when asked, names the unit it drew (the panel asks for it again), and answers the panel in
// the packed form, which unpacks to the same diagram.

import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unpackDiagram } from '../../server/src/ide/diagram/diagramPack';
import { allStacks, type DiagramModel, type DiagramRequestOptions, type PackedDiagram } from '../../server/src/protocol/diagram';
import { startInProcess, type TestClient } from './lspTestClient';

const moduleText = `variable "name" {}
variable "subnet_id" {}

resource "aws_security_group" "this" { vpc_id = "vpc-1" }

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [var.subnet_id]
    security_group_ids = [aws_security_group.this.id]
  }
}
`;

const envText = (name: string): string => `provider "aws" { region = "eu-west-1" }

resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }

resource "aws_subnet" "s" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

module "fn" {
  source    = "../../modules/fn"
  name      = "${name}"
  subnet_id = aws_subnet.s.id
}
`;

const functionStacks = (d: DiagramModel): string[] => d.nodes.filter((n) => n.kind === 'function').map((n) => n.id.slice(0, n.id.indexOf('::')));

describe('language server: the diagram of a shared module', function () {
  this.timeout(30_000);
  let client: TestClient | undefined;
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-shared-'));
    mkdirSync(path.join(dir, 'modules', 'fn'), { recursive: true });
    writeFileSync(path.join(dir, 'modules', 'fn', 'main.tf'), moduleText);
    for (const env of ['prod', 'dev', 'staging']) {
      mkdirSync(path.join(dir, 'environments', env), { recursive: true });
      writeFileSync(path.join(dir, 'environments', env, 'main.tf'), envText(env));
    }
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws one environment, switches on request, and packs for the panel', async () => {
    const c = startInProcess();
    client = c;
    const idle = new Promise<void>((resolve) => {
      let scanned = false;
      c.connection.onNotification('window/logMessage', (p: { message: string }) => {
        if (p.message.startsWith('scanned')) scanned = true;
      });
      c.connection.onNotification('hyperplaneLens/analysisState', (p: { state: string }) => {
        if (p.state === 'idle' && scanned) resolve();
      });
    });
    await c.initialize(dir);
    await idle;
    const env = (name: string): string => path.join(dir, 'environments', name);
    const uri = pathToFileURL(path.join(dir, 'modules', 'fn', 'main.tf')).toString();
    const request = (options: DiagramRequestOptions): Promise<DiagramModel> => c.request<DiagramModel>('hyperplaneLens/diagram', options);

    const first = await request({ uri });
    assert.deepEqual(functionStacks(first), [env('dev')]);
    assert.deepEqual(first.scope?.stacks.map((s) => s.label), ['dev', 'prod', 'staging']);
    assert.equal(first.scope?.shown, env('dev'));
    assert.equal(first.stack, env('dev'), 'the unit drawn, for the panel to ask for again');

    const prod = await request({ uri, stack: env('prod') });
    assert.deepEqual(functionStacks(prod), [env('prod')]);
    const all = await request({ uri, stack: allStacks });
    assert.deepEqual(functionStacks(all).sort(), [env('dev'), env('prod'), env('staging')]);
    assert.equal(all.scope?.shown, null);
    assert.equal(all.stack, undefined, 'the whole workspace is no one unit');

    // An environment's own file draws that environment, whatever was picked for the module.
    const own = await request({ uri: pathToFileURL(path.join(env('staging'), 'main.tf')).toString(), stack: env('prod') });
    assert.deepEqual(functionStacks(own), [env('staging')]);
    assert.equal(own.scope, undefined);
    assert.equal(own.stack, env('staging'));

    // The panel passes the unit it drew last: the module's file then shows the environment the user came from.
    const cameFrom = await request({ uri, stack: own.stack });
    assert.deepEqual(functionStacks(cameFrom), [env('staging')]);
    assert.equal(cameFrom.scope?.shown, env('staging'));

    const packed = await c.request<PackedDiagram>('hyperplaneLens/diagram', { uri, packed: true });
    assert.equal(packed.packed, 1);
    const back = unpackDiagram(packed);
    assert.equal(back.stack, env('dev'));
    assert.deepEqual(back.nodes, first.nodes);
    assert.deepEqual(back.edges.map(({ id: _id, ...e }) => e), first.edges.map(({ id: _id, ...e }) => e));
    assert.ok(JSON.stringify(packed).length < JSON.stringify(first).length);
  });
});
