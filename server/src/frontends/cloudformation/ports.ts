// Default ports of database, cache and broker engines, used when a template does not set `Port` (RDS and
// Aurora engines, DocumentDB, Neptune, ElastiCache, MemoryDB, Amazon MQ).

export function defaultPort(resourceType: string, engine: string | undefined): number | undefined {
  switch (resourceType) {
    case 'AWS::DocDB::DBCluster':
    case 'AWS::DocDB::DBInstance':
      return 27017;
    case 'AWS::Neptune::DBCluster':
      return 8182;
    case 'AWS::MemoryDB::Cluster':
      return 6379;
    default:
      break;
  }
  if (engine === undefined) return undefined;
  const e = engine.toLowerCase();
  if (e === 'redis' || e === 'valkey') return 6379;
  if (e === 'memcached') return 11211;
  if (e.startsWith('aurora-postgresql') || e.startsWith('postgres')) return 5432;
  if (e === 'aurora' || e.startsWith('aurora-mysql') || e.startsWith('mysql') || e.startsWith('mariadb')) return 3306;
  if (e.startsWith('oracle')) return 1521;
  if (e.startsWith('sqlserver')) return 1433;
  if (e.startsWith('db2')) return 50000;
  if (e === 'docdb') return 27017;
  if (e === 'neptune') return 8182;
  if (e === 'activemq') return 61617;
  if (e === 'rabbitmq') return 5671;
  return undefined;
}
