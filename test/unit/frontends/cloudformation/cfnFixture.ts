// Test helper: an in-memory SourceView over a multi-file fixture (`//- /path` headers) parsed by the real
// YAML and JSON readers, plus a stable text rendering of model objects for expectations.

import { parseJson } from '../../../../server/src/syntax/json/jsonParser';
import { parseYaml } from '../../../../server/src/syntax/yaml/yamlParser';
import type { DataFile } from '../../../../server/src/syntax/data/ast';
import type { SourceView } from '../../../../server/src/syntax/sourceView';
import type { ModelObject } from '../../../../server/src/model/types';
import { isUnknown } from '../../../../server/src/model/origin';
import { readCloudFormation, type CloudFormationOptions, type CloudFormationOutput } from '../../../../server/src/frontends/cloudformation';

export function memoryView(files: ReadonlyMap<string, string>): SourceView {
  const cache = new Map<string, DataFile>();
  return {
    paths: [...files.keys()].sort(),
    text: (p) => files.get(p),
    hcl: () => undefined,
    data(p) {
      const hit = cache.get(p);
      if (hit !== undefined) return hit;
      const text = files.get(p);
      if (text === undefined) return undefined;
      const f = p.endsWith('.json') ? parseJson(text) : parseYaml(text);
      cache.set(p, f);
      return f;
    },
  };
}

/** Splits `//- /a.yaml\n…\n//- /b.json\n…` into files; text without a header is `/template.yaml`. */
export function parseFixture(fixture: string): Map<string, string> {
  const files = new Map<string, string>();
  const lines = fixture.split('\n');
  let current = '/template.yaml';
  let buf: string[] = [];
  const flush = (): void => {
    if (buf.some((l) => l.trim() !== '')) files.set(current, dedent(buf).join('\n') + '\n');
    buf = [];
  };
  for (const line of lines) {
    const m = /^\s*\/\/- (\S+)\s*$/.exec(line);
    if (m?.[1] !== undefined) {
      flush();
      current = m[1];
    } else buf.push(line);
  }
  flush();
  return files;
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const n = indents.length > 0 ? Math.min(...indents) : 0;
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.map((l) => l.slice(n));
}

export function readFixture(fixture: string, options: CloudFormationOptions = {}): CloudFormationOutput & { files: Map<string, string> } {
  const files = parseFixture(fixture);
  return { ...readCloudFormation(memoryView(files), options), files };
}

/** A value as test text: unknowns as `?symbol` or `?(reason)`, refs as the id after `::`. */
export function show(v: unknown): string {
  if (isUnknown(v)) return v.symbol !== undefined ? `?${v.symbol}` : `?(${v.reason})`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'string') return v.startsWith('/') && v.includes('::') ? v.slice(v.lastIndexOf('::') + 2) : v;
  if (v === null || typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => k !== 'origin').map((k) => `${k}: ${show(o[k])}`).join(', ')}}`;
}

const SKIP = new Set(['id', 'address', 'stack', 'origin', 'kind']);

/** One line per object: `kind address field=value …`, sorted. */
export function render(objects: readonly ModelObject[], kinds?: readonly string[]): string {
  return objects
    .filter((o) => kinds === undefined || kinds.includes(o.kind))
    .map((o) => {
      const fields = Object.entries(o).filter(([k]) => !SKIP.has(k)).map(([k, v]) => `${k}=${show(v)}`);
      return `${o.kind} ${o.address} ${fields.join(' ')}`;
    })
    .sort()
    .join('\n');
}

export function byAddress(out: CloudFormationOutput, address: string): ModelObject {
  const o = out.objects.find((x) => x.address === address);
  if (o === undefined) throw new Error(`no object ${address}; have ${out.objects.map((x) => x.address).join(', ')}`);
  return o;
}
