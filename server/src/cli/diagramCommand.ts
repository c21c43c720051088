// `hyperplane-lens diagram PATH --out topology.svg|topology.html`: the topology panel's picture as a static
// SVG, or as a self-contained interactive HTML page (the panel's own webview code, no network needed).

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../ide/diagram/diagramData';
import { diagramHtml } from '../ide/diagram/diagramHtml';
import { diagramToSvg } from '../ide/diagram/diagramSvg';
import { pathToUri } from '../lsp/uris';
import { flag, UsageError, type ParsedArgs } from './args';
import type { LoadedWorkspace } from './loadWorkspace';
import { writeOutput } from './writeOutput';

export async function diagramCommand(args: ParsedArgs, load: (args: ParsedArgs, paths: readonly string[]) => Promise<LoadedWorkspace>): Promise<number> {
  const out = flag(args, 'out');
  if (!out) throw new UsageError('diagram needs --out FILE (.svg or .html)');
  if (!/\.(svg|html)$/i.test(out)) throw new UsageError(`--out must end in .svg or .html (got '${out}')`);
  const { analysis } = await load(args, args.positionals);
  const model = buildDiagram(analysis.model, analysis.result, { uriOf: pathToUri, textOf: (f) => analysis.snapshot.text(f), version: analysis.generation });
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
    text = diagramHtml(model, js, randomBytes(18).toString('base64'));
  }
  await writeOutput(out, text);
  const functions = model.functions.length;
  process.stdout.write(`wrote ${out}: ${functions} function${functions === 1 ? '' : 's'}, ${model.nodes.length} boxes\n`);
  return 0;
}
