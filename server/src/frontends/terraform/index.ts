// The Terraform front end: finds root modules in a SourceView, evaluates each root with its modules the way
// Terraform plans them (lazily, memoised per module instance) and emits model objects, problems and an index
// for editor navigation. Never throws on user input.

import { isKnown, unknown, type Maybe, type Problem } from '../../model/origin';
import type { FrontendOutput, LambdaFunction, ModelObject } from '../../model/types';
import type { SourceView } from '../../syntax/sourceView';
import { tfFunctions } from './functions';
import { ModuleInstance } from './moduleInstance';
import { isLocalSource, ModuleTree, resolvePath } from './moduleTree';
import { buildTerraformIndex, type TerraformIndex } from './navigation';
import { checkReferences } from './references';
import { plansByRoot, reportStalePlan, undeclaredAddresses, type TfPlan } from './plan';
import { MapContext, type EmitState } from './resources/mapper';
import { isSupportedType, resourceMappers } from './resources';
import { emitUncountedRule } from './resources/uncounted';
import { foldListEntries } from './resources/prefixListEntries';
import { TfSession } from './session';
import { readVarFiles, varFilesOf } from './tfvars';
import { isTfUnknown } from './value';
import { zeroInstanceNote } from './zeroInstances';
import { override } from '../../model/override';
import { isNetworkInert } from '../networkInert';

export type { TerraformIndex } from './navigation';

export interface TerraformOptions {
  /** Region assumed when the provider block does not set one. */
  readonly region?: string;
  /** Extra .tfvars files (absolute, or relative to each root), applied after the automatic ones. */
  readonly varFiles?: readonly string[];
  /** Only root modules in (or under) these folders. */
  readonly roots?: readonly string[];
  /** The plan or state JSON the user named (CLI --plan): preferred over others found in the folders. */
  readonly planFile?: string;
}

export interface TerraformOutput extends FrontendOutput {
  readonly index: TerraformIndex;
}

function emitModule(mod: ModuleInstance, session: TfSession, state: EmitState, seen: Set<ModuleInstance>, unlisted: string[]): void {
  if (seen.has(mod)) return;
  seen.add(mod);
  for (const decl of mod.config.resources.values()) {
    if (decl.mode !== 'managed') continue;
    const mapper = resourceMappers.get(decl.type);
    if (!mapper) continue;
    const handle = mod.resource(decl.key);
    if (!handle) continue;
    emitUncountedRule(handle, session, state);
    const instances = handle.instances();
    if (instances.length === 0 && state.notCreated) {
      const note = zeroInstanceNote(handle, session);
      if (note) state.notCreated.push(note);
    }
    for (const inst of instances) {
      // An instance that certainly exists but the plan lacks: the code is newer than the plan (reportStalePlan).
      if (session.plan?.kind === 'plan' && inst.existence === undefined && !session.plan.values(inst.address)) unlisted.push(inst.address);
      try {
        mapper(new MapContext(inst, session, state));
      } catch (e) {
        // A defect in a mapper must not lose the rest of the workspace: report it where it happened.
        session.report({ code: 'tf-internal-error', severity: 'warning', message: `Hyperplane Lens could not read ${inst.address}: ${e instanceof Error ? e.message : String(e)}`, file: decl.file, span: decl.block.typeSpan });
      }
    }
  }
  for (const child of mod.children()) emitModule(child, session, state, seen, unlisted);
}

/** One information problem per file: "12 resources of 7 types are not modelled: aws_x (3), …". */
function summariseUnsupported(tree: ModuleTree, report: (p: Problem) => void): void {
  for (const config of tree.loadedConfigs()) {
    const byFile = new Map<string, Map<string, { count: number; span: { start: number; end: number } }>>();
    for (const decl of config.resources.values()) {
      // Other providers' resources (random_pet, null_resource, terraform_data, local_file) never carry network
      // facts: listing them as "not modelled" on every example is noise.
      if (decl.mode !== 'managed' || isSupportedType(decl.type) || !decl.type.startsWith('aws_')) continue;
      let types = byFile.get(decl.file);
      if (!types) byFile.set(decl.file, (types = new Map<string, { count: number; span: { start: number; end: number } }>()));
      const entry = types.get(decl.type);
      if (entry) entry.count++;
      else types.set(decl.type, { count: 1, span: decl.block.typeSpan });
    }
    for (const [file, types] of byFile) {
      const list = [...types].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
      const total = list.reduce((n, [, e]) => n + e.count, 0);
      const first = [...types.values()].reduce((a, b) => (a.span.start <= b.span.start ? a : b));
      report({
        code: 'tf-unsupported-types',
        // In a module `terraform init` installed the user can change nothing, and types that never decide a path
        // (alarms, API definitions, layers…) are no news: a hint, out of the Problems list.
        severity: file.includes('/.terraform/') || list.every(([t]) => isNetworkInert(t)) ? 'hint' : 'information',
        message: `${total} resource${total === 1 ? '' : 's'} of ${list.length} type${list.length === 1 ? '' : 's'} ${total === 1 ? 'is' : 'are'} not modelled: ${list.map(([t, e]) => `${t} (${e.count})`).join(', ')}.`,
        file,
        span: first.span,
      });
    }
  }
}

