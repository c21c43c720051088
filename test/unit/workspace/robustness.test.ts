// Bad input never crashes the analysis or the CLI: real corpus files damaged in seeded ways, hand-made
// pathological Terraform and CloudFormation/SAM (deep nesting, amplification, cycles, garbage bytes) through
// the real pipeline (AnalysisSession), and the built CLI on a folder of such files. Each case must return, and
// the pathological ones must say what was not read (the problem message a user sees).

import * as assert from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isUnknown, type Problem } from '../../../server/src/model/origin';
import type { NetworkModel } from '../../../server/src/model/network';
import type { AnalysisResult } from '../../../server/src/analysis/types';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { corpusRoot } from '../../corpus/corpusCases';
import { runCli } from '../cli/cliProcess';

type Files = Readonly<Record<string, string>>;

interface Run {
  readonly model: NetworkModel;
  readonly problems: readonly Problem[];
  readonly result: AnalysisResult;
}

/** Analyses `files` in a fresh session; also checks that every problem points inside its file's text. */
function analyse(files: Files): Run {
  const session = new AnalysisSession({ region: 'us-east-1' });
  for (const [p, text] of Object.entries(files)) session.setFile(p, text);
  const analysis = session.analyze();
  assert.ok(Array.isArray(analysis.result.functions));
  for (const problem of analysis.problems) {
    const text = files[problem.file];
    if (text === undefined) continue;
    const { start, end } = problem.span;
    assert.ok(start >= 0 && start <= end && end <= text.length, `${problem.code} at ${start}-${end} outside ${problem.file} (${text.length} chars): ${problem.message}`);
  }
  return { model: analysis.model, problems: analysis.problems, result: analysis.result };
}

/** Asserts that some problem's message matches `pattern` (the messages are listed when none does). */
function reports(run: Run, pattern: RegExp): void {
  const messages = [...new Set(run.problems.map((p) => `${p.code}: ${p.message}`))];
  assert.ok(messages.some((m) => pattern.test(m)), `no problem matches ${pattern}; got:\n${messages.slice(0, 12).join('\n')}`);
}

const R = (s: string, n: number): string => s.repeat(n);
const PROVIDER = 'provider "aws" { region = "us-east-1" }\n';
const tf = (body: string): Files => ({ '/w/main.tf': PROVIDER + body });
const LAMBDA =
  'resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n' +
  'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "r"\n  vpc_config {\n    subnet_ids = aws_subnet.s[*].id\n    security_group_ids = []\n  }\n}\n';
const subnetWith = (meta: string): Files => tf(`${LAMBDA}resource "aws_subnet" "s" {\n  ${meta}\n  vpc_id = aws_vpc.v.id\n  cidr_block = "10.0.1.0/24"\n}\n`);
const cfn = (body: string): Files => ({ '/w/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\n${body}` });
/** Bytes 0-255 in a fixed scramble, read as Latin-1: binary garbage with NULs and control characters. */
const garbage = (n: number): string => Array.from({ length: n }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');

// ------------------------------------------------------------------------------------------ corpus mutations

/** A small deterministic generator: the same damage on every run and machine. */
function generator(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return n <= 0 ? 0 : s % n;
  };
}

type Mutation = (text: string, pick: (n: number) => number) => string;

const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
};
const insertAt = (what: string): Mutation => (t, pick) => {
  const at = pick(t.length + 1);
  return t.slice(0, at) + what + t.slice(at);
};

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'cut at a quarter': (t) => t.slice(0, Math.floor(t.length / 4)),
  'cut in the middle': (t) => t.slice(0, Math.floor(t.length / 2)),
  'cut anywhere': (t, pick) => t.slice(0, pick(t.length)),
  'a line deleted': (t, pick) => {
    const starts = lineStarts(t);
    const i = pick(starts.length);
    return t.slice(0, starts[i]) + t.slice(starts[i + 1] ?? t.length);
  },
  'a block duplicated': (t, pick) => {
    const starts = lineStarts(t);
    const from = pick(starts.length);
    const to = Math.min(starts.length, from + 1 + pick(12));
    const block = t.slice(starts[from], starts[to] ?? t.length);
    return t.slice(0, starts[to] ?? t.length) + block + t.slice(starts[to] ?? t.length);
  },
  'two tokens swapped': (t, pick) => {
    const tokens = t.split(/(\s+)/);
    const words = tokens.map((w, i) => (/\S/.test(w) ? i : -1)).filter((i) => i >= 0);
    const a = words[pick(words.length)];
    const b = words[pick(words.length)];
    if (a === undefined || b === undefined) return t;
    const wa = tokens[a] ?? '';
    tokens[a] = tokens[b] ?? '';
    tokens[b] = wa;
    return tokens.join('');
  },
  'a stray {': insertAt('{'),
  'a stray "': insertAt('"'),
  'a stray ${': insertAt('${'),
  'a stray !Ref': insertAt(' !Ref '),
  'a tab in the indentation': (t, pick) => {
    const indented = lineStarts(t).filter((s) => t.charCodeAt(s) === 32);
    const at = indented[pick(indented.length)];
    return at === undefined ? `\t${t}` : `${t.slice(0, at)}\t${t.slice(at + 1)}`;
  },
};

