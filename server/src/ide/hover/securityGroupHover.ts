// The security-group hover: every hop of the functions' paths where this group decides (P1 egress of the
// functions that carry it, P2 ingress of the targets and endpoints that carry it), in the group's own words
// ("its egress rule … allows …"), grouped so that 17 functions with the same answer make one line, and with
// what became of the path afterwards: a group that allows on a path blocked at a route table says so.

import { displayName } from '../../analysis/naming';
import type { AnalysisResult, Hop } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { Id, SecurityGroup } from '../../model/types';
import { laterText, pathUses, type PathUse } from './pathUses';
import { shortName } from './shortNames';
import { code } from './inlineCode';
import { someWords } from '../../analysis/listWords';

const verdictIcon = { pass: '✓', block: '✗', unknown: '?' } as const;
/** The address a rule allows in a hop's detail ("egress rule … allows 10.0.0.0/24 tcp 2049"). */
const PEER = / allows (\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}) /;
/** Lines of grouped uses shown before "…and N more". */
const MAX_LINES = 10;
/** Functions named on one line before "and N more". */
const MAX_NAMES = 3;

interface GroupHop {
  /** "egress", or "ingress of MountTargetA". */
  readonly side: string;
  /** The other groups of the set the hop evaluates (the decision is the set's, P1). */
  readonly partners: readonly string[];
}

/** A security-group hop's side and group set, from its label ("security groups A, B of X (ingress)"). */
function groupHop(hop: Hop): GroupHop | undefined {
  const prefix = 'security groups ';
  if (hop.componentKind !== 'security-group' || !hop.label.startsWith(prefix)) return undefined;
  const rest = hop.label.slice(prefix.length);
  if (rest.endsWith(' (egress)')) return { side: 'egress', partners: rest.slice(0, -' (egress)'.length).split(', ') };
  if (!rest.endsWith(' (ingress)')) return undefined;
  const body = rest.slice(0, -' (ingress)'.length);
  const of = body.indexOf(' of ');
  if (of < 0) return undefined;
  return { side: `ingress of ${body.slice(of + ' of '.length)}`, partners: body.slice(0, of).split(', ') };
}

export function securityGroupHover(model: NetworkModel, result: AnalysisResult, group: SecurityGroup): string {
  const self = displayName(model, group.id);
  const named = (id: Id): string => code(displayName(model, id));
  const uses: { use: PathUse; hop: GroupHop }[] = [];
  for (const use of pathUses(result, (hop) => {
    if (hop.componentKind !== 'security-group') return false;
    if (hop.component === group.id) return true;
    return groupHop(hop)?.partners.includes(self) === true;
  })) {
    const hop = groupHop(use.hop);
    if (hop !== undefined) uses.push({ use, hop });
  }
  const head = `**${group.address}** · security group`;
  if (uses.length === 0) return [head, '', 'No Lambda function path goes through this security group.'].join('\n');

  // One line per answer (side, verdict, detail, what became of the path) and set of destinations, naming the
  // functions that get it: functions with the same answer to the same destinations share a line.
  // The same rule allowing each subnet's address ("allows 10.0.0.0/24 …", "allows 10.0.1.0/24 …") is one answer.
  const answers = new Map<string, { example: PathUse; hop: GroupHop; byFn: Map<Id, Set<string>>; peers: Set<string> }>();
  for (const { use, hop } of uses) {
    const peer = PEER.exec(use.hop.detail)?.[1];
    const detailShape = peer === undefined ? use.hop.detail : use.hop.detail.replace(PEER, ' allows # ');
    const key = `${hop.side}\n${use.hop.verdict}\n${detailShape}\n${use.outcome.status}\n${use.outcome.at ?? ''}\n${hop.partners.join(',')}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = { example: use, hop, byFn: new Map(), peers: new Set() };
      answers.set(key, answer);
    }
    if (peer !== undefined) answer.peers.add(peer);
    const dests = answer.byFn.get(use.fn) ?? new Set<string>();
    dests.add(use.reach.label);
    answer.byFn.set(use.fn, dests);
  }
  const lines: { rank: number; egress: boolean; text: string }[] = [];
  for (const { example, hop, byFn, peers } of answers.values()) {
    const byDests = new Map<string, Id[]>();
    for (const [fn, dests] of byFn) {
      const to = [...dests].join(', ');
      byDests.set(to, [...(byDests.get(to) ?? []), fn]);
    }
    const others = hop.partners.filter((p) => p !== self);
    const said = peers.size > 1 ? example.hop.detail.replace(PEER, ` allows ${[...peers].join(', ')} `) : example.hop.detail;
    const detail = others.length > 0 ? `with ${others.map(code).join(', ')}, ${said}`
      : /^(egress|ingress) rule /.test(said) ? `its ${said}` : said;
    const outcome = example.hop.verdict === 'block' ? ' · ❌ the path stops here'
      : example.hop.verdict === 'unknown' ? ' · ❔ undecided here'
        : laterText(example.hop, example.outcome, named) || ' · reached';
    const side = hop.side === 'egress' ? '**egress** of' : `**${hop.side}** from`;
    const rank = example.hop.verdict === 'block' ? 0 : example.hop.verdict === 'unknown' ? 1 : example.outcome.status === 'yes' ? 3 : 2;
    for (const [to, fns] of byDests) {
      const who = someWords(fns.map((f) => code(shortName(model, f))), MAX_NAMES);
      // "ingress of aws_db_instance.orders from `f`" already names the destination.
      const dest = hop.side === `ingress of ${to}` ? '' : ` → ${to}`;
      lines.push({ rank, egress: hop.side === 'egress', text: `- ${verdictIcon[example.hop.verdict]} ${side} ${who}${dest}: ${detail}${outcome}` });
    }
  }
  // Blocks first, then passes on paths that do not reach, then reached; egress before ingress.
  lines.sort((a, b) => a.rank - b.rank || Number(b.egress) - Number(a.egress));
  const egress = new Set(uses.filter((u) => u.hop.side === 'egress').map((u) => u.use.fn)).size;
  const out = [head, '', summary(uses.map((u) => u.hop.side), egress), ''];
  for (const line of lines.slice(0, MAX_LINES)) out.push(line.text);
  if (lines.length > MAX_LINES) out.push(`- …and ${lines.length - MAX_LINES} more: run **Hyperplane Lens: Explain Reachability of Function…** on a function`);
  return out.join('\n');
}

/** "As the egress group of 17 functions and the ingress group of MountTargetA, it decides on Lambda paths." */
function summary(sides: readonly string[], functions: number): string {
  const ingress = [...new Set(sides.filter((s) => s !== 'egress').map((s) => s.slice('ingress of '.length)))];
  const parts: string[] = [];
  if (functions > 0) parts.push(`the egress group of ${functions === 1 ? 'one function' : `${functions} functions`}`);
  if (ingress.length > 0) parts.push(`the ingress group of ${someWords(ingress, MAX_NAMES)}`);
  return `Decides Lambda paths as ${parts.join(' and ')}. ✓ says this group allows; what becomes of the path follows.`;
}
