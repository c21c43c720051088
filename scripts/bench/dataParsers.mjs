// Benchmark of the YAML and JSON readers (parseYaml, parseJson) on a synthetic 5,000-line CloudFormation
// template and its JSON twin, against js-yaml, the `yaml` package (when installed) and JSON.parse.
//   node scripts/bench/dataParsers.mjs [samples]      prints medians and ratios
//   node scripts/bench/dataParsers.mjs --large [--against=REV] [--samples=N]
//        large inputs: the 10,000-resource generated CloudFormation workspace (every YAML template and its
//        JSON twin, trees kept alive as the analysis keeps them), one ~1 MB and one ~3 MB template and the
//        5,000-line template; --against also bundles the readers as committed at git revision REV (read
//        with `git show`, nothing in the worktree changes) and times both, interleaved, in this process.
//        --isolated [--rounds=3]: each (input, reader) pair in its own child process instead, order
//        alternating over the rounds, median over rounds (slower; no reader's GC state affects another's).
//   import { benchDataParsers } from './dataParsers.mjs'  → rows for `npm run bench`
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** Bundles the readers from `sourceRoot` (default: the worktree) and loads them. */
async function loadReaders(sourceRoot = root) {
  const dir = mkdtempSync(join(tmpdir(), 'hyperplane-bench-'));
  try {
    const outfile = join(dir, 'readers.cjs');
    await esbuild.build({
      absWorkingDir: sourceRoot,
      stdin: {
        contents: "export { parseYaml } from './server/src/syntax/yaml/yamlParser';\nexport { parseJson } from './server/src/syntax/json/jsonParser';\n",
        resolveDir: sourceRoot,
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
    // The module is loaded; the file is no longer needed (removed now: child processes exit right away).
    rmSync(dir, { recursive: true, force: true });
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

const CFN_TAGS = ['!Ref', '!GetAtt', '!Sub', '!Select', '!GetAZs', '!Cidr', '!If', '!Join', '!Split', '!Equals', '!Not', '!And', '!Or', '!Condition', '!Base64', '!FindInMap', '!ImportValue', '!Transform', '!Length', '!ToJsonString'];

/** js-yaml's core schema plus CloudFormation's short-form tags, each as {"!Tag": value}. */
function cfnSchema(jsYaml) {
  const types = [];
  for (const tag of CFN_TAGS) {
    for (const kind of ['scalar', 'sequence', 'mapping']) types.push(new jsYaml.Type(tag, { kind, construct: (d) => ({ [tag]: d }) }));
  }
  return jsYaml.CORE_SCHEMA.extend(types);
}

/** A fresh copy of a data tree: the same objects (node, span, tag, exactly sized arrays) the readers allocate. */
function copyTree(node) {
  if (node === undefined) return undefined;
  const span = { start: node.span.start, end: node.span.end };
  const tag = node.tag === undefined ? undefined : { name: node.tag.name, span: { start: node.tag.span.start, end: node.tag.span.end } };
  if (node.kind === 'map') {
    const entries = new Array(node.entries.length);
    for (let i = 0; i < entries.length; i++) {
      const e = node.entries[i];
      entries[i] = { key: copyTree(e.key), value: copyTree(e.value), span: { start: e.span.start, end: e.span.end } };
    }
    return { kind: 'map', entries, tag, span };
  }
  if (node.kind === 'seq') {
    const items = new Array(node.items.length);
    for (let i = 0; i < items.length; i++) items[i] = copyTree(node.items[i]);
    return { kind: 'seq', items, tag, span };
  }
  return { kind: 'scalar', value: node.value, style: node.style, tag, span };
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

/** The readers as committed at `rev`: server/src/syntax is copied out with `git show` into a temp folder. */
async function loadReadersAt(rev) {
  const dir = mkdtempSync(join(tmpdir(), 'hyperplane-bench-src-'));
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const path of git('ls-tree', '-r', '--name-only', rev, 'server/src/syntax').split('\n').filter(Boolean)) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), git('show', `${rev}:${path}`));
    }
    const mod = await loadReaders(dir);
    return mod.default ?? mod;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Large inputs, each timed as a median over `samples` runs; with several reader sets the runs interleave
 * (A, B, A, B, …) so that machine load and heap state affect all of them alike.
 */
export async function benchLargeInputs({ samples = 9, against, onlyInput, onlyContender, listOnly = false } = {}) {
  const { generateCloudFormation } = await import('./generate.mjs');
  const current = await loadReaders();
  const sets = [{ label: 'ours', readers: current.default ?? current }];
  if (against) sets.unshift({ label: `ours@${against}`, readers: await loadReadersAt(against) });
  const jsYaml = optional('js-yaml');
  const { files } = generateCloudFormation(10000, 1);
  const yamlFiles = files.filter((f) => f.path.endsWith('.yaml')).map((f) => f.text);
  const jsonFiles = files.filter((f) => f.path.endsWith('.json')).map((f) => f.text);
  const oneMb = syntheticTemplate(36000);
  const threeMb = syntheticTemplate(108000);
  const small = syntheticTemplate(5000);
  const sum = (texts) => texts.reduce((n, t) => n + t.length, 0);
  const inputs = [
    { name: `workspace YAML (${yamlFiles.length} templates)`, bytes: sum(yamlFiles), yaml: yamlFiles },
    { name: `workspace JSON (${jsonFiles.length} templates)`, bytes: sum(jsonFiles), json: jsonFiles },
    { name: 'one template, YAML', bytes: oneMb.length, yaml: [oneMb] },
    { name: 'one template, YAML', bytes: threeMb.length, yaml: [threeMb] },
    { name: '5,000-line template, YAML', bytes: small.length, yaml: [small], samples: samples * 5 },
  ];
  const schema = jsYaml ? cfnSchema(jsYaml) : undefined;
  const rows = [];
  for (const [index, input] of inputs.entries()) {
    if (onlyInput !== undefined && index !== onlyInput) continue;
    let contenders = sets.map((s) => ({
      label: s.label,
      // Keep every tree until the pass ends, as the analysis keeps a workspace's trees.
      run: () => (input.yaml ? input.yaml.map((t) => s.readers.parseYaml(t)) : input.json.map((t) => s.readers.parseJson(t))),
    }));
    if (input.yaml && jsYaml) contenders.push({ label: 'js-yaml load (no spans)', run: () => input.yaml.map((t) => jsYaml.load(t, { schema })) });
    if (input.yaml) {
      // The floor for any reader of this tree shape: allocating the same objects without reading anything.
      // The trees are read during the first (untimed) warm-up pass.
      let trees;
      contenders.push({ label: 'copy of the tree (floor)', run: () => (trees ??= input.yaml.map((t) => sets[sets.length - 1].readers.parseYaml(t).root)).map(copyTree) });
    }
    if (input.json) contenders.push({ label: 'JSON.parse (no spans)', run: () => input.json.map((t) => JSON.parse(t)) });
    if (onlyContender !== undefined) contenders = contenders.filter((c) => c.label === onlyContender);
    if (listOnly) {
      for (const c of contenders) rows.push({ index, name: c.label });
      continue;
    }
    const n = input.samples ?? samples;
    const times = contenders.map(() => []);
    const cpuTimes = contenders.map(() => []);
    for (let i = 0; i < n + 2; i++) {
      contenders.forEach((c, k) => {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        c.run();
        // The first two passes warm up the JIT.
        if (i < 2) return;
        times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
        // Process CPU time (all threads, so GC helper threads count): steadier than wall time on a shared machine.
        const cpu = process.cpuUsage(c0);
        cpuTimes[k].push((cpu.user + cpu.system) / 1000);
      });
    }
    contenders.forEach((c, k) => {
      const ms = median(times[k]);
      const cpuMs = median(cpuTimes[k]);
      rows.push({ index, input: `${input.name}, ${(input.bytes / 1e6).toFixed(2)} MB`, name: c.label, ms, mbPerS: input.bytes / 1e6 / (ms / 1000), cpuMs, bytes: input.bytes });
    });
  }
  return rows;
}

/**
 * The same measurements, each (input, reader) pair in its own child process, repeated over `rounds` with the
 * order alternating; reports the median over rounds. Slower, but one reader's garbage and GC heuristics
 * cannot leak into another's timing, which interleaving in one process allows.
 */
function benchIsolated({ samples, against, rounds }) {
  const script = new URL(import.meta.url).pathname;
  const runChild = (extra) => {
    const args = [script, '--large', '--child', `--samples=${samples}`, ...(against ? [`--against=${against}`] : []), ...extra];
    const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    return JSON.parse(out.trim().split('\n').pop());
  };
  // One child lists the pairs (it measures nothing else).
  const pairs = runChild(['--list']);
  const byPair = new Map();
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? pairs : [...pairs].reverse();
    for (const [index, label] of order) {
      for (const row of runChild([`--input=${index}`, `--contender=${label}`])) {
        const key = `${index}\u0000${label}`;
        if (!byPair.has(key)) byPair.set(key, []);
        byPair.get(key).push(row);
      }
    }
  }
  const rows = [];
  for (const [index, label] of pairs) {
    const runs = byPair.get(`${index}\u0000${label}`) ?? [];
    if (runs.length === 0) continue;
    const ms = median(runs.map((r) => r.ms));
    rows.push({ ...runs[0], name: label, ms, mbPerS: runs[0].bytes / 1e6 / (ms / 1000), cpuMs: median(runs.map((r) => r.cpuMs)) });
  }
  return rows;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv.includes('--large')) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const samples = Number(arg('samples') ?? 9);
  const against = arg('against');
  if (process.argv.includes('--list')) {
    const rows = await benchLargeInputs({ samples, against, listOnly: true });
    console.log(JSON.stringify(rows.map((r) => [r.index, r.name])));
    process.exit(0);
  }
  if (process.argv.includes('--child')) {
    const rows = await benchLargeInputs({ samples, against, onlyInput: Number(arg('input')), onlyContender: arg('contender') });
    console.log(JSON.stringify(rows));
    process.exit(0);
  }
  const rows = process.argv.includes('--isolated')
    ? benchIsolated({ samples, against, rounds: Number(arg('rounds') ?? 3) })
    : await benchLargeInputs({ samples, against });
  let last = '';
  for (const r of rows) {
    if (r.input !== last) console.log(r.input);
    last = r.input;
    console.log(`  ${r.name.padEnd(26)} ${r.ms.toFixed(2).padStart(9)} ms  ${r.mbPerS.toFixed(1).padStart(7)} MB/s   cpu ${r.cpuMs.toFixed(1).padStart(8)} ms`);
  }
} else if (isMain) {
  const samples = Number(process.argv[2] ?? 30);
  const { rows, yamlLines, yamlBytes, jsonBytes } = await benchDataParsers(samples);
  console.log(`synthetic template: ${yamlLines} lines, ${(yamlBytes / 1000).toFixed(0)} kB YAML, ${(jsonBytes / 1000).toFixed(0)} kB JSON twin; ${samples} samples`);
  const ours = Object.fromEntries(rows.filter((r) => r.name.includes('(ours)')).map((r) => [r.input, r]));
  for (const r of rows) {
    const ratio = r.ms / ours[r.input].ms;
    console.log(`${r.name.padEnd(26)} ${r.input.padEnd(5)} ${r.ms.toFixed(2).padStart(8)} ms  ${r.mbPerS.toFixed(1).padStart(7)} MB/s  ${ratio.toFixed(2).padStart(6)}× ours`);
  }
}
