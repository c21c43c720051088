// A template nested by several resources is one stack instance per nesting, each with its parent's parameters:
// the first nesting keeps the ids `<file>::<LogicalId>`, further copies carry their nesting path in ids and
// addresses; copies are bounded (a diamond of nestings), the editor index and the CLI JSON see every copy.

import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { byAddress, readFixture, show } from './cfnFixture';
import { analyseWorkspace } from '../../support/analyseWorkspace';
import { loadWorkspace } from '../../../../server/src/cli/loadWorkspace';
import { buildJsonReport } from '../../../../server/src/ide/report';
import type { ModelObject } from '../../../../server/src/model/types';
import { cfnAdapter, referenceHoverMarkdown } from '../../../../server/src/ide/navigation';
import { functionLenses } from '../../../../server/src/ide/codeLens';

/** A function template whose subnet comes from a parameter, with its own security group. */
const FN = `
  AWSTemplateFormatVersion: '2010-09-09'
  Parameters:
    Subnet: { Type: String }
  Resources:
    Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: fn, VpcId: vpc-0123456789abcdef0 } }
    Fn:
      Type: AWS::Lambda::Function
      Properties:
        Role: arn:aws:iam::123456789012:role/fn
        VpcConfig: { SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref Sg] }
  Outputs:
    FnArn: { Value: !GetAtt Fn.Arn }
    Group: { Value: !Ref Sg }
`;

const functions = (objects: readonly ModelObject[]): string[] =>
  objects.filter((o) => o.kind === 'lambda-function').map((o) => `${o.address} ${o.id}`).sort();

const vpcOf = (o: ModelObject): { subnets: string; groups: string } => {
  assert.ok(o.kind === 'lambda-function' && o.vpcConfig !== null);
  return { subnets: show(o.vpcConfig.subnets), groups: show(o.vpcConfig.securityGroups) };
};

