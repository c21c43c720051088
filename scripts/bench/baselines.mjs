// Off-the-shelf baselines for `npm run bench`: each candidate parses a generated workspace in its own child
// process (one process per run, candidates interleaved), so peak RSS is per candidate and runs do not warm
// each other. The first pass in a process is the process-cold figure; tree-sitter also makes a few more
// passes in the same process, for its warmed-up speed (our analysis is reported both ways too). Library: runBaselines({ tfDir, cfnDir, runs, quick }). Child: node baselines.mjs --child NAME --dir DIR
// Manual run:      node scripts/bench/baselines.mjs --tf DIR/terraform --cfn DIR/cloudformation [--runs 5] [--quick]
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, '..', '..', '..');
const require = createRequire(join(ROOT, 'package.json'));

/** Candidates: which folder they read, which files, and a label for reports. */
export const CANDIDATES = {
  'read-tf': { dir: 'tf', ext: '.tf', label: 'read all .tf files (floor)' },
  'regex-scan-tf': { dir: 'tf', ext: '.tf', label: 'one regex token scan over the .tf files (tokenizer floor)' },
  'tree-sitter-hcl': { dir: 'tf', ext: '.tf', label: 'web-tree-sitter + tree-sitter-hcl, parse only' },
  hcl2json: { dir: 'tf', ext: '.tf', label: '@cdktf/hcl2json (HashiCorp HCL in WASM)' },
  'read-yaml': { dir: 'cfn', ext: '.yaml', label: 'read all YAML templates (floor)' },
  'json-parse': { dir: 'cfn', ext: '.json', label: 'JSON.parse of the JSON twin (floor)' },
  'cfn-lint': { dir: 'cfn', ext: '.yaml', label: 'npm cfn-lint validating the YAML templates' },
};

function listFiles(dir, ext, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, ext, out);
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Child side: load the library (untimed), read the inputs (untimed, except for the read floors), time the work.

const TOKEN = /\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w-]*|\d+(?:\.\d+)?|\S/g;

