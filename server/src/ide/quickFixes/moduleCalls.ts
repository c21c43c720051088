// Where a finding's objects leave the user's code: for an object declared in a module the user does not own
// (installed by `terraform init`, or outside the workspace folders), the user's own `module` block that calls
// it, with a note that the change goes through that call's inputs. Diagnostics (editor and CLI) carry the
// notes as related locations, and the language server offers to reveal the block.

import type { Finding } from '../../analysis/types';
import { readManifest, type ModuleManifest } from '../../frontends/terraform/moduleTree';
import type { NetworkModel } from '../../model/network';
import type { Id, ModelObject } from '../../model/types';
import type { HclBlock, HclFile } from '../../syntax/hcl/ast';
import type { Span } from '../../syntax/text';
import { targetOf } from './changeTarget';
import { foreignModuleOf, isUserCode, type ForeignModule, type OwnershipContext } from './ownership';
import { listWords } from '../../analysis/listWords';

export interface ModuleCallContext extends OwnershipContext {
  readonly model: Pick<NetworkModel, 'get' | 'canonical'>;
  readonly hcl: (file: string) => HclFile | undefined;
  /** Every file of the snapshot: the user's `module` block is looked up among them. */
  readonly paths: readonly string[];
}

/** A related location of a diagnostic: the user's `module` block through which foreign objects are changed. */
export interface ModuleCallNote {
  /** The user's file holding the block, and the block's header (`module "name"`). */
  readonly file: string;
  readonly span: Span;
  /** The block's label. */
  readonly name: string;
  readonly message: string;
}

/** The `.tf` files directly in `dir`, from `paths`. */
export function tfFilesIn(paths: readonly string[], dir: string): string[] {
  const prefix = `${dir}/`;
  return paths.filter((p) => p.startsWith(prefix) && p.endsWith('.tf') && !p.includes('/', prefix.length));
}

/** The `module "name"` block of `module`'s step in the user's code (its caller's folder), if there is one. */
export function moduleCallBlock(
  ctx: OwnershipContext & { readonly hcl: (file: string) => HclFile | undefined },
  files: readonly string[],
  module: ForeignModule,
): { readonly file: string; readonly block: HclBlock } | undefined {
  for (const file of files) {
    if (!isUserCode(ctx, file)) continue;
    const block = ctx.hcl(file)?.body.items.find((i): i is HclBlock => i.kind === 'block' && i.type === 'module' && i.labels[0]?.value === module.step.name);
    if (block) return { file, block };
  }
  return undefined;
}

/**
 * The notes of findings over one snapshot. Keeps the manifests it parsed and the `.tf` files by folder, so
 * the findings of a whole publish cost one pass over the paths, and only when some object is foreign.
 */
export class ModuleCallNotes {
  private readonly ownership: OwnershipContext & { readonly hcl: (file: string) => HclFile | undefined };
  private readonly manifests = new Map<string, ModuleManifest | undefined>();
  private filesByDir: Map<string, string[]> | undefined;

  constructor(private readonly ctx: ModuleCallContext) {
    this.ownership = { text: ctx.text, hcl: ctx.hcl, editable: ctx.editable, manifest: (root) => this.manifestOf(root) };
  }

  /** One note per `module` call through which the finding's foreign objects (subject, related, fix targets) change. */
  of(finding: Finding): ModuleCallNote[] {
    const ids: Id[] = [];
    for (const r of finding.related) if (r.component !== null) ids.push(r.component);
    for (const fix of finding.fixes) {
      for (const change of fix.changes) {
        const target = targetOf(change);
        if (target !== null) ids.push(target);
      }
    }
    ids.push(finding.subject);
    let calls: Map<string, { module: ForeignModule; objects: string[] }> | undefined;
    const seen = new Set<Id>();
    for (const id of ids) {
      const canonical = this.ctx.model.canonical(id);
      if (seen.has(canonical)) continue;
      seen.add(canonical);
      const object = this.ctx.model.get(canonical);
      if (!object || isUserCode(this.ownership, object.origin.file) || !/\.tf(\.json)?$/.test(object.origin.file)) continue;
      const module = foreignModuleOf(this.ownership, object);
      if (!module || module.callerDir === undefined) continue;
      const key = `${module.callerDir}\0${module.step.address}`;
      calls ??= new Map();
      const call = calls.get(key);
      if (call) call.objects.push(localAddress(object, module));
      else calls.set(key, { module, objects: [localAddress(object, module)] });
    }
    if (!calls) return [];
    const out: ModuleCallNote[] = [];
    for (const { module, objects } of calls.values()) {
      const found = module.callerDir === undefined ? undefined : moduleCallBlock(this.ownership, this.filesIn(module.callerDir), module);
      if (!found) continue;
      const { file, block } = found;
      const end = block.labels[block.labels.length - 1]?.span.end ?? block.typeSpan.end;
      out.push({ file, span: { start: block.span.start, end }, name: module.step.name, message: noteText(module, objects) });
    }
    return out;
  }

  private manifestOf(root: string): ModuleManifest | undefined {
    if (this.manifests.has(root)) return this.manifests.get(root);
    const manifest = readManifest(this.ctx, root);
    this.manifests.set(root, manifest);
    return manifest;
  }

  private filesIn(dir: string): readonly string[] {
    if (!this.filesByDir) {
      this.filesByDir = new Map();
      for (const p of this.ctx.paths) {
        if (!p.endsWith('.tf')) continue;
        const slash = p.lastIndexOf('/');
        const key = slash <= 0 ? '' : p.slice(0, slash);
        const list = this.filesByDir.get(key);
        if (list) list.push(p);
        else this.filesByDir.set(key, [p]);
      }
    }
    return this.filesByDir.get(dir === '/' ? '' : dir) ?? [];
  }
}

/** The object's address inside the module: `module.sg.aws_security_group.this[0]` → `aws_security_group.this[0]`. */
function localAddress(object: ModelObject, module: ForeignModule): string {
  const prefix = `${module.step.address}.`;
  return object.address.startsWith(prefix) ? object.address.slice(prefix.length) : object.address;
}

/**
 * `aws_security_group.this is created by module "sg" (registry.terraform.io/acme/sg/aws 5.3.0, installed by
 * terraform init): change it through this call's inputs`.
 */
function noteText(module: ForeignModule, objects: readonly string[]): string {
  const shown = objects.length <= 3 ? objects : [...objects.slice(0, 2), `${objects.length - 2} more`];
  const names = listWords(shown);
  const instance = module.step.keyed ? `instance ${module.step.address.slice(module.step.address.lastIndexOf('['))}; ` : '';
  let where: string;
  if (module.installed) {
    const from = [module.installed.source, module.installed.version].filter((s) => s !== undefined && s !== '').join(' ');
    where = from === '' ? `installed by terraform init into ${module.installed.rawDir}` : `${from}, installed by terraform init`;
  } else if (module.dir.includes('/.terraform/')) {
    where = `installed by terraform init into ${module.dir}`;
  } else {
    where = `code in ${module.dir}, outside the workspace folders`;
  }
  const one = objects.length === 1;
  return `${names} ${one ? 'is' : 'are'} created by module "${module.step.name}" (${instance}${where}): change ${one ? 'it' : 'them'} through this call's inputs`;
}
