// A SAM function that mounts an access point named by a parameter without a default, in subnets given as literal
// ids (aws-samples/aws-lambda-efs-samples, 3-largefiles/template.yaml: `FileSystemConfigs: [{ Arn: !Ref
// AccessPointARN, LocalMountPath: !Ref EFSpath }]`): the file system is a private resource the function connects
// to over NFS (P13) that the workspace does not define, so it is an unknown destination noted once (E1), not
// dropped, and the policy's elasticfilesystem:Client* grant on * is that same mount, not a second destination.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, summary } from '../support/analyseWorkspace';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  EFSpath:
    Type: String
    Default: /mnt/efs
  SecurityGroupIds:
    Type: CommaDelimitedList
    Default: sg-fa7133bc
  SubnetIDs:
    Type: CommaDelimitedList
    Default: subnet-80c98eae,subnet-04878f4e
  AccessPointARN:
    Type: String
Resources:
  ProcessFileFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: processFile/
      Handler: app.handler
      Runtime: nodejs12.x
      VpcConfig:
        SecurityGroupIds: !Ref SecurityGroupIds
        SubnetIds: !Ref SubnetIDs
      FileSystemConfigs:
      - Arn: !Ref AccessPointARN
        LocalMountPath: !Ref EFSpath
`;

const grant = `      Policies:
      - Statement:
        - Effect: Allow
          Action: [elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite]
          Resource: "*"
`;

describe('wild: a mounted access point named by a parameter without a default', () => {
  it('is an unknown destination named by its mount path', () => {
    const run = analyseWorkspace({ '/w/template.yaml': template }, 'us-east-1');
    assert.equal(summary(run.result, 'ProcessFileFunction'), 'internet unknown, s3 unknown, dynamodb unknown, fs:/mnt/efs unknown');
    const notes = findingsOf(run, 'LAMBDA_REACH_UNKNOWN');
    assert.equal(notes.length, 1);
    assert.match(notes[0]?.text ?? '', /reaches the file system mounted at \/mnt\/efs \(outside the workspace\), which it needs: the access point it mounts is unknown \(parameter AccessPointARN has no default\)/);
    assert.deepEqual(findingsOf(run, 'LAMBDA_VPC_UNNEEDED'), []);
  });

  it('does not add the EFS client grant on * as a second destination', () => {
    const run = analyseWorkspace({ '/w/template.yaml': template + grant }, 'us-east-1');
    assert.equal(summary(run.result, 'ProcessFileFunction'), 'internet unknown, s3 unknown, dynamodb unknown, fs:/mnt/efs unknown');
  });
});
