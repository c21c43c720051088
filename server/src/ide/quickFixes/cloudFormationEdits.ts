// Quick-fix code for CloudFormation/SAM templates, YAML or JSON: adds list items and properties in the
// template's own syntax and indentation, or appends a resource to Resources.

import type { Change } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { Id, ModelObject } from '../../model/types';
import type { DataEntry, DataFile, DataMap, DataNode } from '../../syntax/data/ast';
import { flowYaml, inlineJson, jsonText, yamlLines, type CfnFixValue } from './cfnValues';
import { codeStyle, indentationAt, type TextEdit } from './textEdit';
import { removeOwnVpcConfig } from './vpcConfigRemoval';

export interface CfnEditContext {
  readonly model: NetworkModel;
  readonly data: (file: string) => DataFile | undefined;
  readonly text: (file: string) => string | undefined;
}

interface Found {
  readonly file: string;
  readonly text: string;
  readonly json: boolean;
  readonly entry: DataEntry;
}

function entry(map: DataNode | undefined, key: string): DataEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((e) => e.key.value === key) : undefined;
}

function resourcesMap(file: DataFile): DataMap | undefined {
  const resources = entry(file.root, 'Resources')?.value;
  return resources?.kind === 'map' ? resources : undefined;
}

function resourceEntry(ctx: CfnEditContext, object: ModelObject): Found | undefined {
  const data = ctx.data(object.origin.file);
  const text = ctx.text(object.origin.file);
  if (!data || !text) return undefined;
  const found = resourcesMap(data)?.entries.find((e) => e.key.value === object.address);
  return found ? { file: object.origin.file, text, json: data.syntax === 'json', entry: found } : undefined;
}

function get(ctx: CfnEditContext, id: Id): ModelObject | undefined {
  return ctx.model.get(ctx.model.canonical(id));
}

/** Same template only: a logical id is meaningless in another stack. */
function ref(from: ModelObject, to: ModelObject, getAtt?: string): CfnFixValue | undefined {
  if (from.stack !== to.stack || to.address.includes('/')) return undefined;
  return getAtt ? { $getAtt: [to.address, getAtt] } : { $ref: to.address };
}

/** One indentation step of a JSON template, from how deep a resource's keys sit under their resource. */
function jsonUnit(text: string, e: DataEntry): string {
  const inner = e.value.kind === 'map' ? e.value.entries[0] : undefined;
  if (!inner) return '  ';
  const outer = indentationAt(text, e.key.span.start);
  const deeper = indentationAt(text, inner.key.span.start);
  // The extra whitespace itself, so a tab-indented template gets tabs.
  return deeper.length > outer.length && deeper.startsWith(outer) ? deeper.slice(outer.length) : '  ';
}

/** A YAML collection written in flow style (`[a, b]`, `{k: v}`) rather than block style. */
function isFlow(text: string, node: DataNode): boolean {
  const c = text[node.span.start];
  return c === '[' || c === '{';
}

function multiline(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes('\n');
}

/** Appends an item to a list property, or sets the property to a one-item list if absent. */
function appendToList(found: Found, property: string, item: CfnFixValue): TextEdit | undefined {
  const props = entry(found.entry.value, 'Properties');
  const list = entry(props?.value, property);
  if (!list) return props ? setProperty(found, property, [item]) : undefined;
  if (list.value.kind !== 'seq') return undefined;
  const last = list.value.items[list.value.items.length - 1];
  const flow = found.json || isFlow(found.text, list.value);
  if (!last) {
    // An empty `[]`: the item goes between the brackets.
    if (!flow) return undefined;
    const inside = list.value.span.start + 1;
    return { file: found.file, span: { start: inside, end: inside }, newText: found.json ? inlineJson(item) : flowYaml(item) };
  }
  const at = { start: last.span.end, end: last.span.end };
  const indent = indentationAt(found.text, last.span.start);
  if (found.json) {
    const unit = jsonUnit(found.text, found.entry);
    const block = multiline(found.text, list.value.span.start, last.span.start);
    return { file: found.file, span: at, newText: block ? `,\n${indent}${jsonText(item, indent, unit)}` : `, ${inlineJson(item)}` };
  }
  if (flow) return { file: found.file, span: at, newText: `, ${flowYaml(item)}` };
  const lines = yamlLines(item);
  return { file: found.file, span: at, newText: `\n${indent}- ${lines.join(`\n${indent}  `)}` };
}

