// The function hover's Hyperplane ENI section (H1): one line per ENI (its subnet and security groups) with how
// many other functions share it and a few of their names; the full list of sharers comes last, so that 16
// functions sharing two ENIs take three short lines on the first screen rather than 3,000 characters.

import { displayName } from '../../analysis/naming';
import type { AnalysisResult, FunctionReport, HyperplaneEni } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { Id } from '../../model/types';
import { shortName } from './shortNames';
import { code } from './inlineCode';
import { someWords } from '../../analysis/listWords';

/** Sharers named on an ENI's line before "and N more". */
const NAMES_PER_ENI = 3;
/** Sharers named in the closing list before pointing to the Explain command. */
const NAMES_IN_FULL = 40;

export interface EniSection {
  /** The ENIs and their sharing: shown after the reach table. */
  readonly lines: readonly string[];
  /** Every sharing function, when the ENI lines had to leave names out: shown last. */
  readonly fullList: readonly string[];
}

export function eniSection(model: NetworkModel, result: AnalysisResult, report: FunctionReport): EniSection {
  const keys = new Set(report.enis);
  const enis = result.enis.filter((e) => keys.has(e.key));
  if (enis.length === 0) return { lines: [], fullList: [] };
  const fnName = (id: Id): string => code(shortName(model, id));
  const where = (eni: HyperplaneEni): string => {
    // An ENI in a subnet the workspace does not define carries a readable name instead of a model id.
    const subnet = eni.unknownSubnet !== undefined ? eni.subnet : shortName(model, eni.subnet);
    const groups = eni.securityGroups.map((g) => (model.get(g) ? shortName(model, g) : displayName(model, g)));
    // Words, not braces: Markdown pads inline code, and "{ sg }" read as a typo.
    return `${code(subnet)} with ${groups.length === 0 ? 'no security group' : `${groups.length === 1 ? 'security group' : 'security groups'} ${groups.map(code).join(', ')}`}`;
  };
  const othersOf = (eni: HyperplaneEni): Id[] => eni.functions.filter((f) => f !== report.function);
  const count = enis.length === 1 ? 'one Hyperplane ENI' : `${enis.length} Hyperplane ENIs`;
  if (enis.every((e) => othersOf(e).length === 0)) {
    return {
      // H3: a combination no other function uses is created on deploy; the function stays Pending until it exists.
      lines: [`Uses ${count} alone (no other function has the same subnet and security groups): ${enis.map(where).join('; ')}. Lambda creates ${enis.length === 1 ? 'it' : 'them'} on deploy: a new function stays Pending, its invocations failing, until then (minutes at times), an updated one keeps its old configuration meanwhile; a combination another function already uses is much faster.`],
      fullList: [],
    };
  }
  const lines = [`**${enis.length === 1 ? 'Hyperplane ENI' : `${enis.length} Hyperplane ENIs`}** (one per subnet and security-group set, H1):`];
  let previous = '';
  let cut = false;
  const everyone = new Set<Id>();
  for (const eni of enis) {
    const others = othersOf(eni);
    for (const o of others) everyone.add(o);
    const set = others.join('\n');
    let shared: string;
    if (others.length === 0) shared = 'this function alone';
    else if (set === previous) shared = `shared with the same ${others.length === 1 ? 'function' : `${others.length} functions`}`;
    else {
      const names = someWords(others.map(fnName), NAMES_PER_ENI);
      cut ||= others.length > NAMES_PER_ENI + 1;
      shared = `shared with ${others.length === 1 ? '1 function' : `${others.length} functions`}: ${names}`;
    }
    previous = set;
    lines.push(`- ${where(eni)}: ${shared}`);
  }
  if (!cut) return { lines, fullList: [] };
  const all = [...everyone];
  const rest = all.length - NAMES_IN_FULL;
  const more = rest > 0 ? `, and ${rest} more: run **Hyperplane Lens: Explain Reachability of Function…**` : '';
  return { lines, fullList: [`All ${all.length} functions sharing its ENIs: ${all.slice(0, NAMES_IN_FULL).map(fnName).join(', ')}${more}.`] };
}
