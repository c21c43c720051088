// VPC peering acceptance (P10), end to end through the real front ends and engine: only an accepted (active)
// connection carries traffic. Terraform: auto_accept, aws_vpc_peering_connection_accepter, peer_region and
// peer_owner_id; CloudFormation: same account, PeerOwnerId with and without PeerRoleArn.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf, render } from '../support/analyseWorkspace';
import * as Cfn from '../support/cloudFormationPieces';
import { association, provider, route, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const PCX = 'vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id';
const WEST = 'provider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n';

/**
 * Function in aws_vpc.v (eu-west-1), Redis in aws_vpc.peer, routes both ways through aws_vpc_peering_connection.pcx
 * whose body is `peering`; `peerProvider` puts the peer side in another Region; `extra` is appended.
 */
function peered(peering: string, o: { readonly extra?: string; readonly peerProvider?: string; readonly ingress?: string } = {}): string {
  const p = o.peerProvider === undefined ? '' : `  provider = ${o.peerProvider}\n`;
  const peerAz = o.peerProvider === undefined ? 'eu-west-1a' : 'us-west-2a';
  return `${provider('eu-west-1')}${WEST}${vpc()}
resource "aws_vpc" "peer" {
${p}  cidr_block = "10.1.0.0/16"
}
${subnet('a', { cidr: '10.0.1.0/24', az: 'eu-west-1a' })}
resource "aws_subnet" "pa" {
${p}  vpc_id            = aws_vpc.peer.id
  cidr_block        = "10.1.2.0/24"
  availability_zone = "${peerAz}"
}
resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.v.id
  peer_vpc_id = aws_vpc.peer.id
${peering}
}
${routeTable('rt', { routes: route('10.1.0.0/16', PCX) })}${association('a', 'rt')}
resource "aws_route_table" "peer" {
${p}  vpc_id = aws_vpc.peer.id
${route('10.0.0.0/16', PCX)}
}
resource "aws_route_table_association" "pa" {
${p}  subnet_id      = aws_subnet.pa.id
  route_table_id = aws_route_table.peer.id
}
${securityGroup('fn', 'all')}
resource "aws_security_group" "redis" {
${p}  vpc_id = aws_vpc.peer.id
  ingress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    ${o.ingress ?? 'cidr_blocks = ["10.0.0.0/16"]'}
  }
}
resource "aws_elasticache_subnet_group" "g" {
${p}  subnet_ids = [aws_subnet.pa.id]
}
resource "aws_elasticache_cluster" "redis" {
${p}  engine             = "redis"
  subnet_group_name  = aws_elasticache_subnet_group.g.name
  security_group_ids = [aws_security_group.redis.id]
}
${vpcFunction('f', { subnets: ['a'], env: 'REDIS = aws_elasticache_cluster.redis.cache_nodes[0].address' })}${o.extra ?? ''}`;
}

function accepter(o: { readonly autoAccept?: string; readonly provider?: string } = {}): string {
  return `resource "aws_vpc_peering_connection_accepter" "peer" {
${o.provider === undefined ? '' : `  provider                  = ${o.provider}\n`}  vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
${o.autoAccept === undefined ? '' : `  auto_accept               = ${o.autoAccept}\n`}}
`;
}

function redis(files: Readonly<Record<string, string>> | string, explain = false): string {
  return render(reachOf(analyseWorkspace(files).result, 'f', 'aws_elasticache_cluster.redis'), { explain });
}

const tf = (text: string): Record<string, string> => ({ '/w/main.tf': text });

describe('VPC peering acceptance (P10)', () => {
  describe('Terraform', () => {
    it('same account and Region with auto_accept = true: the connection is active', () => {
      const run = analyseWorkspace(tf(peered('  auto_accept = true')));
      const reach = reachOf(run.result, 'f', 'aws_elasticache_cluster.redis');
      assert.equal(render(reach), 'yes via vpc-peering');
      const hop = reach?.path.find((h) => h.componentKind === 'vpc-peering');
      assert.equal(hop?.detail, 'connects the two VPCs; auto_accept = true accepts the request (same account and Region) (P10)');
    });

    it('auto_accept not set and no accepter: pending-acceptance blocks (BAD_STATE), with both fixes', () => {
      assert.equal(redis(tf(peered('')), true), [
        'no via vpc-peering BAD_STATE: aws_vpc_peering_connection.pcx: the connection is not active: auto_accept is not set, so the request stays pending-acceptance, and nothing in the workspace accepts it (P10)',
        '  fix: set auto_accept = true on aws_vpc_peering_connection.pcx',
        '  fix: add an aws_vpc_peering_connection_accepter with vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id and auto_accept = true',
      ].join('\n'));
      assert.equal(redis(tf(peered('  auto_accept = false'))).split('\n')[0], 'no via vpc-peering BAD_STATE');
    });

    it('an aws_vpc_peering_connection_accepter with auto_accept = true accepts it; the type is modelled', () => {
      const run = analyseWorkspace(tf(peered('', { extra: accepter({ autoAccept: 'true' }) })));
      const reach = reachOf(run.result, 'f', 'aws_elasticache_cluster.redis');
      assert.equal(render(reach), 'yes via vpc-peering');
      assert.match(reach?.path.find((h) => h.componentKind === 'vpc-peering')?.detail ?? '', /accepted by aws_vpc_peering_connection_accepter\.peer/);
      assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => p.message), []);
    });

    it('an accepter without auto_accept adopts the connection but does not accept it: fix names the accepter', () => {
      assert.equal(redis(tf(peered('', { extra: accepter() }))), [
        'no via vpc-peering BAD_STATE',
        '  fix: set auto_accept = true on aws_vpc_peering_connection_accepter.peer',
      ].join('\n'));
    });

    it('an accepter whose auto_accept is a variable without default: unknown', () => {
      const extra = `variable "accept" { type = bool }\n${accepter({ autoAccept: 'var.accept' })}`;
      assert.match(redis(tf(peered('', { extra })), true), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: aws_vpc_peering_connection\.pcx: whether aws_vpc_peering_connection_accepter\.peer accepts the request is not known/);
    });

    it('inter-Region request without an accepter stays pending: no, fix adds an accepter in that Region', () => {
      assert.equal(redis(tf(peered('  peer_region = "us-west-2"', { peerProvider: 'aws.west' })), true), [
        'no via vpc-peering BAD_STATE: aws_vpc_peering_connection.pcx: the connection is not active: a request to the Region "us-west-2" stays pending-acceptance until it is accepted in that Region, and nothing in the workspace accepts it (P10)',
        '  fix: add an aws_vpc_peering_connection_accepter with vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id and auto_accept = true, with a provider for the Region "us-west-2"',
      ].join('\n'));
    });

    it('inter-Region request with an accepter in the peer Region: yes', () => {
      const text = peered('  peer_region = "us-west-2"', { peerProvider: 'aws.west', extra: accepter({ autoAccept: 'true', provider: 'aws.west' }) });
      assert.equal(redis(tf(text)), 'yes via vpc-peering');
    });

    it('an accepted inter-Region connection still does not carry security group references (P3)', () => {
      const text = peered('  peer_region = "us-west-2"', { peerProvider: 'aws.west', ingress: 'security_groups = [aws_security_group.fn.id]', extra: accepter({ autoAccept: 'true', provider: 'aws.west' }) });
      assert.equal(redis(tf(text)), 'no via vpc-peering ENI_SG_RULES_MISMATCH\n'
        + '  fix: allow ingress tcp 6379 from 10.0.0.0/16 (the function\'s VPC) in aws_security_group.redis: a security group reference does not work across Regions');
    });

    it('auto_accept = true with peer_region: Terraform refuses it, so nothing accepts the request', () => {
      assert.match(redis(tf(peered('  peer_region = "us-west-2"\n  auto_accept = true', { peerProvider: 'aws.west' })), true),
        /^no via vpc-peering BAD_STATE: .*Terraform refuses auto_accept = true with peer_region/);
    });

    it('cross-account request (peer_owner_id) without an accepter: unknown, naming the account', () => {
      const out = redis(tf(peered('  peer_owner_id = "210987654321"')), true);
      assert.match(out, /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: aws_vpc_peering_connection\.pcx: whether the request is accepted is not known: the request goes to the account "210987654321", which must accept it/);
      assert.match(out, /to accept it: add an aws_vpc_peering_connection_accepter .* in the configuration of the account "210987654321"/);
    });

    it('cross-account request with the accepter declared in the workspace: yes', () => {
      assert.equal(redis(tf(peered('  peer_owner_id = "210987654321"', { extra: accepter({ autoAccept: 'true' }) }))), 'yes via vpc-peering');
    });

    it('auto_accept from a variable without default: unknown', () => {
      const text = `variable "accept" { type = bool }\n${peered('  auto_accept = var.accept')}`;
      assert.match(redis(tf(text), true), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: .*auto_accept/);
    });

    it('aws_vpc_peering_connection_options is read without being reported as unmodelled', () => {
      const extra = `resource "aws_vpc_peering_connection_options" "o" {
  vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
  accepter { allow_remote_vpc_dns_resolution = true }
}
`;
      const run = analyseWorkspace(tf(peered('  auto_accept = true', { extra })));
      assert.deepEqual(run.problems.filter((p) => p.code === 'tf-unsupported-types').map((p) => p.message), []);
      assert.equal(render(reachOf(run.result, 'f', 'aws_elasticache_cluster.redis')), 'yes via vpc-peering');
    });
  });

  describe('CloudFormation', () => {
    /** The same layout as the Terraform one; `peering` adds properties to AWS::EC2::VPCPeeringConnection. */
    function template(peering: string): string {
      return `${Cfn.template({ parameters: '  PeerAccount: { Type: String }\n' })}${Cfn.twoVpcs('us-east-1')}  Pcx:
    Type: AWS::EC2::VPCPeeringConnection
    Properties:
      VpcId: !Ref VpcA
      PeerVpcId: !Ref VpcB
${peering}
${Cfn.twoVpcRoutes('VpcPeeringConnectionId: !Ref Pcx')}${Cfn.databaseInVpcB()}`;
    }

    const db = (peering: string, explain = false): string =>
      render(reachOf(analyseWorkspace({ '/w/template.yaml': template(peering) }, 'us-east-1').result, 'Fn', 'Db'), { explain });

    it('same account (no PeerOwnerId): CloudFormation accepts the request', () => {
      assert.equal(db(''), 'yes via vpc-peering');
    });

    it('PeerOwnerId !Ref AWS::AccountId is the stack\'s own account: yes', () => {
      assert.equal(db('      PeerOwnerId: !Ref AWS::AccountId'), 'yes via vpc-peering');
    });

    it('same account in another Region (PeerRegion only): accepted without a role', () => {
      const reach = reachOf(analyseWorkspace({ '/w/template.yaml': template('      PeerRegion: us-west-2') }, 'us-east-1').result, 'Fn', 'Db');
      assert.match(reach?.path.find((h) => h.componentKind === 'vpc-peering')?.detail ?? '', /CloudFormation accepts the request/);
    });

    it('another account with PeerRoleArn: accepted through the role', () => {
      assert.equal(db('      PeerOwnerId: "210987654321"\n      PeerRoleArn: arn:aws:iam::210987654321:role/peer'), 'yes via vpc-peering');
    });

    it('another account without PeerRoleArn: unknown, and says to set PeerRoleArn', () => {
      const out = db('      PeerOwnerId: "210987654321"', true);
      assert.match(out, /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: Pcx: whether the request is accepted is not known: the request goes to the account '210987654321' without PeerRoleArn/);
      assert.match(out, /to accept it: set PeerRoleArn on Pcx to a role in the account '210987654321' that allows ec2:AcceptVpcPeeringConnection/);
      assert.match(db('      PeerOwnerId: !Ref PeerAccount', true), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: .*the account PeerOwnerId without PeerRoleArn/);
    });
  });
});

