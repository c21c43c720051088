// Hover text (Markdown) for what is under the cursor: a reference's resolved value, or the declared object:
// a function (where it runs, its reach table, blocked paths hop by hop, then its Hyperplane ENIs and sizing), a
// subnet (ENIs, addresses, route table and NACL in effect), a security group (hover/securityGroupHover.ts), a
// filter or gateway (which functions' paths use it, what it decides, whether the path is blocked later), a
// peering connection (whether it is accepted, P10), a regional service or target (how each function reaches
// it). Concise, scannable.

import { preHyperplaneEniEstimate } from '../analysis/enis';
import { peeringStatus } from '../analysis/peeringAcceptance';
import { counted } from '../analysis/listWords';
import type { AnalysisResult, DestinationReach, FunctionReport, Hop } from '../analysis/types';
import type { NetworkModel } from '../model/network';
import { isUnknown, type Maybe } from '../model/origin';
import type { Id, LambdaFunction, ModelObject, Subnet, Vpc, VpcPeeringConnection } from '../model/types';
import { whereItRuns } from './explain';
import { availabilityZoneText } from './hover/availabilityZone';
import { eniSection } from './hover/eniSharing';
import { laterText, pathUses, type PathUse } from './hover/pathUses';
import { securityGroupHover } from './hover/securityGroupHover';
import { shortName } from './hover/shortNames';
import type { ObjectIndex } from './objectIndex';
import { viaText } from './viaText';
import { code } from './hover/inlineCode';

const icon = { yes: '✅', no: '❌', partial: '⚠️', unknown: '❔' } as const;
const verdictIcon = { pass: '✓', block: '✗', unknown: '?' } as const;

export interface HoverContext {
  readonly model: NetworkModel;
  readonly result: AnalysisResult;
  readonly objects: ObjectIndex;
  /** The hyperplaneLens.eniQuotaPerVpc setting (H5); 500, AWS's default, when not given. */
  readonly eniQuotaPerVpc?: number;
}

export function objectHover(ctx: HoverContext, object: ModelObject): string | undefined {
  const text = declaredObjectHover(ctx, object);
  // CDK users know their construct path, not the generated logical id: show it under the title.
  const cdk = object.origin.cdkPath !== undefined ? `CDK: ${code(object.origin.cdkPath)}` : undefined;
  return text === undefined || cdk === undefined ? text : text.includes('\n') ? text.replace('\n', `\n\n${cdk}\n`) : `${text}\n\n${cdk}`;
}

function declaredObjectHover(ctx: HoverContext, object: ModelObject): string | undefined {
  switch (object.kind) {
    case 'lambda-function':
      return functionHover(ctx, object.id);
    case 'subnet':
      return subnetHover(ctx, object);
    case 'vpc':
      return vpcHover(ctx, object);
    case 'service-resource':
      return serviceHover(ctx, object.id, object.service, object.address);
    case 'target':
      return targetHover(ctx, object);
    case 'security-group':
      return securityGroupHover(ctx.model, ctx.result, object);
    case 'route-table':
    case 'network-acl':
    case 'nat-gateway':
    case 'vpc-endpoint':
    case 'internet-gateway':
    case 'egress-only-internet-gateway':
      return componentHover(ctx, object);
    case 'vpc-peering':
      return peeringHover(ctx, object);
    default:
      return undefined;
  }
}

function name(ctx: HoverContext, id: Maybe<Id> | null): string {
  if (id === null) return 'none';
  if (isUnknown(id)) return `unknown (${id.reason})`;
  return ctx.model.get(id)?.address ?? id;
}

