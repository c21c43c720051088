// Private targets functions reach through the VPC (databases, caches, file systems, instances, load
// balancers, brokers), their subnet groups, and regional service resources that live outside every VPC.

import { listenerPortOf } from '../../listenerPort';
import { mskClientPort } from '../../mskPort';
import { serverlessCachePorts } from '../../serverlessCachePorts';
import { targetObject, type TargetFields } from '../../targetObject';
import { unknown, type Maybe } from '../../../model/origin';
import type { Id, TargetKind } from '../../../model/types';
import type { BlockView } from '../blockView';
import { toBool, toId, toIdList, toNum, toStr, argId } from '../modelValues';
import { isTfRef, isTfUnknown, type TfValue } from '../value';
import { namedArg } from '../names';
import type { Mapper, MapContext } from './mapper';

const ENGINE_PORTS: readonly (readonly [RegExp, number])[] = [
  [/^(aurora-)?postgres/, 5432],
  [/^(aurora-)?mysql|^aurora$|^mariadb/, 3306],
  [/^oracle/, 1521],
  [/^sqlserver/, 1433],
  [/^db2/, 50000],
  [/^(redis|valkey)/, 6379],
  [/^memcached/, 11211],
  [/^docdb/, 27017],
];

/** `port` when set, else the engine's default port (mysql 3306, postgres 5432, …). */
function portOf(v: BlockView, engineArg: string, fallback?: number): Maybe<number> {
  // `port = var.port` with a null default is the engine's default port, as when it is left out.
  if (v.isSet('port')) return toNum(v.attr('port'), 'port');
  const engine = v.attr(engineArg);
  if (typeof engine === 'string') {
    const e = engine.toLowerCase();
    for (const [re, port] of ENGINE_PORTS) if (re.test(e)) return port;
  }
  if (fallback !== undefined) return fallback;
  return unknown(engine === undefined ? `${engineArg} is not set` : `the default port of engine ${typeof engine === 'string' ? engine : '(unknown)'} is not known`);
}

function emitTarget(m: MapContext, targetKind: TargetKind, f: TargetFields): void {
  m.emit(targetObject(targetKind, f, m.base));
}

/** A subnet group named by `arg`, of one of `types` (by name, also through a module output: terraform-aws-modules' vpc → rds). */
function optionalGroup(m: MapContext, v: BlockView, arg: string, types: readonly string[]): Maybe<Id> | null {
  return v.isSet(arg) ? namedArg(m.session, v, arg, types) : null;
}

const DB_SUBNET_GROUPS = ['aws_db_subnet_group'];

function dbInstance(m: MapContext): void {
  const v = m.view;
  emitTarget(m, 'rds-instance', {
    subnetGroup: optionalGroup(m, v, 'db_subnet_group_name', DB_SUBNET_GROUPS),
    securityGroups: toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids'),
    port: portOf(v, 'engine'),
    publiclyAccessible: toBool(v.attr('publicly_accessible'), 'publicly_accessible', false),
    parent: v.isSet('replicate_source_db') ? namedArg(m.session, v, 'replicate_source_db', ['aws_db_instance']) : null,
  });
}

function rdsCluster(m: MapContext): void {
  const v = m.view;
  const serverlessV1 = v.attr('engine_mode') === 'serverless';
  emitTarget(m, 'rds-cluster', {
    subnetGroup: optionalGroup(m, v, 'db_subnet_group_name', DB_SUBNET_GROUPS),
    securityGroups: toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids'),
    port: portOf(v, 'engine', 3306),
    // Multi-AZ DB clusters (not Aurora, whose instances say it) are publicly accessible as a whole (E1).
    publiclyAccessible: toBool(v.attr('publicly_accessible'), 'publicly_accessible', false),
    serverlessDataApi: serverlessV1 && v.attr('enable_http_endpoint') === true,
  });
}

/** Cluster instances sit in the cluster's subnet group and security groups unless they set their own. */
function rdsClusterInstance(m: MapContext): void {
  const v = m.view;
  // `cluster_identifier = aws_rds_cluster.c.id`, or `.cluster_identifier` (a name, also through a module output).
  const cluster = namedArg(m.session, v, 'cluster_identifier', ['aws_rds_cluster']);
  const clusterInst = typeof cluster === 'string' ? m.session.instances.get(cluster) : undefined;
  const cv = clusterInst?.view;
  emitTarget(m, 'rds-instance', {
    subnetGroup: v.isSet('db_subnet_group_name') ? namedArg(m.session, v, 'db_subnet_group_name', DB_SUBNET_GROUPS) : cv ? optionalGroup(m, cv, 'db_subnet_group_name', DB_SUBNET_GROUPS) : unknown('the cluster is not in this workspace'),
    securityGroups: cv ? toIdList(cv.attr('vpc_security_group_ids'), 'vpc_security_group_ids') : unknown('the security groups of the cluster are not known'),
    port: cv ? portOf(cv, 'engine', 3306) : portOf(v, 'engine'),
    publiclyAccessible: toBool(v.attr('publicly_accessible'), 'publicly_accessible', false),
    parent: cluster,
  });
}

