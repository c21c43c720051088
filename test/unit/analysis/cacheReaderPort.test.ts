// ElastiCache Serverless listens on two ports (Redis OSS / Valkey 6379 and 6380, Memcached 11211 and 11212):
// the cache's answer stays its primary port's, and a warning names the function, the cache and the blocking
// rule when the reader port is blocked (P2, P15). Terraform and CloudFormation give the same finding.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, reachOf, render, type WorkspaceRun } from '../support/analyseWorkspace';
import { securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const RULE = 'LAMBDA_CACHE_READER_PORT_BLOCKED';

/** A function in subnets a and b, a cache whose group admits the function's group on `from`–`to`. */
function tf(o: { readonly engine: string; readonly from: number; readonly to: number; readonly cache?: string }): WorkspaceRun {
  const cache = o.cache ?? `resource "aws_elasticache_serverless_cache" "c" {
  name               = "c"
  engine             = "${o.engine}"
  subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids = [aws_security_group.cache.id]
}
`;
  return analyseWorkspace({
    '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + `resource "aws_security_group" "cache" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port       = ${o.from}
    to_port         = ${o.to}
    protocol        = "tcp"
    security_groups = [aws_security_group.fn.id]
  }
}
` + cache + vpcFunction('f', { subnets: ['a', 'b'], env: `CACHE = ${o.cache === undefined ? 'aws_elasticache_serverless_cache.c.endpoint[0].address' : 'aws_elasticache_replication_group.c.primary_endpoint_address'}` }),
  });
}

function cfn(o: { readonly engine: string; readonly from: number; readonly to: number }): WorkspaceRun {
  return analyseWorkspace({
    '/w/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: eu-west-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.2.0/24
      AvailabilityZone: eu-west-1b
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref Vpc
  CacheSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: cache
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: ${o.from}
          ToPort: ${o.to}
          SourceSecurityGroupId: !Ref FnSg
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: c
      Engine: ${o.engine}
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
      SecurityGroupIds: [!Ref CacheSg]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/r
      Runtime: python3.12
      Handler: a.h
      Code:
        ZipFile: "def h(e, c): pass"
      Environment:
        Variables:
          CACHE: !GetAtt Cache.Endpoint.Address
      VpcConfig:
        SubnetIds: [!Ref SubnetA, !Ref SubnetB]
        SecurityGroupIds: [!Ref FnSg]
`,
  }, 'eu-west-1');
}

const warnings = (run: WorkspaceRun): string => findingsOf(run, RULE).map((f) => f.text).join('\n');

/** A provisioned replication group (one port): it never gets the warning. */
const replicationGroup = `resource "aws_elasticache_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_elasticache_replication_group" "c" {
  replication_group_id = "c"
  description          = "c"
  engine               = "valkey"
  node_type            = "cache.t4g.micro"
  subnet_group_name    = aws_elasticache_subnet_group.g.name
  security_group_ids   = [aws_security_group.cache.id]
}
`;

