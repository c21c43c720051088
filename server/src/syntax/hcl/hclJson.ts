// The HCL JSON-syntax reader (.tf.json, .tfvars.json): the JSON reader's tree (json/jsonParser.ts) mapped onto
// the HCL tree of ast.ts following HCL's JSON spec (block types by label count, strings parsed as templates).

import type { DataNode, DataScalar } from '../data/ast';
import { parseJson } from '../json/jsonParser';
import type { Span, SyntaxProblem } from '../text';
import type { HclAttribute, HclBlock, HclBody, HclComment, HclExpr, HclFile, HclLabel, HclTemplate } from './ast';
import { parseTemplateContent } from './hclParser';

export function parseHclJson(text: string): HclFile {
  const data = parseJson(text);
  const problems: SyntaxProblem[] = [...data.problems];
  const comments: HclComment[] = [];
  const mapper = new JsonToHcl(text, problems, comments);
  let items: (HclAttribute | HclBlock)[] = [];
  if (data.root !== undefined) {
    const root = fromData(text, data.root);
    if (root.kind === 'object') items = mapper.bodyItems(root, TOP_LEVEL);
    else problems.push(problem(root.span, 'Expected a JSON object at the top level of a Terraform JSON file'));
  }
  return { body: { items, span: { start: 0, end: text.length } }, problems, comments, syntax: 'json' };
}

// ------------------------------------------------------------------------------------------------ JSON values

interface JObject {
  readonly kind: 'object';
  readonly entries: JEntry[];
  readonly span: Span;
}
interface JEntry {
  readonly key: JString;
  readonly value: JValue;
}
interface JArray {
  readonly kind: 'array';
  readonly items: JValue[];
  readonly span: Span;
}
interface JString {
  readonly kind: 'string';
  readonly value: string;
  /** Some character was written as an escape, so content offsets differ from text offsets. */
  readonly escaped: boolean;
  readonly span: Span;
}
interface JScalar {
  readonly kind: 'scalar';
  readonly value: number | boolean | null;
  readonly span: Span;
}
type JValue = JObject | JArray | JString | JScalar;

function problem(span: Span, message: string): SyntaxProblem {
  return { code: 'hcl-syntax', message, severity: 'error', span };
}

/** The JSON reader's tree (json/jsonParser.ts) seen as JSON values; strings note whether they hold escapes. */
function fromData(text: string, node: DataNode): JValue {
  switch (node.kind) {
    case 'map': {
      const entries = node.entries.map((entry) => ({ key: stringOf(text, entry.key), value: fromData(text, entry.value) }));
      return { kind: 'object', entries, span: enclosing(node.span, entries.at(-1)?.value.span) };
    }
    case 'seq': {
      const items = node.items.map((item) => fromData(text, item));
      return { kind: 'array', items, span: enclosing(node.span, items.at(-1)?.span) };
    }
    case 'scalar':
      return typeof node.value === 'string' ? stringOf(text, node) : { kind: 'scalar', value: node.value, span: node.span };
  }
}

/**
 * An unclosed container's span as the JSON reader gives it can end before its last (empty) value, e.g. in
 * `{"a": ` at the end of the file; the HCL tree needs children inside parents.
 */
function enclosing(span: Span, last: Span | undefined): Span {
  return last !== undefined && last.end > span.end ? { start: span.start, end: last.end } : span;
}

function stringOf(text: string, scalar: DataScalar): JString {
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.value);
  const backslash = text.indexOf('\\', scalar.span.start);
  return { kind: 'string', value, escaped: backslash >= 0 && backslash < scalar.span.end, span: scalar.span };
}

/** Decodes the JSON escape at `i` (a backslash): the text, or undefined if invalid, and the offset after it. */
function decodeJsonEscape(text: string, i: number): [string | undefined, number] {
  const c = text.charAt(i + 1);
  switch (c) {
    case '"':
    case '\\':
    case '/':
      return [c, i + 2];
    case 'b':
      return ['\b', i + 2];
    case 'f':
      return ['\f', i + 2];
    case 'n':
      return ['\n', i + 2];
    case 'r':
      return ['\r', i + 2];
    case 't':
      return ['\t', i + 2];
    case 'u': {
      const hex = text.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), i + 6];
      return [undefined, Math.min(i + 2, text.length)];
    }
    default:
      return [undefined, Math.min(i + 2, text.length)];
  }
}

// ------------------------------------------------------------------------------------------------ mapping to HCL

/** Which keys of a body are nested blocks, with their label counts and the block types their bodies hold. */
interface BlockSchema {
  readonly [type: string]: { readonly labels: number; readonly body: BlockSchema } | undefined;
}

const NONE: BlockSchema = {};
const CONDITIONS: BlockSchema = {
  precondition: { labels: 0, body: NONE },
  postcondition: { labels: 0, body: NONE },
};
const LIFECYCLE = { labels: 0, body: CONDITIONS };
const CONNECTION = { labels: 0, body: NONE };
const RESOURCE_BODY: BlockSchema = {
  lifecycle: LIFECYCLE,
  connection: CONNECTION,
  provisioner: { labels: 1, body: { connection: CONNECTION } },
  dynamic: { labels: 1, body: { content: { labels: 0, body: NONE } } },
};
const DATA_BODY: BlockSchema = { lifecycle: LIFECYCLE, dynamic: RESOURCE_BODY.dynamic };
/**
 * Terraform's top-level block types and their label counts. Inside bodies only the meta-blocks are known;
 * other objects become attributes holding an HclObject (the Terraform front end accepts an object attribute
 * wherever a nested block is expected, since JSON cannot tell the two apart).
 */
