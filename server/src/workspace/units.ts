// Splits a workspace into independent analysis units so a one-line edit re-analyses only its own unit:
// one unit per Terraform root module (with the module folders it may call), one per folder tree of
// CloudFormation templates (a template, its nested stacks and its siblings' exports live together).
// Units are found from cached syntax trees only; nothing is evaluated here.

import type { HclFile } from '../syntax/hcl/ast';
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

/** Local module sources called from a file (`source = "./x"`), resolved to folders. */
export function localModuleCalls(path: string, file: HclFile): string[] {
  const out: string[] = [];
  for (const item of file.body.items) {
    if (item.kind !== 'block' || item.type !== 'module') continue;
    for (const attr of item.body.items) {
      if (attr.kind !== 'attribute' || attr.name !== 'source') continue;
      const e = attr.expr;
      const source = e.kind === 'template' && e.parts.length === 1 && e.parts[0].kind === 'string' ? e.parts[0].value : e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
      if (source && (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..')) out.push(resolve(dirname(path), source));
    }
  }
  return out;
}

export interface TemplateLinks {
  /** File names mentioned by TemplateURL / Location (nested stacks, SAM applications). */
  readonly nestedFileNames: readonly string[];
  readonly imports: boolean;
  readonly exports: boolean;
}

const NESTED = /(?:TemplateURL|Location)["']?\s*:([^\n]*(?:\n[^\n]*){0,3})/g;
const FILE_NAME = /[\w.-]+\.(?:ya?ml|json|template)\b/g;

/** Cheap text scan of a template for its links to other templates; no parse. */
export function templateLinks(text: string): TemplateLinks {
  const nestedFileNames = new Set<string>();
  for (const m of text.matchAll(NESTED)) for (const f of (m[1] ?? '').matchAll(FILE_NAME)) nestedFileNames.add(f[0]);
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
}

export function planUnits(inputs: PlanInputs): UnitPlan[] {
  const tfDirs = new Map<string, string[]>();
  const dataPaths: string[] = [];
  const dotTerraform: string[] = [];
  const plans: string[] = [];
  for (const path of inputs.paths) {
    const kind = fileKind(path);
    if (kind === undefined) continue;
    if (path.includes('/.terraform/')) {
      dotTerraform.push(path);
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
  const called = new Set<string>();
  for (const files of tfDirs.values()) {
    for (const path of files) {
      if (!path.endsWith('.tf')) continue;
      for (const target of inputs.moduleCalls(path)) if (target !== dirname(path)) called.add(target);
    }
  }
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
  for (const dir of roots) {
    const installed = dotTerraform.filter((p) => p.startsWith(`${dir}/.terraform/`));
    units.push({ key: `tf:${dir}`, frontend: 'terraform', root: dir, paths: [...(tfDirs.get(dir) ?? []), ...moduleFiles, ...installed, ...(planOf.get(dir) ?? []), ...inputs.sharedPaths].sort() });
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
    const manifests = [...new Set(members.map(dirname))].map((d) => `${d === '/' ? '' : d}/manifest.json`).filter((m) => dataPaths.includes(m));
    units.push({ key: `cfn:${rootTemplate}`, frontend: 'cloudformation', root: dirname(rootTemplate), paths: [...members, ...manifests].sort() });
  }
  return units;
}
