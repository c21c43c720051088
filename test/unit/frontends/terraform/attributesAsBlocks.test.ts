// Nested blocks written as arguments ("attributes as blocks"): security group ingress/egress, route table
// routes and network ACL rules as `x = [{ … }]` lists (and JSON's objects) are read like blocks; `x = []`
// declares none. End to end: an SG whose egress is an attribute list has egress (no false SG_NO_EGRESS).

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { analyseWorkspace } from '../../support/analyseWorkspace';
import { renderObjects, tfFixture } from './tfFixture';
import { subnet } from '../../support/terraformPieces';

function read(files: string, kinds: readonly string[]): { objects: string; problems: string[] } {
  const out = readTerraform(tfFixture(files).view, { region: 'us-east-1' });
  return { objects: renderObjects(out.objects, out.stacks[0] ?? '', kinds), problems: out.problems.map((p) => `${p.code}: ${p.message}`) };
}

const SG = `
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "peer" { vpc_id = aws_vpc.v.id }
resource "aws_security_group" "a" {
  vpc_id = aws_vpc.v.id
  egress = [{
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
    description      = ""
  }]
  ingress = [for p in [80, 443] : {
    from_port = p, to_port = p, protocol = "tcp", cidr_blocks = [], ipv6_cidr_blocks = []
    prefix_list_ids = [], security_groups = [aws_security_group.peer.id], self = p == 80, description = null
  }]
}
resource "aws_security_group" "none" {
  vpc_id = aws_vpc.v.id
  egress = []
}
resource "aws_default_security_group" "d" {
  vpc_id  = aws_vpc.v.id
  ingress = []
  egress  = var.rules
}
variable "rules" {}
`;

describe('attributes as blocks (Terraform)', () => {
  it('reads security group rules from attribute lists, literal or computed; [] is no rule', () => {
    const { objects, problems } = read(SG, ['security-group-rule']);
    assert.equal(
      objects,
      `
security-group-rule aws_security_group.a/egress[0]/peer[0] group="aws_security_group.a" direction="egress" protocol="tcp" fromPort=443 toPort=443 peer={kind: "ipv4", cidr: "0.0.0.0/0"} inline=true
security-group-rule aws_security_group.a/ingress[0]/peer[0] group="aws_security_group.a" direction="ingress" protocol="tcp" fromPort=80 toPort=80 peer={kind: "security-group", group: "aws_security_group.peer"} inline=true
security-group-rule aws_security_group.a/ingress[0]/peer[1] group="aws_security_group.a" direction="ingress" protocol="tcp" fromPort=80 toPort=80 peer={kind: "security-group", group: "aws_security_group.a"} inline=true
security-group-rule aws_security_group.a/ingress[1]/peer[0] group="aws_security_group.a" direction="ingress" protocol="tcp" fromPort=443 toPort=443 peer={kind: "security-group", group: "aws_security_group.peer"} inline=true`.trim(),
    );
    assert.ok(problems.some((p) => p.startsWith('tf-unknown-rules: Some egress rules of aws_default_security_group.d are not known statically: var.rules has no default')), problems.join('\n'));
  });

  it('reads routes from `route = [...]` and network ACL rules from attribute lists', () => {
    const { objects, problems } = read(
      `
//- /w/main.tf
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "g" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "r" {
  vpc_id = aws_vpc.v.id
  route = [{
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }]
}
resource "aws_default_route_table" "d" {
  default_route_table_id = aws_vpc.v.default_route_table_id
  route                  = []
}
resource "aws_network_acl" "n" {
  vpc_id = aws_vpc.v.id
  egress = [{ protocol = "tcp", rule_no = 100, action = "allow", cidr_block = "0.0.0.0/0", from_port = 443, to_port = 443, ipv6_cidr_block = null, icmp_code = null, icmp_type = null }]
  ingress = []
}
resource "aws_default_network_acl" "d" {
  default_network_acl_id = aws_vpc.v.default_network_acl_id
  ingress                = var.acl_rules
}
variable "acl_rules" {}
`,
      ['route', 'network-acl-entry'],
    );
    assert.equal(
      objects,
      `
network-acl-entry aws_network_acl.n/egress[0] acl="aws_network_acl.n" ruleNumber=100 egress=true action="allow" protocol="tcp" cidr="0.0.0.0/0" ipv6Cidr=null fromPort=443 toPort=443 inline=true
route aws_route_table.r/route[0] routeTable="aws_route_table.r" destination={kind: "ipv4", cidr: "0.0.0.0/0"} target={kind: "internet-gateway", ref: "aws_internet_gateway.g"} inline=true`.trim(),
    );
    assert.deepEqual(problems.filter((p) => p.startsWith('tf-unsupported-construct')), []);
    assert.ok(problems.some((p) => p.startsWith('tf-unknown-rules: Some ingress rules of aws_default_network_acl.d are not known statically: var.acl_rules has no default')), problems.join('\n'));
  });

  it('reads JSON nested blocks given as an object or a list of objects', () => {
    const json = JSON.stringify({
      resource: {
        aws_security_group: { a: { vpc_id: 'vpc-1', egress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
        aws_lambda_function: { f: { function_name: 'f', vpc_config: { subnet_ids: ['subnet-1'], security_group_ids: ['${aws_security_group.a.id}'] } } },
      },
    });
    const { objects } = read(`//- /w/main.tf.json\n${json}\n`, ['security-group-rule', 'lambda-function']);
    assert.match(objects, /security-group-rule aws_security_group\.a\/egress\[0\]\/peer\[0\] .*protocol="tcp" fromPort=443 toPort=443 peer=\{kind: "ipv4", cidr: "0\.0\.0\.0\/0"\}/);
    assert.match(objects, /vpcConfig=\{subnets: \[\?\{literal:subnet-1\}\], securityGroups: \["aws_security_group\.a"\]/);
  });

  it('end to end: an attribute-list egress rule is egress (no SG_NO_EGRESS)', () => {
    const run = analyseWorkspace(`
//- /w/main.tf
provider "aws" { region = "us-east-1" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "a" {
  vpc_id = aws_vpc.v.id
  egress = [{
    from_port = 443, to_port = 443, protocol = "tcp", cidr_blocks = ["0.0.0.0/0"]
    ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false, description = ""
  }]
}
${subnet('s', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}\
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = [aws_subnet.s.id]
    security_group_ids = [aws_security_group.a.id]
  }
}
`, 'us-east-1');
    assert.ok(!run.findings.some((f) => f.startsWith('SG_NO_EGRESS')), run.findings.join('\n'));
    const egress = run.model.all('security-group-rule').filter((r) => r.address === 'aws_security_group.a' && r.direction === 'egress');
    assert.equal(egress.length, 1);
  });
});
