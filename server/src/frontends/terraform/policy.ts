// IAM policy documents: `data.aws_iam_policy_document` built into JSON (or an unknown that still carries
// the structured document), and any policy argument (JSON string, jsonencode(...), the data source's json)
// turned into a PolicyDocument whose resources name model objects where the ARN is a reference.

import { unknown, type Maybe, type Origin } from '../../model/origin';
import type { PolicyCondition, PolicyDocument, PolicyPrincipal, PolicyStatement, PolicyValue } from '../../model/types';
import type { HclExpr, HclTemplatePart } from '../../syntax/hcl/ast';
import type { BlockView } from './blockView';
import { HOLE_CLOSE, HOLE_OPEN, evaluate, partsWithHoles, templateWithHoles, unknownValue, type Scope, type TemplateWithHoles } from './evaluator';
import type { InstanceHandle } from './moduleInstance';
import { idOfRef } from './modelValues';
import type { TfSession } from './session';
import { isTfList, isTfObject, isTfRef, isTfUnknown, tfObject, type TfObject, type TfUnknown, type TfValue } from './value';
import { collectRefs, findPending, isPending, pendingReason, type Pending } from './valueOps';
import { override } from '../../model/override';

function list(v: TfValue | undefined): readonly TfValue[] {
  if (v === undefined || v === null) return [];
  return isTfList(v) ? v : [v];
}

function str(v: TfValue): Maybe<string> {
  if (typeof v === 'string') return v;
  if (isTfUnknown(v)) return v;
  if (isTfRef(v)) return unknown(pendingReason(v));
  return unknown('not a string');
}

function resource(v: TfValue): Maybe<string> | { readonly ref: string } {
  if (typeof v === 'string') return v;
  if (isTfRef(v)) return { ref: idOfRef(v) };
  // "${aws_s3_bucket.b.arn}/*" is unknown but still names the bucket.
  if (isTfUnknown(v)) {
    const first = v.refs?.[0];
    return first ? { ref: idOfRef(first) } : v;
  }
  return unknown('not an ARN');
}

function jsValue(v: TfValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (isTfList(v)) return v.map(jsValue);
  if (isTfObject(v)) return Object.fromEntries([...v.fields].map(([k, x]) => [k, jsValue(x)]));
  return null;
}

function fromJs(v: unknown): TfValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJs);
  if (typeof v === 'object') return tfObject(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJs(x)] as const));
  return null;
}

/** `"*"` or `{ AWS = [...], Service = ... }` (endpoint and other resource-based policies). */
function principalsOf(v: TfValue): Maybe<readonly PolicyPrincipal[]> {
  if (v === '*') return [{ type: '*', values: ['*'] }];
  if (v !== null && isTfObject(v)) return [...v.fields].map(([type, values]) => ({ type, values: list(values).map(resource) }));
  return isTfUnknown(v) ? v : unknown('the Principal is not "*" or an object');
}

/** `{ StringEquals = { "aws:SourceVpc" = "vpc-1" } }` → one condition per operator and key. */
function conditionsOf(v: TfValue): Maybe<readonly PolicyCondition[]> {
  if (v === null || !isTfObject(v)) return isTfUnknown(v) ? v : unknown('the Condition is not an object');
  const out: PolicyCondition[] = [];
  for (const [operator, keys] of v.fields) {
    if (keys === null || !isTfObject(keys)) return isTfUnknown(keys) ? keys : unknown(`the ${operator} condition is not an object`);
    for (const [key, values] of keys.fields) out.push({ operator, key, values: list(values).map(conditionValue) });
  }
  return out;
}

/** A Condition value: a reference keeps its attribute (a role's `name` is not its ARN); an interpolation is not the object. */
function conditionValue(v: TfValue): PolicyValue {
  if (isTfRef(v)) return { ref: idOfRef(v), attribute: v.attribute };
  return isTfUnknown(v) ? v : resource(v);
}

