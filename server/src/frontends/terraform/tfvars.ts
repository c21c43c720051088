// Root-module variable values from .tfvars files, in Terraform's order: terraform.tfvars,
// terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then the -var-file equivalents; later wins.

import type { Problem } from '../../model/origin';
import type { SourceView } from '../../syntax/sourceView';
import { evaluate, makeScope, type ModuleScope } from './evaluator';
import { resolvePath } from './moduleTree';
import type { TfValue } from './value';

export function varFilesOf(view: SourceView, root: string, extra: readonly string[] | undefined): string[] {
  const prefix = `${root === '/' ? '' : root}/`;
  const auto: string[] = [];
  let plain: string | undefined;
  let json: string | undefined;
  for (const path of view.paths) {
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length) >= 0) continue;
    const name = path.slice(prefix.length);
    if (name === 'terraform.tfvars') plain = path;
    else if (name === 'terraform.tfvars.json') json = path;
    else if (name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')) auto.push(path);
  }
  auto.sort();
  const files = [plain, json, ...auto].filter((p): p is string => p !== undefined);
  for (const f of extra ?? []) files.push(resolvePath(root, f));
  return files;
}

/** Evaluates every assignment of the var files (constants only; a reference is an error in Terraform too). */
export function readVarFiles(view: SourceView, files: readonly string[], mod: ModuleScope, report: (p: Problem) => void, declared: ReadonlySet<string>): Map<string, TfValue> {
  const values = new Map<string, TfValue>();
  for (const file of files) {
    const hcl = view.hcl(file);
    if (!hcl) {
      report({ code: 'tf-var-file-missing', severity: 'warning', message: `The variable file ${file} is not in the workspace.`, file, span: { start: 0, end: 0 } });
      continue;
    }
    for (const item of hcl.body.items) {
      if (item.kind !== 'attribute') continue;
      if (!declared.has(item.name)) {
        report({ code: 'tf-undeclared-variable', severity: 'warning', message: `A value is set for variable "${item.name}", which the root module does not declare.`, file, span: item.nameSpan });
        continue;
      }
      values.set(item.name, evaluate(item.expr, makeScope(mod, file)));
    }
  }
  return values;
}
