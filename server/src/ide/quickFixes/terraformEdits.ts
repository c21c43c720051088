// Quick-fix code for Terraform: edits an existing block (adds an inline rule, an attribute, a list item)
// or appends a new resource, reusing the module's own names and references.

import type { Change } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import { isUnknown } from '../../model/origin';
import type { Id, ModelObject } from '../../model/types';
import type { HclAttribute, HclBlock, HclFile } from '../../syntax/hcl/ast';
import { appendAtEnd, codeStyle, indentationAt, restyle, type TextEdit } from './textEdit';
import { removeOwnVpcConfig } from './vpcConfigRemoval';

export interface TfEditContext {
  readonly model: NetworkModel;
  readonly hcl: (file: string) => HclFile | undefined;
  readonly text: (file: string) => string | undefined;
}

/** `module.a.module.b.aws_x.y[0]` → { module: 'module.a.module.b.', local: 'aws_x.y[0]' } */
function splitAddress(address: string): { module: string; local: string } {
  const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)(.*)$/.exec(address);
  return { module: m?.[1] ?? '', local: m?.[2] ?? address };
}

/**
 * The VPC attribute that names an object the VPC creates implicitly (model/build.ts gives it the id
 * `<vpc id>#<which>` and the address `<vpc address> (<which in words>)`).
 */
const IMPLICIT_ATTRIBUTES: Readonly<Record<string, string>> = {
  'main-route-table': 'main_route_table_id',
  'default-security-group': 'default_security_group_id',
  'default-network-acl': 'default_network_acl_id',
};

/** An expression referring to `target` from code in the module of `from`, or undefined across modules. */
export function tfReference(from: ModelObject, target: ModelObject, attribute = 'id'): string | undefined {
  const a = splitAddress(from.address);
  const hash = target.id.lastIndexOf('#');
  const implicit = hash < 0 ? undefined : IMPLICIT_ATTRIBUTES[target.id.slice(hash + 1)];
  if (implicit !== undefined) {
    // A VPC's main route table (default SG, default NACL) has no block of its own: the VPC's attribute names it.
    if (attribute !== 'id') return undefined;
    const vpc = splitAddress(target.address.slice(0, target.address.lastIndexOf(' (')));
    return a.module === vpc.module && from.stack === target.stack ? `${vpc.local}.${implicit}` : undefined;
  }
  const b = splitAddress(target.address);
  if (a.module !== b.module || from.stack !== target.stack) return undefined;
  return `${b.local}.${attribute}`;
}

function blockOf(ctx: TfEditContext, object: ModelObject): HclBlock | undefined {
  const file = ctx.hcl(object.origin.file);
  if (!file) return undefined;
  const start = object.origin.span.start;
  return file.body.items.find((i): i is HclBlock => i.kind === 'block' && i.span.start <= start && start < i.span.end);
}

function attribute(block: HclBlock, name: string): HclAttribute | undefined {
  return block.body.items.find((i): i is HclAttribute => i.kind === 'attribute' && i.name === name);
}

/** Inserts lines just before the block's closing brace, indented one level deeper than the block. */
function insertInBlock(ctx: TfEditContext, object: ModelObject, block: HclBlock, lines: string[]): TextEdit | undefined {
  return insertLinesInBlock(ctx, object.origin.file, block, lines);
}

/** Inserts lines just before the closing brace of `block` in `file`, indented one level deeper than the block. */
export function insertLinesInBlock(ctx: { readonly text: (file: string) => string | undefined }, file: string, block: HclBlock, lines: string[]): TextEdit | undefined {
  const text = ctx.text(file);
  if (!text || text[block.span.end - 1] !== '}') return undefined;
  const style = codeStyle(text);
  const outer = indentationAt(text, block.span.start);
  // The block's own attributes show its indentation (tabs, four spaces); else one step of the file's.
  const first = block.body.items[0];
  const firstIndent = first ? indentationAt(text, first.span.start) : '';
  const inner = first && firstIndent.length > outer.length && text.slice(first.span.start - firstIndent.length, first.span.start) === firstIndent ? firstIndent : outer + style.unit;
  const close = block.span.end - 1;
  let at = close;
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  const needsNewline = text[at - 1] !== '\n';
  const body = lines.map((l) => (l ? inner + restyle(l, style) : '')).join(style.eol);
  return { file, span: { start: at, end: at }, newText: `${needsNewline ? style.eol : ''}${body}${style.eol}${outer}` };
}

