// The sections of one CloudFormation template read from its data tree (Parameters, Mappings, Conditions,
// Resources, Outputs, Transform, SAM Globals), plus how an intrinsic function is recognised in either
// notation (`!Ref X` tag or `{ Ref: X }` / `{ "Fn::Sub": … }` map).

import type { DataEntry, DataFile, DataMap, DataNode, DataScalar } from '../../syntax/data/ast';
import type { Span } from '../../syntax/text';

export interface CfnParameter {
  readonly name: string;
  readonly keySpan: Span;
  readonly node: DataNode;
  readonly type: string | undefined;
  readonly defaultNode: DataNode | undefined;
  readonly allowedValues: readonly (string | number | boolean | null)[] | undefined;
}

export interface CfnResource {
  /** Logical id (after Fn::ForEach expansion). */
  readonly logicalId: string;
  readonly keySpan: Span;
  readonly span: Span;
  readonly type: string;
  readonly typeSpan: Span | undefined;
  readonly properties: DataMap | undefined;
  readonly node: DataMap;
  readonly condition: string | undefined;
  readonly metadata: DataMap | undefined;
  /** Fn::ForEach identifiers bound for this copy of the resource. */
  readonly bindings: ReadonlyMap<string, string> | undefined;
}

export interface CfnOutput {
  readonly name: string;
  readonly keySpan: Span;
  readonly node: DataMap;
  readonly value: DataNode | undefined;
  readonly exportName: DataNode | undefined;
  readonly condition: string | undefined;
}

export interface CfnTemplate {
  readonly path: string;
  readonly file: DataFile;
  readonly root: DataMap;
  readonly parameters: ReadonlyMap<string, CfnParameter>;
  readonly mappings: ReadonlyMap<string, DataEntry>;
  readonly conditions: ReadonlyMap<string, DataEntry>;
  readonly resources: ReadonlyMap<string, CfnResource>;
  readonly outputs: ReadonlyMap<string, CfnOutput>;
  readonly transforms: readonly string[];
  readonly globals: DataMap | undefined;
  /** `Fn::ForEach::…` entries of Resources, expanded by the stack once parameters are known. */
  readonly forEachResources: readonly DataEntry[];
  readonly resourcesSpan: Span | undefined;
}

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** An intrinsic call: its CloudFormation name (`Ref`, `Fn::Sub`, `Condition`…), argument and span. */
export interface Intrinsic {
  readonly name: string;
  readonly arg: DataNode;
  readonly span: Span;
  readonly nameSpan: Span;
  /** The function as written, for messages: `!Sub`, `!Fn::Nope`, `Fn::Join`. */
  readonly writtenName: string;
}

/** The node without its tag, so a tagged node's content can be read as the intrinsic's argument. */
function stripTag(node: DataNode): DataNode {
  const tag = node.tag;
  if (tag === undefined) return node;
  // The argument starts after the tag and its separating space (`!Ref Name`: the span of `Name`).
  const start = tag.span.end + 1 <= node.span.end ? tag.span.end + 1 : node.span.start;
  // The copy is memoised on the tag (data/ast.ts DataTag.untagged). An alias shares its anchor's tag with
  // another span: the memo is used only when it was made for this span.
  const memo = tag.untagged;
  if (memo !== undefined && memo.kind === node.kind && memo.span.start === start && memo.span.end === node.span.end) return memo;
  const span = { start, end: node.span.end };
  // Built field by field in the readers' property order (not `{ ...node }`): the copies then share the
  // readers' hidden classes, and a spread of three node shapes was a visible cost of every re-analysis.
  let u: DataNode;
  switch (node.kind) {
    case 'map':
      u = { kind: 'map', entries: node.entries, tag: undefined, span };
      break;
    case 'seq':
      u = { kind: 'seq', items: node.items, tag: undefined, span };
      break;
    case 'scalar':
      u =
        node.raw === undefined
          ? { kind: 'scalar', value: node.value, style: node.style, tag: undefined, span }
          : { kind: 'scalar', value: node.value, raw: node.raw, style: node.style, tag: undefined, span };
      break;
  }
  (tag as { untagged?: DataNode | undefined }).untagged = u;
  return u;
}

/** Recognises `!Ref x`, `!Sub …`, `{ Ref: x }`, `{ "Fn::Join": … }`; `Condition` only as a map key (condition functions). */
export function intrinsicOf(node: DataNode): Intrinsic | undefined {
  const tag = node.tag;
  if (tag !== undefined && tag.name.startsWith('!') && !tag.name.startsWith('!!')) {
    const short = tag.name.slice(1);
    const name = short === 'Ref' || short === 'Condition' ? short : `Fn::${short}`;
    return { name, arg: stripTag(node), span: node.span, nameSpan: tag.span, writtenName: tag.name };
  }
  if (node.kind === 'map' && node.entries.length === 1) {
    const e = node.entries[0];
    if (e === undefined) return undefined;
    const k = e.key.value;
    if (typeof k === 'string' && (k === 'Ref' || k === 'Condition' || (k.startsWith('Fn::') && !k.startsWith('Fn::ForEach::')))) {
      return { name: k, arg: e.value, span: node.span, nameSpan: e.key.span, writtenName: k };
    }
  }
  return undefined;
}

