// Quick fixes written at a module call instead of inside the module: when a security group of an installed
// module builds its rules with `dynamic "egress" { for_each = var.X … }` and every rule argument is read
// straight from the item, the new rule becomes one more item of `X` in the user's own `module` block.
// Anything less exact (a computed for_each, a renamed or transformed argument, a typed object) gets no edit.

import type { Change } from '../../analysis/types';
import type { ModelObject } from '../../model/types';
import type { HclAttribute, HclBlock, HclExpr, HclFile } from '../../syntax/hcl/ast';
import { moduleCallBlock, tfFilesIn } from './moduleCalls';
import type { ForeignModule, OwnershipContext } from './ownership';
import { insertLinesInBlock } from './terraformEdits';
import { codeStyle, indentationAt, type TextEdit } from './textEdit';

export interface ModuleInputContext extends OwnershipContext {
  readonly hcl: (file: string) => HclFile | undefined;
  /** Every file of the snapshot: the module's variables and the caller's `module` block are looked up in it. */
  readonly paths?: readonly string[];
}

/** How a rule argument is read from the dynamic block's item. */
interface ItemRead {
  readonly key: string;
  /** `compact(split(",", …))`: the item holds the list as one comma-separated string. */
  readonly joined: boolean;
}

/** A rule argument and the value to write: a number, a string or a list of strings. */
type RuleValue = number | string | readonly string[];

export function moduleInputEdits(ctx: ModuleInputContext, change: Change, subject: ModelObject, group: ModelObject, module: ForeignModule): TextEdit[] | undefined {
  if (change.kind !== 'add-sg-egress' && change.kind !== 'add-sg-ingress') return undefined;
  // The call must be the group's own module, once (no count/for_each: an input edit would reach every instance).
  if (!module.direct || module.step.keyed || module.callerDir === undefined) return undefined;
  const peer = change.kind === 'add-sg-egress' ? cidrPeer(change.peer) : change.sourceCidr !== null && change.sourceGroup === null ? cidrPeer(change.sourceCidr) : undefined;
  if (!peer) return undefined;
  const all = change.protocol === '-1';
  const wanted = new Map<string, RuleValue>([
    ['from_port', all ? 0 : change.port],
    ['to_port', all ? 0 : change.port],
    ['protocol', change.protocol],
    [peer[0], [peer[1]]],
  ]);
  const block = topLevelBlock(ctx.hcl(group.origin.file), group.origin.span.start);
  if (!block || block.type !== 'resource') return undefined;
  const direction = change.kind === 'add-sg-egress' ? 'egress' : 'ingress';
  for (const dynamic of block.body.items) {
    if (dynamic.kind !== 'block' || dynamic.type !== 'dynamic' || dynamic.labels[0]?.value !== direction) continue;
    const input = inputOf(dynamic);
    const reads = input && readsOf(dynamic, input.iterator, wanted, subject);
    if (!input || !reads) continue;
    const variable = variableBlock(ctx, module.dir, input.variable);
    const shape = variable && itemShape(variable);
    if (!variable || !shape) continue;
    if (shape === 'strings' && [...reads.values()].some((r) => Array.isArray(r.value) && !r.joined)) continue;
    const item = itemText(reads, shape);
    return callEdit(ctx, module, input.variable, variable, item);
  }
  return undefined;
}

function cidrPeer(peer: string): readonly [string, string] | undefined {
  if (/^[0-9.]+\/\d+$/.test(peer)) return ['cidr_blocks', peer];
  if (/^[0-9a-f:]+\/\d+$/i.test(peer)) return ['ipv6_cidr_blocks', peer];
  return undefined;
}

function topLevelBlock(file: HclFile | undefined, start: number): HclBlock | undefined {
  return file?.body.items.find((i): i is HclBlock => i.kind === 'block' && i.span.start <= start && start < i.span.end);
}

function attributeOf(block: HclBlock, name: string): HclAttribute | undefined {
  return block.body.items.find((i): i is HclAttribute => i.kind === 'attribute' && i.name === name);
}

