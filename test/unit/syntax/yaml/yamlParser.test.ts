// Tests of the YAML reader: each construct's values and spans (checked against text slices), CloudFormation
// short-form tags, scalar resolution, problems (aliases, tabs, duplicates, syntax) and recovery.

import * as assert from 'node:assert/strict';
import type { DataMap, DataNode, DataScalar, DataSeq } from '../../../../server/src/syntax/data/ast';
import type { Span } from '../../../../server/src/syntax/text';
import { parseYaml } from '../../../../server/src/syntax/yaml/yamlParser';
import { spanNestingErrors } from '../json/spanNesting';
import { plainValue } from './plainValue';

const at = (text: string, span: Span): string => text.slice(span.start, span.end);

function mapOf(node: DataNode | undefined): DataMap {
  assert.ok(node !== undefined && node.kind === 'map', `expected a map, got ${node?.kind}`);
  return node;
}
function seqOf(node: DataNode | undefined): DataSeq {
  assert.ok(node !== undefined && node.kind === 'seq', `expected a seq, got ${node?.kind}`);
  return node;
}
function scalarOf(node: DataNode | undefined): DataScalar {
  assert.ok(node !== undefined && node.kind === 'scalar', `expected a scalar, got ${node?.kind}`);
  return node;
}
/** The element at i, asserted present (a missing one fails here with a message, not later as a TypeError). */
function nth<T>(list: readonly T[], i: number): T {
  const item = list[i];
  assert.ok(item !== undefined, `expected an element at ${i} of ${list.length}`);
  return item;
}
function get(node: DataNode | undefined, key: string): DataNode {
  const entry = mapOf(node).entries.find((e) => e.key.value === key);
  assert.ok(entry, `no key ${key}`);
  return entry.value;
}
function clean(text: string): DataNode | undefined {
  const file = parseYaml(text);
  assert.deepEqual(file.problems, [], `unexpected problems: ${JSON.stringify(file.problems)}`);
  return file.root;
}
function codes(text: string): string[] {
  return parseYaml(text).problems.map((p) => p.code);
}

