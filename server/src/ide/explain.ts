// The full explanation of a function's reachability as Markdown: where it runs, its Hyperplane ENIs, and for
// each destination the status, the path hop by hop, the blocking hop and the fixes. Used by the Explain
// command, the hover's detail and (as plain text) the CLI's explain command. A destination the function is not
// known to need is computed on demand (a user asks exactly about those: "why can't it reach the cache?").

import type { AnalysisResult, DestinationReach, FunctionReport, Hop, ModelView } from './../analysis/types';
import { isUnknown } from '../model/origin';
import type { Id, VpcConfig } from '../model/types';
import type { NetworkModel } from '../model/network';
import { reachOfDestination } from '../analysis/analyze';
import { findDestination, serviceNames, targetNames } from '../analysis/askedDestination';
import { displayName, symbolLabel } from '../analysis/naming';
import { viaText } from './viaText';
import { listWords, someWords } from '../analysis/listWords';

const statusWord = { yes: 'reachable', no: 'blocked', partial: 'partial (some subnets only)', unknown: 'unknown' } as const;
const statusIcon = { yes: '✅', no: '❌', partial: '⚠️', unknown: '❔' } as const;
const verdictIcon = { pass: '✓', block: '✗', unknown: '?' } as const;

/**
 * The function a user names: by id, by address, else by the end of its address when only one function's
 * address ends so (`aws_lambda_function.this[0]` for `module.api.aws_lambda_function.this[0]`, the logical id
 * `Fn` for `NestedStack/Fn`).
 */
