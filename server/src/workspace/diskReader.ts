// Reads a workspace from disk: walks folders (skipping dependencies and build output), reads the files we
// understand, and turns unreadable input into notices instead of failures: files over 5 MB (Terraform plan
// and state JSON over 256 MB) are skipped with one information notice, binary files are ignored silently,
// invalid UTF-8 is decoded with replacement characters and noted. The only place besides lsp/ and cli/ that touches the file system.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../model/origin';
import { fileKind, isIgnoredFolder, MAX_FILE_BYTES, MAX_PLAN_BYTES, startsLikePlan } from './fileKinds';

export interface ReadResult {
  readonly files: Map<string, string>;
  readonly notices: Problem[];
  /** Symbolic links to files we would read whose target is missing (absolute link path, target as written). */
  readonly brokenLinks: BrokenLink[];
}

export interface BrokenLink {
  readonly path: string;
  readonly target: string;
}

export interface ReadOptions {
  /** Called after every batch of files so a caller can report progress or yield. */
  readonly onProgress?: (read: number) => void | Promise<void>;
}

/** Normalises an OS path to the model's form: absolute, '/' separators. */
export function toModelPath(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

export async function readWorkspace(roots: readonly string[], options: ReadOptions = {}): Promise<ReadResult> {
  const walk: Walk = { files: [], brokenLinks: [], seenDirs: new Set() };
  for (const root of roots) await collect(path.resolve(root), walk, true);
  return readFiles(walk, options);
}

/**
 * Reads what `terraform init` installed for the root module in `moduleDir`: its `.terraform/modules/modules.json`
 * and the module folders under `.terraform/modules`, the same files the workspace walk reads there. Nothing when
 * there is no manifest (not initialised, or `.terraform` deleted). Used to refresh one root module after events
 * under its `.terraform` folder, instead of trusting per-file events there.
 */
export async function readInstalledModules(moduleDir: string, options: ReadOptions = {}): Promise<ReadResult> {
  const walk: Walk = { files: [], brokenLinks: [], seenDirs: new Set() };
  const dir = path.join(path.resolve(moduleDir), '.terraform');
  // The workspace walk reads only a real `.terraform` folder, never one behind a symbolic link: the same here.
  const isFolder = await fs.lstat(dir).then((s) => s.isDirectory(), () => false);
  if (isFolder) await collectTerraformDir(dir, walk);
  return readFiles(walk, options);
}

/**
 * The Terraform files directly in each folder (a module is one folder: no subfolders, no `.terraform`), for
 * local modules called from outside the folders that were read. A missing folder reads as nothing.
 */
export async function readModuleFolders(dirs: readonly string[]): Promise<ReadResult> {
  const walk: Walk = { files: [], brokenLinks: [], seenDirs: new Set() };
  for (const dir of dirs) {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      const kind = fileKind(toModelPath(full));
      if ((kind === 'terraform' || kind === 'terraform-json') && (entry.isFile() || entry.isSymbolicLink())) walk.files.push(full);
    }
  }
  return readFiles(walk, {});
}

async function readFiles(walk: Walk, options: ReadOptions): Promise<ReadResult> {
  const files = new Map<string, string>();
  const notices: Problem[] = [];
  const paths = walk.files;
  const batch = 64;
  for (let i = 0; i < paths.length; i += batch) {
    const slice = paths.slice(i, i + batch);
    const texts = await Promise.all(slice.map((p) => readSourceFile(p)));
    slice.forEach((p, j) => {
      const result = texts[j];
      if (result === undefined) return;
      if (result.notice) notices.push(result.notice);
      if (result.text !== undefined) files.set(toModelPath(p), result.text);
    });
    await options.onProgress?.(Math.min(i + batch, paths.length));
  }
  return { files, notices, brokenLinks: walk.brokenLinks };
}

interface Walk {
  readonly files: string[];
  readonly brokenLinks: BrokenLink[];
  /** Real paths of the folders listed so far: a symbolic link back up the tree is not followed twice. */
  readonly seenDirs: Set<string>;
}

