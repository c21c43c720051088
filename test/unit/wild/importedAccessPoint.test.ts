// A function that mounts an access point another stack exports (awsdocs/aws-lambda-developer-guide,
// sample-apps/efs-nodejs: template.yml imports `${vpcStackName}-accesspoint`, which template-vpcefs.yml exports as
// `!GetAtt accessPoint.Arn`): the access point stands for its file system (P13), so the function needs that file
// system, reached through the mount target in its subnet, even though the access point is in the other template.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, reachOf } from '../support/analyseWorkspace';

const network = `AWSTemplateFormatVersion: 2010-09-09
Resources:
  fileSystem:
    Type: AWS::EFS::FileSystem
  mountTargetA:
    Type: AWS::EFS::MountTarget
    Properties:
      FileSystemId: !Ref fileSystem
      SubnetId: !Ref privateSubnetA
      SecurityGroups:
        - !GetAtt privateVPC.DefaultSecurityGroup
  accessPoint:
    Type: AWS::EFS::AccessPoint
    Properties:
      FileSystemId: !Ref fileSystem
  privateVPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 172.31.0.0/16
  privateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref privateVPC
      AvailabilityZone: us-east-1a
      CidrBlock: 172.31.3.0/24
Outputs:
  privateVPCSecurityGroup:
    Value: !GetAtt privateVPC.DefaultSecurityGroup
    Export:
      Name: !Join ["-", [!Ref "AWS::StackName", "vpc-sg"]]
  privateSubnetAID:
    Value: !Ref privateSubnetA
    Export:
      Name: !Join ["-", [!Ref "AWS::StackName", "subnet-a"]]
  accessPointArn:
    Value: !GetAtt accessPoint.Arn
    Export:
      Name: !Join ["-", [!Ref "AWS::StackName", "accesspoint"]]
`;

const app = `AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::Serverless-2016-10-31
Parameters:
  vpcStackName:
    Default: efs-nodejs-vpc
    Type: String
Resources:
  function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: function/.
      Runtime: nodejs18.x
      Handler: index.handler
      FileSystemConfigs:
        - LocalMountPath: /mnt/efs0
          Arn:
            Fn::ImportValue: !Sub "\${vpcStackName}-accesspoint"
      VpcConfig:
        SecurityGroupIds:
          - Fn::ImportValue: !Sub "\${vpcStackName}-vpc-sg"
        SubnetIds:
          - Fn::ImportValue: !Sub "\${vpcStackName}-subnet-a"
      Policies:
        - AWSLambdaVPCAccessExecutionRole
        - AmazonElasticFileSystemClientReadWriteAccess
`;

describe('wild: an access point imported from another stack', () => {
  const run = analyseWorkspace({ '/w/template-vpcefs.yml': network, '/w/template.yml': app }, 'us-east-1');

  it('makes its file system a need, reachable through the mount target (P13)', () => {
    const fs = reachOf(run.result, 'function', 'fileSystem');
    assert.equal(fs?.status, 'yes');
    assert.equal(fs?.needed, true);
  });

  it('keeps the VPC attachment needed', () => {
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });
});
