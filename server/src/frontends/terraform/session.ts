// State shared by every module instance of one root module while it is evaluated: the function library,
// problems (deduplicated by code and span), the error marks of unknowns, and side information such as the
// structured policy behind an `aws_iam_policy_document`'s JSON.

import type { Problem } from '../../model/origin';
import type { PolicyDocument } from '../../model/types';
import type { SourceView } from '../../syntax/sourceView';
import type { HclTemplatePart } from '../../syntax/hcl/ast';
import { parseTemplateContent } from '../../syntax/hcl/hclParser';
import type { Span } from '../../syntax/text';
import { unknownValue, type EvalContext } from './evaluator';
import type { TfFunction } from './functions/result';
import type { InstanceHandle } from './moduleInstance';
import { resolvePath, type ModuleTree } from './moduleTree';
import type { TfPlan } from './plan';
import type { TfUnknown, TfValue } from './value';

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

  /** The Region assumed where a provider configuration sets none (CLI flag, editor setting). */
  fallbackRegion: string | undefined;

  /** Resolved values from a plan or state file of this root (`terraform show -json`), if the view has one. */
  plan: TfPlan | undefined;

  report(problem: Problem): void {
    const key = `${problem.code}|${problem.file}|${problem.span.start}|${problem.span.end}`;
    if (!this.problemMap.has(key)) this.problemMap.set(key, problem);
  }

  /**
   * file()/templatefile(): paths are relative to the root module (Terraform's working directory). A file the
   * view does not hold is unknown, with one information problem per file (not per call).
   */
  readFile(path: string, site: { readonly file: string; readonly span: Span }): string | TfUnknown {
    const abs = path.startsWith('/') ? resolvePath('/', path) : resolvePath(this.stack, path);
    const text = this.view.text(abs);
    if (text !== undefined) return text;
    const key = `tf-file-unread|${abs}`;
    if (!this.problemMap.has(key)) {
      this.problemMap.set(key, {
        code: 'tf-file-unread',
        severity: 'information',
        message: `${abs} is read by file() or templatefile() but is not in the workspace, or not a kind of file Hyperplane Lens loads (.tf, .tfvars, .json, .yaml, .tpl, .tftpl, .tmpl); values built from it are unknown.`,
        file: site.file,
        span: site.span,
      });
    }
    return unknownValue(`${abs} is not among the workspace files Hyperplane Lens loads`);
  }

  private readonly templates = new Map<string, readonly HclTemplatePart[] | TfUnknown>();

  template(path: string, text: string): readonly HclTemplatePart[] | TfUnknown {
    let parsed = this.templates.get(path);
    if (!parsed) {
      const { parts, problems } = parseTemplateContent(text, 0, undefined);
      parsed = problems.length > 0 ? unknownValue(`the template ${path} has a syntax error: ${problems[0]?.message ?? ''}`) : parts;
      this.templates.set(path, parsed);
    }
    return parsed;
  }

  idOf(address: string): string {
    return `${this.stack}::${address}`;
  }
}