describe('VPC peering acceptance follow-ups (P10)', () => {
  describe('peer_owner_id from aws_caller_identity: the account of a provider configuration', () => {
    const CALLER = 'data "aws_caller_identity" "current" {}\n';
    const OWNER = '  peer_owner_id = data.aws_caller_identity.current.account_id';

    it('the same provider configuration is this account: as if peer_owner_id were not set', () => {
      const run = analyseWorkspace(tf(peered(`${OWNER}\n  auto_accept   = true`, { extra: CALLER })));
      const reach = reachOf(run.result, 'f', 'aws_elasticache_cluster.redis');
      assert.equal(render(reach), 'yes via vpc-peering');
      assert.equal(reach?.path.find((h) => h.componentKind === 'vpc-peering')?.detail, 'connects the two VPCs; auto_accept = true accepts the request (same account and Region) (P10)');
      // Without auto_accept it is a same-account request nothing accepts: no, with the same-account fixes.
      assert.equal(redis(tf(peered(OWNER, { extra: CALLER }))), [
        'no via vpc-peering BAD_STATE',
        '  fix: set auto_accept = true on aws_vpc_peering_connection.pcx',
        '  fix: add an aws_vpc_peering_connection_accepter with vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id and auto_accept = true',
      ].join('\n'));
    });

    it('a caller identity read through another provider alias: unknown whether the same account', () => {
      const extra = 'data "aws_caller_identity" "current" { provider = aws.west }\n';
      assert.match(redis(tf(peered(`${OWNER}\n  auto_accept   = true`, { extra })), true),
        /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: .*the request goes to the account of the provider aws\.west \(peer_owner_id\), which must accept it/);
    });

    it('a module that inherits the default provider reads the same account; one passed an alias does not', () => {
      const module = { '/w/acct/main.tf': 'data "aws_caller_identity" "this" {}\noutput "id" { value = data.aws_caller_identity.this.account_id }\n' };
      const owner = '  peer_owner_id = module.acct.id\n  auto_accept   = true';
      const inherited = { ...module, '/w/main.tf': peered(owner, { extra: 'module "acct" { source = "./acct" }\n' }) };
      assert.equal(redis(inherited), 'yes via vpc-peering');
      const aliased = { ...module, '/w/main.tf': peered(owner, { extra: 'module "acct" {\n  source    = "./acct"\n  providers = { aws = aws.west }\n}\n' }) };
      assert.match(redis(aliased), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT/);
      // A module with its own provider block (here assuming a role) is another configuration: maybe another account.
      const own = { '/w/acct/main.tf': `provider "aws" {\n  region = "eu-west-1"\n  assume_role { role_arn = "arn:aws:iam::210987654321:role/peer" }\n}\n${module['/w/acct/main.tf']}`, '/w/main.tf': inherited['/w/main.tf'] };
      assert.match(redis(own, true), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT: .*the account of the provider module\.acct\.aws/);
    });

    it('account ids compare equal within one provider configuration and stay undecided across two', () => {
      const extra = 'data "aws_caller_identity" "a" {}\ndata "aws_caller_identity" "b" {}\ndata "aws_caller_identity" "w" { provider = aws.west }\n';
      assert.equal(redis(tf(peered('  auto_accept = data.aws_caller_identity.a.account_id == data.aws_caller_identity.b.account_id', { extra }))), 'yes via vpc-peering');
      assert.match(redis(tf(peered('  auto_accept = data.aws_caller_identity.a.account_id == data.aws_caller_identity.w.account_id', { extra }))), /^unknown via vpc-peering/);
    });

    it('the rest of the caller identity stays unknown: its id is not taken for the account', () => {
      assert.match(redis(tf(peered('  peer_owner_id = data.aws_caller_identity.current.id\n  auto_accept   = true', { extra: CALLER }))), /^unknown via vpc-peering LAMBDA_UNKNOWN_INPUT/);
    });
  });

  describe('a route fix to a connection that is not accepted carries the acceptance', () => {
    /** The peered layout without the function side's route to the peer VPC. */
    const unrouted = (peering: string, extra?: string): Record<string, string> =>
      tf(peered(peering, extra === undefined ? {} : { extra }).replace(route('10.1.0.0/16', PCX), ''));
    const ROUTE_FIX = '  fix: route 10.1.0.0/16 in aws_route_table.rt to aws_vpc_peering_connection.pcx (P10)';

    it('an accepted connection: the route alone', () => {
      assert.equal(redis(unrouted('  auto_accept = true')), `no via - DISCONNECTED_VPCS\n${ROUTE_FIX}`);
    });

    it('a pending connection: one fix, the route and the changes that accept the request', () => {
      const run = analyseWorkspace(unrouted(''));
      const reach = reachOf(run.result, 'f', 'aws_elasticache_cluster.redis');
      assert.equal(render(reach), `no via - DISCONNECTED_VPCS\n${ROUTE_FIX}, and accept the request (it is pending-acceptance): set auto_accept = true on aws_vpc_peering_connection.pcx, `
        + 'or add an aws_vpc_peering_connection_accepter with vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id and auto_accept = true');
      const pcx = run.model.all('vpc-peering')[0]?.id;
      assert.deepEqual(reach?.fixes[0]?.changes.map((c) => c.kind === 'other' ? `other ${c.component ?? ''}` : c.kind), ['add-route', `other ${pcx ?? '?'}`]);
    });

    it('a connection an accepter adopts without accepting: the fix names the accepter', () => {
      assert.equal(redis(unrouted('', accepter())), `no via - DISCONNECTED_VPCS\n${ROUTE_FIX}, and accept the request (it is pending-acceptance): set auto_accept = true on aws_vpc_peering_connection_accepter.peer`);
    });

    it('a cross-account request: the fix says to make sure it is accepted', () => {
      assert.match(redis(unrouted('  peer_owner_id = "210987654321"')),
        /fix: route 10\.1\.0\.0\/16 .* \(P10\), and make sure the request is accepted \(the workspace does not show whether it is\): add an aws_vpc_peering_connection_accepter .* account "210987654321"$/);
    });

    it('an accepted connection is preferred over a pending one between the same VPCs', () => {
      const extra = 'resource "aws_vpc_peering_connection" "other" {\n  vpc_id      = aws_vpc.v.id\n  peer_vpc_id = aws_vpc.peer.id\n  auto_accept = true\n}\n';
      assert.equal(redis(unrouted('', extra)), 'no via - DISCONNECTED_VPCS\n  fix: route 10.1.0.0/16 in aws_route_table.rt to aws_vpc_peering_connection.other (P10)');
    });
  });
});
