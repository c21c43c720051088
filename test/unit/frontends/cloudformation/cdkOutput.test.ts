// CDK output end to end (workspace units → front end → model → engine → hover and reports): a NestedStack
// found through `aws:asset:path` (parameters down, outputs back, one unit with its parent and the manifest),
// the Region of the CDK environment, and the construct path (`aws:cdk:path`) in the hover, the JSON report
// and the CLI text.

import * as assert from 'node:assert/strict';
import { renderText } from '../../../../server/src/cli/textReport';
import { objectHover } from '../../../../server/src/ide/hover';
import { ObjectIndex } from '../../../../server/src/ide/objectIndex';
import { buildJsonReport } from '../../../../server/src/ide/report';
import { isUnknown } from '../../../../server/src/model/origin';
import { AnalysisSession } from '../../../../server/src/workspace/analysisSession';

const MANIFEST = `{ "version": "36.0.0", "artifacts": {
  "App": { "type": "aws:cloudformation:stack", "environment": "aws://123456789012/eu-west-1", "properties": { "templateFile": "App.template.json" } } } }`;

const PARENT = `{
 "Resources": {
  "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" }, "Metadata": { "aws:cdk:path": "App/Vpc/Resource" } },
  "FnSg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "x", "VpcId": { "Ref": "Vpc" } }, "Metadata": { "aws:cdk:path": "App/Handler/SecurityGroup/Resource" } },
  "Handler": { "Type": "AWS::Lambda::Function",
    "Properties": { "Role": "arn:aws:iam::1:role/x", "Environment": { "Variables": { "REGION": { "Ref": "AWS::Region" } } },
      "VpcConfig": { "SubnetIds": [{ "Fn::GetAtt": ["NestedStackNestedStackResource", "Outputs.AppNestedS2Ref"] }], "SecurityGroupIds": [{ "Fn::GetAtt": ["FnSg", "GroupId"] }] } },
    "Metadata": { "aws:cdk:path": "App/Handler/Resource" } },
  "NestedStackNestedStackResource": { "Type": "AWS::CloudFormation::Stack",
    "Properties": { "TemplateURL": { "Fn::Join": ["", ["https://s3.eu-west-1.", { "Ref": "AWS::URLSuffix" }, "/cdk-hnb659fds-assets-123456789012-eu-west-1/abc123.json"]] },
      "Parameters": { "VpcId": { "Ref": "Vpc" } } },
    "Metadata": { "aws:cdk:path": "App/Nested.NestedStack/Nested.NestedStackResource", "aws:asset:path": "AppNestedABCD.nested.template.json", "aws:asset:property": "TemplateURL" } }
 }
}`;

const NESTED = `{
 "Parameters": { "VpcId": { "Type": "String" } },
 "Resources": {
  "S2": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "VpcId" }, "CidrBlock": "10.0.9.0/24", "AvailabilityZone": { "Fn::Select": [0, { "Fn::GetAZs": "" }] } },
    "Metadata": { "aws:cdk:path": "App/Nested/S2/Resource" } }
 },
 "Outputs": { "AppNestedS2Ref": { "Value": { "Ref": "S2" } } }
}`;

function analyse() {
  const session = new AnalysisSession({});
  session.setFile('/w/cdk.out/manifest.json', MANIFEST);
  session.setFile('/w/cdk.out/App.template.json', PARENT);
  session.setFile('/w/cdk.out/AppNestedABCD.nested.template.json', NESTED);
  return session.analyze();
}

describe('cloudformation CDK output', () => {
  const a = analyse();

  it('links the NestedStack through aws:asset:path: parameters down, outputs back, no unread template', () => {
    assert.deepEqual(a.problems.filter((p) => p.code.startsWith('cfn-')).map((p) => `${p.code}: ${p.message}`), []);
    const subnet = a.model.all('subnet').find((s) => s.address === 'NestedStackNestedStackResource/S2');
    assert.ok(subnet, 'the nested subnet is read as part of its parent stack');
    assert.equal(subnet.vpc, '/w/cdk.out/App.template.json::Vpc');
    const fn = a.result.functions[0];
    assert.deepEqual(fn?.subnets, [subnet.id]);
  });

  it('takes the Region from the CDK environment, and the hover says so', () => {
    assert.equal(a.model.region, 'eu-west-1');
    const subnet = a.model.all('subnet')[0];
    assert.ok(subnet !== undefined && isUnknown(subnet.availabilityZone));
    assert.equal(subnet.availabilityZone.symbol, 'azs:eu-west-1[0]');
    const text = PARENT;
    const file = '/w/cdk.out/App.template.json';
    const h = a.indexFor(file)?.hover(file, text.indexOf('AWS::Region') + 2);
    // The value, and where it comes from beside it (rendered after the code span in the hover).
    assert.equal(h?.value, '"eu-west-1"');
    assert.equal(h?.note, 'from the CDK environment in cdk.out/manifest.json');
  });

  it('shows the construct path in the hover, the JSON report and the CLI text', () => {
    const fn = a.model.all('lambda-function')[0];
    assert.ok(fn !== undefined);
    const hover = objectHover({ model: a.model, result: a.result, objects: new ObjectIndex(a.model) }, fn) ?? '';
    assert.deepEqual(hover.split('\n').slice(0, 3), ['**λ Handler**', '', 'CDK: `App/Handler/Resource`']);
    const report = buildJsonReport(a, [], [], '/w');
    assert.equal(report.functions[0]?.cdkPath, 'App/Handler/Resource');
    const line = renderText(report, { colour: false }).split('\n').find((l) => l.includes('Handler ['));
    assert.equal(line, '  Handler [CDK App/Handler/Resource] (cdk.out/App.template.json:5; VPC Vpc, 1 subnet)');
  });
});