/** A policy JSON value (an object as jsonencode takes it, or parsed JSON) as a PolicyDocument. */
export function policyFromObject(v: TfValue, origin: Origin | undefined): Maybe<PolicyDocument> {
  if (v === null || !isTfObject(v)) return isTfUnknown(v) ? v : unknown('the policy is not a JSON object');
  const statements: PolicyStatement[] = [];
  for (const s of list(v.fields.get('Statement'))) {
    if (s === null || !isTfObject(s)) continue;
    const f = s.fields;
    const effect = f.get('Effect');
    const notActions = f.get('NotAction');
    const notResources = f.get('NotResource');
    const sid = f.get('Sid');
    const principal = f.get('Principal');
    const notPrincipal = f.get('NotPrincipal');
    const condition = f.get('Condition');
    statements.push({
      effect: effect === 'Allow' || effect === 'Deny' ? effect : isTfUnknown(effect ?? null) ? (effect as Maybe<'Allow'>) : unknown('the statement has no valid Effect'),
      actions: list(f.get('Action')).map(str),
      ...(notActions !== undefined ? { notActions: list(notActions).map(str) } : {}),
      resources: list(f.get('Resource')).map(resource),
      ...(notResources !== undefined ? { notResources: list(notResources).map(resource) } : {}),
      ...(typeof sid === 'string' ? { sid } : {}),
      ...(principal !== undefined ? { principals: principalsOf(principal) } : {}),
      ...(notPrincipal !== undefined ? { notPrincipals: principalsOf(notPrincipal) } : {}),
      ...(condition !== undefined ? { conditions: conditionsOf(condition) } : {}),
    });
  }
  return { statements, ...(origin ? { origin } : {}) };
}

/** A policy argument: JSON text, jsonencode({...}) or the json of an aws_iam_policy_document. */
export function policyFromArgument(session: TfSession, view: BlockView, name: string, origin: Origin): Maybe<PolicyDocument> | null {
  const expr: HclExpr | undefined = view.expr(name);
  if (!expr) return null;
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args[0]) return policyFromObject(evaluate(expr.args[0], view.scope), origin);
  const v = view.attr(name) ?? null;
  if (v === null) return null;
  if (typeof v === 'string') {
    if (v.trim() === '') return null;
    try {
      return policyFromObject(fromJs(JSON.parse(v)), origin);
    } catch {
      return unknown(`${name} is not valid JSON`);
    }
  }
  if (typeof v === 'object' && !isTfList(v)) {
    const doc = session.policies.get(v);
    if (doc) return override(doc, { origin });
  }
  // A heredoc or templatefile() JSON with an ARN known only after apply: the statements are still known.
  if (isTfUnknown(v)) {
    const holed = templateWithHoles(expr, view.scope);
    if (holed) {
      const doc = policyFromHoledJson(holed, origin);
      if (doc) return doc;
    }
  }
  return isTfUnknown(v) ? v : isTfRef(v) ? unknown(pendingReason(v)) : unknown(`${name} is not a policy document`);
}

const HOLE = new RegExp(`${HOLE_OPEN}(\\d+)${HOLE_CLOSE}`, 'g');

/** Parsed JSON with holes: a string that is one hole is that value (a reference keeps its object), else unknown. */
function policyFromHoledJson(holed: TemplateWithHoles, origin: Origin): PolicyDocument | undefined {
  const value = holedJsonValue(holed);
  if (value === undefined) return undefined;
  const doc = policyFromObject(value, origin);
  return 'statements' in doc ? doc : undefined;
}

/** The JSON value of a text with holes, or undefined when it is not JSON. */
function holedJsonValue(holed: TemplateWithHoles): TfValue | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(holed.text);
  } catch {
    return undefined;
  }
  const fill = (v: unknown): TfValue => {
    if (typeof v === 'string' && v.includes(HOLE_OPEN)) {
      const parts = [...v.matchAll(HOLE)].map((m) => holed.holes[Number(m[1])] ?? null);
      const whole = /^\uE000\d+\uE001$/.test(v);
      const first = parts[0];
      if (whole && first !== undefined) return first;
      return unknownValue('the string contains a value known only after apply', { refs: collectRefs(parts) });
    }
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map(fill);
    if (typeof v === 'object') return tfObject(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fill(x)] as const));
    return null;
  };
  return fill(parsed);
}

