// The AWS provider configuration a resource uses (the default `aws`, an alias `aws.west`, one a module call
// passes in `providers`, or the v6 per-resource `region` argument) and the Region and partition it implies.

import { partitionOfRegion, type Partition } from '../../model/partition';
import type { HclExpr } from '../../syntax/hcl/ast';
import { attributesOf, literalString, type TfProviderDecl } from './config';
import { evaluate, unknownValue } from './evaluator';
import type { ModuleInstance } from './moduleInstance';
import { isTfUnknown, type TfValue } from './value';

/** `aws` / `aws.west` from a `provider = aws.west` traversal, a providers-map key or value, or JSON's "aws.west". */
export function providerKey(expr: HclExpr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'variable') return expr.name;
  if (expr.kind === 'getAttr' && expr.object.kind === 'variable') return `${expr.object.name}.${expr.name}`;
  const s = literalString(expr);
  return s !== undefined && /^[a-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/.test(s) ? s : undefined;
}

/** The Region a provider block configures; without `region`, the fallback (CLI flag, setting), else null. */
function configuredRegion(mod: ModuleInstance, decl: TfProviderDecl): TfValue {
  const expr = decl.attrs.get('region')?.expr;
  const value = expr ? evaluate(expr, mod.scopeFor(decl.file)) : undefined;
  if (typeof value === 'string') return value;
  const fallback = mod.session.fallbackRegion;
  if (fallback !== undefined) return fallback;
  if (value !== undefined && isTfUnknown(value)) return value;
  return null;
}

/** The AWS provider configuration a resource or data block names (`provider = aws.west`), else the module's `aws`. */
export function awsProviderKeyOf(expr: HclExpr | undefined): string {
  const key = providerKey(expr);
  return key !== undefined && (key === 'aws' || key.startsWith('aws.')) ? key : 'aws';
}

/**
 * One step of finding provider configuration `key` ("aws" or "aws.<alias>") from a module instance, as
 * Terraform does: the module's own provider block, else what its module call's `providers` map passes, else
 * (the default configuration only) the caller's, as Terraform inherits default providers into child modules;
 * at the root without a block, the implicit default configuration. Callers follow `caller` steps themselves
 * (the Region through the caller's memo, the account by configuration name).
 */
export type ProviderStep =
  | { readonly kind: 'declared'; readonly decl: TfProviderDecl }
  | { readonly kind: 'caller'; readonly caller: ModuleInstance; readonly key: string }
  | { readonly kind: 'root-default' }
  | { readonly kind: 'unknown'; readonly reason: string };

export function providerStep(mod: ModuleInstance, key: string): ProviderStep {
  const dot = key.indexOf('.');
  const name = dot < 0 ? key : key.slice(0, dot);
  const alias = dot < 0 ? undefined : key.slice(dot + 1);
  const decl = mod.config.providers.find((p) => p.name === name && p.alias === alias);
  if (decl) return { kind: 'declared', decl };
  if (mod.call && mod.parent) {
    const passed = attributesOf(mod.call.decl.block.body).get('providers')?.expr;
    if (passed?.kind === 'object') {
      for (const item of passed.items) {
        if (providerKey(item.key) !== key) continue;
        const target = providerKey(item.value);
        return target !== undefined ? { kind: 'caller', caller: mod.parent, key: target } : { kind: 'unknown', reason: `the provider passed as ${key} to ${mod.prefix.slice(0, -1)} is not known statically` };
      }
    }
    if (alias === undefined) return { kind: 'caller', caller: mod.parent, key };
    return { kind: 'unknown', reason: `the provider ${key} is not passed to ${mod.prefix.slice(0, -1)}` };
  }
  if (alias === undefined) return { kind: 'root-default' };
  return { kind: 'unknown', reason: `no provider "${name}" block has alias "${alias}"` };
}

/** The Region of provider configuration `key` as seen from a module instance (see providerStep). */
export function resolveProviderRegion(mod: ModuleInstance, key: string): TfValue {
  const step = providerStep(mod, key);
  switch (step.kind) {
    case 'declared':
      return configuredRegion(mod, step.decl);
    case 'caller':
      return step.caller.providerRegion(step.key);
    case 'root-default':
      return mod.session.fallbackRegion ?? null;
    case 'unknown':
      return unknownValue(step.reason);
  }
}

/** The partition of a Region value (model/partition.ts); an unknown Region counts as commercial. */
export function partitionOf(region: TfValue): Partition {
  return partitionOfRegion(typeof region === 'string' ? region : undefined);
}
