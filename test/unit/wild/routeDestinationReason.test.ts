// A route whose destination is unknown names why (cisagov/cyhy_amis terraform/bod_vpc.tf: the default route
// table of the BOD VPC routes `aws_vpc.cyhy_vpc.cidr_block` through a peering connection; with that CIDR not
// known, every public destination is undecided at the table). The answer said only "the destination of route …
// is unknown"; the unknown CIDR's own reason (an undeclared VPC, a variable without a value) now follows it.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { natGateway, publicSubnet, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all')
  + publicSubnet({ cidr: '10.0.0.0/24', az: 'us-east-1a' }) + natGateway('nat', 'pub') + `
variable "peer_cidr" {}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.v.default_route_table_id
}
resource "aws_route" "nat" {
  route_table_id         = aws_default_route_table.main.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}
resource "aws_route" "peer" {
  route_table_id            = aws_default_route_table.main.id
  destination_cidr_block    = var.peer_cidr
  vpc_peering_connection_id = "pcx-0123456789abcdef0"
}
` + vpcFunction('f', { subnets: ['a', 'b'] });

describe('wild: a route with an unknown destination', () => {
  it('says why the destination is unknown', () => {
    const reach = reachOf(analyseWorkspace({ '/w/main.tf': workspace }).result, 'aws_lambda_function.f', 'internet');
    assert.equal(reach?.status, 'unknown');
    assert.match(reach?.explanation ?? '', /the destination of route aws_route\.peer is unknown: var\.peer_cidr has no default and no \.tfvars file sets it$/);
  });
});
