// Differential tests of the two front ends: one network written in Terraform and in CloudFormation/SAM must
// give the same analysis (reach per function and destination, Hyperplane ENIs, findings), compared by role
// (TF `aws_subnet.A` and CFN logical id `A` are both role `A`), except where the tools genuinely differ (T3, T6).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, type WorkspaceRun } from '../support/analyseWorkspace';
import * as Cfn from '../support/cloudFormationPieces';
import * as Tf from '../support/terraformPieces';

const REGION = 'eu-west-1';

/** `aws_subnet.A` → `A`, `module.m.aws_subnet.A[0]` → `A[0]`, CFN logical ids unchanged, then `rename`. */
function roleOf(text: string, rename: Readonly<Record<string, string>>): string {
  let out = text.replace(/(?:module\.[\w-]+\.)*(?:data\.)?aws_[a-z0-9_]+\.([\w-]+)/g, '$1');
  for (const [from, to] of Object.entries(rename)) out = out.split(from).join(to);
  return out;
}

/** The normalised projection of one run: one line per function fact, destination, subnet answer, ENI and finding. */
function project(run: WorkspaceRun, rename: Readonly<Record<string, string>> = {}): string[] {
  const role = (id: string | null | undefined): string => {
    if (id === null || id === undefined) return '-';
    const o = run.model.get(id);
    return roleOf(o?.address ?? id.slice(id.lastIndexOf('::') + 2), rename);
  };
  const kind = (id: string | null): string => (id === null ? '-' : run.model.get(id)?.kind ?? '?');
  const lines: string[] = [];
  for (const f of run.result.functions) {
    const fn = role(f.function);
    lines.push(`fn ${fn} vpc=${String(f.vpcAttached)} subnets=${f.subnets.map((s) => (typeof s === 'string' ? role(s) : '?')).sort().join(',')} sgs=${f.securityGroups.map((s) => (typeof s === 'string' ? role(s) : '?')).sort().join(',')}`);
    for (const r of f.reach) {
      const dest = r.destinationKind === 'target' ? roleOf(r.destination, rename) : r.destination;
      lines.push(`  ${fn} → ${dest}: ${r.status} via ${r.via ?? '-'} blocked ${kind(r.blockedAt)} ${r.reason ?? '-'} needed=${String(r.needed)}`);
      lines.push(`  ${fn} → ${dest} fixes: ${r.fixes.map((x) => x.changes.map((c) => c.kind).join('+')).join(' | ')}`);
      lines.push(`  ${fn} → ${dest} path: ${r.path.map((h) => `${h.componentKind}${h.component === null ? '' : `(${role(h.component)})`}:${h.verdict}${h.rule === undefined ? '' : `[${h.rule}]`}`).join(' ')}`);
      for (const s of r.bySubnet) lines.push(`    ${fn} → ${dest} from ${role(s.subnet)}: ${s.status} via ${s.via ?? '-'} ${s.code ?? '-'}`);
    }
  }
  for (const e of run.result.enis) {
    lines.push(`eni ${role(e.subnet)} [${e.securityGroups.map(role).sort().join(',')}] fns=${e.functions.map(role).sort().join(',')}`);
  }
  for (const x of run.result.findings) {
    lines.push(`finding ${x.rule} ${x.severity} ${role(x.subject)} ${x.key === undefined ? '-' : roleOf(x.key, rename)} related=${x.related.map((y) => role(y.component)).join(',')} fixes=${x.fixes.map((f) => f.changes.map((c) => c.kind).join('+')).join('|')}`);
  }
  return lines.sort();
}

interface Twin {
  readonly tf: string;
  readonly cfn: string;
  /** Further Terraform files (path → text), e.g. a local module. */
  readonly tfFiles?: Readonly<Record<string, string>>;
  /** TF-side role names that differ from the CFN logical ids (count instances, synthesised objects). */
  readonly rename?: Readonly<Record<string, string>>;
}

function runTwin(t: Twin): { tf: string[]; cfn: string[]; tfRun: WorkspaceRun; cfnRun: WorkspaceRun } {
  const tfRun = analyseWorkspace({ '/w/main.tf': t.tf, ...t.tfFiles }, REGION);
  const cfnRun = analyseWorkspace({ '/w/template.yaml': t.cfn }, REGION);
  const out = { tf: project(tfRun, t.rename), cfn: project(cfnRun, t.rename), tfRun, cfnRun };
  if (process.env.TWINS_DUMP !== undefined) console.log(`TF:\n${out.tf.join('\n')}\nCFN:\n${out.cfn.join('\n')}\nproblems: ${[...tfRun.problems, ...cfnRun.problems].map((p) => p.message).join(' | ')}`);
  return out;
}

/** The projected lines of one destination of one function (the summary line only). */
function answer(lines: readonly string[], fn: string, dest: string): string {
  const hit = lines.find((l) => l.startsWith(`  ${fn} → ${dest}: `));
  return hit === undefined ? 'no answer' : hit.slice(`  ${fn} → ${dest}: `.length);
}

// ---------------------------------------------------------------------------------------------------------
// Shared pieces: VPC 10.0.0.0/16 with private subnets A (1a) and B (1b), a public subnet P (1a) with an IGW,
// a NAT gateway in P, a private table Rt routing 0.0.0.0/0 to the NAT. Same names in both languages.

/** The TF twin of `Cfn.twoAzVpc(REGION)`; `attributes` go on the VPC. */
const TF_VPC = (...attributes: string[]): string => Tf.twoAzVpc(REGION, { vpc: 'Vpc', subnets: ['A', 'B'], attributes });
const CFN_VPC = (o: Cfn.TemplateOptions & { readonly vpcProperties?: string } = {}): string => Cfn.twoAzVpc(REGION, o);

/** Public subnet P with internet gateway Igw and table PublicRt. */
const TF_PUBLIC = Tf.subnet('P', { cidr: '10.0.100.0/24', az: `${REGION}a`, vpc: 'Vpc' })
  + 'resource "aws_internet_gateway" "Igw" { vpc_id = aws_vpc.Vpc.id }\n'
  + Tf.routeTable('PublicRt', { vpc: 'Vpc', routes: Tf.route('0.0.0.0/0', 'gateway_id = aws_internet_gateway.Igw.id') })
  + Tf.association('P', 'PublicRt', 'PublicRtP');