function markEdgeFunctions(objects: ModelObject[], edge: ReadonlySet<string>): void {
  if (edge.size === 0) return;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (o?.kind === 'lambda-function' && edge.has(o.id)) objects[i] = override(o, { edge: true }) satisfies LambdaFunction;
  }
}

/** Whether the module at `modules` (call names from the root) declares `key`; undefined when its code is not at hand. */
function declaresResource(tree: ModuleTree, rootDir: string, modules: readonly string[], key: string): boolean | undefined {
  let config = tree.config(rootDir);
  for (const name of modules) {
    if (!config) return undefined;
    if (!config.moduleCalls.has(name)) return false;
    const dir = tree.calledDir(config.dir, name);
    config = dir !== undefined ? tree.config(dir) : undefined;
  }
  return config ? config.resources.has(key) : undefined;
}

/** A root module ready to evaluate: its session (ids, problems) and its root instance with the var files applied. */
function instantiateRoot(view: SourceView, tree: ModuleTree, rootDir: string, options: TerraformOptions, problems: Map<string, Problem>, plan: TfPlan | undefined): { session: TfSession; root: ModuleInstance } | undefined {
  const config = tree.config(rootDir);
  if (!config) return undefined;
  const session = new TfSession(view, tree, tfFunctions, rootDir, problems);
  session.plan = plan;
  const report = (p: Problem): void => session.report(p);
  const bootstrap = new ModuleInstance(session, config, '', [], undefined, undefined, undefined);
  const values = readVarFiles(view, varFilesOf(view, rootDir, options.varFiles), bootstrap, report, new Set(config.variables.keys()));
  const root = new ModuleInstance(session, config, '', [], undefined, undefined, values);
  session.root = root;
  session.fallbackRegion = options.region !== undefined && options.region !== '' ? options.region : undefined;
  session.region = root.providerRegion('aws');
  return { session, root };
}

/**
 * The first instance of every module folder, for hovers. Made again on the first hover rather than kept from
 * the read: holding every evaluated instance for the life of the result would keep the whole graph alive
 * (most of a large workspace's garbage-collection time).
 */
function firstInstancesOf(view: SourceView, tree: ModuleTree, options: TerraformOptions, plans: ReadonlyMap<string, TfPlan>): Map<string, ModuleInstance> {
  const first = new Map<string, ModuleInstance>();
  const visit = (mod: ModuleInstance, seen: Set<ModuleInstance>): void => {
    if (seen.has(mod)) return;
    seen.add(mod);
    if (!first.has(mod.config.dir)) first.set(mod.config.dir, mod);
    for (const child of mod.children()) visit(child, seen);
  };
  for (const rootDir of tree.roots) {
    const made = instantiateRoot(view, tree, rootDir, options, new Map(), plans.get(rootDir));
    if (made) visit(made.root, new Set());
  }
  return first;
}

/**
 * T3, T5: a standalone rule or route of a kind its group or table also declares inline is removed by every apply
 * of the owner, which keeps only its inline set, and created again by the next apply of its own resource: whether
 * it is in place depends on which ran last, so it exists only as an unknown (the warning above says why).
 */
function overwrittenByInline(state: EmitState): void {
  if (state.inlineManaged.size === 0) return;
  const objects = state.objects;
  const addresses = new Map<string, string>();
  for (const o of objects) if (state.inlineManaged.has(o.id)) addresses.set(o.id, o.address);
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (o === undefined || (o.kind !== 'security-group-rule' && o.kind !== 'route') || o.inline) continue;
    const owner = o.kind === 'route' ? o.routeTable : o.group;
    const kind = o.kind === 'route' ? 'route' : o.direction;
    if (!isKnown(owner) || state.inlineManaged.get(owner)?.has(kind) !== true) continue;
    const why = `removed again by every apply of ${state.inlineOwners.get(owner) ?? 'its owner'} ${addresses.get(owner) ?? owner}, which declares its ${kind === 'route' ? 'routes' : `${kind} rules`} inline (T3, T5)`;
    objects[i] = override(o, { existence: unknown(o.existence === undefined ? why : `${o.existence.reason}, and ${why}`) });
  }
}

