// Test helper: renders HCL expressions as compact text (so tests state expected trees readably) and checks
// that every span of a tree lies inside its parent's span and inside the text.

import type { Span } from '../../../../server/src/syntax/text';
import type { HclBody, HclExpr, HclFile, HclTemplatePart } from '../../../../server/src/syntax/hcl/ast';

export function exprText(e: HclExpr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template':
      return `tpl(${partsText(e.parts)})`;
    case 'variable':
      return e.name;
    case 'getAttr':
      return `${exprText(e.object)}.${e.name}`;
    case 'index':
      return `${exprText(e.object)}[${exprText(e.key)}]`;
    case 'splat':
      return `splat${e.full ? '[*]' : '.*'}(${exprText(e.source)}; ${exprText(e.each)})`;
    case 'splatItem':
      return '@';
    case 'tuple':
      return `[${e.items.map(exprText).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${exprText(i.key)}=${exprText(i.value)}`).join(', ')}}`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `(${exprText(e.condition)} ? ${exprText(e.then)} : ${exprText(e.else)})`;
    case 'binary':
      return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'unary':
      return `(${e.op}${exprText(e.operand)})`;
    case 'paren':
      return `paren(${exprText(e.inner)})`;
    case 'for': {
      const vars = e.keyVar !== undefined ? `${e.keyVar}, ${e.valueVar}` : e.valueVar;
      const value = e.keyExpr !== undefined ? `${exprText(e.keyExpr)} => ${exprText(e.valueExpr)}` : exprText(e.valueExpr);
      const cond = e.condition !== undefined ? ` if ${exprText(e.condition)}` : '';
      const open = e.objectForm ? '{' : '[';
      const close = e.objectForm ? '}' : ']';
      return `${open}for ${vars} in ${exprText(e.collection)} : ${value}${e.grouping ? '...' : ''}${cond}${close}`;
    }
    case 'invalid':
      return '!invalid';
  }
}

export function partsText(parts: readonly HclTemplatePart[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'string':
          return JSON.stringify(p.value);
        case 'interpolation':
          return `\${${exprText(p.expr)}}`;
        case 'if':
          return `%if(${exprText(p.condition)}; ${partsText(p.then)}${p.else !== undefined ? `; else ${partsText(p.else)}` : ''})`;
        case 'for':
          return `%for(${p.keyVar !== undefined ? `${p.keyVar}, ` : ''}${p.valueVar} in ${exprText(p.collection)}; ${partsText(p.body)})`;
      }
    })
    .join(' ');
}

/** Every span lies within its parent and the text; returns a list of violations (empty when sound). */
export function spanViolations(file: HclFile, textLength: number): string[] {
  const out: string[] = [];
  const check = (span: Span, parent: Span, what: string): void => {
    if (span.start > span.end || span.start < parent.start || span.end > parent.end || span.end > textLength) {
      out.push(`${what} [${span.start},${span.end}) outside [${parent.start},${parent.end})`);
    }
  };
  const parts = (ps: readonly HclTemplatePart[], parent: Span): void => {
    for (const p of ps) {
      check(p.span, parent, `part ${p.kind}`);
      switch (p.kind) {
        case 'string':
          break;
        case 'interpolation':
          expr(p.expr, p.span);
          break;
        case 'if':
          expr(p.condition, p.span);
          parts(p.then, p.span);
          if (p.else) parts(p.else, p.span);
          break;
        case 'for':
          expr(p.collection, p.span);
          parts(p.body, p.span);
          break;
      }
    }
  };
  const expr = (e: HclExpr, parent: Span): void => {
    check(e.span, parent, e.kind);
    switch (e.kind) {
      case 'literal':
      case 'variable':
      case 'splatItem':
      case 'invalid':
        break;
      case 'template':
        parts(e.parts, e.span);
        break;
      case 'getAttr':
        expr(e.object, e.span);
        check(e.nameSpan, e.span, 'getAttr name');
        break;
      case 'index':
        expr(e.object, e.span);
        expr(e.key, e.span);
        break;
      case 'splat':
        expr(e.source, e.span);
        expr(e.each, e.span);
        break;
      case 'tuple':
        for (const i of e.items) expr(i, e.span);
        break;
      case 'object':
        for (const i of e.items) {
          check(i.span, e.span, 'object item');
          expr(i.key, i.span);
          expr(i.value, i.span);
        }
        break;
      case 'call':
        check(e.nameSpan, e.span, 'call name');
        for (const a of e.args) expr(a, e.span);
        break;
      case 'conditional':
        expr(e.condition, e.span);
        expr(e.then, e.span);
        expr(e.else, e.span);
        break;
      case 'binary':
        expr(e.left, e.span);
        expr(e.right, e.span);
        break;
      case 'unary':
        expr(e.operand, e.span);
        break;
      case 'paren':
        expr(e.inner, e.span);
        break;
      case 'for':
        expr(e.collection, e.span);
        if (e.keyExpr) expr(e.keyExpr, e.span);
        expr(e.valueExpr, e.span);
        if (e.condition) expr(e.condition, e.span);
        break;
    }
  };
  const body = (b: HclBody, parent: Span): void => {
    check(b.span, parent, 'body');
    for (const item of b.items) {
      check(item.span, b.span, item.kind);
      if (item.kind === 'attribute') {
        check(item.nameSpan, item.span, 'attribute name');
        expr(item.expr, item.span);
      } else {
        check(item.typeSpan, item.span, 'block type');
        for (const l of item.labels) check(l.span, item.span, 'label');
        body(item.body, item.span);
      }
    }
  };
  body(file.body, { start: 0, end: textLength });
  return out;
}
