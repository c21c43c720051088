// Resources that other resources name by a name the configuration sets (an IAM role by `name`, a DB subnet
// group by `name`, a function by `function_name`): which argument holds that name, and which instance a name
// denotes, also when the name reaches the referring resource as a plain string through a module output.

import type { Maybe } from '../../model/origin';
import type { Id } from '../../model/types';
import type { BlockView } from './blockView';
import type { ModuleInstance } from './moduleInstance';
import { argId } from './modelValues';
import type { TfSession } from './session';

/** The argument that sets the AWS name of a resource type other resources refer to by name. */
const NAME_ARGUMENTS: ReadonlyMap<string, string> = new Map([
  ['aws_iam_role', 'name'],
  ['aws_lambda_function', 'function_name'],
  ['aws_db_subnet_group', 'name'],
  ['aws_docdb_subnet_group', 'name'],
  ['aws_elasticache_subnet_group', 'name'],
  ['aws_memorydb_subnet_group', 'name'],
  ['aws_db_proxy', 'name'],
  ['aws_db_instance', 'identifier'],
  ['aws_rds_cluster', 'cluster_identifier'],
  ['aws_elasticache_replication_group', 'replication_group_id'],
]);

export function nameArgumentOf(type: string): string | undefined {
  return NAME_ARGUMENTS.get(type);
}

/** type → name → ids of the instances with that name; built once per root on the first lookup. */
const indexes = new WeakMap<TfSession, Map<string, Map<string, Id[]>>>();

function buildIndex(root: ModuleInstance): Map<string, Map<string, Id[]>> {
  const index = new Map<string, Map<string, Id[]>>();
  const seen = new Set<ModuleInstance>();
  const visit = (mod: ModuleInstance): void => {
    if (seen.has(mod)) return;
    seen.add(mod);
    for (const [type, arg] of NAME_ARGUMENTS) {
      const decls = mod.config.managedResources.get(type);
      if (!decls) continue;
      for (const name of decls.keys()) {
        for (const inst of mod.resourceOf('managed', type, name)?.instances() ?? []) {
          const value = inst.view.attr(arg);
          if (typeof value !== 'string') continue;
          let byName = index.get(type);
          if (!byName) index.set(type, (byName = new Map<string, Id[]>()));
          const ids = byName.get(value);
          if (ids) ids.push(inst.id);
          else byName.set(value, [inst.id]);
        }
      }
    }
    for (const child of mod.children()) visit(child);
  };
  visit(root);
  return index;
}

/** The one instance of `types` whose configured name is `name`; undefined when none or several are. */
export function instanceNamed(session: TfSession, types: readonly string[], name: string): Id | undefined {
  const root = session.root;
  if (!root) return undefined;
  let index = indexes.get(session);
  if (!index) indexes.set(session, (index = buildIndex(root)));
  let found: Id | undefined;
  for (const type of types) {
    const ids = index.get(type)?.get(name);
    if (!ids) continue;
    if (ids.length > 1 || found !== undefined) return undefined;
    found = ids[0];
  }
  return found;
}

/**
 * An argument that names a resource of `types` by id, ARN or name: what argId resolves, else, for a name that
 * arrives as a plain string (`db_subnet_group_name = var.subnet_group` fed from another module's output),
 * the instance the configuration gives that name.
 */
export function namedArg(session: TfSession, view: BlockView, arg: string, types: readonly string[]): Maybe<Id> {
  const id = argId(view, arg);
  const value = view.attr(arg);
  if (typeof id === 'string' || typeof value !== 'string') return id;
  return instanceNamed(session, types, value) ?? id;
}
