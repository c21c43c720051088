// Regional NAT gateways (E4): one NAT gateway for the whole VPC, without a subnet. In automatic mode it follows
// the VPC's workloads into every AZ; in manual mode (AvailabilityZoneAddresses / availability_zone_address) it
// serves only the AZs listed (Reachability Analyzer: REGIONAL_NGW_ROUTE_AZ_RESTRICTION). Its internet traffic
// leaves through the internet gateway attached to its VPC.
//
// Sources: Amazon VPC User Guide, "Regional NAT gateways for automatic multi-AZ expansion"
// (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html): no public subnet is needed to
// host it, it expands across AZs with the workloads. EC2 API Reference, NatGateway `autoProvisionZones`
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html): when enabled, EIPs in every AZ
// where the VPC has subnets, expanding to new AZs as subnets are created; when disabled, the AZs are managed
// by hand. The gateway has its own automatically created route table (`routeTableId`) whose default route goes
// to the VPC's internet gateway (AWS Networking blog "Introducing Amazon VPC Regional NAT Gateway", and the
// regional-NAT walkthroughs that run it with an IGW attached but no subnet routing to it): without an internet
// gateway attached to the VPC the gateway has no way to the internet.

import type { NetworkModel } from '../model/network';
import { isKnown } from '../model/origin';
import type { Id, NatGateway, Subnet } from '../model/types';
import { azMatch } from './availabilityZones';
import { nameOf } from './pathSteps';
import type { Trace } from './trace';
import type { Fix } from './types';

/**
 * Checks a public regional NAT gateway for one function subnet: same VPC (E3), the subnet's AZ served (E4) and
 * an internet gateway attached to the VPC. Returns that internet gateway (the caller follows it), or null when
 * the path blocks or stays open (recorded on the trace).
 */
export function regionalNatStep(model: NetworkModel, trace: Trace, nat: NatGateway, source: { readonly subnet: Subnet; readonly vpc: Id | null }, alternatives: () => Fix[]): { readonly vpc: Id; readonly igw: Id } | null {
  const label = `regional NAT gateway ${nat.address}`;
  if (nat.vpc === null || !isKnown(nat.vpc)) {
    trace.unknown(nat.id, 'nat-gateway', label, nat.vpc === null ? 'the regional NAT gateway names no VPC' : `its VPC is unknown: ${nat.vpc.reason}`, 'E4');
    return null;
  }
  const vpc = nat.vpc;
  if (source.vpc !== null && source.vpc !== vpc) {
    trace.block(nat.id, 'nat-gateway', label, 'the NAT gateway is in another VPC; it only serves sources in its own VPC (E3)', 'E3', 'NGW_REQUIRES_SOURCE_IN_VPC', alternatives());
    return null;
  }
  const az = isKnown(source.subnet.availabilityZone) ? source.subnet.availabilityZone : `the AZ of ${source.subnet.address}`;
  const zones = nat.availabilityZones ?? null;
  let mode: string;
  if (zones === null) {
    mode = `automatic mode: it serves every AZ where ${nameOf(model, vpc)} has subnets, ${az} included (E4)`;
  } else if (!isKnown(zones)) {
    trace.unknown(nat.id, 'nat-gateway', label, `its Availability Zones are unknown: ${zones.reason} (E4)`, 'E4');
    return null;
  } else {
    const matches = zones.map((z) => azMatch(z, source.subnet.availabilityZone));
    if (!matches.includes(true)) {
      if (matches.includes(null)) {
        trace.unknown(nat.id, 'nat-gateway', label, `cannot tell whether its Availability Zones include ${az} (E4)`, 'E4');
        return null;
      }
      trace.block(nat.id, 'nat-gateway', label, `manual mode: the regional NAT gateway serves only ${zones.map((z) => (isKnown(z) ? z : '(unknown)')).join(', ')}, not ${az} (E4)`, 'E4', 'REGIONAL_NGW_ROUTE_AZ_RESTRICTION',
        [{ description: `add an Availability Zone address for ${az} to ${nat.address}`, changes: [{ kind: 'other', component: nat.id }] }]);
      return null;
    }
    mode = `manual mode: ${az} is one of its Availability Zones (E4)`;
  }
  const igw = model.internetGatewaysOf(vpc)[0];
  if (igw === undefined) {
    trace.block(nat.id, 'nat-gateway', label, `no internet gateway is attached to ${nameOf(model, vpc)}, and a regional NAT gateway reaches the internet through it (E4)`, 'E4', 'LAMBDA_IGW_NOT_ATTACHED',
      [{ description: `attach an internet gateway to ${nameOf(model, vpc)}`, changes: [{ kind: 'attach-igw', gateway: null, vpc }] }]);
    return null;
  }
  trace.pass(nat.id, 'nat-gateway', label, `public regional NAT gateway, ${mode}`, 'E4');
  return { vpc, igw };
}
