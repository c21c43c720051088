// Benchmark of HCL readers on the same text: our parseHcl (bundled from source with esbuild), web-tree-sitter
// with @tree-sitter-grammars/tree-sitter-hcl, and @cdktf/hcl2json (HashiCorp's parser). Prints medians and ratios.
//   node scripts/bench/hclParsers.mjs [--lines=5000] [file.tf …]
// Exports benchHclParsers(files) for `npm run bench`, and syntheticTerraform(lines) for a realistic input.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** Realistic Terraform: VPCs, subnets, route tables, SGs with ingress/egress, Lambda functions in VPCs, heredoc policies. */
export function syntheticTerraform(targetLines) {
  const out = [];
  let i = 0;
  while (out.length < targetLines) {
    const n = i++;
    out.push(
      `resource "aws_vpc" "vpc_${n}" {`,
      `  cidr_block           = "10.${n % 250}.0.0/16"`,
      '  enable_dns_hostnames = true',
      '  enable_dns_support   = true',
      `  tags = merge(local.tags, { Name = "vpc-\${var.env}-${n}" })`,
      '}',
      '',
      `resource "aws_subnet" "private_${n}" {`,
      '  count             = length(var.azs)',
      `  vpc_id            = aws_vpc.vpc_${n}.id`,
      `  cidr_block        = cidrsubnet(aws_vpc.vpc_${n}.cidr_block, 8, count.index)`,
      '  availability_zone = var.azs[count.index]',
      '  tags = {',
      `    Name = "private-\${count.index}"`,
      '    Tier = "private"',
      '  }',
      '}',
      '',
      `resource "aws_route_table" "private_${n}" {`,
      `  vpc_id = aws_vpc.vpc_${n}.id`,
      '  route {',
      '    cidr_block     = "0.0.0.0/0"',
      `    nat_gateway_id = aws_nat_gateway.nat_${n}.id`,
      '  }',
      '}',
      '',
      `resource "aws_route_table_association" "private_${n}" {`,
      `  count          = length(aws_subnet.private_${n})`,
      `  subnet_id      = aws_subnet.private_${n}[count.index].id`,
      `  route_table_id = aws_route_table.private_${n}.id`,
      '}',
      '',
      `resource "aws_security_group" "lambda_${n}" {`,
      `  name_prefix = "lambda-${n}-"`,
      `  vpc_id      = aws_vpc.vpc_${n}.id`,
      '  ingress {',
      '    from_port   = 443',
      '    to_port     = 443',
      '    protocol    = "tcp"',
      `    cidr_blocks = [aws_vpc.vpc_${n}.cidr_block]`,
      '  }',
      '  egress {',
      '    from_port   = 0',
      '    to_port     = 0',
      '    protocol    = "-1"',
      '    cidr_blocks = ["0.0.0.0/0"] # all outbound',
      '  }',
      '}',
      '',
      `resource "aws_iam_role_policy" "lambda_${n}" {`,
      `  role   = aws_iam_role.lambda_${n}.id`,
      '  policy = <<-EOF',
      '    {',
      '      "Version": "2012-10-17",',
      '      "Statement": [{',
      '        "Effect": "Allow",',
      '        "Action": ["s3:GetObject"],',
      `        "Resource": "\${aws_s3_bucket.data_${n}.arn}/*"`,
      '      }]',
      '    }',
      '  EOF',
      '}',
      '',
      `resource "aws_lambda_function" "fn_${n}" {`,
      `  function_name = "fn-${n}"`,
      `  role          = aws_iam_role.lambda_${n}.arn`,
      '  handler       = "index.handler"',
      '  runtime       = "nodejs20.x"',
      '  timeout       = var.timeout > 0 ? var.timeout : 30',
      '  vpc_config {',
      `    subnet_ids         = aws_subnet.private_${n}[*].id`,
      `    security_group_ids = [aws_security_group.lambda_${n}.id]`,
      '  }',
      '  environment {',
      '    variables = { for k, v in var.env_vars : k => v if v != null }',
      '  }',
      '}',
      '',
    );
  }
  // Whole resources only (the text ends at a block boundary), so it may run a few lines past the target.
  return out.join('\n') + '\n';
}

let parseHclPromise;
/** Bundles server/src/syntax/hcl/hclParser.ts into a temporary CommonJS file and loads it. */
async function loadParseHcl() {
  parseHclPromise ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcl-bench-'));
    const outfile = join(dir, 'hclParser.cjs');
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['server/src/syntax/hcl/hclParser.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      logLevel: 'warning',
    });
    const mod = require(outfile);
    rmSync(dir, { recursive: true, force: true });
    return mod.parseHcl;
  })();
  return parseHclPromise;
}

async function loadTreeSitter() {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(join(root, 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeRuns(fn, runs, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** Inserts a `"` in the middle of the text (at a line start), the edit that breaks syntax while typing. */
export function breakingEdit(text) {
  const mid = text.indexOf('\n', text.length >> 1) + 1;
  return `${text.slice(0, mid)}  "${text.slice(mid)}`;
}

/**
 * Times each reader on each file (median of `runs` after `warmup`). Rows: { file, bytes, reader, medianMs, mbPerSec, problems? }.
 * Readers: parseHcl, parseHcl after a breaking edit, tree-sitter (full parse), hcl2json. The slow readers run fewer times.
 */
export async function benchHclParsers(files, { runs = 30, slowRuns = 5 } = {}) {
  const parseHcl = await loadParseHcl();
  const treeSitter = await loadTreeSitter();
  const { parse: hcl2json } = require('@cdktf/hcl2json');
  const rows = [];
  for (const { path, text } of files) {
    const bytes = Buffer.byteLength(text);
    const row = (reader, medianMs, extra = {}) =>
      rows.push({ file: path, bytes, reader, medianMs, mbPerSec: bytes / 1e6 / (medianMs / 1000), ...extra });
    row('parseHcl', await timeRuns(() => parseHcl(text), runs, 20), { problems: parseHcl(text).problems.length });
    const broken = breakingEdit(text);
    row('parseHcl (after inserting ")', await timeRuns(() => parseHcl(broken), runs, 20), {
      problems: parseHcl(broken).problems.length,
    });
    row('tree-sitter-hcl (full parse)', await timeRuns(() => treeSitter.parse(text)?.delete(), slowRuns, 2));
    row('@cdktf/hcl2json', await timeRuns(() => hcl2json(path, text), slowRuns, 1));
  }
  treeSitter.delete();
  return rows;
}

function printRows(rows) {
  const byFile = new Map();
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  for (const [file, fileRows] of byFile) {
    const base = fileRows[0].medianMs;
    console.log(`\n${file} (${(fileRows[0].bytes / 1000).toFixed(1)} kB)`);
    for (const r of fileRows) {
      const problems = r.problems !== undefined ? `  problems=${r.problems}` : '';
      console.log(
        `  ${r.reader.padEnd(32)} ${r.medianMs.toFixed(2).padStart(9)} ms  ${r.mbPerSec.toFixed(1).padStart(7)} MB/s  ×${(r.medianMs / base).toFixed(1).padStart(6)}${problems}`,
      );
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const linesArg = args.find((a) => a.startsWith('--lines='));
  const lines = linesArg ? Number(linesArg.slice('--lines='.length)) : 5000;
  const files = [{ path: `synthetic-${lines}-lines.tf`, text: syntheticTerraform(lines) }];
  for (const path of args.filter((a) => !a.startsWith('--'))) files.push({ path, text: readFileSync(path, 'utf8') });
  printRows(await benchHclParsers(files));
}
