// Test helpers for the Terraform front end: an in-memory SourceView from a multi-file fixture string
// (`//- /path` headers; a `$0` marks a cursor offset), parsed with the real HCL readers, and a stable text
// rendering of model objects for expectation comparisons.

import type { ModelObject } from '../../../../server/src/model/types';
import type { HclFile } from '../../../../server/src/syntax/hcl/ast';
import { parseHcl } from '../../../../server/src/syntax/hcl/hclParser';
import { parseHclJson } from '../../../../server/src/syntax/hcl/hclJson';
import type { SourceView } from '../../../../server/src/syntax/sourceView';

export interface Fixture {
  readonly view: SourceView;
  /** File and offset of the `$0` marker, if the fixture has one. */
  readonly cursor: { readonly file: string; readonly offset: number } | undefined;
}

/** A SourceView over files given as text (also used by the corpus test with files read from disk). */
export function memoryView(files: ReadonlyMap<string, string>): SourceView {
  const parsed = new Map<string, HclFile>();
  const paths = [...files.keys()].sort();
  return {
    paths,
    text: (path) => files.get(path),
    hcl(path) {
      const cached = parsed.get(path);
      if (cached) return cached;
      const text = files.get(path);
      if (text === undefined) return undefined;
      let file: HclFile | undefined;
      if (path.endsWith('.tf') || path.endsWith('.tfvars')) file = parseHcl(text);
      else if (path.endsWith('.tf.json') || path.endsWith('.tfvars.json')) file = parseHclJson(text);
      if (file) parsed.set(path, file);
      return file;
    },
    data: () => undefined,
  };
}

export function tfFixture(text: string): Fixture {
  const files = new Map<string, string>();
  let cursor: Fixture['cursor'];
  const chunks = text.split(/^\/\/- /m).slice(1);
  for (const chunk of chunks) {
    const nl = chunk.indexOf('\n');
    const path = chunk.slice(0, nl).trim();
    let body = chunk.slice(nl + 1);
    const mark = body.indexOf('$0');
    if (mark >= 0) {
      body = body.slice(0, mark) + body.slice(mark + 2);
      cursor = { file: path, offset: mark };
    }
    files.set(path, body);
  }
  return { view: memoryView(files), cursor };
}

function render(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(render).join(', ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.unknown === true) return typeof o.symbol === 'string' ? `?{${o.symbol}}` : '?';
    return `{${Object.keys(o)
      .filter((k) => k !== 'origin')
      .map((k) => `${k}: ${render(o[k])}`)
      .join(', ')}}`;
  }
  return typeof v;
}

/** One line per object: `kind address key=value …` (stack prefixes removed from ids, origins omitted). */
export function renderObjects(objects: readonly ModelObject[], stack: string, kinds?: readonly string[]): string {
  const strip = (s: string): string => s.split(`${stack}::`).join('');
  return objects
    .filter((o) => !kinds || kinds.includes(o.kind))
    .map((o) => {
      const fields = Object.entries(o)
        .filter(([k]) => !['kind', 'id', 'address', 'stack', 'origin'].includes(k))
        .map(([k, v]) => `${k}=${strip(render(v))}`)
        .join(' ');
      return `${o.kind} ${strip(o.id)} ${fields}`;
    })
    .sort()
    .join('\n');
}
