// Tests of the contributed TextMate grammars (syntaxes/*.json): tokenizes real Terraform and YAML snippets
// with vscode-textmate + vscode-oniguruma, the engine VS Code uses, and checks the scopes of chosen tokens.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const TERRAFORM = 'source.hcl.terraform';
const YAML = 'source.yaml';
const SUPPRESSION = 'hyperplane-lens.suppression.injection';

/** The repository root: the nearest ancestor holding syntaxes/ (test bundles live at varying depths). */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'syntaxes', 'terraform.tmLanguage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no syntaxes/ folder above ${start}`);
    dir = parent;
  }
  return dir;
}

const root = findRoot(__dirname);
const grammarFiles: Record<string, string> = {
  [TERRAFORM]: join(root, 'syntaxes', 'terraform.tmLanguage.json'),
  [SUPPRESSION]: join(root, 'syntaxes', 'suppression.injection.tmLanguage.json'),
  [YAML]: join(root, 'test', 'fixtures', 'syntaxes', 'yaml.test-grammar.json'),
};

interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

async function createRegistry(): Promise<Registry> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName: string): Promise<IRawGrammar | null> => {
      const file = grammarFiles[scopeName];
      return Promise.resolve(file === undefined ? null : parseRawGrammar(readFileSync(file, 'utf8'), file));
    },
    // Mirrors package.json contributes.grammars[].injectTo of the suppression grammar.
    getInjections: (scopeName: string) => (scopeName === TERRAFORM || scopeName === YAML ? [SUPPRESSION] : undefined),
  });
}