/** Sets `Properties.<property>`: replaces its value, or adds the key after the last property. */
function setProperty(found: Found, property: string, value: CfnFixValue): TextEdit | undefined {
  const props = entry(found.entry.value, 'Properties');
  if (!props || props.value.kind !== 'map') return undefined;
  const existing = entry(props.value, property);
  const last = props.value.entries[props.value.entries.length - 1];
  if (!found.json && isFlow(found.text, props.value)) {
    // `Properties: {VpcId: !Ref Vpc}`: stay in flow style.
    if (existing) return { file: found.file, span: existing.value.span, newText: flowYaml(value) };
    const at = last ? last.span.end : props.value.span.start + 1;
    return { file: found.file, span: { start: at, end: at }, newText: `${last ? ', ' : ''}${property}: ${flowYaml(value)}` };
  }
  if (!last) return undefined;
  const indent = indentationAt(found.text, last.key.span.start);
  if (found.json) {
    const unit = jsonUnit(found.text, found.entry);
    if (existing) return { file: found.file, span: existing.value.span, newText: jsonText(value, indentationAt(found.text, existing.key.span.start), unit) };
    return { file: found.file, span: { start: last.span.end, end: last.span.end }, newText: `,\n${indent}"${property}": ${jsonText(value, indent, unit)}` };
  }
  const lines = yamlLines(value);
  const first = lines[0];
  const inline = first !== undefined && lines.length === 1 && !Array.isArray(value);
  if (existing && inline) return { file: found.file, span: existing.value.span, newText: first };
  if (existing && isFlow(found.text, existing.value)) return { file: found.file, span: existing.value.span, newText: flowYaml(value) };
  if (existing) return undefined;
  const body = inline ? ` ${lines[0]}` : '\n' + lines.map((l) => `${indent}  ${l}`).join('\n');
  return { file: found.file, span: { start: last.span.end, end: last.span.end }, newText: `\n${indent}${property}:${body}` };
}

/** Appends `name: { Type, Properties }` to the template's Resources. */
function appendResource(ctx: CfnEditContext, near: ModelObject, name: string, resource: { readonly [key: string]: CfnFixValue }): TextEdit[] | undefined {
  return appendResources(ctx, near, [name], () => [resource]);
}

/**
 * Appends several resources after the last one of `near`'s template, in one edit (two inserts at one offset
 * would depend on the order a client applies them): `build` receives the logical ids chosen for `names` (made
 * unique in the template) so the resources can refer to each other.
 */
function appendResources(
  ctx: CfnEditContext,
  near: ModelObject,
  names: readonly string[],
  build: (ids: readonly string[]) => readonly { readonly [key: string]: CfnFixValue }[],
): TextEdit[] | undefined {
  const data = ctx.data(near.origin.file);
  const text = ctx.text(near.origin.file);
  const resources = data && resourcesMap(data);
  const last = resources?.entries[resources.entries.length - 1];
  if (!data || !text || !resources || !last) return undefined;
  const taken = new Set(resources.entries.map((e) => e.key.value));
  const ids = names.map((name) => {
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
    taken.add(unique);
    return unique;
  });
  const bodies = build(ids);
  const indent = indentationAt(text, last.key.span.start);
  const at = { start: last.span.end, end: last.span.end };
  const file = near.origin.file;
  if (data.syntax === 'json') return [{ file, span: at, newText: ids.map((id, i) => `,\n${indent}"${id}": ${jsonText(bodies[i] ?? {}, indent, jsonUnit(text, last))}`).join('') }];
  if (isFlow(text, resources)) return [{ file, span: at, newText: ids.map((id, i) => `, ${id}: ${flowYaml(bodies[i] ?? {})}`).join('') }];
  const blocks = ids.map((id, i) => [`${id}:`, ...yamlLines(bodies[i] ?? {}).map((l) => '  ' + l)].map((l) => indent + l).join('\n'));
  return [{ file, span: at, newText: blocks.map((b) => `\n\n${b}`).join('') }];
}