/** `viaLink`: target is a symbolic link found in a folder; a broken one is noted rather than skipped unseen. */
async function collect(target: string, out: Walk, isRoot: boolean, viaLink = false): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    if (viaLink) await noteBrokenLink(target, out);
    return;
  }
  if (stat.isFile()) {
    if (fileKind(toModelPath(target)) !== undefined) out.files.push(target);
    return;
  }
  if (!stat.isDirectory()) return;
  const name = path.basename(target);
  if (!isRoot && isIgnoredFolder(name)) return;
  let real = target;
  try {
    real = await fs.realpath(target);
  } catch {
    // listed below as it is
  }
  if (out.seenDirs.has(real)) return;
  out.seenDirs.add(real);
  let entries;
  try {
    entries = await fs.readdir(target, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      // .terraform holds installed modules: reachable only through its manifest (Terraform's own rule), so
      // only the manifest and the module folders are read, never providers.
      if (entry.name === '.terraform') await collectTerraformDir(full, out);
      else if (!isIgnoredFolder(entry.name)) await collect(full, out, false);
    } else if (entry.isFile() && fileKind(toModelPath(full)) !== undefined) {
      out.files.push(full);
    } else if (entry.isSymbolicLink() && entry.name !== '.terraform') {
      // Read as what it points to (shared modules and tfvars are often linked).
      await collect(full, out, false, true);
    }
  }
}

async function noteBrokenLink(full: string, out: Walk): Promise<void> {
  if (fileKind(toModelPath(full)) === undefined) return;
  let target = '?';
  try {
    target = await fs.readlink(full);
  } catch {
    // the link vanished meanwhile: name it without its target
  }
  out.brokenLinks.push({ path: full, target });
}

async function collectTerraformDir(dir: string, out: Walk): Promise<void> {
  const modules = path.join(dir, 'modules');
  try {
    await fs.access(path.join(modules, 'modules.json'));
  } catch {
    return;
  }
  out.files.push(path.join(modules, 'modules.json'));
  await collect(modules, out, false);
}

export interface SourceFileRead {
  readonly text?: string;
  readonly notice?: Problem;
}

/** Reads one file as text, or explains why not. Never throws. */
export async function readSourceFile(file: string): Promise<SourceFileRead | undefined> {
  const modelPath = toModelPath(file);
  try {
    const stat = await fs.stat(file);
    const plan = stat.size > MAX_FILE_BYTES && file.toLowerCase().endsWith('.json') && (await looksLikePlanFile(file));
    if (stat.size > (plan ? MAX_PLAN_BYTES : MAX_FILE_BYTES)) {
      const limit = plan ? `the ${MAX_PLAN_BYTES / 1024 / 1024} MB limit for Terraform plan and state JSON` : `the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`;
      return {
        notice: {
          code: 'file-too-large',
          severity: 'information',
          message: `Hyperplane Lens skipped this file: it is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over ${limit}.`,
          file: modelPath,
          span: { start: 0, end: 0 },
        },
      };
    }
    const bytes = await fs.readFile(file);
    return decodeSource(modelPath, bytes);
  } catch (error) {
    // A file deleted between the walk (or a change event) and the read is simply gone.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return {
      notice: {
        code: 'file-unreadable',
        severity: 'warning',
        message: `Hyperplane Lens could not read this file: ${error instanceof Error ? error.message : String(error)}`,
        file: modelPath,
        span: { start: 0, end: 0 },
      },
    };
  }
}

/** Reads the first bytes of a large .json file: plan and state JSON get a larger size limit. */
async function looksLikePlanFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
    return startsLikePlan(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Binary content (NUL bytes) is not ours: ignored silently. Invalid UTF-8 is read with replacements and noted. */
export function decodeSource(modelPath: string, bytes: Uint8Array): SourceFileRead | undefined {
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return undefined;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      notice: {
        code: 'invalid-utf8',
        severity: 'warning',
        message: 'This file is not valid UTF-8; invalid bytes were read as U+FFFD.',
        file: modelPath,
        span: { start: 0, end: 0 },
      },
    };
  }
}
