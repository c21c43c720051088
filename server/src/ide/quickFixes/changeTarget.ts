// The model object a structured change modifies: where its code goes. Quick fixes write there; when it is
// declared in code the user does not own, the diagnostic points at the user's `module` call instead.

import type { Change } from '../../analysis/types';
import type { Id } from '../../model/types';

export function targetOf(change: Change): Id | null {
  switch (change.kind) {
    case 'add-gateway-endpoint':
    case 'add-route-table-with-endpoint':
    case 'add-interface-endpoint':
    case 'enable-vpc-dns':
    case 'add-nat-gateway':
    case 'attach-igw':
      return change.vpc;
    case 'associate-endpoint-route-table':
    case 'enable-private-dns':
      return change.endpoint;
    case 'add-sg-egress':
    case 'add-sg-ingress':
      return change.group;
    case 'add-nacl-entry':
      return change.acl;
    case 'add-nat-route':
    case 'add-route':
      return change.routeTable;
    case 'attach-vpc-execution-policy':
      return change.role;
    case 'attach-vpc-config':
    case 'remove-vpc-config':
      return change.function;
    case 'other':
      return change.component;
  }
}