function uniqueName(model: NetworkModel, module: string, type: string, wanted: string): string {
  const taken = new Set(model.all('vpc-endpoint').map((o) => o.address).concat(model.all('route').map((o) => o.address), model.all('security-group-rule').map((o) => o.address), model.all('role-policy-attachment').map((o) => o.address)));
  let name = wanted;
  for (let i = 2; taken.has(`${module}${type}.${name}`); i++) name = `${wanted}_${i}`;
  return name;
}

function get(ctx: TfEditContext, id: Id): ModelObject | undefined {
  return ctx.model.get(ctx.model.canonical(id));
}

export function terraformEdits(ctx: TfEditContext, change: Change, subject: ModelObject): TextEdit[] | undefined {
  switch (change.kind) {
    case 'associate-endpoint-route-table': {
      const endpoint = get(ctx, change.endpoint);
      const table = get(ctx, change.routeTable);
      if (!endpoint || !table) return undefined;
      const ref = tfReference(endpoint, table);
      const block = blockOf(ctx, endpoint);
      const attr = block && attribute(block, 'route_table_ids');
      if (ref && attr && attr.expr.kind === 'tuple') {
        const last = attr.expr.items[attr.expr.items.length - 1];
        const at = last ? last.span.end : attr.expr.span.start + 1;
        return [{ file: endpoint.origin.file, span: { start: at, end: at }, newText: last ? `, ${ref}` : ref }];
      }
      if (ref && block && !attr) return maybe(insertInBlock(ctx, endpoint, block, [`route_table_ids = [${ref}]`]));
      const endpointRef = tfReference(table, endpoint);
      const tableRef = tfReference(table, table);
      if (!endpointRef || !tableRef) return undefined;
      const name = uniqueName(ctx.model, splitAddress(table.address).module, 'aws_vpc_endpoint_route_table_association', 'endpoint');
      return appendResource(ctx, table.origin.file, `resource "aws_vpc_endpoint_route_table_association" "${name}" {\n  vpc_endpoint_id = ${endpointRef}\n  route_table_id  = ${tableRef}\n}`);
    }
    case 'add-gateway-endpoint': {
      const vpc = get(ctx, change.vpc);
      if (!vpc) return undefined;
      const tables = change.routeTables.map((t) => get(ctx, t)).filter((t): t is ModelObject => t !== undefined);
      const refs = tables.map((t) => tfReference(vpc, t));
      const vpcRef = tfReference(vpc, vpc);
      if (!vpcRef || refs.some((r) => r === undefined)) return undefined;
      const region = isUnknown(ctx.model.region) ? '${data.aws_region.current.name}' : ctx.model.region;
      const name = uniqueName(ctx.model, splitAddress(vpc.address).module, 'aws_vpc_endpoint', change.service);
      const block = `resource "aws_vpc_endpoint" "${name}" {\n  vpc_id            = ${vpcRef}\n  service_name      = "com.amazonaws.${region}.${change.service}"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [${refs.join(', ')}]\n}`;
      const dataBlock = isUnknown(ctx.model.region) ? 'data "aws_region" "current" {}\n\n' : '';
      return appendResource(ctx, vpc.origin.file, dataBlock + block);
    }
    case 'enable-private-dns': {
      const endpoint = get(ctx, change.endpoint);
      const block = endpoint && blockOf(ctx, endpoint);
      if (!endpoint || !block) return undefined;
      const attr = attribute(block, 'private_dns_enabled');
      if (attr) return [{ file: endpoint.origin.file, span: attr.expr.span, newText: 'true' }];
      return maybe(insertInBlock(ctx, endpoint, block, ['private_dns_enabled = true']));
    }
    case 'enable-vpc-dns': {
      const vpc = get(ctx, change.vpc);
      const block = vpc && blockOf(ctx, vpc);
      if (!vpc || !block) return undefined;
      const name = change.attribute === 'enableDnsSupport' ? 'enable_dns_support' : 'enable_dns_hostnames';
      const attr = attribute(block, name);
      if (attr) return [{ file: vpc.origin.file, span: attr.expr.span, newText: 'true' }];
      return maybe(insertInBlock(ctx, vpc, block, [`${name} = true`]));
    }
    case 'add-sg-egress':
    case 'add-sg-ingress': {
      const group = get(ctx, change.group);
      const block = group && blockOf(ctx, group);
      if (!group || !block) return undefined;
      const egress = change.kind === 'add-sg-egress';
      let peer: Attr | undefined;
      if (change.kind === 'add-sg-egress') peer = peerExpression(ctx, group, change.peer);
      else if (change.sourceGroup) {
        const source = get(ctx, change.sourceGroup);
        const ref = source && tfReference(group, source);
        peer = ref ? ['security_groups', `[${ref}]`] : undefined;
      } else if (change.sourceCidr) peer = ['cidr_blocks', `["${change.sourceCidr}"]`];
      if (!peer || block.type !== 'resource' || block.labels[0]?.value !== 'aws_security_group') return undefined;
      const all = change.protocol === '-1';
      const rule = aligned([
        ['description', `"Added by Hyperplane Lens for ${subject.address}"`],
        ['from_port', String(all ? 0 : change.port)],
        ['to_port', String(all ? 0 : change.port)],
        ['protocol', `"${change.protocol}"`],
        peer,
      ]);
      return maybe(insertInBlock(ctx, group, block, ['', `${egress ? 'egress' : 'ingress'} {`, ...rule.map((line) => `  ${line}`), '}']));
    }
    case 'add-nat-route': {
      const table = get(ctx, change.routeTable);
      const block = table && blockOf(ctx, table);
      const nat = change.natGateway ? get(ctx, change.natGateway) : undefined;
      const natRef = table && nat && tfReference(table, nat);
      if (!table || !block || !natRef) return undefined;
      return maybe(insertInBlock(ctx, table, block, ['', 'route {', '  cidr_block     = "0.0.0.0/0"', `  nat_gateway_id = ${natRef}`, '}']));
    }
    case 'attach-vpc-execution-policy': {
      const role = get(ctx, change.role);
      const roleRef = role && tfReference(role, role, 'name');
      if (!role || !roleRef) return undefined;
      const name = uniqueName(ctx.model, splitAddress(role.address).module, 'aws_iam_role_policy_attachment', 'vpc_access');
      return appendResource(ctx, role.origin.file, `resource "aws_iam_role_policy_attachment" "${name}" {\n  role       = ${roleRef}\n  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"\n}`);
    }
    case 'remove-vpc-config': {
      const fn = get(ctx, change.function);
      const edit = fn?.kind === 'lambda-function' ? removeOwnVpcConfig(ctx, fn) : undefined;
      return edit ? [edit] : undefined;
    }
    default:
      return undefined;
  }
}

