// Per-file parse cache: a file is re-read only when its text changes (the text string is the key, so an
// editor buffer and the same text on disk share one parse).

import type { DataFile } from '../syntax/data/ast';
import type { HclFile } from '../syntax/hcl/ast';
import { parseHcl } from '../syntax/hcl/hclParser';
import { parseHclJson } from '../syntax/hcl/hclJson';
import { parseJson } from '../syntax/json/jsonParser';
import { parseYaml } from '../syntax/yaml/yamlParser';
import { TEMPLATE_ONLY_EXTENSIONS } from '../frontends/cloudformation/templateFiles';
import { fileKind } from './fileKinds';

interface Entry {
  readonly text: string;
  hcl?: HclFile;
  data?: DataFile;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();

  hcl(path: string, text: string): HclFile {
    const entry = this.entry(path, text);
    if (!entry.hcl) {
      const kind = fileKind(path);
      entry.hcl = kind === 'terraform-json' || kind === 'tfvars-json' ? parseHclJson(text) : parseHcl(text);
    }
    return entry.hcl;
  }

  data(path: string, text: string): DataFile {
    const entry = this.entry(path, text);
    if (!entry.data) entry.data = looksLikeJson(path, text) ? parseJson(text) : parseYaml(text);
    return entry.data;
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  private entry(path: string, text: string): Entry {
    const existing = this.entries.get(path);
    if (existing && existing.text === text) return existing;
    const fresh: Entry = { text };
    this.entries.set(path, fresh);
    return fresh;
  }
}

/** .json is JSON; .template and .cform may be either, so the first significant character decides. */
function looksLikeJson(path: string, text: string): boolean {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return true;
  if (!TEMPLATE_ONLY_EXTENSIONS.some((ext) => lower.endsWith(ext))) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 123 /* { */;
  }
  return false;
}
