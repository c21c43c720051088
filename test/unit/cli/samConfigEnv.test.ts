// The SAM CLI configuration environment: `--sam-config-env` on the command line and `sam.configEnv` in a --config
// file choose which samconfig.toml table gives a SAM template its parameter values.

import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliProcess';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }
  Groups: { Type: "List<AWS::EC2::SecurityGroup::Id>" }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(e, c): pass"
      VpcConfig: { SubnetIds: !Ref Subnets, SecurityGroupIds: !Ref Groups }
`;

const SAMCONFIG = `version = 0.1
[default.deploy.parameters]
parameter_overrides = "Subnets=\\"subnet-0aaa\\" Groups=\\"sg-0aaa\\""
[prod.deploy.parameters]
parameter_overrides = "Subnets=\\"subnet-0bbb,subnet-0ccc\\" Groups=\\"sg-0bbb\\""
`;

interface Report { readonly functions: readonly { readonly id: string; readonly subnets: readonly string[] }[] }

describe('CLI: the samconfig environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-samenv-'));
  writeFileSync(path.join(dir, 'template.yaml'), TEMPLATE);
  writeFileSync(path.join(dir, 'samconfig.toml'), SAMCONFIG);
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ 'sam.configEnv': 'prod' }));
  const subnets = (args: readonly string[]): readonly string[] => {
    const run = runCli(['check', '--format', 'json', ...args, '.'], dir);
    assert.equal(run.status, 0, run.stderr);
    return (JSON.parse(run.stdout) as Report).functions[0]?.subnets ?? [];
  };

  it('reads the default environment unless told otherwise', () => {
    assert.deepEqual(subnets([]), ['subnet-0aaa']);
  });

  it('--sam-config-env and the sam.configEnv setting choose another', () => {
    assert.deepEqual(subnets(['--sam-config-env', 'prod']), ['subnet-0bbb', 'subnet-0ccc']);
    assert.deepEqual(subnets(['--config', 'settings.json']), ['subnet-0bbb', 'subnet-0ccc']);
  });
});