const TOP_LEVEL: BlockSchema = {
  resource: { labels: 2, body: RESOURCE_BODY },
  data: { labels: 2, body: DATA_BODY },
  ephemeral: { labels: 2, body: DATA_BODY },
  module: { labels: 1, body: NONE },
  variable: { labels: 1, body: { validation: { labels: 0, body: NONE } } },
  output: { labels: 1, body: CONDITIONS },
  provider: { labels: 1, body: NONE },
  locals: { labels: 0, body: NONE },
  terraform: {
    labels: 0,
    body: { backend: { labels: 1, body: NONE }, required_providers: { labels: 0, body: NONE }, cloud: { labels: 0, body: NONE } },
  },
  moved: { labels: 0, body: NONE },
  import: { labels: 0, body: NONE },
  removed: { labels: 0, body: { lifecycle: LIFECYCLE } },
  check: { labels: 1, body: { data: { labels: 2, body: DATA_BODY }, assert: { labels: 0, body: NONE } } },
};

class JsonToHcl {
  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly comments: HclComment[],
  ) {}

  bodyItems(object: JObject, schema: BlockSchema): (HclAttribute | HclBlock)[] {
    const items: (HclAttribute | HclBlock)[] = [];
    for (const entry of object.entries) {
      const name = entry.key.value;
      if (name === '//') {
        // HCL's JSON syntax reserves "//" properties for comments.
        const span = { start: entry.key.span.start, end: entry.value.span.end };
        this.comments.push({ text: this.text.slice(span.start, span.end), span });
        continue;
      }
      const block = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
      if (block !== undefined && (entry.value.kind === 'object' || entry.value.kind === 'array')) {
        this.blocks(name, entry.key.span, entry.key.span.start, [], block.labels, block.body, entry.value, items);
      } else {
        items.push({
          kind: 'attribute',
          name,
          nameSpan: entry.key.span,
          expr: this.expr(entry.value),
          span: { start: entry.key.span.start, end: entry.value.span.end },
        });
      }
    }
    return items;
  }

  /** Unfolds one label level per nested object; arrays at any level hold several blocks. */
  private blocks(
    type: string,
    typeSpan: Span,
    start: number,
    labels: HclLabel[],
    labelCount: number,
    body: BlockSchema,
    value: JValue,
    out: (HclAttribute | HclBlock)[],
  ): void {
    if (value.kind === 'array') {
      for (const item of value.items) this.blocks(type, typeSpan, start, labels, labelCount, body, item, out);
      return;
    }
    if (value.kind !== 'object') {
      this.problems.push(problem(value.span, `Expected an object for the '${type}' block`));
      return;
    }
    if (labels.length < labelCount) {
      for (const entry of value.entries) {
        if (entry.key.value === '//') continue;
        const label = { value: entry.key.value, span: entry.key.span };
        this.blocks(type, typeSpan, start, [...labels, label], labelCount, body, entry.value, out);
      }
      return;
    }
    const hclBody: HclBody = { items: this.bodyItems(value, body), span: value.span };
    out.push({ kind: 'block', type, typeSpan, labels, body: hclBody, span: { start, end: value.span.end } });
  }

  private expr(value: JValue): HclExpr {
    switch (value.kind) {
      case 'object':
        return {
          kind: 'object',
          items: value.entries.map((entry) => ({
            key: { kind: 'literal', value: entry.key.value, span: entry.key.span },
            value: this.expr(entry.value),
            span: { start: entry.key.span.start, end: entry.value.span.end },
          })),
          span: value.span,
        };
      case 'array':
        return { kind: 'tuple', items: value.items.map((item) => this.expr(item)), span: value.span };
      case 'string':
        return this.template(value);
      case 'scalar':
        return { kind: 'literal', value: value.value, span: value.span };
    }
  }

  /** A JSON string is an HCL template; spans inside map back through the JSON escapes. */
  private template(value: JString): HclTemplate {
    const content = value.value;
    const inner = value.span.start + 1;
    if (!content.includes('${') && !content.includes('%{')) {
      const end = this.text.charCodeAt(value.span.end - 1) === 34 && value.span.end > inner ? value.span.end - 1 : value.span.end;
      return { kind: 'template', parts: [{ kind: 'string', value: content, span: { start: inner, end } }], span: value.span };
    }
    const map = value.escaped ? contentOffsets(this.text, inner, content.length) : undefined;
    const result = parseTemplateContent(content, inner, map);
    for (const p of result.problems) this.problems.push(p);
    return { kind: 'template', parts: result.parts, span: value.span };
  }
}

/** For a JSON string whose content starts at `start`: the text offset of each decoded character (and the end). */
function contentOffsets(text: string, start: number, length: number): Int32Array {
  const map = new Int32Array(length + 1);
  let i = start;
  let k = 0;
  while (k < length) {
    map[k] = i;
    if (text.charCodeAt(i) === 92) {
      const [decoded, next] = decodeJsonEscape(text, i);
      const n = decoded === undefined ? next - i : decoded.length;
      for (let j = 1; j < n && k + j < length; j++) map[k + j] = i;
      k += Math.max(1, n);
      i = next;
    } else {
      k++;
      i++;
    }
  }
  map[length] = i;
  return map;
}
