// A SourceView over the session's current files: what the front ends read. Immutable once made; a new
// snapshot is made for every analysis, sharing the parse cache and the line indexes (kept per text, so the
// editor converts spans of an unchanged file without rescanning it after every edit).

import type { DataFile } from '../syntax/data/ast';
import type { HclFile } from '../syntax/hcl/ast';
import type { SourceView } from '../syntax/sourceView';
import { LineIndex } from '../syntax/text';
import type { ParseCache } from './parseCache';
import { PerText } from './perText';

export class SourceSnapshot implements SourceView {
  constructor(
    readonly paths: readonly string[],
    private readonly texts: ReadonlyMap<string, string>,
    private readonly cache: ParseCache,
    private readonly lineIndexes: PerText<LineIndex> = new PerText<LineIndex>(),
  ) {}

  /** The file's line index, built once per text. */
  lines(path: string): LineIndex | undefined {
    const text = this.texts.get(path);
    return text === undefined ? undefined : this.lineIndexes.get(path, text, () => new LineIndex(text));
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  hcl(path: string): HclFile | undefined {
    const text = this.texts.get(path);
    return text === undefined ? undefined : this.cache.hcl(path, text);
  }

  data(path: string): DataFile | undefined {
    const text = this.texts.get(path);
    return text === undefined ? undefined : this.cache.data(path, text);
  }
}