async function runChild(name, dir, repeat) {
  const candidate = CANDIDATES[name];
  if (candidate === undefined) throw new Error(`unknown candidate ${name}`);
  const paths = listFiles(dir, candidate.ext);
  const readAll = () => paths.map((p) => readFileSync(p, 'utf8'));
  let work;
  let texts = [];
  let failures = 0;
  switch (name) {
    case 'read-tf':
    case 'read-yaml':
      work = () => {
        texts = readAll();
      };
      break;
    case 'regex-scan-tf': {
      texts = readAll();
      work = () => {
        let tokens = 0;
        for (const text of texts) {
          TOKEN.lastIndex = 0;
          while (TOKEN.exec(text) !== null) tokens++;
        }
        return tokens;
      };
      break;
    }
    case 'json-parse':
      texts = readAll();
      work = () => {
        for (const text of texts) JSON.parse(text);
      };
      break;
    case 'tree-sitter-hcl': {
      const { Parser, Language } = require('web-tree-sitter');
      await Parser.init();
      const language = await Language.load(join(ROOT, 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
      const parser = new Parser();
      parser.setLanguage(language);
      texts = readAll();
      work = () => {
        for (const text of texts) {
          const tree = parser.parse(text);
          if (tree === null) failures++;
          else {
            if (tree.rootNode.hasError) failures++;
            tree.delete();
          }
        }
      };
      break;
    }
    case 'hcl2json': {
      const { parse } = require('@cdktf/hcl2json');
      texts = readAll();
      await parse('warmup.tf', 'a = 1\n'); // loads and instantiates the WASM module outside the timing
      work = async () => {
        for (let i = 0; i < texts.length; i++) {
          try {
            await parse(relative(dir, paths[i]), texts[i]);
          } catch {
            failures++;
          }
        }
      };
      break;
    }
    case 'cfn-lint': {
      const cfnLint = require('cfn-lint');
      texts = readAll();
      // cfn-lint's SAM transform mutates its global resource spec, after which plain templates fail
      // ("No such property type …FunctionEnvironment"): validate plain templates first, SAM ones last.
      const ordered = paths.map((p, i) => [p, /^Transform:/m.test(texts[i])]).sort((a, b) => Number(a[1]) - Number(b[1])).map(([p]) => p);
      work = () => {
        for (const path of ordered) {
          try {
            const result = cfnLint.validateFile(path);
            if (!result.templateValid) failures++;
          } catch {
            failures++;
          }
        }
      };
      break;
    }
    default:
      throw new Error(`no runner for ${name}`);
  }
  // The first pass is the process-cold figure; later passes (same process, same inputs) show the warmed-up speed.
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  const ms = times[0];
  const warmMs = times.length > 1 ? median(times.slice(1)) : null;
  const bytes = (texts.length > 0 ? texts : readAll()).reduce((n, t) => n + Buffer.byteLength(t), 0);
  // maxRSS is in kilobytes on Linux.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ name, ms, warmMs, bytes, files: paths.length, failures, peakRssMb }) + '\n');
}

// ---------------------------------------------------------------------------------------------------------
// Parent side.

/** Runs one candidate once in a fresh process; resolves to the child's report or { capped } / { error }. */
function runOnce(name, dir, capMs, repeat) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [SELF, '--child', name, '--dir', dir, '--repeat', String(repeat)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let capped = false;
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGKILL');
    }, capMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (capped) return resolvePromise({ capped: true });
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolvePromise(JSON.parse(line));
      } catch {
        resolvePromise({ error: `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      }
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Passes per process: the fast parsers also report their warmed-up speed (our analysis does the same). */
const REPEAT = { 'tree-sitter-hcl': 4 };

/**
 * Runs the baselines over a generated workspace (tfDir: the terraform/ folder, cfnDir: the cloudformation/
 * folder; either may be omitted). Fast candidates run `runs` times (at least 3); a candidate whose first run
 * takes over 5 s runs once; cfn-lint runs once under a time cap and reports "> cap" when it hits it.
 * medianMs is the median of the processes' first passes; warmMedianMs the median of their later passes (or null).
 * Returns [{ name, label, medianMs, warmMedianMs, runs, peakRssMb, bytes, files, mbPerSecond, failures, note }].
 */
export async function runBaselines({ tfDir, cfnDir, runs = 5, quick = false, cfnLintCapMs, capMs = 120_000, only } = {}) {
  const wanted = Object.keys(CANDIDATES).filter((name) => {
    const dir = CANDIDATES[name].dir === 'tf' ? tfDir : cfnDir;
    return dir !== undefined && (only === undefined || only.includes(name));
  });
  const runCount = Math.max(3, quick ? 3 : runs);
  const lintCap = cfnLintCapMs ?? (quick ? 20_000 : capMs);
  const samples = new Map(wanted.map((name) => [name, []]));
  const slow = new Set(['cfn-lint']);
  const problems = new Map();
  for (let run = 0; run < runCount; run++) {
    // Interleaved: every candidate's run r before any candidate's run r + 1.
    for (const name of wanted) {
      if (slow.has(name) && samples.get(name).length > 0) continue;
      if (problems.has(name)) continue;
      const dir = CANDIDATES[name].dir === 'tf' ? tfDir : cfnDir;
      const result = await runOnce(name, resolve(dir), name === 'cfn-lint' ? lintCap : capMs, quick ? 1 : (REPEAT[name] ?? 1));
      if (result.capped || result.error) {
        problems.set(name, result.capped ? `> ${Math.round((name === 'cfn-lint' ? lintCap : capMs) / 1000)} s cap` : result.error);
        continue;
      }
      samples.get(name).push(result);
      if (result.ms > 5000) slow.add(name);
    }
  }
  return wanted.map((name) => {
    const got = samples.get(name);
    const base = { name, label: CANDIDATES[name].label };
    if (got.length === 0) {
      return { ...base, medianMs: null, warmMedianMs: null, runs: 0, peakRssMb: null, bytes: null, files: null, mbPerSecond: null, failures: null, note: problems.get(name) ?? 'not run' };
    }
    const medianMs = median(got.map((s) => s.ms));
    const warm = got.filter((s) => s.warmMs !== null && s.warmMs !== undefined).map((s) => s.warmMs);
    const warmMedianMs = warm.length > 0 ? median(warm) : null;
    const bytes = got[0].bytes;
    const failures = got[0].failures;
    const notes = [];
    if (got.length === 1) notes.push('single run (slow)');
    if (problems.has(name)) notes.push(problems.get(name));
    if (failures > 0) notes.push(`${failures} of ${got[0].files} files reported errors`);
    return {
      ...base,
      medianMs,
      warmMedianMs,
      runs: got.length,
      peakRssMb: Math.max(...got.map((s) => s.peakRssMb)),
      bytes,
      files: got[0].files,
      mbPerSecond: bytes / 1e6 / (medianMs / 1000),
      failures,
      note: notes.join('; '),
    };
  });
}

/** A Markdown table of runBaselines' results. */
export function formatBaselines(results) {
  const rows = results.map((r) => {
    const ms = r.medianMs === null ? r.note : `${r.medianMs.toFixed(r.medianMs < 100 ? 1 : 0)} ms`;
    const tput = r.mbPerSecond === null ? '' : `${r.mbPerSecond.toFixed(r.mbPerSecond < 10 ? 2 : 0)} MB/s`;
    const rss = r.peakRssMb === null ? '' : `${Math.round(r.peakRssMb)} MB`;
    const note = r.medianMs === null ? '' : r.note;
    return `| ${r.label} | ${ms} | ${tput} | ${rss} | ${r.runs} | ${note} |`;
  });
  return ['| what | median | throughput | peak RSS | runs | note |', '|---|---:|---:|---:|---:|---|', ...rows].join('\n');
}

async function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
  };
  if (argv.includes('--child')) {
    await runChild(arg('--child'), resolve(arg('--dir')), Number(arg('--repeat') ?? 1));
    return;
  }
  const tfDir = arg('--tf');
  const cfnDir = arg('--cfn');
  if (tfDir === undefined && cfnDir === undefined) {
    console.error('usage: node scripts/bench/baselines.mjs --tf DIR --cfn DIR [--runs N] [--quick] [--only a,b] [--cfn-lint-cap-ms MS]');
    process.exit(2);
  }
  const results = await runBaselines({
    tfDir,
    cfnDir,
    runs: Number(arg('--runs') ?? 5),
    quick: argv.includes('--quick'),
    only: arg('--only')?.split(','),
    cfnLintCapMs: arg('--cfn-lint-cap-ms') === undefined ? undefined : Number(arg('--cfn-lint-cap-ms')),
  });
  console.log(formatBaselines(results));
  if (argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
