// Filter rules, routes, subnet associations and prefix list entries whose count/for_each is unknown (T3, T4,
// T5): Terraform may create any number of them, so dropping them would make a NACL or SG look stricter than it is
// (a NACL "final * rule denies" that is not true), a table route-less, a subnet fall back to its VPC's main table
// or default NACL for certain, or a prefix list look empty. Each such resource becomes one placeholder of its owner with unknown fields: the engine then
// answers "unknown" wherever one of them could decide, and still "no" where a known rule blocks regardless.

import { unknown, type Origin, type Unknown } from '../../../model/origin';
import type { Base } from '../../../model/types';
import { BlockView } from '../blockView';
import { makeScope, unknownValue } from '../evaluator';
import type { ResourceHandle } from '../moduleInstance';
import { argId, toBool, toPrefixListRef, toStr } from '../modelValues';
import type { TfSession } from '../session';
import type { EmitState } from './mapper';
import { routeDestination } from './network';

const uncountedTypes = new Set([
  'aws_network_acl_rule', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule',
  'aws_route', 'aws_route_table_association', 'aws_network_acl_association', 'aws_ec2_managed_prefix_list_entry',
]);

/** Emits a placeholder for a filter-rule resource whose number of instances is unknown; no-op otherwise. */
export function emitUncountedRule(handle: ResourceHandle, session: TfSession, state: EmitState): void {
  const decl = handle.decl;
  if (!uncountedTypes.has(decl.type)) return;
  const expansion = handle.expansion();
  if (expansion.kind !== 'unknown') return;
  const why = `${handle.label} has an unknown number of instances (${expansion.value.reason})`;
  const u = (): Unknown => unknown(why);
  const scope = makeScope(handle.mod, decl.file, {
    count: decl.count ? unknownValue(why) : undefined,
    each: decl.forEach ? { key: unknownValue(why), value: unknownValue(why) } : undefined,
  });
  const nameSpan = decl.block.labels[1]?.span ?? decl.block.typeSpan;
  const view = new BlockView(decl.block.body, scope, decl.block.span, nameSpan);
  const origin: Origin = { file: decl.file, span: decl.block.span, nameSpan };
  const base = (suffix: string): Base => ({ id: session.idOf(`${handle.label}[*]${suffix}`), address: handle.label, stack: session.stack, origin });
  if (decl.type === 'aws_route') {
    // Its destination may be written plainly ("0.0.0.0/0"); whether it exists, and its target, are unknown.
    state.objects.push({ kind: 'route', routeTable: argId(view, 'route_table_id'), destination: routeDestination(view, 'destination_cidr_block', 'destination_ipv6_cidr_block'), target: { kind: 'unknown', ref: u() }, inline: false, existence: u(), ...base('') });
    return;
  }
  if (decl.type === 'aws_ec2_managed_prefix_list_entry') {
    // Any number of entries, each may be any CIDR: an unknown entry of its list (prefixListEntries.ts).
    state.listEntries?.push({ list: toPrefixListRef(view.attr('prefix_list_id')), cidr: u(), existence: u(), address: handle.label, file: decl.file, span: nameSpan });
    return;
  }
  if (decl.type === 'aws_route_table_association') {
    if (view.isSet('gateway_id')) return; // an edge association gives no subnet its table
    // model/build.ts: an association of an unknown subnet leaves the subnets of the table's VPC that have no
    // other association without a certain route table.
    state.objects.push({ kind: 'route-table-association', subnet: u(), routeTable: argId(view, 'route_table_id'), ...base('') });
    return;
  }
  if (decl.type === 'aws_network_acl_association') {
    state.objects.push({ kind: 'network-acl-association', subnet: u(), acl: argId(view, 'network_acl_id'), ...base('') });
    return;
  }
  if (decl.type === 'aws_network_acl_rule') {
    state.objects.push({
      kind: 'network-acl-entry', acl: argId(view, 'network_acl_id'), ruleNumber: u(), egress: toBool(view.attr('egress'), 'egress', false) === true,
      action: u(), protocol: u(), cidr: u(), ipv6Cidr: u(), fromPort: u(), toPort: u(), inline: false, ...base(''),
    });
    return;
  }
  const type = decl.type === 'aws_security_group_rule' ? toStr(view.attr('type'), 'type') : decl.type.endsWith('ingress_rule') ? 'ingress' : 'egress';
  const directions: readonly ('ingress' | 'egress')[] = type === 'ingress' || type === 'egress' ? [type] : ['ingress', 'egress'];
  for (const direction of directions) {
    state.objects.push({
      kind: 'security-group-rule', group: argId(view, 'security_group_id'), direction,
      protocol: u(), fromPort: u(), toPort: u(), peer: { kind: 'ipv4', cidr: u() }, inline: false, ...base(directions.length > 1 ? `/${direction}` : ''),
    });
  }
}
