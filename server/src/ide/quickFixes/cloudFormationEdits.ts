// Quick-fix code for CloudFormation/SAM YAML templates: adds list items and properties in the template's
// own indentation, or appends a resource to Resources. JSON templates get no text quick fix (the finding's
// fix description still says what to change).

import type { Change } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { Id, ModelObject } from '../../model/types';
import type { DataEntry, DataFile, DataMap, DataNode } from '../../syntax/data/ast';
import { indentationAt, type TextEdit } from './textEdit';

export interface CfnEditContext {
  readonly model: NetworkModel;
  readonly data: (file: string) => DataFile | undefined;
  readonly text: (file: string) => string | undefined;
}

function entry(map: DataNode | undefined, key: string): DataEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((e) => e.key.value === key) : undefined;
}

function resourcesMap(file: DataFile): DataMap | undefined {
  const resources = entry(file.root, 'Resources')?.value;
  return resources?.kind === 'map' ? resources : undefined;
}

function resourceEntry(ctx: CfnEditContext, object: ModelObject): { file: DataFile; text: string; entry: DataEntry } | undefined {
  const file = ctx.data(object.origin.file);
  const text = ctx.text(object.origin.file);
  if (!file || !text || file.syntax !== 'yaml') return undefined;
  const resources = resourcesMap(file);
  const found = resources?.entries.find((e) => e.key.value === object.address);
  return found ? { file, text, entry: found } : undefined;
}

function get(ctx: CfnEditContext, id: Id): ModelObject | undefined {
  return ctx.model.get(ctx.model.canonical(id));
}

/** Same template only: a logical id is meaningless in another stack. */
function ref(from: ModelObject, to: ModelObject, getAtt?: string): string | undefined {
  if (from.stack !== to.stack || to.address.includes('/')) return undefined;
  return getAtt ? `!GetAtt ${to.address}.${getAtt}` : `!Ref ${to.address}`;
}

/** Appends `- item` to a block sequence property, or sets the property if absent. */
function appendToList(found: { text: string; entry: DataEntry }, file: string, property: string, item: string): TextEdit | undefined {
  const props = entry(found.entry.value, 'Properties');
  const list = entry(props?.value, property);
  if (list && list.value.kind === 'seq') {
    const last = list.value.items[list.value.items.length - 1];
    if (!last) return undefined;
    if (found.text[list.value.span.start] === '[') return { file, span: { start: last.span.end, end: last.span.end }, newText: `, ${item}` };
    const indent = indentationAt(found.text, last.span.start);
    return { file, span: { start: last.span.end, end: last.span.end }, newText: `\n${indent}- ${item}` };
  }
  if (!list && props) return setProperty(found, file, property, `\n${indentationAt(found.text, firstKeyStart(props))}  - ${item}`);
  return undefined;
}

function firstKeyStart(props: DataEntry): number {
  return props.value.kind === 'map' && props.value.entries[0] ? props.value.entries[0].key.span.start : props.key.span.start + 2;
}

/** Sets `Properties.<property>`: replaces its value, or adds the key after the last property. */
function setProperty(found: { text: string; entry: DataEntry }, file: string, property: string, value: string): TextEdit | undefined {
  const props = entry(found.entry.value, 'Properties');
  if (!props || props.value.kind !== 'map') return undefined;
  const existing = entry(props.value, property);
  if (existing) return { file, span: existing.value.span, newText: value.startsWith('\n') ? value : value };
  const last = props.value.entries[props.value.entries.length - 1];
  if (!last) return undefined;
  const indent = indentationAt(found.text, last.key.span.start);
  return { file, span: { start: last.span.end, end: last.span.end }, newText: `\n${indent}${property}:${value.startsWith('\n') ? '' : ' '}${value}` };
}

function appendResource(ctx: CfnEditContext, near: ModelObject, name: string, lines: string[]): TextEdit[] | undefined {
  const file = ctx.data(near.origin.file);
  const text = ctx.text(near.origin.file);
  const resources = file && resourcesMap(file);
  const last = resources?.entries[resources.entries.length - 1];
  if (!file || !text || file.syntax !== 'yaml' || !last) return undefined;
  const indent = indentationAt(text, last.key.span.start);
  const taken = new Set(resources.entries.map((e) => e.key.value));
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
  const body = [`${unique}:`, ...lines.map((l) => '  ' + l)].map((l) => indent + l).join('\n');
  return [{ file: near.origin.file, span: { start: last.span.end, end: last.span.end }, newText: `\n\n${body}` }];
}

