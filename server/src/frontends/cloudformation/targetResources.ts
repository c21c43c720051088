// Private targets (RDS, proxies, ElastiCache, MemoryDB, EFS, EC2, load balancers, DocumentDB, Amazon MQ, MSK,
// OpenSearch, Neptune), their subnet groups, regional service resources (S3, DynamoDB, SQS, SNS, Secrets
// Manager, KMS, SSM, Logs, …) and IAM roles/policies → model objects. Ports default by engine (ports.ts).

import { listenerPortOf } from '../listenerPort';
import { mskClientPort } from '../mskPort';
import { serverlessCachePorts } from '../serverlessCachePorts';
import { isKnown, isUnknown, unknown, type Maybe } from '../../model/origin';
import type { Id, ModelObject, PolicyDocument, RefList, TargetKind } from '../../model/types';
import { Props, objectBase, toBool, toId, toNum, toOptionalId, toRefList, toStr, type ObjectBase } from './emitContext';
import type { CfnEvaluator } from './evaluate';
import { documentFromValue, managedPolicyArn } from './policy';
import { defaultPort } from './ports';
import { mergeGlobals } from './samGlobals';
import type { CfnResource } from './template';
import type { DataNode } from '../../syntax/data/ast';
import { field, isCfnList, isCfnRef, isCfnUnknown, type CfnValue } from './value';
import { override } from '../../model/override';
import { targetObject, type TargetFields } from '../targetObject';

interface CfnTargetFields extends TargetFields {
  readonly targetKind: TargetKind;
}

function target(b: ObjectBase, f: CfnTargetFields): ModelObject {
  return targetObject(f.targetKind, f, b);
}

function enginePort(r: CfnResource, p: Props, engineProp = 'Engine'): Maybe<number> {
  const engine = p.get(engineProp);
  const d = defaultPort(r.type, typeof engine === 'string' ? engine : undefined);
  return toNum(p.get('Port'), d ?? unknown(`the default port of ${typeof engine === 'string' ? engine : 'this engine'} is not known`), 'Port');
}

/** The port of an RDS Proxy by engine family. */
function proxyPort(family: CfnValue | undefined): Maybe<number> {
  if (family === 'MYSQL') return 3306;
  if (family === 'POSTGRESQL') return 5432;
  if (family === 'SQLSERVER') return 1433;
  return family !== undefined && isCfnUnknown(family) ? family : unknown('the proxy engine family is not known');
}

/**
 * P15: the port a function connects to on a load balancer is its listener's: the template's
 * AWS::ElasticLoadBalancingV2::Listener resources whose LoadBalancerArn is `!Ref` the balancer. One port decides;
 * several leave it open (which one the function uses is not in the code).
 */
function listenerPort(ev: CfnEvaluator, lb: CfnResource): Maybe<number> {
  const ports = new Set<number>();
  let open: string | undefined;
  for (const r of ev.resources.values()) {
    if (r.type !== 'AWS::ElasticLoadBalancingV2::Listener') continue;
    const p = new Props(ev, r);
    const arn = p.get('LoadBalancerArn');
    if (arn === undefined) continue;
    if (!isCfnRef(arn)) {
      if (isCfnUnknown(arn)) open ??= `the balancer of ${r.logicalId} is not known (${arn.reason})`;
      continue;
    }
    if (arn.logicalId !== lb.logicalId) continue;
    const port = toNum(p.get('Port'), unknown('no Port'), 'Port');
    if (isKnown(port)) ports.add(port);
    else open ??= `the port of listener ${r.logicalId} is not known`;
  }
  return listenerPortOf(ports, open, 'no listener of the template names it');
}

/** A resource's name decides nothing unless an endpoint policy may be matched against its ARN. */
function resourceName(ev: CfnEvaluator, read: () => CfnValue | undefined): CfnValue | undefined {
  return ev.resourceNamesMatter ? read() : ev.quietly(read);
}

