// Collects the entries of one JSON object or YAML mapping and finds duplicate keys in linear time
// (CloudFormation rejects a template whose object repeats a key), shared by both data readers.

import type { DataEntry, DataScalar } from '../data/ast';
import type { SyntaxProblem } from '../text';

/** Small maps are scanned linearly; beyond this many entries a Map index avoids quadratic work. */
const INDEX_THRESHOLD = 8;

export class EntryList {
  readonly entries: DataEntry[] = [];
  private index: Map<string, DataScalar> | undefined;

  /** Appends the entry and returns the key of an earlier entry with the same name, if any. */
  add(entry: DataEntry): DataScalar | undefined {
    const name = keyName(entry.key);
    let earlier: DataScalar | undefined;
    if (this.index !== undefined) {
      earlier = this.index.get(name);
      if (earlier === undefined) this.index.set(name, entry.key);
    } else {
      for (const e of this.entries) {
        if (keyName(e.key) === name) {
          earlier = e.key;
          break;
        }
      }
      if (this.entries.length + 1 > INDEX_THRESHOLD) {
        const index = new Map<string, DataScalar>();
        for (const e of this.entries) {
          const n = keyName(e.key);
          if (!index.has(n)) index.set(n, e.key);
        }
        if (!index.has(name)) index.set(name, entry.key);
        this.index = index;
      }
    }
    this.entries.push(entry);
    return earlier;
  }
}

function keyName(key: DataScalar): string {
  return typeof key.value === 'string' ? key.value : String(key.value);
}

/** The 'duplicate-key' problem on the second key, naming the key and the (1-based) line of the first. */
export function duplicateKeyProblem(text: string, first: DataScalar, second: DataScalar): SyntaxProblem {
  let line = 1;
  for (let i = 0; i < first.span.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return {
    code: 'duplicate-key',
    severity: 'error',
    message: `Duplicate key '${keyName(second)}': it is already defined on line ${line} (CloudFormation rejects duplicate keys).`,
    span: second.span,
  };
}
