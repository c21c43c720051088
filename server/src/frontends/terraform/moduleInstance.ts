// One instance of a module (the root, or `module.net`, `module.x[0]`): variables, locals, outputs, resources
// and child modules, each evaluated lazily and memoised with cycle detection. Resources and module calls are
// handles so a traversal such as `module.net.aws_subnet.private["a"].id` touches only what it names.

import type { Problem, Unknown } from '../../model/origin';
import type { HclExpr } from '../../syntax/hcl/ast';
import type { TfLocalDecl, TfModuleCallDecl, TfModuleConfig, TfResourceDecl } from './config';
import { BlockView } from './blockView';
import { plannedEachValue, plannedInModule, plannedVariable, withPlanned, type PlannedFields } from './plan';
import { converts, convertToType } from './typeConstraint';
import { dataAttribute } from './dataSources';
import { nameArgumentOf } from './names';
import { awsProviderKeyOf, resolveProviderRegion } from './providers';
import { asNumber, errorValue, evaluate, Handle, makeScope, unknownValue, type Lv, type ModuleScope, type Scope } from './evaluator';
import type { TfSession } from './session';
import { isTfList, isTfObject, isTfUnknown, type TfRef, type TfUnknown, type TfValue } from './value';
import { isPending, pendingReason, renderValue, sortedObject } from './valueOps';

export type InstanceKey = number | string | undefined;

