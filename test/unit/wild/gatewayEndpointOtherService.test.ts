// An S3 gateway endpoint in a workspace with no provider Region (HowardPeter/classroom-management-nodejs
// networking module analysed alone): whatever the VPC's Region, an endpoint of S3 never carries DynamoDB
// traffic (E7: the prefix-list route holds its own service's ranges only), so DynamoDB still follows the
// default route (P9) and only S3 stays open on the unknown Region.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { association, gatewayEndpoint, natGateway, packaged, publicSubnet, route, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';

const workspace = vpc('v') + subnet('a', { cidr: '10.0.1.0/24', az: 'ap-southeast-1a' })
  + publicSubnet({ cidr: '10.0.100.0/24', az: 'ap-southeast-1a', name: 'pub' }) + natGateway('n', 'pub')
  + routeTable('private', { routes: route('0.0.0.0/0', 'nat_gateway_id = aws_nat_gateway.n.id') }) + association('a', 'private')
  + gatewayEndpoint('s3', 's3', 'ap-southeast-1', ['private'])
  + securityGroup('fn', 'all') + vpcFunction('f', { subnets: ['a'], attributes: packaged });

describe('wild: a gateway endpoint of another service, Region unknown', () => {
  it('DynamoDB goes through the NAT gateway; S3 stays open on the Region', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'dynamodb')?.status, 'yes');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 's3')?.status, 'unknown');
  });

  it('with the Region known, S3 goes through the endpoint', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace }, 'ap-southeast-1');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 's3')?.via, 'gateway-endpoint');
    assert.equal(reachOf(run.result, 'aws_lambda_function.f', 'dynamodb')?.status, 'yes');
  });
});
