// Messages between the topology panel's extension side (client/src/topologyPanel.ts) and its webview
// (client/webview/), as discriminated unions with guards: each side checks every message it receives.

import type { DiagramModel, PackedDiagram } from './diagram';

export interface RevealLocation {
  readonly uri: string;
  readonly line: number;
  readonly character: number;
}

/** Extension → webview. */
export type HostToWebviewMessage =
  /** A new diagram (packed by the server: a fraction of the size); `focus` selects a function (the code lens's "Show Topology" on a function). */
  | { readonly type: 'diagram'; readonly model: DiagramModel | PackedDiagram; readonly focus?: string }
  /** The cursor moved into (or out of: null) a function's block in the editor. */
  | { readonly type: 'select'; readonly functionId: string | null }
  /** The server is not running or the request failed; the panel says so instead of drawing. */
  | { readonly type: 'error'; readonly message: string };

export type ExportFormat = 'svg' | 'png';

/** Webview → extension. */
export type WebviewToHostMessage =
  | { readonly type: 'ready' }
  /** The diagram was drawn: the ids of the nodes on screen (for the editor tests) and the model version. */
  | { readonly type: 'rendered'; readonly version: number; readonly nodeIds: readonly string[]; readonly selected: string | null }
  | { readonly type: 'reveal'; readonly location: RevealLocation }
  /** `data`: the SVG text, or a PNG data URL. */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly data: string }
  | { readonly type: 'log'; readonly message: string }
  /** The user picked the unit to draw (a stack id of the diagram's scope, or allStacks for the whole workspace). */
  | { readonly type: 'scope'; readonly stack: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isLocation(value: unknown): value is RevealLocation {
  return isRecord(value) && typeof value.uri === 'string' && typeof value.line === 'number' && typeof value.character === 'number';
}

/** Shallow structural check of a diagram: arrays where arrays belong, ids and kinds as strings. */
export function isDiagramModel(value: unknown): value is DiagramModel {
  if (!isRecord(value) || typeof value.version !== 'number') return false;
  const { nodes, edges, functions } = value;
  if (!Array.isArray(nodes) || !Array.isArray(edges) || !Array.isArray(functions)) return false;
  const nodesOk = nodes.every((n) => isRecord(n) && typeof n.id === 'string' && typeof n.kind === 'string' && typeof n.label === 'string' && (n.parent === null || typeof n.parent === 'string') && isStringArray(n.facts));
  const edgesOk = edges.every((e) => isRecord(e) && typeof e.id === 'string' && typeof e.source === 'string' && typeof e.target === 'string' && typeof e.kind === 'string');
  const functionsOk = functions.every((f) => isRecord(f) && typeof f.id === 'string' && typeof f.label === 'string' && isRecord(f.reach));
  return nodesOk && edgesOk && functionsOk;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= -1;

/** Shallow structural check, as isDiagramModel: arrays where arrays belong, indexes as integers. */
export function isPackedDiagram(value: unknown): value is PackedDiagram {
  if (!isRecord(value) || value.packed !== 1 || typeof value.version !== 'number') return false;
  const { strings, nodes, edges, functions } = value;
  if (!Array.isArray(strings) || !Array.isArray(nodes) || !Array.isArray(edges) || !Array.isArray(functions)) return false;
  if (!strings.every((s) => typeof s === 'string')) return false;
  const nodesOk = nodes.every((n) => isRecord(n) && isIndex(n.id) && typeof n.kind === 'string' && typeof n.label === 'string' && isIndex(n.parent) && Array.isArray(n.facts));
  const edgesOk = edges.every((e) => Array.isArray(e) && e.length === 8 && typeof e[0] === 'string' && e.slice(1, 7).every(isIndex) && typeof e[7] === 'string');
  const functionsOk = functions.every((f) => isRecord(f) && isIndex(f.id) && typeof f.label === 'string' && isRecord(f.reach));
  return nodesOk && edgesOk && functionsOk;
}

export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'diagram':
      return (isDiagramModel(value.model) || isPackedDiagram(value.model)) && (value.focus === undefined || typeof value.focus === 'string');
    case 'select':
      return value.functionId === null || typeof value.functionId === 'string';
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'rendered':
      return typeof value.version === 'number' && isStringArray(value.nodeIds) && (value.selected === null || typeof value.selected === 'string');
    case 'reveal':
      return isLocation(value.location);
    case 'export':
      return (value.format === 'svg' || value.format === 'png') && typeof value.data === 'string';
    case 'log':
      return typeof value.message === 'string';
    case 'scope':
      return typeof value.stack === 'string';
    default:
      return false;
  }
}