function tokenize(grammar: IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let stack = INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, stack);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, lineText.length);
      tokens.push({ line, start: t.startIndex, end, text: lineText.slice(t.startIndex, end), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

/**
 * The token covering the first character of the `occurrence`-th match of `needle` in `text` (a needle may
 * span several tokens, e.g. `var.x`; it is context that makes it unique in the snippet).
 */
function tokenAt(tokens: Token[], text: string, needle: string, occurrence = 1): Token {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.notEqual(index, -1, `"${needle}" (occurrence ${occurrence}) is not in the snippet`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const column = index - (before.lastIndexOf('\n') + 1);
  const token = tokens.find((t) => t.line === line && t.start <= column && column < t.end);
  if (token === undefined) throw new Error(`no token at ${line}:${column}`);
  return token;
}

/** Asserts that the token at `needle` carries every scope of `expected` (and none of `absent`). */
function expectScopes(tokens: Token[], text: string, needle: string, expected: string[], options: { occurrence?: number; absent?: string[] } = {}): void {
  const token = tokenAt(tokens, text, needle, options.occurrence ?? 1);
  for (const scope of expected) {
    assert.ok(token.scopes.includes(scope), `"${needle}" lacks ${scope}: has ${token.scopes.join(' ')}`);
  }
  for (const prefix of options.absent ?? []) {
    assert.ok(!token.scopes.some((s) => s.startsWith(prefix)), `"${needle}" should not be ${prefix}: has ${token.scopes.join(' ')}`);
  }
}

describe('TextMate grammars', () => {
  let terraform: IGrammar;
  let yaml: IGrammar;

  before(async () => {
    const registry = await createRegistry();
    const tf = await registry.loadGrammar(TERRAFORM);
    const yml = await registry.loadGrammar(YAML);
    if (tf === null || yml === null) throw new Error('grammar not loaded');
    terraform = tf;
    yaml = yml;
  });

  function check(text: string, cases: Array<[needle: string, scopes: string[], occurrence?: number]>): Token[] {
    const tokens = tokenize(terraform, text);
    for (const [needle, scopes, occurrence] of cases) expectScopes(tokens, text, needle, scopes, { occurrence });
    return tokens;
  }

  describe('Terraform', () => {
    it('scopes block headers: type keyword, labels, braces', () => {
      const text = [
        'resource "aws_lambda_function" "api" {',
        '  function_name = "api"',
        '}',
        'locals {',
        '}',
        'module network {',
        '}',
      ].join('\n');
      check(text, [
        ['resource', ['meta.block.terraform', 'entity.name.type.terraform', 'storage.type.terraform']],
        ['aws_lambda_function', ['string.quoted.double.terraform', 'entity.name.tag.terraform']],
        ['"aws_lambda', ['punctuation.definition.string.begin.terraform']],
        ['api"', ['entity.name.tag.terraform']],
        ['{', ['punctuation.section.block.begin.terraform']],
        ['function_name', ['meta.block.terraform', 'variable.other.property.terraform']],
        ['=', ['keyword.operator.assignment.terraform']],
        ['}', ['punctuation.section.block.end.terraform']],
        ['locals', ['storage.type.terraform']],
        ['network', ['entity.name.tag.terraform']],
      ]);
    });

    it('scopes nested blocks and dynamic blocks as block types without the top-level keyword scope', () => {
      const text = [
        'resource "aws_security_group" "web" {',
        '  ingress {',
        '    from_port   = 443',
        '    cidr_blocks = ["10.0.0.0/8"]',
        '  }',
        '  dynamic "egress" {',
        '    for_each = var.egress',
        '    content {',
        '      to_port = egress.value.port',
        '    }',
        '  }',
        '}',
      ].join('\n');
      const tokens = tokenize(terraform, text);
      expectScopes(tokens, text, 'ingress', ['entity.name.type.terraform'], { absent: ['storage.type'] });
      expectScopes(tokens, text, 'from_port', ['variable.other.property.terraform']);
      expectScopes(tokens, text, '443', ['constant.numeric.terraform']);
      expectScopes(tokens, text, '[', ['punctuation.section.brackets.begin.terraform']);
      expectScopes(tokens, text, '10.0.0.0/8', ['meta.brackets.terraform', 'string.quoted.double.terraform']);
      expectScopes(tokens, text, 'dynamic', ['entity.name.type.terraform']);
      expectScopes(tokens, text, 'egress', ['entity.name.tag.terraform']);
      expectScopes(tokens, text, 'for_each', ['variable.other.property.terraform']);
      expectScopes(tokens, text, 'content', ['entity.name.type.terraform']);
      expectScopes(tokens, text, 'to_port', ['variable.other.property.terraform']);
      // Three levels deep: the innermost attribute sits in three nested block scopes.
      const inner = tokenAt(tokens, text, 'to_port');
      assert.equal(inner.scopes.filter((s) => s === 'meta.block.terraform').length, 3);
      // After the last `}` the tokenizer is back at the top level.
      const last = tokens[tokens.length - 1];
      assert.deepEqual(last?.scopes, [TERRAFORM, 'meta.block.terraform', 'punctuation.section.block.end.terraform']);
    });

    it('scopes the three comment styles', () => {
      const text = [
        '# a hash comment',
        '// a slash comment',
        '/* a block',
        '   comment over lines */',
        'x = 1 # trailing',
        'y = "# not a comment"',
      ].join('\n');
      check(text, [
        ['# a hash', ['comment.line.number-sign.terraform', 'punctuation.definition.comment.terraform']],
        ['a hash comment', ['comment.line.number-sign.terraform']],
        ['//', ['comment.line.double-slash.terraform', 'punctuation.definition.comment.terraform']],
        ['a slash', ['comment.line.double-slash.terraform']],
        ['/*', ['comment.block.terraform', 'punctuation.definition.comment.terraform']],
        ['comment over lines', ['comment.block.terraform']],
        ['*/', ['comment.block.terraform', 'punctuation.definition.comment.terraform']],
        ['trailing', ['comment.line.number-sign.terraform']],
        ['# not', ['string.quoted.double.terraform']],
      ]);
      const tokens = tokenize(terraform, text);
      expectScopes(tokens, text, 'x', ['variable.other.property.terraform'], { absent: ['comment'] });
      expectScopes(tokens, text, '# not', [], { absent: ['comment'] });
    });

    it('scopes strings, escapes, interpolations and template directives', () => {
      const text = [
        'name = "${var.prefix}-${local.env}\\n"',
        'greeting = "%{ if var.formal }Dear%{ else }Hi%{ endif } ${upper(var.user)}!"',
        'literal = "$${not} %%{nor}"',
        'nested = "${join(",", [for s in var.xs : "${s}"])}"',
      ].join('\n');
      const tokens = check(text, [
        ['${', ['string.quoted.double.terraform', 'meta.interpolation.terraform', 'punctuation.section.interpolation.begin.terraform']],
        ['var.prefix', ['meta.embedded.line.terraform', 'variable.language.terraform']],
        ['prefix', ['meta.embedded.line.terraform', 'variable.other.member.terraform']],
        ['}-', ['punctuation.section.interpolation.end.terraform']],
        ['-$', ['string.quoted.double.terraform']],
        ['\\n', ['constant.character.escape.terraform']],
        ['%{', ['meta.directive.terraform', 'punctuation.section.interpolation.begin.terraform']],
        ['if', ['meta.directive.terraform', 'keyword.control.directive.terraform']],
        ['formal', ['variable.other.member.terraform']],
        ['else', ['keyword.control.directive.terraform']],
        ['endif', ['keyword.control.directive.terraform']],
        ['Dear', ['string.quoted.double.terraform']],
        ['upper', ['meta.embedded.line.terraform', 'support.function.builtin.terraform']],
        ['$${', ['constant.character.escape.template.terraform']],
        ['%%{', ['constant.character.escape.template.terraform']],
        ['join', ['support.function.builtin.terraform']],
        ['","', ['meta.function-call.terraform', 'string.quoted.double.terraform']],
        ['for s', ['meta.brackets.terraform', 'keyword.control.terraform']],
        ['${s}', ['punctuation.section.interpolation.begin.terraform']],
      ]);
      // A directive's `%{ for … }` form scopes both keywords.
      const loop = 'x = "%{ for ip in var.ips }${ip} %{ endfor }"';
      const loopTokens = tokenize(terraform, loop);
      expectScopes(loopTokens, loop, 'for', ['keyword.control.directive.terraform']);
      expectScopes(loopTokens, loop, 'in', ['keyword.control.directive.terraform']);
      expectScopes(loopTokens, loop, 'endfor', ['keyword.control.directive.terraform']);
      // `"${` + the quoted string ends exactly at the last `"` of each line: nothing leaks to the next line.
      const lastLine = tokens.filter((t) => t.line === 3);
      assert.deepEqual(lastLine[lastLine.length - 1]?.scopes, [TERRAFORM, 'string.quoted.double.terraform', 'punctuation.definition.string.end.terraform']);
    });

    it('scopes heredocs (<<EOF and <<-EOF) with interpolation inside', () => {
      const text = [
        'resource "aws_iam_role" "r" {',
        '  assume_role_policy = <<EOF',
        '{"Service": "${var.service}"}',
        'EOF',
        '  user_data = <<-SCRIPT',
        '    echo %{ if var.debug }debug%{ endif }',
        '    SCRIPT',
        '  name = "after"',
        '}',
      ].join('\n');
      const tokens = check(text, [
        ['<<', ['string.unquoted.heredoc.terraform', 'keyword.operator.heredoc.terraform'], 1],
        ['EOF', ['keyword.control.heredoc.terraform'], 1],
        ['{"Service"', ['string.unquoted.heredoc.terraform']],
        ['var.service', ['meta.interpolation.terraform', 'variable.language.terraform']],
        ['EOF', ['string.unquoted.heredoc.terraform', 'keyword.control.heredoc.terraform'], 2],
        ['<<-', ['keyword.operator.heredoc.terraform']],
        ['SCRIPT', ['keyword.control.heredoc.terraform'], 1],
        ['echo', ['string.unquoted.heredoc.terraform']],
        ['if', ['meta.directive.terraform', 'keyword.control.directive.terraform']],
        ['SCRIPT', ['keyword.control.heredoc.terraform'], 2],
        ['name', ['variable.other.property.terraform']],
      ]);
      expectScopes(tokens, text, 'name', [], { absent: ['string'] });
    });

    it('scopes for expressions, conditionals, splats and operators', () => {
      const text = [
        'locals {',
        '  ids    = [for s in aws_subnet.private : s.id if s.map_public_ip_on_launch == false]',
        '  by_az  = { for k, v in var.subnets : v.az => k... }',
        '  all    = aws_subnet.private[*].id',
        '  legacy = aws_instance.web.*.private_ip',
        '  size   = var.big ? 3 : length(var.azs) - 1',
        '  ok     = !var.disabled && (var.count >= 2 || var.force)',
        '}',
      ].join('\n');
      check(text, [
        ['for', ['keyword.control.terraform'], 1],
        ['in', ['keyword.control.terraform'], 1],
        ['aws_subnet', ['variable.other.readwrite.terraform'], 1],
        ['private :', ['variable.other.member.terraform']],
        [':', ['keyword.operator.conditional.terraform'], 1],
        ['if', ['keyword.control.terraform']],
        ['==', ['keyword.operator.comparison.terraform']],
        ['false', ['constant.language.terraform']],
        ['{ for', ['meta.braces.terraform', 'punctuation.section.braces.begin.terraform']],
        ['=>', ['keyword.operator.arrow.terraform']],
        ['...', ['keyword.operator.ellipsis.terraform']],
        ['[*]', ['keyword.operator.splat.terraform']],
        ['.*', ['keyword.operator.splat.terraform']],
        ['?', ['keyword.operator.conditional.terraform']],
        ['3', ['constant.numeric.terraform']],
        ['length', ['support.function.builtin.terraform']],
        ['-', ['keyword.operator.arithmetic.terraform'], 1],
        ['!', ['keyword.operator.logical.terraform']],
        ['&&', ['keyword.operator.logical.terraform']],
        ['>=', ['keyword.operator.comparison.terraform']],
        ['||', ['keyword.operator.logical.terraform']],
        ['(var.count', ['meta.parens.terraform', 'punctuation.section.parens.begin.terraform']],
      ]);
    });

    it('scopes references, function calls, objects and type constraints', () => {
      const text = [
        'variable "azs" {',
        '  type    = list(object({ name = string, index = optional(number) }))',
        '  default = null',
        '}',
        'resource "aws_subnet" "private" {',
        '  count             = length(var.azs)',
        '  vpc_id            = module.network.vpc_id',
        '  cidr_block        = cidrsubnet(local.cidr, 8, count.index + 10)',
        '  availability_zone = data.aws_availability_zones.all.names[count.index]',
        '  arn               = provider::aws::arn_build("aws", "s3", "", "", each.key)',
        '  tags = {',
        '    Name          = "private-${count.index}"',
        '    "kubernetes.io/role" = "1"',
        '  }',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '  })',
        '}',
      ].join('\n');
      check(text, [
        ['list', ['support.type.terraform']],
        ['object', ['support.type.terraform']],
        ['name', ['meta.mapping.key.terraform', 'variable.other.property.terraform']],
        ['string', ['support.type.primitive.terraform']],
        ['index =', ['meta.mapping.key.terraform']],
        ['optional', ['support.type.terraform']],
        ['number', ['support.type.primitive.terraform']],
        ['null', ['constant.language.terraform']],
        ['length', ['meta.function-call.terraform', 'support.function.builtin.terraform']],
        ['(var', ['punctuation.section.arguments.begin.terraform']],
        ['var', ['variable.language.terraform'], 2],
        ['module', ['variable.language.terraform']],
        ['network', ['variable.other.member.terraform']],
        ['cidrsubnet', ['support.function.builtin.terraform']],
        ['local', ['variable.language.terraform']],
        ['8', ['constant.numeric.terraform']],
        ['count', ['variable.language.terraform'], 3],
        ['data', ['variable.language.terraform']],
        ['aws_availability_zones', ['variable.other.member.terraform']],
        ['provider::aws::arn_build', ['support.function.terraform']],
        ['each', ['variable.language.terraform']],
        ['Name', ['meta.braces.terraform', 'meta.mapping.key.terraform']],
        ['"kubernetes.io/role"', ['meta.mapping.key.terraform', 'string.quoted.double.terraform']],
        ['jsonencode', ['support.function.builtin.terraform']],
        ['Version', ['meta.function-call.terraform', 'meta.braces.terraform', 'meta.mapping.key.terraform']],
        ['})', ['punctuation.section.braces.end.terraform']],
      ]);
    });

    it('tokenizes .tfvars files (top-level attributes with multi-line values)', () => {
      const text = ['region = "eu-west-1"', 'azs = [', '  "a",', '  "b",', ']', 'enabled = true'].join('\n');
      check(text, [
        ['region', ['variable.other.property.terraform']],
        ['"a"', ['meta.brackets.terraform', 'string.quoted.double.terraform']],
        ['enabled', ['variable.other.property.terraform']],
        ['true', ['constant.language.terraform']],
      ]);
    });
  });

  describe('suppression comments', () => {
    it('highlights the directive and rule ids in all three Terraform comment styles', () => {
      const text = [
        'resource "aws_lambda_function" "f" { # hyperplane-lens-ignore LAMBDA_SINGLE_AZ',
        '}',
        '// hyperplane-lens-ignore LAMBDA_SINGLE_AZ, LAMBDA_NO_EGRESS -- reviewed',
        '/* hyperplane-lens-ignore ENI_QUOTA */',
        '# mentions hyperplane-lens-ignored-thing NOT_A_RULE',
      ].join('\n');
      const tokens = tokenize(terraform, text);
      expectScopes(tokens, text, 'hyperplane-lens-ignore', ['comment.line.number-sign.terraform', 'keyword.other.suppression.hyperplane-lens'], { occurrence: 1 });
      expectScopes(tokens, text, 'LAMBDA_SINGLE_AZ', ['comment.line.number-sign.terraform', 'constant.other.rule-id.hyperplane-lens'], { occurrence: 1 });
      expectScopes(tokens, text, 'hyperplane-lens-ignore', ['comment.line.double-slash.terraform', 'keyword.other.suppression.hyperplane-lens'], { occurrence: 2 });
      expectScopes(tokens, text, 'LAMBDA_SINGLE_AZ', ['constant.other.rule-id.hyperplane-lens'], { occurrence: 2 });
      expectScopes(tokens, text, ',', ['punctuation.separator.comma.hyperplane-lens'], { occurrence: 1 });
      expectScopes(tokens, text, 'LAMBDA_NO_EGRESS', ['constant.other.rule-id.hyperplane-lens']);
      expectScopes(tokens, text, 'reviewed', ['comment.line.double-slash.terraform'], { absent: ['constant.other.rule-id'] });
      expectScopes(tokens, text, 'hyperplane-lens-ignore', ['comment.block.terraform', 'keyword.other.suppression.hyperplane-lens'], { occurrence: 3 });
      expectScopes(tokens, text, 'ENI_QUOTA', ['comment.block.terraform', 'constant.other.rule-id.hyperplane-lens']);
      expectScopes(tokens, text, '*/', ['comment.block.terraform', 'punctuation.definition.comment.terraform']);
      // A longer word that merely starts with the directive is not one.
      const lookalike = tokenAt(tokens, text, 'hyperplane-lens-ignored');
      assert.ok(!lookalike.scopes.some((s) => s.startsWith('keyword.other.suppression')), lookalike.scopes.join(' '));
      expectScopes(tokens, text, 'NOT_A_RULE', ['comment.line.number-sign.terraform'], { absent: ['constant.other.rule-id'] });
    });

    it('does not apply outside comments', () => {
      const text = 'description = "hyperplane-lens-ignore LAMBDA_SINGLE_AZ"';
      const tokens = tokenize(terraform, text);
      expectScopes(tokens, text, 'hyperplane-lens-ignore LAMBDA_SINGLE_AZ', ['string.quoted.double.terraform'], { absent: ['keyword.other.suppression'] });
    });

    it('applies inside YAML comments', () => {
      const text = [
        'Resources:',
        '  Function:  # hyperplane-lens-ignore LAMBDA_SINGLE_AZ',
        '    Type: AWS::Serverless::Function',
        '    # hyperplane-lens-ignore LAMBDA_NO_EGRESS, ENI_QUOTA',
        '    Description: "hyperplane-lens-ignore LAMBDA_SINGLE_AZ"',
      ].join('\n');
      const tokens = tokenize(yaml, text);
      expectScopes(tokens, text, 'Function', ['entity.name.tag.yaml']);
      expectScopes(tokens, text, 'hyperplane-lens-ignore', ['comment.line.number-sign.yaml', 'keyword.other.suppression.hyperplane-lens'], { occurrence: 1 });
      expectScopes(tokens, text, 'LAMBDA_SINGLE_AZ', ['comment.line.number-sign.yaml', 'constant.other.rule-id.hyperplane-lens'], { occurrence: 1 });
      expectScopes(tokens, text, 'hyperplane-lens-ignore', ['keyword.other.suppression.hyperplane-lens'], { occurrence: 2 });
      expectScopes(tokens, text, 'LAMBDA_NO_EGRESS', ['constant.other.rule-id.hyperplane-lens']);
      expectScopes(tokens, text, 'ENI_QUOTA', ['constant.other.rule-id.hyperplane-lens']);
      expectScopes(tokens, text, 'hyperplane-lens-ignore LAMBDA_SINGLE_AZ"', ['string.quoted.double.yaml'], { absent: ['keyword.other.suppression'] });
    });
  });
});
