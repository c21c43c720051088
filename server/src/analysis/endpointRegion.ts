// Whether a VPC endpoint serves the analysed Region (E7: a gateway endpoint only reaches its own Region's
// service; traffic to other Regions still needs the internet path). The Region is read from the service name.

import { isKnown, type Maybe } from '../model/origin';
import type { VpcEndpoint } from '../model/types';
import type { NetworkModel } from '../model/network';

export type RegionMatch =
  | { readonly kind: 'same' }
  | { readonly kind: 'other'; readonly region: string; readonly vpcRegion: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const SAME: RegionMatch = { kind: 'same' };
const SERVICE_NAME = /^(?:com\.amazonaws|cn\.com\.amazonaws)\.([a-z]{2}(?:-[a-z]+)+-\d+)\./;

/** "com.amazonaws.us-east-1.s3" → "us-east-1"; null when the name carries no Region. */
export function serviceNameRegion(serviceName: string): string | null {
  return SERVICE_NAME.exec(serviceName)?.[1] ?? null;
}

/**
 * E7: the endpoint's Region against the analysed one. A service name that is itself unknown is built from the
 * Region input (`com.amazonaws.${region}.s3`, the aws_vpc_endpoint_service data source), the same value the
 * provider's Region comes from, so it is taken as the VPC's own Region.
 */
export function endpointRegionMatch(model: NetworkModel, endpoint: VpcEndpoint): RegionMatch {
  // Asked on every service route lookup: memoised per endpoint object and analysed Region (front-end objects
  // outlive one analysis, and the Region setting may change between analyses).
  const vpcRegion = regionOfVpc(model, endpoint);
  const region = isKnown(vpcRegion) ? vpcRegion : null;
  const hit = memo.get(endpoint);
  if (hit && hit.region === region) return hit.match;
  const match = computeMatch(endpoint, vpcRegion);
  memo.set(endpoint, { region, match });
  return match;
}

/** The Region of the endpoint's VPC: its own when the code places it elsewhere (a provider alias), else the stack's. */
function regionOfVpc(model: NetworkModel, endpoint: VpcEndpoint): Maybe<string> {
  const vpc = isKnown(endpoint.vpc) ? model.get(endpoint.vpc) : undefined;
  return vpc?.region ?? endpoint.region ?? model.region;
}

const memo = new WeakMap<VpcEndpoint, { readonly region: string | null; readonly match: RegionMatch }>();

function computeMatch(endpoint: VpcEndpoint, vpcRegion: Maybe<string>): RegionMatch {
  if (!isKnown(endpoint.serviceName)) return SAME;
  const region = serviceNameRegion(endpoint.serviceName);
  if (region === null) return SAME;
  if (!isKnown(vpcRegion)) {
    return { kind: 'unknown', reason: `${endpoint.address} serves ${region}, and the Region of the VPC is unknown (${vpcRegion.reason}); a gateway endpoint serves only its own Region (E7)` };
  }
  return region === vpcRegion ? SAME : { kind: 'other', region, vpcRegion };
}
