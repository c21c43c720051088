// A SAM function whose subnets are literal ids from a parameter default and whose group is a parameter without
// one (aws-samples/amazon-elasticache-samples, valkey-semantic-cache-demo/infrastructure/cloudformation/
// cache-management.yaml): the ids are known values of subnets defined elsewhere, so the report says "3 subnets" and
// counts their 3 Hyperplane ENIs (H1), not "subnets unknown" beside "3 known ENIs and an unknown number".

import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../server/src/workspace/analysisSession';
import { buildJsonReport } from '../../../server/src/ide/report';
import { renderText } from '../../../server/src/cli/textReport';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  VpcSubnetIds:
    Type: CommaDelimitedList
    Default: "subnet-0e80dd54d46959a91,subnet-0257db422851c0d6b,subnet-0da73b5aadcb5e744"
  VpcSecurityGroupId:
    Type: String
Resources:
  CacheManagementFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../../lambda/cache_management/
      Handler: handler.handler
      Runtime: python3.12
      VpcConfig:
        SubnetIds: !Ref VpcSubnetIds
        SecurityGroupIds:
          - !Ref VpcSecurityGroupId
`;

function report(): ReturnType<typeof buildJsonReport> {
  const session = new AnalysisSession({});
  session.setFile('/w/template.yaml', template);
  return buildJsonReport(session.analyze(), [], [], '/w');
}

describe('wild: literal subnet ids from a parameter default', () => {
  it('does not count literal ids as unknown subnets in the JSON report', () => {
    const fn = report().functions.find((f) => f.id === 'CacheManagementFunction');
    assert.deepEqual([fn?.subnets.length, fn?.unknownSubnets, fn?.unknownSecurityGroups], [3, undefined, 1]);
  });

  it('says "3 subnets" and counts their ENIs in the text report', () => {
    const text = renderText(report(), { colour: false });
    assert.match(text, /^ {2}CacheManagementFunction \(template\.yaml:\d+; VPC \(unknown\), 3 subnets\)$/m);
    assert.match(text, /^1 function, 3 Hyperplane ENIs \(fewer if the function with unknown security groups shares ENIs with another\): /m);
  });
});
