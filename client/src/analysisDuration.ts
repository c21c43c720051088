// How the status bar's tooltip words the last analysis time: an analysis served from the cache rounds to
// 0 ms, which reads as "did not run"; it says "under 1 ms" instead.

export function analysisDurationText(ms: number): string {
  return ms < 1 ? 'under 1 ms' : `${Math.round(ms)} ms`;
}
