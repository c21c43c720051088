// The ports of an ElastiCache Serverless cache, read alike by both front ends from its engine: Redis OSS and
// Valkey 6379 with reader port 6380, Memcached 11211 with 11212; an unknown engine leaves both unknown, and a
// provisioned cluster or replication group has no reader port.

import * as assert from 'node:assert/strict';
import { isKnown, type Maybe } from '../../../server/src/model/origin';
import { serverlessCachePorts } from '../../../server/src/frontends/serverlessCachePorts';
import { analyseWorkspace } from '../support/analyseWorkspace';

const show = (p: Maybe<number> | undefined): string => (p === undefined ? 'none' : isKnown(p) ? String(p) : `unknown: ${p.reason}`);

/** "port / reader port" of the target at `address`. */
const portsOf = (files: Record<string, string>, address: string): string => {
  const t = analyseWorkspace(files, 'eu-west-1').model.all('target').find((o) => o.address === address);
  return t === undefined ? 'missing' : `${show(t.port)} / ${show(t.readerPort)}`;
};

const tf = (engine: string, extra = ''): Record<string, string> => ({
  '/w/main.tf': `provider "aws" { region = "eu-west-1" }
${extra}resource "aws_elasticache_serverless_cache" "c" {
  name               = "c"
  engine             = ${engine}
  subnet_ids         = ["subnet-0a", "subnet-0b"]
  security_group_ids = ["sg-0a"]
}
`,
});

const cfn = (engine: string, parameters = ''): Record<string, string> => ({
  '/w/template.yaml': `${parameters}Resources:
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: c
      Engine: ${engine}
      SubnetIds: [subnet-0a, subnet-0b]
      SecurityGroupIds: [sg-0a]
`,
});

describe('ElastiCache Serverless ports', () => {
  it('by engine, in any case', () => {
    assert.deepEqual(serverlessCachePorts('valkey'), { port: 6379, readerPort: 6380 });
    assert.deepEqual(serverlessCachePorts('Redis'), { port: 6379, readerPort: 6380 });
    assert.deepEqual(serverlessCachePorts('memcached'), { port: 11211, readerPort: 11212 });
    assert.equal(show(serverlessCachePorts('nosuch').readerPort), 'unknown: the ports of cache engine nosuch are not known');
  });

  it('Terraform: valkey, redis, memcached; a variable without default leaves both unknown', () => {
    assert.equal(portsOf(tf('"valkey"'), 'aws_elasticache_serverless_cache.c'), '6379 / 6380');
    assert.equal(portsOf(tf('"redis"'), 'aws_elasticache_serverless_cache.c'), '6379 / 6380');
    assert.equal(portsOf(tf('"memcached"'), 'aws_elasticache_serverless_cache.c'), '11211 / 11212');
    assert.match(portsOf(tf('var.engine', 'variable "engine" { type = string }\n'), 'aws_elasticache_serverless_cache.c'), /^unknown: .*var\.engine.* \/ unknown: .*var\.engine/);
  });

  it('CloudFormation: the same ports; a parameter without Default leaves both unknown', () => {
    assert.equal(portsOf(cfn('valkey'), 'Cache'), '6379 / 6380');
    assert.equal(portsOf(cfn('redis'), 'Cache'), '6379 / 6380');
    assert.equal(portsOf(cfn('memcached'), 'Cache'), '11211 / 11212');
    assert.match(portsOf(cfn('!Ref Engine', 'Parameters:\n  Engine:\n    Type: String\n'), 'Cache'), /^unknown: .*Engine.* \/ unknown: .*Engine/);
  });

  it('provisioned clusters and replication groups have one port', () => {
    const files = { '/w/main.tf': `provider "aws" { region = "eu-west-1" }
resource "aws_elasticache_replication_group" "g" {
  replication_group_id = "g"
  description          = "g"
  engine               = "valkey"
}
resource "aws_elasticache_cluster" "m" {
  cluster_id = "m"
  engine     = "memcached"
}
` };
    assert.equal(portsOf(files, 'aws_elasticache_replication_group.g'), '6379 / none');
    assert.equal(portsOf(files, 'aws_elasticache_cluster.m'), '11211 / none');
    assert.equal(portsOf({ '/w/template.yaml': `Resources:
  Group:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: g
      Engine: valkey
` }, 'Group'), '6379 / none');
  });
});
