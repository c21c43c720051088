// The AWS provider configuration a resource uses (the default `aws`, an alias `aws.west`, one a module call
// passes in `providers`, or the v6 per-resource `region` argument) and the Region and partition it implies.

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

/**
 * The Region of provider configuration `key` ("aws" or "aws.<alias>") as seen from a module instance: its own
 * provider block, else what its module call's `providers` map passes, else (the default configuration only)
 * the caller's, as Terraform inherits default providers into child modules.
 */
export function resolveProviderRegion(mod: ModuleInstance, key: string): TfValue {
  const dot = key.indexOf('.');
  const name = dot < 0 ? key : key.slice(0, dot);
  const alias = dot < 0 ? undefined : key.slice(dot + 1);
  const decl = mod.config.providers.find((p) => p.name === name && p.alias === alias);
  if (decl) return configuredRegion(mod, decl);
  if (mod.call && mod.parent) {
    const passed = attributesOf(mod.call.decl.block.body).get('providers')?.expr;
    if (passed?.kind === 'object') {
      for (const item of passed.items) {
        if (providerKey(item.key) !== key) continue;
        const target = providerKey(item.value);
        return target !== undefined ? mod.parent.providerRegion(target) : unknownValue(`the provider passed as ${key} to ${mod.prefix.slice(0, -1)} is not known statically`);
      }
    }
    if (alias === undefined) return mod.parent.providerRegion(key);
    return unknownValue(`the provider ${key} is not passed to ${mod.prefix.slice(0, -1)}`);
  }
  if (alias === undefined) return mod.session.fallbackRegion ?? null;
  return unknownValue(`no provider "${name}" block has alias "${alias}"`);
}

export interface Partition {
  readonly partition: string;
  readonly dnsSuffix: string;
  readonly reverseDnsPrefix: string;
}

const PARTITIONS: readonly (readonly [RegExp, Partition])[] = [
  [/^cn-/, { partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', reverseDnsPrefix: 'cn.com.amazonaws' }],
  [/^us-gov-/, { partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' }],
  [/^us-isob-/, { partition: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov', reverseDnsPrefix: 'gov.sgov.sc2s' }],
  [/^us-iso-/, { partition: 'aws-iso', dnsSuffix: 'c2s.ic.gov', reverseDnsPrefix: 'gov.ic.c2s' }],
  [/^eu-isoe-/, { partition: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk', reverseDnsPrefix: 'uk.adc-e.cloud' }],
  [/^us-isof-/, { partition: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov', reverseDnsPrefix: 'gov.ic.hci.csp' }],
  [/^eusc-/, { partition: 'aws-eusc', dnsSuffix: 'amazonaws.eu', reverseDnsPrefix: 'eu.amazonaws' }],
];

const COMMERCIAL: Partition = { partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' };

/**
 * The partition of a Region by its name. An unknown Region is taken to be in the commercial partition, where
 * nearly every workspace is: partition-built ARNs then still name AWS managed policies.
 */
export function partitionOf(region: TfValue): Partition {
  if (typeof region !== 'string') return COMMERCIAL;
  for (const [pattern, p] of PARTITIONS) if (pattern.test(region)) return p;
  return COMMERCIAL;
}
