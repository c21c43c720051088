// Encoding functions: jsonencode (Go encoding/json output: sorted keys, <, >, & and U+2028/9 escaped),
// jsondecode, base64encode/base64decode, and the hash functions (md5, sha1, sha256, sha512, base64sha256,
// base64sha512), which are pure computations on known strings.

import { createHash } from 'node:crypto';
import { type TfValue, isTfObject } from '../value';
import { compareStrings, findPending, formatNumber, sortedObject } from '../valueOps';
import { type Call, arg, bailUnknown, callFailed, defineFunction, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

// Control characters are exactly what JSON must escape.
// eslint-disable-next-line no-control-regex
const JSON_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

export function jsonString(s: string): string {
  const escaped = s.replace(JSON_ESCAPE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped.replace(/\p{Surrogate}/gu, '\\ufffd')}"`;
}

/** Go-style JSON for a wholly known value; undefined when it contains an unknown, a ref or a non-finite number. */
export function jsonEncode(v: TfValue): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (const item of v as readonly TfValue[]) {
      const p = jsonEncode(item);
      if (p === undefined) return undefined;
      parts.push(p);
    }
    return `[${parts.join(',')}]`;
  }
  if (!isTfObject(v)) return undefined;
  const parts: string[] = [];
  for (const key of [...(v).fields.keys()].sort(compareStrings)) {
    const p = jsonEncode((v).fields.get(key) ?? null);
    if (p === undefined) return undefined;
    parts.push(`${jsonString(key)}:${p}`);
  }
  return `{${parts.join(',')}}`;
}

function fromJson(v: unknown): TfValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === 'object') return sortedObject(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x)] as const));
  return null;
}

function jsonencode(call: Call): TfFunctionResult {
  const v = arg(call, 0);
  const pending = findPending(v);
  if (pending !== undefined) return bailUnknown(call, 'part of the value', pending);
  return jsonEncode(v) ?? callFailed(call, 'value cannot be encoded as JSON');
}

function jsondecode(call: Call): TfFunctionResult {
  const text = str(call, 'str', arg(call, 0));
  try {
    return fromJson(JSON.parse(text));
  } catch (e) {
    return callFailed(call, e instanceof Error ? e.message : 'invalid JSON');
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function base64decode(call: Call): TfFunctionResult {
  const text = str(call, 'str', arg(call, 0));
  if (!BASE64.test(text) || text.length % 4 !== 0) return callFailed(call, `failed to decode base64 data ${JSON.stringify(text)}`);
  const bytes = Buffer.from(text, 'base64');
  const decoded = bytes.toString('utf8');
  if (!Buffer.from(decoded, 'utf8').equals(bytes)) return callFailed(call, 'the result of decoding the provided string is not valid UTF-8');
  return decoded;
}

function hash(name: string, algorithm: string, encoding: 'hex' | 'base64'): readonly [string, TfFunction] {
  return [name, defineFunction(name, { min: 1, max: 1 }, (call) => createHash(algorithm).update(str(call, 'str', arg(call, 0)), 'utf8').digest(encoding))];
}

export const encodingFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['jsonencode', defineFunction('jsonencode', { min: 1, max: 1 }, jsonencode)],
  ['jsondecode', defineFunction('jsondecode', { min: 1, max: 1 }, jsondecode)],
  ['base64encode', defineFunction('base64encode', { min: 1, max: 1 }, (call) => Buffer.from(str(call, 'str', arg(call, 0)), 'utf8').toString('base64'))],
  ['base64decode', defineFunction('base64decode', { min: 1, max: 1 }, base64decode)],
  hash('md5', 'md5', 'hex'),
  hash('sha1', 'sha1', 'hex'),
  hash('sha256', 'sha256', 'hex'),
  hash('sha512', 'sha512', 'hex'),
  hash('base64sha256', 'sha256', 'base64'),
  hash('base64sha512', 'sha512', 'base64'),
]);
