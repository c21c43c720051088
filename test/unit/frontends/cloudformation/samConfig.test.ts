// The SAM CLI configuration reader: the TOML subset (tables, dotted and quoted keys, strings with escapes,
// arrays, comments), the YAML/JSON variants, what `sam deploy` takes (deploy over global) and SAM CLI's
// parameter_overrides format. Problems carry spans; nothing throws.

import * as assert from 'node:assert/strict';
import { parseJson } from '../../../../server/src/syntax/json/jsonParser';
import { parseYaml } from '../../../../server/src/syntax/yaml/yamlParser';
import {
  parseParameterOverrides, parseSamConfigToml, samConfigFromData, samDeploySettings, tablePath, type SamConfigFile,
} from '../../../../server/src/frontends/cloudformation/samConfig';

/** `table: key=value` lines, values as JSON, sorted. */
function render(config: SamConfigFile): string[] {
  const out: string[] = [];
  for (const [table, entries] of config.tables) {
    for (const [k, e] of entries) out.push(`${table === '' ? '(top)' : table.split('\u0000').join('.')}: ${k}=${JSON.stringify(e.value)}`);
  }
  return out.sort();
}

function problems(text: string, config: SamConfigFile): string[] {
  return config.problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.span.start, p.span.end))}: ${p.message}`);
}

function settings(text: string, env?: string): { parameters: Record<string, string>; region?: string; template?: string; problems: string[] } {
  const config = parseSamConfigToml(text);
  assert.deepEqual(config.problems, []);
  const s = samDeploySettings(config, env);
  return {
    parameters: Object.fromEntries([...s.parameters].map(([k, v]) => [k, v.value])),
    ...(s.region !== undefined ? { region: s.region.value } : {}),
    ...(s.templateFile !== undefined ? { template: s.templateFile.value } : {}),
    problems: s.problems.map((p) => `${p.code}: ${p.message}`),
  };
}

describe('samconfig reader', () => {
  it('reads what sam deploy --guided writes', () => {
    const text = [
      'version = 0.1',
      '[default]',
      '[default.deploy]',
      '[default.deploy.parameters]',
      'stack_name = "app"',
      's3_prefix = "app"',
      'region = "af-south-1"',
      'confirm_changeset = true',
      'capabilities = "CAPABILITY_IAM"',
      'parameter_overrides = "Vpc=\\"vpc-0abc\\" Subnets=\\"subnet-1,subnet-2\\" CreateFunctionSecurityGroup=\\"False\\""',
      'image_repositories = []',
    ].join('\n');
    const config = parseSamConfigToml(text);
    assert.deepEqual(problems(text, config), []);
    assert.deepEqual(render(config), [
      '(top): version=0.1',
      'default.deploy.parameters: capabilities="CAPABILITY_IAM"',
      'default.deploy.parameters: confirm_changeset=true',
      'default.deploy.parameters: image_repositories=[]',
      'default.deploy.parameters: parameter_overrides="Vpc=\\"vpc-0abc\\" Subnets=\\"subnet-1,subnet-2\\" CreateFunctionSecurityGroup=\\"False\\""',
      'default.deploy.parameters: region="af-south-1"',
      'default.deploy.parameters: s3_prefix="app"',
      'default.deploy.parameters: stack_name="app"',
    ]);
    const entry = config.tables.get(tablePath(['default', 'deploy', 'parameters']))?.get('region');
    assert.equal(entry !== undefined ? text.slice(entry.span.start, entry.span.end) : undefined, '"af-south-1"');
    assert.equal(entry !== undefined ? text.slice(entry.keySpan.start, entry.keySpan.end) : undefined, 'region');
    assert.deepEqual(settings(text), {
      parameters: { Vpc: 'vpc-0abc', Subnets: 'subnet-1,subnet-2', CreateFunctionSecurityGroup: 'False' },
      region: 'af-south-1',
      problems: [],
    });
  });

  it('reads comments, literal and multi-line strings, escapes, numbers, arrays, inline tables, quoted and dotted keys', () => {
    const text = [
      '# a comment',
      '[ default . "deploy" . parameters ]   # trailing comment',
      "literal = 'C:\\path\\no \"escapes\"'",
      'basic = "tab\\there \\u00e9 \\U0001F600 back\\\\slash"',
      'multi = """',
      'one \\',
      '   two"""',
      "raw = '''",
      "line1",
      "line2'''",
      'ints = [1, -2, 0x1F, 0o17, 0b101, 1_000]',
      'floats = [3.5, 1e3, -inf, ]',
      'nested = [ "a", # comment in an array',
      '  ["b"],',
      ']',
      'when = 1979-05-27T07:32:00Z',
      'inline = { a = 1, b.c = "x" }',
      '"quoted key" = false',
      '[default.global.parameters]',
      'deploy.extra = "dotted"',
    ].join('\r\n');
    const config = parseSamConfigToml(text);
    assert.deepEqual(problems(text, config), []);
    assert.deepEqual(render(config), [
      'default.deploy.parameters: basic="tab\\there é 😀 back\\\\slash"',
      'default.deploy.parameters: floats=[3.5,1000,null]',
      'default.deploy.parameters: inline={"kind":"table","entries":{}}',
      'default.deploy.parameters: ints=[1,-2,31,15,5,1000]',
      'default.deploy.parameters: literal="C:\\\\path\\\\no \\"escapes\\""',
      'default.deploy.parameters: multi="one two"',
      'default.deploy.parameters: nested=["a",["b"]]',
      'default.deploy.parameters: quoted key=false',
      'default.deploy.parameters: raw="line1\\r\\nline2"',
      'default.deploy.parameters: when="1979-05-27T07:32:00Z"',
      'default.global.parameters.deploy: extra="dotted"',
    ]);
  });

  it('reports TOML errors with spans and keeps reading the next lines', () => {
    const text = [
      '[default.deploy.parameters',
      'region = af-south-1',
      'stack_name = "unclosed',
      'bad = "\\q"',
      'a = 1 b = 2',
      'no_value =',
      '= "no key"',
      'list = [1, 2',
      '[default.global.parameters]',
      'region = "eu-west-1"',
      'region = "eu-west-2"',
      '[default.global.parameters]',
    ].join('\n');
    const config = parseSamConfigToml(text);
    assert.deepEqual(problems(text, config), [
      `toml-syntax "\\n": expected ']' to close the table header`,
      `toml-syntax "af-south-1": 'af-south-1' is not a TOML value (strings need quotes)`,
      `toml-syntax "\\"unclosed": the string is not closed on its line`,
      `toml-syntax "\\\\q": invalid escape '\\q' (write '\\\\' for a backslash)`,
      `toml-syntax "b = 2": unexpected 'b' after the value (one key = value per line)`,
      `toml-syntax "\\n": expected a value after =`,
      `toml-syntax "=": expected a key, found '='`,
      `toml-syntax "[": expected ',' or ']' in the array`,
      `toml-syntax "region": key 'region' is defined twice in this table`,
      `toml-syntax "[default.global.parameters]": table [default.global.parameters] is defined twice`,
    ]);
    assert.deepEqual(render(config), ['(top): a=1', 'default.global.parameters: region="eu-west-1"']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '[', '[[', '"', "'''", '"""', 'a = "\\u12"', 'a = {', 'a = [', 'a.', '\uFEFFa = 1', 'x = """a""""', '[[a.b]]\nregion = "x"']) {
      const config = parseSamConfigToml(text);
      assert.ok(Array.isArray(config.problems), text);
    }
    assert.deepEqual(render(parseSamConfigToml('x = """a"""""')), ['(top): x="a\\"\\""']);
    // An array of tables is read and ignored.
    assert.deepEqual(render(parseSamConfigToml('[[default.deploy.parameters]]\nregion = "x"')), []);
  });

  it('takes the deploy table over the global one, key by key, for the environment asked', () => {
    const text = [
      '[default.global.parameters]',
      'region = "eu-west-1"',
      'parameter_overrides = "A=global"',
      'template_file = "infra/template.yaml"',
      '[default.deploy.parameters]',
      'parameter_overrides = ["B=deploy", "C=\\"with space\\" D=d"]',
      '[prod.deploy.parameters]',
      'region = "us-east-1"',
      'template = "prod.yaml"',
    ].join('\n');
    assert.deepEqual(settings(text), { parameters: { B: 'deploy', C: 'with space', D: 'd' }, region: 'eu-west-1', template: 'infra/template.yaml', problems: [] });
    assert.deepEqual(settings(text, 'prod'), { parameters: {}, region: 'us-east-1', template: 'prod.yaml', problems: [] });
    assert.deepEqual(settings(text, 'staging'), { parameters: {}, problems: [] });
  });

  it('reports values sam deploy rejects', () => {
    assert.deepEqual(settings('[default.deploy.parameters]\nregion = 5\nparameter_overrides = [1, "no pair here"]'), {
      parameters: {},
      problems: [
        'samconfig-invalid: parameter_overrides must be a string of Key=Value pairs or an array of them',
        "samconfig-invalid: parameter_overrides item 'no pair here' holds no Key=Value pair; sam deploy rejects it",
        'samconfig-invalid: region must be a string',
      ],
    });
  });

  it('parses parameter_overrides as SAM CLI does', () => {
    const p = (s: string): Record<string, string> => Object.fromEntries(parseParameterOverrides(s));
    assert.deepEqual(p('Vpc="vpc-1" Subnets="subnet-1,subnet-2" Flag=False'), { Vpc: 'vpc-1', Subnets: 'subnet-1,subnet-2', Flag: 'False' });
    assert.deepEqual(p('A="say \\"hi\\" now" B=x\\ y C=plain,comma'), { A: 'say "hi" now', B: 'x y', C: 'plain,comma' });
    // SAM CLI strips every quote at both ends of a quoted value (str.strip), an escaped one too.
    assert.deepEqual(p('A="say \\"hi\\""'), { A: 'say "hi\\' });
    assert.deepEqual(p('  A=1   B=""  '), { A: '1', B: '' });
    assert.deepEqual(p('ParameterKey=A,ParameterValue=1 ParameterKey=B,ParameterValue="two words"'), { A: '1', B: 'two words' });
    // Text that matches no pair is skipped, as SAM CLI's findall skips it; the last value for a key wins.
    assert.deepEqual(p('junk A=1 =2 A=3'), { A: '3' });
    assert.deepEqual(p('Endpoint=rds-proxy.proxy-abc.af-south-1.rds.amazonaws.com Sg="sg-1 "'), { Endpoint: 'rds-proxy.proxy-abc.af-south-1.rds.amazonaws.com', Sg: 'sg-1 ' });
    assert.deepEqual(p(''), {});
  });

  it('reads samconfig.yaml and samconfig.json through the data readers', () => {
    const yaml = [
      'version: 0.1',
      'default:',
      '  global:',
      '    parameters:',
      '      region: eu-central-1',
      '  deploy:',
      '    parameters:',
      '      parameter_overrides:',
      '        - Vpc=vpc-1',
      '        - Subnets=subnet-1,subnet-2',
    ].join('\n');
    const fromYaml = samDeploySettings(samConfigFromData(parseYaml(yaml)));
    assert.deepEqual(Object.fromEntries([...fromYaml.parameters].map(([k, v]) => [k, v.value])), { Vpc: 'vpc-1', Subnets: 'subnet-1,subnet-2' });
    assert.equal(fromYaml.region?.value, 'eu-central-1');
    assert.equal(fromYaml.region?.command, 'global');
    const json = '{ "version": 0.1, "default": { "deploy": { "parameters": { "region": "ap-south-1", "parameter_overrides": "A=1" } } } }';
    const fromJson = samDeploySettings(samConfigFromData(parseJson(json)));
    assert.equal(fromJson.region?.value, 'ap-south-1');
    assert.equal(fromJson.parameters.get('A')?.value, '1');
    assert.deepEqual(samConfigFromData(parseYaml('- a\n')).problems.map((p) => p.code), ['samconfig-invalid']);
  });
});
