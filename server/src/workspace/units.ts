// Splits a workspace into independent analysis units so a one-line edit re-analyses only its own unit:
// one unit per Terraform root module (with the module folders it may call), one per folder tree of
// CloudFormation templates (a template, its nested stacks and its siblings' exports live together).
// Units are found from cached syntax trees only; nothing is evaluated here. A Terraform unit also reads the
// text files its configuration may load with file()/templatefile() (see fileReadPaths), so an edit to a
// template re-analyses the unit that renders it.

import type { HclExpr, HclFile, HclTemplatePart } from '../syntax/hcl/ast';
import { fileKind } from './fileKinds';

export interface UnitPlan {
  readonly key: string;
  readonly frontend: 'terraform' | 'cloudformation';
  /** The Terraform root folder, or the CloudFormation folder. */
  readonly root: string;
  /** Every file the unit may read (its view's paths). */
  readonly paths: readonly string[];
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function resolve(base: string, rel: string): string {
  const out: string[] = [];
  for (const p of (rel.startsWith('/') ? rel : `${base}/${rel}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

/**
 * Folders that call each other (`a` → `b` → `a`) with no root above them would never be analysed, and their
 * cycle never reported: the first of them (in path order) is taken as a root, so instantiating it meets the
 * cycle and the Terraform front end reports it (`tf-module-cycle`). Removes that folder from `called`.
 */
function uncallCycles(tfDirs: ReadonlyMap<string, readonly string[]>, called: Set<string>, calls: ReadonlyMap<string, readonly string[]>): void {
  const reached = new Set<string>();
  const walk = (from: string): void => {
    const stack = [from];
    while (stack.length > 0) {
      const dir = stack.pop() ?? '';
      if (reached.has(dir)) continue;
      reached.add(dir);
      for (const next of calls.get(dir) ?? []) stack.push(next);
    }
  };
  for (const dir of tfDirs.keys()) if (!called.has(dir)) walk(dir);
  for (const dir of [...tfDirs.keys()].sort()) {
    if (reached.has(dir) || !called.has(dir)) continue;
    called.delete(dir);
    walk(dir);
  }
}

/** Local module sources called from a file (`source = "./x"`), resolved to folders. */
export function localModuleCalls(path: string, file: HclFile): string[] {
  const out: string[] = [];
  for (const item of file.body.items) {
    if (item.kind !== 'block' || item.type !== 'module') continue;
    for (const attr of item.body.items) {
      if (attr.kind !== 'attribute' || attr.name !== 'source') continue;
      const e = attr.expr;
      const source = e.kind === 'template' && e.parts.length === 1 && e.parts[0]?.kind === 'string' ? e.parts[0].value : e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
      if (source && (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..')) out.push(resolve(dirname(path), source));
    }
  }
  return out;
}

/** Terraform functions that read a file named by their first argument, relative to the root module. */
const FILE_FUNCTIONS: ReadonlySet<string> = new Set(['file', 'templatefile', 'fileexists', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512']);

/**
 * Whether a Terraform text may call a file function: a name ending a `file…` word directly followed (after
 * blanks) by `(`. A cheap test on the text that spares most files the syntax walk of fileReadPaths (words
 * such as `filename =` are common and are not calls).
 */
export function mayReadFiles(text: string): boolean {
  for (let at = text.indexOf('file'); at >= 0; at = text.indexOf('file', at + 4)) {
    let i = at + 4;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) === 40 && FILE_FUNCTIONS.has(wordEndingAt(text, i, at))) return true;
  }
  return false;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The word that contains `at` and ends before the blanks preceding `paren` (`templatefile` for `…file (`). */
function wordEndingAt(text: string, paren: number, at: number): string {
  let start = at;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  let end = at + 4;
  while (end < paren && isWordChar(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

/**
 * The files a Terraform file may read with file(), templatefile(), fileexists()…, from the static start of
 * each call's path: `"${path.module}/policy.json"` → `/abs/dir/policy.json`; a relative literal (Terraform
 * resolves it against the root module, so the caller resolves it per root) stays relative; a path with a
 * dynamic part after a static start (`"${path.module}/tpl/${var.name}.tpl"`) ends with `*` (a prefix).
 * Paths with no static start (`var.file`) are not listed: their templates are found by folder instead.
 */
export function fileReadPaths(path: string, file: HclFile): string[] {
  const out: string[] = [];
  const dir = dirname(path);
  const visitParts = (parts: readonly HclTemplatePart[]): void => {
    for (const p of parts) {
      switch (p.kind) {
        case 'string':
          break;
        case 'interpolation':
          visit(p.expr);
          break;
        case 'if':
          visit(p.condition);
          visitParts(p.then);
          if (p.else) visitParts(p.else);
          break;
        case 'for':
          visit(p.collection);
          visitParts(p.body);
          break;
      }
    }
  };
  const visit = (e: HclExpr): void => {
    switch (e.kind) {
      case 'call': {
        const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
        const first = e.args[0];
        if (FILE_FUNCTIONS.has(name) && first) {
          const read = staticPath(first, dir);
          if (read !== undefined) out.push(read);
        }
        for (const a of e.args) visit(a);
        break;
      }
      case 'template':
        visitParts(e.parts);
        break;
      case 'getAttr':
        visit(e.object);
        break;
      case 'index':
        visit(e.object);
        visit(e.key);
        break;
      case 'splat':
        visit(e.source);
        break;
      case 'tuple':
        for (const i of e.items) visit(i);
        break;
      case 'object':
        for (const i of e.items) {
          visit(i.key);
          visit(i.value);
        }
        break;
      case 'conditional':
        visit(e.condition);
        visit(e.then);
        visit(e.else);
        break;
      case 'binary':
        visit(e.left);
        visit(e.right);
        break;
      case 'unary':
        visit(e.operand);
        break;
      case 'paren':
        visit(e.inner);
        break;
      case 'for':
        visit(e.collection);
        if (e.keyExpr) visit(e.keyExpr);
        visit(e.valueExpr);
        if (e.condition) visit(e.condition);
        break;
      case 'literal':
      case 'variable':
      case 'splatItem':
      case 'invalid':
        break;
    }
  };
  const visitBody = (items: HclFile['body']['items']): void => {
    for (const item of items) {
      if (item.kind === 'attribute') visit(item.expr);
      else visitBody(item.body.items);
    }
  };
  visitBody(file.body.items);
  return out;
}

/** The static start of a path expression (see fileReadPaths), or undefined when it has none. */
function staticPath(e: HclExpr, moduleDir: string): string | undefined {
  if (e.kind === 'literal') return typeof e.value === 'string' ? absoluteOrRelative(e.value, moduleDir, undefined) : undefined;
  if (e.kind !== 'template') return undefined;
  let base: 'module' | 'root' | undefined;
  let text = '';
  let exact = true;
  for (let i = 0; i < e.parts.length && exact; i++) {
    const p = e.parts[i];
    if (p === undefined) break;
    if (p.kind === 'string') text += p.value;
    else if (i === 0 && p.kind === 'interpolation' && p.expr.kind === 'getAttr' && p.expr.object.kind === 'variable' && p.expr.object.name === 'path') {
      // path.module is the calling file's folder; path.root and path.cwd are the root module's.
      base = p.expr.name === 'module' ? 'module' : 'root';
    } else exact = false;
  }
  if (e.parts[0]?.kind === 'interpolation' && base === undefined) return undefined;
  if (base !== undefined && !text.startsWith('/')) return undefined;
  const path = absoluteOrRelative(base === 'root' ? text.slice(1) : base === 'module' ? `.${text}` : text, moduleDir, base);
  return path === undefined ? undefined : exact ? path : `${path}*`;
}

function absoluteOrRelative(text: string, moduleDir: string, base: 'module' | 'root' | undefined): string | undefined {
  if (text === '') return undefined;
  if (text.startsWith('/')) return resolve('/', text);
  if (base === 'module') return resolve(moduleDir, text) + (text.endsWith('/') ? '/' : '');
  return text;
}

export interface TemplateLinks {
  /** File names mentioned by TemplateURL / Location (nested stacks, SAM applications) or CDK's aws:asset:path. */
  readonly nestedFileNames: readonly string[];
  readonly imports: boolean;
  readonly exports: boolean;
}

const NESTED = /(?:TemplateURL|Location)["']?\s*:([^\n]*(?:\n[^\n]*){0,3})/g;
const FILE_NAME = /[\w.-]+\.(?:ya?ml|json|template)\b/g;
/** CDK NestedStack: the nested template is an asset named by the stack resource's metadata. */
const ASSET_PATH = /aws:asset:path["']?\s*:\s*["']?([^"'\n,}]+)/g;

/** Cheap text scan of a template for its links to other templates; no parse. */
export function templateLinks(text: string): TemplateLinks {
  const nestedFileNames = new Set<string>();
  for (const m of text.matchAll(NESTED)) for (const f of (m[1] ?? '').matchAll(FILE_NAME)) nestedFileNames.add(f[0]);
  if (text.includes('aws:asset:path')) {
    for (const m of text.matchAll(ASSET_PATH)) {
      const path = (m[1] ?? '').trim();
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (/\.(?:ya?ml|json|template)$/.test(name)) nestedFileNames.add(name);
    }
  }
  return { nestedFileNames: [...nestedFileNames], imports: text.includes('ImportValue'), exports: /\bExport\b/.test(text) };
}

/** `terraform show -json` output: a plan (planned_values) or a state (values with root_module). Text check only. */
export function looksLikePlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.trimStart().startsWith('{') && head.includes('"format_version"') && (text.includes('"planned_values"') || text.includes('"root_module"'));
}

export interface PlanInputs {
  readonly paths: readonly string[];
  /** Local module folders a Terraform file calls (see localModuleCalls), cached by the caller. */
  readonly moduleCalls: (path: string) => readonly string[];
  readonly isTemplate: (path: string) => boolean;
  /** What links a template to others, found in its text (see templateLinks). */
  readonly templateLinks: (path: string) => TemplateLinks;
  /** Terraform plan or state JSON (`terraform show -json`), read by Terraform units instead of CloudFormation. */
  readonly isPlan: (path: string) => boolean;
  /** Extra files every Terraform unit reads (var files given by the user). */
  readonly sharedPaths: readonly string[];
  /** The files a Terraform file's file()/templatefile() calls name (see fileReadPaths), cached by the caller. */
  readonly fileReads?: (path: string) => readonly string[];
}

export function planUnits(inputs: PlanInputs): UnitPlan[] {
  const tfDirs = new Map<string, string[]>();
  const dataPaths: string[] = [];
  const dotTerraform: string[] = [];
  const plans: string[] = [];
  const templateTexts: string[] = [];
  /** SAM CLI configurations by folder (see samConfigsOf). */
  const samConfigs = new Map<string, string[]>();
  for (const path of inputs.paths) {
    const kind = fileKind(path);
    if (kind === undefined) continue;
    if (path.includes('/.terraform/')) {
      dotTerraform.push(path);
      continue;
    }
    if (kind === 'sam-config') {
      const dir = dirname(path);
      const list = samConfigs.get(dir);
      if (list) list.push(path);
      else samConfigs.set(dir, [path]);
      continue;
    }
    if (kind === 'template-text') {
      templateTexts.push(path);
      continue;
    }
    if (kind === 'data') {
      if (inputs.isPlan(path)) plans.push(path);
      else dataPaths.push(path);
      continue;
    }
    const dir = dirname(path);
    const list = tfDirs.get(dir);
    if (list) list.push(path);
    else tfDirs.set(dir, [path]);
  }
  const calls = new Map<string, string[]>();
  for (const [dir, files] of tfDirs) {
    for (const path of files) {
      // Module blocks live in .tf and .tf.json files alike (not in .tfvars).
      if (!path.endsWith('.tf') && !path.endsWith('.tf.json')) continue;
      for (const target of inputs.moduleCalls(path)) {
        if (target === dir) continue;
        const list = calls.get(dir);
        if (list) list.push(target);
        else calls.set(dir, [target]);
      }
    }
  }
  const called = new Set([...calls.values()].flat());
  uncallCycles(tfDirs, called, calls);
  const units: UnitPlan[] = [];
  // Folders that are called as modules are read by every root that might call them.
  const moduleFiles = [...tfDirs].filter(([dir]) => called.has(dir)).flatMap(([, files]) => files);
  const roots = [...tfDirs].filter(([dir, files]) => !called.has(dir) && files.some((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))).map(([dir]) => dir);
  // A plan belongs to the root whose folder holds it (the nearest one above it), else to every root.
  const planOf = new Map<string, string[]>();
  for (const plan of plans) {
    const owner = roots.filter((r) => plan.startsWith(r === '/' ? '/' : `${r}/`)).sort((a, b) => b.length - a.length)[0];
    for (const root of owner ? [owner] : roots) planOf.set(root, [...(planOf.get(root) ?? []), plan]);
  }
  const readable = readableFiles(templateTexts, dataPaths, tfDirs, inputs);
  const moduleReads = readable.forFolders([...called], moduleFiles, undefined);
  for (const dir of roots) {
    const installed = dotTerraform.filter((p) => p.startsWith(`${dir}/.terraform/`));
    const reads = readable.forFolders([dir], [...(tfDirs.get(dir) ?? []), ...moduleFiles, ...installed], dir);
    const paths = [...(tfDirs.get(dir) ?? []), ...moduleFiles, ...installed, ...(planOf.get(dir) ?? []), ...inputs.sharedPaths];
    const own = new Set(paths);
    for (const p of [...reads, ...moduleReads]) {
      if (own.has(p)) continue;
      own.add(p);
      paths.push(p);
    }
    units.push({ key: `tf:${dir}`, frontend: 'terraform', root: dir, paths: paths.sort() });
  }
  // CloudFormation: one unit per template, joined with the templates it nests (TemplateURL / Location
  // naming their file) and, when it imports exports, with every template that exports something.
  const templates = dataPaths.filter((p) => inputs.isTemplate(p));
  const parent = new Map<string, string>(templates.map((t) => [t, t]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const byName = new Map<string, string[]>();
  for (const t of templates) {
    const name = t.slice(t.lastIndexOf('/') + 1);
    byName.set(name, [...(byName.get(name) ?? []), t]);
  }
  const exporters = templates.filter((t) => inputs.templateLinks(t).exports);
  for (const t of templates) {
    const links = inputs.templateLinks(t);
    for (const name of links.nestedFileNames) for (const child of byName.get(name) ?? []) if (child !== t) union(t, child);
    if (links.imports) for (const e of exporters) union(t, e);
  }
  const groups = new Map<string, string[]>();
  for (const t of templates) groups.set(find(t), [...(groups.get(find(t)) ?? []), t]);
  for (const [rootTemplate, members] of groups) {
    // CDK's manifest.json names the stacks of cdk.out templates: it travels with them.
    const dirs = [...new Set(members.map(dirname))];
    const manifests = dirs.map((d) => `${d === '/' ? '' : d}/manifest.json`).filter((m) => dataPaths.includes(m));
    units.push({ key: `cfn:${rootTemplate}`, frontend: 'cloudformation', root: dirname(rootTemplate), paths: [...members, ...manifests, ...samConfigsOf(dirs, samConfigs)].sort() });
  }
  return units;
}

/**
 * The SAM CLI configurations a unit reads: those in its templates' folders or above them. `sam deploy` applies
 * a configuration to the template beside it or the one its template_file names (often in a subfolder); which
 * template that is the front end decides, so an edit of any configuration that may name one re-analyses it.
 */
function samConfigsOf(dirs: readonly string[], samConfigs: ReadonlyMap<string, readonly string[]>): string[] {
  if (samConfigs.size === 0) return [];
  const out = new Set<string>();
  for (const start of dirs) {
    for (let dir = start; ; dir = dirname(dir)) {
      for (const c of samConfigs.get(dir) ?? []) out.add(c);
      if (dir === '/') break;
    }
  }
  return [...out];
}

interface ReadableFiles {
  /**
   * The text files a Terraform unit may read: the template files (.tpl, .tftpl…) owned by the given folders
   * and every template or data file the given Terraform files' file()/templatefile() calls name. `root`
   * resolves relative call paths (Terraform resolves them against the root module); without it, only
   * module-relative and absolute ones count.
   */
  forFolders(folders: readonly string[], tfFiles: readonly string[], root: string | undefined): string[];
}

/**
 * A template file belongs to the nearest Terraform folder above it (its module keeps templates beside it or
 * in a subfolder such as `templates/`); a nested root's templates are its own, not its parent's. Linear in
 * the number of files: every template walks up its folders once.
 */
function readableFiles(templateTexts: readonly string[], dataPaths: readonly string[], tfDirs: ReadonlyMap<string, readonly string[]>, inputs: PlanInputs): ReadableFiles {
  const owned = new Map<string, string[]>();
  for (const t of templateTexts) {
    for (let dir = dirname(t); ; dir = dirname(dir)) {
      if (tfDirs.has(dir)) {
        const list = owned.get(dir);
        if (list) list.push(t);
        else owned.set(dir, [t]);
        break;
      }
      if (dir === '/') break;
    }
  }
  // Files a call may name: templates and data files that are neither CloudFormation templates nor plans.
  const candidates = [...templateTexts, ...dataPaths.filter((p) => !inputs.isTemplate(p) && !inputs.isPlan(p))].sort();
  const candidateSet = new Set(candidates);
  return {
    forFolders(folders, tfFiles, root) {
      const out: string[] = [];
      for (const f of folders) out.push(...(owned.get(f) ?? []));
      if (!inputs.fileReads) return out;
      for (const file of tfFiles) {
        if (!file.endsWith('.tf') && !file.endsWith('.tf.json')) continue;
        for (const read of inputs.fileReads(file)) {
          const prefix = read.endsWith('*');
          const raw = prefix ? read.slice(0, -1) : read;
          if (!raw.startsWith('/') && root === undefined) continue;
          const abs = raw.startsWith('/') ? raw : resolve(root ?? '/', raw) + (raw.endsWith('/') ? '/' : '');
          if (!prefix) {
            if (candidateSet.has(abs)) out.push(abs);
            continue;
          }
          // Candidates are sorted: the ones starting with the prefix are one contiguous run.
          let lo = 0;
          let hi = candidates.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if ((candidates[mid] ?? '') < abs) lo = mid + 1;
            else hi = mid;
          }
          for (let i = lo; i < candidates.length && (candidates[i] ?? '').startsWith(abs); i++) out.push(candidates[i] ?? '');
        }
      }
      return out;
    },
  };
}