export function cloudFormationEdits(ctx: CfnEditContext, change: Change, subject: ModelObject): TextEdit[] | undefined {
  switch (change.kind) {
    case 'associate-endpoint-route-table': {
      const endpoint = get(ctx, change.endpoint);
      const table = get(ctx, change.routeTable);
      const found = endpoint && resourceEntry(ctx, endpoint);
      const r = endpoint && table && ref(endpoint, table);
      if (!endpoint || !found || !r) return undefined;
      const edit = appendToList(found, endpoint.origin.file, 'RouteTableIds', r);
      return edit ? [edit] : undefined;
    }
    case 'enable-private-dns': {
      const endpoint = get(ctx, change.endpoint);
      const found = endpoint && resourceEntry(ctx, endpoint);
      const edit = endpoint && found && setProperty(found, endpoint.origin.file, 'PrivateDnsEnabled', 'true');
      return edit ? [edit] : undefined;
    }
    case 'enable-vpc-dns': {
      const vpc = get(ctx, change.vpc);
      const found = vpc && resourceEntry(ctx, vpc);
      const name = change.attribute === 'enableDnsSupport' ? 'EnableDnsSupport' : 'EnableDnsHostnames';
      const edit = vpc && found && setProperty(found, vpc.origin.file, name, 'true');
      return edit ? [edit] : undefined;
    }
    case 'add-gateway-endpoint': {
      const vpc = get(ctx, change.vpc);
      if (!vpc) return undefined;
      const tables = change.routeTables.map((t) => get(ctx, t)).map((t) => (t ? ref(vpc, t) : undefined));
      const vpcRef = ref(vpc, vpc);
      if (!vpcRef || tables.some((t) => t === undefined)) return undefined;
      const name = change.service === 's3' ? 'S3GatewayEndpoint' : 'DynamoDbGatewayEndpoint';
      return appendResource(ctx, vpc, name, ['Type: AWS::EC2::VPCEndpoint', 'Properties:', `  VpcId: ${vpcRef}`, `  ServiceName: !Sub com.amazonaws.\${AWS::Region}.${change.service}`, '  VpcEndpointType: Gateway', '  RouteTableIds:', ...tables.map((t) => `    - ${t}`)]);
    }
    case 'add-sg-ingress': {
      const group = get(ctx, change.group);
      const source = change.sourceGroup ? get(ctx, change.sourceGroup) : undefined;
      if (!group) return undefined;
      const groupRef = ref(group, group, 'GroupId');
      const peer = source ? (ref(group, source, 'GroupId') ? `SourceSecurityGroupId: ${ref(group, source, 'GroupId')}` : undefined) : change.sourceCidr ? `CidrIp: ${change.sourceCidr}` : undefined;
      if (!groupRef || !peer) return undefined;
      // A standalone ingress resource avoids the circular dependency inline cross-references create (T3).
      return appendResource(ctx, group, `${group.address}IngressFrom${subject.address.replace(/[^A-Za-z0-9]/g, '')}`, ['Type: AWS::EC2::SecurityGroupIngress', 'Properties:', `  GroupId: ${groupRef}`, `  IpProtocol: ${change.protocol === '-1' ? '"-1"' : change.protocol}`, `  FromPort: ${change.port}`, `  ToPort: ${change.port}`, `  ${peer}`, `  Description: Added by Hyperplane Lens for ${subject.address}`]);
    }
    case 'add-sg-egress': {
      const group = get(ctx, change.group);
      const found = group && resourceEntry(ctx, group);
      if (!group || !found) return undefined;
      const target = /\//.test(change.peer) ? undefined : get(ctx, change.peer);
      const peer = /^[0-9.]+\/\d+$/.test(change.peer) ? `CidrIp: ${change.peer}` : target?.kind === 'security-group' && ref(group, target, 'GroupId') ? `DestinationSecurityGroupId: ${ref(group, target, 'GroupId')}` : undefined;
      if (!peer) return undefined;
      const props = entry(found.entry.value, 'Properties');
      const list = entry(props?.value, 'SecurityGroupEgress');
      if (!list || list.value.kind !== 'seq') return undefined; // adding the first inline egress rule would remove the default allow-all (T3)
      const last = list.value.items[list.value.items.length - 1];
      if (!last || found.text[list.value.span.start] === '[') return undefined;
      const indent = indentationAt(found.text, last.span.start);
      const lines = [`- IpProtocol: ${change.protocol === '-1' ? '"-1"' : change.protocol}`, `  FromPort: ${change.port}`, `  ToPort: ${change.port}`, `  ${peer}`];
      return [{ file: group.origin.file, span: { start: last.span.end, end: last.span.end }, newText: '\n' + lines.map((l) => indent + l).join('\n') }];
    }
    case 'add-nat-route': {
      const table = get(ctx, change.routeTable);
      const nat = change.natGateway ? get(ctx, change.natGateway) : undefined;
      const tableRef = table && ref(table, table);
      const natRef = table && nat && ref(table, nat);
      if (!table || !tableRef || !natRef) return undefined;
      return appendResource(ctx, table, `${table.address}NatRoute`, ['Type: AWS::EC2::Route', 'Properties:', `  RouteTableId: ${tableRef}`, '  DestinationCidrBlock: 0.0.0.0/0', `  NatGatewayId: ${natRef}`]);
    }
    case 'attach-vpc-execution-policy': {
      const role = get(ctx, change.role);
      const found = role && resourceEntry(ctx, role);
      const edit = role && found && appendToList(found, role.origin.file, 'ManagedPolicyArns', '!Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
      return edit ? [edit] : undefined;
    }
    default:
      return undefined;
  }
}