export function keySuffix(key: InstanceKey): string {
  return key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

type Expansion =
  | { readonly kind: 'single' }
  | { readonly kind: 'count'; readonly n: number }
  | { readonly kind: 'for_each'; readonly entries: readonly (readonly [string, TfValue])[] }
  | { readonly kind: 'unknown'; readonly value: TfUnknown }
  /**
   * An unknown count whose conditional arms are known numbers (`var.x ? 1 : 0`): instances 0..n-1 are
   * modelled; those from `certain` on exist only under the condition (`existence`); the count itself stays
   * unknown to expressions (splats, length()).
   */
  | { readonly kind: 'conditional-count'; readonly n: number; readonly certain: number; readonly value: TfUnknown; readonly existence: Unknown };

const MAX_MODULE_DEPTH = 24;
const SINGLE: Expansion = { kind: 'single' };

/** Evaluates `count` / `for_each` of a resource or module call; unknown ones expand to no instance. */
function expand(session: TfSession, scope: Scope, what: string, count: TfResourceDecl['count'], forEach: TfResourceDecl['forEach']): Expansion {
  // A plan that lists the instances resolves an unknown count (withPlannedKeys): nothing to report then.
  const plannedKeys = session.plan?.instanceKeys(what);
  const report = plannedKeys !== undefined && plannedKeys.length > 0 ? (): void => undefined : (p: Problem): void => session.report(p);
  if (count) {
    const read = asNumber(evaluate(count.expr, scope));
    const n = typeof read === 'number' ? countOf(read) : read;
    if (typeof n === 'number') return { kind: 'count', n };
    if (typeof n === 'string') {
      // A count Terraform itself rejects (negative, fractional, not a number): an error in the code, not an unknown.
      report({ code: 'tf-invalid-count', severity: 'error', message: `Invalid count for ${what}: it ${n.startsWith('must') ? n : `is not a number (${n})`}; Terraform rejects it, and its instances are not modelled.`, file: scope.file, span: count.expr.span });
      return { kind: 'unknown', value: errorValue(session, `count of ${what}: ${n}`) };
    }
    const value = n;
    const conditional = typeof read === 'number' ? undefined : conditionalCount(session, scope, count.expr, value);
    if (conditional !== undefined) {
      if (conditional.kind === 'conditional-count') {
        const which = conditional.n - conditional.certain === 1 ? `instance [${conditional.certain}] is` : `instances [${conditional.certain}] to [${conditional.n - 1}] are`;
        report({ code: 'tf-unknown-count', severity: 'information', message: `The count of ${what} is not known statically (${value.reason}); ${which} modelled as ${conditional.existence.reason}.`, file: scope.file, span: count.expr.span });
      }
      return conditional;
    }
    report({ code: 'tf-unknown-count', severity: 'information', message: `The count of ${what} is not known statically (${value.reason}); its instances are not modelled.`, file: scope.file, span: count.expr.span });
    return { kind: 'unknown', value };
  }
  if (forEach) {
    let literal = forEach.expr;
    while (literal.kind === 'paren') literal = literal.inner;
    if (literal.kind === 'tuple' || (literal.kind === 'for' && !literal.objectForm)) {
      // A tuple (`["a", "b"]`, `[for …]`) is neither a map nor a set: Terraform rejects it (wrap it in toset()).
      report({ code: 'tf-invalid-count', severity: 'error', message: `Invalid for_each for ${what}: it must be a map or a set of strings, not a tuple; Terraform rejects it (use toset([…])), and its instances are not modelled.`, file: scope.file, span: forEach.expr.span });
      return { kind: 'unknown', value: errorValue(session, `for_each of ${what} is a tuple`) };
    }
    const v = evaluate(forEach.expr, scope);
    const entries = forEachEntries(v);
    if (Array.isArray(entries)) return { kind: 'for_each', entries };
    report({ code: 'tf-unknown-count', severity: 'information', message: `The for_each of ${what} is not known statically (${entries.reason}); its instances are not modelled.`, file: scope.file, span: forEach.expr.span });
    return { kind: 'unknown', value: entries };
  }
  return { kind: 'single' };
}

/**
 * More instances than this of one resource or module call are not modelled: `count = 1e9` would otherwise
 * build a billion instances. The count becomes unknown with this reason, never a truncated guess.
 */
const MAX_COUNT = 4096;

/** A known count as Terraform accepts it (a whole number ≥ 0), else why not (or why it is not modelled). */
function countOf(n: number): number | string | TfUnknown {
  if (n < 0) return `must be greater than or equal to zero, not ${n}`;
  if (!Number.isInteger(n)) return Number.isFinite(n) ? `must be a whole number, not ${n}` : 'must be a whole number';
  if (n > MAX_COUNT) return unknownValue(`count is ${n}: over ${MAX_COUNT} instances, too many to model`);
  return n;
}

const MAX_CONDITION_TEXT = 80;

/** Existence of something created under two undecidable conditions (a module's and its own), outer first. */
function bothExist(outer: Unknown | undefined, own: Unknown | undefined): Unknown | undefined {
  if (outer === undefined || own === undefined) return outer ?? own;
  return { unknown: true, reason: `${own.reason}, and its module is ${outer.reason}`, ...(own.origin !== undefined ? { origin: own.origin } : {}) };
}

/**
 * `count = <cond> ? a : b` with a and b known numbers and the condition unknown: instances up to the larger
 * arm, those beyond the smaller one created only if the condition picks the larger arm. Undefined when the
 * count is not such a conditional.
 */
function conditionalCount(session: TfSession, scope: Scope, expr: HclExpr, value: TfUnknown): Expansion | undefined {
  let e = expr;
  while (e.kind === 'paren') e = e.inner;
  if (e.kind !== 'conditional') return undefined;
  const readA = asNumber(evaluate(e.then, scope));
  const readB = asNumber(evaluate(e.else, scope));
  const then = typeof readA === 'number' ? countOf(readA) : readA;
  const otherwise = typeof readB === 'number' ? countOf(readB) : readB;
  if (typeof then !== 'number' || typeof otherwise !== 'number') return undefined;
  const n = Math.max(then, otherwise);
  const certain = Math.min(then, otherwise);
  if (n === certain) return { kind: 'count', n };
  const cond = evaluate(e.condition, scope);
  const why = isPending(cond) ? pendingReason(cond) : value.reason;
  const raw = session.view.text(scope.file)?.slice(e.condition.span.start, e.condition.span.end).replace(/\s+/g, ' ');
  const text = raw === undefined || raw === '' ? 'its count condition' : raw.length > MAX_CONDITION_TEXT ? `${raw.slice(0, MAX_CONDITION_TEXT - 1)}…` : raw;
  const existence: Unknown = {
    unknown: true,
    reason: `created only if ${text} is ${then > otherwise ? 'true' : 'false'}, which is unknown: ${why}`,
    origin: { file: scope.file, span: e.condition.span },
  };
  return { kind: 'conditional-count', n, certain, value, existence };
}

/**
 * An unknown count or for_each resolved by the plan: the instances it lists (numbers for count, strings for
 * for_each). each.value stays unknown; the instances' arguments come from the plan where they depend on it.
 */
function withPlannedKeys(session: TfSession, label: string, e: Expansion): Expansion {
  if ((e.kind !== 'unknown' && e.kind !== 'conditional-count') || !session.plan) return e;
  const keys = session.plan.instanceKeys(label);
  if (!keys || keys.length === 0) return e;
  // A loop, not Math.max(...keys): spreading a very large count would overflow the call stack.
  if (keys.every((k) => typeof k === 'number')) return { kind: 'count', n: keys.reduce<number>((n, k) => (typeof k === 'number' ? Math.max(n, k + 1) : n), 0) };
  const names = keys.filter((k): k is string => typeof k === 'string').sort();
  return { kind: 'for_each', entries: names.map((k) => [k, plannedEachValue(`${label}[${JSON.stringify(k)}]`)] as const) };
}

function forEachEntries(v: TfValue): (readonly [string, TfValue])[] | TfUnknown {
  if (isPending(v)) return isTfUnknown(v) ? v : unknownValue(pendingReason(v), { refs: [v] });
  if (v !== null && isTfObject(v)) return [...v.fields].map(([k, x]) => [k, x] as const);
  if (isTfList(v)) {
    const keys = new Set<string>();
    for (const item of v) {
      if (typeof item === 'string') keys.add(item);
      else if (isPending(item)) return isTfUnknown(item) ? item : unknownValue(`a for_each key is ${pendingReason(item)}`, { refs: [item] });
      else return unknownValue('for_each over a set needs strings');
    }
    return [...keys].sort().map((k) => [k, k] as const);
  }
  return unknownValue('for_each needs a map or a set of strings');
}

/** A namespace whose attributes are looked up by a function (var, local, module, data.TYPE, resource TYPE). */
class LookupHandle extends Handle {
  constructor(
    readonly label: string,
    private readonly lookup: (name: string) => Lv,
    private readonly all: () => Iterable<string>,
  ) {
    super();
  }
  attr(name: string): Lv {
    return this.lookup(name);
  }
  index(): Lv {
    return unknownValue(`${this.label} cannot be indexed`);
  }
  value(): TfValue {
    const entries: [string, TfValue][] = [];
    for (const name of this.all()) {
      const v = this.lookup(name);
      entries.push([name, v instanceof Handle ? v.value() : v]);
    }
    return sortedObject(entries);
  }
}

export class ModuleInstance implements ModuleScope {
  private readonly vars = new Map<string, TfValue>();
  private readonly locals = new Map<string, TfValue>();
  private readonly outputs = new Map<string, TfValue>();
  /** Resource handles by type, then name: references look them up without building `type.name` keys. */
  private readonly managedHandles = new Map<string, Map<string, ResourceHandle>>();
  private readonly dataHandles = new Map<string, Map<string, ResourceHandle>>();
  private readonly dataNamespaces = new Map<string, LookupHandle>();
  private readonly callHandles = new Map<string, ModuleCallHandle>();
  private readonly evaluating = new Set<string>();
  private readonly roots = new Map<string, Lv>();
  private readonly scopes = new Map<string, Scope>();
  private readonly providerRegions = new Map<string, TfValue>();
  readonly scope: Scope;
  /** Set when this instance (or an ancestor) exists only under an undecidable count condition. */
  readonly existence: Unknown | undefined;

  constructor(
    readonly session: TfSession,
    readonly config: TfModuleConfig,
    /** `""` for the root, else `module.net.` / `module.x[0].module.y.` */
    readonly prefix: string,
    /** Module call names from the root (the manifest key path). */
    readonly keyPath: readonly string[],
    readonly parent: ModuleInstance | undefined,
    /** For child instances: the call and the caller's scope its inputs are evaluated in. */
    readonly call: { readonly decl: TfModuleCallDecl; readonly scope: Scope } | undefined,
    /** Root-module variable values from tfvars files. */
    readonly rootValues: ReadonlyMap<string, TfValue> | undefined,
    /** The module call's count condition when this instance exists only under it. */
    ownExistence?: Unknown,
  ) {
    this.scope = this.scopeFor(config.files[0] ?? config.dir);
    this.existence = bothExist(parent?.existence, ownExistence);
  }

  /** The module-level scope of expressions written in one of its files (shared, not made per use). */
  scopeFor(file: string): Scope {
    let scope = this.scopes.get(file);
    if (!scope) this.scopes.set(file, (scope = makeScope(this, file)));
    return scope;
  }

  get ctx(): TfSession {
    return this.session;
  }

  get depth(): number {
    return this.keyPath.length;
  }

  root(name: string): Lv | undefined {
    const cached = this.roots.get(name);
    if (cached !== undefined) return cached;
    const made = this.makeRoot(name);
    if (made !== undefined) this.roots.set(name, made);
    return made;
  }

  private makeRoot(name: string): Lv | undefined {
    const c = this.config;
    switch (name) {
      case 'var':
        return new LookupHandle('var', (n) => this.variable(n), () => c.variables.keys());
      case 'local':
        return new LookupHandle('local', (n) => this.local(n), () => c.locals.keys());
      case 'module':
        return new LookupHandle('module', (n) => this.moduleCall(n) ?? errorValue(this.session, `module.${n} is not declared`), () => c.moduleCalls.keys());
      case 'data':
        return new LookupHandle('data', (type) => this.dataNamespace(type), () => []);
      case 'path':
        return sortedObject([['module', c.dir], ['root', this.session.stack], ['cwd', this.session.stack]]);
      case 'terraform':
        return sortedObject([['workspace', 'default']]);
      default:
        if (!c.resourceTypes.has(name)) return undefined;
        return new LookupHandle(name, (n) => this.resourceOf('managed', name, n) ?? errorValue(this.session, `${name}.${n} is not declared`), () => []);
    }
  }

  /** Reports that `key` depends on itself and returns the error value that stands for it. */
  cycle(key: string, file: string, span: { start: number; end: number }): TfUnknown {
    this.session.report({ code: 'tf-cycle', severity: 'warning', message: `${this.prefix}${key} depends on itself.`, file, span });
    return errorValue(this.session, `${this.prefix}${key} depends on itself`);
  }

  /** Evaluates under a cycle guard: a value that depends on itself is an error, reported once. */
  guarded<T = TfValue>(key: string, file: string, span: { start: number; end: number }, compute: () => T, onCycle?: (error: TfUnknown) => T): T {
    if (this.evaluating.has(key)) {
      const error = this.cycle(key, file, span);
      return onCycle ? onCycle(error) : (error as T);
    }
    this.evaluating.add(key);
    try {
      return compute();
    } finally {
      this.evaluating.delete(key);
    }
  }

  variable(name: string): TfValue {
    const cached = this.vars.get(name);
    if (cached !== undefined) return cached;
    const decl = this.config.variables.get(name);
    if (!decl) return errorValue(this.session, `var.${name} is not declared`);
    const v = this.guarded(`var.${name}`, decl.file, decl.block.span, () => {
      let value: TfValue | undefined;
      if (this.call) {
        const input = this.call.decl.inputs.get(name);
        if (input) value = evaluate(input.expr, this.call.scope);
      } else {
        value = this.rootValues?.get(name);
        if (value === undefined) value = plannedVariable(this.session.plan, name, (a) => this.session.idOf(a));
      }
      if (value === null && !decl.nullable) value = undefined;
      if (value === undefined && decl.defaultExpr) value = evaluate(decl.defaultExpr, this.scopeFor(decl.file));
      if (value === undefined) {
        const where = this.call ? `module "${this.call.decl.name}" does not set it` : 'no .tfvars file sets it';
        return unknownValue(`${this.prefix}var.${name} has no default and ${where}`, { origin: { file: decl.file, span: decl.block.labels[0]?.span ?? decl.block.span } });
      }
      // Terraform converts the value to the declared type: "443" → 443, list → set, optional() defaults.
      return converts(decl.type) ? convertToType(value, decl.type, (e) => evaluate(e, this.scopeFor(decl.file))) : value;
    });
    this.vars.set(name, v);
    return v;
  }

  local(name: string): TfValue {
    const cached = this.locals.get(name);
    if (cached !== undefined) return cached;
    const decl: TfLocalDecl | undefined = this.config.locals.get(name);
    if (!decl) return errorValue(this.session, `local.${name} is not declared`);
    const v = this.guarded(`local.${name}`, decl.file, decl.attr.nameSpan, () => evaluate(decl.attr.expr, this.scopeFor(decl.file)));
    this.locals.set(name, v);
    return v;
  }

  output(name: string): TfValue {
    const cached = this.outputs.get(name);
    if (cached !== undefined) return cached;
    const decl = this.config.outputs.get(name);
    if (!decl) return errorValue(this.session, `${this.prefix.slice(0, -1)} has no output "${name}"`);
    const v = decl.value ? this.guarded(`output.${name}`, decl.file, decl.block.span, () => evaluate(decl.value ?? { kind: 'literal', value: null, span: decl.block.span }, this.scopeFor(decl.file))) : null;
    this.outputs.set(name, v);
    return v;
  }

  resource(key: string): ResourceHandle | undefined {
    const decl = this.config.resources.get(key);
    return decl ? this.resourceOf(decl.mode, decl.type, decl.name) : undefined;
  }

  resourceOf(mode: TfResourceDecl['mode'], type: string, name: string): ResourceHandle | undefined {
    const handles = mode === 'managed' ? this.managedHandles : this.dataHandles;
    let byName = handles.get(type);
    if (!byName) handles.set(type, (byName = new Map<string, ResourceHandle>()));
    const cached = byName.get(name);
    if (cached) return cached;
    const decl = (mode === 'managed' ? this.config.managedResources : this.config.dataSources).get(type)?.get(name);
    if (!decl) return undefined;
    const h = new ResourceHandle(this, decl);
    byName.set(name, h);
    return h;
  }

  private dataNamespace(type: string): LookupHandle {
    let ns = this.dataNamespaces.get(type);
    if (!ns) {
      ns = new LookupHandle(`data.${type}`, (n) => this.resourceOf('data', type, n) ?? errorValue(this.session, `data.${type}.${n} is not declared`), () => []);
      this.dataNamespaces.set(type, ns);
    }
    return ns;
  }

  moduleCall(name: string): ModuleCallHandle | undefined {
    const cached = this.callHandles.get(name);
    if (cached) return cached;
    const decl = this.config.moduleCalls.get(name);
    if (!decl) return undefined;
    const h = new ModuleCallHandle(this, decl);
    this.callHandles.set(name, h);
    return h;
  }

  /** The Region of this instance's provider configuration `key` ("aws", "aws.west"), memoised. */
  providerRegion(key: string): TfValue {
    const cached = this.providerRegions.get(key);
    if (cached !== undefined) return cached;
    const v = resolveProviderRegion(this, key);
    this.providerRegions.set(key, v);
    return v;
  }

  /** Every child module instance that could be instantiated (local or installed sources). */
  children(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    for (const name of this.config.moduleCalls.keys()) out.push(...(this.moduleCall(name)?.instances() ?? []));
    return out;
  }
}

export class ResourceHandle extends Handle {
  private expansionCache: Expansion | undefined;
  private single: InstanceHandle | undefined;
  private byIndex: InstanceHandle[] | undefined;
  private byKey: Map<string, InstanceHandle> | undefined;
  private instanceList: readonly InstanceHandle[] | undefined;
  private expanding = false;
  private entryList: readonly (readonly [TfValue, Lv])[] | null | undefined;

  constructor(readonly mod: ModuleInstance, readonly decl: TfResourceDecl) {
    super();
  }

  get label(): string {
    return `${this.mod.prefix}${this.decl.key}`;
  }

  expansion(): Expansion {
    if (this.expansionCache) return this.expansionCache;
    const decl = this.decl;
    if (this.expanding) return { kind: 'unknown', value: this.mod.cycle(`${decl.key}#count`, decl.file, decl.block.span) };
    if (!decl.count && !decl.forEach) return (this.expansionCache = SINGLE);
    this.expanding = true;
    try {
      this.expansionCache = withPlannedKeys(this.mod.session, this.label, expand(this.mod.session, this.mod.scopeFor(decl.file), this.label, decl.count, decl.forEach));
    } finally {
      this.expanding = false;
    }
    return this.expansionCache;
  }

  instance(key: InstanceKey, eachValue?: TfValue): InstanceHandle {
    if (key === undefined) return (this.single ??= new InstanceHandle(this, key, eachValue));
    if (typeof key === 'number') {
      const byIndex = (this.byIndex ??= []);
      return (byIndex[key] ??= new InstanceHandle(this, key, eachValue));
    }
    const byKey = (this.byKey ??= new Map<string, InstanceHandle>());
    let inst = byKey.get(key);
    if (!inst) byKey.set(key, (inst = new InstanceHandle(this, key, eachValue)));
    return inst;
  }

  /** The instances Terraform would create (none when count/for_each is unknown), made once. */
  instances(): readonly InstanceHandle[] {
    if (this.instanceList) return this.instanceList;
    const e = this.expansion();
    switch (e.kind) {
      case 'single':
        this.instanceList = [this.instance(undefined)];
        break;
      case 'count':
      case 'conditional-count':
        this.instanceList = Array.from({ length: e.n }, (_, i) => this.instance(i));
        break;
      case 'for_each':
        this.instanceList = e.entries.map(([k, v]) => this.instance(k, v));
        break;
      case 'unknown':
        this.instanceList = [];
        break;
    }
    return this.instanceList;
  }

  override instanceId(): string | undefined {
    return this.expansion().kind === 'single' ? this.instance(undefined).id : undefined;
  }

  override entries(): readonly (readonly [TfValue, Lv])[] | undefined {
    if (this.entryList !== undefined) return this.entryList ?? undefined;
    const e = this.expansion();
    const list = e.kind === 'count' || e.kind === 'for_each' ? this.instances().map((i) => [i.key ?? null, i] as const) : undefined;
    this.entryList = list ?? null;
    return list;
  }

  attr(name: string): Lv {
    const e = this.expansion();
    if (e.kind === 'single') return this.instance(undefined).attr(name);
    if (e.kind === 'unknown' || e.kind === 'conditional-count') return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`, { refs: e.value.refs ?? [] });
    return errorValue(this.mod.session, `${this.label} has ${e.kind}; refer to one instance, e.g. ${this.label}[${e.kind === 'count' ? '0' : '"key"'}].${name}`);
  }

  index(key: TfValue): Lv {
    const e = this.expansion();
    switch (e.kind) {
      case 'unknown':
        return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`, { refs: e.value.refs ?? [] });
      case 'single':
        return errorValue(this.mod.session, `${this.label} has neither count nor for_each and cannot be indexed`);
      case 'count':
      case 'conditional-count': {
        const n = typeof key === 'number' ? key : typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : NaN;
        if (!Number.isInteger(n) || n < 0 || n >= e.n) return errorValue(this.mod.session, `${this.label}[${renderValue(key)}] does not exist (count is ${e.n})`);
        return this.instance(n);
      }
      case 'for_each': {
        const entry = typeof key === 'string' ? e.entries.find(([k]) => k === key) : undefined;
        if (!entry) return errorValue(this.mod.session, `${this.label}[${JSON.stringify(key)}] does not exist`);
        return this.instance(entry[0], entry[1]);
      }
    }
  }

  value(): TfValue {
    const e = this.expansion();
    switch (e.kind) {
      case 'single':
        return this.instance(undefined).value();
      case 'count':
        return this.instances().map((i) => i.value());
      case 'for_each':
        return sortedObject(this.instances().map((i) => [String(i.key), i.value()] as const));
      case 'unknown':
      case 'conditional-count':
        return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`, { refs: e.value.refs ?? [] });
    }
  }
}

/** Marks an attribute whose value is being computed (cycle guard without a set per instance). */
const COMPUTING: unique symbol = Symbol('computing');

const COMMON_COMPUTED = ['id', 'arn'];

/** Computed attributes other resources commonly read from a whole resource value (`module.x.endpoints["s3"].prefix_list_id`). */
const TYPE_COMPUTED: Readonly<Record<string, readonly string[]>> = {
  aws_vpc: ['default_security_group_id', 'main_route_table_id', 'default_route_table_id', 'default_network_acl_id', 'ipv6_cidr_block', 'owner_id'],
  aws_subnet: ['ipv6_cidr_block', 'availability_zone_id'],
  aws_vpc_endpoint: ['prefix_list_id', 'dns_entry', 'network_interface_ids', 'cidr_blocks'],
  aws_security_group: ['name'],
  aws_db_instance: ['endpoint', 'address', 'port'],
  aws_rds_cluster: ['endpoint', 'reader_endpoint', 'port'],
  aws_db_proxy: ['endpoint'],
  aws_db_proxy_endpoint: ['endpoint'],
  aws_lambda_function: ['invoke_arn', 'qualified_arn', 'qualified_invoke_arn', 'version', 'function_name'],
  aws_iam_role: ['name', 'unique_id'],
  aws_s3_bucket: ['bucket', 'bucket_domain_name', 'bucket_regional_domain_name'],
  aws_sqs_queue: ['url', 'name'],
  aws_dynamodb_table: ['stream_arn', 'name'],
  aws_kms_key: ['key_id'],
  aws_efs_file_system: ['dns_name'],
  aws_lb: ['dns_name', 'zone_id'],
  aws_nat_gateway: ['public_ip', 'private_ip'],
  aws_elasticache_replication_group: ['primary_endpoint_address', 'reader_endpoint_address', 'configuration_endpoint_address'],
  aws_elasticache_cluster: ['cache_nodes', 'configuration_endpoint'],
  aws_secretsmanager_secret: ['name'],
  aws_sns_topic: ['name'],
};

export class InstanceHandle extends Handle {
  readonly address: string;
  readonly id: string;
  readonly view: BlockView;
  /** This instance's resolved values in the root's plan or state file, if any. */
  readonly planned: PlannedFields | undefined;
  private attrMemo: Map<string, TfValue | typeof COMPUTING> | undefined;
  private valueMemo: TfValue | undefined;
  private regionMemo: TfValue | undefined;

  constructor(readonly resource: ResourceHandle, readonly key: InstanceKey, eachValue: TfValue | undefined) {
    super();
    const mod = resource.mod;
    this.address = `${mod.prefix}${resource.decl.key}${keySuffix(key)}`;
    this.id = mod.session.idOf(this.address);
    const decl = resource.decl;
    const scope = makeScope(mod, decl.file, {
      count: decl.count ? (typeof key === 'number' ? key : null) : undefined,
      each: decl.forEach ? { key: key ?? null, value: eachValue ?? null } : undefined,
      self: this,
    });
    const session = mod.session;
    const values = session.plan?.values(this.address);
    this.planned = session.plan && values ? { plan: session.plan, values, idOf: (a) => session.idOf(a) } : undefined;
    this.view = new BlockView(decl.block.body, scope, decl.block.span, decl.block.labels[1]?.span ?? decl.block.typeSpan, this.address, this.planned, decl.attrs);
    mod.session.instances.set(this.id, this);
  }

  get label(): string {
    return this.address;
  }

  /** Set when the instance is created only under an undecidable condition (its count's, or its module's). */
  get existence(): Unknown | undefined {
    const e = this.resource.expansion();
    const own = e.kind === 'conditional-count' && typeof this.key === 'number' && this.key >= e.certain ? e.existence : undefined;
    return bothExist(this.mod.existence, own);
  }

  override instanceId(): string {
    return this.id;
  }

  get decl(): TfResourceDecl {
    return this.resource.decl;
  }

  get mod(): ModuleInstance {
    return this.resource.mod;
  }

  /**
   * The Region this instance is created in (or a data source reads from): the AWS provider v6 `region`
   * argument, else the Region of its provider configuration (`provider = aws.west`, else the module's `aws`).
   */
  region(): TfValue {
    if (this.regionMemo !== undefined) return this.regionMemo;
    const own = this.view.has('region') ? (this.view.attr('region') ?? null) : null;
    let region: TfValue;
    if (own !== null) region = own;
    else region = this.mod.providerRegion(awsProviderKeyOf(this.decl.attrs.get('provider')?.expr));
    this.regionMemo = region;
    return region;
  }

  ref(attribute: string): TfRef {
    return { kind: 'ref', target: this.id, address: this.address, attribute };
  }

  attr(name: string): Lv {
    // Arguments set in the body are memoised (with their own cycle guard) by the view.
    if (this.decl.mode === 'managed' && name !== 'id' && name !== 'count' && name !== 'for_each' && this.view.has(name)) {
      const v = this.view.attr(name) ?? null;
      return name === nameArgumentOf(this.decl.type) ? this.nameValue(name, v) : v;
    }
    const memo = (this.attrMemo ??= new Map<string, TfValue | typeof COMPUTING>());
    const cached = memo.get(name);
    if (cached === COMPUTING) {
      this.mod.session.report({ code: 'tf-cycle', severity: 'warning', message: `${this.address}.${name} depends on itself.`, file: this.decl.file, span: this.decl.block.span });
      return errorValue(this.mod.session, `${this.address}.${name} depends on itself`);
    }
    if (cached !== undefined) return cached;
    memo.set(name, COMPUTING);
    let v: TfValue | undefined;
    try {
      v = this.computeAttr(name);
    } finally {
      if (v === undefined) memo.delete(name);
    }
    memo.set(name, v);
    return v;
  }

  /**
   * The name other resources refer to this one by (`role = aws_iam_role.r.name`): a name not known statically
   * (built from a variable without default, or `random_pet.p.id`) is still this instance's name, so it reads as
   * a ref to this instance that keeps the reason; the value itself would name nothing, or the wrong resource.
   */
  private nameValue(name: string, v: TfValue): TfValue {
    if (!isPending(v) || this.mod.session.errors.has(v)) return v;
    return { kind: 'ref', target: this.id, address: this.address, attribute: name, reason: pendingReason(v) };
  }

  private computeAttr(name: string): TfValue {
    // A data source's attributes are read at plan time: the plan or state has them.
    if (this.decl.mode === 'data') return withPlanned(this.planned, name, dataAttribute(this, name));
    if (this.view.hasBlockType(name)) {
      // A dynamic block over an unknown collection: how many blocks there are is unknown, not zero.
      const pending = this.view.blocksUnknown(name);
      return pending ?? this.view.blocks(name).map((b) => b.value());
    }
    // Not set in the configuration: AWS computes it (ids, ARNs, endpoints, default ports…).
    return this.ref(name);
  }

  index(): Lv {
    return errorValue(this.mod.session, `${this.address} is a single instance and cannot be indexed`);
  }

  value(): TfValue {
    if (this.valueMemo !== undefined) return this.valueMemo;
    const entries: [string, TfValue][] = [];
    for (const name of this.view.attributeNames()) {
      const v = this.attr(name);
      entries.push([name, v instanceof Handle ? v.value() : v]);
    }
    for (const type of this.view.blockTypes()) entries.push([type, this.view.blocks(type).map((b) => b.value())]);
    if (this.decl.mode === 'managed') {
      // A whole resource passed through an output or local still answers its computed attributes.
      for (const name of [...COMMON_COMPUTED, ...(TYPE_COMPUTED[this.decl.type] ?? [])]) {
        if (!this.view.has(name) && !entries.some(([k]) => k === name)) entries.push([name, this.ref(name)]);
      }
    }
    this.valueMemo = sortedObject(entries);
    return this.valueMemo;
  }
}

export class ModuleCallHandle extends Handle {
  private expansionCache: Expansion | undefined;
  private readonly children = new Map<string, ModuleInstance | TfUnknown>();
  private resolved: { dir: string } | TfUnknown | undefined;

  constructor(readonly mod: ModuleInstance, readonly decl: TfModuleCallDecl) {
    super();
  }

  get label(): string {
    return `${this.mod.prefix}module.${this.decl.name}`;
  }

  private source(): { dir: string } | TfUnknown {
    if (this.resolved) return this.resolved;
    const session = this.mod.session;
    const r = session.tree.resolve(this.decl, this.mod.config.dir, session.stack, [...this.mod.keyPath, this.decl.name]);
    const span = this.decl.block.labels[0]?.span ?? this.decl.block.span;
    if (r.kind === 'dir') {
      let ancestor: ModuleInstance | undefined = this.mod;
      let cycle = this.mod.depth >= MAX_MODULE_DEPTH;
      while (ancestor && !cycle) {
        if (ancestor.config.dir === r.dir) cycle = true;
        ancestor = ancestor.parent;
      }
      if (cycle) {
        session.report({ code: 'tf-module-cycle', severity: 'error', message: `module "${this.decl.name}" calls a module that is already being instantiated (${r.dir}): module cycle.`, file: this.decl.file, span });
        this.resolved = errorValue(session, `${this.label} is part of a module cycle`);
      } else this.resolved = { dir: r.dir };
    } else if (r.kind === 'not-installed') {
      // A plan lists the module's resources with their values, but the model is built from code: say so.
      const planned = session.plan ? plannedInModule(session.plan, this.label) : 0;
      const inPlan = planned > 0 ? ` ${session.plan?.file ?? ''} lists ${planned} of its resource instances, but resources are modelled from the module's code.` : '';
      session.report({ code: 'tf-module-not-installed', severity: 'information', message: `The source "${r.source}" of module "${this.decl.name}" is not available locally (run terraform init); its resources are not modelled and its outputs are unknown.${inPlan}`, file: this.decl.file, span });
      this.resolved = unknownValue(`${this.label} comes from "${r.source}", which is not installed locally (run terraform init)`, { origin: { file: this.decl.file, span } });
    } else {
      // At the source value: that is what to correct (the call itself is fine).
      const source = this.decl.block.body.items.find((i) => i.kind === 'attribute' && i.name === 'source');
      const at = source?.kind === 'attribute' ? source.expr.span : span;
      session.report({ code: 'tf-module-source', severity: 'warning', message: `${r.reason}; its outputs are unknown.`, file: this.decl.file, span: at });
      this.resolved = unknownValue(`${this.label}: ${r.reason}`);
    }
    return this.resolved;
  }

  private expansion(): Expansion {
    this.expansionCache ??= withPlannedKeys(this.mod.session, this.label, expand(this.mod.session, this.mod.scopeFor(this.decl.file), this.label, this.decl.count, this.decl.forEach));
    return this.expansionCache;
  }

  private child(key: InstanceKey, eachValue: TfValue | undefined, existence?: Unknown): ModuleInstance | TfUnknown {
    const k = key === undefined ? '' : typeof key === 'number' ? `#${key}` : `"${key}`;
    const cached = this.children.get(k);
    if (cached) return cached;
    const src = this.source();
    let made: ModuleInstance | TfUnknown;
    const config = 'dir' in src ? this.mod.session.tree.config(src.dir) : undefined;
    if (!('dir' in src)) made = src;
    else if (!config) made = unknownValue(`${this.label} has no configuration`);
    else {
      const scope = makeScope(this.mod, this.decl.file, {
        count: this.decl.count ? (typeof key === 'number' ? key : null) : undefined,
        each: this.decl.forEach ? { key: key ?? null, value: eachValue ?? null } : undefined,
      });
      made = new ModuleInstance(this.mod.session, config, `${this.label}${keySuffix(key)}.`, [...this.mod.keyPath, this.decl.name], this.mod, { decl: this.decl, scope }, undefined, existence);
    }
    this.children.set(k, made);
    return made;
  }

  instances(): ModuleInstance[] {
    const e = this.expansion();
    const list: (ModuleInstance | TfUnknown)[] =
      e.kind === 'single' ? [this.child(undefined, undefined)] : e.kind === 'count' || e.kind === 'conditional-count' ? Array.from({ length: e.n }, (_, i) => this.counted(i)) : e.kind === 'for_each' ? e.entries.map(([k, v]) => this.child(k, v)) : [];
    return list.filter((m): m is ModuleInstance => m instanceof ModuleInstance);
  }

  /** The count.index-th instance, with its existence when a conditional count makes it uncertain. */
  private counted(i: number): ModuleInstance | TfUnknown {
    const e = this.expansion();
    return this.child(i, undefined, e.kind === 'conditional-count' && i >= e.certain ? e.existence : undefined);
  }

  private outputsOf(child: ModuleInstance | TfUnknown): Lv {
    if (!(child instanceof ModuleInstance)) return child;
    return new LookupHandle(child.prefix.slice(0, -1), (n) => child.output(n), () => child.config.outputs.keys());
  }

  attr(name: string): Lv {
    const e = this.expansion();
    if (e.kind === 'unknown' || e.kind === 'conditional-count') return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`);
    if (e.kind !== 'single') return errorValue(this.mod.session, `${this.label} has ${e.kind}; refer to one instance`);
    const child = this.child(undefined, undefined);
    return child instanceof ModuleInstance ? child.output(name) : child;
  }

  index(key: TfValue): Lv {
    const e = this.expansion();
    if (e.kind === 'unknown') return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`);
    if ((e.kind === 'count' || e.kind === 'conditional-count') && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < e.n) return this.outputsOf(this.counted(key));
    if (e.kind === 'for_each' && typeof key === 'string') {
      const entry = e.entries.find(([k]) => k === key);
      if (entry) return this.outputsOf(this.child(entry[0], entry[1]));
    }
    return errorValue(this.mod.session, `${this.label}[${JSON.stringify(key)}] does not exist`);
  }

  override entries(): readonly (readonly [TfValue, Lv])[] | undefined {
    const e = this.expansion();
    if (e.kind === 'count') return Array.from({ length: e.n }, (_, i) => [i, this.outputsOf(this.child(i, undefined))] as const);
    if (e.kind === 'for_each') return e.entries.map(([k, v]) => [k, this.outputsOf(this.child(k, v))] as const);
    return undefined;
  }

  value(): TfValue {
    const e = this.expansion();
    if (e.kind === 'single') {
      const out = this.outputsOf(this.child(undefined, undefined));
      return out instanceof Handle ? out.value() : out;
    }
    if (e.kind === 'unknown' || e.kind === 'conditional-count') return unknownValue(`${this.label} has an unknown number of instances: ${e.value.reason}`);
    const entries = this.entries() ?? [];
    const values = entries.map(([k, v]) => [k, v instanceof Handle ? v.value() : v] as const);
    return e.kind === 'count' ? values.map(([, v]) => v) : sortedObject(values.map(([k, v]) => [typeof k === 'string' ? k : renderValue(k), v] as const));
  }
}
