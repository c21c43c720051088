// The diagram as an export writes it: every workspace path in it relative to the working directory. Model ids
// carry absolute paths (a Terraform id is `<root folder>::<address>`, a CloudFormation id starts with its
// template's path, ENI keys, destination keys and symbols embed them), so an export made in CI would name the
// runner's folders and differ per checkout. The model and the panel keep their ids; only the export converts.

import type { DiagramEdge, DiagramModel, DiagramNode } from '../../protocol/diagram';
import { relativeFile } from '../report';

export interface PortablePaths {
  /** `text` with every workspace path in it written relative to the working directory. */
  text(text: string): string;
  /** A file's link for the export: a relative URI reference (each segment percent-encoded). */
  reference(file: string): string;
}

/**
 * `cwd`: the working directory as a model path (absolute, '/' separators); `paths`: the workspace's files as
 * model paths. Their folders are the Terraform stacks; a path under the working directory needs no entry.
 */
export function portablePaths(cwd: string, paths: Iterable<string>): PortablePaths {
  const root = cwd.length > 1 && cwd.endsWith('/') ? cwd.slice(0, -1) : cwd;
  const atDriveRoot = root === '/' || /^[A-Za-z]:\/?$/.test(root);
  // Absolute path → its relative form. The longest entry that matches wins, so the working folder beats an
  // ancestor of it, and a path under an entry is replaced through that entry.
  const anchors = new Map<string, string>();
  if (!atDriveRoot) anchors.set(root, '.');
  const outside = new Set<string>();
  const consider = (p: string): void => {
    if (p === '' || outside.has(p) || anchors.has(p)) return;
    if (!atDriveRoot && (p === root || p.startsWith(root + '/'))) return;
    if (!atDriveRoot && root.startsWith(p + '/')) {
      // A folder above the working directory (a `diagram ..` root module): relativeFile is for files and
      // would name the working folder itself ("../repo"), which differs per checkout.
      const up = root.slice(p.length).split('/').length - 1;
      anchors.set(p, Array<string>(up).fill('..').join('/'));
      return;
    }
    outside.add(p);
  };
  for (const file of paths) {
    consider(file);
    const slash = file.lastIndexOf('/');
    if (slash > 0) consider(file.slice(0, slash));
  }
  // Outside the working directory a path is replaced through its folder next to the working directory's
  // branch (`/w/infra` for `/w/infra/a/main.tf` seen from `/w/app`): few entries, and a file that only a message
  // names (a template a module reads) is converted too.
  const base = root.split('/');
  for (const p of outside) {
    const parts = p.split('/');
    let common = 0;
    while (!atDriveRoot && common < base.length && common < parts.length && base[common] === parts[common]) common++;
    // With the working directory at a drive root every path is below it: one entry per top folder.
    const anchor = parts.slice(0, Math.min(atDriveRoot ? 2 : common + 1, parts.length)).join('/');
    const relative = relativeFile(anchor, root);
    // Another drive has no relative form: such paths stay as they are, with no entry to look for.
    if (relative !== anchor && !anchors.has(anchor)) anchors.set(anchor, relative);
  }
  const keys = [...anchors.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // Every entry starts with this: a substring search finds the candidates, so a string without a path (most
  // facts and notes; tens of thousands for a big workspace) costs one `includes`.
  const shared = commonPrefix(keys);
  const convert = (text: string): string => {
    let out = '';
    let last = 0;
    for (let at = text.indexOf(shared); at >= 0 && at < text.length; at = text.indexOf(shared, at + 1)) {
      // A path starts where a name does not go on (`xx/home/...` is not one) and ends where its last name does.
      if (at > 0 && isNameChar(text.charCodeAt(at - 1))) continue;
      const key = keys.find((k) => text.startsWith(k, at) && !isNameChar(text.charCodeAt(at + k.length)));
      if (key === undefined) continue;
      const relative = anchors.get(key) ?? key;
      const end = at + key.length;
      if (text.charCodeAt(end) === SLASH) {
        out += text.slice(last, at) + (relative === '.' ? '' : `${relative}/`);
        last = end + 1;
      } else {
        out += text.slice(last, at) + relative;
        last = end;
      }
      at = last - 1;
    }
    return last === 0 ? text : out + text.slice(last);
  };
  // Ids repeat across nodes, edges and functions: each distinct string is converted once.
  const cache = new Map<string, string>();
  return {
    text(text) {
      if (keys.length === 0 || !text.includes(shared)) return text;
      let out = cache.get(text);
      if (out === undefined) {
        out = convert(text);
        cache.set(text, out);
      }
      return out;
    },
    reference(file) {
      const relative = file === root ? '.' : relativeFile(file, root);
      return relative.split('/').map(encodeURIComponent).join('/');
    },
  };
}

const SLASH = 0x2f;

/** Letters, digits, `_ . ~ + -` and anything beyond ASCII continue a file or folder name; NaN (past the end) does not. */
function isNameChar(code: number): boolean {
  if (Number.isNaN(code)) return false;
  if (code > 0x7f) return true;
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code === 0x2e || code === 0x7e || code === 0x2b || code === 0x2d;
}

function commonPrefix(texts: readonly string[]): string {
  let prefix = texts[0] ?? '';
  for (const t of texts) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix.charCodeAt(i) === t.charCodeAt(i)) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** The diagram with every id, label, fact and note converted by `paths`; node locations are left as they are. */
export function portableDiagram(model: DiagramModel, paths: PortablePaths): DiagramModel {
  const t = (s: string): string => paths.text(s);
  const nodes = model.nodes.map((n): DiagramNode => {
    const fields: Partial<Record<'detail', string>> = n.detail === undefined ? {} : { detail: t(n.detail) };
    return Object.assign({}, n, { id: t(n.id), label: t(n.label), parent: n.parent === null ? null : t(n.parent), facts: n.facts.map(t) }, fields);
  });
  const edges = model.edges.map((e): DiagramEdge => {
    const optional: Partial<Record<'functionId' | 'destination' | 'note' | 'subnet', string>> = {};
    if (e.functionId !== undefined) optional.functionId = t(e.functionId);
    if (e.destination !== undefined) optional.destination = t(e.destination);
    if (e.note !== undefined) optional.note = t(e.note);
    if (e.subnet !== undefined) optional.subnet = t(e.subnet);
    return Object.assign({}, e, { id: t(e.id), source: t(e.source), target: t(e.target) }, optional);
  });
  const functions = model.functions.map((f) => {
    const labels = f.reachLabels === undefined ? {} : { reachLabels: mapRecord(f.reachLabels, t, t) };
    const destinations = f.destinations === undefined ? {} : { destinations: mapRecord(f.destinations, t, (d) => ({ needed: d.needed, neededBecause: d.neededBecause.map(t), fixes: d.fixes.map(t) })) };
    return Object.assign({}, f, { id: t(f.id), label: t(f.label), reach: mapRecord(f.reach, t, (s) => s) }, { ...labels, ...destinations });
  });
  return { version: model.version, nodes, edges, functions };
}

function mapRecord<V>(record: Readonly<Record<string, V>>, key: (k: string) => string, value: (v: V) => V): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) out[key(k)] = value(v);
  return out;
}
