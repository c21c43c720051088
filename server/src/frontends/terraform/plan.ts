// Terraform plan and state JSON (`terraform show -json`) as a second input: the values Terraform resolved
// for each resource instance (by address, with module paths and index keys), used where static evaluation
// could not know a value (data sources, unknown counts, values derived from them). Never throws.

import type { Problem } from '../../model/origin';
import type { SourceView } from '../../syntax/sourceView';
import { unknownValue } from './evaluator';
import type { InstanceKey } from './moduleInstance';
import { isTfList, isTfObject, isTfRef, isTfUnknown, type TfUnknown, type TfValue } from './value';
import { findPending, sortedObject } from './valueOps';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Stands for a value the plan marks as known only after apply (`after_unknown`): planned_values omits such an
 * attribute and writes null for such a list element, and neither may be read as null.
 */
export const PLANNED_UNKNOWN: unique symbol = Symbol('unknown in the plan');

/** The resolved values of one plan or state file, indexed by Terraform address. */
export class TfPlan {
  private readonly resources = new Map<string, Readonly<Record<string, unknown>>>();
  /** Instance keys by resource or module call address without its key (`module.net.aws_subnet.private`). */
  private readonly keys = new Map<string, InstanceKey[]>();
  private readonly keyed = new Set<string>();
  /** Which managed resource instance an `id` or `arn` string belongs to. */
  private readonly owners = new Map<string, { readonly address: string; readonly attribute: string }>();
  /** Root module variable values the plan was made with (`variables`; a state has none). */
  private readonly variables = new Map<string, unknown>();

  constructor(
    readonly file: string,
    /** `plan` for `terraform show -json PLANFILE`, `state` for the JSON of a state. */
    readonly kind: 'plan' | 'state' = 'plan',
  ) {}

  /** The resolved attribute values of the instance at `address`, if the plan holds it. */
  values(address: string): Readonly<Record<string, unknown>> | undefined {
    return this.resources.get(address);
  }

  /** Every resource instance address the file holds. */
  addresses(): IterableIterator<string> {
    return this.resources.keys();
  }

  /** The instance keys the plan has for a resource or module call (`[0, 1]`, `["a", "b"]`), if any. */
  instanceKeys(base: string): readonly InstanceKey[] | undefined {
    return this.keys.get(base);
  }

  /** The instance whose `id` or `arn` this string is, so a resolved id still names a workspace object. */
  ownerOf(value: string): { readonly address: string; readonly attribute: string } | undefined {
    return this.owners.get(value);
  }

  /** The value of a root module variable the plan was made with, as JSON (undefined when it has none). */
  variable(name: string): unknown {
    return this.variables.get(name);
  }

  addVariables(variables: Record<string, unknown>): void {
    for (const [name, v] of Object.entries(variables)) if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, 'value')) this.variables.set(name, v.value);
  }

  /**
   * Adds a module's resources (and its child modules'). `unknowns` holds each address's `after_unknown`;
   * `onlyData` keeps data sources alone (a plan's prior state: its managed resources are the state before
   * the plan, and one the plan deletes must not come back); an address already added is kept.
   */
  addModule(module: Record<string, unknown>, unknowns?: ReadonlyMap<string, unknown>, onlyData = false): void {
    const address = typeof module.address === 'string' ? module.address : undefined;
    if (address !== undefined && !onlyData) this.addKey(address);
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || typeof r.address !== 'string' || !isRecord(r.values)) continue;
      if ((onlyData && r.mode !== 'data') || this.resources.has(r.address)) continue;
      const values = unknowns ? withUnknowns(r.values, unknowns.get(r.address)) : r.values;
      this.resources.set(r.address, isRecord(values) ? values : r.values);
      this.addKey(r.address);
      if (r.mode !== 'managed') continue;
      for (const attribute of ['id', 'arn']) {
        const v = r.values[attribute];
        if (typeof v === 'string' && v !== '' && !this.owners.has(v)) this.owners.set(v, { address: r.address, attribute });
      }
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) if (isRecord(child)) this.addModule(child, unknowns, onlyData);
  }

  /** `module.x["a"].aws_subnet.s[0]` → base `module.x["a"].aws_subnet.s`, key 0 (unkeyed addresses record nothing). */
  private addKey(address: string): void {
    if (!address.endsWith(']')) return;
    const open = keyStart(address);
    if (open < 0) return;
    let key: unknown;
    try {
      key = JSON.parse(address.slice(open + 1, -1));
    } catch {
      return;
    }
    if (typeof key !== 'number' && typeof key !== 'string') return;
    // A set of the addresses seen, not a search of the list: one resource may have tens of thousands of keys.
    if (this.keyed.has(address)) return;
    this.keyed.add(address);
    const base = address.slice(0, open);
    const list = this.keys.get(base);
    if (!list) this.keys.set(base, [key]);
    else list.push(key);
  }
}