describe('cloudformation: a template nested several times', () => {
  it('two nesting resources: two functions, each in the subnet its parent passes; the first keeps its ids', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        SubnetA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
        SubnetB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
        A:
          Type: AWS::CloudFormation::Stack
          Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: !Ref SubnetA } }
        B:
          Type: AWS::CloudFormation::Stack
          Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: !Ref SubnetB } }
      Outputs:
        BGroup: { Value: !GetAtt B.Outputs.Group }
      //- /app/fn.yaml
      ${FN}
    `);
    assert.deepEqual(functions(out.objects), ['A/Fn /app/fn.yaml::Fn', 'B/Fn /app/fn.yaml::B/Fn']);
    assert.deepEqual(vpcOf(byAddress(out, 'A/Fn')), { subnets: '[SubnetA]', groups: '[Sg]' });
    assert.deepEqual(vpcOf(byAddress(out, 'B/Fn')), { subnets: '[SubnetB]', groups: '[B/Sg]' });
    const b = byAddress(out, 'B/Fn');
    assert.equal(b.stack, '/app/fn.yaml');
    assert.equal(b.origin.file, '/app/fn.yaml');
    assert.deepEqual(byAddress(out, 'B/Sg').id, '/app/fn.yaml::B/Sg');
    assert.deepEqual(out.stacks, ['/app/fn.yaml', '/app/main.yaml']);
    assert.deepEqual(out.problems.map((p) => p.code).filter((c) => c.startsWith('cfn-nested')), []);
  });

  it('a single nesting is unchanged: `<file>::<LogicalId>` ids, `Parent/LogicalId` addresses', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A:
          Type: AWS::CloudFormation::Stack
          Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } }
      //- /app/fn.yaml
      ${FN}
    `);
    assert.deepEqual(out.objects.map((o) => `${o.address} ${o.id}`).sort(), ['A/Fn /app/fn.yaml::Fn', 'A/Sg /app/fn.yaml::Sg']);
  });

  it('outputs are read from the copy the GetAtt names, through a chain of copies', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        X: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: mid.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } } }
        Y: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: mid.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } } }
        Caller:
          Type: AWS::Lambda::Function
          Properties:
            Role: r
            VpcConfig: { SubnetIds: [subnet-0cccccccccccccccc], SecurityGroupIds: [!GetAtt Y.Outputs.Group] }
      //- /app/mid.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Subnet: { Type: String }
      Resources:
        C: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: !Ref Subnet } } }
      Outputs:
        Group: { Value: !GetAtt C.Outputs.Group }
      //- /app/fn.yaml
      ${FN}
    `);
    assert.deepEqual(functions(out.objects), ['Caller /app/main.yaml::Caller', 'X/C/Fn /app/fn.yaml::Fn', 'Y/C/Fn /app/fn.yaml::Y/C/Fn']);
    assert.equal(vpcOf(byAddress(out, 'X/C/Fn')).subnets, '[?literal:subnet-0aaaaaaaaaaaaaaaa]');
    assert.equal(vpcOf(byAddress(out, 'Y/C/Fn')).subnets, '[?literal:subnet-0bbbbbbbbbbbbbbbb]');
    assert.equal(vpcOf(byAddress(out, 'Caller')).groups, '[Y/C/Sg]');
  });

  it('two roots nesting one template under the same name: the second root names its copy', () => {
    const root = (subnet: string): string => `
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: ../shared/fn.yaml, Parameters: { Subnet: ${subnet} } } }`;
    const out = readFixture(`
      //- /p/one/main.yaml
      ${root('subnet-0aaaaaaaaaaaaaaaa')}
      //- /p/two/main.yaml
      ${root('subnet-0bbbbbbbbbbbbbbbb')}
      //- /p/shared/fn.yaml
      ${FN}
    `);
    assert.deepEqual(functions(out.objects), ['A/Fn /p/shared/fn.yaml::Fn', 'main.yaml/A/Fn /p/shared/fn.yaml::/p/two/main.yaml/A/Fn']);
    assert.equal(vpcOf(byAddress(out, 'main.yaml/A/Fn')).subnets, '[?literal:subnet-0bbbbbbbbbbbbbbbb]');
  });

  it('ids do not depend on evaluation order: an import read first still leaves the first nesting its ids', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Early:
          Type: AWS::Lambda::Function
          Properties:
            Role: r
            VpcConfig: { SubnetIds: [!ImportValue shared-subnet], SecurityGroupIds: [sg-0123456789abcdef0] }
        A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } } }
        B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } } }
      //- /app/net.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
        Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24 } }
      Outputs:
        Sub: { Value: !Ref Subnet, Export: { Name: shared-subnet } }
      //- /app/fn.yaml
      ${FN}
    `);
    // The exports walk instantiates copies last-first; a nested template is never taken for a root of its own.
    assert.deepEqual(functions(out.objects), ['A/Fn /app/fn.yaml::Fn', 'B/Fn /app/fn.yaml::B/Fn', 'Early /app/main.yaml::Early']);
    assert.equal(vpcOf(byAddress(out, 'Early')).subnets, '[Subnet]');
  });

  it('copies do not share what they cannot know: an unset parameter or an undecidable condition is per copy', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml } }
        B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml } }
      //- /app/fn.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Subnet: { Type: String }
        Group: { Type: String }
      Conditions:
        Make: !Equals [!Ref Group, yes]
      Resources:
        Fn:
          Type: AWS::Lambda::Function
          Condition: Make
          Properties:
            Role: r
            VpcConfig: { SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref Group] }
    `);
    const a = byAddress(out, 'A/Fn');
    const b = byAddress(out, 'B/Fn');
    assert.notEqual(vpcOf(a).subnets, vpcOf(b).subnets);
    assert.equal(vpcOf(b).subnets, '[?param:/app/fn.yaml::B/:Subnet]');
    assert.ok(a.existence !== undefined && b.existence !== undefined && a.existence.symbol !== b.existence.symbol);
    // One problem per parameter, on the template: not one per copy.
    assert.equal(out.problems.filter((p) => p.code === 'cfn-unknown-parameter').length, 2);
  });

  it('a conditional copy is modelled only as its nesting resource is created', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Second: { Type: String, Default: 'no' }
      Conditions:
        WithSecond: !Equals [!Ref Second, 'yes']
      Resources:
        A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } } }
        B: { Type: AWS::CloudFormation::Stack, Condition: WithSecond, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } } }
      //- /app/fn.yaml
      ${FN}
    `);
    assert.deepEqual(functions(out.objects), ['A/Fn /app/fn.yaml::Fn']);
  });

  it('a diamond of nestings is bounded: past 32 copies of a template, a warning and no more copies', () => {
    // Each level nests the next twice: 2^6 = 64 nestings of the leaf.
    const levels = 6;
    const files: string[] = [];
    for (let i = 0; i < levels; i++) {
      files.push(`//- /d/l${i}.yaml`, `AWSTemplateFormatVersion: '2010-09-09'`, 'Resources:',
        `  P: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: l${i + 1}.yaml } }`,
        `  Q: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: l${i + 1}.yaml } }`);
    }
    files.push(`//- /d/l${levels}.yaml`, FN.replace('Subnet: { Type: String }', 'Subnet: { Type: String, Default: subnet-0aaaaaaaaaaaaaaaa }'));
    const started = performance.now();
    const out = readFixture(files.join('\n'));
    const ms = performance.now() - started;
    const fns = out.objects.filter((o) => o.kind === 'lambda-function');
    assert.equal(fns.length, 32);
    assert.equal(new Set(fns.map((o) => o.id)).size, 32);
    assert.equal(new Set(fns.map((o) => o.address)).size, 32);
    const capped = out.problems.filter((p) => p.code === 'cfn-nested-copies-capped');
    assert.ok(capped.length > 0 && capped.every((p) => p.file === `/d/l${levels - 1}.yaml` && p.severity === 'warning'));
    assert.match(capped[0]?.message ?? '', /nests l6\.yaml, already instantiated 32 times/);
    assert.ok(ms < 2000, `${ms} ms`);
  });

  it('a nesting cycle is still reported once and stops', () => {
    const out = readFixture(`
      //- /c/a.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        ToB: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml } }
        ToB2: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: b.yaml } }
      //- /c/b.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        ToA: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: a.yaml } }
        Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: s, VpcId: vpc-0123456789abcdef0 } }
    `);
    assert.deepEqual(out.objects.map((o) => `${o.address} ${o.id}`).sort(), ['ToB/Sg /c/b.yaml::Sg', 'ToB2/Sg /c/b.yaml::ToB2/Sg']);
    assert.equal(out.problems.filter((p) => p.code === 'cfn-nested-cycle').length, 1);
  });

  it('a hover in the shared file shows the first copy\'s value and what the other copies give', () => {
    const out = readFixture(`
      //- /app/main.yaml
      AWSTemplateFormatVersion: '2010-09-09'
      Resources:
        A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } } }
        B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } } }
      //- /app/fn.yaml
      ${FN}
    `);
    const text = out.files.get('/app/fn.yaml') ?? '';
    const subnet = text.indexOf('!Ref Subnet') + 6;
    const hover = out.index.at('/app/fn.yaml', subnet);
    assert.equal(hover?.value, 'subnet-0aaaaaaaaaaaaaaaa');
    assert.deepEqual(hover?.copies, { first: 'A', others: [{ stack: 'B', value: 'subnet-0bbbbbbbbbbbbbbbb' }] });
    const adapter = cfnAdapter(out.index);
    const shown = adapter.hover('/app/fn.yaml', subnet);
    assert.ok(shown !== undefined);
    assert.equal(referenceHoverMarkdown(shown), '`Subnet` = `"subnet-0aaaaaaaaaaaaaaaa"` (in A; in B: "subnet-0bbbbbbbbbbbbbbbb")');
    // Each copy's own security group is the same resource of the template: no copies listed.
    const sg = adapter.hover('/app/fn.yaml', text.indexOf('!Ref Sg') + 6);
    assert.ok(sg !== undefined && sg.description !== undefined && !sg.description.includes(' in B'));
    assert.equal(out.index.definition('/app/fn.yaml', 'Sg')?.kind, 'resource');
  });

  it('through the analysis: findings on the shared span name each copy, copies share no ENIs', () => {
    const run = analyseWorkspace({
      '/w/main.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } } }
  B: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } } }
`,
      '/w/fn.yaml': FN.replace(/^ {2}/gm, ''),
    });
    const reports = run.result.functions.map((f) => run.model.get(f.function)?.address).sort();
    assert.deepEqual(reports, ['A/Fn', 'B/Fn']);
    assert.ok(run.result.functions.every((f) => f.sharesEniWith.length === 0));
    const unneeded = run.result.findings.filter((f) => f.rule === 'LAMBDA_VPC_UNNEEDED');
    assert.equal(unneeded.length, 2);
    assert.deepEqual(unneeded.map((f) => f.message.split(' ')[0]).sort(), ['A/Fn', 'B/Fn']);
    // One declaration, two functions: each code lens names its copy.
    const lenses = functionLenses(run.model, run.result, '/w/fn.yaml').map((l) => l.title.split(':')[0]).sort();
    assert.deepEqual(lenses, ['A/Fn', 'B/Fn']);
  });

  it('the CLI JSON report of the reported repro lists both functions with their subnets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-nestedreuse-'));
    writeFileSync(path.join(dir, 'fn.yaml'), FN.replace(/^ {2}/gm, '').trimStart());
    writeFileSync(path.join(dir, 'main.yaml'), `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0aaaaaaaaaaaaaaaa } }
  B:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: fn.yaml, Parameters: { Subnet: subnet-0bbbbbbbbbbbbbbbb } }
`);
    const loaded = await loadWorkspace({ paths: [dir], varFiles: [] });
    const report = buildJsonReport(loaded.analysis, loaded.findings, loaded.notices, dir, loaded.reported);
    const rows = report.functions.map((f) => `${f.id} ${f.file} ${f.subnets.join(',')} ${f.securityGroups.join(',')}`);
    assert.deepEqual(rows, ['A/Fn fn.yaml subnet-0aaaaaaaaaaaaaaaa A/Sg', 'B/Fn fn.yaml subnet-0bbbbbbbbbbbbbbbb B/Sg']);
  });
});
