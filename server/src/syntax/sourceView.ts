// The read-only snapshot of a workspace that front ends read from. The workspace layer implements it over
// open documents and files on disk with a per-file parse cache; tests implement it over in-memory text.
// Front ends never do IO themselves: everything they read comes through this view.

import type { DataFile } from './data/ast';
import type { HclFile } from './hcl/ast';

export interface SourceView {
  /** Every file in the snapshot (absolute paths, '/' separators), sorted. */
  readonly paths: readonly string[];
  /** The file's text, or undefined if the snapshot does not hold it. */
  text(path: string): string | undefined;
  /** The HCL tree of a .tf, .tfvars, .tf.json or .tfvars.json file (cached per file version). */
  hcl(path: string): HclFile | undefined;
  /** The data tree of a .yaml, .yml, .json or .template file (cached per file version). */
  data(path: string): DataFile | undefined;
}
