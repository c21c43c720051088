// A Terraform module's configuration: every declaration of one folder's .tf and .tf.json files, indexed by
// kind and name. Built once per folder (not per module instance) and never evaluated here.

import type { Problem } from '../../model/origin';
import type { HclAttribute, HclBlock, HclBody, HclExpr } from '../../syntax/hcl/ast';
import type { SourceView } from '../../syntax/sourceView';
import { BodyAttributes } from './bodyAttributes';
import { parseType, type TfType } from './typeConstraint';

export interface TfDecl {
  readonly file: string;
  readonly block: HclBlock;
}

export interface TfVariableDecl extends TfDecl {
  readonly name: string;
  readonly defaultExpr: HclExpr | undefined;
  readonly nullable: boolean;
  /** The `type` constraint (`any` when absent): values are converted to it as Terraform does. */
  readonly type: TfType;
}

export interface TfLocalDecl {
  readonly name: string;
  readonly file: string;
  readonly attr: HclAttribute;
}

export interface TfOutputDecl extends TfDecl {
  readonly name: string;
  readonly value: HclExpr | undefined;
}

export interface TfProviderDecl extends TfDecl {
  readonly name: string;
  readonly alias: string | undefined;
  readonly attrs: ReadonlyMap<string, HclAttribute>;
}