export function readTerraform(view: SourceView, options: TerraformOptions): TerraformOutput {
  const tree = new ModuleTree(view, options.roots);
  const problems = new Map<string, Problem>();
  const state: EmitState = { objects: [], edgeFunctions: new Set(), inlineOwners: new Map(), inlineManaged: new Map(), standalone: [], notCreated: [], listEntries: [], inlineEntryLists: new Set() };
  let region: Maybe<string> | undefined;
  const plans = plansByRoot(view, tree.roots, (p) => problems.set(`${p.code}|${p.file}|${p.span.start}|${p.span.end}`, p), options.planFile);
  const planMatch = new Map<TfPlan, { undeclared: string[][]; unlisted: string[] }>();

  for (const rootDir of tree.roots) {
    const made = instantiateRoot(view, tree, rootDir, options, problems, plans.get(rootDir));
    if (!made) continue;
    const { session, root } = made;
    if (region === undefined || !(typeof region === 'string')) {
      if (typeof session.region === 'string') region = session.region;
      else region ??= isTfUnknown(session.region) ? session.region : undefined;
    }
    const match = session.plan && (planMatch.get(session.plan) ?? { undeclared: [], unlisted: [] });
    emitModule(root, session, state, new Set<ModuleInstance>(), match?.unlisted ?? []);
    if (session.plan && match) {
      match.undeclared.push(undeclaredAddresses(session.plan, (modules, key) => declaresResource(tree, rootDir, modules, key)));
      planMatch.set(session.plan, match);
    }
  }
  for (const [plan, match] of planMatch) reportStalePlan(plan, match.undeclared, match.unlisted, (p) => problems.set(`${p.code}|${p.file}|${p.span.start}|${p.span.end}`, p));

  for (const s of state.standalone) {
    const what = state.inlineOwners.get(s.owner);
    if (what === undefined) continue;
    // T3, T5: the owner keeps only its inline set of what it declares inline; a rule of another direction (an
    // ingress rule beside inline egress) is left alone, though the provider documents any mix as a conflict.
    const managed = state.inlineManaged.get(s.owner);
    const overwritten = managed === undefined || s.kind === 'rule' || managed.has(s.kind);
    problems.set(`tf-inline-standalone-conflict|${s.file}|${s.span.start}`, {
      code: 'tf-inline-standalone-conflict',
      severity: overwritten ? 'warning' : 'information',
      message: overwritten
        ? `${s.address} adds a rule to a ${what} that also declares inline rules; Terraform will keep overwriting one with the other (T3, T5).`
        : `${s.address} adds ${s.kind} rules to a ${what} that declares only ${[...managed].join(' and ')} rules inline: kept, as the inline blocks manage only their own direction, but the AWS provider documents mixing inline and standalone rules as a conflict (T3).`,
      file: s.file,
      span: s.span,
    });
  }
  overwrittenByInline(state);
  foldListEntries(state, (p) => problems.set(`${p.code}|${p.file}|${p.span.start}`, p));
  markEdgeFunctions(state.objects, state.edgeFunctions);
  const report = (p: Problem): void => {
    const key = `${p.code}|${p.file}|${p.span.start}|${p.span.end}`;
    if (!problems.has(key)) problems.set(key, p);
  };
  summariseUnsupported(tree, report);
  // A snapshot: reading a called module's outputs may load a folder no instance reached (it is not checked).
  for (const config of [...tree.loadedConfigs()]) {
    for (const p of config.problems) report(p);
    checkReferences(config, (f) => view.hcl(f), report, (call) => {
      // The folder an instantiation resolved the call to (local or installed), else a local source's folder.
      const dir = tree.calledDir(config.dir, call.name) ?? (call.source !== undefined && isLocalSource(call.source) ? resolvePath(config.dir, call.source) : undefined);
      return dir !== undefined ? tree.config(dir)?.outputs : undefined;
    });
  }
  return {
    objects: state.objects,
    problems: [...problems.values()],
    region: region ?? (options.region !== undefined && options.region !== '' ? options.region : unknown('no AWS provider region is configured')),
    stacks: tree.roots,
    ...(state.notCreated && state.notCreated.length > 0 ? { notCreated: state.notCreated } : {}),
    index: buildTerraformIndex(tree, () => firstInstancesOf(view, tree, options, plans)),
  };
}
