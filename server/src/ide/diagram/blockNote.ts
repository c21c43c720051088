// The note on the last edge of a blocked path (its hover text) and reading it back: "<destination>: <where it
// is blocked>\nFix: <first fix>". The details pane shows the where once per group of AZs and the fixes apart.

const fixPrefix = '\nFix: ';

export function blockNote(label: string, where: string, fix: string | undefined): string {
  return `${label}: ${where}${fix === undefined ? '' : `${fixPrefix}${fix}`}`;
}

/** Where a note says the path is blocked, without the destination's label and the fix. */
export function blockedWhere(note: string, label: string): string {
  const end = note.indexOf(fixPrefix);
  const head = end < 0 ? note : note.slice(0, end);
  return head.startsWith(`${label}: `) ? head.slice(label.length + 2) : head;
}
