// Test helper: lists the places where a data tree's spans do not nest (a child, key, value or tag outside
// its parent's span, or a span ending before it starts); an empty list means the tree is well formed.

import type { DataNode } from '../../../../server/src/syntax/data/ast';
import type { Span } from '../../../../server/src/syntax/text';

export function spanNestingErrors(node: DataNode, out: string[] = []): string[] {
  const inside = (outer: Span, inner: Span, what: string): void => {
    if (inner.start > inner.end || inner.start < outer.start || inner.end > outer.end) {
      out.push(`${what} [${inner.start}, ${inner.end}) outside [${outer.start}, ${outer.end})`);
    }
  };
  if (node.tag !== undefined) inside(node.span, node.tag.span, 'tag');
  switch (node.kind) {
    case 'map':
      for (const entry of node.entries) {
        inside(node.span, entry.span, 'entry');
        inside(entry.span, entry.key.span, 'key');
        inside(entry.span, entry.value.span, 'value');
        spanNestingErrors(entry.key, out);
        spanNestingErrors(entry.value, out);
      }
      break;
    case 'seq':
      for (const item of node.items) {
        inside(node.span, item.span, 'item');
        spanNestingErrors(item, out);
      }
      break;
    case 'scalar':
      break;
  }
  return out;
}
