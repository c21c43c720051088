// Which folders are Terraform modules, which of them are root modules, and where a `module` block's source
// lives: local paths directly, registry/git sources only through `.terraform/modules/modules.json`.

import type { HclBody } from '../../syntax/hcl/ast';
import type { SourceView } from '../../syntax/sourceView';
import { readModuleConfig, type TfModuleCallDecl, type TfModuleConfig } from './config';

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Joins and normalises '/'-separated paths ('.', '..', duplicate slashes). */
export function resolvePath(base: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel : `${base}/${rel}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

export function isTerraformFile(path: string): boolean {
  return path.endsWith('.tf') || path.endsWith('.tf.json');
}

function insideDotTerraform(path: string): boolean {
  return path.includes('/.terraform/');
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

export interface ManifestEntry {
  readonly key: string;
  readonly source: string;
  /** The registry version installed, when the manifest records one. */
  readonly version: string | undefined;
  /** As recorded, relative to the root module ('.terraform/modules/vpc'). */
  readonly rawDir: string;
  /** Absolute. */
  readonly dir: string;
}

/** Terraform's module manifest of one root, keyed by the module path ("lambda.vpc"). */
export type ModuleManifest = ReadonlyMap<string, ManifestEntry>;

/** `.terraform/modules/modules.json` of the root module `root`, or undefined when it is absent or not a manifest. */
export function readManifest(view: Pick<SourceView, 'text'>, root: string): ModuleManifest | undefined {
  const text = view.text(`${root === '/' ? '' : root}/.terraform/modules/modules.json`);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const modules = typeof parsed === 'object' && parsed !== null ? (parsed as { Modules?: unknown }).Modules : undefined;
  if (!Array.isArray(modules)) return undefined;
  const out = new Map<string, ManifestEntry>();
  for (const m of modules as unknown[]) {
    if (typeof m !== 'object' || m === null) continue;
    const { Key, Source, Version, Dir } = m as { Key?: unknown; Source?: unknown; Version?: unknown; Dir?: unknown };
    if (typeof Key !== 'string' || typeof Dir !== 'string') continue;
    const version = typeof Version === 'string' && Version !== '' ? Version : undefined;
    out.set(Key, { key: Key, source: typeof Source === 'string' ? Source : '', version, rawDir: Dir, dir: resolvePath(root, Dir) });
  }
  return out;
}

export type SourceResolution =
  | { readonly kind: 'dir'; readonly dir: string }
  | { readonly kind: 'not-installed'; readonly source: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Module folders of a view, their configurations (cached) and the root modules. */
export class ModuleTree {
  private readonly filesByDir = new Map<string, string[]>();
  private readonly configs = new Map<string, TfModuleConfig>();
  private readonly manifests = new Map<string, ModuleManifest | undefined>();
  private readonly calls = new Map<string, string>();
  readonly roots: readonly string[];

  constructor(private readonly view: SourceView, limitTo: readonly string[] | undefined) {
    for (const path of view.paths) {
      if (!isTerraformFile(path)) continue;
      const dir = dirname(path);
      const list = this.filesByDir.get(dir);
      if (list) list.push(path);
      else this.filesByDir.set(dir, [path]);
    }
    const called = new Set<string>();
    const candidates: string[] = [];
    for (const dir of this.filesByDir.keys()) {
      if (insideDotTerraform(`${dir}/`)) continue;
      candidates.push(dir);
      for (const call of this.config(dir)?.moduleCalls.values() ?? []) {
        if (call.source !== undefined && isLocalSource(call.source)) {
          const target = resolvePath(dir, call.source);
          if (target !== dir) called.add(target);
        }
      }
    }
    const limits = limitTo?.map((r) => resolvePath('/', r));
    // A folder named as a root is one even when it is called (the unit planner names one of a cycle of folders
    // calling each other, so the cycle is met and reported: workspace/units.ts uncallCycles).
    this.roots = candidates
      .filter((d) => !called.has(d) || (limits?.includes(d) ?? false))
      .filter((d) => !limits || limits.some((r) => d === r || d.startsWith(`${r}/`)))
      .sort();
  }

  config(dir: string): TfModuleConfig | undefined {
    const cached = this.configs.get(dir);
    if (cached) return cached;
    const files = this.filesByDir.get(dir);
    if (!files) return undefined;
    const config = readModuleConfig(this.view, dir, files);
    this.configs.set(dir, config);
    return config;
  }

  viewHcl(path: string): HclBody | undefined {
    return this.view.hcl(path)?.body;
  }

  viewText(path: string): string | undefined {
    return this.view.text(path);
  }

  /** Every configuration read so far (each folder once). */
  loadedConfigs(): IterableIterator<TfModuleConfig> {
    return this.configs.values();
  }

  /**
   * Where `call` (declared in `callerDir`, reached from root `root` through the module path `keyPath`)
   * takes its code from: a local folder, or the manifest's Dir for registry/git sources (`//subdir` kept).
   */
  resolve(call: TfModuleCallDecl, callerDir: string, root: string, keyPath: readonly string[]): SourceResolution {
    const r = this.resolveSource(call, callerDir, root, keyPath);
    if (r.kind === 'dir') this.calls.set(`${callerDir}\u0000${call.name}`, r.dir);
    return r;
  }

  /** The folder a module call was resolved to by some instantiation (for navigation), if any. */
  calledDir(callerDir: string, name: string): string | undefined {
    return this.calls.get(`${callerDir}\u0000${name}`);
  }

  private resolveSource(call: TfModuleCallDecl, callerDir: string, root: string, keyPath: readonly string[]): SourceResolution {
    const source = call.source;
    if (source === undefined) return { kind: 'invalid', reason: `module "${call.name}" has no literal source` };
    if (isLocalSource(source)) {
      const dir = resolvePath(callerDir, source);
      return this.filesByDir.has(dir) ? { kind: 'dir', dir } : { kind: 'invalid', reason: `module "${call.name}": no .tf files in ${source} (the folder is missing or holds no Terraform file)` };
    }
    let manifest = this.manifests.get(root);
    if (!this.manifests.has(root)) {
      manifest = readManifest(this.view, root);
      this.manifests.set(root, manifest);
    }
    const entry = manifest?.get(keyPath.join('.'));
    if (entry && this.filesByDir.has(entry.dir)) return { kind: 'dir', dir: entry.dir };
    if (entry) {
      // Terraform records `//subdir` sources with the package's Dir; the subfolder is in the source.
      const sub = /^[^?]*?[^:/]\/\/([^?]+)/.exec(source);
      if (sub?.[1] !== undefined) {
        const dir = resolvePath(entry.dir, sub[1]);
        if (this.filesByDir.has(dir)) return { kind: 'dir', dir };
      }
    }
    return { kind: 'not-installed', source };
  }
}
