// A body's arguments by name (the first of duplicates), read from the body's own items: a small body is
// searched in place, so declaring a resource allocates no map (the front end reads a few names of each).

import type { HclAttribute, HclBody } from '../../syntax/hcl/ast';

/** Bodies with more items than this are indexed in a Map on the first lookup. */
const SCAN_LIMIT = 16;

export class BodyAttributes implements ReadonlyMap<string, HclAttribute> {
  private index: Map<string, HclAttribute> | undefined;

  constructor(private readonly items: HclBody['items']) {}

  get(name: string): HclAttribute | undefined {
    const items = this.items;
    if (items.length > SCAN_LIMIT) return this.indexed().get(name);
    for (const item of items) if (item.kind === 'attribute' && item.name === name) return item;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  get size(): number {
    return this.indexed().size;
  }

  keys(): MapIterator<string> {
    return this.indexed().keys();
  }

  values(): MapIterator<HclAttribute> {
    return this.indexed().values();
  }

  entries(): MapIterator<[string, HclAttribute]> {
    return this.indexed().entries();
  }

  [Symbol.iterator](): MapIterator<[string, HclAttribute]> {
    return this.indexed().entries();
  }

  forEach(callback: (value: HclAttribute, key: string, map: ReadonlyMap<string, HclAttribute>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.indexed()) callback.call(thisArg, v, k, this);
  }

  /** Iteration (rare: module inputs, whole-resource values) goes through a Map in source order. */
  private indexed(): Map<string, HclAttribute> {
    if (this.index) return this.index;
    const out = new Map<string, HclAttribute>();
    for (const item of this.items) if (item.kind === 'attribute' && !out.has(item.name)) out.set(item.name, item);
    this.index = out;
    return out;
  }
}