const CFN_PUBLIC = Cfn.publicSubnet({ cidr: '10.0.100.0/24', az: `${REGION}a` });
/** NAT gateway Nat (Elastic IP NatIp) in P. */
const TF_NAT_GATEWAY = Tf.natGateway('Nat', 'P', 'NatIp');
const CFN_NAT_GATEWAY = Cfn.natGateway('Nat', 'P');
const TF_NAT = TF_PUBLIC + TF_NAT_GATEWAY
  + Tf.routeTable('Rt', { vpc: 'Vpc', routes: Tf.route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.Nat.id') })
  + Tf.association('A', 'Rt', 'RtA') + Tf.association('B', 'Rt', 'RtB');
const CFN_NAT = CFN_PUBLIC + CFN_NAT_GATEWAY
  + Cfn.routeTable('Rt', { subnets: ['A', 'B'], routes: [{ name: 'RtDefault', cidr: '0.0.0.0/0', target: 'NatGatewayId: !Ref Nat' }] });

/** Private table Rt (no routes) on A and B. */
const TF_RT = Tf.routeTable('Rt', { vpc: 'Vpc' }) + Tf.association('A', 'Rt', 'RtA') + Tf.association('B', 'Rt', 'RtB');
const CFN_RT = Cfn.routeTable('Rt', { subnets: ['A', 'B'] });
/** A second table Other, associated with no function subnet. */
const TF_OTHER_RT = Tf.routeTable('Other', { vpc: 'Vpc' });
const CFN_OTHER_RT = Cfn.routeTable('Other');

/** Gateway endpoint `name` for `service` on table Rt. */
const TF_GATEWAY_ENDPOINT = (name: string, service: string): string => Tf.gatewayEndpoint(name, service, REGION, ['Rt'], 'Vpc');
const CFN_GATEWAY_ENDPOINT = (name: string, service: string): string => Cfn.gatewayEndpoint(name, service, ['Rt']);

const TF_TABLE = `resource "aws_dynamodb_table" "Table" {
  name         = "t"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {
    name = "pk"
    type = "S"
  }
}
`;
const CFN_TABLE = `  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
`;
const TF_BUCKET = 'resource "aws_s3_bucket" "Bucket" { bucket = "twins-bucket" }\n';
const CFN_BUCKET = '  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: twins-bucket } }\n';
const TABLE_ENV = { TABLE: ['aws_dynamodb_table.Table.name', '!Ref Table'] } as const;
const BUCKET_ENV = { BUCKET: ['aws_s3_bucket.Bucket.bucket', '!Ref Bucket'] } as const;
const QUEUE_ENV = { QUEUE_URL: ['aws_sqs_queue.Queue.url', '!Ref Queue'] } as const;

/** A function SG with allow-all egress: explicit in TF (T3), AWS's default in CFN. */
const TF_SG_ALL = (name = 'FnSg'): string => Tf.securityGroup(name, 'all', 'Vpc');
const CFN_SG_ALL = (name = 'FnSg'): string => Cfn.securityGroup(name, { description: 'fn' });

/** Target SG `name` admitting tcp `port` from `peer` (TF `cidr_blocks = …` / `security_groups = …`, CFN `CidrIp: …`). */
const TF_INGRESS_SG = (name: string, port: number, peer: string, vpc = 'Vpc'): string => Tf.securityGroupRules(name, { vpc, ingress: [{ port, peer }] });
const CFN_INGRESS_SG = (name: string, port: number, peer: string, vpc = 'Vpc'): string => Cfn.securityGroup(name, { vpc, ingress: [Cfn.tcp(port, peer)] });

/** RDS instance Db (subnet group DbSubnets) in `subnets` behind SG DbSg. */
const TF_DB = (engine: string, subnets: readonly string[] = ['A', 'B'], attributes: readonly string[] = []): string =>
  Tf.dbInstance('Db', { engine, subnets, securityGroups: ['DbSg'], attributes });
const CFN_DB = (engine: string, subnets: readonly string[] = ['A', 'B'], properties?: string): string =>
  Cfn.dbInstance('Db', { engine, subnets, securityGroups: ['DbSg'], properties });
const DB_ENV = { DB_HOST: ['aws_db_instance.Db.address', '!GetAtt Db.Endpoint.Address'] } as const;

interface FnOptions {
  readonly subnets?: readonly string[];
  readonly sgs?: readonly string[];
  /** Environment variables: name → [TF expression, CFN value]. */
  readonly env?: Readonly<Record<string, readonly [string, string]>>;
  readonly vpc?: boolean;
}

/** The function's environment in one language (`side` 0 TF, 1 CFN), or none. */
const envOf = (o: FnOptions, side: 0 | 1): string | undefined => {
  const env = Object.entries(o.env ?? {});
  return env.length === 0 ? undefined : env.map(([k, v]) => `${k}${side === 0 ? ' =' : ':'} ${v[side]}`).join(', ');
};
const TF_FN = (name: string, o: FnOptions = {}): string => (o.vpc === false
  ? Tf.lambdaFunction(name, { attributes: Tf.packaged, env: envOf(o, 0) })
  : Tf.vpcFunction(name, { attributes: Tf.packaged, env: envOf(o, 0), subnets: o.subnets ?? ['A', 'B'], securityGroups: o.sgs ?? ['FnSg'] }));
const CFN_FN = (name: string, o: FnOptions = {}): string => (o.vpc === false
  ? Cfn.lambdaFunction(name, { env: envOf(o, 1) })
  : Cfn.vpcFunction(name, { env: envOf(o, 1), subnets: o.subnets ?? ['A', 'B'], securityGroups: o.sgs ?? ['FnSg'] }));

const URL_ENV = { URL: ['"https://example.com/api"', '"https://example.com/api"'] } as const;

/** A rule of `ACL`: CFN entry `name`, the protocol as each tool spells it ([TF, CFN]), ports when not all. */
interface AclRule {
  readonly name: string;
  readonly egress: boolean;
  readonly no: number;
  readonly action: 'allow' | 'deny';
  readonly protocol: readonly [string, string];
  readonly cidr: string;
  readonly ports?: readonly [number, number];
}

/** Network ACL Acl on A and B with `rules`: inline blocks in TF, NetworkAclEntry resources in CFN. */
const ACL = (rules: readonly AclRule[]): { readonly tf: string; readonly cfn: string } => ({
  tf: `resource "aws_network_acl" "Acl" {
  vpc_id     = aws_vpc.Vpc.id
  subnet_ids = [aws_subnet.A.id, aws_subnet.B.id]
${rules.map((r) => `  ${r.egress ? 'egress' : 'ingress'} {
    rule_no    = ${r.no}
    action     = "${r.action}"
    protocol   = "${r.protocol[0]}"
    cidr_block = "${r.cidr}"
    from_port  = ${r.ports?.[0] ?? 0}
    to_port    = ${r.ports?.[1] ?? 0}
  }
`).join('')}}
`,
  cfn: `  Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
${rules.map((r) => `  ${r.name}: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: ${r.no}, Egress: ${String(r.egress)}, RuleAction: ${r.action}, Protocol: ${r.protocol[1]}, CidrBlock: ${r.cidr}${r.ports === undefined ? '' : `, PortRange: { From: ${r.ports[0]}, To: ${r.ports[1]} }`} } }
`).join('')}  AclA: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref A, NetworkAclId: !Ref Acl } }
  AclB: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref B, NetworkAclId: !Ref Acl } }
`,
});

// ---------------------------------------------------------------------------------------------------------

describe('front-end twins: Terraform and CloudFormation give the same analysis', () => {
  it('private subnets, NAT gateway in a public subnet, IGW: internet yes via NAT', () => {
    const r = runTwin({
      tf: TF_VPC() + TF_NAT + TF_SG_ALL() + TF_FN('Fn', { env: URL_ENV }),
      cfn: CFN_VPC() + CFN_NAT + CFN_SG_ALL() + CFN_FN('Fn', { env: URL_ENV }),
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
  });

  it('S3 gateway endpoint on the subnets\' table: s3 yes via gateway-endpoint, internet no', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_RT}${TF_GATEWAY_ENDPOINT('S3', 's3')}${TF_BUCKET}${TF_SG_ALL()}${TF_FN('Fn', { env: BUCKET_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_RT}${CFN_GATEWAY_ENDPOINT('S3', 's3')}${CFN_BUCKET}${CFN_SG_ALL()}${CFN_FN('Fn', { env: BUCKET_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 's3'), 'yes via gateway-endpoint blocked - - needed=true');
    assert.match(answer(r.tf, 'Fn', 'internet'), /^no via - blocked route-table /);
  });

  it('DynamoDB gateway endpoint on another table: dynamodb no at the route table', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_RT}${TF_OTHER_RT}resource "aws_vpc_endpoint" "Ddb" {
  vpc_id          = aws_vpc.Vpc.id
  service_name    = "com.amazonaws.${REGION}.dynamodb"
  route_table_ids = [aws_route_table.Other.id]
}
${TF_TABLE}${TF_SG_ALL()}${TF_FN('Fn', { env: TABLE_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_RT}${CFN_OTHER_RT}  Ddb: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.dynamodb", RouteTableIds: [!Ref Other] } }
${CFN_TABLE}${CFN_SG_ALL()}${CFN_FN('Fn', { env: TABLE_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.match(answer(r.tf, 'Fn', 'dynamodb'), /^no via - blocked route-table \S+ needed=true$/);
  });

  it('DynamoDB gateway endpoint attached by a separate association (TF) / RouteTableIds (CFN): yes', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_RT}resource "aws_vpc_endpoint" "Ddb" {
  vpc_id       = aws_vpc.Vpc.id
  service_name = "com.amazonaws.${REGION}.dynamodb"
}
resource "aws_vpc_endpoint_route_table_association" "DdbRt" {
  vpc_endpoint_id = aws_vpc_endpoint.Ddb.id
  route_table_id  = aws_route_table.Rt.id
}
${TF_TABLE}${TF_SG_ALL()}${TF_FN('Fn', { env: TABLE_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_RT}${CFN_GATEWAY_ENDPOINT('Ddb', 'dynamodb')}${CFN_TABLE}${CFN_SG_ALL()}${CFN_FN('Fn', { env: TABLE_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'dynamodb'), 'yes via gateway-endpoint blocked - - needed=true');
  });


  it('custom NACL without ephemeral return ports: internet no at the network ACL', () => {
    const acl = ACL([
      { name: 'AclOut', egress: true, no: 100, action: 'allow', protocol: ['-1', '-1'], cidr: '0.0.0.0/0' },
      { name: 'AclIn', egress: false, no: 100, action: 'allow', protocol: ['tcp', '6'], cidr: '10.0.0.0/16', ports: [443, 443] },
    ]);
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}${acl.tf}${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${acl.cfn}${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.match(answer(r.tf, 'Fn', 'internet'), /^no via \S+ blocked network-acl \S+ needed=true$/);
  });

  it('NACL rules as separate resources (TF aws_network_acl_rule) allowing ephemeral ports: internet yes', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}resource "aws_network_acl" "Acl" {
  vpc_id     = aws_vpc.Vpc.id
  subnet_ids = [aws_subnet.A.id, aws_subnet.B.id]
}
resource "aws_network_acl_rule" "AclOut" {
  network_acl_id = aws_network_acl.Acl.id
  rule_number    = 100
  egress         = true
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}
resource "aws_network_acl_rule" "AclIn" {
  network_acl_id = aws_network_acl.Acl.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}
${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}  Acl: { Type: AWS::EC2::NetworkAcl, Properties: { VpcId: !Ref Vpc } }
  AclOut: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Egress: true, RuleAction: allow, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 443, To: 443 } } }
  AclIn: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Egress: false, RuleAction: allow, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 1024, To: 65535 } } }
  AclA: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref A, NetworkAclId: !Ref Acl } }
  AclB: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref B, NetworkAclId: !Ref Acl } }