function service(b: ObjectBase, svc: string, name: Maybe<string>): ModelObject {
  return { kind: 'service-resource', service: svc, resourceName: name, ...b };
}

const SERVICES: ReadonlyMap<string, readonly [string, string | undefined]> = new Map([
  ['AWS::S3::Bucket', ['s3', 'BucketName']],
  ['AWS::DynamoDB::Table', ['dynamodb', 'TableName']],
  ['AWS::DynamoDB::GlobalTable', ['dynamodb', 'TableName']],
  ['AWS::SQS::Queue', ['sqs', 'QueueName']],
  ['AWS::SNS::Topic', ['sns', 'TopicName']],
  ['AWS::SecretsManager::Secret', ['secretsmanager', 'Name']],
  ['AWS::KMS::Key', ['kms', undefined]],
  ['AWS::SSM::Parameter', ['ssm', 'Name']],
  ['AWS::Logs::LogGroup', ['logs', 'LogGroupName']],
  ['AWS::Kinesis::Stream', ['kinesis', 'Name']],
  ['AWS::StepFunctions::StateMachine', ['states', 'StateMachineName']],
  ['AWS::Serverless::StateMachine', ['states', 'Name']],
  ['AWS::Events::EventBus', ['events', 'Name']],
  ['AWS::ECR::Repository', ['ecr', 'RepositoryName']],
]);

function inlinePolicies(ev: CfnEvaluator, list: CfnValue | undefined, node: DataNode | undefined, fallbackSpan: CfnResource['span']): PolicyDocument[] {
  if (list === undefined || !isCfnList(list)) return [];
  const out: PolicyDocument[] = [];
  for (const pol of list) {
    const d = documentFromValue(field(pol, 'PolicyDocument'));
    if (!isCfnUnknown(d as CfnValue)) out.push(override(d as PolicyDocument, { origin: { file: ev.file, span: node?.span ?? fallbackSpan } }));
  }
  return out;
}

function managedArns(v: CfnValue | undefined, region: string | undefined): Maybe<string>[] {
  if (v === undefined || !isCfnList(v)) return [];
  return v.map((x) => (typeof x === 'string' ? managedPolicyArn(x, region) : toStr(x, undefined, 'managed policy ARN')));
}

/** The port clients use: the service's listeners' port (HTTPS 443, HTTP 80 by default), unknown when they differ. */
function latticeListenerPort(ev: CfnEvaluator, serviceId: Id): Maybe<number> {
  const ports = new Set<Maybe<number>>();
  for (const res of ev.resources.values()) {
    if (res.type !== 'AWS::VpcLattice::Listener') continue;
    const lp = new Props(ev, res);
    const svc = lp.get('ServiceIdentifier');
    if (svc === undefined || toId(svc, 'ServiceIdentifier') !== serviceId) continue;
    const protocol = lp.get('Protocol');
    ports.add(toNum(lp.get('Port'), protocol === 'HTTP' ? 80 : protocol === 'HTTPS' || protocol === 'TLS_PASSTHROUGH' ? 443 : unknown('the listener protocol is not known'), 'Port'));
  }
  const [only] = ports;
  if (ports.size === 1 && only !== undefined) return only;
  return unknown(ports.size === 0 ? 'the service has no listener in this template' : 'the service has listeners on several ports');
}

/**
 * RDS CreateDBInstance / CreateDBCluster: with PubliclyAccessible unset, RDS makes the database public when the
 * VPC of its subnet group has an internet gateway attached, private otherwise (and the default VPC decides when
 * there is no subnet group). CloudFormation passes the unset value on, so the model resolves it.
 */
function rdsPublicAccess(p: Props): Pick<TargetFields, 'publiclyAccessible' | 'publicByDefault'> {
  const set = p.get('PubliclyAccessible');
  if (set !== undefined) return { publiclyAccessible: toBool(set, false, 'PubliclyAccessible') };
  return {
    publiclyAccessible: unknown('PubliclyAccessible is not set: RDS then makes the database public if the VPC of its subnet group has an internet gateway attached'),
    publicByDefault: 'if-vpc-has-internet-gateway',
  };
}

