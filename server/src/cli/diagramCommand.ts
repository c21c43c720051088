// `hyperplane-lens diagram PATH --out topology.svg|topology.html`: the topology panel's picture as a static
// SVG, or as a self-contained interactive HTML page (the panel's own webview code, no network needed). Every
// path in the file is relative to the working directory and the page's nonce comes from its content, so the
// same workspace exports byte-identical files from any checkout (committable, diffable).

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../ide/diagram/diagramData';
import { diagramHtml, jsonForHtml } from '../ide/diagram/diagramHtml';
import { portableDiagram, portablePaths } from '../ide/diagram/diagramPaths';
import { diagramToSvg } from '../ide/diagram/diagramSvg';
import { flag, UsageError, type ParsedArgs } from './args';
import type { LoadedWorkspace } from './loadWorkspace';
import { writeOutput } from './writeOutput';

export async function diagramCommand(args: ParsedArgs, load: (args: ParsedArgs, paths: readonly string[]) => Promise<LoadedWorkspace>): Promise<number> {
  const out = flag(args, 'out');
  if (!out) throw new UsageError('diagram needs --out FILE (.svg or .html)');
  if (!/\.(svg|html)$/i.test(out)) throw new UsageError(`--out must end in .svg or .html (got '${out}')`);
  const { analysis, cwd } = await load(args, args.positionals);
  // Ids stay absolute in the model (the panel needs them); the export converts them, as `check` does its files.
  const paths = portablePaths(cwd, analysis.snapshot.paths);
  const model = portableDiagram(buildDiagram(analysis.model, analysis.result, { uriOf: (f) => paths.reference(f), textOf: (f) => analysis.snapshot.text(f), version: analysis.generation }), paths);
  let text: string;
  if (/\.svg$/i.test(out)) {
    text = await diagramToSvg(model);
  } else {
    // dist/cli.js sits next to dist/webview.js.
    const bundle = path.join(__dirname, 'webview.js');
    let js: string;
    try {
      js = await fs.readFile(bundle, 'utf8');
    } catch {
      throw new UsageError(`the diagram page needs ${bundle}; build it with 'node scripts/build.mjs'`);
    }
    // The nonce is the page's own hash, not random bytes (which would make every export differ): text injected
    // into the page cannot carry the hash of a page that contains it.
    const nonce = createHash('sha256').update(jsonForHtml(model)).update(js).digest('base64').slice(0, 24);
    text = diagramHtml(model, js, nonce);
  }
  await writeOutput(out, text);
  const functions = model.functions.length;
  process.stdout.write(`wrote ${out}: ${functions} function${functions === 1 ? '' : 's'}, ${model.nodes.length} boxes\n`);
  return 0;
}
