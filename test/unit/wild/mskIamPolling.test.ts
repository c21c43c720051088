// A SAM function consuming an MSK topic with IAM authentication (aws-samples/serverless-patterns,
// msk-lambda-iam-python-sam/template.yaml: an `MSK` event and kafka-cluster:Connect, DescribeGroup, AlterGroup,
// DescribeTopic, ReadData, DescribeClusterDynamicConfiguration on the cluster): those grants are the event source
// mapping's sign-in to the cluster (C8; Lambda guide, MSK event source permissions), made by the Lambda service from
// the cluster's own network, not a connection of the function's code.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, findingsOf, summary } from '../support/analyseWorkspace';

const template = (actions: readonly string[]): string => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  MSKClusterName:
    Type: String
  MSKClusterId:
    Type: String
Resources:
  LambdaMSKConsumerPythonFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: HandlerKafka/
      Handler: app.lambda_handler
      Runtime: python3.9
      Events:
        MSKEvent:
          Type: MSK
          Properties:
            StartingPosition: LATEST
            Stream: !Join [ '', ["arn:", "aws:", "kafka:", !Ref "AWS::Region" , ":" ,!Ref "AWS::AccountId", ":", "cluster/", !Ref MSKClusterName, "/" , !Ref MSKClusterId] ]
            Topics: [orders]
      Policies:
      - Statement:
        - Effect: Allow
          Action: [${actions.join(', ')}]
          Resource:
          - !Join ['', ["arn:", "aws:", "kafka:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId", ":", "cluster/", !Ref MSKClusterName, "/" , !Ref MSKClusterId]]
          - !Join ['', ["arn:", "aws:", "kafka:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId", ":", "topic/", !Ref MSKClusterName, "/" , !Ref MSKClusterId, "/*"]]
`;

const signIn = ['kafka-cluster:Connect', 'kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup', 'kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData', 'kafka-cluster:DescribeClusterDynamicConfiguration'];

describe('wild: MSK IAM sign-in grants of a Kafka event source', () => {
  it('are the mapping\'s, not a destination of the function (C8)', () => {
    const run = analyseWorkspace({ '/w/template.yaml': template(signIn) }, 'us-east-1');
    assert.equal(summary(run.result, 'LambdaMSKConsumerPythonFunction'), 'internet yes, s3 yes, dynamodb yes');
    assert.deepEqual(findingsOf(run, 'LAMBDA_REACH_UNKNOWN'), []);
  });

  it('a write grant beside them still names the cluster, with that action only', () => {
    const run = analyseWorkspace({ '/w/template.yaml': template([...signIn, 'kafka-cluster:WriteDataIdempotently']) }, 'us-east-1');
    const note = findingsOf(run, 'LAMBDA_REACH_UNKNOWN')[0]?.text ?? '';
    assert.match(note, /which it needs: kafka-cluster:WriteDataIdempotently is granted on an ARN known only at deploy time/);
  });
});