/**
 * A plan's planned values with what `after_unknown` marks unknown put back as PLANNED_UNKNOWN. Terraform
 * (jsonplan omitUnknowns) drops unknown attributes and writes null for unknown list elements, so a null list
 * element of a plan is unknown even where the mask is missing (the AWS provider's lists hold no nulls).
 */
function withUnknowns(values: unknown, mask: unknown): unknown {
  if (mask === true) return PLANNED_UNKNOWN;
  if (Array.isArray(values)) {
    const list = Array.isArray(mask) ? (mask as readonly unknown[]) : [];
    return values.map((v: unknown, i) => (v === null && list[i] !== false ? PLANNED_UNKNOWN : withUnknowns(v, list[i])));
  }
  if (!isRecord(values)) return values;
  const out: Record<string, unknown> = { ...values };
  const fields = isRecord(mask) ? mask : {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'object' && v !== null) out[k] = withUnknowns(v, fields[k]);
  for (const [k, m] of Object.entries(fields)) if (m === true) out[k] = PLANNED_UNKNOWN;
  return out;
}

/** Where the last `[...]` of an address starts (a `[` inside a quoted key does not count). */
function keyStart(address: string): number {
  let quoted = false;
  let start = -1;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (quoted) {
      if (c === 92 /* backslash */) i++;
      else if (c === 34 /* " */) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 91 /* [ */) start = i;
  }
  return start;
}

/** A cheap text check before parsing: `terraform show -json` output of a plan or a state. */
export function looksLikePlanJson(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.trimStart().startsWith('{') && head.includes('"format_version"') && (text.includes('"planned_values"') || text.includes('"root_module"'));
}

function isPlanCandidate(path: string): boolean {
  return path.endsWith('.json') && !path.endsWith('.tf.json') && !path.endsWith('.tfvars.json') && !path.includes('/.terraform/');
}

/** The `after_unknown` of each planned resource instance (deposed objects are left out: they are being destroyed). */
function unknownsOf(changes: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of Array.isArray(changes) ? changes : []) {
    if (!isRecord(c) || typeof c.address !== 'string' || c.deposed !== undefined || !isRecord(c.change)) continue;
    if (c.change.after_unknown !== undefined) out.set(c.address, c.change.after_unknown);
  }
  return out;
}

