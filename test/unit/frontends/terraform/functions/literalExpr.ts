// Test helper: evaluates a literal-only Terraform expression (numbers, strings, bools, null, tuples, objects,
// function calls with `...`, unary and binary operators) with the function library and valueOps, so tests can
// be written as the expressions Terraform itself would evaluate. Not the product's evaluator.

import { tfFunctions, isFunctionError, type TfFunctionResult } from '../../../../../server/src/frontends/terraform/functions';
import { type TfValue } from '../../../../../server/src/frontends/terraform/value';
import { binaryOp, sortedObject, unaryOp } from '../../../../../server/src/frontends/terraform/valueOps';
import type { HclBinaryOp } from '../../../../../server/src/syntax/hcl/ast';

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_-]*)|(\.\.\.|==|!=|<=|>=|&&|\|\||[-+*/%<>!()[\]{},=:?]))/y;

type Token = { kind: 'number' | 'string' | 'ident' | 'punct'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (m === null) throw new Error(`cannot tokenize at ${text.slice(TOKEN.lastIndex)}`);
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'string', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'ident', text: m[3] });
    else tokens.push({ kind: 'punct', text: m[4] ?? '' });
  }
  return tokens;
}

function decodeString(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)|\$\$\{|%%\{/g, (all, esc?: string) => {
    if (all === '$${') return '${';
    if (all === '%%{') return '%{';
    switch (esc) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case undefined:
        throw new Error(`bad escape ${all}`);
      default:
        if (esc.startsWith('u')) return String.fromCharCode(parseInt(esc.slice(1), 16));
        throw new Error(`bad escape ${all}`);
    }
  });
}

class EvalError extends Error {}

const PRECEDENCE: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

/** Evaluates the expression; a function or operator error becomes the returned error result. */
export function evalExpr(text: string): TfFunctionResult {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (t: string): void => {
    if (tokens[pos]?.text !== t) throw new Error(`expected ${t} at token ${pos} in ${text}`);
    pos++;
  };
  const check = (r: TfFunctionResult): TfValue => {
    if (isFunctionError(r)) throw new EvalError(r.message);
    return r;
  };
  const binary = (level: number): TfValue => {
    if (level === PRECEDENCE.length) return unary();
    let left = binary(level + 1);
    while (PRECEDENCE[level]?.includes(peek()?.text ?? '') && peek()?.kind === 'punct') {
      const op = (tokens[pos++]?.text ?? '') as HclBinaryOp;
      const right = binary(level + 1);
      left = check(binaryOp(op, left, right));
    }
    return left;
  };
  const unary = (): TfValue => {
    const t = peek();
    if (t?.kind === 'punct' && (t.text === '-' || t.text === '!')) {
      pos++;
      return check(unaryOp(t.text, unary()));
    }
    return primary();
  };
  const list = (close: string): TfValue[] => {
    const items: TfValue[] = [];
    while (peek()?.text !== close) {
      items.push(binary(0));
      if (peek()?.text === ',') pos++;
      else if (peek()?.text === '...') {
        pos++;
        const last = items.pop();
        if (!Array.isArray(last)) throw new Error('... needs a tuple');
        items.push(...(last as TfValue[]));
      }
    }
    pos++;
    return items;
  };
  const primary = (): TfValue => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of ${text}`);
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'string') return decodeString(t.text);
    if (t.kind === 'ident') {
      if (t.text === 'true') return true;
      if (t.text === 'false') return false;
      if (t.text === 'null') return null;
      expect('(');
      const fn = tfFunctions.get(t.text);
      if (fn === undefined) throw new Error(`unknown function ${t.text}`);
      return check(fn(list(')')));
    }
    if (t.text === '(') {
      const v = binary(0);
      expect(')');
      return v;
    }
    if (t.text === '[') return list(']');
    if (t.text === '{') {
      const entries: [string, TfValue][] = [];
      while (peek()?.text !== '}') {
        const k = tokens[pos++];
        const key = k?.kind === 'string' ? decodeString(k.text) : (k?.text ?? '');
        if (peek()?.text === '=' || peek()?.text === ':') pos++;
        entries.push([key, binary(0)]);
        if (peek()?.text === ',') pos++;
      }
      pos++;
      return sortedObject(entries);
    }
    throw new Error(`unexpected ${t.text} in ${text}`);
  };
  try {
    const v = binary(0);
    if (pos !== tokens.length) throw new Error(`trailing tokens in ${text}`);
    return v;
  } catch (e) {
    if (e instanceof EvalError) return { kind: 'error', message: e.message };
    throw e;
  }
}