export function functionHover(ctx: HoverContext, fnId: Id): string | undefined {
  const report = ctx.result.functions.find((f) => f.function === fnId);
  if (!report) return undefined;
  // What a user came for comes first, in the height of a hover: where it runs, then the reach table and the
  // blocked details; the ENIs and their sharing next; the quota and pre-2019 figures last.
  const lines = [`**λ ${name(ctx, fnId)}**`, '', `Runs ${runsWhere(ctx, report)}.`, ''];
  if (report.existence) lines.push(`May not be deployed: ${report.existence.reason}.`, '');
  lines.push(...reachTable(ctx, report), '');
  // Explain the blocked destinations the function needs; the others are in the table.
  const blocked = report.reach.filter((r) => (r.status === 'no' || r.status === 'partial') && r.needed);
  for (const reach of blocked.slice(0, 2)) lines.push(...blockedDetail(ctx, reach), '');
  if (blocked.length > 2) lines.push(`…and ${blocked.length - 2} more: run **Hyperplane Lens: Explain Reachability of Function…**`, '');
  const enis = eniSection(ctx.model, ctx.result, report);
  if (enis.lines.length > 0) lines.push(...enis.lines, '');
  lines.push(...eniSizingLines(ctx, report));
  if (enis.fullList.length > 0) lines.push(...enis.fullList);
  return lines.join('\n').trimEnd();
}

/**
 * Where the function runs, in one line: the common case (VPC and subnets all in the workspace) with short
 * names; anything else in the Explain command's words, which say what is unknown.
 */
