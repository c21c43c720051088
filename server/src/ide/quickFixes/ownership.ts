// Which files a quick fix may edit: the user's own code only. A module copy `terraform init` installed under
// .terraform/modules is not (init overwrites it), nor is a file outside the workspace folders.

import type { ModelObject } from '../../model/types';
import { readManifest, type ModuleManifest } from '../../frontends/terraform/moduleTree';

export interface OwnershipContext {
  readonly text: (file: string) => string | undefined;
  /** The host's extra rule (the language server: inside a workspace folder); absent: every file. */
  readonly editable?: (file: string) => boolean;
  /** The root module's manifest, when the host keeps them parsed (one publish reads each once); absent: parsed from `text`. */
  readonly manifest?: (root: string) => ModuleManifest | undefined;
}

/** Whether an edit may go into `file`: never under `.terraform/`, and only where the host allows. */
export function isUserCode(ctx: OwnershipContext, file: string): boolean {
  return !file.includes('/.terraform/') && (ctx.editable?.(file) ?? true);
}

/** One `module` call on the path from the root module to a resource. */
export interface ModuleStep {
  readonly name: string;
  /** The call's address with instance key: `module.a`, `module.a.module.b["x"]`. */
  readonly address: string;
  /** Whether the call has an instance key (`count` or `for_each` on the module block). */
  readonly keyed: boolean;
}

/** `module.a.module.b[0].aws_x.y` → the steps `module.a` and `module.a.module.b[0]`. */
export function moduleSteps(address: string): ModuleStep[] {
  const steps: ModuleStep[] = [];
  const step = /module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./y;
  let m: RegExpExecArray | null;
  while ((m = step.exec(address)) !== null && m[1] !== undefined) steps.push({ name: m[1], address: address.slice(0, step.lastIndex - 1), keyed: m[2] !== undefined });
  return steps;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i <= 0 ? '/' : file.slice(0, i);
}

/** The module call at which a resource leaves the user's code: the first call on its path whose code is not theirs. */
export interface ForeignModule {
  readonly step: ModuleStep;
  /** Whether this call is the resource's own module (the resource is not in a module nested inside it). */
  readonly direct: boolean;
  /** The folder of the user's code holding the `module` block, when known. */
  readonly callerDir: string | undefined;
  /** The folder the module's code is read from. */
  readonly dir: string;
  /** Installed by `terraform init` (registry, git…): where from, and into which folder of the root module. */
  readonly installed: { readonly source: string; readonly version: string | undefined; readonly rawDir: string } | undefined;
}

/**
 * Why `object` (declared in code the user does not own) cannot be edited, naming the module it comes from, and
 * that module call. Terraform objects only; for others the module is undefined and the reason names the file.
 */
export function foreignDeclaration(ctx: OwnershipContext, object: ModelObject): { readonly reason: string; readonly module: ForeignModule | undefined } {
  const module = /\.tf(\.json)?$/.test(object.origin.file) ? foreignModuleOf(ctx, object) : undefined;
  if (!module) return { reason: `${object.address} is declared in ${object.origin.file}, outside the workspace folders, so its quick fix is not offered here`, module };
  const inputs = `make this change through the inputs of ${module.step.address} (its \`module "${module.step.name}"\` block) or in the module's own source`;
  if (module.installed) {
    const from = `${module.installed.source || 'its source'}${module.installed.version ? ` ${module.installed.version}` : ''}`;
    return { reason: `${object.address} comes from ${module.step.address}, which \`terraform init\` installed from ${from} into ${module.installed.rawDir}; init overwrites that copy, so ${inputs}`, module };
  }
  return { reason: `${object.address} comes from ${module.step.address}, whose code in ${module.dir} is outside the workspace folders; ${inputs}`, module };
}

/** The module call at which a Terraform object leaves the user's code; undefined when it is their code all the way. */
export function foreignModuleOf(ctx: OwnershipContext, object: ModelObject): ForeignModule | undefined {
  const steps = moduleSteps(object.address);
  if (steps.length === 0) return undefined;
  const manifest = ctx.manifest ? ctx.manifest(object.stack) : readManifest(ctx, object.stack);
  let callerDir: string | undefined = object.stack;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (!step) break;
    const entry = manifest?.get(steps.slice(0, i + 1).map((s) => s.name).join('.'));
    const last = i === steps.length - 1;
    // Without a manifest entry only the resource's own module is known: the folder of its file.
    const dir = entry?.dir ?? (last ? dirOf(object.origin.file) : undefined);
    if (dir !== undefined && !isUserCode(ctx, `${dir}/`)) {
      const installed = entry && entry.dir.includes('/.terraform/') ? { source: entry.source, version: entry.version, rawDir: entry.rawDir } : undefined;
      return { step, direct: last, callerDir, dir, installed };
    }
    callerDir = dir;
  }
  return undefined;
}