/** The `json` of a data "aws_iam_policy_document": a string when fully known, else an unknown; both keep the structure. */
export function policyDocumentJson(inst: InstanceHandle): TfValue {
  const session = inst.mod.session;
  const statements: TfValue[] = [];
  for (const s of inst.view.blocks('statement')) {
    const entries: [string, TfValue][] = [];
    const sid = s.attr('sid');
    if (sid !== undefined && sid !== null) entries.push(['Sid', sid]);
    entries.push(['Effect', s.attr('effect') ?? 'Allow']);
    const add = (key: string, attr: string): void => {
      const v = s.attr(attr);
      if (v === undefined || v === null) return;
      const items = list(v);
      entries.push([key, items.length === 1 ? (items[0] ?? null) : v]);
    };
    add('Action', 'actions');
    add('NotAction', 'not_actions');
    add('Resource', 'resources');
    add('NotResource', 'not_resources');
    const principals = s.blocks('principals');
    if (principals.length > 0) {
      entries.push(['Principal', tfObject(principals.map((p) => [typeof p.attr('type') === 'string' ? (p.attr('type') as string) : 'AWS', p.attr('identifiers') ?? null] as const))]);
    }
    const notPrincipals = s.blocks('not_principals');
    if (notPrincipals.length > 0) {
      entries.push(['NotPrincipal', tfObject(notPrincipals.map((p) => [typeof p.attr('type') === 'string' ? (p.attr('type') as string) : 'AWS', p.attr('identifiers') ?? null] as const))]);
    }
    // condition { test, variable, values } blocks → { test = { variable = values } }, tests merged.
    const conditions = new Map<string, [string, TfValue][]>();
    for (const c of s.blocks('condition')) {
      const test = c.attr('test');
      const variable = c.attr('variable');
      const key = typeof test === 'string' ? test : '?';
      const group = conditions.get(key) ?? conditions.set(key, []).get(key);
      group?.push([typeof variable === 'string' ? variable : '?', c.attr('values') ?? null]);
    }
    if (conditions.size > 0) entries.push(['Condition', tfObject([...conditions].map(([test, keys]) => [test, tfObject(keys)] as const))]);
    statements.push(tfObject(entries));
  }
  const origin = { file: inst.decl.file, span: inst.decl.block.span };
  const merged = mergeDocuments(inst, tfObject([['Version', inst.view.attr('version') ?? '2012-10-17'], ['Statement', statements]]));
  if (isTfUnknown(merged)) return merged;
  const docValue = merged;
  const doc = policyFromObject(docValue, origin);
  const pending = findPending(docValue);
  let json: TfValue;
  if (pending === undefined) {
    json = JSON.stringify(jsValue(docValue));
  } else {
    const refs = collectRefs([docValue]);
    json = unknownValue(`the policy document ${inst.address} contains ${isPending(pending) ? pendingReason(pending) : 'unknown values'}`, { refs, origin });
  }
  // A known JSON string is parsed again where it is used; an unknown one carries its structure on the side.
  if (typeof json === 'object' && json !== null && 'statements' in doc) {
    session.policies.set(json, doc);
    session.policyValues.set(json, docValue);
  }
  return json;
}

/**
 * The provider's merge: `source_policy_documents` in order, then the document's own statements, then
 * `override_policy_documents`; a statement with a Sid replaces the earlier one with that Sid in place, one
 * without is appended (IAMPolicyDoc.Merge in terraform-provider-aws). Unknown when a document or a Sid is.
 */
