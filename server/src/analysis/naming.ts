// How the analysis names things in messages, hops and fixes: a model object by its address (what the user
// wrote), an id the workspace does not define by its logical part, an unknown by the value it stands for.
// Model ids (which carry the stack path) never reach a message.

import { isKnown, type Maybe, type Unknown } from '../model/origin';
import type { Id } from '../model/types';

interface Lookup {
  get(id: Id): { readonly address: string } | undefined;
}

/** The address of a model object; for an id outside the model its logical part ("stack::Name" → "Name"). */
export function displayName(model: Lookup, id: Maybe<Id> | null): string {
  if (id === null) return '(none)';
  if (!isKnown(id)) return id.symbol !== undefined ? symbolLabel(id) : '(unknown)';
  const o = model.get(id);
  if (o) return o.address;
  const sep = id.lastIndexOf('::');
  return sep >= 0 ? id.slice(sep + 2) : id;
}

/**
 * A readable name for a symbolic unknown: the literal id ("subnet-0abc"), the parameter element
 * ("parameter SubnetIds[1]"), the imported export ("export network-SubnetA"), the dynamic reference
 * ("{{resolve:ssm:/net/subnet}}"), else the reason.
 */
export function symbolLabel(u: Unknown): string {
  const s = u.symbol;
  if (s === undefined) return u.reason;
  if (s.startsWith('literal:')) return s.slice('literal:'.length);
  if (s.startsWith('param:')) {
    // param:<template path>:<Name>[<i>]: the path may contain ':' (Windows drives), the name does not.
    const name = s.slice(s.lastIndexOf(':') + 1);
    return `parameter ${name}`;
  }
  // A CloudFormation Fn::ImportValue of an export no template of the workspace defines.
  if (s.startsWith('import:')) return `export ${s.slice('import:'.length)}`;
  // A CloudFormation dynamic reference, by its text; parts known only at deploy time (`${param:…}`) show as '…'.
  if (s.startsWith('resolve:')) return s.slice('resolve:'.length).replace(/\$\{[^}]*\}/g, '…');
  return u.reason;
}
