// Regressions found by comparing our template errors with cfn-lint on real and adversarial templates: each
// case is a template CloudFormation/SAM accepts on which we reported a false error (or the reverse).

import * as assert from 'node:assert/strict';
import { readFixture } from './cfnFixture';

/** Error-level problems as `code 'source text': message`. */
function errors(fixture: string): string[] {
  const out = readFixture(fixture);
  return out.problems.filter((p) => p.severity === 'error').map((p) => {
    const text = out.files.get(p.file) ?? '';
    return `${p.code} '${text.slice(p.span.start, p.span.end)}': ${p.message}`;
  });
}

describe('cfn-lint oracle regressions', () => {
  it('references to the resources SAM generates are valid (role, alias, event sources, permissions, API stages)', () => {
    assert.deepEqual(errors(`
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function: { Runtime: python3.12, Handler: app.handler, AutoPublishAlias: live }
        Api: { StageName: v1 }
      Resources:
        Hello:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: src/
            DeploymentPreference: { Type: AllAtOnce }
            FunctionUrlConfig: { AuthType: NONE }
            Events:
              Get: { Type: Api, Properties: { Path: /hello, Method: get } }
              Web: { Type: Api, Properties: { Path: /w, Method: get, RestApiId: !Ref Api } }
              Queue: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } }
              Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
              Topic: { Type: SNS, Properties: { Topic: !Ref T } }
        WithRole:
          Type: AWS::Serverless::Function
          Properties: { CodeUri: src/, Role: !GetAtt Hello.Arn }
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties: { DefinitionUri: sm.json }
        Api:
          Type: AWS::Serverless::Api
        Http:
          Type: AWS::Serverless::HttpApi
        Q: { Type: AWS::SQS::Queue }
        T: { Type: AWS::SNS::Topic }
      Outputs:
        RoleArn: { Value: !GetAtt HelloRole.Arn }
        RoleName: { Value: !Ref HelloRole }
        Alias: { Value: !Ref HelloAliaslive }
        Mapping: { Value: !Ref HelloQueue }
        Rule: { Value: !GetAtt HelloNightly.Arn }
        Subscription: { Value: !Ref HelloTopic }
        Permissions: { Value: !Sub '\${HelloGetPermissionProd} \${HelloNightlyPermission}' }
        Deploy: { Value: !Sub '\${HelloDeploymentGroup} \${ServerlessDeploymentApplication}' }
        Url: { Value: !GetAtt HelloUrl.FunctionUrl }
        MachineRole: { Value: !GetAtt MachineRole.Arn }
        ApiStage: { Value: !Ref Api.Stage }
        ApiDeployment: { Value: !Ref Api.Deployment }
        ApiStageById: { Value: !Ref Apiv1Stage }
        ImplicitStage: { Value: !Ref ServerlessRestApiProdStage }
        HttpStage: { Value: !Ref HttpApiGatewayDefaultStage }
        HttpStageProp: { Value: !Ref Http.Stage }
        NoRoleGenerated: { Value: !GetAtt WithRoleRole.Arn }
        ExplicitApiPermission: { Value: !Ref HelloWebPermissionv1 }
        WrongAlias: { Value: !Ref HelloAliasbeta }
        PermissionWithoutStage: { Value: !Ref HelloWebPermission }
    `), [
      "cfn-invalid-reference 'WithRoleRole.Arn': Fn::GetAtt of 'WithRoleRole', which is not a resource of this template",
      "cfn-invalid-reference 'HelloAliasbeta': Ref to 'HelloAliasbeta', which is neither a parameter nor a resource of this template",
      "cfn-invalid-reference 'HelloWebPermission': Ref to 'HelloWebPermission', which is neither a parameter nor a resource of this template",
    ]);
  });

  it('a generated alias names its function, as Fn.Alias does', () => {
    const out = readFixture(`
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Hello:
          Type: AWS::Serverless::Function
          Properties: { CodeUri: src/, Runtime: python3.12, Handler: a.b, AutoPublishAlias: live }
        Q: { Type: AWS::SQS::Queue }
        Mapping:
          Type: AWS::Lambda::EventSourceMapping
          Properties: { EventSourceArn: !GetAtt Q.Arn, FunctionName: !Ref HelloAliaslive }
    `);
    const at = out.files.get('/template.yaml')?.indexOf('HelloAliaslive') ?? -1;
    const hover = out.index.at('/template.yaml', at + 1);
    assert.deepEqual(out.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(hover?.value, { kind: 'ref', target: '/template.yaml::Hello', logicalId: 'Hello', resourceType: 'AWS::Serverless::Function', attribute: 'Alias' });
  });

  it('VpcConfig id lists chosen by Fn::If, split from text or taken from a list: only literal ids are checked', () => {
    assert.deepEqual(errors(`
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Env: { Type: String, Default: prod }
        Subnets: { Type: String, Default: 'subnet-0a,subnet-0b' }
      Conditions:
        IsProd: !Equals [!Ref Env, prod]
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: d, VpcId: !Ref Vpc } }
        Sn: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
        Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
        A:
          Type: AWS::Lambda::Function
          Properties:
            Role: !GetAtt Role.Arn
            Code: { ZipFile: x }
            VpcConfig:
              SubnetIds: !Split [',', !Ref Subnets]
              SecurityGroupIds: !If [IsProd, [!Ref Sg], [!GetAtt Sg.GroupId]]
        B:
          Type: AWS::Lambda::Function
          Properties:
            Role: !GetAtt Role.Arn
            Code: { ZipFile: x }
            VpcConfig:
              SubnetIds: [!Ref Sn, !If [IsProd, subnet-0c, !Ref AWS::NoValue]]
              SecurityGroupIds: !If [IsProd, [sg-0a], [Sg]]
        C:
          Type: AWS::Lambda::Function
          Properties:
            Role: !GetAtt Role.Arn
            Code: { ZipFile: x }
            VpcConfig:
              SubnetIds: { "Fn::If": [IsProd, [!Ref Sn], [Sn]] }
              SecurityGroupIds: [{ "Fn::If": [IsProd, !Ref Sg, Sg] }]
    `), [
      "cfn-invalid-id 'Sg': 'Sg' is not a security group ID (sg-…): Lambda rejects it; write !Ref Sg to use the resource of that name",
      "cfn-invalid-id 'Sn': 'Sn' is not a subnet ID (subnet-…): Lambda rejects it; write !Ref Sn to use the resource of that name",
      "cfn-invalid-id 'Sg': 'Sg' is not a security group ID (sg-…): Lambda rejects it; write !Ref Sg to use the resource of that name",
    ]);
  });
});
