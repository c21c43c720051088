// Values in security group and network ACL rules that Terraform or AWS reject (a CIDR that does not parse, a
// port or rule number out of range, an action other than allow/deny): an error problem at the argument.

import { parseCidr } from '../../../model/cidr';
import type { BlockView } from '../blockView';
import { isTfList, type TfValue } from '../value';
import { isPending, toNumberValue } from '../valueOps';
import type { MapContext } from './mapper';

function invalid(m: MapContext, v: BlockView, arg: string, why: string): void {
  m.problem('tf-invalid-value', 'error', `${arg} of ${m.base.address} ${why}: Terraform or AWS rejects it, so the rule is not what the code says.`, v.expr(arg)?.span);
}

/** CIDR arguments (one string or a list): each known element must be "address/prefix" of the family, if one is given. */
export function checkCidrs(m: MapContext, v: BlockView, arg: string, family?: 4 | 6): void {
  const value = v.attr(arg);
  if (value === undefined || value === null) return;
  const bad: string[] = [];
  for (const c of isTfList(value) ? value : [value]) {
    if (typeof c !== 'string') continue;
    const cidr = c.includes('/') ? parseCidr(c) : null;
    if (cidr === null || (family !== undefined && cidr.family !== family)) bad.push(`"${c}"`);
  }
  // One problem per argument (problems are kept once per place), naming every bad element.
  if (bad.length > 0) invalid(m, v, arg, `has ${bad.join(', ')}, which ${bad.length === 1 ? `is not ${family === undefined ? 'a' : `an IPv${family}`} CIDR block` : `are not ${family === undefined ? '' : `IPv${family} `}CIDR blocks`}`);
}

/** A known number that is not a whole number in [min, max] (a string that is no number counts too). */
function outOfRange(value: TfValue | undefined, min: number, max: number): string | undefined {
  if (value === undefined || value === null || isPending(value)) return undefined;
  const n = toNumberValue(value);
  if (typeof n !== 'number') return typeof value === 'string' ? `is "${value}", not a number` : 'is not a number';
  return Number.isInteger(n) && n >= min && n <= max ? undefined : `is ${n}, not a whole number from ${min} to ${max}`;
}

/** Ports (or ICMP type/code): -1 to 65535. */
export function checkPorts(m: MapContext, v: BlockView, ...args: readonly string[]): void {
  for (const arg of args) {
    const why = outOfRange(v.attr(arg), -1, 65535);
    if (why !== undefined) invalid(m, v, arg, why);
  }
}

/** A protocol given as a number must be an IP protocol number (-1 for all, 0–255). */
export function checkProtocol(m: MapContext, v: BlockView, arg: string): void {
  const value = v.attr(arg);
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value.trim()))) {
    const why = outOfRange(value, -1, 255);
    if (why !== undefined) invalid(m, v, arg, why);
  }
}

/** T4: network ACL rule numbers are 1–32766 (32767 and * are AWS's), actions allow or deny. */
export function checkAclRule(m: MapContext, v: BlockView, numberArg: string, actionArg: string): void {
  const why = outOfRange(v.attr(numberArg), 1, 32766);
  if (why !== undefined) invalid(m, v, numberArg, why);
  const action = v.attr(actionArg);
  // Other spellings of allow/deny ("Allow") stay unknown in the model rather than errors here.
  if (typeof action === 'string' && action.toLowerCase() !== 'allow' && action.toLowerCase() !== 'deny') invalid(m, v, actionArg, `is "${action}", neither allow nor deny`);
}
