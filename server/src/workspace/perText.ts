// A per-file fact computed from the file's text and kept until the text changes (the text string is the key).

export class PerText<T> {
  private readonly entries = new Map<string, { readonly text: string; readonly value: T }>();

  get(path: string, text: string, compute: () => T): T {
    const cached = this.entries.get(path);
    if (cached && cached.text === text) return cached.value;
    const value = compute();
    this.entries.set(path, { text, value });
    return value;
  }

  /** Drops a removed file's entry, so a closed or deleted file's value is not kept alive. */
  forget(path: string): void {
    this.entries.delete(path);
  }
}