/** Parses one plan/state file; undefined (with a problem when it looked like one) if it is not usable. */
export function readPlan(file: string, text: string, report: (p: Problem) => void): TfPlan | undefined {
  if (!looksLikePlanJson(text)) return undefined;
  const problem = (message: string): undefined => {
    report({ code: 'tf-plan-invalid', severity: 'warning', message, file, span: { start: 0, end: 0 } });
    return undefined;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return problem(`${file} looks like Terraform plan JSON but cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isRecord(parsed)) return undefined;
  // The format's rule: reject a major version other than the ones known (0.x before Terraform 1.1, then 1.x).
  const version = parsed.format_version;
  if (typeof version === 'string' && !/^[01]\./.test(version)) return problem(`${file} has format_version ${version}, which Hyperplane Lens does not read (it reads 0.x and 1.x): its values are not used.`);
  // A plan's planned values, else a state's values (`terraform show -json` of a plan or of the state).
  const isPlan = isRecord(parsed.planned_values);
  const holder = isRecord(parsed.planned_values) ? parsed.planned_values : isRecord(parsed.values) ? parsed.values : undefined;
  const root = holder && isRecord(holder.root_module) ? holder.root_module : undefined;
  if (!root) return undefined;
  const plan = new TfPlan(file, isPlan ? 'plan' : 'state');
  plan.addModule(root, isPlan ? unknownsOf(parsed.resource_changes) : undefined);
  if (isPlan) {
    // Data sources Terraform reads while planning are in the prior (refreshed) state, not in planned_values
    // (which holds resource changes, including a data source whose read waits for apply).
    const prior = isRecord(parsed.prior_state) && isRecord(parsed.prior_state.values) ? parsed.prior_state.values.root_module : undefined;
    if (isRecord(prior)) plan.addModule(prior, undefined, true);
    if (isRecord(parsed.variables)) plan.addVariables(parsed.variables);
  }
  return plan;
}

/**
 * The plan that applies to each root module: a plan inside a root's folder belongs to the nearest root
 * above it; a plan outside every root belongs to every root (the CLI's --plan file). When several apply to
 * a root, the one the user named (`chosen`, the CLI's --plan) wins, else the first by path, and the user is
 * told which one is used.
 */
export function plansByRoot(view: SourceView, roots: readonly string[], report: (p: Problem) => void, chosen?: string): Map<string, TfPlan> {
  const out = new Map<string, TfPlan>();
  const skipped = new Map<string, string[]>();
  const paths = chosen !== undefined && view.paths.includes(chosen) ? [chosen, ...view.paths.filter((p) => p !== chosen)] : view.paths;
  for (const path of paths) {
    if (!isPlanCandidate(path)) continue;
    const text = view.text(path);
    if (text === undefined) continue;
    const plan = readPlan(path, text, report);
    if (!plan) continue;
    let owner: string | undefined;
    for (const root of roots) {
      const prefix = root === '/' ? '/' : `${root}/`;
      if (path.startsWith(prefix) && (owner === undefined || root.length > owner.length)) owner = root;
    }
    for (const root of owner !== undefined ? [owner] : roots) {
      if (!out.has(root)) out.set(root, plan);
      else skipped.set(root, [...(skipped.get(root) ?? []), path]);
    }
  }
  for (const [root, files] of skipped) {
    const used = out.get(root)?.file ?? '';
    const how = used === chosen ? 'the one given with --plan' : 'the first by path; name the one to use with --plan, or remove the others';
    report({ code: 'tf-plan-ambiguous', severity: 'information', message: `More than one plan or state file applies to ${root}: ${used} is used (${how}); ${files.join(', ')} ${files.length === 1 ? 'is' : 'are'} not.`, file: files[0] ?? used, span: { start: 0, end: 0 } });
  }
  return out;
}

/** Turns resolved JSON into a Terraform value; an `id`/`arn` of a workspace resource becomes a reference to it. */
export function plannedValue(plan: TfPlan, json: unknown, idOf: (address: string) => string): TfValue {
  if (json === PLANNED_UNKNOWN) return unknownValue(`${plan.file} marks this value as known only after apply`);
  if (json === null || typeof json === 'boolean' || typeof json === 'number') return json;
  if (typeof json === 'string') {
    const owner = plan.ownerOf(json);
    return owner ? { kind: 'ref', target: idOf(owner.address), address: owner.address, attribute: owner.attribute } : json;
  }
  if (Array.isArray(json)) return (json as readonly Json[]).map((x) => plannedValue(plan, x, idOf));
  if (isRecord(json)) return sortedObject(Object.entries(json).map(([k, x]) => [k, plannedValue(plan, x, idOf)] as const));
  return null;
}

/**
 * The value to use for an argument or attribute the plan resolves: the static value where it is known, the
 * plan's where it is not (element by element in lists and objects). An unknown built from workspace
 * references (`"${aws_s3_bucket.b.arn}/*"`) stays when the plan only has a string for it: the references tell
 * the model which objects it names, the string would not.
 *
 * Where the code has a known value (a literal, or one computed from known inputs) it wins over a different
 * planned one: the code is what the next plan and apply will use, and a plan that disagrees with it was made
 * from an older version of the code (or another branch), so its value for that argument is already stale.
 * The plan only answers what the code cannot: values read from AWS, inputs given outside the workspace, and
 * what depends on them.
 */
export function preferPlanned(staticValue: TfValue, planned: TfValue): TfValue {
  // Unknown in the plan as well: the static unknown keeps its own reason and the references it was built from.
  if (isTfUnknown(planned)) return staticValue;
  if (isTfUnknown(staticValue)) return typeof planned === 'string' && (staticValue.refs?.length ?? 0) > 0 ? staticValue : planned;
  if (isTfList(staticValue) && isTfList(planned) && staticValue.length === planned.length && findPending(staticValue) !== undefined) {
    return staticValue.map((v, i) => preferPlanned(v, planned[i] ?? null));
  }
  if (staticValue !== null && isTfObject(staticValue) && planned !== null && isTfObject(planned) && findPending(staticValue) !== undefined) {
    return sortedObject([...staticValue.fields].map(([k, v]) => [k, planned.fields.has(k) ? preferPlanned(v, planned.fields.get(k) ?? null) : v] as const));
  }
  return staticValue;
}

/** What a resource instance's view needs to prefer resolved values: the plan, the instance's values, ids. */
export interface PlannedFields {
  readonly plan: TfPlan;
  readonly values: Readonly<Record<string, unknown>>;
  readonly idOf: (address: string) => string;
}

/** The planned fields of the i-th nested block of a type (`vpc_config[0]`), when the plan lists it. */
export function plannedBlock(fields: PlannedFields, type: string, i: number): PlannedFields | undefined {
  const list = fields.values[type];
  const item: unknown = Array.isArray(list) ? list[i] : undefined;
  return isRecord(item) ? { plan: fields.plan, values: item, idOf: fields.idOf } : undefined;
}

/** The argument's value with the plan's where static evaluation left something unknown. */
export function withPlanned(fields: PlannedFields | undefined, name: string, v: TfValue): TfValue {
  if (!fields || !Object.prototype.hasOwnProperty.call(fields.values, name) || findPending(v) === undefined || isTfRef(v)) return v;
  return preferPlanned(v, plannedValue(fields.plan, fields.values[name], fields.idOf));
}

/**
 * A root module variable the plan was made with (`-var`, `TF_VAR_…`, a var file outside the workspace). It
 * comes after the workspace's .tfvars (code the user edits, which the next plan reads) and before the
 * declared default, which Terraform uses only when nothing sets the variable: the plan shows what did.
 */
export function plannedVariable(plan: TfPlan | undefined, name: string, idOf: (address: string) => string): TfValue | undefined {
  const json = plan?.variable(name);
  return plan && json !== undefined ? plannedValue(plan, json, idOf) : undefined;
}

/** `module.a["x"].module.b[0].data.aws_vpc.v[1]` → module names `["a", "b"]` and resource key `data.aws_vpc.v`. */
export function splitAddress(address: string): { readonly modules: readonly string[]; readonly key: string } | undefined {
  const modules: string[] = [];
  let rest = address;
  while (rest.startsWith('module.')) {
    const m = /^module\.([A-Za-z_][\w-]*)/.exec(rest);
    if (!m?.[1]) return undefined;
    modules.push(m[1]);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('[')) {
      const close = rest.startsWith('["') ? closingQuote(rest, 2) + 1 : rest.indexOf(']');
      if (close <= 0 || rest[close] !== ']') return undefined;
      rest = rest.slice(close + 1);
    }
    if (!rest.startsWith('.')) return undefined;
    rest = rest.slice(1);
  }
  const open = rest.endsWith(']') ? keyStart(rest) : -1;
  const key = open >= 0 ? rest.slice(0, open) : rest;
  return /^(?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/.test(key) ? { modules, key } : undefined;
}

/** Index of the `"` that closes a string opened before `from` (backslash escapes skipped), or -1. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* backslash */) i++;
    else if (c === 34 /* " */) return i;
  }
  return -1;
}

/**
 * The plan's resource instances the configuration does not declare: a plan or state of other code (an older
 * version, another branch or root). `declared` says whether a module path declares a resource key, undefined
 * when that module's code is not at hand (not installed): such addresses are not counted.
 */
export function undeclaredAddresses(plan: TfPlan, declared: (modules: readonly string[], key: string) => boolean | undefined): string[] {
  const out: string[] = [];
  for (const address of plan.addresses()) {
    const parts = splitAddress(address);
    if (parts && declared(parts.modules, parts.key) === false) out.push(address);
  }
  return out;
}

/** How many resource instances the plan lists under a module call (`module.vpc`, any of its instances). */
export function plannedInModule(plan: TfPlan, call: string): number {
  let n = 0;
  for (const address of plan.addresses()) if (address.startsWith(`${call}.`) || address.startsWith(`${call}[`)) n++;
  return n;
}

const SHOWN_ADDRESSES = 3;

function someOf(addresses: readonly string[]): string {
  const shown = addresses.slice(0, SHOWN_ADDRESSES).join(', ');
  return addresses.length > SHOWN_ADDRESSES ? `${shown}, …` : shown;
}

/**
 * Tells the user when a plan or state does not match the code: instances it lists that no root it applies
 * to declares (`undeclared`, one list per root), and for a plan, modelled instances it does not list
 * (`unlisted`: the code is newer than the plan). Such a file is still used where its addresses match.
 */
export function reportStalePlan(plan: TfPlan, undeclared: readonly (readonly string[])[], unlisted: readonly string[], report: (p: Problem) => void): void {
  // A plan outside every root applies to each of them: an address is undeclared only if no root declares it.
  const [first = [], ...others] = undeclared;
  const everywhere = first.filter((a) => others.every((list) => list.includes(a)));
  const what = plan.kind === 'plan' ? 'plan' : 'state';
  const parts: string[] = [];
  if (everywhere.length > 0) parts.push(`lists ${everywhere.length} resource instance${everywhere.length === 1 ? '' : 's'} the configuration does not declare (${someOf(everywhere)})`);
  if (plan.kind === 'plan' && unlisted.length > 0) parts.push(`does not list ${unlisted.length} resource instance${unlisted.length === 1 ? '' : 's'} the configuration declares (${someOf(unlisted)})`);
  if (parts.length === 0) return;
  report({
    code: 'tf-plan-stale',
    severity: 'warning',
    message: `The ${what} ${plan.file} ${parts.join(' and ')}: it was made from other code or an older version. Its values are used only where its addresses match, and the code wins where both have a value; run terraform plan and terraform show -json again to refresh it.`,
    file: plan.file,
    span: { start: 0, end: 0 },
  });
}

/** each.value of an instance the plan knows but the configuration's for_each does not. */
export function plannedEachValue(address: string): TfUnknown {
  return unknownValue(`${address} comes from the plan: its each.value is not recorded there`);
}
