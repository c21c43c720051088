// Collects the entries of the open JSON objects / YAML mappings (and the items of open sequences) on shared
// stacks, finds duplicate keys in linear time (CloudFormation rejects a template whose object repeats a key),
// and hands each finished collection an exactly sized array. Shared by both data readers.

import type { DataEntry, DataScalar } from '../data/ast';
import type { SyntaxProblem } from '../text';

/** Small maps are scanned linearly; beyond this many entries a Map index avoids quadratic work. */
const INDEX_THRESHOLD = 8;
/** Longest child array built with `new Array(n)` (V8 keeps fast elements well beyond this). */
const MAX_CONSTRUCTED_LENGTH = 10000;

/**
 * A stack of the children of the collections being read, innermost on top. Why a shared stack rather than
 * an array per collection: a growing array over-allocates (a 2-entry map gets room for 17) and leaves its
 * outgrown copies behind; for a template whose tree is kept, that slack is copied by every GC it survives.
 * Here the children go to one reused array, and `close` copies them into an array of exactly their number.
 * Collections nest strictly (a child collection closes before its parent continues), so one stack serves all.
 */
export class ChildStack<T> {
  private readonly items: T[] = [];
  /** Used length of `items`: slots above it hold stale children and are overwritten (no shrinking churn). */
  private top = 0;

  /** Starts a collection; pass the result to `close`. */
  open(): number {
    return this.top;
  }

  push(item: T): void {
    this.items[this.top++] = item;
  }

  /** Children pushed since `open` returned base. */
  count(base: number): number {
    return this.top - base;
  }

  at(index: number): T {
    // Callers pass indices below `top`, which `push` has filled; a check here would run once per entry.
    return this.items[index]!;
  }

  /** Ends the collection opened at base and returns its children. */
  close(base: number): T[] {
    // `new Array(n)` rather than `slice`: the constructor call has an allocation site, so V8 can learn that
    // these arrays live long and allocate them directly in the old generation, as it does for the nodes.
    // Very long arrays would get slow dictionary elements from the constructor; `slice` keeps them fast.
    const n = this.top - base;
    let out: T[];
    if (n > MAX_CONSTRUCTED_LENGTH) {
      out = this.items.slice(base, this.top);
    } else {
      out = new Array<T>(n);
      // base + i < top: every slot was filled by `push` (no check in this per-child copy loop).
      for (let i = 0; i < n; i++) out[i] = this.items[base + i]!;
    }
    this.top = base;
    return out;
  }
}

/** The entries of the open maps, with duplicate-key detection per map. */
export class EntryStack {
  private readonly stack = new ChildStack<DataEntry>();
  /** Name index of each open map that outgrew the linear scan, keyed by the map's base. */
  private readonly indexes = new Map<number, Map<string, DataScalar>>();

  open(): number {
    return this.stack.open();
  }

  /** Appends the entry to the map opened at base; returns the key of an earlier entry with the same name, if any. */
  add(base: number, entry: DataEntry): DataScalar | undefined {
    const name = keyName(entry.key);
    const count = this.stack.count(base);
    let earlier: DataScalar | undefined;
    const index = count > INDEX_THRESHOLD ? this.indexes.get(base) : undefined;
    if (index !== undefined) {
      earlier = index.get(name);
      if (earlier === undefined) index.set(name, entry.key);
    } else {
      for (let i = base; i < base + count; i++) {
        const key = this.stack.at(i).key;
        if (keyName(key) === name) {
          earlier = key;
          break;
        }
      }
      if (count + 1 > INDEX_THRESHOLD) {
        const built = new Map<string, DataScalar>();
        for (let i = base; i < base + count; i++) {
          const key = this.stack.at(i).key;
          const n = keyName(key);
          if (!built.has(n)) built.set(n, key);
        }
        if (!built.has(name)) built.set(name, entry.key);
        this.indexes.set(base, built);
      }
    }
    this.stack.push(entry);
    return earlier;
  }

  close(base: number): DataEntry[] {
    if (this.stack.count(base) > INDEX_THRESHOLD) this.indexes.delete(base);
    return this.stack.close(base);
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
