// One NetworkModel over the models of independent analysis units: every query goes to the unit that owns
// the id (ids start with their stack: "<root folder or template>::<address>"), `all()` concatenates.

import type { Association, NetworkModel, RolePolicies } from '../model/network';
import { isUnknown, type Maybe } from '../model/origin';
import type { EventSourceMapping, GatewayAttachment, Id, ModelKind, ModelObject, NetworkAclEntry, Route, SecurityGroupRule, Target, VpcEndpoint } from '../model/types';

const noAssociation: Association = { id: { unknown: true, reason: 'not in the workspace' }, explicit: false, via: null };

export class MergedModel implements NetworkModel {
  private readonly byStack = new Map<string, NetworkModel>();
  private readonly kinds = new Map<ModelKind, readonly ModelObject[]>();
  readonly region: Maybe<string>;
  readonly size: number;

  constructor(private readonly parts: readonly { readonly model: NetworkModel; readonly stacks: readonly string[] }[]) {
    for (const part of parts) for (const stack of part.stacks) this.byStack.set(stack, part.model);
    const known = parts.find((p) => !isUnknown(p.model.region));
    this.region = known ? known.model.region : (parts[0]?.model.region ?? { unknown: true, reason: 'no AWS Region is set in the workspace' });
    this.size = parts.reduce((n, p) => n + p.model.size, 0);
  }

  private owner(id: Id): NetworkModel | undefined {
    const cut = id.indexOf('::');
    if (cut > 0) {
      const model = this.byStack.get(id.slice(0, cut));
      if (model) return model;
    }
    return this.parts.find((p) => p.model.get(id) !== undefined)?.model;
  }

  get(id: Id): ModelObject | undefined {
    return this.owner(id)?.get(id);
  }

  all<K extends ModelKind>(kind: K): readonly Extract<ModelObject, { kind: K }>[] {
    let list = this.kinds.get(kind);
    if (!list) {
      const only = this.parts.length === 1 ? this.parts[0] : undefined;
      list = only ? only.model.all(kind) : this.parts.flatMap((p) => p.model.all(kind));
      this.kinds.set(kind, list);
    }
    return list as readonly Extract<ModelObject, { kind: K }>[];
  }

  canonical(id: Id): Id {
    return this.owner(id)?.canonical(id) ?? id;
  }
  routeTableOf(subnet: Id): Association {
    return this.owner(subnet)?.routeTableOf(subnet) ?? noAssociation;
  }
  mainRouteTableOf(vpc: Id): Id {
    return this.owner(vpc)?.mainRouteTableOf(vpc) ?? vpc;
  }
  routesOf(routeTable: Id): readonly Route[] {
    return this.owner(routeTable)?.routesOf(routeTable) ?? [];
  }
  naclOf(subnet: Id): Association {
    return this.owner(subnet)?.naclOf(subnet) ?? noAssociation;
  }
  naclEntries(acl: Id, egress: boolean): readonly NetworkAclEntry[] {
    return this.owner(acl)?.naclEntries(acl, egress) ?? [];
  }
  sgRules(group: Id, direction: 'ingress' | 'egress'): readonly SecurityGroupRule[] {
    return this.owner(group)?.sgRules(group, direction) ?? [];
  }
  vpcsOfInternetGateway(gateway: Id): readonly Id[] {
    return this.owner(gateway)?.vpcsOfInternetGateway(gateway) ?? [];
  }
  internetGatewaysOf(vpc: Id): readonly Id[] {
    return this.owner(vpc)?.internetGatewaysOf(vpc) ?? [];
  }
  conditionalAttachment(gateway: Id, vpc: Id): GatewayAttachment | undefined {
    return this.owner(gateway)?.conditionalAttachment(gateway, vpc);
  }
  endpointsOf(vpc: Id): readonly VpcEndpoint[] {
    return this.owner(vpc)?.endpointsOf(vpc) ?? [];
  }
  vpcCidrs(vpc: Id): readonly Maybe<string>[] {
    return this.owner(vpc)?.vpcCidrs(vpc) ?? [];
  }
  mountTargetsOf(fileSystem: Id): readonly Target[] {
    return this.owner(fileSystem)?.mountTargetsOf(fileSystem) ?? [];
  }
  childrenOf(parent: Id): readonly Target[] {
    return this.owner(parent)?.childrenOf(parent) ?? [];
  }
  rolePolicies(role: Id): RolePolicies {
    return this.owner(role)?.rolePolicies(role) ?? { documents: [], managedPolicyArns: [] };
  }
  eventSourceMappingsOf(fn: Id): readonly EventSourceMapping[] {
    return this.owner(fn)?.eventSourceMappingsOf(fn) ?? [];
  }
}