function gatewayEndpointName(service: 's3' | 'dynamodb'): string {
  return service === 's3' ? 'S3GatewayEndpoint' : 'DynamoDbGatewayEndpoint';
}

/** An S3 or DynamoDB gateway endpoint of the VPC on the route tables given, in the Region the stack deploys to. */
function gatewayEndpoint(vpc: CfnFixValue, service: 's3' | 'dynamodb', routeTables: CfnFixValue[]): { readonly [key: string]: CfnFixValue } {
  return { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: vpc, ServiceName: { $sub: `com.amazonaws.\${AWS::Region}.${service}` }, VpcEndpointType: 'Gateway', RouteTableIds: routeTables } };
}

function one(edit: TextEdit | undefined): TextEdit[] | undefined {
  return edit ? [edit] : undefined;
}

export function cloudFormationEdits(ctx: CfnEditContext, change: Change, subject: ModelObject): TextEdit[] | undefined {
  const edits = templateEdits(ctx, change, subject);
  // Code is generated with LF; a CRLF template gets CRLF.
  return edits?.map((e) => (codeStyle(ctx.text(e.file) ?? '').eol === '\r\n' ? { ...e, newText: e.newText.replace(/\r?\n/g, '\r\n') } : e));
}

function templateEdits(ctx: CfnEditContext, change: Change, subject: ModelObject): TextEdit[] | undefined {
  switch (change.kind) {
    case 'associate-endpoint-route-table': {
      const endpoint = get(ctx, change.endpoint);
      const table = get(ctx, change.routeTable);
      const found = endpoint && resourceEntry(ctx, endpoint);
      const r = endpoint && table && ref(endpoint, table);
      return found && r ? one(appendToList(found, 'RouteTableIds', r)) : undefined;
    }
    case 'enable-private-dns': {
      const endpoint = get(ctx, change.endpoint);
      const found = endpoint && resourceEntry(ctx, endpoint);
      return found ? one(setProperty(found, 'PrivateDnsEnabled', true)) : undefined;
    }
    case 'enable-vpc-dns': {
      const vpc = get(ctx, change.vpc);
      const found = vpc && resourceEntry(ctx, vpc);
      return found ? one(setProperty(found, change.attribute === 'enableDnsSupport' ? 'EnableDnsSupport' : 'EnableDnsHostnames', true)) : undefined;
    }
    case 'add-gateway-endpoint': {
      const vpc = get(ctx, change.vpc);
      if (!vpc) return undefined;
      const tables = change.routeTables.map((t) => get(ctx, t)).map((t) => (t ? ref(vpc, t) : undefined));
      const vpcRef = ref(vpc, vpc);
      if (!vpcRef || tables.some((t) => t === undefined)) return undefined;
      return appendResource(ctx, vpc, gatewayEndpointName(change.service), gatewayEndpoint(vpcRef, change.service, tables as CfnFixValue[]));
    }
    case 'add-route-table-with-endpoint': {
      const vpc = get(ctx, change.vpc);
      const subnets = change.subnets.map((id) => get(ctx, id));
      const vpcRef = vpc && ref(vpc, vpc);
      const subnetRefs = vpc ? subnets.map((s) => (s ? ref(vpc, s) : undefined)) : [];
      if (!vpc || !vpcRef || subnetRefs.length === 0 || subnetRefs.some((r) => r === undefined)) return undefined;
      const existing = change.endpoint ? get(ctx, change.endpoint) : undefined;
      const found = existing && resourceEntry(ctx, existing);
      if (change.endpoint && (!existing || !found || found.file !== vpc.origin.file)) return undefined;
      const prefix = vpc.address.replace(/[^A-Za-z0-9]/g, '');
      const names = [`${prefix}SubnetRouteTable`, ...subnets.map((s) => `${(s?.address ?? '').replace(/[^A-Za-z0-9]/g, '')}RouteTableAssociation`)];
      if (!found) names.push(gatewayEndpointName(change.service));
      let tableId = '';
      const appended = appendResources(ctx, vpc, names, (ids) => {
        tableId = ids[0] ?? '';
        const table = { $ref: tableId };
        const out: { readonly [key: string]: CfnFixValue }[] = [{ Type: 'AWS::EC2::RouteTable', Properties: { VpcId: vpcRef } }];
        subnetRefs.forEach((subnet, i) => {
          if (subnet !== undefined && ids[i + 1] !== undefined) out.push({ Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: subnet, RouteTableId: table } });
        });
        if (!found) out.push(gatewayEndpoint(vpcRef, change.service, [table]));
        return out;
      });
      if (!appended || !found) return appended;
      // The existing endpoint gets the new table; its list sits inside an earlier resource, before the appended text.
      const association = appendToList(found, 'RouteTableIds', { $ref: tableId });
      const at = appended[0]?.span.start ?? 0;
      return association && association.span.start < at ? [association, ...appended] : undefined;
    }
    case 'remove-vpc-config': {
      const fn = get(ctx, change.function);
      // JSON would need its commas mended: the fix is offered in YAML only.
      if (fn?.kind !== 'lambda-function' || ctx.data(fn.origin.file)?.syntax === 'json') return undefined;
      const edit = removeOwnVpcConfig(ctx, fn);
      return edit ? [edit] : undefined;
    }
    case 'add-sg-ingress': {
      const group = get(ctx, change.group);
      if (!group) return undefined;
      const source = change.sourceGroup ? get(ctx, change.sourceGroup) : undefined;
      const groupRef = ref(group, group, 'GroupId');
      const sourceRef = source ? ref(group, source, 'GroupId') : undefined;
      const peer: Record<string, CfnFixValue> | undefined = sourceRef ? { SourceSecurityGroupId: sourceRef } : !source && change.sourceCidr ? { CidrIp: change.sourceCidr } : undefined;
      if (!groupRef || !peer) return undefined;
      // A standalone ingress resource avoids the circular dependency inline cross-references create (T3).
      return appendResource(ctx, group, `${group.address}IngressFrom${subject.address.replace(/[^A-Za-z0-9]/g, '')}`, {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: groupRef, IpProtocol: change.protocol, FromPort: change.port, ToPort: change.port, ...peer, Description: `Added by Hyperplane Lens for ${subject.address}` },
      });
    }
    case 'add-sg-egress': {
      const group = get(ctx, change.group);
      const found = group && resourceEntry(ctx, group);
      if (!group || !found) return undefined;
      const target = /\//.test(change.peer) ? undefined : get(ctx, change.peer);
      const targetRef = target?.kind === 'security-group' ? ref(group, target, 'GroupId') : undefined;
      const peer: Record<string, CfnFixValue> | undefined = /^[0-9.]+\/\d+$/.test(change.peer) ? { CidrIp: change.peer } : targetRef ? { DestinationSecurityGroupId: targetRef } : undefined;
      const list = entry(entry(found.entry.value, 'Properties')?.value, 'SecurityGroupEgress');
      // Adding the first inline egress rule would remove the default allow-all egress (T3): only extend a list.
      if (!peer || !list || list.value.kind !== 'seq') return undefined;
      return one(appendToList(found, 'SecurityGroupEgress', { IpProtocol: change.protocol, FromPort: change.port, ToPort: change.port, ...peer }));
    }
    case 'add-nat-route': {
      const table = get(ctx, change.routeTable);
      const nat = change.natGateway ? get(ctx, change.natGateway) : undefined;
      const tableRef = table && ref(table, table);
      const natRef = table && nat && ref(table, nat);
      if (!table || !tableRef || !natRef) return undefined;
      return appendResource(ctx, table, `${table.address}NatRoute`, { Type: 'AWS::EC2::Route', Properties: { RouteTableId: tableRef, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natRef } });
    }
    case 'attach-vpc-execution-policy': {
      const role = get(ctx, change.role);
      const found = role && resourceEntry(ctx, role);
      return found ? one(appendToList(found, 'ManagedPolicyArns', { $sub: 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' })) : undefined;
    }
    default:
      return undefined;
  }
}