describe('ElastiCache Serverless reader port (P2, P15)', () => {
  it('SG admits 6379 only: the cache is reached on its primary port, a warning names the function, the cache and the blocking group', () => {
    const run = tf({ engine: 'valkey', from: 6379, to: 6379 });
    assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_serverless_cache.c')), 'yes via local');
    assert.equal(warnings(run), 'warning: aws_lambda_function.f reaches aws_elasticache_serverless_cache.c on its primary port tcp 6379 but not on its reader port tcp 6380: '
      + 'security groups aws_security_group.cache of aws_elasticache_serverless_cache.c (ingress): no rule allows ingress from 10.0.1.0/24 on tcp 6380 (P2). '
      + 'Reads from replicas use tcp 6380, and many clients connect to both ports: allow tcp 6380 as well as tcp 6379 (P15)');
    const finding = run.result.findings.find((f) => f.rule === RULE);
    assert.deepEqual(finding?.fixes.map((f) => f.description), ['allow ingress tcp 6380 from aws_security_group.fn in aws_security_group.cache']);
    assert.deepEqual(finding?.related.map((r) => r.message), ['cache: aws_elasticache_serverless_cache.c', 'blocked at: aws_security_group.cache']);
    assert.equal(finding?.key, 'aws_elasticache_serverless_cache.c:6380');
  });

  it('SG admits 6379-6380: no warning', () => {
    const run = tf({ engine: 'redis', from: 6379, to: 6380 });
    assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_serverless_cache.c')), 'yes via local');
    assert.equal(warnings(run), '');
  });

  it('the function\'s own egress blocking the reader port is named too', () => {
    const run = analyseWorkspace({
      '/w/main.tf': twoAzVpc('eu-west-1') + `resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.v.id
  egress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_security_group" "cache" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_elasticache_serverless_cache" "c" {
  name               = "c"
  engine             = "valkey"
  subnet_ids         = [aws_subnet.a.id]
  security_group_ids = [aws_security_group.cache.id]
}
` + vpcFunction('f', { subnets: ['a', 'b'], env: 'CACHE = aws_elasticache_serverless_cache.c.endpoint[0].address' }),
    });
    assert.match(warnings(run), /reader port tcp 6380: security groups aws_security_group\.fn \(egress\): no rule allows egress to 10\.0\.1\.0\/24 on tcp 6380 \(P2\)\. /);
  });

  it('a network ACL of the cache\'s subnet blocking the reader port is named with its rule (P5)', () => {
    const run = analyseWorkspace({
      '/w/main.tf': twoAzVpc('eu-west-1') + securityGroup('fn', 'all') + `resource "aws_security_group" "cache" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 6379
    to_port     = 6380
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
resource "aws_network_acl" "cache" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.b.id]
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 6379
    to_port    = 6379
    cidr_block = "10.0.0.0/16"
  }
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "10.0.0.0/16"
  }
}
resource "aws_elasticache_serverless_cache" "c" {
  name               = "c"
  engine             = "valkey"
  subnet_ids         = [aws_subnet.b.id]
  security_group_ids = [aws_security_group.cache.id]
}
` + vpcFunction('f', { subnets: ['a'], env: 'CACHE = aws_elasticache_serverless_cache.c.endpoint[0].address' }),
    });
    assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_serverless_cache.c')), 'yes via local');
    assert.match(warnings(run), /reader port tcp 6380: network ACL aws_network_acl\.cache of target subnet aws_subnet\.b \(inbound\): the final \* rule denies inbound from 10\.0\.1\.0\/24 tcp 6380 \(ports 6380\) \(P5\)\. /);
  });

  it('Memcached serverless: 11211 and 11212', () => {
    assert.match(warnings(tf({ engine: 'memcached', from: 11211, to: 11211 })), /on its primary port tcp 11211 but not on its reader port tcp 11212: .*allow tcp 11212 as well as tcp 11211 \(P15\)$/);
    assert.equal(warnings(tf({ engine: 'memcached', from: 11211, to: 11212 })), '');
  });

  it('a provisioned (node-based) cluster has one port and never warns', () => {
    const run = tf({ engine: 'valkey', from: 6379, to: 6379, cache: replicationGroup });
    assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_replication_group.c')), 'yes via local');
    assert.equal(warnings(run), '');
  });

  it('an unknown engine gives unknown ports and no warning (the finding never guesses)', () => {
    const run = tf({ engine: '${var.engine}', from: 6379, to: 6379 });
    assert.equal(warnings(run), '');
  });

  it('Terraform and CloudFormation give the same finding', () => {
    const names = (text: string, map: Readonly<Record<string, string>>): string => Object.entries(map).reduce((t, [from, to]) => t.split(from).join(to), text);
    const t = warnings(tf({ engine: 'valkey', from: 6379, to: 6379 }));
    const c = warnings(cfn({ engine: 'valkey', from: 6379, to: 6379 }));
    assert.notEqual(c, '');
    assert.equal(names(t, { 'aws_lambda_function.f': 'Fn', 'aws_elasticache_serverless_cache.c': 'Cache', 'aws_security_group.cache': 'CacheSg' }), c);
    assert.equal(warnings(cfn({ engine: 'valkey', from: 6379, to: 6380 })), '');
    assert.match(warnings(cfn({ engine: 'memcached', from: 11211, to: 11211 })), /reader port tcp 11212/);
  });
});