${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
  });

  it('function SG egress only to a literal prefix list id: unknown at the SG in both (which list is not known)', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}${TF_GATEWAY_ENDPOINT('S3', 's3')}${TF_BUCKET}${Tf.securityGroupRules('FnSg', { vpc: 'Vpc', egress: [{ port: 443, peer: 'prefix_list_ids = ["pl-6da54004"]' }] })}${TF_FN('Fn', { env: { ...BUCKET_ENV, ...URL_ENV } })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${CFN_GATEWAY_ENDPOINT('S3', 's3')}${CFN_BUCKET}${Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(443, 'DestinationPrefixListId: pl-6da54004')] })}${CFN_FN('Fn', { env: { ...BUCKET_ENV, ...URL_ENV } })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 's3'), 'unknown via gateway-endpoint blocked security-group LAMBDA_UNKNOWN_INPUT needed=true');
  });


  describe('private targets behind security-group references', () => {
    /** The target SG admits `port` from FnSg (TF inline ingress / CFN separate SecurityGroupIngress), or from OtherSg. */
    const targetSg = (port: number, from: 'FnSg' | 'OtherSg'): [string, string] => [
      `resource "aws_security_group" "DbSg" {
  vpc_id = aws_vpc.Vpc.id
}
resource "aws_vpc_security_group_ingress_rule" "DbIn" {
  security_group_id            = aws_security_group.DbSg.id
  ip_protocol                  = "tcp"
  from_port                    = ${port}
  to_port                      = ${port}
  referenced_security_group_id = aws_security_group.${from}.id
}
`,
      `  DbSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: db, VpcId: !Ref Vpc } }
  DbIn: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !GetAtt DbSg.GroupId, IpProtocol: tcp, FromPort: ${port}, ToPort: ${port}, SourceSecurityGroupId: !GetAtt ${from}.GroupId } }
`,
    ];

    const rds = (from: 'FnSg' | 'OtherSg'): Twin => {
      const [tfSg, cfnSg] = targetSg(5432, from);
      return {
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${TF_SG_ALL('OtherSg')}${tfSg}${TF_DB('postgres')}${TF_FN('Fn', { env: DB_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}${CFN_SG_ALL('OtherSg')}${cfnSg}${CFN_DB('postgres')}${CFN_FN('Fn', { env: DB_ENV })}`,
      };
    };

    it('RDS admitting the function SG on 5432: yes via local', () => {
      const r = runTwin(rds('FnSg'));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Db'), 'yes via local blocked - - needed=true');
    });

    it('RDS admitting another SG only: no at the target SG', () => {
      const r = runTwin(rds('OtherSg'));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'Db'), /^no via local blocked security-group \S+ needed=true$/);
    });

    it('ElastiCache Redis cluster admitting the function SG on 6379: yes via local', () => {
      const [tfSg, cfnSg] = targetSg(6379, 'FnSg');
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${tfSg}resource "aws_elasticache_subnet_group" "CacheSubnets" {
  name       = "cache"
  subnet_ids = [aws_subnet.A.id, aws_subnet.B.id]
}
resource "aws_elasticache_cluster" "Cache" {
  cluster_id         = "cache"
  engine             = "redis"
  node_type          = "cache.t3.micro"
  num_cache_nodes    = 1
  subnet_group_name  = aws_elasticache_subnet_group.CacheSubnets.name
  security_group_ids = [aws_security_group.DbSg.id]
}
${TF_FN('Fn', { env: { REDIS: ['aws_elasticache_cluster.Cache.cache_nodes[0].address', '!GetAtt Cache.RedisEndpoint.Address'] } })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}${cfnSg}  CacheSubnets: { Type: AWS::ElastiCache::SubnetGroup, Properties: { Description: cache, SubnetIds: [!Ref A, !Ref B] } }
  Cache:
    Type: AWS::ElastiCache::CacheCluster
    Properties: { Engine: redis, CacheNodeType: cache.t3.micro, NumCacheNodes: 1, CacheSubnetGroupName: !Ref CacheSubnets, VpcSecurityGroupIds: [!GetAtt DbSg.GroupId] }
${CFN_FN('Fn', { env: { REDIS: ['aws_elasticache_cluster.Cache.cache_nodes[0].address', '!GetAtt Cache.RedisEndpoint.Address'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Cache'), 'yes via local blocked - - needed=true');
    });

    it('EFS mounted by the function, mount targets admitting the function SG on 2049: yes via local', () => {
      const [tfSg, cfnSg] = targetSg(2049, 'FnSg');
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${tfSg}resource "aws_efs_file_system" "Fs" {}
resource "aws_efs_mount_target" "MtA" {
  file_system_id  = aws_efs_file_system.Fs.id
  subnet_id       = aws_subnet.A.id
  security_groups = [aws_security_group.DbSg.id]
}
resource "aws_efs_mount_target" "MtB" {
  file_system_id  = aws_efs_file_system.Fs.id
  subnet_id       = aws_subnet.B.id
  security_groups = [aws_security_group.DbSg.id]
}
resource "aws_efs_access_point" "Ap" { file_system_id = aws_efs_file_system.Fs.id }
${TF_FN('Fn').replace('  vpc_config {', `  file_system_config {
    arn              = aws_efs_access_point.Ap.arn
    local_mount_path = "/mnt/data"
  }
  vpc_config {`)}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}${cfnSg}  Fs: { Type: AWS::EFS::FileSystem }
  MtA: { Type: AWS::EFS::MountTarget, Properties: { FileSystemId: !Ref Fs, SubnetId: !Ref A, SecurityGroups: [!GetAtt DbSg.GroupId] } }
  MtB: { Type: AWS::EFS::MountTarget, Properties: { FileSystemId: !Ref Fs, SubnetId: !Ref B, SecurityGroups: [!GetAtt DbSg.GroupId] } }
  Ap: { Type: AWS::EFS::AccessPoint, Properties: { FileSystemId: !Ref Fs } }
${CFN_FN('Fn')}      FileSystemConfigs: [{ Arn: !GetAtt Ap.Arn, LocalMountPath: /mnt/data }]
`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'Fs'), /^yes via local blocked - - needed=true$/);
    });
  });

  it('RDS in a peered VPC, routes both ways, SG admitting the function subnet CIDRs: yes via vpc-peering', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_SG_ALL()}resource "aws_vpc" "Peer" { cidr_block = "10.1.0.0/16" }
${Tf.subnet('PA', { cidr: '10.1.1.0/24', az: `${REGION}a`, vpc: 'Peer' })}\
${Tf.subnet('PB', { cidr: '10.1.2.0/24', az: `${REGION}b`, vpc: 'Peer' })}\
resource "aws_vpc_peering_connection" "Pcx" {
  vpc_id      = aws_vpc.Vpc.id
  peer_vpc_id = aws_vpc.Peer.id
  auto_accept = true
}
${Tf.routeTable('Rt', { vpc: 'Vpc', routes: Tf.route('10.1.0.0/16', 'vpc_peering_connection_id = aws_vpc_peering_connection.Pcx.id') })}\
${Tf.association('A', 'Rt', 'RtA')}\
${Tf.association('B', 'Rt', 'RtB')}\
${Tf.routeTable('PeerRt', { vpc: 'Peer', routes: Tf.route('10.0.0.0/16', 'vpc_peering_connection_id = aws_vpc_peering_connection.Pcx.id') })}\
${Tf.association('PA', 'PeerRt', 'PeerRtA')}\
${Tf.association('PB', 'PeerRt', 'PeerRtB')}\
${TF_INGRESS_SG('DbSg', 3306, 'cidr_blocks = ["10.0.0.0/16"]', 'Peer')}${TF_DB('mysql', ['PA', 'PB'])}${TF_FN('Fn', { env: DB_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_SG_ALL()}  Peer: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.1.0.0/16 } }
  PA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Peer, CidrBlock: 10.1.1.0/24, AvailabilityZone: ${REGION}a } }
  PB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Peer, CidrBlock: 10.1.2.0/24, AvailabilityZone: ${REGION}b } }
  Pcx: { Type: AWS::EC2::VPCPeeringConnection, Properties: { VpcId: !Ref Vpc, PeerVpcId: !Ref Peer } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  RtPeer: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 10.1.0.0/16, VpcPeeringConnectionId: !Ref Pcx } }
  RtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref A, RouteTableId: !Ref Rt } }
  RtB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref B, RouteTableId: !Ref Rt } }
  PeerRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Peer } }
  PeerRtBack: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PeerRt, DestinationCidrBlock: 10.0.0.0/16, VpcPeeringConnectionId: !Ref Pcx } }
  PeerRtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PA, RouteTableId: !Ref PeerRt } }
  PeerRtB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PB, RouteTableId: !Ref PeerRt } }
