// Long addresses in the details pane wrap where a name starts (after `.`, `/` or `:`, before `[`) instead of
// being cut off behind a horizontal scrollbar or broken inside a name.

/** `text` cut into pieces after which a line may break; joined they are `text`. */
export function breakableSegments(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (((c === '.' || c === '/' || c === ':') && next !== undefined && next !== ' ' && next !== '.') || (next === '[' && i + 1 > start)) {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The nodes for `text` with a <wbr> at each break opportunity. */
export function wrappableNodes(text: string): Node[] {
  const nodes: Node[] = [];
  for (const [i, piece] of breakableSegments(text).entries()) {
    if (i > 0) nodes.push(document.createElement('wbr'));
    nodes.push(document.createTextNode(piece));
  }
  return nodes;
}
