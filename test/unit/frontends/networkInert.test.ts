// Which unmodelled resource types never decide a Lambda path (their "not modelled" note is a hint), and which
// stay a note the user sees.

import * as assert from 'node:assert/strict';
import { isNetworkInert } from '../../../server/src/frontends/networkInert';
import { analyseWorkspace } from '../support/analyseWorkspace';

describe('network-inert resource types', () => {
  it('alarms, log groups, API definitions, layers and bucket settings never decide a path', () => {
    for (const t of ['AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup', 'AWS::Serverless::LayerVersion', 'AWS::ApiGatewayV2::Route', 'aws_lambda_alias', 'aws_s3_bucket_versioning', 'aws_cloudwatch_log_group']) {
      assert.equal(isNetworkInert(t), true, t);
    }
  });

  it('a bucket policy, a listener, a VPN gateway or a custom resource may', () => {
    for (const t of ['AWS::S3::BucketPolicy', 'aws_s3_bucket_policy', 'aws_lb_listener', 'AWS::EC2::VPNGateway', 'Custom::Setup', 'AWS::CloudFormation::StackSet']) {
      assert.equal(isNetworkInert(t), false, t);
    }
  });

  it('a CloudFormation template with only alarms left unmodelled gets a hint', () => {
    const run = analyseWorkspace({ '/t/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Alarm: { Type: AWS::CloudWatch::Alarm }\n  Logs: { Type: AWS::Logs::LogGroup }\n" });
    assert.deepEqual(run.problems.filter((p) => p.code === 'cfn-unsupported-types').map((p) => p.severity), ['hint']);
  });
});
