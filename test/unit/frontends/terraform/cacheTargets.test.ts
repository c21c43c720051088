// ElastiCache targets: a cache cluster's replication_group_id names the group it belongs to (its parent);
// on a replication group the same argument is the group's own name, never a parent (audit: it became an
// unknown parent "rg is not defined in this workspace").

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { tfFixture } from './tfFixture';

describe('ElastiCache targets', () => {
  it('links a cluster to its replication group and gives the group no parent', () => {
    const { view } = tfFixture(`
//- /w/main.tf
resource "aws_elasticache_replication_group" "rg" {
  replication_group_id = "rg"
  description          = "cache"
}
resource "aws_elasticache_cluster" "member" {
  cluster_id           = "m"
  replication_group_id = aws_elasticache_replication_group.rg.id
}
`);
    const targets = readTerraform(view, {}).objects.filter((o) => o.kind === 'target');
    const parentOf = (address: string): unknown => {
      const t = targets.find((o) => o.address === address);
      return t?.kind === 'target' ? t.parent : 'missing';
    };
    assert.equal(parentOf('aws_elasticache_replication_group.rg'), null);
    assert.equal(parentOf('aws_elasticache_cluster.member'), '/w::aws_elasticache_replication_group.rg');
  });
});
