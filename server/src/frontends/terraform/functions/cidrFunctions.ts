// cidrhost, cidrnetmask, cidrsubnet, cidrsubnets over cidr.ts. An unknown prefix (or a TfRef such as
// aws_vpc.main.cidr_block when it is computed) makes the result unknown with the reason and refs kept.

import { type CidrPrefix, type CidrResult, formatCidr, formatIp, hostAddress, netmask, parseCidr, subnet, subnets } from '../cidr';
import { type Call, arg, callFailed, defineFunction, int, invalidParam, str } from './arguments';
import type { TfFunction, TfFunctionResult } from './result';

function prefixArg(call: Call): CidrPrefix {
  const parsed = parseCidr(str(call, 'prefix', arg(call, 0)));
  return parsed.ok ? parsed.value : callFailed(call, `invalid CIDR expression: ${parsed.message}`);
}

function orFail<T>(call: Call, r: CidrResult<T>): T {
  return r.ok ? r.value : callFailed(call, r.message);
}

function cidrhost(call: Call): TfFunctionResult {
  const prefix = prefixArg(call);
  const hostnum = BigInt(int(call, 'hostnum', arg(call, 1)));
  return formatIp(orFail(call, hostAddress(prefix, hostnum)));
}

function cidrsubnet(call: Call): TfFunctionResult {
  const prefix = prefixArg(call);
  const newbits = int(call, 'newbits', arg(call, 1));
  const netnum = BigInt(int(call, 'netnum', arg(call, 2)));
  return formatCidr(orFail(call, subnet(prefix, newbits, netnum)));
}

function cidrsubnets(call: Call): TfFunctionResult {
  const prefix = prefixArg(call);
  const newbits = call.args.slice(1).map((a) => int(call, 'newbits', a));
  const r = subnets(prefix, newbits);
  return r.ok ? r.value.map(formatCidr) : invalidParam('newbits', r.message);
}

export const cidrFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ['cidrhost', defineFunction('cidrhost', { min: 2, max: 2 }, cidrhost)],
  ['cidrnetmask', defineFunction('cidrnetmask', { min: 1, max: 1 }, (call) => orFail(call, netmask(prefixArg(call))))],
  ['cidrsubnet', defineFunction('cidrsubnet', { min: 3, max: 3 }, cidrsubnet)],
  ['cidrsubnets', defineFunction('cidrsubnets', { min: 1 }, cidrsubnets)],
]);