${CFN_INGRESS_SG('DbSg', 3306, 'CidrIp: 10.0.0.0/16', 'Peer')}${CFN_DB('mysql', ['PA', 'PB'])}${CFN_FN('Fn', { env: DB_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'Db'), 'yes via vpc-peering blocked - - needed=true');
  });

  it('function without VPC config: internet, S3 and DynamoDB yes via the Lambda service VPC, no ENI', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_TABLE}${TF_FN('Fn', { vpc: false, env: TABLE_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_TABLE}${CFN_FN('Fn', { vpc: false, env: TABLE_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'dynamodb'), 'yes via lambda-service-vpc blocked - - needed=true');
    assert.ok(!r.tf.some((l) => l.startsWith('eni ')));
  });

  it('single-AZ function sharing its ENI with a second function of the same SG and subnet', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}${TF_FN('Fn', { subnets: ['A'], env: URL_ENV })}${TF_FN('Fn2', { subnets: ['A'], env: URL_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${CFN_SG_ALL()}${CFN_FN('Fn', { subnets: ['A'], env: URL_ENV })}${CFN_FN('Fn2', { subnets: ['A'], env: URL_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.ok(r.tf.includes('eni A [FnSg] fns=Fn,Fn2'));
    assert.ok(r.tf.some((l) => /^finding \S*SINGLE_AZ\S* /.test(l)), r.tf.join("\n"));
  });


  it('count / for_each subnets against CloudFormation !Cidr / !GetAZs lists: same ENIs and answers', () => {
    const r = runTwin({
      tf: `provider "aws" { region = "${REGION}" }
data "aws_availability_zones" "azs" { state = "available" }
resource "aws_vpc" "Vpc" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "Private" {
  count             = 2
  vpc_id            = aws_vpc.Vpc.id
  cidr_block        = cidrsubnet(aws_vpc.Vpc.cidr_block, 8, count.index + 1)
  availability_zone = data.aws_availability_zones.azs.names[count.index]
}
resource "aws_route_table" "Rt" { vpc_id = aws_vpc.Vpc.id }
resource "aws_route_table_association" "Assoc" {
  for_each       = { for i, s in aws_subnet.Private : i => s.id }
  subnet_id      = each.value
  route_table_id = aws_route_table.Rt.id
}
${TF_GATEWAY_ENDPOINT('S3', 's3')}${TF_BUCKET}${TF_SG_ALL()}${TF_FN('Fn', { env: BUCKET_ENV }).replace('aws_subnet.A.id, aws_subnet.B.id', 'aws_subnet.Private[*].id').replace('[[*]', '[')}`.replace('subnet_ids         = [aws_subnet.Private[*].id]', 'subnet_ids         = aws_subnet.Private[*].id'),
      cfn: `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Private0: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 3, 8]], AvailabilityZone: !Select [0, !GetAZs ""] } }
  Private1: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: !Select [2, !Cidr [!GetAtt Vpc.CidrBlock, 3, 8]], AvailabilityZone: !Select [1, !GetAZs ""] } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  Assoc0: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private0, RouteTableId: !Ref Rt } }
  Assoc1: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private1, RouteTableId: !Ref Rt } }
${CFN_GATEWAY_ENDPOINT('S3', 's3')}${CFN_BUCKET}${CFN_SG_ALL()}${CFN_FN('Fn', { env: BUCKET_ENV, subnets: ['Private0', 'Private1'] })}`,
      rename: { 'Private[0]': 'Private0', 'Private[1]': 'Private1' },
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.ok(r.tf.includes('eni Private0 [FnSg] fns=Fn') && r.tf.includes('eni Private1 [FnSg] fns=Fn'), r.tf.join('\n'));
    assert.equal(answer(r.tf, 'Fn', 's3'), 'yes via gateway-endpoint blocked - - needed=true');
  });

  describe('conditional resources', () => {
    /** The S3 endpoint exists under a flag: a TF variable with `count`, a CFN parameter with a Condition. */
    const twin = (flag: 'true' | 'false' | 'undecided'): Twin => {
      const tfDefault = flag === 'undecided' ? '' : `\n  default = ${flag}`;
      const cfnDefault = flag === 'undecided' ? '' : `, Default: "${flag}"`;
      return {
        tf: `variable "endpoints" {
  type = bool${tfDefault}
}
${TF_VPC()}${TF_RT}resource "aws_vpc_endpoint" "S3" {
  count           = var.endpoints ? 1 : 0
  vpc_id          = aws_vpc.Vpc.id
  service_name    = "com.amazonaws.${REGION}.s3"
  route_table_ids = [aws_route_table.Rt.id]
}
${TF_BUCKET}${TF_SG_ALL()}${TF_FN('Fn', { env: BUCKET_ENV })}`,
        cfn: `${CFN_VPC({
          parameters: `  Endpoints: { Type: String, AllowedValues: ["true", "false"]${cfnDefault} }\n`,
          conditions: '  WithEndpoints: !Equals [!Ref Endpoints, "true"]\n',
        })}${CFN_RT}  S3: { Type: AWS::EC2::VPCEndpoint, Condition: WithEndpoints, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3", RouteTableIds: [!Ref Rt] } }
${CFN_BUCKET}${CFN_SG_ALL()}${CFN_FN('Fn', { env: BUCKET_ENV })}`,
        rename: { 'S3[0]': 'S3' },
      };
    };

    it('flag true by default: s3 yes via gateway-endpoint', () => {
      const r = runTwin(twin('true'));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 's3'), 'yes via gateway-endpoint blocked - - needed=true');
    });

    it('flag false by default: no endpoint, s3 no', () => {
      const r = runTwin(twin('false'));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 's3'), /^no via - blocked route-table /);
    });

    it('flag without a default: s3 unknown (CONDITIONAL_RESOURCE)', () => {
      const r = runTwin(twin('undecided'));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 's3'), /^unknown via gateway-endpoint blocked \S+ CONDITIONAL_RESOURCE needed=true$/);
    });
  });

  describe('security-group egress: where the tools differ (T3)', () => {
    it('an SG whose only egress rule matches nothing (the CDK "disallow all" rule) blocks everything in both', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}${Tf.securityGroupRules('FnSg', { vpc: 'Vpc', egress: [{ ports: [252, 86], protocol: 'icmp', peer: 'cidr_blocks = ["255.255.255.255/32"]' }] })}${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{ IpProtocol: icmp, FromPort: 252, ToPort: 86, CidrIp: 255.255.255.255/32 }]
${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via \S+ blocked security-group \S+ needed=true$/);
    });

    it('the same SG text without egress: TF blocks, CFN keeps the default allow-all (a genuine difference)', () => {
      const tf = analyseWorkspace({ '/w/main.tf': `${TF_VPC()}${TF_NAT}resource "aws_security_group" "FnSg" { vpc_id = aws_vpc.Vpc.id }
${TF_FN('Fn', { env: URL_ENV })}` }, REGION);
      const cfn = analyseWorkspace({ '/w/template.yaml': `${CFN_VPC()}${CFN_NAT}  FnSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: !Ref Vpc } }
${CFN_FN('Fn', { env: URL_ENV })}` }, REGION);
      assert.equal(answer(project(tf), 'Fn', 'internet'), 'no via nat-gateway blocked security-group SG_HAS_NO_RULES needed=true');
      assert.equal(answer(project(cfn), 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
    });

    it('TF separate egress rule resource 443 / CFN inline SecurityGroupEgress 443: same restricted SG', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}resource "aws_security_group" "FnSg" { vpc_id = aws_vpc.Vpc.id }
resource "aws_vpc_security_group_egress_rule" "FnOut" {
  security_group_id = aws_security_group.FnSg.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_security_group_rule" "FnOut80" {
  type              = "egress"
  security_group_id = aws_security_group.FnSg.id
  protocol          = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_blocks       = ["10.0.0.0/8"]
}
${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8 }
${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
    });

    it('CFN separate SecurityGroupEgress adds to the default allow-all; the TF twin declares allow-all plus the rule', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}resource "aws_vpc_security_group_egress_rule" "FnOut" {
  security_group_id = aws_security_group.FnSg.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}
${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}${CFN_SG_ALL()}  FnOut: { Type: AWS::EC2::SecurityGroupEgress, Properties: { GroupId: !GetAtt FnSg.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 } }
${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
      assert.deepEqual(r.tf, r.cfn.filter((l) => !l.startsWith('finding CFN_EGRESS_NOT_RESTRICTED ')));
      assert.ok(r.cfn.includes('finding CFN_EGRESS_NOT_RESTRICTED information FnSg - related=FnOut,Fn fixes='), r.cfn.join('\n'));
    });
  });

  it('subnets on the VPC main route table, routes as separate resources (aws_route / AWS::EC2::Route): internet yes', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_PUBLIC}${TF_NAT_GATEWAY}resource "aws_route" "MainDefault" {
  route_table_id         = aws_vpc.Vpc.main_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.Nat.id
}
${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
      cfn: `${CFN_VPC()}${CFN_PUBLIC}${CFN_NAT_GATEWAY}${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
    });
    // CloudFormation cannot add a route to the main table; both sides here differ only in that route.
    assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
    assert.match(answer(r.cfn, 'Fn', 'internet'), /^no via - blocked route-table /);
  });

  it('needs from role policies: TF aws_iam_role_policy / CFN Role Policies granting sqs:SendMessage', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }] };
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}resource "aws_iam_role" "FnRole" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "FnPolicy" {
  role   = aws_iam_role.FnRole.id
  policy = jsonencode(${JSON.stringify(policy)})
}
resource "aws_iam_role_policy_attachment" "FnVpc" {
  role       = aws_iam_role.FnRole.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
${TF_FN('Fn').replace('"arn:aws:iam::123456789012:role/fn"', 'aws_iam_role.FnRole.arn')}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${CFN_SG_ALL()}  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: sts:AssumeRole, Principal: { Service: lambda.amazonaws.com } }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]
      Policies: [{ PolicyName: p, PolicyDocument: ${JSON.stringify(policy)} }]
${CFN_FN('Fn').replace('arn:aws:iam::123456789012:role/fn', '!GetAtt FnRole.Arn')}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via nat-gateway blocked - - needed=true');
  });

  it('SAM function with VpcConfig from Globals and a DynamoDBCrudPolicy, TF twin with its role policy', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_RT}${TF_OTHER_RT}${TF_GATEWAY_ENDPOINT('Ddb', 'dynamodb')}${TF_TABLE}${TF_SG_ALL()}${TF_FN('Fn', { env: TABLE_ENV })}${TF_FN('Fn2', { env: TABLE_ENV })}`,
      cfn: `${CFN_VPC({ globals: `  Function:
    Runtime: python3.12
    Handler: index.handler
    VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!GetAtt FnSg.GroupId] }