export function targetObjects(ev: CfnEvaluator, r: CfnResource, globals: DataNode | undefined): ModelObject[] | undefined {
  const b = objectBase(ev, r);
  const p = new Props(ev, r);
  const sgs = (name: string): RefList => toRefList(p.get(name), 'security group');
  const subnets = (name: string): RefList => toRefList(p.get(name), 'subnet');
  const group = (name: string): Maybe<Id> | null => toOptionalId(p.get(name), name);
  switch (r.type) {
    case 'AWS::RDS::DBInstance': {
      const cluster = p.get('DBClusterIdentifier');
      // An Aurora instance takes its subnet group, security groups and port from its cluster when it sets none
      // (AWS::RDS::DBInstance: "managed by the DB cluster"), as aws_rds_cluster_instance does; the target's groups
      // are what its ingress is judged on (P2).
      const clusterRes = cluster !== undefined && isCfnRef(cluster) ? ev.resources.get(cluster.logicalId) : undefined;
      const cp = clusterRes?.type === 'AWS::RDS::DBCluster' ? new Props(ev, clusterRes) : undefined;
      const own = <T>(name: string, fromCluster: (c: Props) => T, mine: () => T): T | Maybe<never> => {
        if (p.get(name) !== undefined || cluster === undefined) return mine();
        return cp !== undefined ? fromCluster(cp) : unknown('it takes this from its DB cluster, which is not in this template');
      };
      return [
        target(b, {
          targetKind: 'rds-instance',
          subnetGroup: own('DBSubnetGroupName', (c) => toOptionalId(c.get('DBSubnetGroupName'), 'DBSubnetGroupName'), () => group('DBSubnetGroupName')),
          securityGroups: own('VPCSecurityGroups', (c) => toRefList(c.get('VpcSecurityGroupIds'), 'security group'), () => sgs('VPCSecurityGroups')),
          port: own('Port', (c) => enginePort(clusterRes ?? r, c), () => enginePort(r, p)),
          ...rdsPublicAccess(p),
          parent: cluster !== undefined ? toId(cluster, 'DBClusterIdentifier') : null,
        }),
      ];
    }
    case 'AWS::RDS::DBCluster': {
      const mode = p.get('EngineMode');
      return [
        target(b, {
          targetKind: 'rds-cluster',
          subnetGroup: group('DBSubnetGroupName'),
          securityGroups: sgs('VpcSecurityGroupIds'),
          port: enginePort(r, p),
          // PubliclyAccessible is for Multi-AZ DB clusters (DBClusterInstanceClass); an Aurora cluster's instances
          // carry their own, and the analysis reads those (E1).
          ...(p.get('DBClusterInstanceClass') !== undefined ? rdsPublicAccess(p) : { publiclyAccessible: toBool(p.get('PubliclyAccessible'), false, 'PubliclyAccessible') }),
          serverlessDataApi: mode === 'serverless' && p.get('EnableHttpEndpoint') === true,
        }),
      ];
    }
    case 'AWS::RDS::DBProxy':
      return [target(b, { targetKind: 'rds-proxy', subnets: subnets('VpcSubnetIds'), securityGroups: sgs('VpcSecurityGroupIds'), port: proxyPort(p.get('EngineFamily')) })];
    case 'AWS::RDS::DBProxyEndpoint': {
      // An endpoint of a proxy in its own subnets and security groups (P14), like aws_db_proxy_endpoint:
      // a target whose parent is the proxy, on the proxy's engine port.
      const proxy = p.get('DBProxyName');
      const proxyRes = proxy !== undefined && isCfnRef(proxy) ? ev.resources.get(proxy.logicalId) : undefined;
      const port = proxyRes?.type === 'AWS::RDS::DBProxy' ? proxyPort(new Props(ev, proxyRes).get('EngineFamily')) : unknown('the proxy engine family is not known');
      return [target(b, { targetKind: 'rds-proxy', subnets: subnets('VpcSubnetIds'), securityGroups: sgs('VpcSecurityGroupIds'), port, parent: toId(proxy, 'DBProxyName') })];
    }
    case 'AWS::RDS::DBProxyTargetGroup': {
      // The DB instance or Aurora cluster behind a proxy (P14); folded into the proxy by model/build.ts.
      const lists = ['DBInstanceIdentifiers', 'DBClusterIdentifiers'].map((k) => toRefList(p.get(k), k));
      const databases: RefList = lists.find(isUnknown) ?? lists.flatMap((d) => (isUnknown(d) ? [] : d));
      return [{ kind: 'db-proxy-target', proxy: toId(p.get('DBProxyName'), 'DBProxyName'), databases, ...b }];
    }
    case 'AWS::RDS::DBSubnetGroup':
    case 'AWS::DocDB::DBSubnetGroup':
    case 'AWS::Neptune::DBSubnetGroup':
      return [{ kind: 'subnet-group', subnets: subnets('SubnetIds'), ...b }];
    case 'AWS::ElastiCache::SubnetGroup':
    case 'AWS::MemoryDB::SubnetGroup':
      return [{ kind: 'subnet-group', subnets: subnets('SubnetIds'), ...b }];
    case 'AWS::ElastiCache::CacheCluster':
      return [target(b, { targetKind: 'elasticache', subnetGroup: group('CacheSubnetGroupName'), securityGroups: sgs('VpcSecurityGroupIds'), port: enginePort(r, p) })];
    case 'AWS::ElastiCache::ReplicationGroup': {
      const engine = p.get('Engine');
      return [target(b, { targetKind: 'elasticache', subnetGroup: group('CacheSubnetGroupName'), securityGroups: sgs('SecurityGroupIds'), port: toNum(p.get('Port'), defaultPort(r.type, typeof engine === 'string' ? engine : 'redis') ?? 6379, 'Port') })];
    }
    case 'AWS::ElastiCache::ServerlessCache': {
      // A primary port and a reader port, from Engine (serverlessCachePorts); there is no Port property.
      const ports = serverlessCachePorts(toStr(p.get('Engine'), undefined, 'Engine'));
      return [target(b, { targetKind: 'elasticache', subnets: subnets('SubnetIds'), securityGroups: sgs('SecurityGroupIds'), port: ports.port, readerPort: ports.readerPort })];
    }
    case 'AWS::MemoryDB::Cluster':
      return [target(b, { targetKind: 'memorydb', subnetGroup: group('SubnetGroupName'), securityGroups: sgs('SecurityGroupIds'), port: toNum(p.get('Port'), 6379, 'Port') })];
    case 'AWS::EFS::FileSystem':
      return [target(b, { targetKind: 'efs-file-system', port: 2049 })];
    case 'AWS::EFS::MountTarget': {
      const subnet = p.get('SubnetId');
      return [target(b, { targetKind: 'efs-mount-target', subnets: subnet !== undefined ? [toId(subnet, 'SubnetId')] : [], securityGroups: sgs('SecurityGroups'), port: 2049, parent: toId(p.get('FileSystemId'), 'FileSystemId') })];
    }
    case 'AWS::EFS::AccessPoint':
      // An access point stands for its file system (P13), as aws_efs_access_point does: a function may name it
      // through an export or a nested stack's output, where this template's resources are not at hand.
      return [target(b, { targetKind: 'other', port: 2049, parent: toId(p.get('FileSystemId'), 'FileSystemId') })];
    case 'AWS::EC2::Instance': {
      const nis = p.get('NetworkInterfaces');
      const ni = nis !== undefined && isCfnList(nis) ? nis[0] : undefined;
      const subnet = p.get('SubnetId') ?? field(ni, 'SubnetId');
      const groups = p.get('SecurityGroupIds') ?? field(ni, 'GroupSet');
      return [
        target(b, {
          targetKind: 'ec2-instance',
          subnets: subnet !== undefined ? [toId(subnet, 'SubnetId')] : unknown('the instance is launched in the default VPC'),
          securityGroups: toRefList(groups, 'security group'),
          port: unknown('an instance listens on the ports its software opens'),
          publiclyAccessible: subnet !== undefined ? unknown('depends on the subnet and public IP settings') : true,
        }),
      ];
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const mappings = p.get('SubnetMappings');
      const subnetList = p.has('Subnets') ? subnets('Subnets') : mappings !== undefined && isCfnList(mappings) ? mappings.map((m) => toId(field(m, 'SubnetId'), 'SubnetId')) : [];
      const scheme = p.get('Scheme');
      return [
        target(b, {
          targetKind: 'load-balancer',
          subnets: subnetList,
          securityGroups: sgs('SecurityGroups'),
          port: listenerPort(ev, r),
          publiclyAccessible: scheme === undefined || scheme === 'internet-facing' ? true : scheme === 'internal' ? false : unknown('the scheme is not known'),
          // A Network Load Balancer without SecurityGroups has none, ever: nothing filters at it (P2).
          unfiltered: p.get('Type') === 'network' && !p.has('SecurityGroups'),
        }),
      ];
    }
    case 'AWS::DocDB::DBCluster':
      return [target(b, { targetKind: 'docdb-cluster', subnetGroup: group('DBSubnetGroupName'), securityGroups: sgs('VpcSecurityGroupIds'), port: toNum(p.get('Port'), 27017, 'Port') })];
    case 'AWS::DocDB::DBInstance':
      return [target(b, { targetKind: 'docdb-cluster', port: 27017, parent: toId(p.get('DBClusterIdentifier'), 'DBClusterIdentifier') })];
    case 'AWS::Neptune::DBCluster':
      return [target(b, { targetKind: 'other', subnetGroup: group('DBSubnetGroupName'), securityGroups: sgs('VpcSecurityGroupIds'), port: toNum(p.get('Port'), 8182, 'Port') })];
    case 'AWS::AmazonMQ::Broker':
      return [
        target(b, {
          targetKind: 'mq-broker',
          subnets: subnets('SubnetIds'),
          securityGroups: sgs('SecurityGroups'),
          port: enginePort(r, p, 'EngineType') ?? unknown('broker port'),
          publiclyAccessible: toBool(p.get('PubliclyAccessible'), false, 'PubliclyAccessible'),
        }),
      ];
    case 'AWS::MSK::Cluster': {
      const info = p.get('BrokerNodeGroupInfo');
      const auth = p.get('ClientAuthentication');
      const enabled = (v: CfnValue | undefined, what: string): Maybe<boolean> => toBool(field(v, 'Enabled'), false, what);
      const unauthenticated = field(auth, 'Unauthenticated');
      const broker = field(field(p.get('EncryptionInfo'), 'EncryptionInTransit'), 'ClientBroker');
      const port = mskClientPort({
        iam: enabled(field(field(auth, 'Sasl'), 'Iam'), 'ClientAuthentication.Sasl.Iam.Enabled'),
        scram: enabled(field(field(auth, 'Sasl'), 'Scram'), 'ClientAuthentication.Sasl.Scram.Enabled'),
        // Tls.Enabled may be left out beside a certificate authority list, which turns it on.
        mutualTls: toBool(field(field(auth, 'Tls'), 'Enabled'), field(field(auth, 'Tls'), 'CertificateAuthorityArnList') !== undefined, 'ClientAuthentication.Tls.Enabled'),
        unauthenticated: unauthenticated === undefined ? undefined : enabled(unauthenticated, 'ClientAuthentication.Unauthenticated.Enabled'),
        clientBroker: broker === undefined ? undefined : toStr(broker, undefined, 'EncryptionInTransit.ClientBroker'),
      });
      return [
        target(b, {
          targetKind: 'msk-cluster',
          subnets: toRefList(field(info, 'ClientSubnets'), 'subnet'),
          securityGroups: toRefList(field(info, 'SecurityGroups'), 'security group'),
          port,
        }),
      ];
    }
    case 'AWS::MSK::ServerlessCluster': {
      const vpcs = p.get('VpcConfigs');
      const first = vpcs !== undefined && isCfnList(vpcs) ? vpcs[0] : undefined;
      return [target(b, { targetKind: 'msk-cluster', subnets: toRefList(field(first, 'SubnetIds'), 'subnet'), securityGroups: toRefList(field(first, 'SecurityGroups'), 'security group'), port: 9098 })];
    }
    case 'AWS::OpenSearchService::Domain':
    case 'AWS::Elasticsearch::Domain': {
      const vpc = p.get('VPCOptions');
      if (vpc === undefined) return [service(b, 'es', toStr(p.get('DomainName'), unknown('generated name'), 'DomainName'))];
      return [target(b, { targetKind: 'opensearch', subnets: toRefList(field(vpc, 'SubnetIds'), 'subnet'), securityGroups: toRefList(field(vpc, 'SecurityGroupIds'), 'security group'), port: 443 })];
    }
    case 'AWS::VpcLattice::Service':
      return [target(b, { targetKind: 'vpc-lattice-service', port: latticeListenerPort(ev, b.id) })];
    case 'AWS::VpcLattice::Listener': // read by its service (the port clients use)
    case 'AWS::VpcLattice::ServiceNetwork': // named by the associations; nothing to filter on
      return [];
    case 'AWS::VpcLattice::ServiceNetworkVpcAssociation':
    case 'AWS::VpcLattice::ServiceNetworkServiceAssociation': {
      const ofVpc = r.type === 'AWS::VpcLattice::ServiceNetworkVpcAssociation';
      return [{
        kind: 'lattice-association', serviceNetwork: toId(p.get('ServiceNetworkIdentifier'), 'ServiceNetworkIdentifier'),
        vpc: ofVpc ? toId(p.get('VpcIdentifier'), 'VpcIdentifier') : null, service: ofVpc ? null : toId(p.get('ServiceIdentifier'), 'ServiceIdentifier'),
        securityGroups: ofVpc ? sgs('SecurityGroupIds') : [], ...b,
      }];
    }
    case 'AWS::Serverless::SimpleTable': {
      const merged = mergeGlobals(globals?.kind === 'map' ? globals : undefined, 'SimpleTable', r.node, r.properties);
      return [service(b, 'dynamodb', toStr(resourceName(ev, () => new Props(ev, r, merged.properties).get('TableName')), unknown('the table name is generated by CloudFormation'), 'TableName'))];
    }
    case 'AWS::IAM::Role':
      return [{ kind: 'iam-role', inlinePolicies: inlinePolicies(ev, p.get('Policies'), p.raw('Policies'), r.span), managedPolicyArns: managedArns(p.get('ManagedPolicyArns'), ev.scope.region), ...b }];
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy': {
      const doc = documentFromValue(p.get('PolicyDocument'));
      const roles = r.type === 'AWS::IAM::RolePolicy' ? [toId(p.get('RoleName'), 'RoleName')] : toRefList(p.get('Roles'), 'role');
      return [{ kind: 'iam-policy', document: doc, roles, ...b }];
    }
    case 'AWS::S3::BucketPolicy':
      // Whom it grants what on the bucket (the function's requests to S3, E7).
      return [{ kind: 'iam-policy', document: documentFromValue(p.get('PolicyDocument')), roles: [], resource: toId(p.get('Bucket'), 'Bucket'), ...b }];
    default: {
      const svc = SERVICES.get(r.type);
      if (svc === undefined) return undefined;
      const nameProp = svc[1];
      return [service(b, svc[0], nameProp !== undefined ? toStr(resourceName(ev, () => p.get(nameProp)), unknown('the name is generated by CloudFormation'), nameProp) : unknown('a key has no name'))];
    }
  }
}

