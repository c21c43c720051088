// Diagram fixtures for the diagram and webview tests: the real analysis of examples/ (a Terraform folder and
// a SAM template), an in-memory workspace, and a copy with a hostile resource name.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../../../../server/src/ide/diagram/diagramData';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';

/** The repository root, found by climbing from this bundle's folder (or the source tree). */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if (statSync(path.join(dir, 'examples', 'terraform')).isDirectory() && statSync(path.join(dir, 'package.json')).isFile()) return dir;
    } catch {
      // not here; keep climbing
    }
  }
  throw new Error(`no repository root above ${__dirname}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : [path.join(dir, n)]));
}

export function diagramOf(files: ReadonlyMap<string, string>, region = 'eu-west-1'): DiagramModel {
  const session = new AnalysisSession({ region });
  for (const [file, text] of files) session.setFile(file, text);
  const analysis = session.analyze();
  return buildDiagram(analysis.model, analysis.result, { uriOf: (f) => `file://${f}`, textOf: (f) => analysis.snapshot.text(f), version: analysis.generation });
}

/** examples/ analysed as the CLI and the server do. */
export function exampleDiagram(): DiagramModel {
  const root = repoRoot();
  return diagramOf(new Map(walk(path.join(root, 'examples')).map((f) => [f, readFileSync(f, 'utf8')])));
}

export const hostileName = '<img src=x onerror=alert(1)>';

/** The examples diagram with one function's label replaced by markup. */
export function hostileDiagram(): DiagramModel {
  const model = exampleDiagram();
  const victim = model.functions[0]?.id;
  return {
    ...model,
    nodes: model.nodes.map((n) => (n.id === victim ? { ...n, label: hostileName, detail: `</script><script>alert(2)</script>`, facts: [...n.facts, '"quoted" & <b>bold</b>'] } : n)),
    functions: model.functions.map((f) => (f.id === victim ? { ...f, label: hostileName } : f)),
  };
}

/** Ids end with the Terraform address or logical id; finds a node's id by that suffix. */
export function idEndingWith(model: DiagramModel, suffix: string): string {
  const node = model.nodes.find((n) => n.id.endsWith(suffix));
  if (!node) throw new Error(`no node id ends with ${suffix}; ids: ${model.nodes.map((n) => n.id).join(', ')}`);
  return node.id;
}