/** `for_each = var.X` exactly, and the iterator's name. */
function inputOf(dynamic: HclBlock): { variable: string; iterator: string } | undefined {
  const forEach = attributeOf(dynamic, 'for_each')?.expr;
  if (forEach?.kind !== 'getAttr' || forEach.object.kind !== 'variable' || forEach.object.name !== 'var') return undefined;
  const iteratorExpr = attributeOf(dynamic, 'iterator')?.expr;
  const iterator = iteratorExpr === undefined ? dynamic.labels[0]?.value : iteratorExpr.kind === 'variable' ? iteratorExpr.name : undefined;
  return iterator === undefined ? undefined : { variable: forEach.name, iterator };
}

/**
 * The item keys the wanted arguments are read from, with the values to write (a description naming the
 * function where the content has one). Undefined if a wanted argument is missing or transformed, or another
 * argument reads the item without a default (the new item would lack it).
 */
function readsOf(dynamic: HclBlock, iterator: string, wanted: ReadonlyMap<string, RuleValue>, subject: ModelObject): Map<string, ItemRead & { value: RuleValue }> | undefined {
  const content = dynamic.body.items.find((i): i is HclBlock => i.kind === 'block' && i.type === 'content');
  if (!content) return undefined;
  const out = new Map<string, ItemRead & { value: RuleValue }>();
  for (const item of content.body.items) {
    if (item.kind !== 'attribute') return undefined; // nested blocks: not a plain rule
    const value = item.name === 'description' ? `Added by Hyperplane Lens for ${subject.address}` : wanted.get(item.name);
    const read = itemRead(item.expr, iterator);
    if (value !== undefined) {
      if (!read || (read.joined && !Array.isArray(value))) return undefined;
      out.set(item.name, { key: read.key, joined: read.joined, value });
    } else if (!read?.optional) {
      return undefined;
    }
  }
  for (const name of wanted.keys()) if (!out.has(name)) return undefined;
  return out;
}

/** `it.value.k`, `it.value["k"]`, `lookup(it.value, "k"[, default])`, `try(it.value.k, default)`, and for lists `compact(split(",", …))`. */
function itemRead(expr: HclExpr, iterator: string): (ItemRead & { optional: boolean }) | undefined {
  if (expr.kind === 'call' && (expr.name === 'compact' || expr.name === 'split')) {
    const split = expr.name === 'compact' ? expr.args[0] : expr;
    if (expr.name === 'compact' && expr.args.length !== 1) return undefined;
    if (split?.kind !== 'call' || split.name !== 'split' || split.args.length !== 2 || stringOf(split.args[0]) !== ',') return undefined;
    const inner = split.args[1] && itemRead(split.args[1], iterator);
    return inner && !inner.joined ? { key: inner.key, joined: true, optional: inner.optional } : undefined;
  }
  const isItem = (e: HclExpr | undefined): boolean => e?.kind === 'getAttr' && e.name === 'value' && e.object.kind === 'variable' && e.object.name === iterator;
  if (expr.kind === 'getAttr' && isItem(expr.object)) return { key: expr.name, joined: false, optional: false };
  if (expr.kind === 'index' && isItem(expr.object)) {
    const key = stringOf(expr.key);
    return key === undefined ? undefined : { key, joined: false, optional: false };
  }
  if (expr.kind === 'call' && expr.name === 'lookup' && (expr.args.length === 2 || expr.args.length === 3) && isItem(expr.args[0])) {
    const key = stringOf(expr.args[1]);
    return key === undefined ? undefined : { key, joined: false, optional: expr.args.length === 3 };
  }
  if (expr.kind === 'call' && expr.name === 'try' && expr.args.length === 2 && expr.args[0]) {
    const inner = itemRead(expr.args[0], iterator);
    return inner && !inner.joined ? { key: inner.key, joined: false, optional: true } : undefined;
  }
  return undefined;
}

