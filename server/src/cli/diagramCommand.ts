// `hyperplane-lens diagram PATH --out topology.svg|topology.html`.

import { flag, UsageError, type ParsedArgs } from './args';
import type { LoadedWorkspace } from './loadWorkspace';

export async function diagramCommand(args: ParsedArgs, load: (args: ParsedArgs, paths: readonly string[]) => Promise<LoadedWorkspace>): Promise<number> {
  const out = flag(args, 'out');
  if (!out) throw new UsageError('diagram needs --out FILE (.svg or .html)');
  if (!/\.(svg|html)$/i.test(out)) throw new UsageError(`--out must end in .svg or .html (got '${out}')`);
  await load(args, args.positionals);
  throw new UsageError('diagram export is not available in this build yet');
}