describe('parseYaml', () => {
  describe('block collections', () => {
    it('reads nested mappings with exact key, value and entry spans', () => {
      const text = 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 30\n';
      const file = parseYaml(text);
      assert.equal(file.syntax, 'yaml');
      assert.deepEqual(plainValue(file.root), { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 30 } } } });
      const fn = nth(mapOf(get(file.root, 'Resources')).entries, 0);
      assert.equal(at(text, fn.key.span), 'Fn');
      assert.equal(at(text, fn.span), 'Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Timeout: 30');
      const type = nth(mapOf(fn.value).entries, 0);
      assert.equal(at(text, type.value.span), 'AWS::Lambda::Function');
      assert.equal(at(text, mapOf(file.root).span), text.trimEnd());
    });

    it('reads sequences, compact nested maps and sequences at the parent key indentation', () => {
      const text = 'Tags:\n- Key: Name\n  Value: web\n- Key: Env\n  Value: prod\nIds:\n  - - a\n    - b\n  - c\nEmpty:\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), { Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'Env', Value: 'prod' }], Ids: [['a', 'b'], 'c'], Empty: null });
      const tags = seqOf(get(root, 'Tags'));
      assert.equal(at(text, nth(tags.items, 0).span), 'Key: Name\n  Value: web');
      assert.equal(at(text, tags.span), '- Key: Name\n  Value: web\n- Key: Env\n  Value: prod');
      const empty = scalarOf(get(root, 'Empty'));
      assert.equal(empty.span.start, empty.span.end);
      assert.equal(empty.span.start, text.indexOf('Empty:') + 6);
    });

    it('reads a key with no value followed by a sibling as null', () => {
      assert.deepEqual(plainValue(clean('a:\nb: 1\nc:\n  # only a comment\nd: x\n')), { a: null, b: 1, c: null, d: 'x' });
    });
  });

  describe('scalars', () => {
    it('resolves plain scalars: YAML 1.1 booleans, null, YAML 1.2 core numbers, keeping raw text', () => {
      const text =
        'a: true\nb: False\nc: yes\nd: OFF\ne: ~\nf: null\ng: 010\nh: 1.10\ni: 0x1F\nj: 0o17\nk: -2.5e3\nl: .inf\nm: 2010-09-09\nn: 1_000\no: 123456789012\np: y\nq: +12\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), {
        a: true, b: false, c: true, d: false, e: null, f: null, g: 10, h: 1.1, i: 31, j: 15, k: -2500, l: Infinity,
        m: '2010-09-09', n: '1_000', o: 123456789012, p: 'y', q: 12,
      });
      assert.equal(scalarOf(get(root, 'g')).raw, '010');
      assert.equal(scalarOf(get(root, 'h')).raw, '1.10');
      assert.equal(scalarOf(get(root, 'c')).raw, 'yes');
      assert.equal(scalarOf(get(root, 'm')).raw, undefined);
    });

    it('keeps quoted and block scalars, keys and tagged scalars as strings', () => {
      const root = clean("'1': \"true\"\n2: '010'\nt: !Ref 123\ns: !!str 5\ni: !!int 7\n");
      assert.deepEqual(plainValue(root), { '1': 'true', '2': '010', t: { '!Ref': '123' }, s: { '!!str': '5' }, i: { '!!int': 7 } });
    });

    it('reads double-quoted escapes and single-quoted doubling, with spans including the quotes', () => {
      const text = 'a: "tab\\tnl\\n\\u00e9\\x41\\"q\\\\"\nb: \'it\'\'s\'\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), { a: 'tab\tnl\né\x41"q\\', b: "it's" });
      assert.equal(at(text, get(root, 'b').span), "'it''s'");
      assert.equal(scalarOf(get(root, 'a')).style, 'double');
    });

    it('folds multi-line plain and quoted scalars', () => {
      const text = 'a: one\n  two\n\n  three\nb: "x\n  y \\\n  z"\nc: \'p\n\n  q\'\n';
      assert.deepEqual(plainValue(clean(text)), { a: 'one two\nthree', b: 'x y z', c: 'p\nq' });
    });

    it('reads literal and folded block scalars with chomping and indentation indicators', () => {
      const text = [
        'lit: |', '  line 1', '    indented', '', '  line 3', '',
        'fold: >', '  a', '  b', '', '  c', '    more', '  d',
        'strip: |-', '  x', '', '',
        'keep: |+', '  x', '', '',
        'explicit: |2', '    two extra', '  base',
        'last: >-', '  end',
      ].join('\n') + '\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), {
        lit: 'line 1\n  indented\n\nline 3\n',
        fold: 'a b\nc\n  more\nd\n',
        strip: 'x',
        keep: 'x\n\n\n',
        explicit: '  two extra\nbase\n',
        last: 'end',
      });
      const lit = scalarOf(get(root, 'lit'));
      assert.equal(lit.style, 'literal');
      assert.equal(at(text, lit.span), '|\n  line 1\n    indented\n\n  line 3');
    });
  });

  describe('CloudFormation tags', () => {
    it('reads short forms on scalars, sequences and maps with tag spans', () => {
      const text = [
        'Resources:',
        '  Fn:',
        '    Properties:',
        '      Code: !Sub |',
        '        echo ${AWS::Region}',
        '        done',
        '      Role: !GetAtt Role.Arn',
        "      Az: !Select [0, !GetAZs '']",
        '      Sg: !If [HasSg, !Ref Sg, !Ref "AWS::NoValue"]',
        '      Name: !Join',
        '        - "-"',
        '        - - !Ref Env',
        '          - !Sub "${AWS::StackName}"',
        '      Env: !If',
        '        - IsProd',
        '        - {Variables: {A: !Ref A}}',
        '        - !Ref AWS::NoValue',
        '      Cond: !And [!Equals [!Ref A, "x"], !Not [!Condition C]]',
        '      Map: !FindInMap [M, !Ref "AWS::Region", Ami]',
        '      Long:',
        '        Fn::Sub:',
        '          - "${A}-${B}"',
        '          - {A: !Ref X, B: !ImportValue Shared}',
        '      B64: !Base64 {"Fn::Sub": "x"}',
        '      Cidr: !Cidr [!GetAtt Vpc.CidrBlock, 6, 8]',
        '      Split: !Split [",", !ImportValue List]',
        '      T: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
      ].join('\n') + '\n';
      const root = clean(text);
      const props = get(get(get(root, 'Resources'), 'Fn'), 'Properties');
      assert.deepEqual(plainValue(props), {
        Code: { '!Sub': 'echo ${AWS::Region}\ndone\n' },
        Role: { '!GetAtt': 'Role.Arn' },
        Az: { '!Select': [0, { '!GetAZs': '' }] },
        Sg: { '!If': ['HasSg', { '!Ref': 'Sg' }, { '!Ref': 'AWS::NoValue' }] },
        Name: { '!Join': ['-', [{ '!Ref': 'Env' }, { '!Sub': '${AWS::StackName}' }]] },
        Env: { '!If': ['IsProd', { Variables: { A: { '!Ref': 'A' } } }, { '!Ref': 'AWS::NoValue' }] },
        Cond: { '!And': [{ '!Equals': [{ '!Ref': 'A' }, 'x'] }, { '!Not': [{ '!Condition': 'C' }] }] },
        Map: { '!FindInMap': ['M', { '!Ref': 'AWS::Region' }, 'Ami'] },
        Long: { 'Fn::Sub': ['${A}-${B}', { A: { '!Ref': 'X' }, B: { '!ImportValue': 'Shared' } }] },
        B64: { '!Base64': { 'Fn::Sub': 'x' } },
        Cidr: { '!Cidr': [{ '!GetAtt': 'Vpc.CidrBlock' }, 6, 8] },
        Split: { '!Split': [',', { '!ImportValue': 'List' }] },
        T: { '!Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      });
      const role = scalarOf(get(props, 'Role'));
      assert.equal(at(text, role.span), '!GetAtt Role.Arn');
      assert.ok(role.tag);
      assert.equal(at(text, role.tag.span), '!GetAtt');
      const sg = seqOf(get(props, 'Sg'));
      assert.equal(at(text, sg.span), '!If [HasSg, !Ref Sg, !Ref "AWS::NoValue"]');
      assert.equal(at(text, nth(sg.items, 2).span), '!Ref "AWS::NoValue"');
      const env = seqOf(get(props, 'Env'));
      assert.equal(at(text, env.span).split('\n')[0], '!If');
      const code = scalarOf(get(props, 'Code'));
      assert.equal(at(text, code.span), '!Sub |\n        echo ${AWS::Region}\n        done');
    });

    it('accepts a tag with no value and verbatim tags', () => {
      assert.deepEqual(plainValue(clean('a: !GetAZs\nb: !<!Rain::Embed> file.txt\n')), { a: { '!GetAZs': '' }, b: { '!<!Rain::Embed>': 'file.txt' } });
    });
  });

  describe('flow collections', () => {
    it('reads multi-line flow maps and sequences, JSON style, with spans', () => {
      const text = 'a: [1, "two",\n    {k: v, "j":2},\n    [x], ]\nb: {\n  c: d\n}\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), { a: [1, 'two', { k: 'v', j: 2 }, ['x']], b: { c: 'd' } });
      assert.equal(at(text, get(root, 'a').span), '[1, "two",\n    {k: v, "j":2},\n    [x], ]');
      assert.equal(at(text, get(root, 'b').span), '{\n  c: d\n}');
    });

    it('reads a JSON document as YAML', () => {
      assert.deepEqual(plainValue(clean('{"Resources": {"A": {"Type": "X", "N": [1, true, null]}}}')), { Resources: { A: { Type: 'X', N: [1, true, null] } } });
    });
  });

  describe('documents, comments and encodings', () => {
    it('returns no root and no problems for empty and comment-only files', () => {
      for (const text of ['', '\n\n', '# just a comment\n  # another\n']) {
        const file = parseYaml(text);
        assert.equal(file.root, undefined);
        assert.deepEqual(file.problems, []);
      }
      assert.deepEqual(parseYaml('# one\n#two').comments.map((c) => c.text), ['# one', '#two']);
    });

    it('collects comments with spans', () => {
      const text = '# head\na: 1 # trailing\nb: "x" # q\n';
      const file = parseYaml(text);
      assert.deepEqual(file.comments.map((c) => c.text), ['# head', '# trailing', '# q']);
      for (const c of file.comments) assert.equal(at(text, c.span), c.text);
    });

    it('reads only the first document and skips directives', () => {
      const text = '%YAML 1.2\n---\na: 1\n---\nb: 2\n...\n';
      assert.deepEqual(plainValue(clean(text)), { a: 1 });
      assert.deepEqual(plainValue(clean('---\n- x\n...\n')), ['x']);
    });

    it('strips a BOM and reads CRLF line endings with exact spans', () => {
      const text = '\ufeffa: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  l1\r\n  l2\r\n';
      const root = clean(text);
      assert.deepEqual(plainValue(root), { a: 1, b: ['x', 'y'], c: 'l1\nl2\n' });
      assert.equal(nth(mapOf(root).entries, 0).key.span.start, 1);
      assert.equal(at(text, nth(seqOf(get(root, 'b')).items, 1).span), '"y"');
    });
  });

  describe('anchors and aliases', () => {
    it('resolves an alias to a copy of the anchored node and reports it', () => {
      const text = 'Base: &props\n  Runtime: python3.12\nFn:\n  Properties: *props\n';
      const file = parseYaml(text);
      assert.deepEqual(plainValue(file.root), { Base: { Runtime: 'python3.12' }, Fn: { Properties: { Runtime: 'python3.12' } } });
      assert.equal(file.problems.length, 1);
      const problem = nth(file.problems, 0);
      assert.equal(problem.code, 'yaml-alias');
      assert.equal(problem.severity, 'error');
      assert.match(problem.message, /CloudFormation does not support YAML aliases/);
      assert.equal(at(text, problem.span), '*props');
      assert.equal(at(text, get(get(file.root, 'Fn'), 'Properties').span), '*props');
    });

    it('reports an unknown alias', () => {
      assert.deepEqual(codes('a: *nope\n'), ['yaml-syntax']);
    });
  });

  describe('problems and recovery', () => {
    it('reports duplicate keys on the second key, naming the first line', () => {
      const text = 'A: 1\nB: 2\nA: 3\n';
      const file = parseYaml(text);
      assert.equal(file.problems.length, 1);
      const p = nth(file.problems, 0);
      assert.equal(p.code, 'duplicate-key');
      assert.equal(p.severity, 'error');
      assert.equal(p.span.start, text.lastIndexOf('A'));
      assert.match(p.message, /'A'.*line 1/);
      const many = Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join('\n') + '\nk3: again\n';
      assert.deepEqual(codes(many).filter((c) => c === 'duplicate-key').length, 1);
      assert.deepEqual(codes('x: {a: 1, a: 2}\n'), ['duplicate-key']);
    });

    it('reports tabs in indentation and still reads the tree', () => {
      const text = 'a:\n\tb: 1\n';
      const file = parseYaml(text);
      assert.deepEqual(file.problems.map((p) => p.code), ['yaml-tab']);
      assert.deepEqual(at(text, nth(file.problems, 0).span), '\t');
      assert.deepEqual(plainValue(file.root), { a: { b: 1 } });
      assert.deepEqual(codes('a:\tb\n'), []);
    });

    it('recovers from a key without a colon', () => {
      const text = 'Resources:\n  Fn\n    Type: X\n  Other: 1\n';
      const file = parseYaml(text);
      assert.equal(file.problems.length, 1);
      assert.equal(at(text, nth(file.problems, 0).span), 'Fn');
      assert.match(nth(file.problems, 0).message, /Missing ':'/);
      assert.deepEqual(plainValue(file.root), { Resources: { Fn: { Type: 'X' }, Other: 1 } });
    });

    it('recovers from bad indentation, keeping the entries', () => {
      const text = 'Props:\n  A: 1\n   B: 2\n  C: 3\nNext: x\n';
      const file = parseYaml(text);
      assert.deepEqual(file.problems.map((p) => p.code), ['yaml-syntax']);
      assert.equal(at(text, nth(file.problems, 0).span), 'B: 2');
      assert.deepEqual(plainValue(file.root), { Props: { A: 1, B: 2, C: 3 }, Next: 'x' });
    });

    it('recovers from an unclosed flow collection at the next line of the parent', () => {
      const text = 'a:\n  ids: [x, y\n  next: 1\nb: 2\n';
      const file = parseYaml(text);
      assert.equal(file.problems.length, 1);
      assert.equal(at(text, nth(file.problems, 0).span), '[');
      assert.deepEqual(plainValue(file.root), { a: { ids: ['x', 'y'], next: 1 }, b: 2 });
    });

    it('recovers from an unclosed quote at the next entry', () => {
      const text = 'a: "abc\nb: 2\nc: \'x\n- y\n';
      const file = parseYaml(text);
      assert.equal(nth(file.problems, 0).code, 'yaml-syntax');
      assert.equal(at(text, nth(file.problems, 0).span), '"abc');
      assert.deepEqual(mapOf(file.root).entries.map((e) => e.key.value).slice(0, 3), ['a', 'b', 'c']);
      assert.equal(scalarOf(get(file.root, 'a')).value, 'abc');
      assert.equal(scalarOf(get(file.root, 'b')).value, 2);
    });

    it('keeps multi-line quoted JSON with ragged indentation', () => {
      const text = "P:\n  - D: !Sub '{\n      \"a\": 1,\n  \"b\": 2\n    }'\n    N: x\n";
      assert.deepEqual(plainValue(clean(text)), { P: [{ D: { '!Sub': '{ "a": 1, "b": 2 }' }, N: 'x' }] });
    });

    it('reports a mapping on the key line and stray characters, and continues', () => {
      const file = parseYaml('a: b: c\nd: 1\n] oops\ne: [1, 2] junk\nf: 3\n');
      assert.deepEqual(file.problems.map((p) => p.code), ['yaml-syntax', 'yaml-syntax', 'yaml-syntax']);
      assert.deepEqual(plainValue(file.root), { a: 'b: c', d: 1, e: [1, 2], f: 3 });
    });

    it('reports complex keys and skips them', () => {
      const file = parseYaml('[a, b]: 1\n? [c]\n: 2\nk: v\n');
      assert.deepEqual(file.problems.map((p) => p.code), ['yaml-syntax', 'yaml-syntax']);
      assert.deepEqual(plainValue(file.root), { k: 'v' });
    });

    it('never throws and terminates on hostile input', () => {
      const inputs = ['[[[[[[', '{{{', '"', "'", '- - - -', ': : :', '? ? ?', '&a *a', '!', '|', '>\n x', 'a:\n  - b\n c', '\t\t- x', '*', '&', ']}', '%x', '- [a\n- b'];
      inputs.push('['.repeat(5000), '- '.repeat(3000) + 'x', 'a:\n'.repeat(2000));
      for (const text of inputs) {
        const file = parseYaml(text);
        assert.ok(Array.isArray(file.problems), text);
      }
    });
  });

  describe('other YAML', () => {
    it('reads a GitHub workflow', () => {
      const text = [
        'name: CI',
        'on:',
        '  push:',
        '    branches: [ main ]',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Test',
        '        run: |',
        '          npm ci',
        '          npm test',
        '        env:',
        '          CI: true',
      ].join('\n');
      const root = clean(text);
      assert.deepEqual(plainValue(get(root, 'on')), { push: { branches: ['main'] } });
      assert.deepEqual(plainValue(get(get(get(root, 'jobs'), 'build'), 'steps')), [
        { uses: 'actions/checkout@v4' },
        { name: 'Test', run: 'npm ci\nnpm test\n', env: { CI: true } },
      ]);
    });

    it('reads the first document of a Kubernetes manifest', () => {
      const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\n';
      assert.deepEqual(plainValue(clean(text)), {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } }, spec: { ports: [{ port: 80, targetPort: 8080 }] },
      });
    });
  });

  describe('large templates', () => {
    it('keeps every span inside its parent for every prefix of a template (text typed so far)', () => {
      const text = [
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      VpcConfig:',
        '        SubnetIds: [!Ref A, !Ref B]',
        '      Policies:',
        '        - Statement:',
        '            - Effect: Allow',
        "              Resource: !Sub 'arn:${AWS::Partition}:s3:::b/*'",
        '      Description: >-',
        '        two',
        '        lines',
        '      Env: {A: 1, B: "x"}',
        '',
      ].join('\n');
      for (let i = 0; i <= text.length; i++) {
        for (const input of [text.slice(0, i), text.slice(0, i) + '  \n ']) {
          const root = parseYaml(input).root;
          if (root !== undefined) assert.deepEqual(spanNestingErrors(root), [], JSON.stringify(input));
        }
      }
    });

    it('reads a template with repeated keys, values and one-entry mappings like a reference reader', () => {
      const resources = Array.from({ length: 300 }, (_, i) =>
        [`  Sg${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      VpcId: !Ref Vpc${i % 4}`, '      Tags:', '        - Key: Name', `          Value: sg-${i}`, '      Meta:', "        Owner: 'team'"].join('\n'),
      );
      const text = 'Resources:\n' + resources.join('\n') + '\n';
      const file = parseYaml(text);
      assert.deepEqual(file.problems, []);
      const expected: Record<string, unknown> = {};
      for (let i = 0; i < 300; i++) {
        expected[`Sg${i}`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { '!Ref': `Vpc${i % 4}` }, Tags: [{ Key: 'Name', Value: `sg-${i}` }], Meta: { Owner: 'team' } } };
      }
      assert.deepEqual(plainValue(file.root), { Resources: expected });
      assert.ok(file.root !== undefined);
      assert.deepEqual(spanNestingErrors(file.root), []);
      // A one-entry mapping spans exactly its entry.
      const child = (node: DataNode | undefined, name: string): DataNode | undefined =>
        node?.kind === 'map' ? node.entries.find((e) => e.key.value === name)?.value : undefined;
      const meta = child(child(child(child(file.root, 'Resources'), 'Sg0'), 'Properties'), 'Meta');
      assert.ok(meta?.kind === 'map');
      assert.deepEqual(meta.span, nth(meta.entries, 0).span);
      assert.equal(text.slice(meta.span.start, meta.span.end), "Owner: 'team'");
    });
  });
});