const PROXIES = ['aws_db_proxy'];

const PROXY_PORTS: Readonly<Record<string, number>> = { MYSQL: 3306, POSTGRESQL: 5432, SQLSERVER: 1433 };

function dbProxy(m: MapContext): void {
  const v = m.view;
  const family = v.attr('engine_family');
  emitTarget(m, 'rds-proxy', {
    subnets: toIdList(v.attr('vpc_subnet_ids'), 'vpc_subnet_ids'),
    securityGroups: toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids'),
    port: typeof family === 'string' && PROXY_PORTS[family] !== undefined ? (PROXY_PORTS[family] ?? 3306) : unknown('engine_family is not known'),
  });
}

function dbProxyEndpoint(m: MapContext): void {
  const v = m.view;
  // `db_proxy_name = aws_db_proxy.p.name`: the proxy's configured name (a string), or a ref to it.
  const proxy = namedArg(m.session, v, 'db_proxy_name', PROXIES);
  const proxyInst = typeof proxy === 'string' ? m.session.instances.get(proxy) : undefined;
  const family = proxyInst?.view.attr('engine_family');
  emitTarget(m, 'rds-proxy', {
    subnets: toIdList(v.attr('vpc_subnet_ids'), 'vpc_subnet_ids'),
    securityGroups: toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids'),
    port: typeof family === 'string' && PROXY_PORTS[family] !== undefined ? (PROXY_PORTS[family] ?? 3306) : unknown('the proxy engine family is not known'),
    parent: proxy,
  });
}

/** aws_db_proxy_target: the DB instance or Aurora cluster behind a proxy (P14); folded into the proxy by model/build.ts. */
function dbProxyTarget(m: MapContext): void {
  const v = m.view;
  const databases = ([['db_instance_identifier', 'aws_db_instance'], ['db_cluster_identifier', 'aws_rds_cluster']] as const)
    .filter(([arg]) => v.has(arg)).map(([arg, type]) => namedArg(m.session, v, arg, [type]));
  m.emit({ kind: 'db-proxy-target', proxy: namedArg(m.session, v, 'db_proxy_name', PROXIES), databases, ...m.base });
}

function subnetGroup(m: MapContext): void {
  m.emit({ kind: 'subnet-group', subnets: toIdList(m.view.attr('subnet_ids'), 'subnet_ids'), ...m.base });
}

/** `inGroup`: replication_group_id names the group the resource belongs to (a cache cluster), not its own name. */
function elasticache(fallbackPort: number | undefined, sgArg: string, inGroup = true): Mapper {
  const groups = ['aws_elasticache_subnet_group'];
  return (m) => {
    const v = m.view;
    emitTarget(m, 'elasticache', {
      subnets: v.isSet('subnet_ids') ? toIdList(v.attr('subnet_ids'), 'subnet_ids') : [],
      subnetGroup: optionalGroup(m, v, 'subnet_group_name', groups),
      securityGroups: toIdList(v.attr(sgArg), sgArg),
      port: portOf(v, 'engine', fallbackPort),
      parent: inGroup && v.isSet('replication_group_id') ? namedArg(m.session, v, 'replication_group_id', ['aws_elasticache_replication_group']) : null,
    });
  };
}

/**
 * aws_elasticache_serverless_cache: `engine` is required and there is no `port`; the cache listens on a primary
 * port and a reader port (serverlessCachePorts), an unknown engine leaves both unknown.
 */
function serverlessCache(m: MapContext): void {
  const v = m.view;
  const ports = serverlessCachePorts(toStr(v.attr('engine'), 'engine'));
  emitTarget(m, 'elasticache', {
    subnets: v.isSet('subnet_ids') ? toIdList(v.attr('subnet_ids'), 'subnet_ids') : [],
    securityGroups: toIdList(v.attr('security_group_ids'), 'security_group_ids'),
    port: ports.port,
    readerPort: ports.readerPort,
  });
}

function memorydb(m: MapContext): void {
  const v = m.view;
  emitTarget(m, 'memorydb', { subnetGroup: optionalGroup(m, v, 'subnet_group_name', ['aws_memorydb_subnet_group']), securityGroups: toIdList(v.attr('security_group_ids'), 'security_group_ids'), port: toNum(v.attr('port'), 'port', 6379) });
}

