// Resources whose count / for_each evaluates to zero instances: noted for the model so a fix can say "this NAT
// gateway exists in the code but is not created; set enable_nat = true" instead of proposing a new one.

import type { HclExpr } from '../../syntax/hcl/ast';
import type { NotCreated } from '../../model/types';
import type { ResourceHandle } from './moduleInstance';
import type { TfSession } from './session';

const MAX_TEXT = 80;

/** The note for a resource that creates no instance, else undefined. */
export function zeroInstanceNote(handle: ResourceHandle, session: TfSession): NotCreated | undefined {
  const e = handle.expansion();
  const decl = handle.decl;
  const attr = e.kind === 'count' && e.n === 0 ? decl.count : e.kind === 'for_each' && e.entries.length === 0 ? decl.forEach : undefined;
  if (attr === undefined) return undefined;
  const raw = session.view.text(decl.file)?.slice(attr.expr.span.start, attr.expr.span.end).replace(/\s+/g, ' ') ?? '';
  const text = raw.length > MAX_TEXT ? `${raw.slice(0, MAX_TEXT - 1)}…` : raw;
  const reason = e.kind === 'count' ? `count = ${text} is 0` : `for_each = ${text} is empty`;
  const setting = e.kind === 'count' ? countHint(attr.expr) : null;
  // A module's variables are set in the block that calls it (`module "vpc" { enable_nat_gateway = true }`).
  const call = handle.mod.keyPath[handle.mod.keyPath.length - 1];
  const hint = setting === null ? null : call === undefined ? setting : `${setting} in module "${call}"`;
  return {
    address: handle.label, resourceType: decl.type, reason, hint,
    origin: { file: decl.file, span: decl.block.span, nameSpan: decl.block.typeSpan },
  };
}

/**
 * `var.x ? 1 : 0` → "set x = true"; `!var.x ? 1 : 0` → "set x = false"; `local.on && var.x ? n : 0` → "set x =
 * true" (the variables of a condition; locals and the rest are not the user's to set); `var.n` → "set n to 1 or
 * more". Null when no variable decides it.
 */
function countHint(expr: HclExpr): string | null {
  const e = unparen(expr);
  if (e.kind === 'conditional') {
    // The branch that creates instances is the one that is not a literal 0 (`? local.nat_gateway_count : 0`).
    const then = literalNumber(e.then);
    const other = literalNumber(e.else);
    const want = other === 0 ? true : then === 0 ? false : then !== null && other !== null ? then > other : null;
    const settings = want === null ? null : conditionSettings(e.condition, want);
    return settings === null ? null : `set ${settings}`;
  }
  const name = variableName(e);
  return name === null ? null : `set ${name} to 1 or more`;
}

/** The variable settings that make `cond` evaluate to `want`, joined with "and"/"or" as the operators ask. */
function conditionSettings(cond: HclExpr, want: boolean): string | null {
  const e = unparen(cond);
  if (e.kind === 'unary' && e.op === '!') return conditionSettings(e.operand, !want);
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
    // De Morgan: `a && b` is true when both are, false when either is; `a || b` the other way round.
    const both = (e.op === '&&') === want;
    const parts = [conditionSettings(e.left, want), conditionSettings(e.right, want)].filter((p): p is string => p !== null);
    if (parts.length === 0) return null;
    return parts.join(both ? ' and ' : ' or ');
  }
  const name = variableName(e);
  return name === null ? null : `${name} = ${want ? 'true' : 'false'}`;
}

function unparen(e: HclExpr): HclExpr {
  let x = e;
  while (x.kind === 'paren') x = x.inner;
  return x;
}

function variableName(e: HclExpr): string | null {
  return e.kind === 'getAttr' && e.object.kind === 'variable' && e.object.name === 'var' ? e.name : null;
}

function literalNumber(e: HclExpr): number | null {
  const x = unparen(e);
  return x.kind === 'literal' && typeof x.value === 'number' ? x.value : null;
}
