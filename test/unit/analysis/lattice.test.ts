// VPC Lattice: a VPC function reaches a Lattice service over the service network's VPC association, without
// routes; its SG egress, its subnet NACLs and the association's SGs filter (vpc-lattice-lambda corpus case).

import * as assert from 'node:assert/strict';
import { ModelFixture, standardNetwork } from './modelFixture';
import type { ModelObject } from '../../../server/src/model/types';
import { renderReachLine } from '../../../server/src/analysis/renderText';

function association(id: string, o: { network: string; vpc?: string; service?: string; sgs?: string[] }): ModelObject {
  return {
    id, address: id, stack: '/test', origin: { file: '/test/t.yaml', span: { start: 0, end: 1 } }, kind: 'lattice-association',
    serviceNetwork: o.network, vpc: o.vpc ?? null, service: o.service ?? null, securityGroups: o.sgs ?? [],
  };
}

function lattice(o: { associateVpc?: boolean; assocIngress?: string[]; egress?: string[] } = {}): ModelFixture {
  const f = standardNetwork({ nat: false })
    .sg('fn', { vpc: 'v', egress: o.egress ?? ['tcp:443:0.0.0.0/0'] })
    .sg('assoc', { vpc: 'v', ingress: o.assocIngress ?? ['tcp:443:10.0.0.0/16'] })
    .target('svc', { kind: 'vpc-lattice-service', port: 443 })
    .add(association('svc-assoc', { network: 'sn', service: 'svc' }));
  if (o.associateVpc !== false) f.add(association('vpc-assoc', { network: 'sn', vpc: 'v', sgs: ['assoc'] }));
  return f.fn('f', { subnets: ['a'], sgs: ['fn'], env: { URL: 'svc' } });
}

function line(f: ModelFixture): string {
  const r = f.analyze().functions[0]?.reach.find((x) => x.destination === 'svc');
  assert.ok(r);
  return renderReachLine(r);
}

describe('VPC Lattice services', () => {
  it('reaches a service of a service network the VPC is associated with, with no route to it', () => {
    const r = lattice().analyze().functions[0]?.reach.find((x) => x.destination === 'svc');
    assert.equal(r && renderReachLine(r), 'svc: yes via vpc-lattice');
    assert.deepEqual(r?.path.map((h) => `${h.componentKind}:${h.verdict}`), [
      'hyperplane-eni:pass', 'security-group:pass', 'network-acl:pass', 'network-acl:pass', 'lattice-association:pass', 'security-group:pass', 'target:pass',
    ]);
  });

  it('is blocked when the VPC is not associated with the service network', () => {
    assert.equal(line(lattice({ associateVpc: false })), 'svc: no via vpc-lattice LAMBDA_LATTICE_VPC_NOT_ASSOCIATED at svc');
  });

  it('is blocked by the association SGs or the function SG egress', () => {
    assert.equal(line(lattice({ assocIngress: ['tcp:443:192.168.0.0/16'] })), 'svc: no via vpc-lattice ENI_SG_RULES_MISMATCH at assoc');
    assert.equal(line(lattice({ egress: ['tcp:5432:0.0.0.0/0'] })), 'svc: no via vpc-lattice ENI_SG_RULES_MISMATCH at fn');
  });
});
