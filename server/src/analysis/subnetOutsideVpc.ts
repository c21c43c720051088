// Subnets whose IPv4 block lies outside every IPv4 block of their VPC (primary and associated secondary ones):
// AWS rejects CreateSubnet with InvalidSubnet.Range, so the subnet never exists. Reported only when certain.

import { cidrContains, parseCidr, type Cidr } from '../model/cidr';
import { isKnown } from '../model/origin';
import type { NetworkModel } from '../model/network';
import type { Id, Subnet, Vpc, VpcCidrAssociation } from '../model/types';

export interface SubnetOutsideVpc {
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  /** The subnet's block, canonical text. */
  readonly block: string;
  /** The VPC's IPv4 blocks, primary first, then those of associations that are certainly created. */
  readonly vpcBlocks: readonly string[];
  /** The associations that add those secondary blocks (for related locations). */
  readonly associations: readonly Id[];
}

/** What the associations of one VPC (or of a VPC the workspace cannot name) say about its IPv4 blocks. */
interface AssociatedBlocks {
  readonly blocks: { readonly cidr: Cidr; readonly association: VpcCidrAssociation }[];
  /** An association whose IPv4 block is unknown (IPAM, an unresolved variable) or whose creation is undecidable. */
  open: boolean;
}

/**
 * The IPv4 block an association adds: a Cidr, null when it adds none (an IPv6-only association), or 'open' when
 * it may add one the workspace cannot tell (its value unknown, or neither block set: a CloudFormation
 * Ipv4IpamPoolId allocation, which the model records as no block).
 */
function associatedBlock(a: VpcCidrAssociation): Cidr | null | 'open' {
  if (a.cidrBlock === null) return a.ipv6CidrBlock === null ? 'open' : null;
  if (!isKnown(a.cidrBlock)) return 'open';
  const cidr = parseCidr(a.cidrBlock);
  return cidr === null || cidr.family !== 4 ? 'open' : cidr;
}

function indexAssociations(model: NetworkModel): { byVpc: Map<Id, AssociatedBlocks>; anyVpc: AssociatedBlocks } {
  const byVpc = new Map<Id, AssociatedBlocks>();
  // Associations whose VPC is unknown (`vpc_id = var.vpc_id`) may be any VPC's.
  const anyVpc: AssociatedBlocks = { blocks: [], open: false };
  for (const a of model.all('vpc-cidr')) {
    const block = associatedBlock(a);
    if (block === null) continue;
    let entry = anyVpc;
    if (isKnown(a.vpc)) {
      const vpc = model.canonical(a.vpc);
      entry = byVpc.get(vpc) ?? { blocks: [], open: false };
      byVpc.set(vpc, entry);
    }
    if (block === 'open') entry.open = true;
    else entry.blocks.push({ cidr: block, association: a });
  }
  return { byVpc, anyVpc };
}

/**
 * Whether `cidr` fits an associated block, or may: 'in' (a certain association contains it), 'maybe' (only an
 * association that may not exist or may belong to another VPC does, or one whose block is unknown might), 'out'.
 */
function fitsAssociated(cidr: Cidr, own: AssociatedBlocks | undefined, anyVpc: AssociatedBlocks): 'in' | 'maybe' | 'out' {
  let maybe = anyVpc.open || own?.open === true;
  for (const b of own?.blocks ?? []) {
    if (!cidrContains(b.cidr, cidr)) continue;
    // An association created under a condition the workspace cannot decide may not add its block.
    if (b.association.existence === undefined) return 'in';
    maybe = true;
  }
  if (!maybe) maybe = anyVpc.blocks.some((b) => cidrContains(b.cidr, cidr));
  return maybe ? 'maybe' : 'out';
}

/**
 * Subnets certainly outside their VPC's IPv4 blocks. Nothing is reported when the subnet's block, its VPC, the
 * VPC's primary block (IPAM, a variable without default) or an association that may add a containing block is
 * unknown. IPv6 blocks are not checked: AWS assigns the VPC's /56 and the subnets' /64 are usually derived from it.
 */
export function subnetsOutsideVpc(model: NetworkModel): SubnetOutsideVpc[] {
  const out: SubnetOutsideVpc[] = [];
  // Per VPC, its parsed primary blocks, or null when one is unknown (then none of its subnets is checked).
  const primaries = new Map<Id, readonly Cidr[] | null>();
  let index: ReturnType<typeof indexAssociations> | undefined;
  for (const subnet of model.all('subnet')) {
    if (!isKnown(subnet.cidrBlock) || !isKnown(subnet.vpc)) continue;
    const cidr = parseCidr(subnet.cidrBlock);
    if (cidr === null || cidr.family !== 4) continue;
    const vpc = model.get(subnet.vpc);
    if (vpc?.kind !== 'vpc') continue;
    let primary = primaries.get(vpc.id);
    if (primary === undefined) {
      primary = primaryBlocks(vpc);
      primaries.set(vpc.id, primary);
    }
    if (primary === null || primary.some((c) => cidrContains(c, cidr))) continue;
    index ??= indexAssociations(model);
    const own = index.byVpc.get(vpc.id);
    if (fitsAssociated(cidr, own, index.anyVpc) !== 'out') continue;
    // Conditional associations contain no part of the subnet (else 'maybe' above): only certain ones are named.
    const secondary = (own?.blocks ?? []).filter((b) => b.association.existence === undefined);
    out.push({
      subnet,
      vpc,
      block: cidr.text,
      vpcBlocks: [...primary.map((c) => c.text), ...secondary.map((b) => b.cidr.text)],
      associations: secondary.map((b) => b.association.id),
    });
  }
  return out;
}

/** The VPC's own IPv4 blocks parsed, or null when one is unknown or unreadable (IPAM, a variable). */
function primaryBlocks(vpc: Vpc): readonly Cidr[] | null {
  const blocks: Cidr[] = [];
  for (const text of vpc.cidrBlocks) {
    const c = isKnown(text) ? parseCidr(text) : null;
    if (c === null || c.family !== 4) return null;
    blocks.push(c);
  }
  return blocks.length === 0 ? null : blocks;
}
