// Editor test: the topology panel on a module that several environments call. Opened from an environment's
// file, the module's file shows that environment (the unit the user came from), not the first one by name.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, waitForIdleAnalysis, workspaceFolder, writeWorkspaceFile } from './waitFor';

const waitCommand = 'hyperplaneLens.test.lastTopologyRender';

interface Render {
  readonly serial: number;
  readonly nodeIds: readonly string[];
}

function waitForRender(idsEndingWith: string[], afterSerial: number): Thenable<Render> {
  return vscode.commands.executeCommand<Render>(waitCommand, { idsEndingWith, afterSerial, timeoutMs: 30_000 });
}

const moduleText = `variable "subnet_id" {}

resource "aws_security_group" "this" { vpc_id = "vpc-1" }

resource "aws_lambda_function" "this" {
  function_name = "shared"
  role          = "arn:aws:iam::123456789012:role/r"
  vpc_config {
    subnet_ids         = [var.subnet_id]
    security_group_ids = [aws_security_group.this.id]
  }
}
`;

// Each environment's VPC is named after it, so a render tells which environment it drew.
const envText = (name: string): string => `provider "aws" { region = "eu-west-1" }

resource "aws_vpc" "${name}" { cidr_block = "10.0.0.0/16" }

resource "aws_subnet" "s" {
  vpc_id            = aws_vpc.${name}.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

module "fn" {
  source    = "../../modules/fn"
  subnet_id = aws_subnet.s.id
}
`;

const drew = (render: Render, env: string): boolean => render.nodeIds.some((id) => id.endsWith(`aws_vpc.${env}`));

describe('topology panel on a shared module', () => {
  const root = 'e2e-shared';
  let moduleUri: vscode.Uri;
  let stagingUri: vscode.Uri;

  before(async () => {
    await extensionApi();
    moduleUri = await writeWorkspaceFile(`${root}/modules/fn/main.tf`, moduleText);
    await writeWorkspaceFile(`${root}/environments/dev/main.tf`, envText('dev'));
    stagingUri = await writeWorkspaceFile(`${root}/environments/staging/main.tf`, envText('staging'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(join(workspaceFolder().fsPath, root), { recursive: true, force: true });
    await waitForIdleAnalysis();
  });

  it('shows the environment the user came from', async () => {
    await vscode.window.showTextDocument(stagingUri);
    await vscode.commands.executeCommand('hyperplaneLens.showTopology');
    const staging = await waitForRender(['aws_vpc.staging', 'module.fn.aws_lambda_function.this'], -1);
    assert.ok(!drew(staging, 'dev'), 'an environment file draws its own environment');

    await vscode.window.showTextDocument(moduleUri, { viewColumn: vscode.ViewColumn.One });
    const fromStaging = await waitForRender(['module.fn.aws_lambda_function.this'], staging.serial);
    assert.ok(drew(fromStaging, 'staging') && !drew(fromStaging, 'dev'), `the module drawn for staging, not dev (first by name): ${fromStaging.nodeIds.filter((id) => id.includes('aws_vpc.')).join(', ')}`);

    await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceFolder(), root, 'environments', 'dev', 'main.tf'), { viewColumn: vscode.ViewColumn.One });
    const dev = await waitForRender(['aws_vpc.dev'], fromStaging.serial);
    await vscode.window.showTextDocument(moduleUri, { viewColumn: vscode.ViewColumn.One });
    const fromDev = await waitForRender(['module.fn.aws_lambda_function.this'], dev.serial);
    assert.ok(drew(fromDev, 'dev') && !drew(fromDev, 'staging'), 'and for dev after dev');
  });
});
