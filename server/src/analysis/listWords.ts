// Lists in message prose: "a", "a and b", "a, b and c"; long ones cut to a few names and a count.

export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/**
 * The first `shown` items and a count of the rest ("a, b, c and 13 more"); all of them when at most one would
 * be left out (naming it costs no more than counting it).
 */
export function someWords(items: readonly string[], shown: number): string {
  if (items.length <= shown + 1) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** A count with its noun: "1 function", "3 functions", "0 functions" ("2 Hyperplane ENIs", not "ENI(s)"). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
