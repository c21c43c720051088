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

/** The resolved values of one plan or state file, indexed by Terraform address. */
export class TfPlan {
  private readonly resources = new Map<string, Readonly<Record<string, unknown>>>();
  /** Instance keys by resource or module call address without its key (`module.net.aws_subnet.private`). */
  private readonly keys = new Map<string, InstanceKey[]>();
  /** Which managed resource instance an `id` or `arn` string belongs to. */
  private readonly owners = new Map<string, { readonly address: string; readonly attribute: string }>();

  constructor(readonly file: string) {}

  /** The resolved attribute values of the instance at `address`, if the plan holds it. */
  values(address: string): Readonly<Record<string, unknown>> | undefined {
    return this.resources.get(address);
  }

  /** The instance keys the plan has for a resource or module call (`[0, 1]`, `["a", "b"]`), if any. */
  instanceKeys(base: string): readonly InstanceKey[] | undefined {
    return this.keys.get(base);
  }

  /** The instance whose `id` or `arn` this string is, so a resolved id still names a workspace object. */
  ownerOf(value: string): { readonly address: string; readonly attribute: string } | undefined {
    return this.owners.get(value);
  }

  addModule(module: Record<string, unknown>): void {
    const address = typeof module.address === 'string' ? module.address : undefined;
    if (address !== undefined) this.addKey(address);
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isRecord(r) || typeof r.address !== 'string' || !isRecord(r.values)) continue;
      this.resources.set(r.address, r.values);
      this.addKey(r.address);
      if (r.mode !== 'managed') continue;
      for (const attribute of ['id', 'arn']) {
        const v = r.values[attribute];
        if (typeof v === 'string' && v !== '' && !this.owners.has(v)) this.owners.set(v, { address: r.address, attribute });
      }
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) if (isRecord(child)) this.addModule(child);
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
    const base = address.slice(0, open);
    const list = this.keys.get(base);
    if (!list) this.keys.set(base, [key]);
    else if (!list.includes(key)) list.push(key);
  }
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

/** Parses one plan/state file; undefined (with a problem when it looked like one) if it is not usable. */
export function readPlan(file: string, text: string, report: (p: Problem) => void): TfPlan | undefined {
  if (!looksLikePlanJson(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    report({ code: 'tf-plan-invalid', severity: 'warning', message: `${file} looks like Terraform plan JSON but cannot be read: ${e instanceof Error ? e.message : String(e)}`, file, span: { start: 0, end: 0 } });
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  // A plan's planned values, else a state's values (`terraform show -json` of a plan or of the state).
  const holder = isRecord(parsed.planned_values) ? parsed.planned_values : isRecord(parsed.values) ? parsed.values : undefined;
  const root = holder && isRecord(holder.root_module) ? holder.root_module : undefined;
  if (!root) return undefined;
  const plan = new TfPlan(file);
  plan.addModule(root);
  return plan;
}

/**
 * The plan that applies to each root module: a plan inside a root's folder belongs to the nearest root
 * above it; a plan outside every root belongs to every root (the CLI's --plan file).
 */
export function plansByRoot(view: SourceView, roots: readonly string[], report: (p: Problem) => void): Map<string, TfPlan> {
  const out = new Map<string, TfPlan>();
  for (const path of view.paths) {
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
      else report({ code: 'tf-plan-ambiguous', severity: 'information', message: `More than one plan or state file applies to ${root}; only ${out.get(root)?.file ?? ''} is used.`, file: path, span: { start: 0, end: 0 } });
    }
  }
  return out;
}

/** Turns resolved JSON into a Terraform value; an `id`/`arn` of a workspace resource becomes a reference to it. */
export function plannedValue(plan: TfPlan, json: unknown, idOf: (address: string) => string): TfValue {
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
 */
export function preferPlanned(staticValue: TfValue, planned: TfValue): TfValue {
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

/** each.value of an instance the plan knows but the configuration's for_each does not. */
export function plannedEachValue(address: string): TfUnknown {
  return unknownValue(`${address} comes from the plan: its each.value is not recorded there`);
}
