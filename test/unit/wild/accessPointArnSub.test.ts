// An access point named by a built ARN (serverlesspub/aws-lambda-efs-cloudformation-starter-template:
// `Arn: !Sub 'arn:aws:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPoint}'`):
// the function mounts that access point's file system, so it needs it (P13) and its VPC attachment is not unneeded.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, reachOf } from '../support/analyseWorkspace';
import { securityGroup, subnet, template, vpc } from '../support/cloudFormationPieces';

const workspace = template() + vpc() + subnet('A', { cidr: '10.0.1.0/24', az: 'us-east-1a' })
  + securityGroup('Sg', { ingress: ['{ IpProtocol: tcp, FromPort: 2049, ToPort: 2049, CidrIp: 10.0.0.0/16 }'], egress: ['{ IpProtocol: "-1", CidrIp: 0.0.0.0/0 }'] }) + `
  Fs: { Type: AWS::EFS::FileSystem }
  Mount: { Type: AWS::EFS::MountTarget, Properties: { FileSystemId: !Ref Fs, SubnetId: !Ref A, SecurityGroups: [!Ref Sg] } }
  AccessPoint: { Type: AWS::EFS::AccessPoint, Properties: { FileSystemId: !Ref Fs } }
  Fn:
    Type: AWS::Lambda::Function
    DependsOn: Mount
    Properties:
      Role: arn:aws:iam::123456789012:role/fn
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => 1" }
      FileSystemConfigs:
        - Arn: !Sub 'arn:aws:elasticfilesystem:\${AWS::Region}:\${AWS::AccountId}:access-point/\${AccessPoint}'
          LocalMountPath: /mnt/test
      VpcConfig: { SubnetIds: [!Ref A], SecurityGroupIds: [!Ref Sg] }
`;

describe('wild: an access point ARN built with !Sub', () => {
  const run = analyseWorkspace({ '/w/template.yaml': workspace }, 'us-east-1');

  it('makes the file system a need that is reachable', () => {
    assert.equal(reachOf(run.result, 'Fn', 'Fs')?.status, 'yes');
  });

  it('does not call the VPC attachment unneeded', () => {
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });
});
