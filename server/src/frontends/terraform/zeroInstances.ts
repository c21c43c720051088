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
  return {
    address: handle.label, resourceType: decl.type, reason, hint: e.kind === 'count' ? countHint(attr.expr) : null,
    origin: { file: decl.file, span: decl.block.span, nameSpan: decl.block.typeSpan },
  };
}

/** `var.x ? 1 : 0` → "set x = true"; `!var.x ? 1 : 0` → "set x = false"; `var.n` → "set n to 1 or more". */
function countHint(expr: HclExpr): string | null {
  let e = unparen(expr);
  if (e.kind === 'conditional') {
    let cond = unparen(e.condition);
    let want = literalNumber(e.then) > literalNumber(e.else);
    if (cond.kind === 'unary' && cond.op === '!') {
      cond = unparen(cond.operand);
      want = !want;
    }
    const name = variableName(cond);
    return name === null ? null : `set ${name} = ${want ? 'true' : 'false'}`;
  }
  e = unparen(e);
  const name = variableName(e);
  return name === null ? null : `set ${name} to 1 or more`;
}

function unparen(e: HclExpr): HclExpr {
  let x = e;
  while (x.kind === 'paren') x = x.inner;
  return x;
}

function variableName(e: HclExpr): string | null {
  return e.kind === 'getAttr' && e.object.kind === 'variable' && e.object.name === 'var' ? e.name : null;
}

function literalNumber(e: HclExpr): number {
  const x = unparen(e);
  return x.kind === 'literal' && typeof x.value === 'number' ? x.value : 0;
}
