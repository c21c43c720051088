// State shared by every module instance of one root module while it is evaluated: the function library,
// problems (deduplicated by code and span), the error marks of unknowns, and side information such as the
// structured policy behind an `aws_iam_policy_document`'s JSON.

import type { Problem } from '../../model/origin';
import type { PolicyDocument } from '../../model/types';
import type { SourceView } from '../../syntax/sourceView';
import type { HclTemplatePart } from '../../syntax/hcl/ast';
import { parseTemplateContent } from '../../syntax/hcl/hclParser';
import type { Span } from '../../syntax/text';
import { errorValue, unknownValue, type EvalContext, type Scope } from './evaluator';
import type { TfFunction } from './functions/result';
import type { InstanceHandle, ModuleInstance } from './moduleInstance';
import { resolvePath, type ModuleTree } from './moduleTree';
import type { TfPlan } from './plan';
import { carryPolicyThroughJsonencode, carryPolicyThroughReplace, carryPolicyThroughTemplate } from './policy';
import type { TfObject, TfUnknown, TfValue } from './value';

export class TfSession implements EvalContext {
  readonly errors = new WeakSet<object>();
  /** The structured policy of a JSON value (string or unknown) produced by aws_iam_policy_document. */
  readonly policies = new WeakMap<object, PolicyDocument>();
  /** The JSON object behind such an unknown policy JSON, for merging (source_policy_documents) and replace(). */
  readonly policyValues = new WeakMap<object, TfObject>();
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

  /** The root module instance, set once made (lookups that walk every module, such as names.ts, start here). */
  root: ModuleInstance | undefined;

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

  /** Folders holding a Terraform file of the view, and every folder above a file of the view (lazy). */
  private folders: { readonly terraform: ReadonlySet<string>; readonly all: ReadonlySet<string> } | undefined;

  /**
   * fileexists(): true when the view holds the file. The view holds only the files of this root's unit, so
   * absence is proof only where the unit reads a whole folder: a file of a kind it reads by folder (.tf,
   * .tf.json, .tfvars, .tfvars.json, and the templates .tpl, .tftpl, .tmpl, owned by the Terraform folder
   * that holds them) in a folder that holds Terraform files of the view is false. Anything else absent (data
   * files, which a unit reads only when named, other folders, other kinds) is unknown, one problem per path.
   */
  fileExists(path: string, site: { readonly file: string; readonly span: Span }): boolean | TfUnknown {
    const abs = path.startsWith('/') ? resolvePath('/', path) : resolvePath(this.stack, path);
    if (this.view.text(abs) !== undefined) return true;
    const folders = (this.folders ??= foldersOf(this.view.paths));
    if (folders.all.has(abs)) return errorValue(this, `fileexists(): "${abs}" is a directory, not a file`);
    const slash = abs.lastIndexOf('/');
    const dir = slash <= 0 ? '/' : abs.slice(0, slash);
    if (readByFolder(abs) && folders.terraform.has(dir)) return false;
    const key = `tf-fileexists-unknown|${abs}`;
    if (!this.problemMap.has(key)) {
      this.problemMap.set(key, {
        code: 'tf-fileexists-unknown',
        severity: 'information',
        message: `fileexists() cannot tell whether ${abs} exists: the workspace files Hyperplane Lens loads for this root do not include it, and it is not a Terraform file or template in a folder of this configuration (which would be loaded if it existed).`,
        file: site.file,
        span: site.span,
      });
    }
    return unknownValue(`fileexists(): whether ${abs} exists is not known from the workspace files Hyperplane Lens loads`);
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

  /**
   * replace() on a policy JSON keeps its statements (the s3-bucket module's `_S3_BUCKET_ARN_` placeholders),
   * and so does jsonencode() of a policy object.
   */
  carry(name: string, args: readonly TfValue[], result: TfUnknown): void {
    if (name === 'replace') carryPolicyThroughReplace(this, args, result);
    else if (name === 'jsonencode') carryPolicyThroughJsonencode(this, args, result);
  }

  /** A heredoc policy JSON with an ARN known after apply keeps its statements wherever it is read. */
  carryTemplate(parts: readonly HclTemplatePart[], scope: Scope, result: TfUnknown): void {
    carryPolicyThroughTemplate(this, parts, scope, result);
  }

  idOf(address: string): string {
    return `${this.stack}::${address}`;
  }
}

/** Kinds a Terraform unit reads for every folder it holds, so their absence there means no such file. */
const READ_BY_FOLDER: readonly string[] = ['.tf', '.tf.json', '.tfvars', '.tfvars.json', '.tpl', '.tftpl', '.tmpl'];

function readByFolder(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return READ_BY_FOLDER.some((ext) => name.endsWith(ext));
}

/** One pass over the view's paths: folders with .tf/.tf.json files, and every folder above any file. */
function foldersOf(paths: readonly string[]): { terraform: Set<string>; all: Set<string> } {
  const terraform = new Set<string>();
  const all = new Set<string>();
  for (const p of paths) {
    const slash = p.lastIndexOf('/');
    const dir = slash <= 0 ? '/' : p.slice(0, slash);
    if (p.endsWith('.tf') || p.endsWith('.tf.json')) terraform.add(dir);
    for (let d = dir; !all.has(d); ) {
      all.add(d);
      if (d === '/') break;
      const i = d.lastIndexOf('/');
      d = i <= 0 ? '/' : d.slice(0, i);
    }
  }
  return { terraform, all };
}
