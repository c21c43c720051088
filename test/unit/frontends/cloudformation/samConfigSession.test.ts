// samconfig.toml through the whole pipeline (AnalysisSession): parameter_overrides give a SAM template's
// parameters their deployed values (subnets known, Conditions follow them), deploy wins over global, the
// region is the Region hint, an edit of the configuration re-analyses the template, and its problems show on it.

import * as assert from 'node:assert/strict';
import { isUnknown, type Problem } from '../../../../server/src/model/origin';
import { AnalysisSession, type WorkspaceAnalysis } from '../../../../server/src/workspace/analysisSession';

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Vpc: { Type: AWS::EC2::VPC::Id }
  Subnets: { Type: List<AWS::EC2::Subnet::Id> }
  LambdaSecurityGroupId: { Type: String, Default: '' }
  CreateFunctionSecurityGroup: { Type: String, Default: 'True', AllowedValues: ['True', 'False'] }
Conditions:
  CreateSg: !Equals [!Ref CreateFunctionSecurityGroup, 'True']
Resources:
  LambdaSg:
    Type: AWS::EC2::SecurityGroup
    Condition: CreateSg
    Properties:
      GroupDescription: function
      VpcId: !Ref Vpc
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      VpcConfig:
        SubnetIds: !Ref Subnets
        SecurityGroupIds: [!If [CreateSg, !Ref LambdaSg, !Ref LambdaSecurityGroupId]]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::Region}-queue'
`;

const CONFIG = `version = 0.1
[default.deploy.parameters]
stack_name = "app"
region = "af-south-1"
parameter_overrides = "Vpc=\\"vpc-0a1b2c3d\\" Subnets=\\"subnet-0a1b2c3d,subnet-0e1f2a3b\\" CreateFunctionSecurityGroup=\\"False\\" LambdaSecurityGroupId=\\"sg-0d1e2f3a\\""
`;

function session(files: Record<string, string>): AnalysisSession {
  const s = new AnalysisSession();
  for (const [path, text] of Object.entries(files)) s.setFile(path, text);
  return s;
}

interface Summary {
  readonly subnets: string[];
  readonly securityGroups: string[];
  readonly lambdaSg: boolean;
  readonly region: string;
  readonly queueName: unknown;
}

function summary(a: WorkspaceAnalysis): Summary {
  const fn = a.result.functions.find((f) => f.function.endsWith('::Fn') && !f.function.startsWith('/other/'));
  const show = (v: unknown): string => (isUnknown(v) ? `?${v.reason}` : String(v));
  const queue = a.model.all('service-resource').find((o) => o.address === 'Queue' && !o.id.startsWith('/other/'));
  return {
    subnets: (fn?.subnets ?? []).map(show),
    securityGroups: (fn?.securityGroups ?? []).map(show),
    lambdaSg: a.model.all('security-group').some((g) => g.id === '/app/template.yaml::LambdaSg' || g.id === '/repo/infra/template.yaml::LambdaSg'),
    region: show(a.model.region),
    queueName: queue?.resourceName,
  };
}

function codes(problems: readonly Problem[], file?: string): string[] {
  return problems.filter((p) => file === undefined || p.file === file).map((p) => `${p.code}: ${p.message}`);
}

describe('samconfig through the analysis session', () => {
  it('without samconfig.toml: parameters without Default are unknown and the message says where to set them', () => {
    const a = session({ '/app/template.yaml': TEMPLATE }).analyze();
    const s = summary(a);
    assert.deepEqual(s.subnets, []);
    assert.equal(s.lambdaSg, true);
    const unset = codes(a.problems).filter((c) => c.startsWith('cfn-unknown-parameter'));
    for (const name of ['Subnets', 'Vpc']) {
      assert.ok(unset.includes(`cfn-unknown-parameter: Parameter ${name} has no Default: what depends on it is unknown (give it a Default, or set it in samconfig.toml parameter_overrides, to analyse one deployment)`), unset.join('\n'));
    }
  });

  it('parameter_overrides make the subnets known, the Condition follows them, and region is the Region', () => {
    const a = session({ '/app/template.yaml': TEMPLATE, '/app/samconfig.toml': CONFIG }).analyze();
    const s = summary(a);
    // The ids are the deployed ones (the VPC itself is not in this workspace, so each stays an outside subnet).
    assert.deepEqual(s.subnets, ["?subnet 'subnet-0a1b2c3d' is not defined in the workspace", "?subnet 'subnet-0e1f2a3b' is not defined in the workspace"]);
    assert.deepEqual(a.result.enis.map((e) => `${e.subnet} ${e.securityGroups.join(',')}`).sort(), ['subnet-0a1b2c3d sg-0d1e2f3a', 'subnet-0e1f2a3b sg-0d1e2f3a']);
    assert.equal(s.lambdaSg, false, 'CreateFunctionSecurityGroup=False: no LambdaSg is created');
    assert.equal(s.region, 'af-south-1');
    assert.equal(s.queueName, 'af-south-1-queue');
    assert.deepEqual(codes(a.problems).filter((c) => c.startsWith('cfn-unknown-parameter')), []);
    // The hover of AWS::Region says where the Region came from.
    const text = TEMPLATE;
    const hover = a.indexFor('/app/template.yaml')?.hover('/app/template.yaml', text.indexOf('AWS::Region') + 2);
    assert.deepEqual([hover?.value, hover?.note], ['"af-south-1"', 'from region in samconfig.toml [default.deploy.parameters]']);
  });

  it('takes deploy over global key by key, and the setting Region over the config', () => {
    const config = `[default.global.parameters]
