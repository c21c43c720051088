// Subnets and a group named by dynamic references the template joins around a stack-name parameter
// (aws-solutions-library-samples/guidance-for-designing-resilient-applications-with-amazon-aurora-and-amazon-rds-proxy,
// cfn/nested-templates/core-app.yml: `!Join ['', ['{{resolve:ssm:/', !Ref MainStackName, '/PrivateSubnetZoneAId}}']]`).
// The joined text is one dynamic reference per subnet: zone A and zone B are two subnets (two ENIs, H1) named by
// their reference, not one "unknown subnet" explained by the fragment '{{resolve:ssm:/'. The same holds for the
// `!Sub '{{resolve:ssm:/${MainStackName}/…}}'` spelling.

import * as assert from 'node:assert/strict';
import { analyseWorkspace, reachOf } from '../support/analyseWorkspace';

const ssm = (name: string): string => `!Join ['', ['{{resolve:ssm:/', !Ref MainStackName, '/${name}}}']]`;

const template = `Parameters:
  MainStackName:
    Type: String
Resources:
  CoreAppHandler:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: "def handler(e, c): pass" }
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Runtime: python3.9
      VpcConfig:
        SecurityGroupIds:
          - ${ssm('LambdaSecurityGroupId')}
        SubnetIds:
          - ${ssm('PrivateSubnetZoneAId')}
          - ${ssm('PrivateSubnetZoneBId')}
`;

const subTemplate = template.replace(/!Join \['', \['\{\{resolve:ssm:\/', !Ref MainStackName, '\/(\w+)\}\}'\]\]/g, "!Sub '{{resolve:ssm:/${MainStackName}/$1}}'");

describe('wild: dynamic references joined around a parameter', () => {
  const run = analyseWorkspace({ '/w/core-app.yml': template }, 'us-east-1');

  it('gives each subnet its own Hyperplane ENI, named by its reference (H1)', () => {
    assert.deepEqual(run.result.enis.map((e) => e.subnet), ['{{resolve:ssm:/…/PrivateSubnetZoneAId}}', '{{resolve:ssm:/…/PrivateSubnetZoneBId}}']);
  });

  it('explains the unknown with the whole reference, not a fragment of it', () => {
    const why = reachOf(run.result, 'CoreAppHandler', 'internet')?.explanation ?? '';
    assert.match(why, /'\{\{resolve:ssm:\/…\/PrivateSubnetZoneAId\}\}' is a dynamic reference, resolved at deploy time/);
    assert.doesNotMatch(why, /'\{\{resolve:ssm:\/' is/);
  });

  it('reads the same references written with Fn::Sub', () => {
    assert.match(subTemplate, /!Sub '\{\{resolve:ssm:\/\$\{MainStackName\}\/PrivateSubnetZoneBId\}\}'/);
    const sub = analyseWorkspace({ '/w/core-app.yml': subTemplate }, 'us-east-1');
    assert.deepEqual(sub.result.enis.map((e) => e.subnet), ['{{resolve:ssm:/…/PrivateSubnetZoneAId}}', '{{resolve:ssm:/…/PrivateSubnetZoneBId}}']);
  });
});