function mergeDocuments(inst: InstanceHandle, own: TfObject): TfObject | TfUnknown {
  const sources = documentsOf(inst, 'source_policy_documents');
  const overrides = documentsOf(inst, 'override_policy_documents');
  if (isTfUnknown(sources)) return sources;
  if (isTfUnknown(overrides)) return overrides;
  if (sources.length === 0 && overrides.length === 0) return own;
  let version = '';
  const statements: TfValue[] = [];
  for (const doc of [...sources, own, ...overrides]) {
    const v = doc.fields.get('Version');
    if (typeof v === 'string' && v > version) version = v;
    for (const st of list(doc.fields.get('Statement'))) {
      const sid = st !== null && isTfObject(st) ? (st.fields.get('Sid') ?? null) : null;
      if (sid === null || sid === '') { statements.push(st); continue; }
      if (typeof sid !== 'string' || statements.some((s) => s !== null && isTfObject(s) && isPending(s.fields.get('Sid') ?? null))) {
        return unknownValue(`${inst.address} merges policy documents whose statement Sids are not known statically`, { refs: collectRefs([...sources, own, ...overrides]) });
      }
      const at = statements.findIndex((s) => s !== null && isTfObject(s) && s.fields.get('Sid') === sid);
      if (at >= 0) statements[at] = st;
      else statements.push(st);
    }
  }
  return tfObject([['Version', version === '' ? '2012-10-17' : version], ['Statement', statements]]);
}

/**
 * The documents of a list argument: JSON strings, or the unknown JSON of another aws_iam_policy_document
 * (its structure is on the side). `compact([cond ? doc.json : "", …])`, as the s3-bucket module writes it,
 * is unknown to Terraform while one element is; the element JSON of a policy document is never "" or null,
 * so which documents it lists is known, and they are read one by one.
 */
function documentsOf(inst: InstanceHandle, name: string): readonly TfObject[] | TfUnknown {
  const v = inst.view.attr(name) ?? null;
  if (v === null) return [];
  let items: readonly TfValue[] | undefined = isTfList(v) ? v : undefined;
  const expr = inst.view.expr(name);
  if (items === undefined && expr?.kind === 'call' && expr.name === 'compact' && expr.args.length === 1 && expr.args[0]) {
    const all = evaluate(expr.args[0], inst.view.scope);
    if (isTfList(all)) items = all.filter((x) => x !== null && x !== '');
  }
  if (items === undefined) return unknownValue(`${name} of ${inst.address} is ${isTfUnknown(v) ? `unknown: ${v.reason}` : 'not a list'}`, { refs: collectRefs([v]) });
  const out: TfObject[] = [];
  for (const [i, item] of items.entries()) {
    if (item === null) continue;
    const doc = documentValue(inst.mod.session, item);
    if (typeof doc === 'string') return unknownValue(`element ${i} of ${name} of ${inst.address} is ${doc}`, { refs: collectRefs([item]) });
    out.push(doc);
  }
  return out;
}

function documentValue(session: TfSession, item: TfValue): TfObject | string {
  if (typeof item === 'string') {
    try {
      const v = fromJs(JSON.parse(item));
      return v !== null && isTfObject(v) ? v : 'not a JSON object';
    } catch {
      return 'not valid JSON';
    }
  }
  if (typeof item === 'object' && item !== null && !isTfList(item)) {
    const known = session.policyValues.get(item);
    if (known) return known;
  }
  return isPending(item) ? `unknown: ${pendingReason(item)}` : 'not a policy document';
}

