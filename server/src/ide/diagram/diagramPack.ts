// DiagramModel ⇄ PackedDiagram: the panel's wire form, with every id, URI, destination and note once in a
// string table (the language server packs, the webview unpacks). Pure.

import type { DiagramEdge, DiagramModel, DiagramNode, PackedDiagram, PackedEdge, PackedFunction, PackedNode, PathStatus } from '../../protocol/diagram';

export function packDiagram(model: DiagramModel): PackedDiagram {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | undefined | null): number => {
    if (s === undefined || s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const nodes = model.nodes.map((n): PackedNode => {
    const packed: PackedNode = { id: ref(n.id), kind: n.kind, label: n.label, parent: ref(n.parent), facts: n.facts };
    const extra: { detail?: string; location?: PackedNode['location']; subnetClass?: PackedNode['subnetClass'] } = {};
    if (n.detail !== undefined) extra.detail = n.detail;
    if (n.location !== undefined) extra.location = [ref(n.location.uri), n.location.line, n.location.character];
    if (n.subnetClass !== undefined) extra.subnetClass = n.subnetClass;
    return { ...extra, ...packed };
  });
  const edges = model.edges.map((e): PackedEdge => [e.kind, ref(e.source), ref(e.target), ref(e.functionId), ref(e.destination), ref(e.note), ref(e.subnet), e.status ?? '']);
  const functions = model.functions.map((f) => ({ id: ref(f.id), label: f.label, reach: f.reach, ...optionalReach(f) }));
  return { packed: 1, version: model.version, strings, nodes, edges, functions, ...(model.scope ? { scope: model.scope } : {}), ...(model.stack === undefined ? {} : { stack: model.stack }) };
}

/** The DiagramModel `packed` was made of, except edge ids (numbered: `edge:<index>`). */
export function unpackDiagram(packed: PackedDiagram): DiagramModel {
  const { strings } = packed;
  const str = (i: number): string => strings[i] ?? '';
  const opt = (i: number): string | undefined => (i < 0 ? undefined : strings[i]);
  const nodes = packed.nodes.map((n): DiagramNode => {
    const node: DiagramNode = { id: str(n.id), kind: n.kind, label: n.label, parent: n.parent < 0 ? null : str(n.parent), facts: n.facts };
    const extra: { detail?: string; location?: DiagramNode['location']; subnetClass?: DiagramNode['subnetClass'] } = {};
    if (n.detail !== undefined) extra.detail = n.detail;
    if (n.location !== undefined) extra.location = { uri: str(n.location[0]), line: n.location[1], character: n.location[2] };
    if (n.subnetClass !== undefined) extra.subnetClass = n.subnetClass;
    return { ...extra, ...node };
  });
  const edges = packed.edges.map(([kind, source, target, functionId, destination, note, subnet, status], i): DiagramEdge => {
    const edge: DiagramEdge = { id: `edge:${i}`, source: str(source), target: str(target), kind };
    const extra: { functionId?: string; destination?: string; note?: string; subnet?: string; status?: PathStatus } = {};
    const fn = opt(functionId);
    if (fn !== undefined) extra.functionId = fn;
    const dest = opt(destination);
    if (dest !== undefined) extra.destination = dest;
    const text = opt(note);
    if (text !== undefined) extra.note = text;
    const sub = opt(subnet);
    if (sub !== undefined) extra.subnet = sub;
    if (status !== '') extra.status = status;
    return { ...extra, ...edge };
  });
  const functions = packed.functions.map((f) => ({ id: str(f.id), label: f.label, reach: f.reach, ...optionalReach(f) }));
  return { version: packed.version, nodes, edges, functions, ...(packed.scope ? { scope: packed.scope } : {}), ...(packed.stack === undefined ? {} : { stack: packed.stack }) };
}

/** A function summary's optional fields, present only when set. */
function optionalReach(f: Pick<PackedFunction, 'reachLabels' | 'destinations'>): Pick<PackedFunction, 'reachLabels' | 'destinations'> {
  const out: { reachLabels?: PackedFunction['reachLabels']; destinations?: PackedFunction['destinations'] } = {};
  if (f.reachLabels !== undefined) out.reachLabels = f.reachLabels;
  if (f.destinations !== undefined) out.destinations = f.destinations;
  return out;
}
