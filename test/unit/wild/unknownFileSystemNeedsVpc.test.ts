// A function that mounts a file system the workspace does not resolve (iconifyit/aws-lambda-efs-vpc:
// `FileSystemConfigs: [{ Arn: !ImportValue "MyEFS" }]` with no such export): mounting EFS requires VPC
// attachment (P13), so the advice to drop the VPC config (M1) is wrong whatever the file system is.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf } from '../support/analyseWorkspace';
import { securityGroup, subnet, template, vpc, vpcFunction } from '../support/cloudFormationPieces';

const workspace = template() + vpc() + subnet('A', { cidr: '10.0.1.0/24', az: 'us-east-1a' })
  + securityGroup('FnSg', { egress: ['{ IpProtocol: "-1", CidrIp: 0.0.0.0/0 }'] })
  + vpcFunction('Fn', { subnets: ['A'], properties: ['FileSystemConfigs: [{ Arn: !ImportValue MyEFS, LocalMountPath: /mnt/efs }]'] });

describe('wild: a file system the workspace does not resolve', () => {
  it('keeps the VPC attachment needed (P13)', () => {
    const run = analyseWorkspace({ '/w/template.yaml': workspace }, 'us-east-1');
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });
});
