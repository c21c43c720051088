// A SAM function connecting to an Aurora DSQL cluster of its template (aws-samples/serverless-patterns,
// apigw-lambda-dsql/template.yaml: dsql:DbConnectAdmin on `!Sub arn:…:cluster/${DSQL}`, an AWS::DSQL::Cluster):
// the cluster is reached at its Regional endpoint, the dsql destination (E1). The grant is no second destination
// "outside the workspace" with unknown subnets and groups, and never names the cluster by its internal id.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, summary } from '../support/analyseWorkspace';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src
      Runtime: python3.13
      Handler: app.lambda_handler
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dsql:DbConnectAdmin
              Resource:
                - !Sub arn:\${AWS::Partition}:dsql:\${AWS::Region}:\${AWS::AccountId}:cluster/\${DSQL}
      Environment:
        Variables:
          cluster_endpoint: !Sub \${DSQL}.dsql.\${AWS::Region}.on.aws
  DSQL:
    Type: AWS::DSQL::Cluster
    Properties:
      DeletionProtectionEnabled: false
`;

describe('wild: a DSQL connect grant on a cluster of the template', () => {
  const run = analyseWorkspace({ '/w/template.yaml': template }, 'us-east-1');

  it('is the dsql destination only', () => {
    assert.equal(summary(run.result, 'UsersFunction'), 'internet yes, s3 yes, dynamodb yes, dsql yes');
    assert.deepEqual(findingsOf(run, 'LAMBDA_REACH_UNKNOWN'), []);
  });
});
