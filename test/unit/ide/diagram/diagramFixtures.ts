// Diagram fixtures for the diagram and webview tests: the real analysis of examples/ (a Terraform folder and
// a SAM template), an in-memory workspace, and a copy with a hostile resource name.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { buildDiagram } from '../../../../server/src/ide/diagram/diagramData';
import type { DiagramEdge, DiagramModel, DiagramNode } from '../../../../server/src/protocol/diagram';
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

/** A synthetic workspace: `count` functions over `vpcs` VPCs of three AZs with two private subnets each. */
export function largeDiagram(count: number, vpcs: number): DiagramModel {
  const nodes: DiagramNode[] = [
    { id: 'aws-cloud', kind: 'cloud', label: 'AWS Cloud', parent: null, facts: [] },
    { id: 'region', kind: 'region', label: 'eu-west-1', parent: 'aws-cloud', facts: [] },
    { id: 'lambda-service-vpc', kind: 'lambda-service-vpc', label: 'Lambda service VPC (AWS-managed)', parent: 'region', facts: [] },
    { id: 'internet', kind: 'internet', label: 'Internet', parent: null, facts: [] },
    { id: 'service:s3', kind: 'aws-service', label: 'Amazon S3', parent: 'region', facts: [] },
  ];
  const edges: DiagramEdge[] = [];
  for (let v = 0; v < vpcs; v++) {
    nodes.push({ id: `vpc${v}`, kind: 'vpc', label: `aws_vpc.v${v}`, parent: 'region', facts: [] });
    nodes.push({ id: `igw${v}`, kind: 'internet-gateway', label: `aws_internet_gateway.v${v}`, parent: `vpc${v}`, facts: [] });
    for (let a = 0; a < 3; a++) {
      nodes.push({ id: `vpc${v}#az${a}`, kind: 'az', label: `eu-west-1${'abc'[a]}`, parent: `vpc${v}`, facts: [] });
      nodes.push({ id: `pub${v}${a}`, kind: 'subnet', label: `aws_subnet.public${v}${a}`, parent: `vpc${v}#az${a}`, subnetClass: 'public', facts: [] });
      nodes.push({ id: `nat${v}${a}`, kind: 'nat-gateway', label: `aws_nat_gateway.v${v}${a}`, parent: `pub${v}${a}`, facts: [] });
      for (let s = 0; s < 2; s++) nodes.push({ id: `sub${v}${a}${s}`, kind: 'subnet', label: `aws_subnet.app${v}${a}${s}`, parent: `vpc${v}#az${a}`, subnetClass: 'private', facts: [] });
    }
  }
  for (let i = 0; i < count; i++) {
    const fn = `fn${i}`;
    const v = i % vpcs;
    const s = Math.floor(i / vpcs) % 2;
    nodes.push({ id: fn, kind: 'function', label: `aws_lambda_function.f${i}`, parent: 'lambda-service-vpc', facts: [] });
    for (let a = 0; a < 3; a++) {
      const eni = `eni:${v}${a}${s}:sg${i % 7}`;
      if (!nodes.some((n) => n.id === eni)) nodes.push({ id: eni, kind: 'hyperplane-eni', label: 'Hyperplane ENI', detail: `sg${i % 7}`, parent: `sub${v}${a}${s}`, facts: [] });
      edges.push({ id: `${fn}->${eni}`, source: fn, target: eni, kind: 'eni-link' });
      edges.push({ id: `${fn}:i:${a}:0`, source: eni, target: `nat${v}${a}`, kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
      edges.push({ id: `${fn}:i:${a}:1`, source: `nat${v}${a}`, target: `igw${v}`, kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
      edges.push({ id: `${fn}:i:${a}:2`, source: `igw${v}`, target: 'internet', kind: 'path', functionId: fn, destination: 'internet', status: 'yes', subnet: `sub${v}${a}${s}` });
    }
  }
  return { version: 1, nodes, edges, functions: nodes.filter((n) => n.kind === 'function').map((n) => ({ id: n.id, label: n.label, reach: { internet: 'yes' } })) };
}
