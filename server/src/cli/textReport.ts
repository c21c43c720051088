// The CLI's human-readable report: diagnostics grouped by file (coloured on a terminal), a reach summary
// per function, and a closing summary line.

import { unknownGroupName, unknownSubnetName, type JsonReport } from '../ide/report';
import { counted, someWords } from '../analysis/listWords';

const colours = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', grey: '\x1b[90m', bold: '\x1b[1m', green: '\x1b[32m', reset: '\x1b[0m' };

export function renderText(report: JsonReport, options: { colour: boolean }): string {
  const c = (colour: keyof typeof colours, text: string): string => (options.colour ? colours[colour] + text + colours.reset : text);
  const severityColour = { error: 'red', warning: 'yellow', information: 'blue', hint: 'grey' } as const;
  const lines: string[] = [];
  const byFile = new Map<string, JsonReport['diagnostics'][number][]>();
  for (const d of report.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  for (const [file, diagnostics] of byFile) {
    lines.push(c('bold', file));
    for (const d of diagnostics) {
      const at = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8);
      lines.push(`  ${c('grey', at)} ${c(severityColour[d.severity], d.severity.padEnd(11))} ${d.message} ${c('grey', `[${d.code}]`)}`);
      // Related locations (the blocking component, the module call a fix goes through), as compilers print notes.
      for (const r of d.related) lines.push(`${' '.repeat(11)}${c('grey', `↳ ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}`)} ${r.message}`);
    }
    lines.push('');
  }
  if (report.functions.length > 0) {
    lines.push(c('bold', 'Functions'));
    for (const f of report.functions) {
      // A list the workspace does not define (var.subnet_ids) is one '(unknown subnet)' entry: not "1 subnet".
      // A symbolic one ("parameter Subnets") is counted by unknownSubnets.
      const allUnknown = f.subnets.length > 0 && (f.subnets.every((s) => s === unknownSubnetName) || f.unknownSubnets === f.subnets.length);
      // Several named unknowns (parameters SubnetA and SubnetB) are entries the analysis counts: say how many.
      const named = f.subnets.filter((s) => s !== unknownSubnetName).length;
      const subnets = allUnknown ? (named > 1 ? `${named} subnets, each unknown` : 'subnets unknown') : counted(f.subnets.length, 'subnet');
      const where = f.capacityProvider !== undefined
        ? `Lambda Managed Instances of ${f.capacityProvider} in VPC ${f.vpc ?? '(unknown)'}, ${subnets}`
        : f.vpcAttached ? `VPC ${f.vpc ?? '(unknown)'}, ${subnets}` : 'Lambda service VPC only';
      const entries = Object.entries(f.reach);
      const listed = (needed: boolean): string => entries.filter(([, r]) => r.needed === needed).map(([dest, r]) => `${dest} ${symbol(r.status, c)}`).join('  ');
      lines.push(`  ${f.id}${f.cdkPath !== undefined ? ` [CDK ${f.cdkPath}]` : ''} ${c('grey', `(${f.file}:${f.range.start.line + 1}; ${where})`)}`);
      // What it needs first: a blocked destination it does not use (s3 ✗ for a function that only talks to its
      // database) is no finding, and a reader should not have to guess which is which.
      const needs = listed(true);
      const others = listed(false);
      if (needs) lines.push(`    ${c('bold', 'needs ')}  ${needs}`);
      if (others) lines.push(`    ${c('grey', 'others')}  ${others}`);
      if (f.sharesEniWith.length > 0) lines.push(`    ${c('grey', `shares Hyperplane ENIs with ${sharers(f.sharesEniWith)}`)}`);
    }
    lines.push(c('grey', `  ✓ reachable  ◐ from some subnets only  ✗ blocked  ? unknown; needs: what its environment, role, file systems or security group egress rules show it uses; AWS services checked on tcp 443, the internet on 443 or the ports of the URLs the function names, private resources on their port; \`hyperplane-lens explain FUNCTION\` shows each path`));
    lines.push('');
  }
  const count = (s: string): number => report.diagnostics.filter((d) => d.severity === s).length;
  // Hints are counted when there are any: --severity-threshold hint turns them into exit code 1.
  const hints = count('hint');
  // H1: one ENI per subnet and group set. Unknown subnets leave a function's ENIs uncounted; unknown groups alone
  // leave them counted, one per subnet, but maybe shared with another function's (the same set): say which, not "0".
  // A subnet named by a parameter or a literal id has its ENI counted (one per entry); a whole unknown list or an
  // unknown without a name has none: the function's ENIs are uncounted only when one of its subnets has no entry.
  const eniSubnets = new Map<string, Set<string>>();
  for (const e of report.hyperplaneEnis) {
    for (const fn of e.functions) {
      const known = eniSubnets.get(fn);
      if (known !== undefined) known.add(e.subnet);
      else eniSubnets.set(fn, new Set([e.subnet]));
    }
  }
  const subnetsOpen = (f: JsonReport['functions'][number]): boolean => f.subnets.some((x) => x === unknownSubnetName || !(eniSubnets.get(f.id)?.has(x) ?? false));
  const groupsOpen = (f: JsonReport['functions'][number]): boolean => (f.unknownSecurityGroups ?? 0) > 0 || f.securityGroups.some((x) => x === unknownGroupName);
  const uncounted = report.functions.filter((f) => f.vpcAttached && subnetsOpen(f)).length;
  // Counted one per named unknown subnet (parameters SubnetA and SubnetB): two such names may be one subnet.
  const aliased = report.functions.filter((f) => f.vpcAttached && !subnetsOpen(f) && (f.unknownSubnets ?? 0) > 1).length;
  const unshared = report.functions.filter((f) => f.vpcAttached && !subnetsOpen(f) && groupsOpen(f)).length;
  const total = report.hyperplaneEnis.length;
  const open = [
    ...(uncounted > 0 ? [`and an unknown number for ${counted(uncounted, 'function')} whose subnets are unknown`] : []),
    ...(aliased > 0 ? [`fewer if subnets given as parameters or imports of ${counted(aliased, 'function')} are the same subnet`] : []),
    ...(unshared > 0 ? [`fewer if ${unshared === 1 ? 'the function' : `the ${unshared} functions`} with unknown security groups share${unshared === 1 ? 's' : ''} ENIs with another`] : []),
  ];
  const enis = open.length === 0 ? counted(total, 'Hyperplane ENI') : `${counted(total, uncounted > 0 ? 'known Hyperplane ENI' : 'Hyperplane ENI')} (${open.join('; ')})`;
  const summary = `${counted(report.functions.length, 'function')}, ${enis}: ${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ${count('information')} information${hints > 0 ? `, ${counted(hints, 'hint')}` : ''}`;
  lines.push(count('error') > 0 ? c('red', summary) : count('warning') > 0 ? c('yellow', summary) : c('green', summary));
  return lines.join('\n') + '\n';
}

/** Sharers named in a function's line; 17 functions sharing one VPC config would repeat 16 names each (JSON has all). */
const SHARERS_NAMED = 3;

function sharers(ids: readonly string[]): string {
  return ids.length <= SHARERS_NAMED + 1 ? ids.join(', ') : `${ids.length} functions: ${someWords(ids, SHARERS_NAMED)}`;
}

function symbol(status: string, c: (colour: keyof typeof colours, text: string) => string): string {
  switch (status) {
    case 'yes':
      return c('green', '✓');
    case 'no':
      return c('red', '✗');
    case 'partial':
      return c('yellow', '◐');
    default:
      return c('grey', '?');
  }
}
