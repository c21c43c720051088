// State shared by every module instance of one root module while it is evaluated: the function library,
// problems (deduplicated by code and span), the error marks of unknowns, and side information such as the
// structured policy behind an `aws_iam_policy_document`'s JSON.

import type { Problem } from '../../model/origin';
import type { PolicyDocument } from '../../model/types';
import type { SourceView } from '../../syntax/sourceView';
import type { EvalContext } from './evaluator';
import type { TfFunction } from './functions/result';
import type { InstanceHandle } from './moduleInstance';
import type { ModuleTree } from './moduleTree';
import type { TfValue } from './value';

export class TfSession implements EvalContext {
  readonly errors = new WeakSet<object>();
  /** The structured policy of a JSON value (string or unknown) produced by aws_iam_policy_document. */
  readonly policies = new WeakMap<object, PolicyDocument>();
  /** Every resource instance created so far, by model id (to read a referenced resource's arguments). */
  readonly instances = new Map<string, InstanceHandle>();
  private readonly problemMap: Map<string, Problem>;

  constructor(
    readonly view: SourceView,
    readonly tree: ModuleTree,
    readonly functions: ReadonlyMap<string, TfFunction>,
    /** The root module folder: the model's stack and the prefix of every id. */
    readonly stack: string,
    problems: Map<string, Problem>,
  ) {
    this.problemMap = problems;
  }

  /** The Region of the root's default aws provider, set once the root is known. */
  region: TfValue = null;

  report(problem: Problem): void {
    const key = `${problem.code}|${problem.file}|${problem.span.start}|${problem.span.end}`;
    if (!this.problemMap.has(key)) this.problemMap.set(key, problem);
  }

  idOf(address: string): string {
    return `${this.stack}::${address}`;
  }
}
