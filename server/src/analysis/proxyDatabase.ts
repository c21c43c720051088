// RDS Proxy's own connection to its database (P14, P2, P6): a function's request through a proxy (or a proxy
// endpoint) fails unless the proxy, from its subnets with its security groups, can open the database port.

import { isKnown, type Maybe } from '../model/origin';
import type { Id, Subnet, Target } from '../model/types';
import type { NetworkModel } from '../model/network';
import { addrOf, type Addr } from './addressing';
import { EPHEMERAL_FROM, EPHEMERAL_TO } from './networkAcls';
import { aclStep, declaredGroupOf, declaredSubnets, knownGroupsOf, nameOf, sgEgressStep, sgIngressStep, targetGroups, type GroupEnd } from './pathSteps';
import { Trace, type Evaluation } from './trace';

/** The proxy that connects for `target` (itself, or the proxy of a proxy endpoint) and its database, or null. */
export function proxyAndDatabase(model: NetworkModel, target: Target): { readonly proxy: Target; readonly database: Target } | null {
  if (target.targetKind !== 'rds-proxy') return null;
  let proxy = target;
  const up = target.parent !== null && isKnown(target.parent) ? model.get(target.parent) : undefined;
  // aws_db_proxy_endpoint / AWS::RDS::DBProxyEndpoint: its parent is the proxy, whose ENIs reach the database.
  if (up?.kind === 'target' && up.targetKind === 'rds-proxy') proxy = up;
  const db = proxy.parent !== null && isKnown(proxy.parent) ? model.get(proxy.parent) : undefined;
  if (db?.kind !== 'target' || (db.targetKind !== 'rds-instance' && db.targetKind !== 'rds-cluster')) return null;
  return { proxy, database: db };
}

function endOf(model: NetworkModel, addr: Addr, groups: readonly Maybe<Id>[]): GroupEnd {
  return { addr, groups, knownGroups: knownGroupsOf(model, groups) };
}

/**
 * The proxy → database leg, independent of the function (callers memoise it per proxy): the proxy's SG egress
 * and the database's SG ingress on the database's port (which may differ from the proxy's), and the NACLs
 * between their subnets (P6). Both are in one VPC (RDS Proxy requires it), so the local route carries it (P8).
 * The database may run in any subnet of its group and the proxy connects from any of its own: all pairs must agree.
 */
export function proxyDatabaseLeg(model: NetworkModel, proxy: Target, database: Target): Evaluation {
  const port = isKnown(database.port) ? database.port : null;
  const t = new Trace(proxy.id);
  t.pass(proxy.id, 'target', proxy.address, `the proxy opens its own connections to ${database.address}${port === null ? '' : ` on tcp ${port}`}: its subnets and security groups must reach the database (P14)`, 'P14');
  const from = declaredSubnets(model, proxy);
  const to = declaredSubnets(model, database);
  if (typeof from === 'string' || typeof to === 'string') {
    const why = typeof from === 'string' ? from : typeof to === 'string' ? to : '';
    const vpcOf = (s: Subnet[] | string): Maybe<Id> | undefined => (typeof s === 'string' ? undefined : s[0]?.vpc);
    const unknownAddr: Addr = { kind: 'unknown', family: 4, reason: why };
    const proxyEnd = endOf(model, unknownAddr, targetGroups(model, proxy, vpcOf(from) ?? vpcOf(to)));
    const dbGroups = targetGroups(model, database, vpcOf(to) ?? vpcOf(from));
    // A block by the security groups holds wherever the two run; anything else stays open.
    sgEgressStep(model, t, proxyEnd, { addr: unknownAddr, groups: knownGroupsOf(model, dbGroups) }, port);
    sgIngressStep(model, t, dbGroups, proxyEnd, port, database.address);
    t.unknown(database.id, 'target', database.address, `cannot tell whether the proxy reaches its database: ${why} (P14)`, 'P14');
    return t.finish();
  }
  let first: Evaluation | undefined;
  for (const p of from) {
    const pAddr = addrOf(p.cidrBlock, p.address);
    const proxyEnd = endOf(model, pAddr, targetGroups(model, proxy, p.vpc));
    for (const d of to) {
      const sub = new Trace(proxy.id);
      if (isKnown(p.vpc) && isKnown(d.vpc) && p.vpc !== d.vpc) {
        sub.unknown(database.id, 'target', database.address, `the proxy (in ${nameOf(model, p.vpc)}) and its database (in ${nameOf(model, d.vpc)}) are in different VPCs; RDS Proxy needs one VPC shared with its database (P14)`, 'P14');
      } else {
        const dAddr = addrOf(d.cidrBlock, d.address);
        const dbGroups = targetGroups(model, database, d.vpc);
        const dbKnown = knownGroupsOf(model, dbGroups);
        // The database may run in any of its subnets: the fix names its declared group (same VPC, P3), not one block.
        const fixPeer = declaredGroupOf(model, dbKnown);
        sgEgressStep(model, sub, proxyEnd, { addr: dAddr, groups: dbKnown }, port, fixPeer);
        if (p.id !== d.id) {
          const pAcl = model.naclOf(p.id);
          const dAcl = model.naclOf(d.id);
          const lo = port ?? 0;
          const hi = port ?? 65535;
          aclStep(model, sub, pAcl, true, dAddr, lo, hi, `proxy subnet ${p.address}`, port === null);
          aclStep(model, sub, pAcl, false, dAddr, EPHEMERAL_FROM, EPHEMERAL_TO, `proxy subnet ${p.address}`);
          aclStep(model, sub, dAcl, false, pAddr, lo, hi, `database subnet ${d.address}`, port === null);
          aclStep(model, sub, dAcl, true, pAddr, EPHEMERAL_FROM, EPHEMERAL_TO, `database subnet ${d.address}`);
        }
        sgIngressStep(model, sub, dbGroups, proxyEnd, port, database.address);
      }
      const result = sub.finish();
      if (first === undefined) first = result;
      else if (result.status !== first.status) {
        const yes = result.status === 'yes' ? result : first;
        const other = yes === result ? first : result;
        t.unknown(database.id, 'target', database.address, `the proxy reaches its database from some of its subnets or in some database subnets but not in all (${other.reason ?? other.status}): which ones serve a connection is not known (P14)`, 'P14');
        return t.finish();
      }
    }
  }
  if (first !== undefined) t.append(first);
  return t.finish();
}