export function findFunctionReport(result: AnalysisResult, model: ModelView, key: string): FunctionReport | undefined {
  const exact = result.functions.find((f) => f.function === key) ?? result.functions.find((f) => model.get(f.function)?.address === key);
  if (exact) return exact;
  const matches = functionsEndingWith(result, model, key);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The functions whose address ends with `key` after a Terraform `.` or a nested stack's `/`. */
export function functionsEndingWith(result: AnalysisResult, model: ModelView, key: string): FunctionReport[] {
  return result.functions.filter((f) => {
    const address = model.get(f.function)?.address;
    return address !== undefined && (address.endsWith(`.${key}`) || address.endsWith(`/${key}`));
  });
}

export function whereItRuns(report: FunctionReport, model: ModelView): string {
  const name = (id: Id): string => model.get(id)?.address ?? id;
  if (report.managedInstances) {
    if (report.subnets.length === 0) {
      // A capacity provider's whole subnet list the workspace cannot know is not in report.subnets: its
      // reason is on the provider's config (a data source read at plan time, a variable without a value).
      const list = vpcConfigOf(model, report.function)?.subnets;
      const why = list !== undefined && isUnknown(list) ? list.reason : 'its capacity provider names no subnets';
      return `on Lambda Managed Instances in the customer's subnets, which are unknown (${why})`;
    }
    return `on Lambda Managed Instances in the customer's subnets (${report.subnets.map((s) => (isUnknown(s) ? 'unknown subnet' : name(s))).join(', ')})`;
  }
  if (!report.vpcAttached) return 'in the AWS-managed Lambda service VPC, with no VPC attachment: internet and public AWS endpoints only, no private addresses';
  const vpc = report.vpc === null ? 'a VPC' : isUnknown(report.vpc) ? 'a VPC the workspace does not define' : name(report.vpc);
  const known = report.subnets.filter((s): s is Id => !isUnknown(s)).map(name);
  const unknowns = report.subnets.filter(isUnknown);
  // A subnet the workspace does not define but the code names (a literal id, a parameter, an export) is named
  // as the ENI list and the By subnet line name it; only the nameless ones are counted.
  const symbolic = [...new Set(unknowns.filter((u) => u.symbol !== undefined).map(symbolLabel))];
  const nameless = unknowns.filter((u) => u.symbol === undefined).length;
  if (known.length === 0 && symbolic.length === 0) {
    // A whole list the workspace cannot know is not in report.subnets: its reason is on the config.
    const list = vpcConfigOf(model, report.function)?.subnets;
    const whole = list !== undefined && isUnknown(list) ? list : undefined;
    if (whole?.symbol !== undefined) {
      return `in the AWS-managed Lambda service VPC; reaches ${vpc} through Hyperplane ENIs in subnets ${symbolLabel(whole)} (not defined in the workspace: ${whole.reason})`;
    }
    const why = unknowns[0]?.reason ?? whole?.reason ?? 'its subnets are not known';
    return `in the AWS-managed Lambda service VPC; reaches ${vpc} through Hyperplane ENIs in subnets the workspace does not define (${why})`;
  }
  const subnets = [...known, ...symbolic, ...(nameless ? [`${nameless} unknown subnet${nameless === 1 ? '' : 's'}`] : [])];
  const count = report.enis.length;
  const enis = count === 0 ? 'Hyperplane ENIs' : `${count} Hyperplane ENI${count === 1 ? '' : 's'}`;
  const undefinedNote = known.length === 0 ? ' (not defined in the workspace)' : '';
  return `in the AWS-managed Lambda service VPC; reaches ${vpc} through ${enis} in subnet${subnets.length === 1 ? '' : 's'} ${subnets.join(', ')}${undefinedNote}`;
}

/** The VPC config a function is placed by: its own, or its Lambda Managed Instances capacity provider's. */
export function vpcConfigOf(model: ModelView, fnId: Id): VpcConfig | null {
  const fn = model.get(fnId);
  if (fn?.kind !== 'lambda-function') return null;
  if (fn.capacityProvider === null) return fn.vpcConfig;
  if (isUnknown(fn.capacityProvider)) return null;
  const provider = model.get(fn.capacityProvider);
  return provider?.kind === 'capacity-provider' ? provider.vpcConfig : null;
}

/**
 * The answer for one destination a user names: a destination of the report as analysed, else any service or
 * target computed on demand (not needed, so no finding); `standsFor` is the object named when it stands for
 * another destination (a queue for the sqs API). Unknown and ambiguous names get the message to show.
 */
export type DestinationAnswer =
  | { readonly kind: 'reach'; readonly reach: DestinationReach; readonly standsFor: string | null }
  | { readonly kind: 'unknown'; readonly message: string };

/** At most this many names of each group are listed for a name that matches nothing. */
const LISTED = 12;

export function destinationAnswer(model: NetworkModel, report: FunctionReport, destination: string): DestinationAnswer {
  const own = report.reach.find((r) => r.destination === destination);
  if (own !== undefined) return { kind: 'reach', reach: own, standsFor: null };
  const fnName = model.get(report.function)?.address ?? report.function;
  const lookup = findDestination(model, destination);
  const fn = model.get(report.function);
  if (lookup.kind === 'found' && fn?.kind === 'lambda-function') {
    const key = lookup.asked.kind === 'service' ? lookup.asked.service : lookup.asked.target.address;
    // A name that stands for a destination analysed already (a mount target for its file system) gets that answer.
    const analysed = report.reach.find((r) => r.destination === key);
    return { kind: 'reach', reach: analysed ?? reachOfDestination(model, fn, lookup.asked), standsFor: lookup.standsFor };
  }
  if (lookup.kind === 'ambiguous') {
    return { kind: 'unknown', message: `'${destination}' names several destinations: ${capped(lookup.matches)}; give the whole address` };
  }
  const needs = report.reach.map((r) => r.destination);
  const targets = targetNames(model).filter((t) => !needs.includes(t));
  const services = serviceNames(model).filter((n) => !needs.includes(n));
  return {
    kind: 'unknown',
    message: [
      `no destination '${destination}' for ${fnName}; give one of`,
      `  its destinations: ${needs.join(', ')}`,
      ...(targets.length ? [`  targets in the workspace: ${capped(targets)}`] : []),
      `  AWS services by endpoint name: ${capped(services)}`,
    ].join('\n'),
  };
}

function capped(names: readonly string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more` : names.join(', ');
}

/**
 * `destination`: one destination only, by name (see destinationAnswer) or as answered already; without it,
 * every destination the analysis planned.
 */
export function explainMarkdown(result: AnalysisResult, model: NetworkModel, report: FunctionReport, destination?: string | DestinationAnswer): string {
  // An id without a model object (a network interface a route names) reads as its logical name, not its full id.
  const name = (id: Id | null): string => (id === null ? '' : displayName(model, id));
  const lines: string[] = [];
  lines.push(`# ${name(report.function)}`, '', `Runs ${whereItRuns(report, model)}.`, '');
  const enis = result.enis.filter((e) => report.enis.includes(e.key));
  if (enis.length > 0) {
    lines.push('## Hyperplane ENIs', '');
    for (const eni of enis) {
      const others = eni.functions.filter((f) => f !== report.function).map(name);
      if (eni.securityGroups.length === 0) {
        // H1: an ENI is keyed by subnet and exact group set; with the groups unknown, sharing is unknown too.
        lines.push(`- subnet \`${name(eni.subnet)}\`, security groups unknown: ${others.length ? `may be shared with ${others.join(', ')}` : 'another function with the same groups would share this ENI'} (H1)`);
        continue;
      }
      lines.push(`- subnet \`${name(eni.subnet)}\`, ${eni.securityGroups.length === 1 ? 'security group' : 'security groups'} ${eni.securityGroups.map((g) => `\`${name(g)}\``).join(', ')}` + (others.length ? `: shared with ${others.join(', ')}` : ': used by this function only'));
    }
    lines.push('');
  }
  if (destination === undefined) {
    for (const reach of report.reach) lines.push(...destinationMarkdown(reach, name));
    return lines.join('\n');
  }
  const answer = typeof destination === 'string' ? destinationAnswer(model, report, destination) : destination;
  if (answer.kind === 'unknown') lines.push(answer.message.split('\n').join('  \n'));
  else lines.push(...destinationMarkdown(answer.reach, name, { standsFor: answer.standsFor, fnName: name(report.function) }));
  return lines.join('\n');
}

/** A destination asked about by name: the object named, when it stands for another destination, and the function's name. */
interface Asked {
  readonly standsFor: string | null;
  readonly fnName: string;
}

/** A reason that a policy grants one action: "role Fn allows dynamodb:GetItem". */
const GRANT_REASON = /^(.+) allows ([A-Za-z0-9-]+:[A-Za-z0-9*]+)$/;

/**
 * The reasons a destination is needed, one clause per policy: a SAM policy template such as DynamoDBCrudPolicy
 * grants ten actions, and ten clauses repeating "the function policy allows" hide the other reasons.
 */
function becauseWords(because: readonly string[]): string {
  const clauses: (string | { readonly from: string; readonly actions: string[] })[] = [];
  const byFrom = new Map<string, string[]>();
  for (const reason of because) {
    const m = GRANT_REASON.exec(reason);
    if (m === null || m[1] === undefined || m[2] === undefined) {
      clauses.push(reason);
      continue;
    }
    const known = byFrom.get(m[1]);
    if (known !== undefined) known.push(m[2]);
    else {
      const actions = [m[2]];
      byFrom.set(m[1], actions);
      clauses.push({ from: m[1], actions });
    }
  }
  return clauses.map((c) => (typeof c === 'string' ? c : `${c.from} allows ${c.actions.length <= 5 ? listWords(c.actions) : someWords(c.actions, 4)}`)).join('; ');
}

function destinationMarkdown(reach: DestinationReach, name: (id: Id | null) => string, asked: Asked | null = null): string[] {
  // `via` of a blocked or undecided answer is the way the traffic takes as far as it gets, not a way that works.
  const via = reach.via === null ? '' : reach.status === 'no' || reach.status === 'unknown' ? ` (path via ${viaText(reach.via)})` : ` via ${viaText(reach.via)}`;
  const lines = [`## ${statusIcon[reach.status]} ${reach.label}: ${statusWord[reach.status]}${via}`, ''];
  if (asked?.standsFor) lines.push(`\`${asked.standsFor}\` is reached as ${reach.label}.`, '');
  // Intent comes from what the workspace shows; the code may use more (a host it builds, a name it reads).
  if (asked !== null && !reach.needed && reach.neededBecause.length === 0) {
    lines.push(`Not a destination ${asked.fnName} is known to need: nothing in its environment, role or configuration names it, so no finding is raised for it. Its code may still connect to it; this is the path it would take.`, '');
  }
  if (reach.needed && reach.neededBecause.length) lines.push(`Needed because ${becauseWords(reach.neededBecause)}.`, '');
  else if (reach.neededBecause.length) lines.push(`Not needed for a connection: ${becauseWords(reach.neededBecause)}, with control-plane actions only, which go to the service's regional API (E1).`, '');
  if (reach.explanation) lines.push(reach.explanation, '');
  if (reach.path.length) {
    lines.push('| | hop | decision |', '|---|---|---|');
    lines.push(...hopRows(reach.path));
    lines.push('');
  }
  if (reach.bySubnet.length > 1) {
    lines.push('By subnet: ' + reach.bySubnet.map((s) => `\`${name(s.subnet)}\` ${statusIcon[s.status]}`).join(' · '), '');
  }
  // An unknown answer names the component it could not decide, which is not a blocker.
  if (reach.blockedAt !== null) lines.push(`${reach.status === 'unknown' ? 'Undecided at' : 'Blocked at'} \`${name(reach.blockedAt)}\`${reach.reason ? ` (${reach.reason})` : ''}.`, '');
  if (reach.fixes.length) {
    lines.push(reach.fixes.length > 1 ? 'Any of these changes fixes it:' : 'This change fixes it:', '');
    for (const fix of reach.fixes) lines.push(`- ${fix.description}`);
    lines.push('');
  }
  return lines;
}

/**
 * The hop table. A blocked path is followed past its first block to find every blocker (all of them need a
 * change), so the hops after it are marked as what happens once the block is fixed: a ✓ "reached" at the end
 * of a blocked path would read as reached.
 */
function hopRows(path: readonly Hop[]): string[] {
  const rows: string[] = [];
  let blocked = false;
  path.forEach((hop, i) => {
    const pastBlock = blocked && hop.verdict === 'pass';
    const last = i === path.length - 1;
    const detail = pastBlock && last ? `${hopDetail(hop)}, once the blocks above are fixed` : hopDetail(hop);
    rows.push(`| ${pastBlock ? '(✓)' : verdictIcon[hop.verdict]} | ${escapeCell(hop.label)} | ${escapeCell(detail)} |`);
    if (hop.verdict === 'block' && !blocked && !last) {
      blocked = true;
      rows.push('| ⋯ | past the block | the rest of the path, as it would be with this hop fixed |');
    }
  });
  return rows;
}

function hopDetail(hop: Hop): string {
  if (!hop.rule) return hop.detail;
  // A detail that already ends with its rule ids ("… (M1)", "… (M1, E1)") gets the table's "(rule …)" form
  // in their place, not the ids twice.
  const cited = /\s*\(([A-Z]+\d+(?:, [A-Z]+\d+)*)\)$/.exec(hop.detail);
  const ids = cited?.[1]?.split(', ') ?? [];
  if (cited === null || !ids.includes(hop.rule)) return `${hop.detail} (rule ${hop.rule})`;
  return `${hop.detail.slice(0, cited.index)} (${ids.length === 1 ? 'rule' : 'rules'} ${ids.join(', ')})`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown → terminal text: headings and tables flattened (cells two spaces apart, escaped pipes restored). */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((l) => !/^\|---/.test(l))
    .map((l) => (l.startsWith('|') && l.endsWith('|') ? tableRow(l) : l.replace(/^#+ /, '').replace(/`/g, '')))
    .join('\n');
}

function tableRow(line: string): string {
  const cells = line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|').replace(/`/g, ''));
  return ('  ' + cells.join('  ')).trimEnd();
}
