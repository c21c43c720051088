// The full explanation of a function's reachability as Markdown: where it runs, its Hyperplane ENIs, and for
// each destination the status, the path hop by hop, the blocking hop and the fixes. Used by the Explain
// command, the hover's detail and (as plain text) the CLI's explain command.

import type { AnalysisResult, DestinationReach, FunctionReport, Hop, ModelView } from './../analysis/types';
import { isUnknown } from '../model/origin';
import type { Id } from '../model/types';

const statusWord = { yes: 'reachable', no: 'blocked', partial: 'partial (some subnets only)', unknown: 'unknown' } as const;
const statusIcon = { yes: '✅', no: '❌', partial: '⚠️', unknown: '❔' } as const;
const verdictIcon = { pass: '✓', block: '✗', unknown: '?' } as const;

/**
 * The function a user names: by id, by address, else by the end of its address when only one function's
 * address ends so (`aws_lambda_function.this[0]` for `module.api.aws_lambda_function.this[0]`).
 */
export function findFunctionReport(result: AnalysisResult, model: ModelView, key: string): FunctionReport | undefined {
  const exact = result.functions.find((f) => f.function === key) ?? result.functions.find((f) => model.get(f.function)?.address === key);
  if (exact) return exact;
  const suffix = `.${key}`;
  const matches = result.functions.filter((f) => model.get(f.function)?.address.endsWith(suffix) === true);
  return matches.length === 1 ? matches[0] : undefined;
}

export function whereItRuns(report: FunctionReport, model: ModelView): string {
  const name = (id: Id): string => model.get(id)?.address ?? id;
  if (report.managedInstances) {
    return `on Lambda Managed Instances in the customer's subnets (${report.subnets.map((s) => (isUnknown(s) ? 'unknown subnet' : name(s))).join(', ')})`;
  }
  if (!report.vpcAttached) return 'in the AWS-managed Lambda service VPC, with no VPC attachment: internet and public AWS endpoints only, no private addresses';
  const vpc = report.vpc === null ? 'a VPC' : isUnknown(report.vpc) ? 'a VPC the workspace does not define' : name(report.vpc);
  const known = report.subnets.filter((s): s is Id => !isUnknown(s)).map(name);
  const unknowns = report.subnets.filter(isUnknown);
  if (known.length === 0) {
    const why = unknowns[0]?.reason ?? 'its subnets are not known';
    return `in the AWS-managed Lambda service VPC; reaches ${vpc} through Hyperplane ENIs in subnets the workspace does not define (${why})`;
  }
  const subnets = [...known, ...(unknowns.length ? [`${unknowns.length} unknown subnet${unknowns.length === 1 ? '' : 's'}`] : [])];
  const count = report.enis.length;
  return `in the AWS-managed Lambda service VPC; reaches ${vpc} through ${count} Hyperplane ENI${count === 1 ? '' : 's'} in subnet${subnets.length === 1 ? '' : 's'} ${subnets.join(', ')}`;
}

export function explainMarkdown(result: AnalysisResult, model: ModelView, report: FunctionReport, destination?: string): string {
  const name = (id: Id | null): string => (id === null ? '' : (model.get(id)?.address ?? id));
  const lines: string[] = [];
  lines.push(`# ${name(report.function)}`, '', `Runs ${whereItRuns(report, model)}.`, '');
  const enis = result.enis.filter((e) => report.enis.includes(e.key));
  if (enis.length > 0) {
    lines.push('## Hyperplane ENIs', '');
    for (const eni of enis) {
      const others = eni.functions.filter((f) => f !== report.function).map(name);
      lines.push(`- subnet \`${name(eni.subnet)}\`, security groups ${eni.securityGroups.map((g) => `\`${name(g)}\``).join(', ')}` + (others.length ? `: shared with ${others.join(', ')}` : ': used by this function only'));
    }
    lines.push('');
  }
  const reaches = destination ? report.reach.filter((r) => r.destination === destination) : report.reach;
  for (const reach of reaches) lines.push(...destinationMarkdown(reach, name));
  if (destination && reaches.length === 0) lines.push(`No destination \`${destination}\` is analysed for this function. Known: ${report.reach.map((r) => r.destination).join(', ')}.`);
  return lines.join('\n');
}

function destinationMarkdown(reach: DestinationReach, name: (id: Id | null) => string): string[] {
  const lines = [`## ${statusIcon[reach.status]} ${reach.label}: ${statusWord[reach.status]}${reach.via ? ` via ${reach.via}` : ''}`, ''];
  if (reach.needed && reach.neededBecause.length) lines.push(`Needed because ${reach.neededBecause.join('; ')}.`, '');
  if (reach.explanation) lines.push(reach.explanation, '');
  if (reach.path.length) {
    lines.push('| | hop | decision |', '|---|---|---|');
    for (const hop of reach.path) lines.push(`| ${verdictIcon[hop.verdict]} | ${escapeCell(hop.label)} | ${escapeCell(hopDetail(hop))} |`);
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

function hopDetail(hop: Hop): string {
  return hop.rule ? `${hop.detail} (rule ${hop.rule})` : hop.detail;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown → terminal text: headings and tables flattened, nothing fancy. */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((l) => !/^\|---/.test(l))
    .map((l) => l.replace(/^#+ /, '').replace(/^\| (.*) \|$/, (_m, cells: string) => '  ' + cells.split(' | ').join('  ')).replace(/`/g, ''))
    .join('\n');
}