function runsWhere(ctx: HoverContext, report: FunctionReport): string {
  const vpc = report.vpc;
  const subnets = report.subnets.filter((s): s is Id => !isUnknown(s));
  if (!report.vpcAttached || report.managedInstances || vpc === null || isUnknown(vpc) || !ctx.model.get(vpc)
    || subnets.length === 0 || subnets.length !== report.subnets.length) return whereItRuns(report, ctx.model);
  const count = report.enis.length;
  const enis = count === 0 ? 'Hyperplane ENIs' : `${count} Hyperplane ENI${count === 1 ? '' : 's'}`;
  const names = subnets.map((s) => code(shortName(ctx.model, s)));
  return `in the AWS-managed Lambda service VPC; reaches ${code(shortName(ctx.model, vpc))} through ${enis} in subnet${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

function reachTable(ctx: HoverContext, report: FunctionReport): string[] {
  if (report.reach.length === 0) return [];
  const rows = ['| | destination | how |', '|---|---|---|'];
  for (const r of report.reach) {
    let how = r.via ? viaText(r.via) : '';
    if (r.status === 'partial') {
      const ok = r.bySubnet.filter((s) => s.status === 'yes').map((s) => (ctx.model.get(s.subnet) ? shortName(ctx.model, s.subnet) : name(ctx, s.subnet)));
      how += `${how ? ' · ' : ''}from ${ok.join(', ')} only`;
    } else if (r.status === 'no' && r.blockedAt !== null) how = `blocked at ${code(name(ctx, r.blockedAt))}`;
    else if (r.status === 'no') how = r.reason ?? 'blocked';
    // The undecided component's hover says why at length; a table cell names it, as for a blocked path.
    else if (r.status === 'unknown' && r.blockedAt !== null) how = `undecided at ${code(name(ctx, r.blockedAt))}`;
    else if (r.status === 'unknown') how = r.explanation || 'unknown';
    rows.push(`| ${icon[r.status]} | ${r.needed ? `**${escapeCell(r.label)}**` : escapeCell(r.label)} | ${escapeCell(how)} |`);
  }
  // The port each answer was checked on: a security group that allows only 443 still shows ✓ for the internet.
  const bold = report.reach.some((r) => r.needed) ? 'Bold: destinations the function is known to need (environment, policies, file systems, group egress rules). ' : '';
  rows.push('', `_${bold}AWS services are checked on tcp 443 (HTTPS), the internet on 443 or the ports of the URLs the function names, private resources on their port._`);
  return rows;
}

function blockedDetail(ctx: HoverContext, reach: DestinationReach): string[] {
  const head = `**${icon[reach.status]} ${reach.label}**${reach.blockedAt !== null ? ` blocked at ${code(name(ctx, reach.blockedAt))}` : ''}${reach.reason ? ` (${reach.reason})` : ''}`;
  const lines = [head];
  reach.path.forEach((hop: Hop, i) => lines.push(`${i + 1}. ${verdictIcon[hop.verdict]} ${hop.label}: ${hop.detail}`));
  if (reach.fixes.length) lines.push('', `Fix${reach.fixes.length > 1 ? ' (any of)' : ''}: ${reach.fixes.map((f) => f.description).join('; **or** ')}`);
  return lines;
}

function subnetHover(ctx: HoverContext, subnet: Subnet): string {
  const { model } = ctx;
  const cidr = isUnknown(subnet.cidrBlock) ? 'CIDR unknown' : subnet.cidrBlock;
  const az = availabilityZoneText(subnet.availabilityZone);
  const rt = model.routeTableOf(subnet.id);
  const acl = model.naclOf(subnet.id);
  const lines = [`**${subnet.address}** · ${cidr} · ${az}`, ''];
  lines.push(`Route table: ${associated(name(ctx, rt.id), rt.explicit, 'main route table')}  `);
  lines.push(`Network ACL: ${associated(name(ctx, acl.id), acl.explicit, 'default network ACL')}`, '');
  const enis = ctx.result.enis.filter((e) => e.subnet === subnet.id);
  if (enis.length === 0) lines.push('No Hyperplane ENI is placed here.');
  else {
    lines.push(`Hyperplane ENIs here: **${enis.length}**`);
    for (const eni of enis) lines.push(`- {${eni.securityGroups.map((g) => name(ctx, g)).join(', ')}} → ${eni.functions.map((f) => code(name(ctx, f))).join(', ')}`);
  }
  const size = subnetSize(subnet);
  if (size !== undefined) lines.push('', `Addresses: ${enis.length} taken by Hyperplane ENIs of ${size - 5} usable (AWS reserves 5 per subnet). Each ENI takes one address, whatever the concurrency (H6).`);
  if (!isUnknown(subnet.vpc)) lines.push('', vpcQuotaLine(ctx, subnet.vpc));
  return lines.join('\n');
}

/**
 * A subnet's route table or NACL and how it applies. The VPC's implicit one is named `aws_vpc.v (main route
 * table)`: say "the main route table of `aws_vpc.v`" rather than repeat the words in and out of code.
 */
function associated(address: string, explicit: boolean, implicit: 'main route table' | 'default network ACL'): string {
  if (explicit) return `${code(address)} (explicit association)`;
  const suffix = ` (${implicit})`;
  if (address.endsWith(suffix)) return `the ${implicit} of ${code(address.slice(0, -suffix.length))} (no explicit association)`;
  return `${code(address)} (the VPC's ${implicit}: no explicit association)`;
}

// ---------------------------------------------------------------- Hyperplane ENI sizing (H1, H5, H9)

const DEFAULT_ENI_QUOTA = 500;

/** The quota and where it comes from: AWS's default, or the user's setting (for a raised quota). */
function quotaOf(ctx: HoverContext): string {
  const quota = ctx.eniQuotaPerVpc ?? DEFAULT_ENI_QUOTA;
  const source = quota === DEFAULT_ENI_QUOTA ? "AWS's default; set `hyperplaneLens.eniQuotaPerVpc` if yours was raised" : 'from the setting `hyperplaneLens.eniQuotaPerVpc`';
  return `${quota} per VPC (${source})`;
}

function enisInVpc(ctx: HoverContext, vpc: Id): number {
  let n = 0;
  for (const eni of ctx.result.enis) if (eni.vpc === vpc) n++;
  return n;
}

/** H5: the VPC's Hyperplane ENIs (distinct subnet and security-group combinations) against the quota. */
function vpcQuotaLine(ctx: HoverContext, vpc: Id): string {
  return `${code(name(ctx, vpc))} needs **${counted(enisInVpc(ctx, vpc), 'Hyperplane ENI')}**; the quota is ${quotaOf(ctx)} (H5).`;
}

/** What the function's memory and concurrency are, or why they are not known. */
function sizing(fn: LambdaFunction): { memory: number | string; concurrency: number | string } {
  const memory = fn.memorySize === undefined ? 'memory size not read' : isUnknown(fn.memorySize) ? `memory size unknown (${fn.memorySize.reason})` : fn.memorySize;
  const reserved = fn.reservedConcurrency;
  const concurrency = reserved === undefined ? 'reserved concurrency not read'
    : reserved === null ? 'no reserved concurrency: its peak is bounded only by the account limit'
      : isUnknown(reserved) ? `reserved concurrency unknown (${reserved.reason})` : reserved;
  return { memory, concurrency };
}

/**
 * H9: what the pre-2019 model (one ENI per execution environment) would have needed, shown only to explain
 * why the design changed; and H5: the function's VPC against the ENI quota.
 */
function eniSizingLines(ctx: HoverContext, report: FunctionReport): string[] {
  if (report.enis.length === 0) return [];
  const lines: string[] = [];
  if (report.vpc !== null && !isUnknown(report.vpc)) lines.push(vpcQuotaLine(ctx, report.vpc) + '  ');
  const fn = ctx.model.get(report.function);
  if (fn?.kind !== 'lambda-function') return [...lines, ''];
  const { memory, concurrency } = sizing(fn);
  const now = `today ${report.enis.length}, one per subnet and security-group set, whatever the concurrency (H9)`;
  if (typeof memory === 'number' && typeof concurrency === 'number') {
    const estimate = preHyperplaneEniEstimate(concurrency, memory);
    lines.push(`Before Hyperplane (2019): concurrency × memory / 3 GB = ${concurrency} × ${memory} MB / 3072 MB ≈ **${estimate}** ENIs, each taking a subnet address; ${now}.`);
  } else if (typeof memory === 'number') {
    lines.push(`Before Hyperplane (2019): concurrency × memory / 3 GB = ${preHyperplaneEniEstimate(100, memory)} ENIs per 100 concurrent executions at ${memory} MB (${concurrency}); ${now}.`);
  } else {
    const unknowns = typeof concurrency === 'number' ? memory : `${memory}; ${concurrency}`;
    lines.push(`Before Hyperplane (2019): concurrency × memory / 3 GB ENIs, not computable here (${unknowns}); ${now}.`);
  }
  return [...lines, ''];
}

function vpcHover(ctx: HoverContext, vpc: Vpc): string {
  const cidr = vpc.cidrBlocks.map((c) => (isUnknown(c) ? 'CIDR unknown' : c)).join(', ') || 'no CIDR';
  const lines = [`**${vpc.address}** · ${cidr}`, '', vpcQuotaLine(ctx, vpc.id)];
  const fns = ctx.result.functions.filter((f) => f.vpc === vpc.id && f.enis.length > 0);
  if (fns.length > 0) {
    lines.push('', `Functions attached: ${fns.slice(0, 12).map((f) => code(name(ctx, f.function))).join(', ')}${fns.length > 12 ? ` and ${fns.length - 12} more` : ''}.`);
    let total = 0;
    const open: string[] = [];
    for (const f of fns) {
      const fn = ctx.model.get(f.function);
      const { memory, concurrency } = fn?.kind === 'lambda-function' ? sizing(fn) : { memory: 'not a function', concurrency: '' };
      if (typeof memory === 'number' && typeof concurrency === 'number') total += preHyperplaneEniEstimate(concurrency, memory);
      else open.push(`${code(name(ctx, f.function))}: ${[memory, concurrency].filter((x) => typeof x === 'string' && x !== '').join('; ')}`);
    }
    const head = 'Before Hyperplane (2019), each execution environment had its own ENI (concurrency × memory / 3 GB per function, H9)';
    if (open.length === 0) lines.push('', `${head}: **${total}** ENIs for these functions.`);
    else lines.push('', `${head}: ${open.length === fns.length ? 'not computable here' : `at least ${total}`}, since ${counted(open.length, 'function')} ${open.length === 1 ? 'lacks' : 'lack'} the inputs:`, ...open.slice(0, 6).map((o) => `- ${o}`));
  }
  return lines.join('\n');
}

function subnetSize(subnet: Subnet): number | undefined {
  if (isUnknown(subnet.cidrBlock)) return undefined;
  const prefix = Number(subnet.cidrBlock.split('/')[1]);
  return Number.isInteger(prefix) && prefix >= 16 && prefix <= 28 ? 2 ** (32 - prefix) : undefined;
}

/** Which functions' paths pass through a component, and what it decided for each. */
function componentHover(ctx: HoverContext, object: ModelObject): string {
  return [`**${object.address}**`, '', ...pathLines(ctx, object.id)].join('\n');
}

/** `detail` may shorten what a hop says when the hover has said it already. */
function pathLines(ctx: HoverContext, component: Id, detail: (hop: Hop) => string = (hop) => hop.detail): string[] {
  const uses: string[] = [];
  // One line per function and destination: the hop that tells most (a block, an open answer, a pass on a path
  // that does not reach, then a pass), with what became of the path after it.
  const rank = (u: PathUse): number => (u.hop.verdict === 'block' ? 0 : u.hop.verdict === 'unknown' ? 1 : u.outcome.status === 'yes' ? 3 : 2);
  const best = new Map<DestinationReach, PathUse>();
  for (const use of pathUses(ctx.result, (hop) => hop.component === component)) {
    const known = best.get(use.reach);
    if (known === undefined || rank(use) < rank(known)) best.set(use.reach, use);
  }
  for (const use of best.values()) {
    if (uses.length >= 12) break;
    const later = laterText(use.hop, use.outcome, (id) => code(name(ctx, id)));
    uses.push(`- ${verdictIcon[use.hop.verdict]} ${code(name(ctx, use.fn))} → ${use.reach.label}: ${detail(use.hop)}${later}`);
  }
  return uses.length === 0 ? ['No Lambda function path goes through this component.'] : ['Lambda paths through it:', ...uses];
}

/** P10: whether the connection is accepted (active) and why, the accepters naming it, then the paths through it. */
function peeringHover(ctx: HoverContext, pcx: VpcPeeringConnection): string {
  const status = peeringStatus(ctx.model, pcx);
  const state = status.accepted === true ? '✅ Accepted (active)' : status.accepted === false ? '❌ Not accepted (pending-acceptance: carries no traffic)' : '❔ Acceptance not known';
  const lines = [`**${pcx.address}** · ${name(ctx, pcx.vpc)} ↔ ${name(ctx, pcx.peerVpc)}`, '', `${state}: ${status.why} (P10).`];
  if (status.accepted !== true && status.fixes.length > 0) lines.push('', `To accept it: ${status.fixes.map((f) => f.description).join('; **or** ')}.`);
  const accepters = status.accepters.map((a) => `${code(a.address)} (auto_accept = ${isUnknown(a.autoAccept) ? `unknown: ${a.autoAccept.reason}` : String(a.autoAccept)}${a.existence ? `; may not be created: ${a.existence.reason}` : ''})`);
  if (accepters.length > 0) lines.push('', `Accepter${accepters.length > 1 ? 's' : ''} in the workspace: ${accepters.join(', ')}.`);
  else if (status.accepted !== true) lines.push('', 'No accepter in the workspace names it.');
  // The peering hop repeats the acceptance stated above: each path says only what it means for that path.
  const short = status.accepted === true ? 'connects the two VPCs' : status.accepted === false ? 'the connection is not active (see above)' : 'acceptance not known (see above)';
  return [...lines, '', ...pathLines(ctx, pcx.id, (hop) => (hop.detail === status.detail ? short : hop.detail))].join('\n');
}

function serviceHover(ctx: HoverContext, id: Id, service: string, address: string): string {
  const lines = [`**${address}** · ${service}`, '', `Lives outside every VPC, in the Region. A function without VPC config reaches it from the Lambda service VPC; a VPC-attached function needs a NAT gateway or a VPC endpoint.`, ''];
  const rows: string[] = [];
  for (const report of ctx.result.functions) {
    const reach = report.reach.find((r) => r.target === id) ?? report.reach.find((r) => r.destination === service && r.needed && r.neededBecause.some((b) => b.includes(address)));
    if (reach) rows.push(`- ${icon[reach.status]} ${code(name(ctx, report.function))}${reach.via ? ` via ${viaText(reach.via)}` : ''}`);
  }
  if (rows.length) lines.push('Functions that use it:', ...rows);
  return lines.join('\n');
}

function targetHover(ctx: HoverContext, target: Extract<ModelObject, { kind: 'target' }>): string {
  const port = isUnknown(target.port) ? 'port unknown' : `port ${target.port}`;
  const lines = [`**${target.address}** · ${target.targetKind} · ${port}`, ''];
  if (target.serverlessDataApi) lines.push('Its Data API lives outside every VPC, like the other regional services.', '');
  lines.push(...proxyLines(ctx, target));
  const rows: string[] = [];
  for (const report of ctx.result.functions) {
    const reach = report.reach.find((r) => r.target === target.id);
    if (reach) rows.push(`- ${icon[reach.status]} ${code(name(ctx, report.function))}${reach.blockedAt ? `: blocked at ${code(name(ctx, reach.blockedAt))}` : reach.via ? ` via ${viaText(reach.via)}` : ''}`);
  }
  // A database behind a proxy: functions that need the proxy use the database through it.
  for (const proxy of proxiesOf(ctx, target)) {
    for (const report of ctx.result.functions) {
      const reach = report.reach.find((r) => r.target === proxy.id);
      if (reach) rows.push(`- ${icon[reach.status]} ${code(name(ctx, report.function))} through the proxy ${code(proxy.address)}${reach.blockedAt ? `: blocked at ${code(name(ctx, reach.blockedAt))}` : ''}`);
    }
  }
  lines.push(rows.length ? 'Functions that need it:' : 'No function in the workspace is known to need it.', ...rows);
  return lines.join('\n');
}

/** Proxies (not proxy endpoints) whose target group names this database (P14). */
function proxiesOf(ctx: HoverContext, target: Extract<ModelObject, { kind: 'target' }>): readonly Extract<ModelObject, { kind: 'target' }>[] {
  if (target.targetKind === 'rds-proxy') return [];
  return ctx.model.childrenOf(target.id).filter((c) => c.targetKind === 'rds-proxy');
}

/** The RDS Proxy link (P14): a proxy names its database, a database its proxies, an endpoint its proxy. */
function proxyLines(ctx: HoverContext, target: Extract<ModelObject, { kind: 'target' }>): string[] {
  if (target.targetKind === 'rds-proxy') {
    const parent = target.parent !== null && !isUnknown(target.parent) ? ctx.model.get(target.parent) : undefined;
    if (parent?.kind !== 'target') return ['RDS Proxy: its target group names no database of the workspace.', ''];
    if (parent.targetKind === 'rds-proxy') return [`An endpoint of the RDS Proxy ${code(parent.address)}.`, ''];
    return [`RDS Proxy in front of ${code(parent.address)} (${parent.targetKind}): functions connect to the proxy; the proxy reaches the database from its own subnets and security groups (P14).`, ''];
  }
  const proxies = proxiesOf(ctx, target);
  if (proxies.length === 0) return [];
  return [`Behind the RDS Proxy ${proxies.map((p) => code(p.address)).join(', ')}: functions that use the proxy reach the database through it (P14).`, ''];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