export function entry(map: DataMap | undefined, key: string): DataEntry | undefined {
  if (map === undefined) return undefined;
  for (const e of map.entries) if (e.key.value === key) return e;
  return undefined;
}

export function child(map: DataMap | undefined, key: string): DataNode | undefined {
  return entry(map, key)?.value;
}

export function asMap(node: DataNode | undefined): DataMap | undefined {
  return node !== undefined && node.kind === 'map' && intrinsicOf(node) === undefined ? node : undefined;
}

export function scalarString(node: DataNode | undefined): string | undefined {
  if (node === undefined || node.kind !== 'scalar' || node.tag !== undefined && node.tag.name.startsWith('!') && !node.tag.name.startsWith('!!')) return undefined;
  const v = node.value;
  return v === null ? undefined : String(v);
}

export function keyName(e: DataEntry): string {
  return String(e.key.value);
}

/** Cheap content check: AWSTemplateFormatVersion, or a Resources map whose Type values look like CloudFormation types. */
export function isTemplateRoot(root: DataNode | undefined): root is DataMap {
  if (root === undefined || root.kind !== 'map') return false;
  if (entry(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  const resources = asMap(child(root, 'Resources'));
  if (resources === undefined) return false;
  for (const e of resources.entries) {
    const t = scalarString(child(asMap(e.value), 'Type'));
    if (t !== undefined && (t.startsWith('AWS::') || t.startsWith('Custom::') || t.startsWith('Alexa::'))) return true;
  }
  return false;
}

function conditionName(map: DataMap): string | undefined {
  return scalarString(child(map, 'Condition'));
}

function readParameters(root: DataMap): Map<string, CfnParameter> {
  const out = new Map<string, CfnParameter>();
  const params = asMap(child(root, 'Parameters'));
  for (const e of params?.entries ?? []) {
    const m = asMap(e.value);
    const allowed = child(m, 'AllowedValues');
    out.set(keyName(e), {
      name: keyName(e),
      keySpan: e.key.span,
      node: e.value,
      type: scalarString(child(m, 'Type')),
      defaultNode: child(m, 'Default'),
      allowedValues:
        allowed !== undefined && allowed.kind === 'seq'
          ? allowed.items.filter((i): i is DataScalar => i.kind === 'scalar').map((i) => i.value)
          : undefined,
    });
  }
  return out;
}

function sectionEntries(root: DataMap, name: string): Map<string, DataEntry> {
  const out = new Map<string, DataEntry>();
  for (const e of asMap(child(root, name))?.entries ?? []) out.set(keyName(e), e);
  return out;
}

export function readResource(e: DataEntry, logicalId: string, bindings: ReadonlyMap<string, string> | undefined): CfnResource | undefined {
  const m = asMap(e.value);
  if (m === undefined) return undefined;
  const typeNode = child(m, 'Type');
  return {
    logicalId,
    keySpan: e.key.span,
    span: e.span,
    type: scalarString(typeNode) ?? '',
    typeSpan: typeNode?.span,
    properties: asMap(child(m, 'Properties')),
    node: m,
    condition: conditionName(m),
    metadata: asMap(child(m, 'Metadata')),
    bindings,
  };
}

function readTransforms(root: DataMap): string[] {
  const t = child(root, 'Transform');
  if (t === undefined) return [];
  if (t.kind === 'seq') return t.items.map(scalarString).filter((s): s is string => s !== undefined);
  const s = scalarString(t);
  return s === undefined ? [] : [s];
}

/** Reads a template's sections; undefined when the file is not a template. */
export function readTemplate(path: string, file: DataFile): CfnTemplate | undefined {
  const root = file.root;
  if (!isTemplateRoot(root)) return undefined;
  const resources = new Map<string, CfnResource>();
  const forEach: DataEntry[] = [];
  const resourcesNode = asMap(child(root, 'Resources'));
  for (const e of resourcesNode?.entries ?? []) {
    const id = keyName(e);
    if (id.startsWith('Fn::ForEach::')) {
      forEach.push(e);
      continue;
    }
    // A macro call among the resources (`Fn::Transform: { Name: AWS::Include, … }`) is no resource.
    if (id === 'Fn::Transform') continue;
    const r = readResource(e, id, undefined);
    if (r !== undefined) resources.set(id, r);
  }
  const outputs = new Map<string, CfnOutput>();
  for (const e of asMap(child(root, 'Outputs'))?.entries ?? []) {
    const m = asMap(e.value);
    if (m === undefined) continue;
    outputs.set(keyName(e), {
      name: keyName(e),
      keySpan: e.key.span,
      node: m,
      value: child(m, 'Value'),
      exportName: child(asMap(child(m, 'Export')), 'Name'),
      condition: conditionName(m),
    });
  }
  return {
    path,
    file,
    root,
    parameters: readParameters(root),
    mappings: sectionEntries(root, 'Mappings'),
    conditions: sectionEntries(root, 'Conditions'),
    resources,
    outputs,
    transforms: readTransforms(root),
    globals: asMap(child(root, 'Globals')),
    forEachResources: forEach,
    resourcesSpan: entry(root, 'Resources')?.key.span,
  };
}
