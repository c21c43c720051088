// What a function asks of S3 also comes from bucket policies that name its role (same account: an identity
// policy or a resource policy is enough). Endpoint policies (E7) are checked against those requests, so a
// function whose only S3 grant is a bucket policy is decided instead of "some action on the bucket".

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';
import { association, provider, routeTable, securityGroup, subnet, vpc, vpcFunction } from '../support/terraformPieces';
import * as Cfn from '../support/cloudFormationPieces';

/** A VPC function reading BUCKET from its environment; S3 only through a gateway endpoint allowing PutObject. */
function terraform(bucketPolicy: string): string {
  return `//- /w/main.tf
${provider('us-east-1')}${vpc()}${subnet('a', { cidr: '10.0.1.0/24', az: 'us-east-1a' })}${routeTable('private')}${association('a', 'private')}${securityGroup('fn', 'https')}
resource "aws_s3_bucket" "uploads" { bucket = "uploads" }
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.private.id]
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = ["s3:PutObject"], Resource = ["\${aws_s3_bucket.uploads.arn}/*"] }] })
}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "other" {
  name               = "other"
  assume_role_policy = "{}"
}
${vpcFunction('fn', { subnets: ['a'], env: 'BUCKET = aws_s3_bucket.uploads.bucket', attributes: ['role          = aws_iam_role.fn.arn'] })}
${bucketPolicy}`;
}

const bucketPolicy = (principal: string, action = 's3:PutObject'): string => `resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = ${principal} }, Action = ["${action}"], Resource = ["\${aws_s3_bucket.uploads.arn}/*"] }] })
}`;

const s3 = (files: string): string => {
  const r = reachOf(analyseWorkspace(files).result, 'aws_lambda_function.fn', 's3') ?? reachOf(analyseWorkspace(files).result, 'Fn', 's3');
  return `${r?.status} via ${r?.via}`;
};

describe('S3 requests from bucket policies that name the function\'s role', () => {
  it('without a grant the request is "some action on the bucket\'s objects": the PutObject-only endpoint leaves it open', () => {
    assert.equal(s3(terraform('')), 'unknown via gateway-endpoint');
  });

  it('a bucket policy granting the role s3:PutObject makes it the request, which the endpoint allows', () => {
    assert.equal(s3(terraform(bucketPolicy('aws_iam_role.fn.arn'))), 'yes via gateway-endpoint');
  });

  it('a grant the endpoint does not allow is refused', () => {
    assert.equal(s3(terraform(bucketPolicy('aws_iam_role.fn.arn', 's3:DeleteObject'))), 'no via gateway-endpoint');
  });

  it('a bucket policy for another role, or for everyone, says nothing about this function', () => {
    assert.equal(s3(terraform(bucketPolicy('aws_iam_role.other.arn'))), 'unknown via gateway-endpoint');
    assert.equal(s3(terraform(bucketPolicy('"*"'))), 'unknown via gateway-endpoint');
  });

  it('AWS::S3::BucketPolicy in CloudFormation', () => {
    const template = `//- /w/template.yaml
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a }
  Private:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref SubnetA, RouteTableId: !Ref Private }
${Cfn.securityGroup('FnSg', { egress: [Cfn.tcp(443, 'CidrIp: 0.0.0.0/0')] })}\
  Uploads:
    Type: AWS::S3::Bucket
    Properties: { BucketName: uploads }
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.s3
      RouteTableIds: [!Ref Private]
      PolicyDocument:
        Statement: [{ Effect: Allow, Principal: '*', Action: ['s3:PutObject'], Resource: [!Sub '\${Uploads.Arn}/*'] }]
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]
  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Statement: [{ Effect: Allow, Principal: { AWS: !GetAtt FnRole.Arn }, Action: ['s3:PutObject'], Resource: [!Sub '\${Uploads.Arn}/*'] }]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
      Environment: { Variables: { BUCKET: !Ref Uploads } }
      VpcConfig: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref FnSg] }
`;
    assert.equal(s3(template), 'yes via gateway-endpoint');
    assert.equal(s3(template.replace('Principal: { AWS: !GetAtt FnRole.Arn }', 'Principal: \'*\'')), 'unknown via gateway-endpoint');
  });
});
