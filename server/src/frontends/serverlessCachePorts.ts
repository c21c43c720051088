// The two ports of an ElastiCache Serverless cache, from its engine, for both front ends: Redis OSS and Valkey
// listen on 6379 (primary) and 6380 (reads from replicas), Memcached on 11211 and 11212. AWS asks for both in
// the cache's security group: "ElastiCache serverless uses both port 6379 and port 6380 … ElastiCache for
// Memcached uses the 11211 and 11212 ports" (ElastiCache user guide, Setting up ElastiCache, "Grant network
// access from an Amazon VPC security group to your cache":
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/set-up.html; and "Best Practices for using Read
// Replicas": https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ReadReplicas.html).

import { unknown, type Maybe } from '../model/origin';

export interface ServerlessCachePorts {
  readonly port: Maybe<number>;
  readonly readerPort: Maybe<number>;
}

/** `engine` as written (any case); an unknown engine (a variable, a parameter, not set) gives unknown ports with its reason. */
export function serverlessCachePorts(engine: Maybe<string>): ServerlessCachePorts {
  if (typeof engine !== 'string') return { port: engine, readerPort: engine };
  const e = engine.toLowerCase();
  if (e === 'redis' || e === 'valkey') return { port: 6379, readerPort: 6380 };
  if (e === 'memcached') return { port: 11211, readerPort: 11212 };
  const why = unknown(`the ports of cache engine ${engine} are not known`);
  return { port: why, readerPort: why };
}