function stringOf(expr: HclExpr | undefined): string | undefined {
  if (expr?.kind === 'template' && expr.parts.length === 1 && expr.parts[0]?.kind === 'string') return expr.parts[0].value;
  return undefined;
}

function variableBlock(ctx: ModuleInputContext, dir: string, name: string): HclBlock | undefined {
  for (const file of filesIn(ctx, dir)) {
    const found = ctx.hcl(file)?.body.items.find((i): i is HclBlock => i.kind === 'block' && i.type === 'variable' && i.labels[0]?.value === name);
    if (found) return found;
  }
  return undefined;
}

/** The .tf files directly in `dir`. */
function filesIn(ctx: ModuleInputContext, dir: string): string[] {
  return tfFilesIn(ctx.paths ?? [], dir);
}

/**
 * What one item of the variable may hold: 'any' (no type, `any`, `list(any)`: numbers, strings and lists as
 * they are) or 'strings' (`list(map(string))`: lists only as comma-joined strings). Typed objects and maps
 * of items are not written to: their other attributes or keys are not ours to invent.
 */
function itemShape(variable: HclBlock): 'any' | 'strings' | undefined {
  const type = attributeOf(variable, 'type')?.expr;
  let shape: 'any' | 'strings' | undefined;
  if (type === undefined || (type.kind === 'variable' && type.name === 'any')) shape = 'any';
  else if (type.kind === 'call' && type.name === 'list' && type.args.length === 1) {
    const item = type.args[0];
    if (item?.kind === 'variable' && item.name === 'any') shape = 'any';
    else if (item?.kind === 'call' && item.name === 'map' && item.args[0]?.kind === 'variable' && item.args[0].name === 'string') shape = 'strings';
  }
  return shape;
}

function itemText(reads: ReadonlyMap<string, ItemRead & { value: RuleValue }>, shape: 'any' | 'strings'): string {
  const parts: string[] = [];
  for (const read of reads.values()) {
    const v = read.value;
    const text = typeof v === 'number' ? (shape === 'strings' ? `"${v}"` : String(v)) : typeof v === 'string' ? JSON.stringify(v) : read.joined ? JSON.stringify(v.join(',')) : `[${v.map((s) => JSON.stringify(s)).join(', ')}]`;
    parts.push(`${read.key} = ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}

/** Adds the item to the call's `X = [ … ]`, or writes `X = [item]` when the call leaves X at an empty default. */
function callEdit(ctx: ModuleInputContext, module: ForeignModule, input: string, variable: HclBlock, item: string): TextEdit[] | undefined {
  const callerDir = module.callerDir;
  if (callerDir === undefined) return undefined;
  const found = moduleCallBlock(ctx, filesIn(ctx, callerDir), module);
  if (!found) return undefined;
  const { file, block: call } = found;
  if (attributeOf(call, 'count') || attributeOf(call, 'for_each')) return undefined;
  const given = attributeOf(call, input);
  if (given) {
    if (given.expr.kind !== 'tuple') return undefined;
    const last = given.expr.items[given.expr.items.length - 1];
    if (!last) return [{ file, span: { start: given.expr.span.start + 1, end: given.expr.span.end - 1 }, newText: item }];
    const text = ctx.text(file);
    if (text === undefined) return undefined;
    const multiline = text.slice(given.expr.span.start, last.span.start).includes('\n');
    return [{ file, span: { start: last.span.end, end: last.span.end }, newText: multiline ? `,${codeStyle(text).eol}${indentationAt(text, last.span.start)}${item}` : `, ${item}` }];
  }
  // Left unset, the input takes its default: only an empty default keeps every rule the module already had.
  const fallback = attributeOf(variable, 'default')?.expr;
  if (fallback?.kind !== 'tuple' || fallback.items.length > 0) return undefined;
  const edit = insertLinesInBlock(ctx, file, call, ['', `${input} = [`, `  ${item},`, ']']);
  return edit ? [edit] : undefined;
}