region = "eu-west-1"
parameter_overrides = "CreateFunctionSecurityGroup=False"
[default.deploy.parameters]
parameter_overrides = ["Vpc=vpc-1", "Subnets=subnet-09abcdef"]
`;
    const s = summary(session({ '/app/template.yaml': TEMPLATE, '/app/samconfig.toml': config }).analyze());
    // deploy's parameter_overrides replaces global's as a whole (SAM CLI merges keys of tables, not inside values).
    assert.equal(s.lambdaSg, true);
    assert.deepEqual(s.subnets, ["?subnet 'subnet-09abcdef' is not defined in the workspace"]);
    assert.equal(s.region, 'eu-west-1');
    const withSetting = new AnalysisSession({ region: 'us-east-2' });
    withSetting.setFile('/app/template.yaml', TEMPLATE);
    withSetting.setFile('/app/samconfig.toml', config);
    assert.equal(summary(withSetting.analyze()).queueName, 'us-east-2-queue');
  });

  it('re-analyses the template when samconfig.toml changes, and reports its problems on it', () => {
    const s = session({ '/app/template.yaml': TEMPLATE, '/app/samconfig.toml': CONFIG, '/other/template.yaml': TEMPLATE });
    const first = s.analyze();
    assert.equal(summary(first).lambdaSg, false);
    s.setFile('/app/samconfig.toml', CONFIG.replace('CreateFunctionSecurityGroup=\\"False\\"', 'CreateFunctionSecurityGroup=\\"True\\"'));
    const second = s.analyze();
    assert.equal(second.timings.units, 1, 'only the unit of /app re-runs');
    assert.equal(summary(second).lambdaSg, true);
    s.setFile('/app/samconfig.toml', `${CONFIG}region = "eu-west-1"\nbroken = "\n`);
    const third = s.analyze();
    assert.deepEqual(codes(third.problems, '/app/samconfig.toml'), [
      "toml-syntax: key 'region' is defined twice in this table",
      'toml-syntax: the string is not closed on its line',
    ]);
    assert.equal(summary(third).region, 'af-south-1');
    s.setFile('/app/samconfig.toml', undefined);
    assert.deepEqual(summary(s.analyze()).subnets, []);
  });

  it('reads template_file relative to the configuration, samconfig.yaml when there is no .toml, and names the config in the message', () => {
    const a = session({
      '/repo/samconfig.yaml': 'version: 0.1\ndefault:\n  deploy:\n    parameters:\n      template_file: infra/template.yaml\n      parameter_overrides: Vpc=vpc-1\n',
      '/repo/infra/template.yaml': TEMPLATE,
    }).analyze();
    assert.equal(summary(a).lambdaSg, true);
    assert.ok(codes(a.problems).includes('cfn-unknown-parameter: Parameter Subnets has no Default and samconfig.yaml parameter_overrides sets no value for it: what depends on it is unknown (give it a Default, or a value in parameter_overrides, to analyse one deployment)'), codes(a.problems).join('\n'));
    assert.ok(!codes(a.problems).some((c) => c.includes('Parameter Vpc ')));
    // samconfig.toml wins over samconfig.yaml in the same folder.
    const both = session({ '/app/template.yaml': TEMPLATE, '/app/samconfig.toml': CONFIG, '/app/samconfig.yaml': 'default:\n  deploy:\n    parameters:\n      region: eu-west-3\n' }).analyze();
    assert.equal(summary(both).region, 'af-south-1');
  });

  it('reads another environment when the session asks for it (sam deploy --config-env)', () => {
    const config = `${CONFIG}[prod.deploy.parameters]\nregion = "eu-north-1"\nparameter_overrides = "Vpc=vpc-1 Subnets=subnet-09abcdef"\n`;
    const prod = new AnalysisSession({ samConfigEnv: 'prod' });
    prod.setFile('/app/template.yaml', TEMPLATE);
    prod.setFile('/app/samconfig.toml', config);
    const s = summary(prod.analyze());
    assert.deepEqual([s.region, s.lambdaSg, s.subnets], ['eu-north-1', true, ["?subnet 'subnet-09abcdef' is not defined in the workspace"]]);
  });

  it('a samconfig in a folder without a template still shows its syntax problems', () => {
    const a = session({ '/lonely/samconfig.toml': '[default.deploy.parameters\n' }).analyze();
    assert.deepEqual(codes(a.problems, '/lonely/samconfig.toml'), ["toml-syntax: expected ']' to close the table header"]);
  });
});