` })}${CFN_RT}${CFN_OTHER_RT}${CFN_GATEWAY_ENDPOINT('Ddb', 'dynamodb')}${CFN_TABLE}${CFN_SG_ALL()}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Role: arn:aws:iam::123456789012:role/fn
      Environment: { Variables: { TABLE: !Ref Table } }
  Fn2:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Role: arn:aws:iam::123456789012:role/fn
      Environment: { Variables: { TABLE: !Ref Table } }
`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.ok(r.tf.includes('eni A [FnSg] fns=Fn,Fn2'));
    assert.equal(answer(r.tf, 'Fn2', 'dynamodb'), 'yes via gateway-endpoint blocked - - needed=true');
  });

  it('interface endpoint without security groups uses the VPC default SG (allows from itself only): TF and CFN agree', () => {
    const r = runTwin({
      tf: `${TF_VPC('enable_dns_hostnames = true')}${TF_RT}${TF_SG_ALL()}resource "aws_vpc_endpoint" "Sqs" {
  vpc_id              = aws_vpc.Vpc.id
  service_name        = "com.amazonaws.${REGION}.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.A.id]
  private_dns_enabled = true
}
resource "aws_sqs_queue" "Queue" { name = "q" }
${TF_FN('Fn', { env: QUEUE_ENV })}`,
      cfn: `${CFN_VPC({ vpcProperties: 'EnableDnsHostnames: true' })}${CFN_RT}${CFN_SG_ALL()}  Sqs: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.sqs", VpcEndpointType: Interface, SubnetIds: [!Ref A], PrivateDnsEnabled: true } }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: q } }
${CFN_FN('Fn', { env: QUEUE_ENV })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.match(answer(r.tf, 'Fn', 'sqs'), /^(no|unknown) via interface-endpoint blocked security-group /);
  });


  describe('more targets and rule spellings', () => {
    it('Aurora PostgreSQL cluster with an instance, SG by CIDR ingress all ports ("-1" / -1): yes on the engine default port', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${Tf.securityGroupRules('DbSg', { vpc: 'Vpc', ingress: [{ port: 0, protocol: '-1', peer: 'cidr_blocks = ["10.0.1.0/24", "10.0.2.0/24"]' }] })}resource "aws_db_subnet_group" "DbSubnets" { subnet_ids = [aws_subnet.A.id, aws_subnet.B.id] }
resource "aws_rds_cluster" "Cluster" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.DbSubnets.name
  vpc_security_group_ids = [aws_security_group.DbSg.id]
}
resource "aws_rds_cluster_instance" "Inst" {
  cluster_identifier   = aws_rds_cluster.Cluster.id
  engine               = aws_rds_cluster.Cluster.engine
  instance_class       = "db.r6g.large"
  db_subnet_group_name = aws_db_subnet_group.DbSubnets.name
}
${TF_FN('Fn', { env: { DB_HOST: ['aws_rds_cluster.Cluster.endpoint', ''] } })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: -1, CidrIp: 10.0.1.0/24 }, { IpProtocol: "-1", CidrIp: 10.0.2.0/24 }]
  DbSubnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref A, !Ref B] } }
  Cluster: { Type: AWS::RDS::DBCluster, Properties: { Engine: aurora-postgresql, DBSubnetGroupName: !Ref DbSubnets, VpcSecurityGroupIds: [!GetAtt DbSg.GroupId] } }
  Inst: { Type: AWS::RDS::DBInstance, Properties: { DBClusterIdentifier: !Ref Cluster, Engine: aurora-postgresql, DBInstanceClass: db.r6g.large, DBSubnetGroupName: !Ref DbSubnets } }
${CFN_FN('Fn', { env: { DB_HOST: ['', '!GetAtt Cluster.Endpoint.Address'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Cluster'), 'yes via local blocked - - needed=true');
    });

    it('ElastiCache replication group, target SG admitting the function SG on the wrong port: no', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${Tf.securityGroupRules('CacheSg', { vpc: 'Vpc', ingress: [{ port: 11211, protocol: '6', peer: 'security_groups = [aws_security_group.FnSg.id]' }] })}resource "aws_elasticache_subnet_group" "CacheSubnets" {
  name       = "cache"
  subnet_ids = [aws_subnet.A.id, aws_subnet.B.id]
}
resource "aws_elasticache_replication_group" "Cache" {
  replication_group_id = "cache"
  description          = "cache"
  engine               = "redis"
  node_type            = "cache.t3.micro"
  num_cache_clusters   = 2
  subnet_group_name    = aws_elasticache_subnet_group.CacheSubnets.name
  security_group_ids   = [aws_security_group.CacheSg.id]
}
${TF_FN('Fn', { env: { REDIS: ['aws_elasticache_replication_group.Cache.primary_endpoint_address', ''] } })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}  CacheSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: cache
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: "6", FromPort: 11211, ToPort: 11211, SourceSecurityGroupId: !Ref FnSg }]
  CacheSubnets: { Type: AWS::ElastiCache::SubnetGroup, Properties: { Description: cache, SubnetIds: [!Ref A, !Ref B] } }
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: { ReplicationGroupDescription: cache, Engine: redis, CacheNodeType: cache.t3.micro, NumCacheClusters: 2, CacheSubnetGroupName: !Ref CacheSubnets, SecurityGroupIds: [!Ref CacheSg] }
${CFN_FN('Fn', { env: { REDIS: ['', '!GetAtt Cache.PrimaryEndPoint.Address'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'Cache'), /^no via local blocked security-group \S+ needed=true$/);
    });

    it('RDS Proxy in front of a MySQL instance: the proxy answers on 3306', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${TF_INGRESS_SG('ProxySg', 3306, 'security_groups = [aws_security_group.FnSg.id]')}resource "aws_db_proxy" "Proxy" {
  name                   = "proxy"
  engine_family          = "MYSQL"
  role_arn               = "arn:aws:iam::123456789012:role/proxy"
  vpc_subnet_ids         = [aws_subnet.A.id, aws_subnet.B.id]
  vpc_security_group_ids = [aws_security_group.ProxySg.id]
  auth {
    auth_scheme = "SECRETS"
    secret_arn  = "arn:aws:secretsmanager:${REGION}:123456789012:secret:db"
  }
}
${TF_FN('Fn', { env: { DB_HOST: ['aws_db_proxy.Proxy.endpoint', ''] } })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}${CFN_INGRESS_SG('ProxySg', 3306, 'SourceSecurityGroupId: !GetAtt FnSg.GroupId')}  Proxy:
    Type: AWS::RDS::DBProxy
    Properties:
      DBProxyName: proxy
      EngineFamily: MYSQL
      RoleArn: arn:aws:iam::123456789012:role/proxy
      VpcSubnetIds: [!Ref A, !Ref B]
      VpcSecurityGroupIds: [!GetAtt ProxySg.GroupId]
      Auth: [{ AuthScheme: SECRETS, SecretArn: !Sub "arn:aws:secretsmanager:\${AWS::Region}:123456789012:secret:db" }]
${CFN_FN('Fn', { env: { DB_HOST: ['', '!GetAtt Proxy.Endpoint'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Proxy'), 'yes via local blocked - - needed=true');
    });

    it('target SG admitting its own members (TF self = true / CFN ingress from itself): the function outside it is refused', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${Tf.securityGroupRules('DbSg', { vpc: 'Vpc', ingress: [{ port: 5432, peer: 'self = true' }] })}${TF_DB('postgres')}${TF_FN('Fn', { env: DB_ENV })}${TF_FN('Fn2', { sgs: ['FnSg', 'DbSg'], env: DB_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}  DbSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: db, VpcId: !Ref Vpc } }
  DbSelf: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !Ref DbSg, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref DbSg } }
${CFN_DB('postgres')}${CFN_FN('Fn', { env: DB_ENV })}${CFN_FN('Fn2', { sgs: ['FnSg', 'DbSg'], env: DB_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'Db'), /^no via local blocked security-group /);
      assert.equal(answer(r.tf, 'Fn2', 'Db'), 'yes via local blocked - - needed=true');
    });

    it('NACL protocol spellings ("all"/"6" in TF, -1/6 in CFN) and a deny before an allow', () => {
      const acl = ACL([
        { name: 'AclDeny80', egress: true, no: 90, action: 'deny', protocol: ['6', '6'], cidr: '0.0.0.0/0', ports: [80, 80] },
        { name: 'AclOut', egress: true, no: 100, action: 'allow', protocol: ['all', '-1'], cidr: '0.0.0.0/0' },
        { name: 'AclIn', egress: false, no: 100, action: 'allow', protocol: ['all', '"-1"'], cidr: '0.0.0.0/0' },
      ]);
      const env = { URL: ['"http://example.com/api"', '"http://example.com/api"'] } as const;
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}${acl.tf}${TF_SG_ALL()}${TF_FN('Fn', { env })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}${acl.cfn}${CFN_SG_ALL()}${CFN_FN('Fn', { env })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
    });

    it('function in a public subnet (route to the IGW, no NAT): internet no (E2)', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_PUBLIC}${TF_SG_ALL()}${TF_FN('Fn', { subnets: ['P'], env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_PUBLIC}${CFN_SG_ALL()}${CFN_FN('Fn', { subnets: ['P'], env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via - blocked internet-gateway IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS needed=true$/);
    });

    it('NAT gateway whose IGW is not attached (CFN without VPCGatewayAttachment / TF IGW without vpc_id): internet no', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT.replace('resource "aws_internet_gateway" "Igw" { vpc_id = aws_vpc.Vpc.id }', 'resource "aws_internet_gateway" "Igw" {}')}${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT.replace(/ {2}IgwAttach: .*\n/, '').replace('DependsOn: IgwAttach, ', '')}${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via /);
    });

    it('transit gateway to a shared-services VPC target', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_SG_ALL()}resource "aws_vpc" "Shared" { cidr_block = "10.2.0.0/16" }
${Tf.subnet('SA', { cidr: '10.2.1.0/24', az: `${REGION}a`, vpc: 'Shared' })}\
resource "aws_ec2_transit_gateway" "Tgw" {}
resource "aws_ec2_transit_gateway_vpc_attachment" "TgwVpc" {
  transit_gateway_id = aws_ec2_transit_gateway.Tgw.id
  vpc_id             = aws_vpc.Vpc.id
  subnet_ids         = [aws_subnet.A.id, aws_subnet.B.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "TgwShared" {
  transit_gateway_id = aws_ec2_transit_gateway.Tgw.id
  vpc_id             = aws_vpc.Shared.id
  subnet_ids         = [aws_subnet.SA.id]
}
${Tf.routeTable('Rt', { vpc: 'Vpc', routes: Tf.route('10.2.0.0/16', 'transit_gateway_id = aws_ec2_transit_gateway.Tgw.id') })}\
${Tf.association('A', 'Rt', 'RtA')}\
${Tf.association('B', 'Rt', 'RtB')}\
${Tf.routeTable('SharedRt', { vpc: 'Shared', routes: Tf.route('10.0.0.0/16', 'transit_gateway_id = aws_ec2_transit_gateway.Tgw.id') })}\
${Tf.association('SA', 'SharedRt', 'SharedRtA')}\
${TF_INGRESS_SG('HostSg', 443, 'cidr_blocks = ["10.0.0.0/16"]', 'Shared')}resource "aws_instance" "Host" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.SA.id
  vpc_security_group_ids = [aws_security_group.HostSg.id]
}
${TF_FN('Fn', { env: { HOST: ['aws_instance.Host.private_ip', ''] } })}`,
        cfn: `${CFN_VPC()}${CFN_SG_ALL()}  Shared: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.2.0.0/16 } }
  SA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Shared, CidrBlock: 10.2.1.0/24, AvailabilityZone: ${REGION}a } }
  Tgw: { Type: AWS::EC2::TransitGateway }
  TgwVpc: { Type: AWS::EC2::TransitGatewayVpcAttachment, Properties: { TransitGatewayId: !Ref Tgw, VpcId: !Ref Vpc, SubnetIds: [!Ref A, !Ref B] } }
  TgwShared: { Type: AWS::EC2::TransitGatewayVpcAttachment, Properties: { TransitGatewayId: !Ref Tgw, VpcId: !Ref Shared, SubnetIds: [!Ref SA] } }
  Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  RtTgw: { Type: AWS::EC2::Route, DependsOn: TgwVpc, Properties: { RouteTableId: !Ref Rt, DestinationCidrBlock: 10.2.0.0/16, TransitGatewayId: !Ref Tgw } }
  RtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref A, RouteTableId: !Ref Rt } }
  RtB: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref B, RouteTableId: !Ref Rt } }
  SharedRt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Shared } }
  SharedRtTgw: { Type: AWS::EC2::Route, DependsOn: TgwShared, Properties: { RouteTableId: !Ref SharedRt, DestinationCidrBlock: 10.0.0.0/16, TransitGatewayId: !Ref Tgw } }
  SharedRtA: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref SA, RouteTableId: !Ref SharedRt } }
${CFN_INGRESS_SG('HostSg', 443, 'CidrIp: 10.0.0.0/16', 'Shared')}  Host: { Type: AWS::EC2::Instance, Properties: { ImageId: ami-12345678, InstanceType: t3.micro, SubnetId: !Ref SA, SecurityGroupIds: [!Ref HostSg] } }
${CFN_FN('Fn', { env: { HOST: ['', '!GetAtt Host.PrivateIp'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
    });

    it('gateway endpoint policy allowing only another bucket: the function bucket is refused by the policy', () => {
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::other-bucket', 'arn:aws:s3:::other-bucket/*'] }] };
      const r = runTwin({
        tf: `${TF_VPC()}${TF_RT}resource "aws_vpc_endpoint" "S3" {
  vpc_id          = aws_vpc.Vpc.id
  service_name    = "com.amazonaws.${REGION}.s3"
  route_table_ids = [aws_route_table.Rt.id]
  policy          = jsonencode(${JSON.stringify(policy)})
}
${TF_BUCKET}${TF_SG_ALL()}${TF_FN('Fn', { env: BUCKET_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_RT}  S3: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3", RouteTableIds: [!Ref Rt], PolicyDocument: ${JSON.stringify(policy)} } }
${CFN_BUCKET}${CFN_SG_ALL()}${CFN_FN('Fn', { env: BUCKET_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
    });

    it('SAM Globals security groups are prepended to the function list; TF twin lists both', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}${TF_SG_ALL('ExtraSg')}${TF_FN('Fn', { sgs: ['FnSg', 'ExtraSg'], env: URL_ENV })}${TF_FN('Fn2', { sgs: ['FnSg'], env: URL_ENV })}`,
        cfn: `${CFN_VPC({ globals: `  Function:
    VpcConfig: { SecurityGroupIds: [!Ref FnSg], SubnetIds: [!Ref A, !Ref B] }
    Environment: { Variables: { URL: "https://example.com/api" } }
` })}${CFN_NAT}${CFN_SG_ALL()}${CFN_SG_ALL('ExtraSg')}  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: index.handler, InlineCode: x, Role: arn:aws:iam::123456789012:role/fn, VpcConfig: { SecurityGroupIds: [!Ref ExtraSg] } }
  Fn2:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: index.handler, InlineCode: x, Role: arn:aws:iam::123456789012:role/fn }
`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.ok(r.tf.includes('fn Fn vpc=true subnets=A,B sgs=ExtraSg,FnSg'), r.tf.join('\n'));
    });

    it('Secrets Manager interface endpoint in one AZ only, function in two: the finding and answers agree', () => {
      const r = runTwin({
        tf: `${TF_VPC('enable_dns_hostnames = true')}${TF_RT}${TF_SG_ALL()}${TF_INGRESS_SG('EpSg', 443, 'security_groups = [aws_security_group.FnSg.id]')}resource "aws_vpc_endpoint" "Secrets" {
  vpc_id              = aws_vpc.Vpc.id
  service_name        = "com.amazonaws.${REGION}.secretsmanager"
  vpc_endpoint_type   = "Interface"
  security_group_ids  = [aws_security_group.EpSg.id]
  private_dns_enabled = true
}
resource "aws_vpc_endpoint_subnet_association" "SecretsA" {
  vpc_endpoint_id = aws_vpc_endpoint.Secrets.id
  subnet_id       = aws_subnet.A.id
}
resource "aws_secretsmanager_secret" "Secret" { name = "s" }
${TF_FN('Fn', { env: { SECRET: ['aws_secretsmanager_secret.Secret.arn', ''] } })}`,
        cfn: `${CFN_VPC({ vpcProperties: 'EnableDnsHostnames: true' })}${CFN_RT}${CFN_SG_ALL()}${CFN_INGRESS_SG('EpSg', 443, 'SourceSecurityGroupId: !GetAtt FnSg.GroupId')}  Secrets: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.secretsmanager", VpcEndpointType: Interface, SubnetIds: [!Ref A], SecurityGroupIds: [!Ref EpSg], PrivateDnsEnabled: true } }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: s } }
${CFN_FN('Fn', { env: { SECRET: ['', '!Ref Secret'] } })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
    });
  });


  describe('batch: references, ports and spellings', () => {
    /** Postgres Db admitting 5433 from FnSg (separate rule resources), on `port` unless the engine default. */
    const db = (port: { readonly tf: string; readonly cfn: string } | undefined, tfFnSg: string, cfnFnSg: string): Twin => ({
      tf: `${TF_VPC()}${TF_NAT}${tfFnSg}resource "aws_security_group" "DbSg" {
  vpc_id = aws_vpc.Vpc.id
}
resource "aws_security_group_rule" "DbIn" {
  type                     = "ingress"
  security_group_id        = aws_security_group.DbSg.id
  protocol                 = "tcp"
  from_port                = 5433
  to_port                  = 5433
  source_security_group_id = aws_security_group.FnSg.id
}
${TF_DB('postgres', ['A', 'B'], port === undefined ? [] : [`port                   = ${port.tf}`])}${TF_FN('Fn', { env: { ...DB_ENV, ...URL_ENV } })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${cfnFnSg}  DbSg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: db, VpcId: !Ref Vpc } }
  DbIn: { Type: AWS::EC2::SecurityGroupIngress, Properties: { GroupId: !Ref DbSg, IpProtocol: tcp, FromPort: 5433, ToPort: 5433, SourceSecurityGroupId: !Ref FnSg } }
${CFN_DB('postgres', ['A', 'B'], port === undefined ? undefined : `Port: ${port.cfn}`)}${CFN_FN('Fn', { env: { ...DB_ENV, ...URL_ENV } })}`,
    });

    it('RDS on a non-default port (TF number, CFN string "5433"): yes', () => {
      const r = runTwin(db({ tf: '5433', cfn: '"5433"' }, TF_SG_ALL(), CFN_SG_ALL()));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Db'), 'yes via local blocked - - needed=true');
    });

    it('RDS on its default port 5432 while the SG admits 5433: no', () => {
      const r = runTwin(db(undefined, TF_SG_ALL(), CFN_SG_ALL()));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'Db'), /^no via local blocked security-group /);
    });

    it('function SG egress only to the DB SG (TF security_groups / CFN DestinationSecurityGroupId): db yes, internet no', () => {
      const r = runTwin(db({ tf: '5433', cfn: '5433' }, `resource "aws_security_group" "FnSg" {
  vpc_id = aws_vpc.Vpc.id
}
resource "aws_security_group_rule" "FnOut" {
  type                     = "egress"
  security_group_id        = aws_security_group.FnSg.id
  protocol                 = "tcp"
  from_port                = 5433
  to_port                  = 5433
  source_security_group_id = aws_security_group.DbSg.id
}
`, Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(5433, 'DestinationSecurityGroupId: !GetAtt DbSg.GroupId')] })));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Db'), 'yes via local blocked - - needed=true');
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via nat-gateway blocked security-group /);
    });

    it('private NAT gateway (connectivity_type / ConnectivityType private): internet no', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT.replace('resource "aws_eip" "NatIp" { domain = "vpc" }\n', '').replace('  allocation_id = aws_eip.NatIp.id\n', '  connectivity_type = "private"\n')}${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT.replace(/ {2}NatIp: .*\n/, '').replace('AllocationId: !GetAtt NatIp.AllocationId', 'ConnectivityType: private')}${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via /);
    });

    it('subnets in a secondary VPC CIDR (aws_vpc_ipv4_cidr_block_association / AWS::EC2::VPCCidrBlock) reach a DB in the primary one', () => {
      const r = runTwin({
        tf: `provider "aws" { region = "${REGION}" }
resource "aws_vpc" "Vpc" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "Second" {
  vpc_id     = aws_vpc.Vpc.id
  cidr_block = "100.64.0.0/16"
}
resource "aws_subnet" "A" {
  vpc_id            = aws_vpc_ipv4_cidr_block_association.Second.vpc_id
  cidr_block        = "100.64.1.0/24"
  availability_zone = "${REGION}a"
}
resource "aws_subnet" "B" {
  vpc_id            = aws_vpc_ipv4_cidr_block_association.Second.vpc_id
  cidr_block        = "100.64.2.0/24"
  availability_zone = "${REGION}b"
}
${Tf.subnet('DA', { cidr: '10.0.1.0/24', az: `${REGION}a`, vpc: 'Vpc' })}\
${Tf.subnet('DB', { cidr: '10.0.2.0/24', az: `${REGION}b`, vpc: 'Vpc' })}\
${TF_RT}${TF_SG_ALL()}${TF_INGRESS_SG('DbSg', 3306, 'cidr_blocks = ["100.64.0.0/16"]')}${TF_DB('mysql', ['DA', 'DB'])}${TF_FN('Fn', { env: DB_ENV })}`,
        cfn: `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Second: { Type: AWS::EC2::VPCCidrBlock, Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.0.0/16 } }
  A: { Type: AWS::EC2::Subnet, DependsOn: Second, Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.1.0/24, AvailabilityZone: ${REGION}a } }
  B: { Type: AWS::EC2::Subnet, DependsOn: Second, Properties: { VpcId: !Ref Vpc, CidrBlock: 100.64.2.0/24, AvailabilityZone: ${REGION}b } }
  DA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: ${REGION}a } }
  DB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: ${REGION}b } }
${CFN_RT}${CFN_SG_ALL()}${CFN_INGRESS_SG('DbSg', 3306, 'CidrIp: 100.64.0.0/16')}${CFN_DB('mysql', ['DA', 'DB'])}${CFN_FN('Fn', { env: DB_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'Db'), 'yes via local blocked - - needed=true');
    });

    it('function SG egress to a managed prefix list defined in the workspace (aws_ec2_managed_prefix_list / AWS::EC2::PrefixList)', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}resource "aws_ec2_managed_prefix_list" "Pl" {
  name           = "partners"
  address_family = "IPv4"
  max_entries    = 5
  entry {
    cidr = "203.0.113.0/24"
  }
}
${Tf.securityGroupRules('FnSg', { vpc: 'Vpc', egress: [{ port: 443, peer: 'prefix_list_ids = [aws_ec2_managed_prefix_list.Pl.id]' }] })}${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}  Pl: { Type: AWS::EC2::PrefixList, Properties: { PrefixListName: partners, AddressFamily: IPv4, MaxEntries: 5, Entries: [{ Cidr: 203.0.113.0/24 }] } }
${Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(443, 'DestinationPrefixListId: !GetAtt Pl.PrefixListId')] })}${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
    });

    it('VpcConfig present only under a condition (CFN Fn::If with AWS::NoValue / TF dynamic block on a variable)', () => {
      const r = runTwin({
        tf: `variable "in_vpc" {
  type    = bool
  default = false
}
${TF_VPC()}${TF_NAT}${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV }).replace('  vpc_config {', '  dynamic "vpc_config" {\n    for_each = var.in_vpc ? [1] : []\n    content {').replace('security_group_ids = [aws_security_group.FnSg.id]\n  }', 'security_group_ids = [aws_security_group.FnSg.id]\n    }\n  }')}`,
        cfn: `${CFN_VPC({ parameters: '  InVpc: { Type: String, Default: "false" }\n', conditions: '  IsInVpc: !Equals [!Ref InVpc, "true"]\n' })}${CFN_NAT}${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV }).replace(/ {6}VpcConfig: (.*)\n/, '      VpcConfig: !If [IsInVpc, $1, !Ref AWS::NoValue]\n')}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via lambda-service-vpc blocked - - needed=true');
    });

    it('service names built from the Region (TF data.aws_region / CFN !Join with AWS::Region)', () => {
      const r = runTwin({
        tf: `data "aws_region" "current" {}
${TF_VPC()}${TF_RT}resource "aws_vpc_endpoint" "Ddb" {
  vpc_id            = aws_vpc.Vpc.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.Rt.id]
}
${TF_TABLE}${TF_SG_ALL()}${TF_FN('Fn', { env: TABLE_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_RT}  Ddb: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, VpcEndpointType: Gateway, ServiceName: !Join ["", ["com.amazonaws.", !Ref "AWS::Region", ".dynamodb"]], RouteTableIds: [!Ref Rt] } }
${CFN_TABLE}${CFN_SG_ALL()}${CFN_FN('Fn', { env: TABLE_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'dynamodb'), 'yes via gateway-endpoint blocked - - needed=true');
    });

    it('vpc_config with empty lists (TF) / VpcConfig with empty lists (CFN): not VPC-attached', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_FN('Fn', { subnets: [], sgs: [], env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_FN('Fn', { subnets: [], sgs: [], env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.ok(r.tf.includes('fn Fn vpc=false subnets= sgs='), r.tf.join('\n'));
    });

    it('SAM SQSSendMessagePolicy against a TF role policy on the queue ARN: sqs needed, via NAT', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}resource "aws_sqs_queue" "Queue" { name = "q" }
resource "aws_iam_role" "FnRole" {
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "FnPolicy" {
  role   = aws_iam_role.FnRole.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage*"], Resource = aws_sqs_queue.Queue.arn }] })
}
resource "aws_iam_role_policy_attachment" "FnVpc" {
  role       = aws_iam_role.FnRole.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}
${TF_FN('Fn').replace('"arn:aws:iam::123456789012:role/fn"', 'aws_iam_role.FnRole.arn')}`,
        cfn: `${CFN_VPC({ sam: true })}${CFN_NAT}${CFN_SG_ALL()}  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: q } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: x
      Policies: [{ SQSSendMessagePolicy: { QueueName: !GetAtt Queue.QueueName } }]
      VpcConfig: { SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!Ref FnSg] }
`,
      });
      assert.deepEqual(r.tf.filter((l) => !l.includes('FnRole')), r.cfn.filter((l) => !l.includes('FnRole')));
      assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via nat-gateway blocked - - needed=true');
    });
  });


  describe('the VPC default security group and network ACL', () => {
    it('function and interface endpoint on the VPC default SG (TF default_security_group_id / CFN !GetAtt Vpc.DefaultSecurityGroup): admitted by its self rule', () => {
      const r = runTwin({
        tf: `${TF_VPC('enable_dns_hostnames = true')}${TF_NAT}resource "aws_vpc_endpoint" "Sqs" {
  vpc_id              = aws_vpc.Vpc.id
  service_name        = "com.amazonaws.${REGION}.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.A.id, aws_subnet.B.id]
  private_dns_enabled = true
}
resource "aws_sqs_queue" "Queue" { name = "q" }
${TF_FN('Fn', { env: { ...QUEUE_ENV, ...URL_ENV } }).replace('[aws_security_group.FnSg.id]', '[aws_vpc.Vpc.default_security_group_id]')}`,
        cfn: `${CFN_VPC({ vpcProperties: 'EnableDnsHostnames: true' })}${CFN_NAT}  Sqs: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.sqs", VpcEndpointType: Interface, SubnetIds: [!Ref A, !Ref B], PrivateDnsEnabled: true } }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: q } }
${CFN_FN('Fn', { env: { ...QUEUE_ENV, ...URL_ENV } }).replace('[!GetAtt FnSg.GroupId]', '[!GetAtt Vpc.DefaultSecurityGroup]')}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via interface-endpoint blocked - - needed=true');
      assert.equal(answer(r.tf, 'Fn', 'internet'), 'yes via nat-gateway blocked - - needed=true');
    });

    it('a deny-all egress entry added to the default NACL (TF aws_network_acl_rule / CFN NetworkAclEntry on !GetAtt Vpc.DefaultNetworkAcl)', () => {
      const r = runTwin({
        tf: `${TF_VPC()}${TF_NAT}resource "aws_network_acl_rule" "DenyOut" {
  network_acl_id = aws_vpc.Vpc.default_network_acl_id
  rule_number    = 50
  egress         = true
  protocol       = "-1"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}
${TF_SG_ALL()}${TF_FN('Fn', { env: URL_ENV })}`,
        cfn: `${CFN_VPC()}${CFN_NAT}  DenyOut: { Type: AWS::EC2::NetworkAclEntry, Properties: { NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl, RuleNumber: 50, Egress: true, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0 } }
${CFN_SG_ALL()}${CFN_FN('Fn', { env: URL_ENV })}`,
      });
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'internet'), /^no via \S+ blocked network-acl /);
    });
  });

  it('two functions with the same SGs in a different order and ARN-valued env vars share ENIs', () => {
    const env = { TABLE: ['aws_dynamodb_table.Table.arn', '!GetAtt Table.Arn'], BUCKET: ['aws_s3_bucket.Bucket.arn', '!GetAtt Bucket.Arn'] } as const;
    const r = runTwin({
      tf: `${TF_VPC()}${TF_NAT}${TF_SG_ALL()}${TF_SG_ALL('ExtraSg')}${TF_TABLE}${TF_BUCKET}${TF_FN('Fn', { sgs: ['FnSg', 'ExtraSg'], env })}${TF_FN('Fn2', { sgs: ['ExtraSg', 'FnSg'], subnets: ['B', 'A'], env })}`,
      cfn: `${CFN_VPC()}${CFN_NAT}${CFN_SG_ALL()}${CFN_SG_ALL('ExtraSg')}${CFN_TABLE}${CFN_BUCKET}${CFN_FN('Fn', { sgs: ['FnSg', 'ExtraSg'], env })}${CFN_FN('Fn2', { sgs: ['ExtraSg', 'FnSg'], subnets: ['B', 'A'], env })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.ok(r.tf.includes('eni A [ExtraSg,FnSg] fns=Fn,Fn2'), r.tf.join('\n'));
    assert.equal(answer(r.tf, 'Fn2', 's3'), 'yes via nat-gateway blocked - - needed=true');
  });


  it('dual-stack function: IPv6 internet through an egress-only IGW, CFN default egress against TF explicit ::/0', () => {
    const r = runTwin({
      tf: `${TF_VPC('assign_generated_ipv6_cidr_block = true')}${TF_NAT}resource "aws_subnet" "C" {
  vpc_id            = aws_vpc.Vpc.id
  cidr_block        = "10.0.3.0/24"
  ipv6_cidr_block   = cidrsubnet(aws_vpc.Vpc.ipv6_cidr_block, 8, 3)
  availability_zone = "${REGION}c"
}
resource "aws_egress_only_internet_gateway" "Eigw" { vpc_id = aws_vpc.Vpc.id }
${Tf.routeTable('V6Rt', { vpc: 'Vpc', routes: [Tf.route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.Nat.id'), Tf.route('::/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.Eigw.id')] })}\
${Tf.association('C', 'V6Rt', 'V6RtC')}\
${Tf.securityGroup('FnSg', 'dual-stack', 'Vpc')}\
${TF_FN('Fn', { subnets: ['C'], env: URL_ENV }).replace('security_group_ids = [aws_security_group.FnSg.id]', 'security_group_ids = [aws_security_group.FnSg.id]\n    ipv6_allowed_for_dual_stack = true')}`,
      cfn: `${CFN_VPC()}  VpcV6: { Type: AWS::EC2::VPCCidrBlock, Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true } }
${CFN_NAT}  C: { Type: AWS::EC2::Subnet, DependsOn: VpcV6, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, Ipv6CidrBlock: !Select [3, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]], AvailabilityZone: ${REGION}c } }
  Eigw: { Type: AWS::EC2::EgressOnlyInternetGateway, Properties: { VpcId: !Ref Vpc } }
  V6Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  V6Nat: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref V6Rt, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat } }
  V6Default: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref V6Rt, DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: !Ref Eigw } }
  V6RtC: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref C, RouteTableId: !Ref V6Rt } }
${CFN_SG_ALL()}${CFN_FN('Fn', { subnets: ['C'], env: URL_ENV }).replace(/SecurityGroupIds: \[(.*)\] \}/, 'SecurityGroupIds: [$1], Ipv6AllowedForDualStack: true }')}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'internet-ipv6'), 'yes via egress-only-internet-gateway blocked - - needed=false');
  });


  it('network in a local Terraform module (outputs feed the function) against a flat template', () => {
    const r = runTwin({
      tf: `provider "aws" { region = "${REGION}" }
module "net" {
  source = "./net"
  cidr   = "10.0.0.0/16"
}
resource "aws_security_group" "FnSg" {
  vpc_id = module.net.vpc_id
  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
${TF_FN('Fn', { env: TABLE_ENV }).replace('[aws_subnet.A.id, aws_subnet.B.id]', 'module.net.private_subnet_ids')}${TF_TABLE}`,
      tfFiles: {
        '/w/net/main.tf': `variable "cidr" { type = string }
${TF_VPC().replace(/^provider.*\n/, '').replace('"10.0.0.0/16"', 'var.cidr')}${TF_RT}${TF_GATEWAY_ENDPOINT('Ddb', 'dynamodb')}output "vpc_id" { value = aws_vpc.Vpc.id }
output "private_subnet_ids" { value = [aws_subnet.A.id, aws_subnet.B.id] }
`,
      },
      cfn: `${CFN_VPC()}${CFN_RT}${CFN_GATEWAY_ENDPOINT('Ddb', 'dynamodb')}${Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(443, 'CidrIp: 0.0.0.0/0')] })}${CFN_FN('Fn', { env: TABLE_ENV })}${CFN_TABLE}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'dynamodb'), 'yes via gateway-endpoint blocked - - needed=true');
  });

  it('OpenSearch domain in the VPC (vpc_options / VPCOptions) admitting the function SG on 443', () => {
    const r = runTwin({
      tf: `${TF_VPC()}${TF_RT}${TF_SG_ALL()}${TF_INGRESS_SG('SearchSg', 443, 'security_groups = [aws_security_group.FnSg.id]')}resource "aws_opensearch_domain" "Search" {
  domain_name = "search"
  vpc_options {
    subnet_ids         = [aws_subnet.A.id]
    security_group_ids = [aws_security_group.SearchSg.id]
  }
}
${TF_FN('Fn', { env: { SEARCH: ['aws_opensearch_domain.Search.endpoint', ''] } })}`,
      cfn: `${CFN_VPC()}${CFN_RT}${CFN_SG_ALL()}${CFN_INGRESS_SG('SearchSg', 443, 'SourceSecurityGroupId: !Ref FnSg')}  Search:
    Type: AWS::OpenSearchService::Domain
    Properties: { DomainName: search, VPCOptions: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref SearchSg] } }
${CFN_FN('Fn', { env: { SEARCH: ['', '!GetAtt Search.DomainEndpoint'] } })}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.equal(answer(r.tf, 'Fn', 'Search'), 'yes via local blocked - - needed=true');
  });


  it('subnets and SGs given as inputs (TF variables / CFN List<AWS::EC2::...> parameters): same symbolic ENIs and unknowns', () => {
    const r = runTwin({
      tf: `provider "aws" { region = "${REGION}" }
variable "SubnetIds" { type = list(string) }
variable "SecurityGroupIds" { type = list(string) }
${TF_FN('Fn', { env: URL_ENV }).replace('[aws_subnet.A.id, aws_subnet.B.id]', 'var.SubnetIds').replace('[aws_security_group.FnSg.id]', 'var.SecurityGroupIds')}`,
      cfn: `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SubnetIds: { Type: "List<AWS::EC2::Subnet::Id>" }
  SecurityGroupIds: { Type: "List<AWS::EC2::SecurityGroup::Id>" }
Resources:
${CFN_FN('Fn', { env: URL_ENV }).replace(/VpcConfig: .*\n/, 'VpcConfig: { SubnetIds: !Ref SubnetIds, SecurityGroupIds: !Ref SecurityGroupIds }\n')}`,
    });
    assert.deepEqual(r.tf, r.cfn);
    assert.match(answer(r.tf, 'Fn', 'internet'), /^unknown /);
  });

  describe('SQS interface endpoint', () => {
    interface Ep {
      /** Private DNS on the endpoint: 'on', 'off' or left to the default (false in both tools). */
      readonly privateDns: 'on' | 'off' | 'default';
      /** VPC DNS hostnames: 'on' or left to the default (false in both tools, T6). */
      readonly hostnames: 'on' | 'default';
      /** What the endpoint SG admits on 443: the function SG, another SG, or the VPC CIDR. */
      readonly admits: 'fn' | 'other' | 'cidr';
      readonly nat?: boolean;
    }
    const twin = (o: Ep): Twin => {
      const tfDns = o.hostnames === 'on' ? ['enable_dns_support   = true', 'enable_dns_hostnames = true'] : [];
      const cfnDns = o.hostnames === 'on' ? 'EnableDnsSupport: true, EnableDnsHostnames: true' : '';
      const tfSource = o.admits === 'cidr' ? 'cidr_blocks = ["10.0.0.0/16"]' : `security_groups = [aws_security_group.${o.admits === 'fn' ? 'FnSg' : 'OtherSg'}.id]`;
      const cfnSource = o.admits === 'cidr' ? 'CidrIp: 10.0.0.0/16' : `SourceSecurityGroupId: !GetAtt ${o.admits === 'fn' ? 'FnSg' : 'OtherSg'}.GroupId`;
      const tfPd = o.privateDns === 'default' ? '' : `\n  private_dns_enabled = ${String(o.privateDns === 'on')}`;
      const cfnPd = o.privateDns === 'default' ? '' : `, PrivateDnsEnabled: ${String(o.privateDns === 'on')}`;
      return {
        tf: `${TF_VPC(...tfDns)}${o.nat === true ? TF_NAT : TF_RT}${TF_SG_ALL()}${TF_SG_ALL('OtherSg')}resource "aws_security_group" "EpSg" {
  vpc_id = aws_vpc.Vpc.id
  ingress {
    from_port = 443
    to_port   = 443
    protocol  = "tcp"
    ${tfSource}
  }
}
resource "aws_vpc_endpoint" "Sqs" {
  vpc_id             = aws_vpc.Vpc.id
  service_name       = "com.amazonaws.${REGION}.sqs"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = [aws_subnet.A.id, aws_subnet.B.id]
  security_group_ids = [aws_security_group.EpSg.id]${tfPd}
}
resource "aws_sqs_queue" "Queue" { name = "q" }
${TF_FN('Fn', { env: QUEUE_ENV })}`,
        cfn: `${CFN_VPC({ vpcProperties: cfnDns })}${o.nat === true ? CFN_NAT : CFN_RT}${CFN_SG_ALL()}${CFN_SG_ALL('OtherSg')}  EpSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, ${cfnSource} }]
  Sqs:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.sqs", VpcEndpointType: Interface, SubnetIds: [!Ref A, !Ref B], SecurityGroupIds: [!Ref EpSg]${cfnPd} }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: q } }
${CFN_FN('Fn', { env: QUEUE_ENV })}`,
      };
    };

    it('private DNS on, VPC DNS on, endpoint SG admits the function SG: yes via interface-endpoint', () => {
      const r = runTwin(twin({ privateDns: 'on', hostnames: 'on', admits: 'fn' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via interface-endpoint blocked - - needed=true');
    });

    it('endpoint SG admits the VPC CIDR: yes', () => {
      const r = runTwin(twin({ privateDns: 'on', hostnames: 'on', admits: 'cidr' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via interface-endpoint blocked - - needed=true');
    });

    it('endpoint SG admits another SG only: no at the endpoint\'s security group', () => {
      const r = runTwin(twin({ privateDns: 'on', hostnames: 'on', admits: 'other' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'sqs'), /^no via interface-endpoint blocked security-group ENI_SG_RULES_MISMATCH needed=true$/);
    });

    it('private DNS explicitly off: no (E10)', () => {
      const r = runTwin(twin({ privateDns: 'off', hostnames: 'on', admits: 'fn' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'sqs'), /^no via - /);
    });

    it('private DNS left to the default (false in both): no (E10), same as off', () => {
      const r = runTwin(twin({ privateDns: 'default', hostnames: 'on', admits: 'fn' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'sqs'), /^no via - /);
    });

    it('VPC DNS hostnames left to the default (false in both): endpoint unused (E9)', () => {
      const r = runTwin(twin({ privateDns: 'on', hostnames: 'default', admits: 'fn' }));
      assert.deepEqual(r.tf, r.cfn);
      assert.match(answer(r.tf, 'Fn', 'sqs'), /^no via - /);
    });

    it('private DNS off but a NAT path: yes via NAT', () => {
      const r = runTwin(twin({ privateDns: 'off', hostnames: 'on', admits: 'fn', nat: true }));
      assert.deepEqual(r.tf, r.cfn);
      assert.equal(answer(r.tf, 'Fn', 'sqs'), 'yes via nat-gateway blocked - - needed=true');
    });
  });
});
