// IPv6-only internet egress of a dual-stack function (E11): IPv4 is blocked but IPv6 gets out, so "the
// internet" works only for hosts with an IPv6 (AAAA) address, which the workspace cannot tell.

import type { DestinationReach, Hop } from './types';
import { override } from '../model/override';

/** Unknown-reason code of the IPv4 internet answer when only IPv6 gets out (E11). */
export const IPV6_ONLY_EGRESS = 'LAMBDA_IPV6_ONLY_EGRESS';

/** The gateway hop that lets IPv6 out (egress-only or internet gateway), for messages. */
export function ipv6Gateway(reach: DestinationReach): Hop | undefined {
  return reach.path.find((h) => h.componentKind === 'egress-only-internet-gateway' || h.componentKind === 'internet-gateway');
}

/**
 * E11: when the IPv4 internet is blocked from every subnet but the IPv6 internet is reached from all of them,
 * the function's need for "the internet" is met only for dual-stack hosts → unknown, saying which family works.
 * AWS service destinations keep their answer (the SDK's default endpoints are IPv4-only), unless the function
 * sets `AWS_USE_DUALSTACK_ENDPOINT=true` for its SDK: then a service reached over its public endpoint works over
 * IPv6 where it offers a dual-stack endpoint, which the workspace does not say → unknown too.
 */
export function withIpv6OnlyEgress(reach: readonly DestinationReach[], dualStackSdk = false): DestinationReach[] {
  const v6 = reach.find((r) => r.destination === 'internet-ipv6');
  if (v6?.status !== 'yes') return [...reach];
  const gateway = ipv6Gateway(v6);
  const through = gateway ? ` through ${gateway.label}` : '';
  return reach.map((r) => {
    if (r.status !== 'no') return r;
    if (r.destination === 'internet') {
      return override(r, {
        status: 'unknown' as const, reason: IPV6_ONLY_EGRESS,
        explanation: `IPv6 reaches the internet${through}, IPv4 does not (${r.explanation}): it works only for hosts with an IPv6 (AAAA) address (E11)`,
      });
    }
    if (!dualStackSdk || r.destinationKind !== 'aws-service') return r;
    return override(r, {
      status: 'unknown' as const, reason: IPV6_ONLY_EGRESS,
      explanation: `IPv6 reaches the internet${through} and the function sets AWS_USE_DUALSTACK_ENDPOINT, IPv4 does not (${r.explanation}): it works where ${r.label} has a dual-stack endpoint in the Region (E11)`,
    });
  });
}

/** Whether the function's environment turns on the AWS SDKs' dual-stack endpoints (`AWS_USE_DUALSTACK_ENDPOINT=true`). */
export function usesDualStackSdk(environment: readonly { readonly name: string; readonly value: unknown }[]): boolean {
  return environment.some((e) => e.name === 'AWS_USE_DUALSTACK_ENDPOINT' && typeof e.value === 'string' && e.value.toLowerCase() === 'true');
}

/**
 * E11: whether the function sends IPv6 at all (Ipv6AllowedForDualStack) is unknown. IPv6 answers that would get
 * out stay open, and so do the answers that only IPv6 made open (withIpv6OnlyEgress): with the flag false the
 * function sends no IPv6 and those would be no.
 */
export function withIpv6Unknown(reach: readonly DestinationReach[], reason: string): DestinationReach[] {
  const why = `whether the function sends IPv6 (Ipv6AllowedForDualStack) is unknown: ${reason}`;
  return reach.map((r) => {
    if (r.destination === 'internet-ipv6' && (r.status === 'yes' || r.status === 'partial')) {
      return override(r, { status: 'unknown' as const, reason: 'LAMBDA_UNKNOWN_INPUT', explanation: `${why}; when it does, ${r.status === 'yes' ? 'IPv6 reaches the internet' : r.explanation} (E11)` });
    }
    if (r.reason === IPV6_ONLY_EGRESS) return override(r, { explanation: `${r.explanation}; ${why}` });
    return r;
  });
}
