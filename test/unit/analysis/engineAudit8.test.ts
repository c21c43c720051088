// Engine audit 8 regressions, end to end (real Terraform front end + engine): VPC peering between VPCs whose
// CIDR blocks overlap, which AWS refuses (P10).

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import { association, route, routeTable, securityGroup, securityGroupRules, subnet, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const PCX = 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id';

/** Function VPC `v` (10.0.0.0/16) peered to VPC `p` of `peerCidr`, whose DB in 10.2.1.0/24 routes back. */
function peeredDb(peerCidr: string, o: { readonly routed?: boolean } = {}): string {
  return twoAzVpc('us-east-1')
    + `resource "aws_vpc" "p" { cidr_block = "${peerCidr}" }\n`
    + subnet('p1', { cidr: '10.2.1.0/24', az: 'us-east-1a', vpc: 'p' })
    + `resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.p.id
  auto_accept = true
}
`
    + routeTable('rv', o.routed === false ? {} : { routes: route('10.2.0.0/16', PCX) }) + association('a', 'rv') + association('b', 'rv')
    + routeTable('rp', { vpc: 'p', routes: route('10.0.0.0/16', PCX) }) + association('p1', 'rp')
    + `${securityGroup('fn', 'all')}\
${securityGroupRules('db', { vpc: 'p', ingress: [{ port: 5432, peer: 'security_groups = [aws_security_group.fn.id]' }] })}\
resource "aws_db_subnet_group" "g" { subnet_ids = [aws_subnet.p1.id] }
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  db_subnet_group_name   = aws_db_subnet_group.g.name
  vpc_security_group_ids = [aws_security_group.db.id]
}
`
    + vpcFunction('f', { subnets: ['a', 'b'], env: 'DB = aws_db_instance.db.address' });
}

describe('engine audit 8', () => {
  describe('P10: peering between overlapping VPCs', () => {
    it('blocks at the peering connection, which AWS refuses (failed state)', () => {
      const run = analyseWorkspace({ '/w/main.tf': peeredDb('10.0.0.0/8') });
      assert.equal(render(reachOf(run.result, 'f', 'aws_db_instance.db'), { explain: true }),
        'no via vpc-peering BAD_STATE: aws_vpc_peering_connection.pcx: aws_vpc.v (10.0.0.0/16) and aws_vpc.p (10.0.0.0/8) have overlapping CIDR blocks, so AWS refuses the peering connection (it ends in the failed state) (P10)\n'
        + '  fix: give one of aws_vpc.v and aws_vpc.p a primary CIDR block that does not overlap the other\'s');
      assert.ok(run.findings.includes('LAMBDA_NO_ROUTE_TARGET aws_lambda_function.f'), run.findings.join('\n'));
    });

    it('offers no route to the refused connection as a fix', () => {
      const run = analyseWorkspace({ '/w/main.tf': peeredDb('10.0.0.0/8', { routed: false }) });
      const fixes = reachOf(run.result, 'f', 'aws_db_instance.db')?.fixes.map((f) => f.description) ?? [];
      assert.ok(fixes.length > 0);
      assert.ok(fixes.every((f) => !f.includes('aws_vpc_peering_connection.pcx')), fixes.join('\n'));
    });

    it('keeps a peering between disjoint VPCs reachable', () => {
      const run = analyseWorkspace({ '/w/main.tf': peeredDb('10.2.0.0/16') });
      assert.equal(render(reachOf(run.result, 'f', 'aws_db_instance.db')), 'yes via vpc-peering');
    });
  });
});

describe('engine audit 8: interface endpoints answer with every network interface (E9)', () => {
  /** A function in subnet a needing SQS, an SQS interface endpoint with private DNS in subnets a and b; `acl` on b. */
  const workspace = (acl: string): string => twoAzVpc('us-east-1', { attributes: ['enable_dns_hostnames = true'] }) + `${securityGroupRules('fn', { egress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
${securityGroupRules('vpce', { ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.vpce.id]
}
resource "aws_sqs_queue" "q" { name = "q" }
${acl}
${vpcFunction('f', { subnets: ['a'], env: 'QUEUE_URL = aws_sqs_queue.q.url' })}`;

  it('reaches the service when every interface is reachable', () => {
    assert.equal(render(reachOf(analyseWorkspace({ '/w/main.tf': workspace('') }).result, 'f', 'sqs')), 'yes via interface-endpoint');
  });

  it('an interface in another subnet whose NACL refuses the function: requests fail when the SDK picks it, so unknown, not yes', () => {
    const deny = `resource "aws_network_acl" "b" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.b.id]
}`;
    const r = reachOf(analyseWorkspace({ '/w/main.tf': workspace(deny) }).result, 'f', 'sqs');
    assert.equal(r?.status, 'unknown');
    assert.match(r?.explanation ?? '', /private DNS also answers with its network interface in aws_subnet\.b, which the function cannot reach/);
    assert.equal(r?.reason, 'VPCE_ENI_UNREACHABLE');
    // Some requests certainly fail: a warning with the blocking hop's fix, not the undecided note.
    const run = analyseWorkspace({ '/w/main.tf': workspace(deny) });
    assert.deepEqual(run.result.findings.filter((f) => f.rule === 'VPCE_ENI_UNREACHABLE' || f.rule === 'LAMBDA_REACH_UNKNOWN').map((f) => `${f.rule} ${f.severity} ${f.fixes.length > 0}`), ['VPCE_ENI_UNREACHABLE warning true']);
  });
});

describe('engine audit 8: an S3 interface endpoint beside a gateway endpoint (E7, E9)', () => {
  /** A function in subnet a (no NAT) needing S3; an S3 gateway endpoint (on the function's table when `associated`) and an S3 interface endpoint with private DNS. */
  const workspace = (o: { readonly associated: boolean; readonly dnsOptions?: string }): string => twoAzVpc('us-east-1', { attributes: ['enable_dns_hostnames = true'] }) + routeTable('rt') + association('a', 'rt') + `${securityGroup('fn', 'all')}\
${securityGroupRules('vpce', { ingress: [{ port: 443, peer: 'cidr_blocks = ["10.0.0.0/16"]' }] })}\
resource "aws_vpc_endpoint" "s3_gateway" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [${o.associated ? 'aws_route_table.rt.id' : ''}]
}
resource "aws_vpc_endpoint" "s3_interface" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.vpce.id]
${o.dnsOptions === undefined ? '' : `  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = ${o.dnsOptions}\n  }`}
}
resource "aws_s3_bucket" "b" { bucket = "b" }
${vpcFunction('f', { subnets: ['a'], env: 'BUCKET = aws_s3_bucket.b.bucket' })}`;
  const s3 = (o: { readonly associated: boolean; readonly dnsOptions?: string }) => reachOf(analyseWorkspace({ '/w/main.tf': workspace(o) }).result, 'f', 's3');

  it('private DNS only for inbound Resolver endpoints: requests from the VPC take the gateway endpoint', () => {
    assert.equal(render(s3({ associated: true, dnsOptions: 'true' })), 'yes via gateway-endpoint');
    // Was: "yes via interface-endpoint", although the function's requests never use the interface endpoint.
    assert.equal(s3({ associated: false, dnsOptions: 'true' })?.status, 'no');
  });

  it('private DNS for all resolvers: the interface endpoint', () => {
    assert.equal(render(s3({ associated: false, dnsOptions: 'false' })), 'yes via interface-endpoint');
  });

  it('the option not written: certain where both ways agree, open where they differ', () => {
    assert.equal(render(s3({ associated: true })), 'yes via interface-endpoint');
    const open = s3({ associated: false });
    assert.equal(open?.status, 'unknown');
    assert.match(open?.explanation ?? '', /"private DNS only for inbound Resolver endpoints", which is not written here: through it the answer is yes, through the gateway endpoint's path no/);
  });
});