/** Characters JSON text writes escaped (Go also escapes <, > and &): a search could match inside the escape. */
// eslint-disable-next-line no-control-regex
const JSON_ESCAPED = /["\\\u0000-\u001f<>&\u2028\u2029]/;
/** A plain search text that can only match inside JSON strings (no structure, whitespace or escapes). */
const PLAIN_SEARCH = /^[^"\\{}[\]:,\s<>&]+$/;

/**
 * replace(json, "_S3_BUCKET_ARN_", aws_s3_bucket.this.arn) on a policy JSON: the result is unknown, as in
 * Terraform, and carries the structured policy with the placeholder replaced, so the statements stay known.
 * A known text is replaced exactly (the value becomes a hole in the JSON). The structure of an unknown
 * policy JSON is replaced in its known strings; its unknown strings (ARNs and ids AWS computes) are kept, as
 * they keep naming the objects they refer to.
 */
export function carryPolicyThroughReplace(session: TfSession, args: readonly TfValue[], result: TfUnknown): void {
  const [str, search, given] = args;
  if (str === undefined || typeof search !== 'string' || !PLAIN_SEARCH.test(search) || (search.startsWith('/') && search.endsWith('/'))) return;
  // Terraform converts a number or bool replacement to its string form.
  const replacement = typeof given === 'number' || typeof given === 'boolean' ? String(given) : given;
  if (replacement === undefined || (typeof replacement !== 'string' && !isPending(replacement))) return;
  let value: TfValue | undefined;
  if (typeof str === 'string') {
    if (!isPending(replacement)) return;
    const hole = `${HOLE_OPEN}0${HOLE_CLOSE}`;
    value = holedJsonValue({ text: str.split(search).join(hole), holes: [replacement] });
    if (value !== undefined && keysContain(value, HOLE_OPEN)) return;
  } else if (typeof str === 'object' && str !== null && !isTfList(str)) {
    const known = session.policyValues.get(str);
    if (known === undefined || (keysContain(known, search) && isPending(replacement))) return;
    value = replaceInStrings(known, search, replacement);
  }
  if (value === undefined || value === null || !isTfObject(value)) return;
  const doc = policyFromObject(value, undefined);
  if (!('statements' in doc)) return;
  session.policies.set(result, doc);
  session.policyValues.set(result, value);
}

/**
 * jsonencode() of a policy object with an ARN known only after apply: the result is unknown, as in Terraform,
 * and carries the structured policy, so reading it back elsewhere (`aws_iam_policy.p.policy`, a local, a
 * module input) keeps the statements.
 */
export function carryPolicyThroughJsonencode(session: TfSession, args: readonly TfValue[], result: TfUnknown): void {
  const value = args[0];
  if (value === undefined || value === null || !isTfObject(value) || !value.fields.has('Statement')) return;
  const doc = policyFromObject(value, undefined);
  if (!('statements' in doc)) return;
  session.policies.set(result, doc);
  session.policyValues.set(result, value);
}

/** A heredoc (or templatefile()) policy JSON with holes: as carryPolicyThroughJsonencode, for the parsed text. */
export function carryPolicyThroughTemplate(session: TfSession, parts: readonly HclTemplatePart[], scope: Scope, result: TfUnknown): void {
  // Only JSON objects that name statements are policies: anything else (an ARN, a URL) is left at once.
  const first = parts[0];
  if (first?.kind !== 'string' || !first.value.trimStart().startsWith('{')) return;
  if (!parts.some((p) => p.kind === 'string' && p.value.includes('Statement'))) return;
  const holed = partsWithHoles(parts, scope);
  const value = holed === undefined ? undefined : holedJsonValue(holed);
  if (value === undefined || value === null || !isTfObject(value)) return;
  const doc = policyFromObject(value, undefined);
  if (!('statements' in doc)) return;
  session.policies.set(result, doc);
  session.policyValues.set(result, value);
}

function keysContain(v: TfValue, text: string): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (isTfList(v)) return v.some((x) => keysContain(x, text));
  if (!isTfObject(v)) return false;
  for (const [k, x] of v.fields) if (k.includes(text) || keysContain(x, text)) return true;
  return false;
}

/** The value with `search` replaced in every known string and key; undefined where the JSON text could differ. */
function replaceInStrings(v: TfValue, search: string, replacement: string | Pending): TfValue | undefined {
  if (typeof v === 'string') {
    if (JSON_ESCAPED.test(v)) return undefined;
    if (!v.includes(search)) return v;
    if (typeof replacement === 'string') return JSON_ESCAPED.test(replacement) ? undefined : v.split(search).join(replacement);
    if (v === search) return replacement;
    return unknownValue(`"${v}" with ${search} replaced is unknown because ${pendingReason(replacement)}`, { refs: collectRefs([replacement]) });
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v).includes(search) ? undefined : v;
  if (v === null || isPending(v)) return v;
  if (isTfList(v)) {
    const out: TfValue[] = [];
    for (const x of v) {
      const r = replaceInStrings(x, search, replacement);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  }
  const entries: [string, TfValue][] = [];
  for (const [k, x] of v.fields) {
    if (JSON_ESCAPED.test(k)) return undefined;
    const r = replaceInStrings(x, search, replacement);
    if (r === undefined) return undefined;
    entries.push([typeof replacement === 'string' ? k.split(search).join(replacement) : k, r]);
  }
  return tfObject(entries);
}
