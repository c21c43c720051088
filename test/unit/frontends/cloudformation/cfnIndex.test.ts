// Problems as data (invalid references on exact spans, duplicate keys and aliases from the reader, unsupported
// intrinsics) and the CfnIndex: hover values, definitions, references and document symbols.

import * as assert from 'node:assert/strict';
import { readFixture } from './cfnFixture';

const template = `
  AWSTemplateFormatVersion: '2010-09-09'
  Parameters:
    Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
  Mappings:
    M: { dev: { Cidr: 10.0.0.0/16 } }
  Conditions:
    IsDev: !Equals [!Ref Env, dev]
  Resources:
    Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: !FindInMap [M, !Ref Env, Cidr] } }
    SubnetA:
      Type: AWS::EC2::Subnet
      Condition: IsDev
      Properties:
        VpcId: !Ref Vpc
        CidrBlock: !Sub '\${Vpc.CidrBlock}'
        Tags: [{ Key: k, Value: !Ref Nope }]
    Bad: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !GetAtt Missing.VpcId, Tags: [{ Key: a, Value: !Bogus x }] } }
  Outputs:
    S: { Value: !Ref SubnetA }
`;

describe('cloudformation problems and index', () => {
  const out = readFixture(template);
  const text = out.files.get('/template.yaml') ?? '';
  const at = (needle: string, delta = 0): number => text.indexOf(needle) + delta;

  it('reports invalid references on the exact span, unsupported intrinsics once', () => {
    const invalid = out.problems.filter((p) => p.code === 'cfn-invalid-reference').map((p) => text.slice(p.span.start, p.span.end));
    assert.deepEqual(invalid.sort(), ['Missing.VpcId', 'Nope']);
    assert.equal(out.problems.filter((p) => p.code === 'cfn-invalid-reference' && text.slice(p.span.start, p.span.end) === 'Nope').length, 1);
    assert.ok(out.problems.some((p) => p.code === 'cfn-unsupported-intrinsic'));
  });

  it('forwards reader problems (duplicate keys, aliases)', () => {
    const dup = readFixture(`
      Resources:
        A: &x { Type: AWS::SQS::Queue }
        A: { Type: AWS::SQS::Queue }
        B: *x
    `);
    const codes = dup.problems.map((p) => p.code);
    assert.ok(codes.some((c) => /duplicate/i.test(c)), codes.join(','));
    assert.ok(codes.includes('yaml-alias'), codes.join(','));
  });

  it('hovers: Ref to a parameter (allowed values), ${Vpc.CidrBlock} inside Sub, FindInMap, conditions', () => {
    const ref = out.index.at('/template.yaml', at('!Ref Env', 6));
    assert.equal(ref?.occurrence.name, 'Env');
    assert.equal(ref?.text, '"dev"');
    assert.deepEqual(ref?.allowedValues, ['dev', 'prod']);
    assert.equal(text.slice(ref?.definition?.span.start, ref?.definition?.span.end), 'Env');

    const sub = out.index.at('/template.yaml', at('Vpc.CidrBlock', 5));
    assert.equal(sub?.occurrence.kind, 'Sub');
    assert.equal(sub?.text, '"10.0.0.0/16"');
    assert.equal(sub?.resourceType, 'AWS::EC2::VPC');
    assert.equal(sub?.definition?.kind, 'resource');

    const map = out.index.at('/template.yaml', at('[M,', 1));
    assert.equal(map?.occurrence.kind, 'FindInMap');
    assert.equal(map?.text, '"10.0.0.0/16"');

    const cond = out.index.at('/template.yaml', at('Condition: IsDev', 12));
    assert.equal(cond?.occurrence.kind, 'Condition');
    assert.equal(cond?.text, 'true');

    const refRes = out.index.at('/template.yaml', at('!Ref SubnetA', 6));
    assert.equal(refRes?.text, '<ref /template.yaml::SubnetA>');
  });

  it('references of a logical id and document symbols', () => {
    const refs = out.index.references('/template.yaml', 'Vpc').map((o) => `${o.kind}${o.attribute !== undefined ? '.' + o.attribute : ''}`);
    assert.deepEqual(refs, ['Ref', 'Sub.CidrBlock']);
    const def = out.index.definition('/template.yaml', 'SubnetA');
    assert.equal(text.slice(def?.span.start, def?.span.end), 'SubnetA');
    const symbols = out.index.symbols('/template.yaml').map((s) => `${s.kind}:${s.name}${s.detail !== undefined ? ':' + s.detail : ''}`);
    assert.deepEqual(symbols, ['parameter:Env:String', 'mapping:M', 'condition:IsDev', 'resource:Vpc:AWS::EC2::VPC', 'resource:SubnetA:AWS::EC2::Subnet', 'resource:Bad:AWS::EC2::RouteTable', 'output:S']);
  });
});
