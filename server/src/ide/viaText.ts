// How a path leaves the function's VPC (Via), in the words hovers, code lenses and the explanation show:
// "NAT gateway", not the analysis id "nat-gateway".

import type { Via } from '../analysis/types';

export function viaText(via: Via): string {
  switch (via) {
    case 'lambda-service-vpc':
      return 'the Lambda service VPC';
    case 'nat-gateway':
      return 'NAT gateway';
    case 'gateway-endpoint':
      return 'gateway endpoint';
    case 'interface-endpoint':
      return 'interface endpoint';
    case 'local':
      return 'the VPC (local route)';
    case 'vpc-peering':
      return 'VPC peering';
    case 'transit-gateway':
      return 'transit gateway';
    case 'egress-only-internet-gateway':
      return 'egress-only internet gateway';
    case 'internet-gateway':
      return 'internet gateway';
    case 'vpc-lattice':
      return 'VPC Lattice';
  }
}
