// Why a value is unknown, worded for a person. A short chain reads as prose ("cidrsubnet: prefix is unknown
// because var.cidr has no default"); a long one puts its root cause first and then the steps that carried it
// ("the CIDR entries of … are read from AWS at plan time (through length → range → zipmap → for → concat)"),
// as a reader wants the cause, not five clauses of plumbing before it.

/** "because" links kept as prose; a longer chain is reworded root cause first. */
const PROSE_LINKS = 2;
const THROUGH = / \(through ([^()]*)\)$/;

/** `what` (the outer step, "concat: argument 2 is unknown") because `inner` (the cause's own reason). */
export function chainedReason(what: string, inner: string): string {
  const longer = withStep(inner, what);
  if (longer !== undefined) return longer;
  const links = inner.split(' because ');
  const root = links.pop();
  if (root === undefined || links.length + 1 <= PROSE_LINKS) return `${what} because ${inner}`;
  const steps = [what, ...links].reverse().map(stepName);
  return `${root} (through ${steps.join(' → ')})`;
}

/** `what: inner` (a construct that passes an unknown on, as a for expression over an unknown collection). */
export function prefixedReason(what: string, inner: string): string {
  return withStep(inner, what) ?? `${what}: ${inner}`;
}

/** An `inner` already worded root cause first, with `what` as its outermost step; undefined for prose. */
function withStep(inner: string, what: string): string | undefined {
  const through = THROUGH.exec(inner);
  return through ? `${inner.slice(0, through.index)} (through ${through[1]} → ${stepName(what)})` : undefined;
}

/**
 * A step's short name: the function or construct names of "concat: argument 2 is unknown" ("concat") or "the for
 * expression iterates over an unknown collection: zipmap: keys is unknown" ("for → zipmap"); else the segment.
 */
function stepName(segment: string): string {
  const parts = segment.split(': ');
  const short = (p: string): string => (p.startsWith('the for expression') ? 'for' : p);
  if (parts.length === 1) return short(segment.replace(/ is unknown$/, ''));
  return parts.slice(0, -1).map(short).join(' → ');
}
