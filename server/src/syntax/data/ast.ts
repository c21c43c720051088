// The data tree produced by the YAML reader (yaml/yamlParser.ts) and the JSON reader (json/jsonParser.ts):
// maps, sequences and scalars with exact spans and YAML tags (CloudFormation's `!Ref`, `!Sub`, …).
// Contract: readers never throw; a broken file yields the part that could be read plus problems.

import type { Span, SyntaxProblem } from '../text';

export interface DataFile {
  /** The first (CloudFormation uses only one) document's root, or undefined for an empty file. */
  readonly root: DataNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /** Comments (YAML `#…`), in source order, for suppression comments. JSON has none. */
  readonly comments: readonly { readonly text: string; readonly span: Span }[];
  readonly syntax: 'yaml' | 'json';
}

export type DataNode = DataMap | DataSeq | DataScalar;

export interface DataTag {
  /** As written, e.g. `!Ref`, `!GetAtt`, `!!str`. */
  readonly name: string;
  readonly span: Span;
  /**
   * A memo slot, not data: the tagged node without its tag (a CloudFormation intrinsic's argument), filled on
   * first use by frontends/cloudformation/template.ts. The reader creates every tag with the slot (undefined)
   * so tags keep one shape; a memo on the node itself is cheaper than a WeakMap, which every re-analysis paid.
   */
  readonly untagged?: DataNode | undefined;
}

export interface DataMap {
  readonly kind: 'map';
  readonly entries: readonly DataEntry[];
  readonly tag: DataTag | undefined;
  readonly span: Span;
}

export interface DataEntry {
  readonly key: DataScalar;
  /** A key without a value (`Key:` then nothing) holds a null scalar spanning zero characters after the colon. */
  readonly value: DataNode;
  /** From the key to the end of the value. */
  readonly span: Span;
}

export interface DataSeq {
  readonly kind: 'seq';
  readonly items: readonly DataNode[];
  readonly tag: DataTag | undefined;
  readonly span: Span;
}

export interface DataScalar {
  readonly kind: 'scalar';
  /**
   * Resolved value. YAML plain scalars: booleans follow YAML 1.1 as CloudFormation does (true/false/yes/no/
   * on/off in lower, Title and UPPER case), null is `~`/`null`/`Null`/`NULL`/empty, numbers follow the YAML 1.2
   * core schema (decimal, `0x`, `0o`, floats, `.inf`, `.nan`); everything else is a string. Quoted and block
   * scalars, mapping keys and scalars with a local tag (`!Ref x`) are strings. JSON scalars map to their JSON
   * values. See yamlParser.ts for the reasoning.
   */
  readonly value: string | number | boolean | null;
  /**
   * The text as written, set only when a plain YAML scalar or a JSON number resolved to a non-string
   * (`010`, `1.10`, `yes`, `~`): CloudFormation passes most values on as strings, and `String(value)` would
   * lose the original spelling.
   */
  readonly raw?: string;
  /** How it was written: plain, 'single', "double", | literal, > folded, or a JSON token. */
  readonly style: 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';
  readonly tag: DataTag | undefined;
  readonly span: Span;
}
