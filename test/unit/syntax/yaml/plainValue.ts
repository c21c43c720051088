// Test helper: renders a data tree as plain JSON-like values (tags as {"!Tag": value}) for compact assertions.

import type { DataNode } from '../../../../server/src/syntax/data/ast';

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

export function plainValue(node: DataNode | undefined): Plain {
  if (node === undefined) return null;
  let value: Plain;
  switch (node.kind) {
    case 'map': {
      const o: { [key: string]: Plain } = {};
      for (const e of node.entries) o[String(e.key.value)] = plainValue(e.value);
      value = o;
      break;
    }
    case 'seq':
      value = node.items.map(plainValue);
      break;
    case 'scalar':
      value = node.value;
      break;
  }
  return node.tag === undefined ? value : { [node.tag.name]: value };
}
