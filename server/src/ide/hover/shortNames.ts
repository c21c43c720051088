// Short names for hovers: a Terraform address without its module path (`module.a.aws_subnet.x[0]` →
// `aws_subnet.x[0]`) when no other object of the same kind has that short name, else the full address; for
// functions, whose lists say "functions", without the resource type too (`create_role`) when that is unique.
// Lists of many functions or subnets then fit on a line while every name still points at one object.

import type { NetworkModel } from '../../model/network';
import type { Id, ModelKind } from '../../model/types';

const MODULE_PATH = /^(?:module\.[\w-]+(?:\[[^\]]*\])?\.)+/;
const RESOURCE = /^(?:data\.)?aws_[a-z0-9_]+\.(.+)$/;

type Names = ReadonlyMap<Id, string>;

// One table per model and kind: computed on the first hover that needs it, linear in the objects of the kind.
const cache = new WeakMap<NetworkModel, Map<ModelKind, Names>>();

function namesOf(model: NetworkModel, kind: ModelKind): Names {
  let byKind = cache.get(model);
  if (byKind === undefined) {
    byKind = new Map();
    cache.set(model, byKind);
  }
  const known = byKind.get(kind);
  if (known !== undefined) return known;
  const objects = model.all(kind);
  const local = objects.map((o) => o.address.replace(MODULE_PATH, ''));
  const bare = local.map((l) => RESOURCE.exec(l)?.[1] ?? l);
  const count = (list: readonly string[]): Map<string, number> => {
    const n = new Map<string, number>();
    for (const s of list) n.set(s, (n.get(s) ?? 0) + 1);
    return n;
  };
  const bareCount = count(bare);
  const localCount = count(local);
  const names = new Map<Id, string>();
  objects.forEach((o, i) => {
    const b = bare[i] ?? o.address;
    const l = local[i] ?? o.address;
    names.set(o.id, kind === 'lambda-function' && bareCount.get(b) === 1 ? b : localCount.get(l) === 1 ? l : o.address);
  });
  byKind.set(kind, names);
  return names;
}

/** The shortest unambiguous name of a model object among those of its kind; the id itself when not in the model. */
export function shortName(model: NetworkModel, id: Id): string {
  const o = model.get(id);
  if (o === undefined) return id;
  return namesOf(model, o.kind).get(id) ?? o.address;
}