const READ = /\.(tf|tfvars|ya?ml|json|template)$/;

function corpusFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) corpusFiles(p, out);
    else if (READ.test(name) && name !== 'expected.json' && statSync(p).size < 60_000) out.push(p);
  }
  return out;
}

describe('robustness: bad input never crashes the analysis', function () {
  this.timeout(60_000);

  describe('corpus files damaged in seeded ways', () => {
    // A fixed subset: of the files over 2 kB, sorted, eight spread evenly per kind (Terraform, YAML, JSON).
    const all = corpusFiles(corpusRoot());
    const chosen = [/\.tf$/, /\.(ya?ml|template)$/, /\.json$/].flatMap((kind) => {
      const ofKind = all.filter((f) => kind.test(f) && statSync(f).size > 2000);
      const step = Math.max(1, Math.floor(ofKind.length / 8));
      return ofKind.filter((_, i) => i % step === 0).slice(0, 8);
    });

    it('finds the corpus', () => {
      assert.ok(all.length > 100, `only ${all.length} corpus files under ${corpusRoot()}`);
      assert.ok(chosen.some((f) => f.endsWith('.tf')) && chosen.some((f) => /\.ya?ml$/.test(f)) && chosen.some((f) => f.endsWith('.json')));
    });

    for (const [name, mutate] of Object.entries(MUTATIONS)) {
      it(`${name}: every chosen file still analyses`, () => {
        const pick = generator(20261127 + name.length);
        for (const file of chosen) {
          const dir = path.dirname(file);
          const files: Record<string, string> = {};
          // The files beside it, as the editor holds them while one of them is being edited.
          for (const n of readdirSync(dir)) {
            const p = path.join(dir, n);
            if (p !== file && READ.test(n) && n !== 'expected.json' && statSync(p).isFile()) files[p] = readFileSync(p, 'utf8');
          }
          files[file] = mutate(readFileSync(file, 'utf8'), pick);
          try {
            analyse(files);
          } catch (error) {
            assert.fail(`${path.relative(corpusRoot(), file)} (${name}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          }
        }
      });
    }
  });

  describe('pathological Terraform', () => {
    it('50,000 nested parentheses, brackets, braces, calls: nested too deeply, not analysed', () => {
      const pairs: readonly (readonly [string, string])[] = [['(', ')'], ['[', ']'], ['{a = ', '}'], ['abs(', ')'], ['"${', '}"']];
      for (const [open, close] of pairs) {
        reports(analyse(tf(`locals { x = ${R(open, 50_000)}1${R(close, 50_000)} }\n`)), /hcl-syntax: Expression is nested too deeply/);
      }
      reports(analyse(tf(`${R('a {\n', 50_000)}${R('}\n', 50_000)}`)), /Blocks are nested too deeply/);
      reports(analyse(tf(`locals { x = ${R('!', 50_000)}true }\n`)), /Expression is nested too deeply/);
      reports(analyse(tf(`locals { x = ${R('true ? 1 : ', 50_000)}2 }\n`)), /Expression is nested too deeply/);
    });

    it('50,000 unclosed brackets: the first 100 syntax errors, then one counting the rest', () => {
      const run = analyse(tf(`locals { x = ${R('[', 50_000)} }\n`));
      const syntax = run.problems.filter((p) => p.code === 'hcl-syntax');
      assert.ok(syntax.length <= 101, `${syntax.length} syntax problems`);
      reports(run, /^hcl-syntax: \d+ more syntax errors in this file are not listed \(the first 100 are\)\.$/);
    });

    it('50,000 operators or traversal steps in a row: nested too deeply (was a stack overflow in every tree walker)', () => {
      const use = 'resource "aws_vpc" "v" { cidr_block = local.x }\n';
      reports(analyse(tf(`locals { x = 1${R(' + 1', 50_000)} }\n${use}`)), /Expression is nested too deeply \(too many operators in a row\)/);
      reports(analyse(tf(`locals { x = 1${R(' * 2 + 1', 20_000)} }\n${use}`)), /too many operators in a row/);
      reports(analyse(tf(`locals {\n y = {}\n x = local.y${R('.a', 50_000)}\n}\n${use}`)), /too many attribute or index steps in a row/);
      reports(analyse(tf(`locals {\n y = {}\n x = local.y${R('[0]', 50_000)}\n}\n${use}`)), /too many attribute or index steps in a row/);
      reports(analyse(tf(`locals {\n y = []\n x = local.y[*]${R('.a', 50_000)}\n}\n${use}`)), /too many attribute or index steps in a row/);
      // Chains inside chains inside parentheses: each level's depth counts towards the same limit.
      const nested = `${Array.from({ length: 150 }, () => `(1${R(' + 1', 150)}`).join(' + ')}${R(')', 150)}`;
      reports(analyse(tf(`locals { x = ${nested} }\n${use}`)), /too many operators in a row/);
      reports(analyse(tf(`locals {\n y = {}\n x = ${R('(', 150)}local.y${R('.a).a', 150)}\n}\n${use}`)), /too many attribute or index steps in a row/);
      // An unclosed 50,000-deep tuple in a .tfvars file (was a stack overflow in the variable's evaluation).
      const run = analyse({ ...tf('variable "x" {}\nresource "aws_vpc" "v" { cidr_block = var.x }\n'), '/w/terraform.tfvars': `x = ${R('[', 50_000)}` });
      reports(run, /Expression is nested too deeply/);
    });

    it('a 5 MB one-line string is read', () => {
      const run = analyse(tf(`resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  tags = { Name = "${R('a', 5_000_000)}" }\n}\n`));
      assert.deepStrictEqual(run.problems.filter((p) => p.severity === 'error'), []);
    });

    it('count = 1e9 is unknown with its reason (was a hang building a billion instances)', () => {
      const run = analyse(subnetWith('count = 1e9'));
      reports(run, /tf-unknown-count: The count of aws_subnet\.s is not known statically \(count is 1000000000: over 4096 instances, too many to model\)/);
      reports(analyse(subnetWith('count = var.on ? 1e9 : 0')), /tf-unknown-count: The count of aws_subnet\.s/);
      reports(analyse({ '/w/main.tf.json': '{"resource": {"aws_vpc": {"v": {"count": "${1e9}", "cidr_block": "10.0.0.0/16"}}}}' }), /count is 1000000000: over 4096 instances/);
    });

    it('count = -1, 1.5 or "abc" and for_each over a number: the value is rejected, not rounded', () => {
      reports(analyse(subnetWith('count = -1')), /^tf-invalid-count: Invalid count for aws_subnet\.s: it must be greater than or equal to zero, not -1; Terraform rejects it/);
      reports(analyse(subnetWith('count = 1.5')), /^tf-invalid-count: Invalid count for aws_subnet\.s: it must be a whole number, not 1\.5/);
      reports(analyse(subnetWith('count = "abc"')), /^tf-invalid-count: Invalid count for aws_subnet\.s: it is not a number \(cannot convert "abc" to number/);
      reports(analyse(subnetWith('for_each = 5')), /The for_each of aws_subnet\.s is not known statically \(for_each needs a map or a set of strings\)/);
      reports(analyse(subnetWith('for_each = toset([for i in range(1e8) : tostring(i)])')), /more than 1024 values were generated/);
    });

    it('cycles between locals, variables and resources are reported', () => {
      reports(analyse(tf('locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_vpc" "v" { cidr_block = local.a }\n')), /tf-cycle: local\.\w depends on itself/);
      reports(analyse(tf('locals {\n  a = [local.a]\n}\nresource "aws_vpc" "v" { cidr_block = local.a[0] }\n')), /tf-cycle: local\.a depends on itself/);
      reports(
        analyse(tf('resource "aws_vpc" "a" { cidr_block = aws_vpc.b.cidr_block }\nresource "aws_vpc" "b" { cidr_block = aws_vpc.a.cidr_block }\nresource "aws_subnet" "s" {\n  vpc_id = aws_vpc.a.id\n  cidr_block = cidrsubnet(aws_vpc.b.cidr_block, 8, 1)\n}\n')),
        /tf-cycle: aws_vpc\.\w\.cidr_block depends on itself/,
      );
      analyse(tf('variable "a" { default = var.a }\nresource "aws_vpc" "v" { cidr_block = var.a }\n'));
    });

    it('a module that calls itself, and two modules that call each other, end', () => {
      reports(analyse(tf('module "m" { source = "./" }\nresource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n')), /tf-module-cycle: module "m" calls a module that is already being instantiated/);
      // No folder is a root (each is called): the first is analysed as one, so the cycle is met and reported.
      reports(analyse({ '/w/a/main.tf': `${PROVIDER}module "b" { source = "../b" }\n`, '/w/b/main.tf': 'module "a" { source = "../a" }\nresource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n' }),
        /tf-module-cycle: module "a" calls a module that is already being instantiated \(\/w\/a\): module cycle\./);
    });

    it('out-of-range cidrsubnet, range(1e9) and other amplifying calls give unknowns, not guesses', () => {
      const calls = [
        'cidrsubnet("10.0.0.0/16", 40, 1)',
        'cidrsubnet("10.0.0.0/16", 8, 1e9)',
        'cidrsubnet("10.0.0.0/16", -1, 0)',
        'cidrsubnets("10.0.0.0/16", 1e9)[0]',
        'cidrhost("10.0.0.0/16", 1e12)',
        'cidrsubnet("::/0", 200, 1)',
        'tostring(length(range(1e9)))',
        'tostring(length(range(0, 1, 1e-12)))',
        'tostring(length([for i in range(3000) : [for j in range(3000) : j]]))',
        'format("%1000000000d", 1)',
        'indent(1000000000, "x\\ny")',
        'tostring(length(setproduct(range(1000), range(1000), range(1000))))',
        'join(",", formatlist("%s", range(1e9)))',
        'jsondecode("[[[[[[[[[[")',
        'replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "/(a+)+$/", "x")',
      ];
      for (const call of calls) {
        const run = analyse(tf(`resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\nresource "aws_subnet" "s" {\n  vpc_id = aws_vpc.v.id\n  cidr_block = ${call}\n}\n`));
        const cidr = run.model.all('subnet')[0]?.cidrBlock;
        assert.ok(isUnknown(cidr) && cidr.reason.length > 0, `${call}: the subnet's CIDR is ${JSON.stringify(cidr)}, not unknown with a reason`);
      }
      // Odd but bounded arguments: any answer, as long as the analysis returns.
      for (const call of ['tostring(pow(10, 400))', 'tostring(length(chunklist(range(10), 0)))', 'substr("abc", 1e9, -1)']) {
        analyse(tf(`resource "aws_vpc" "v" { cidr_block = ${call} }\n`));
      }
      reports(analyse(tf('resource "aws_security_group" "g" {\n  dynamic "ingress" {\n    for_each = range(1e7)\n    content {\n      from_port = ingress.value\n      to_port = ingress.value\n      protocol = "tcp"\n    }\n  }\n}\n')), /tf-unknown-dynamic: .*more than 1024 values were generated/);
    });

    it('an enormous variable default (deep, then wide) is read or reported', () => {
      reports(analyse(tf(`variable "v" {\n  default = ${R('{a = ', 3000)}1${R('}', 3000)}\n}\nlocals { x = var.v }\n`)), /Expression is nested too deeply/);
      const wide = Array.from({ length: 50_000 }, (_, i) => `{ k${i % 10} = ${i} }`).join(',');
      analyse(tf(`variable "w" {\n  default = [${wide}]\n}\nresource "aws_vpc" "v" { cidr_block = tostring(length(var.w)) }\n`));
    });

    it('an unclosed heredoc, binary garbage, a BOM, CRLF, lone CRs and NUL bytes', () => {
      reports(analyse(tf('locals {\n  x = <<EOT\nhello\n${\n')), /hcl-syntax/);
      reports(analyse(tf('locals {\n  x = <<-EOT\n  ${"abc\n')), /hcl-syntax/);
      reports(analyse({ '/w/main.tf': garbage(20_000) }), /hcl-syntax/);
      reports(analyse({ '/w/main.tf': `\uFEFF${PROVIDER.replace(/\n/g, '\r\n')}resource "aws_vpc" "v" {\r\n  cidr_block = "10.0.0.0/16"\0\r\n}\0\0\r\n` }), /hcl-syntax/);
      analyse(tf('resource "aws_vpc" "v" {\r  cidr_block = "10.0.0.0/16"\r}\rlocals { x = <<EOT\rabc\rEOT\r}\n'));
      analyse({ '/w/terraform.tfvars': garbage(5000), ...tf('variable "x" {}\n') });
    });

    it('.tf.json that is an array, invalid, or 50,000 levels deep', () => {
      reports(analyse({ '/w/main.tf.json': '[{"resource": {}}, 1, null]' }), /./);
      reports(analyse({ '/w/main.tf.json': '{"resource": {"aws_vpc": {"v": {"cidr_block": "10.0.0.0/16",}}' }), /json-syntax/);
      reports(analyse({ '/w/main.tf.json': `{"locals": {"x": ${R('[', 50_000)}1${R(']', 50_000)}}}` }), /./);
      reports(analyse({ '/w/main.tf.json': `{"locals": {"x": ${R('{"a":', 50_000)}1${R('}', 50_000)}}}` }), /./);
      reports(analyse({ '/w/main.tf.json': `{"locals": {"x": "\${${R('(', 50_000)}1${R(')', 50_000)}}"}}` }), /Expression is nested too deeply/);
    });
  });

  describe('pathological CloudFormation and SAM', () => {
    const vpcWith = (cidr: string): Files => cfn(`Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ${cidr}\n`);

    it('50,000-deep flow sequences and mappings, unclosed too: nesting too deep, not read', () => {
      reports(analyse(vpcWith(`${R('[', 50_000)}a${R(']', 50_000)}`)), /yaml-syntax: Nesting deeper than \d+ levels is not read/);
      reports(analyse(vpcWith(`${R('{a: ', 50_000)}a${R('}', 50_000)}`)), /Nesting deeper than \d+ levels is not read/);
      reports(analyse(vpcWith(R('[', 50_000))), /Nesting deeper than \d+ levels is not read/);
      analyse(vpcWith(`${R('- ', 50_000)}a`));
      analyse(cfn(`Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock:\n${Array.from({ length: 3000 }, (_, i) => `${R(' ', 8 + i)}- x${i}:\n`).join('')}`));
    });

    it('JSON templates 50,000 levels deep, or 20,000 nested intrinsics', () => {
      const json = (cidr: string, conditions = ''): Files => ({
        '/w/template.json': `{"AWSTemplateFormatVersion": "2010-09-09", ${conditions}"Resources": {"V": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": ${cidr}}}}}`,
      });
      reports(analyse(json(`${R('[', 50_000)}1${R(']', 50_000)}`)), /json-syntax/);
      reports(analyse(json(`${R('{"Fn::Base64": ', 20_000)}"x"${R('}', 20_000)}`)), /json-syntax/);
      reports(analyse(json(`${R('{"Fn::Select": [0, [', 20_000)}"x"${R(']]}', 20_000)}`)), /json-syntax/);
      reports(analyse(json('"10.0.0.0/16"', `"Conditions": {"C": ${R('{"Fn::Not": [', 20_000)}{"Fn::Equals": [1, 1]}${R(']}', 20_000)}}, `)), /json-syntax/);
      reports(analyse({ '/w/template.json': '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"V": {"Type": "AWS::EC2::VPC",}}' }), /json-syntax/);
      analyse({ '/w/template.json': '[{"AWSTemplateFormatVersion": "2010-09-09"}]' });
    });

    it('"billion laughs" aliases are cut off with a problem (was a hang expanding them)', () => {
      const anchors = Array.from({ length: 12 }, (_, i) => {
        const name = String.fromCharCode(98 + i);
        const prev = String.fromCharCode(97 + i);
        return `    ${name}: &${name} [${R(`*${prev}, `, 8)}*${prev}]\n`;
      }).join('');
      const run = analyse(cfn(
        `Mappings:\n  M:\n    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n${anchors}` +
          'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Join ["", !FindInMap [M, m, x]]\n      Tags: *m\n' +
          '  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: !Select [0, *m]\n',
      ));
      reports(run, /yaml-alias: Alias '\*\w' is not read: the aliases of this file expand to more than 100000 nodes/);
      reports(analyse(cfn('Resources:\n  V: &v\n    Type: AWS::EC2::VPC\n    Properties:\n      Tags: *v\n      CidrBlock: *x\n')), /Unknown anchor '&v'/);
    });

    it('unknown tags, tabs in the indentation, binary garbage', () => {
      analyse(cfn('Resources:\n  V:\n    Type: !Foo AWS::EC2::VPC\n    Properties: !!binary abc\n  S: !Ref\n  T: !GetAtt\n  U: !Sub\n  W: !If\n  X: !!map\n'));
      reports(analyse(cfn('Resources:\n\tV:\n\t\tType: AWS::EC2::VPC\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n\t  VpcId: !Ref V\n')), /yaml-tab/);
      reports(analyse({ '/w/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\n${garbage(20_000)}` }), /yaml-syntax/);
    });

    it('cycles of Conditions, Refs, GetAtts, FindInMap and Sub end', () => {
      analyse(cfn(
        'Conditions:\n  A: !Condition B\n  B: !And [!Condition A, !Condition C]\n  C: !Not [!Condition C]\n  D: !Or [!Condition D]\n' +
          'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Condition: A\n    Properties:\n      CidrBlock: !If [B, 10.0.0.0/16, !If [C, 10.1.0.0/16, 10.2.0.0/16]]\n' +
          '  S:\n    Type: AWS::EC2::Subnet\n    Condition: D\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: 10.0.0.0/24\n',
      ));
      analyse(cfn(
        'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !GetAtt S.CidrBlock\n' +
          '  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: !Select [0, !Cidr [!GetAtt V.CidrBlock, 2, 8]]\n' +
          '  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !Ref G\n      VpcId: !GetAtt G.VpcId\n' +
          '  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      VpcConfig:\n        SubnetIds: [!Ref S]\n        SecurityGroupIds: [!Ref G]\n',
      ));
      analyse(cfn('Mappings:\n  M:\n    a:\n      b: !FindInMap [M, a, b]\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !FindInMap [M, a, b]\n'));
      analyse(cfn('Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Sub "${V.CidrBlock}"\n      Tags: !Sub ["${x}", {x: !Sub "${V}"}]\n'));
    });

    it('Fn::Select out of range and Fn::Cidr with bad arguments', () => {
      const run = analyse(cfn(
        'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Select [5, [a, b]]\n' +
          '  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: !Select [-1, !Cidr [10.0.0.0/16, 1000000000, 8]]\n      AvailabilityZone: !Select ["abc", !GetAZs ""]\n' +
          '  T:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: !Select [1e9, !Cidr [x, 3, 40]]\n      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt V.Ipv6CidrBlocks], -1, 200]]\n' +
          '  U:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: !Select [0, !Cidr [10.0.0.0/8, 16777216, 1]]\n',
      ));
      assert.ok(run.problems.length > 0);
    });

    it('Parameter defaults of the wrong type, and a SAM template of wrong shapes', () => {
      analyse(cfn(
        'Parameters:\n  N:\n    Type: Number\n    Default: abc\n  L:\n    Type: List<AWS::EC2::Subnet::Id>\n    Default: {a: 1}\n  C:\n    Type: CommaDelimitedList\n    Default: [1, [2]]\n  S:\n    Type: String\n    Default: !Ref N\n  X:\n    Type: 5\n' +
          'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref S\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: r\n      VpcConfig:\n        SubnetIds: !Ref L\n        SecurityGroupIds: !Ref C\n',
      ));
      analyse(cfn('Transform: [AWS::Serverless-2016-10-31, 5, !Ref X]\nGlobals: [1]\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      VpcConfig: !Ref F\n      Events: 5\n      Policies: !GetAtt F.Arn\n'));
    });

    it('nested stacks that nest themselves or each other are reported as a cycle', () => {
      reports(analyse(cfn('Resources:\n  Me:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./template.yaml\n')), /cfn-nested-cycle/);
      reports(
        analyse({
          '/w/a.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: b.yaml\n',
          '/w/b.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./a.yaml\n      Parameters:\n        X: !GetAtt A.Outputs.Y\nOutputs:\n  Y:\n    Value: !GetAtt A.Outputs.Y\n',
        }),
        /cfn-nested-cycle/,
      );
    });

    it('20,000 resources in one template', () => {
      const many = Array.from({ length: 20_000 }, (_, i) => `  S${i}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref V\n      CidrBlock: 10.0.${i % 256}.0/24\n`).join('');
      analyse(cfn(`Resources:\n${many}  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n`));
    });
  });
});

describe('robustness: the CLI on a folder of bad files', function () {
  this.timeout(60_000);

  it('exits 0 or 1 with a report, never a stack trace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-robust-'));
    mkdirSync(path.join(dir, 'tf'));
    mkdirSync(path.join(dir, 'cfn'));
    writeFileSync(path.join(dir, 'tf', 'main.tf'), `${PROVIDER}${LAMBDA}resource "aws_subnet" "s" {\n  count = 1e9\n  vpc_id = aws_vpc.v.id\n  cidr_block = "10.0.1.0/24"\n}\nlocals { x = 1${R(' + 1', 50_000)} }\n`);
    writeFileSync(path.join(dir, 'tf', 'deep.tf'), `locals { y = ${R('[', 50_000)} }\n`);
    writeFileSync(path.join(dir, 'tf', 'garbage.tf'), garbage(4000), 'latin1');
    writeFileSync(path.join(dir, 'tf', 'terraform.tfvars'), `x = ${R('(', 50_000)}`);
    writeFileSync(path.join(dir, 'cfn', 'laughs.yaml'), `AWSTemplateFormatVersion: "2010-09-09"\nMappings:\n  M:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 10 }, (_, i) => `    ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${R(`*${String.fromCharCode(97 + i)}, `, 8)}*${String.fromCharCode(97 + i)}]\n`).join('')}Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      Tags: *k\n      CidrBlock: 10.0.0.0/16\n`);
    writeFileSync(path.join(dir, 'cfn', 'deep.json'), `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"V": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": ${R('[', 50_000)}}}}}`);
    writeFileSync(path.join(dir, 'cfn', 'self.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Me:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./self.yaml\n');
    for (const format of ['text', 'json', 'sarif']) {
      const r = runCli(['check', '.', '--format', format], dir);
      assert.ok(r.status === 0 || r.status === 1, `--format ${format}: exit ${r.status}\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, `--format ${format}`);
      assert.ok(r.stdout.length > 0, `--format ${format}: no report`);
    }
    const json = JSON.parse(runCli(['check', '.', '--format', 'json'], dir).stdout) as { diagnostics: { code: string; message: string }[] };
    const messages = json.diagnostics.map((d) => `${d.code}: ${d.message}`);
    assert.ok(messages.some((m) => /too many operators in a row/.test(m)), messages.slice(0, 20).join('\n'));
    assert.ok(messages.some((m) => /over 4096 instances, too many to model/.test(m)), messages.slice(0, 20).join('\n'));
    assert.ok(messages.some((m) => /expand to more than 100000 nodes/.test(m)), messages.slice(0, 20).join('\n'));
  });
});
