// SAM `Globals` merged into a serverless resource's Properties exactly as the SAM translator does (T2):
// a primitive (scalar or intrinsic) in the resource replaces the global one, maps merge key by key with the
// resource winning, lists are concatenated with the global entries first, and differing shapes keep the
// resource's value. `IgnoreGlobals: '*'` or a list of property names opts out.

import type { DataEntry, DataMap, DataNode, DataSeq } from '../../syntax/data/ast';
import { asMap, child, intrinsicOf, keyName, scalarString } from './template';
import { override } from '../../model/override';

type Shape = 'map' | 'list' | 'primitive';

function shapeOf(n: DataNode): Shape {
  if (n.kind === 'scalar' || intrinsicOf(n) !== undefined) return 'primitive';
  return n.kind === 'map' ? 'map' : 'list';
}

function merge(global: DataNode, local: DataNode): DataNode {
  const gs = shapeOf(global);
  if (gs !== shapeOf(local) || gs === 'primitive') return local;
  if (gs === 'list' && global.kind === 'seq' && local.kind === 'seq') {
    const seq: DataSeq = { kind: 'seq', items: [...global.items, ...local.items], tag: undefined, span: local.span };
    return seq;
  }
  if (global.kind === 'map' && local.kind === 'map') return mergeMaps(global, local);
  return local;
}

function mergeMaps(global: DataMap, local: DataMap): DataMap {
  const entries: DataEntry[] = [];
  const localKeys = new Map<string, DataEntry>();
  for (const e of local.entries) localKeys.set(keyName(e), e);
  for (const g of global.entries) {
    const l = localKeys.get(keyName(g));
    if (l === undefined) entries.push(g);
    else entries.push({ key: l.key, value: merge(g.value, l.value), span: l.span });
  }
  const globalKeys = new Set(global.entries.map(keyName));
  for (const e of local.entries) if (!globalKeys.has(keyName(e))) entries.push(e);
  return { kind: 'map', entries, tag: undefined, span: local.span };
}

export interface MergedProperties {
  readonly properties: DataMap | undefined;
  /** Top-level property names to which Globals contributed. */
  readonly inherited: ReadonlySet<string>;
}

/** The resource's effective Properties after merging `Globals.<section>`. */
export function mergeGlobals(globals: DataMap | undefined, section: string, resource: DataMap, properties: DataMap | undefined): MergedProperties {
  const g = asMap(child(globals, section));
  if (g === undefined) return { properties, inherited: new Set() };
  const ignore = child(resource, 'IgnoreGlobals');
  let ignored: ReadonlySet<string> = new Set();
  if (ignore !== undefined) {
    if (scalarString(ignore) === '*') return { properties, inherited: new Set() };
    if (ignore.kind === 'seq') ignored = new Set(ignore.items.map(scalarString).filter((s): s is string => s !== undefined));
  }
  const effectiveGlobal: DataMap = ignored.size === 0 ? g : override(g, { entries: g.entries.filter((e) => !ignored.has(keyName(e))) });
  const inherited = new Set(effectiveGlobal.entries.map(keyName));
  if (properties === undefined) return { properties: effectiveGlobal, inherited };
  return { properties: mergeMaps(effectiveGlobal, properties), inherited };
}
