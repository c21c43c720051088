// Child process of `npm run bench`: measures our own analysis on one generated workspace folder, in a
// fresh process so peak memory is ours alone. Prints one JSON line.
//   node analysisChild.mjs BUNDLE DIR RUNS EDITS
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [bundle, dir, runsArg, editsArg] = process.argv.slice(2);
// The bundle is the product's own pipeline, run with V8's defaults as the server and the CLI are.
const { AnalysisSession } = createRequire(import.meta.url)(bundle);
const runs = Number(runsArg);
const edits = Number(editsArg);

function walk(d, out) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Cold: read → parse → model → reachability → findings, in a new session each run.
const files = walk(dir, []);
const cold = [];
const stageRuns = [];
let last;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const session = new AnalysisSession({ region: 'us-east-1' });
  for (const f of files) session.setFile(f, readFileSync(f, 'utf8'));
  last = session.analyze();
  cold.push(performance.now() - t0);
  stageRuns.push(last.timings);
  if (i < runs - 1) last = undefined;
}
// Per stage, the median over the same sessions as coldMs (the later ones when there are several).
const laterStages = stageRuns.length > 1 ? stageRuns.slice(1) : stageRuns;
const stageMedians = Object.fromEntries(Object.keys(laterStages[0] ?? {}).map((k) => [k, median(laterStages.map((t) => t[k] ?? 0))]));
// Peak memory of the cold analysis alone: maxRSS is a process maximum, so it is read before the edit
// session below builds a second analysis of the whole workspace.
const coldPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const counts = { functions: last.result.functions.length, findings: last.result.findings.length, timings: stageMedians };
last = undefined;

// A one-line edit in the largest file, re-analysed: a new comment line inserted in its middle (every later span moves).
// (Only when edits are asked for: the extra processes of `npm run bench` measure cold sessions only.)
const editTimes = [];
if (edits > 0) {
  const session = new AnalysisSession({ region: 'us-east-1' });
  const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  for (const [f, t] of texts) session.setFile(f, t);
  session.analyze();
  const target = [...texts.entries()].filter(([f]) => /\.(tf|ya?ml)$/.test(f)).sort((a, b) => b[1].length - a[1].length)[0];
  if (target) {
    const [file, text] = target;
    const lineStart = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    for (let i = 0; i < edits; i++) {
      const edited = text.slice(0, lineStart) + `# edit ${i}\n` + text.slice(lineStart);
      const t0 = performance.now();
      session.setFile(file, edited);
      session.analyze();
      editTimes.push(performance.now() - t0);
    }
  }
}
const rss = process.resourceUsage().maxRSS / 1024;
console.log(
  JSON.stringify({
    files: files.length,
    bytes: files.reduce((n, f) => n + statSync(f).size, 0),
    // The first session of a fresh process (JIT still cold) and the median of the later fresh sessions.
    firstMs: cold[0],
    coldMs: cold.length > 1 ? median(cold.slice(1)) : cold[0],
    coldRuns: cold.length,
    editMs: editTimes.length ? median(editTimes) : null,
    editMaxMs: editTimes.length ? Math.max(...editTimes) : null,
    ...counts,
    peakRssMb: coldPeakRssMb,
    editSessionPeakRssMb: Math.round(rss),
  }),
);
