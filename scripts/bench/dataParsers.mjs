// Benchmark of the YAML and JSON readers (parseYaml, parseJson) on a synthetic 5,000-line CloudFormation
// template and its JSON twin, against js-yaml, the `yaml` package (when installed) and JSON.parse.
//   node scripts/bench/dataParsers.mjs [samples]      prints medians and ratios
//   import { benchDataParsers } from './dataParsers.mjs'  → rows for `npm run bench`
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));

/** A realistic template: VPCs, subnets, route tables, SGs with rule lists, Lambda functions in VPCs, policies. */
export function syntheticTemplate(targetLines = 5000) {
  const out = ["AWSTemplateFormatVersion: '2010-09-09'", 'Transform: AWS::Serverless-2016-10-31', 'Description: Synthetic network workload', 'Parameters:', '  Env:', '    Type: String', '    Default: prod', 'Resources:'];
  for (let v = 0; out.length < targetLines; v++) {
    out.push(
      `  Vpc${v}:`, '    Type: AWS::EC2::VPC', '    Properties:', `      CidrBlock: 10.${v % 250}.0.0/16`, '      EnableDnsSupport: true', '      EnableDnsHostnames: true',
      '      Tags:', '        - Key: Name', `          Value: !Sub '\${Env}-vpc-${v}'`,
    );
    for (let s = 0; s < 3; s++) {
      out.push(
        `  Subnet${v}x${s}:`, '    Type: AWS::EC2::Subnet', '    Properties:', `      VpcId: !Ref Vpc${v}`, `      CidrBlock: !Select [${s}, !Cidr [!GetAtt Vpc${v}.CidrBlock, 6, 8]]`,
        `      AvailabilityZone: !Select [${s}, !GetAZs '']`, '      MapPublicIpOnLaunch: false',
        `  RouteTable${v}x${s}:`, '    Type: AWS::EC2::RouteTable', '    Properties:', `      VpcId: !Ref Vpc${v}`,
        `  Assoc${v}x${s}:`, '    Type: AWS::EC2::SubnetRouteTableAssociation', '    Properties:', `      SubnetId: !Ref Subnet${v}x${s}`, `      RouteTableId: !Ref RouteTable${v}x${s}`,
      );
    }
    out.push(
      `  Sg${v}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: "Lambda SG ${v}"`, `      VpcId: !Ref Vpc${v}`, '      SecurityGroupIngress:',
      '        - IpProtocol: tcp', '          FromPort: 443', '          ToPort: 443', `          CidrIp: 10.${v % 250}.0.0/16`, '        - IpProtocol: tcp', '          FromPort: 5432', '          ToPort: 5432',
      `          SourceSecurityGroupId: !GetAtt Sg${v}.GroupId`, '      SecurityGroupEgress:', '        - IpProtocol: "-1"', '          CidrIp: 0.0.0.0/0',
      `  Fn${v}:`, '    Type: AWS::Serverless::Function', '    Properties:', '      Runtime: python3.12', '      Handler: app.handler', '      MemorySize: 512', '      Timeout: 30',
      '      VpcConfig:', `        SecurityGroupIds: [!GetAtt Sg${v}.GroupId]`, '        SubnetIds:', `          - !Ref Subnet${v}x0`, `          - !Ref Subnet${v}x1`, `          - !Ref Subnet${v}x2`,
      '      Environment:', '        Variables:', `          TABLE: !Sub '\${AWS::StackName}-table-${v}'`, '      Policies:', '        - Version: "2012-10-17"', '          Statement:',
      '            - Effect: Allow', '              Action:', '                - dynamodb:GetItem', '                - dynamodb:PutItem',
      `              Resource: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/t${v}'`,
      '      Events:', '        Api:', '          Type: Api', '          Properties:', `            Path: /items/${v}`, '            Method: get',
      '      # keep the cold start small', '      Description: >-', `        Function ${v} reads items`, '        and writes them back.',
    );
  }
  return out.join('\n') + '\n';
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, samples) {
  for (let i = 0; i < 5; i++) fn();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

async function loadReaders() {
  const dir = mkdtempSync(join(tmpdir(), 'hyperplane-bench-'));
  try {
    const outfile = join(dir, 'readers.cjs');
    await esbuild.build({
      absWorkingDir: root,
      stdin: {
        contents: "export { parseYaml } from './server/src/syntax/yaml/yamlParser';\nexport { parseJson } from './server/src/syntax/json/jsonParser';\n",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      outfile,
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    // The module is loaded; the file is no longer needed.
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 0);
  }
}

function optional(name) {
  try {
    return require(name);
  } catch {
    return undefined;
  }
}

/** Returns rows { name, input, ms, mbPerS } (medians over `samples` runs), and ratios vs our readers. */
export async function benchDataParsers(samples = 30) {
  const mod = await loadReaders();
  const readers = mod.default ?? mod;
  const yamlText = syntheticTemplate(5000);
  const yamlDoc = readers.parseYaml(yamlText);
  if (yamlDoc.problems.length > 0) throw new Error(`synthetic template has problems: ${yamlDoc.problems[0].message}`);
  const jsonText = JSON.stringify(toPlain(yamlDoc.root), null, 2);
  const rows = [];
  const add = (name, input, text, fn) => {
    const ms = time(fn, samples);
    rows.push({ name, input, ms, mbPerS: text.length / 1e6 / (ms / 1000) });
  };
  add('parseYaml (ours)', 'yaml', yamlText, () => readers.parseYaml(yamlText));
  const jsYaml = optional('js-yaml');
  if (jsYaml) {
    const schema = cfnSchema(jsYaml);
    add('js-yaml load (no spans)', 'yaml', yamlText, () => jsYaml.load(yamlText, { schema }));
  }
  const yamlPkg = optional('yaml');
  if (yamlPkg) add('yaml parseDocument', 'yaml', yamlText, () => yamlPkg.parseDocument(yamlText));
  // CloudFormation's largest template (1 MB, via S3): here the retained tree makes GC the main cost.
  const largeText = syntheticTemplate(36000);
  const largeSamples = Math.max(5, Math.floor(samples / 5));
  const ms = time(() => readers.parseYaml(largeText), largeSamples);
  rows.push({ name: 'parseYaml (ours) 1 MB', input: 'yaml-1mb', ms, mbPerS: largeText.length / 1e6 / (ms / 1000) });
  if (jsYaml) {
    const jsMs = time(() => jsYaml.load(largeText, { schema: cfnSchema(jsYaml) }), largeSamples);
    rows.push({ name: 'js-yaml load 1 MB', input: 'yaml-1mb', ms: jsMs, mbPerS: largeText.length / 1e6 / (jsMs / 1000) });
  }
  add('parseJson (ours)', 'json', jsonText, () => readers.parseJson(jsonText));
  add('JSON.parse (no spans)', 'json', jsonText, () => JSON.parse(jsonText));
  return { rows, yamlLines: yamlText.split('\n').length - 1, yamlBytes: yamlText.length, jsonBytes: jsonText.length };
}

/** js-yaml's core schema plus the short-form tags the synthetic template uses, each as {"!Tag": value}. */
function cfnSchema(jsYaml) {
  const types = [];
  for (const tag of ['!Ref', '!GetAtt', '!Sub', '!Select', '!GetAZs', '!Cidr']) {
    for (const kind of ['scalar', 'sequence', 'mapping']) types.push(new jsYaml.Type(tag, { kind, construct: (d) => ({ [tag]: d }) }));
  }
  return jsYaml.CORE_SCHEMA.extend(types);
}

function toPlain(node) {
  if (node === undefined) return null;
  if (node.kind === 'map') {
    const o = {};
    for (const e of node.entries) o[String(e.key.value)] = toPlain(e.value);
    return node.tag ? { [cfnName(node.tag.name)]: o } : o;
  }
  if (node.kind === 'seq') {
    const a = node.items.map(toPlain);
    return node.tag ? { [cfnName(node.tag.name)]: a } : a;
  }
  if (!node.tag) return node.value;
  return node.tag.name === '!GetAtt' ? { 'Fn::GetAtt': String(node.value).split('.') } : { [cfnName(node.tag.name)]: node.value };
}

function cfnName(tag) {
  return tag === '!Ref' || tag === '!Condition' ? tag.slice(1) : `Fn::${tag.slice(1)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const samples = Number(process.argv[2] ?? 30);
  const { rows, yamlLines, yamlBytes, jsonBytes } = await benchDataParsers(samples);
  console.log(`synthetic template: ${yamlLines} lines, ${(yamlBytes / 1000).toFixed(0)} kB YAML, ${(jsonBytes / 1000).toFixed(0)} kB JSON twin; ${samples} samples`);
  const ours = Object.fromEntries(rows.filter((r) => r.name.includes('(ours)')).map((r) => [r.input, r]));
  for (const r of rows) {
    const ratio = r.ms / ours[r.input].ms;
    console.log(`${r.name.padEnd(26)} ${r.input.padEnd(5)} ${r.ms.toFixed(2).padStart(8)} ms  ${r.mbPerS.toFixed(1).padStart(7)} MB/s  ${ratio.toFixed(2).padStart(6)}× ours`);
  }
}