function efsFileSystem(m: MapContext): void {
  emitTarget(m, 'efs-file-system', { port: 2049 });
}

function efsMountTarget(m: MapContext): void {
  const v = m.view;
  emitTarget(m, 'efs-mount-target', {
    subnets: [argId(v, 'subnet_id')],
    securityGroups: toIdList(v.attr('security_groups'), 'security_groups'),
    port: 2049,
    parent: argId(v, 'file_system_id'),
  });
}

/** An access point is reached through its file system's mount targets: a target whose parent is the file system. */
function efsAccessPoint(m: MapContext): void {
  emitTarget(m, 'other', { port: 2049, parent: toId(m.view.attr('file_system_id'), 'file_system_id') });
}

function ec2Instance(m: MapContext): void {
  const v = m.view;
  const sgs = v.isSet('vpc_security_group_ids') ? toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids') : toIdList(v.attr('security_groups'), 'security_groups');
  emitTarget(m, 'ec2-instance', {
    subnets: v.isSet('subnet_id') ? [argId(v, 'subnet_id')] : unknown('subnet_id is not set: the instance goes to a default subnet'),
    securityGroups: sgs,
    port: unknown('an instance has no single service port'),
    publiclyAccessible: toBool(v.attr('associate_public_ip_address'), 'associate_public_ip_address', false),
  });
}

function loadBalancer(m: MapContext): void {
  const v = m.view;
  const mappings = v.blocks('subnet_mapping').map((b) => argId(b, 'subnet_id'));
  const internal = toBool(v.attr('internal'), 'internal', false);
  emitTarget(m, 'load-balancer', {
    subnets: v.isSet('subnets') ? toIdList(v.attr('subnets'), 'subnets') : mappings,
    securityGroups: toIdList(v.attr('security_groups'), 'security_groups'),
    port: listenerPort(m),
    publiclyAccessible: typeof internal === 'boolean' ? !internal : internal,
    // A Network Load Balancer without security_groups has none, ever: nothing filters at it (P2).
    unfiltered: v.attr('load_balancer_type') === 'network' && !v.isSet('security_groups'),
  });
}

/**
 * P15: the port a function connects to on a load balancer is its listener's: the aws_lb_listener resources of the
 * same module that name it (`load_balancer_arn = aws_lb.x.arn`). One port decides; several leave it open (which
 * one the function uses is not in the code).
 */
function listenerPort(m: MapContext): Maybe<number> {
  const mod = m.inst.mod;
  const ports = new Set<number>();
  let open: string | undefined;
  const decls = [...(mod.config.managedResources.get('aws_lb_listener')?.values() ?? []), ...(mod.config.managedResources.get('aws_alb_listener')?.values() ?? [])];
  for (const decl of decls) {
    for (const listener of mod.resource(decl.key)?.instances() ?? []) {
      const arn = listener.view.attr('load_balancer_arn');
      if (arn === undefined || arn === null) continue;
      if (!isTfRef(arn)) {
        if (isTfUnknown(arn)) open ??= `the balancer of ${listener.address} is not known (${arn.reason})`;
        continue;
      }
      if (arn.target !== m.base.id) continue;
      const port = listener.view.attr('port');
      if (typeof port === 'number') ports.add(port);
      else open ??= `the port of ${listener.address} is not known`;
    }
  }
  return listenerPortOf(ports, open, 'no aws_lb_listener of its module names it');
}

function docdb(m: MapContext): void {
  const v = m.view;
  emitTarget(m, 'docdb-cluster', { subnetGroup: optionalGroup(m, v, 'db_subnet_group_name', ['aws_docdb_subnet_group', 'aws_db_subnet_group']), securityGroups: toIdList(v.attr('vpc_security_group_ids'), 'vpc_security_group_ids'), port: toNum(v.attr('port'), 'port', 27017) });
}

function mqBroker(m: MapContext): void {
  const v = m.view;
  // The provider documents ActiveMQ / RabbitMQ, the API ACTIVEMQ / RABBITMQ: AWS accepts either case.
  const engineType = v.attr('engine_type');
  const engine = typeof engineType === 'string' ? engineType.toLowerCase() : undefined;
  emitTarget(m, 'mq-broker', {
    subnets: toIdList(v.attr('subnet_ids'), 'subnet_ids'),
    securityGroups: toIdList(v.attr('security_groups'), 'security_groups'),
    port: engine === 'rabbitmq' ? 5671 : engine === 'activemq' ? 61617 : unknown('engine_type is not known'),
    publiclyAccessible: toBool(v.attr('publicly_accessible'), 'publicly_accessible', false),
  });
}