export interface TfResourceDecl extends TfDecl {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_vpc.main` or `data.aws_vpc.main`: the address inside its module. */
  readonly key: string;
  readonly count: HclAttribute | undefined;
  readonly forEach: HclAttribute | undefined;
  readonly attrs: ReadonlyMap<string, HclAttribute>;
}

export interface TfModuleCallDecl extends TfDecl {
  readonly name: string;
  readonly source: string | undefined;
  readonly count: HclAttribute | undefined;
  readonly forEach: HclAttribute | undefined;
  readonly inputs: ReadonlyMap<string, HclAttribute>;
}

export interface TfModuleConfig {
  /** The folder (absolute, '/' separators, no trailing slash). */
  readonly dir: string;
  readonly files: readonly string[];
  readonly variables: ReadonlyMap<string, TfVariableDecl>;
  readonly locals: ReadonlyMap<string, TfLocalDecl>;
  readonly outputs: ReadonlyMap<string, TfOutputDecl>;
  readonly providers: readonly TfProviderDecl[];
  /** Keyed by `TfResourceDecl.key`. */
  readonly resources: ReadonlyMap<string, TfResourceDecl>;
  /** Resource type names declared (managed mode), to tell `aws_vpc.x` roots from unknown names. */
  readonly resourceTypes: ReadonlySet<string>;
  /** Managed resources and data sources by type, then name (lookups without building `type.name` keys). */
  readonly managedResources: ReadonlyMap<string, ReadonlyMap<string, TfResourceDecl>>;
  readonly dataSources: ReadonlyMap<string, ReadonlyMap<string, TfResourceDecl>>;
  readonly moduleCalls: ReadonlyMap<string, TfModuleCallDecl>;
  readonly problems: readonly Problem[];
}

/** Meta-arguments of resource blocks: never model arguments. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

/** A body's arguments by name (the first of duplicates). Resource instances share their declaration's. */
export function attributesOf(body: HclBody): ReadonlyMap<string, HclAttribute> {
  return new BodyAttributes(body.items);
}

/** The value of a string literal or a one-part template; undefined for anything computed. */
export function literalString(expr: HclExpr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr.kind === 'template') {
    if (expr.parts.length === 0) return '';
    let s = '';
    for (const p of expr.parts) {
      if (p.kind !== 'string') return undefined;
      s += p.value;
    }
    return s;
  }
  return undefined;
}

function label(block: HclBlock, i: number): string | undefined {
  return block.labels[i]?.value;
}

export function readModuleConfig(view: SourceView, dir: string, files: readonly string[]): TfModuleConfig {
  const variables = new Map<string, TfVariableDecl>();
  const locals = new Map<string, TfLocalDecl>();
  const outputs = new Map<string, TfOutputDecl>();
  const providers: TfProviderDecl[] = [];
  const resources = new Map<string, TfResourceDecl>();
  const resourceTypes = new Set<string>();
  const managedResources = new Map<string, Map<string, TfResourceDecl>>();
  const dataSources = new Map<string, Map<string, TfResourceDecl>>();
  const moduleCalls = new Map<string, TfModuleCallDecl>();
  const problems: Problem[] = [];

  const duplicate = (file: string, block: HclBlock, what: string): void => {
    problems.push({ code: 'tf-duplicate-declaration', severity: 'error', message: `Duplicate ${what}: only the first declaration is used.`, file, span: block.labels[block.labels.length - 1]?.span ?? block.typeSpan });
  };

  for (const file of files) {
    const hcl = view.hcl(file);
    if (!hcl) continue;
    for (const item of hcl.body.items) {
      if (item.kind !== 'block') continue;
      const block = item;
      switch (block.type) {
        case 'variable': {
          const name = label(block, 0);
          if (name === undefined) break;
          if (variables.has(name)) { duplicate(file, block, `variable "${name}"`); break; }
          const attrs = attributesOf(block.body);
          const nullableExpr = attrs.get('nullable')?.expr;
          const nullable = !(nullableExpr?.kind === 'literal' && nullableExpr.value === false);
          variables.set(name, { name, file, block, defaultExpr: attrs.get('default')?.expr, nullable, type: parseType(attrs.get('type')?.expr) });
          break;
        }
        case 'locals':
          for (const a of block.body.items) {
            if (a.kind !== 'attribute') continue;
            if (locals.has(a.name)) { problems.push({ code: 'tf-duplicate-declaration', severity: 'error', message: `Duplicate local value "${a.name}": only the first is used.`, file, span: a.nameSpan }); continue; }
            locals.set(a.name, { name: a.name, file, attr: a });
          }
          break;
        case 'output': {
          const name = label(block, 0);
          if (name === undefined) break;
          if (outputs.has(name)) { duplicate(file, block, `output "${name}"`); break; }
          outputs.set(name, { name, file, block, value: attributesOf(block.body).get('value')?.expr });
          break;
        }
        case 'provider': {
          const name = label(block, 0);
          if (name === undefined) break;
          const attrs = attributesOf(block.body);
          providers.push({ name, file, block, attrs, alias: literalString(attrs.get('alias')?.expr) });
          break;
        }
        case 'resource':
        case 'data': {
          const type = label(block, 0);
          const name = label(block, 1);
          if (type === undefined || name === undefined) break;
          const mode = block.type === 'resource' ? 'managed' : 'data';
          const byType = mode === 'managed' ? managedResources : dataSources;
          let names = byType.get(type);
          if (!names) byType.set(type, (names = new Map<string, TfResourceDecl>()));
          const key = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
          if (names.has(name)) { duplicate(file, block, key); break; }
          const attrs = attributesOf(block.body);
          const decl: TfResourceDecl = { mode, type, name, key, file, block, attrs, count: attrs.get('count'), forEach: attrs.get('for_each') };
          names.set(name, decl);
          resources.set(key, decl);
          if (mode === 'managed') resourceTypes.add(type);
          break;
        }
        case 'module': {
          const name = label(block, 0);
          if (name === undefined) break;
          if (moduleCalls.has(name)) { duplicate(file, block, `module "${name}"`); break; }
          const attrs = attributesOf(block.body);
          const inputs = new Map<string, HclAttribute>();
          for (const [k, a] of attrs) if (!MODULE_META.has(k)) inputs.set(k, a);
          moduleCalls.set(name, { name, file, block, source: literalString(attrs.get('source')?.expr), count: attrs.get('count'), forEach: attrs.get('for_each'), inputs });
          break;
        }
        default:
          break;
      }
    }
  }
  return { dir, files, variables, locals, outputs, providers, resources, resourceTypes, managedResources, dataSources, moduleCalls, problems };
}

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
