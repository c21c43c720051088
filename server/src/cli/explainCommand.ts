// `hyperplane-lens explain FUNCTION --to DESTINATION`: one function's paths as text. DESTINATION is any of its
// destinations, a target of the workspace or an AWS service: one it does not need is computed on demand.

import { destinationAnswer, explainMarkdown, findFunctionReport, functionsEndingWith, markdownToText } from '../ide/explain';
import { flag, UsageError, type ParsedArgs } from './args';
import type { LoadedWorkspace } from './loadWorkspace';

export async function explainText(args: ParsedArgs, load: (args: ParsedArgs, paths: readonly string[]) => Promise<LoadedWorkspace>): Promise<number> {
  const [fn, ...rest] = args.positionals;
  if (!fn) throw new UsageError("explain needs a FUNCTION (Terraform address or CloudFormation logical id)");
  // --path is accepted (repeatable) as another way to give the PATH arguments; it used to be read and dropped.
  const loaded = await load(args, [...rest, ...(args.flags.get('path') ?? [])]);
  const { result } = loaded.analysis;
  const model = loaded.analysis.model;
  const report = findFunctionReport(result, model, fn);
  if (!report) {
    const known = result.functions.map((f) => model.get(f.function)?.address ?? f.function);
    const several = functionsEndingWith(result, model, fn).map((f) => model.get(f.function)?.address ?? f.function);
    if (several.length > 1) throw new UsageError(`'${fn}' names several functions: ${several.join(', ')}; give the whole address`);
    throw new UsageError(`no function '${fn}' in the workspace${known.length ? ` (known: ${known.slice(0, 20).join(', ')})` : ''}`);
  }
  const to = flag(args, 'to');
  const answer = to === undefined ? undefined : destinationAnswer(model, report, to);
  if (answer?.kind === 'unknown') throw new UsageError(answer.message);
  process.stdout.write(markdownToText(explainMarkdown(result, model, report, answer)) + '\n');
  const reach = answer === undefined ? report.reach : [answer.reach];
  return reach.some((r) => r.status === 'no') ? 1 : 0;
}