function mskCluster(m: MapContext): void {
  const v = m.view;
  const info = v.blocks('broker_node_group_info')[0];
  const auth = v.blocks('client_authentication')[0];
  const sasl = auth?.blocks('sasl')[0];
  const transit = v.blocks('encryption_info')[0]?.blocks('encryption_in_transit')[0];
  emitTarget(m, 'msk-cluster', {
    subnets: info ? toIdList(info.attr('client_subnets'), 'client_subnets') : [],
    securityGroups: info ? toIdList(info.attr('security_groups'), 'security_groups') : [],
    port: mskClientPort({
      iam: toBool(sasl?.attr('iam'), 'client_authentication.sasl.iam', false),
      scram: toBool(sasl?.attr('scram'), 'client_authentication.sasl.scram', false),
      mutualTls: auth !== undefined && auth.blocks('tls').length > 0,
      unauthenticated: auth?.has('unauthenticated') === true ? toBool(auth.attr('unauthenticated'), 'client_authentication.unauthenticated', false) : undefined,
      clientBroker: transit?.has('client_broker') === true ? toStr(transit.attr('client_broker'), 'encryption_in_transit.client_broker') : undefined,
    }),
  });
}

function opensearch(m: MapContext): void {
  const vpc = m.view.blocks('vpc_options')[0];
  emitTarget(m, 'opensearch', {
    subnets: vpc ? toIdList(vpc.attr('subnet_ids'), 'subnet_ids') : [],
    securityGroups: vpc ? toIdList(vpc.attr('security_group_ids'), 'security_group_ids') : [],
    port: 443,
    publiclyAccessible: !vpc,
  });
}

function service(serviceName: string, nameArg: string | undefined): Mapper {
  return (m) => {
    const v: TfValue | undefined = nameArg ? m.view.attr(nameArg) : undefined;
    m.emit({ kind: 'service-resource', service: serviceName, resourceName: v === undefined ? unknown('the name is generated') : toStr(v, nameArg ?? 'name'), ...m.base });
  };
}

export const targetMappers: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  ['aws_db_instance', dbInstance],
  ['aws_rds_cluster', rdsCluster],
  ['aws_rds_cluster_instance', rdsClusterInstance],
  ['aws_db_proxy', dbProxy],
  ['aws_db_proxy_endpoint', dbProxyEndpoint],
  ['aws_db_proxy_target', dbProxyTarget],
  ['aws_db_subnet_group', subnetGroup],
  ['aws_elasticache_subnet_group', subnetGroup],
  ['aws_memorydb_subnet_group', subnetGroup],
  ['aws_docdb_subnet_group', subnetGroup],
  ['aws_elasticache_cluster', elasticache(6379, 'security_group_ids')],
  ['aws_elasticache_replication_group', elasticache(6379, 'security_group_ids', false)],
  ['aws_elasticache_serverless_cache', serverlessCache],
  ['aws_memorydb_cluster', memorydb],
  ['aws_efs_file_system', efsFileSystem],
  ['aws_efs_mount_target', efsMountTarget],
  ['aws_efs_access_point', efsAccessPoint],
  ['aws_instance', ec2Instance],
  ['aws_lb', loadBalancer],
  ['aws_alb', loadBalancer],
  ['aws_docdb_cluster', docdb],
  ['aws_mq_broker', mqBroker],
  ['aws_msk_cluster', mskCluster],
  ['aws_opensearch_domain', opensearch],
  ['aws_elasticsearch_domain', opensearch],
  ['aws_s3_bucket', service('s3', 'bucket')],
  ['aws_dynamodb_table', service('dynamodb', 'name')],
  ['aws_sqs_queue', service('sqs', 'name')],
  ['aws_sns_topic', service('sns', 'name')],
  ['aws_secretsmanager_secret', service('secretsmanager', 'name')],
  ['aws_kms_key', service('kms', undefined)],
  ['aws_ssm_parameter', service('ssm', 'name')],
  ['aws_cloudwatch_log_group', service('logs', 'name')],
  ['aws_kinesis_stream', service('kinesis', 'name')],
  ['aws_sfn_state_machine', service('states', 'name')],
  ['aws_cloudwatch_event_bus', service('events', 'name')],
]);

/** Types that are read (others refer to them) but need no model object of their own. */
export const referencedOnlyTypes: ReadonlySet<string> = new Set(['aws_eip', 'aws_db_proxy_default_target_group', 'aws_lb_listener', 'aws_alb_listener']);