/** An attribute to write: name and expression text. */
type Attr = readonly [name: string, expression: string];

/** `name = value` lines with the equals signs aligned as `terraform fmt` aligns consecutive attributes. */
function aligned(attrs: readonly Attr[]): string[] {
  const width = Math.max(...attrs.map(([name]) => name.length));
  return attrs.map(([name, value]) => `${name.padEnd(width)} = ${value}`);
}

function peerExpression(ctx: TfEditContext, group: ModelObject, peer: string): Attr | undefined {
  if (/^[0-9.]+\/\d+$/.test(peer)) return ['cidr_blocks', `["${peer}"]`];
  if (/^[0-9a-f:]+\/\d+$/i.test(peer)) return ['ipv6_cidr_blocks', `["${peer}"]`];
  const target = get(ctx, peer);
  if (!target) return undefined;
  if (target.kind === 'vpc-endpoint') {
    const ref = tfReference(group, target, 'prefix_list_id');
    return ref ? ['prefix_list_ids', `[${ref}]`] : undefined;
  }
  if (target.kind === 'security-group') {
    const ref = tfReference(group, target);
    return ref ? ['security_groups', `[${ref}]`] : undefined;
  }
  return undefined;
}

function appendResource(ctx: TfEditContext, file: string, block: string): TextEdit[] | undefined {
  const text = ctx.text(file);
  return text === undefined ? undefined : [appendAtEnd(file, text, block)];
}

function maybe(edit: TextEdit | undefined): TextEdit[] | undefined {
  return edit ? [edit] : undefined;
}
