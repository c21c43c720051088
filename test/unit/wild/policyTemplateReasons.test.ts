// SAM functions whose only grant on DynamoDB is a policy template (srikanthmanda/aws-lambda-dynamodb-demo,
// sam-config/template-lambdas.yml: `DynamoDBCrudPolicy: { TableName: cloudFormationDocsIndex }`, Globals VpcConfig
// imported from a VPC stack without a DynamoDB endpoint): the explanation gives the template's ten actions as one
// clause, not ten "the function policy allows …" clauses, and still blocks at the route table (E6, E7).

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { explainMarkdown, findFunctionReport } from '../../../server/src/ide/explain';

const lambdas = `AWSTemplateFormatVersion: 2010-09-09
Transform:
  - AWS::Serverless-2016-10-31
Parameters:
  vpcStackName:
    Type: String
    Default: lambdas-vpc
Globals:
  Function:
    Runtime: nodejs12.x
    CodeUri: ../sam-build/dynamodb-lambdas.zip
    VpcConfig:
      SecurityGroupIds:
        - Fn::ImportValue: !Sub "\${vpcStackName}-vpc-default-sg-id"
      SubnetIds:
        - Fn::ImportValue: !Sub "\${vpcStackName}-private-subnet-id"
Resources:
  dynamoDbWriter:
    Type: "AWS::Serverless::Function"
    Properties:
      Handler: src/dynamodb-writer.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - DynamoDBCrudPolicy:
            TableName: cloudFormationDocsIndex
`;

const network = `AWSTemplateFormatVersion: 2010-09-09
Resources:
  demoVpc:
    Type: "AWS::EC2::VPC"
    Properties:
      CidrBlock: 10.0.0.0/16
  privateSubnet:
    Type: "AWS::EC2::Subnet"
    Properties:
      AvailabilityZone: us-east-1a
      CidrBlock: 10.0.1.0/24
      VpcId: !Ref demoVpc
  privateRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref demoVpc
  association:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref privateSubnet
      RouteTableId: !Ref privateRouteTable
Outputs:
  privateSubnetId:
    Value: !Ref privateSubnet
    Export:
      Name: !Sub "\${AWS::StackName}-private-subnet-id"
  demoVpcDefaultSecurityGroupId:
    Value: !GetAtt demoVpc.DefaultSecurityGroup
    Export:
      Name: !Sub "\${AWS::StackName}-vpc-default-sg-id"
`;

describe('wild: a DynamoDB policy template as the only grant', () => {
  const run = analyseWorkspace({ '/w/template-lambdas.yml': lambdas, '/w/template-vpc.yml': network }, 'us-east-1');
  const report = findFunctionReport(run.result, run.model, 'dynamoDbWriter');

  it('blocks DynamoDB at the route table without an endpoint (E6)', () => {
    assert.equal(report?.reach.find((r) => r.destination === 'dynamodb')?.status, 'no');
  });

  it('names the policy once with its actions in the explanation', () => {
    assert.ok(report !== undefined);
    const text = explainMarkdown(run.result, run.model, report, 'dynamodb');
    assert.match(text, /Needed because the function policy allows dynamodb:GetItem, dynamodb:Scan, dynamodb:Query, dynamodb:BatchGetItem and 6 more\./);
  });
});
