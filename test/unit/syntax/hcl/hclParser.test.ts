// Tests of the HCL native-syntax reader: every construct, precedence, templates and heredocs, spans checked
// against the source text, and recovery from the half-written states a user passes through while typing.

import * as assert from 'node:assert/strict';
import { parseHcl } from '../../../../server/src/syntax/hcl/hclParser';
import type { HclAttribute, HclBlock, HclExpr, HclFile, HclTemplate } from '../../../../server/src/syntax/hcl/ast';
import type { Span } from '../../../../server/src/syntax/text';
import { exprText, partsText, spanViolations } from './hclTreeText';

function parse(text: string): HclFile {
  const file = parseHcl(text);
  assert.deepEqual(spanViolations(file, text.length), [], 'spans nest inside their parents');
  return file;
}

function cut(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function attr(file: HclFile, name: string): HclAttribute {
  const found = file.body.items.find((i): i is HclAttribute => i.kind === 'attribute' && i.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

/** Parses `x = <expr>` and returns the expression (requiring no problems). */
function expr(source: string): HclExpr {
  const text = `x = ${source}\n`;
  const file = parse(text);
  assert.deepEqual(file.problems, []);
  const a = attr(file, 'x');
  assert.equal(cut(text, a.expr.span), source, 'expression span covers its source');
  return a.expr;
}

function show(source: string): string {
  return exprText(expr(source));
}

function template(source: string): HclTemplate {
  const e = expr(source);
  if (e.kind !== 'template') assert.fail(`expected a template, got ${e.kind}`);
  return e;
}

function blocks(file: HclFile): HclBlock[] {
  return file.body.items.filter((i): i is HclBlock => i.kind === 'block');
}

function messages(file: HclFile): string[] {
  return file.problems.map((p) => p.message);
}

describe('parseHcl', () => {
  describe('bodies', () => {
    it('reads blocks with labels and attributes with exact spans', () => {
      const text = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  enable_dns = true\n}\n';
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      assert.equal(file.syntax, 'native');
      const [block] = blocks(file);
      assert.ok(block);
      assert.equal(block.type, 'resource');
      assert.equal(cut(text, block.typeSpan), 'resource');
      assert.deepEqual(
        block.labels.map((l) => [l.value, cut(text, l.span)]),
        [
          ['aws_vpc', '"aws_vpc"'],
          ['main', '"main"'],
        ],
      );
      assert.equal(cut(text, block.span), text.slice(0, text.length - 1));
      assert.equal(cut(text, block.body.span), text.slice(text.indexOf('{'), text.length - 1));
      const [a, b] = block.body.items as HclAttribute[];
      assert.ok(a && b);
      assert.equal(cut(text, a.span), 'cidr_block = "10.0.0.0/16"');
      assert.equal(cut(text, a.nameSpan), 'cidr_block');
      assert.equal(cut(text, a.expr.span), '"10.0.0.0/16"');
      assert.equal(cut(text, b.span), 'enable_dns = true');
      assert.equal(file.body.span.end, text.length);
    });

    it('reads nested blocks, identifier labels, label-less blocks and one-line blocks', () => {
      const text = [
        'resource "aws_security_group" "sg" {',
        '  ingress {',
        '    from_port = 443',
        '  }',
        '  dynamic "egress" {',
        '    for_each = var.rules',
        '    content { cidr_blocks = egress.value }',
        '  }',
        '  lifecycle {}',
        '}',
        'thing label {',
        '}',
        'locals { a = 1 }',
      ].join('\n');
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      const [sg, thing, locals] = blocks(file);
      assert.ok(sg && thing && locals);
      const nested = sg.body.items as HclBlock[];
      assert.deepEqual(
        nested.map((b) => `${b.type}${b.labels.map((l) => ` ${l.value}`).join('')}`),
        ['ingress', 'dynamic egress', 'lifecycle'],
      );
      const content = nested[1]?.body.items[1] as HclBlock;
      assert.equal(cut(text, content.span), 'content { cidr_blocks = egress.value }');
      assert.equal(exprText((content.body.items[0] as HclAttribute).expr), 'egress.value');
      assert.equal(cut(text, thing.labels[0]?.span ?? { start: 0, end: 0 }), 'label');
      assert.equal(cut(text, locals.span), 'locals { a = 1 }');
      assert.equal((locals.body.items[0] as HclAttribute).name, 'a');
    });

    it('collects #, // and /* */ comments with their markers and spans', () => {
      const text = '# top\nresource "a" "b" { // trailing\n  /* block\n  comment */ x = 1 # after\n}\n';
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      assert.deepEqual(
        file.comments.map((c) => c.text),
        ['# top', '// trailing', '/* block\n  comment */', '# after'],
      );
      for (const c of file.comments) assert.equal(cut(text, c.span), c.text);
    });

    it('does not take comment markers inside strings and heredocs for comments', () => {
      const file = parse('a = "x # y // z"\nb = <<EOF\n# not a comment\nEOF\n# real\n');
      assert.deepEqual(
        file.comments.map((c) => c.text),
        ['# real'],
      );
    });

    it('accepts CRLF line endings', () => {
      const text = 'a = 1\r\nb {\r\n  c = "x"\r\n}\r\n';
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      assert.equal(file.body.items.length, 2);
      assert.equal(cut(text, attr(file, 'a').span), 'a = 1');
    });

    it('reads an empty file and a file of comments', () => {
      assert.deepEqual(parse('').body.items, []);
      const file = parse('# only\n// comments\n');
      assert.equal(file.comments.length, 2);
      assert.deepEqual(file.problems, []);
    });
  });

  describe('expressions', () => {
    it('reads literals and numbers with exponents', () => {
      assert.equal(show('42'), '42');
      assert.equal(show('1.5'), '1.5');
      assert.equal(show('1e3'), '1000');
      assert.equal(show('2.5E-2'), '0.025');
      assert.equal(show('true'), 'true');
      assert.equal(show('false'), 'false');
      assert.equal(show('null'), 'null');
      assert.equal(show('-5'), '(-5)');
    });

    it('applies HCL operator precedence and left associativity', () => {
      assert.equal(show('a || b && c'), '(a || (b && c))');
      assert.equal(show('a == b || c != d'), '((a == b) || (c != d))');
      assert.equal(show('a < b == c >= d'), '((a < b) == (c >= d))');
      assert.equal(show('1 + 2 * 3 - 4 / 5 % 6'), '((1 + (2 * 3)) - ((4 / 5) % 6))');
      assert.equal(show('a - b - c'), '((a - b) - c)');
      assert.equal(show('!a && -b.c > 1'), '((!a) && ((-b.c) > 1))');
      assert.equal(show('(1 + 2) * 3'), '(paren((1 + 2)) * 3)');
      assert.equal(show('a <= b'), '(a <= b)');
    });

    it('reads conditionals, nested to the right', () => {
      assert.equal(show('a ? b : c ? d : e'), '(a ? b : (c ? d : e))');
      assert.equal(show('x > 1 ? "y" : null'), '((x > 1) ? tpl("y") : null)');
    });

    it('reads traversals: attributes, indexes and legacy numeric indexes', () => {
      assert.equal(show('aws_vpc.main.id'), 'aws_vpc.main.id');
      assert.equal(show('var.list[0]'), 'var.list[0]');
      assert.equal(show('var.map["k"].x'), 'var.map[tpl("k")].x');
      assert.equal(show('aws_subnet.a.0.id'), 'aws_subnet.a[0].id');
      assert.equal(show('x.0.1'), 'x[0][1]');
      assert.equal(show('module.m.out[count.index]'), 'module.m.out[count.index]');
      const e = expr('aws_vpc.main.id');
      assert.equal(e.kind, 'getAttr');
      if (e.kind === 'getAttr') assert.equal(e.nameSpan.start, 'x = aws_vpc.main.'.length);
    });

    it('reads full and attribute-only splats rooted at a splat item', () => {
      assert.equal(show('aws_subnet.private[*].id'), 'splat[*](aws_subnet.private; @.id)');
      assert.equal(show('aws_subnet.private.*.id'), 'splat.*(aws_subnet.private; @.id)');
      assert.equal(show('var.x[*]'), 'splat[*](var.x; @)');
      assert.equal(show('a[*].b[0].c'), 'splat[*](a; @.b[0].c)');
      // An index after an attribute-only splat applies to the splat's result.
      assert.equal(show('a.*.b[0]'), 'splat.*(a; @.b)[0]');
      assert.equal(show('a[*].b[*].c'), 'splat[*](splat[*](a; @.b); @.c)');
      const text = 'x = aws_subnet.private[*].id\n';
      const e = attr(parse(text), 'x').expr;
      assert.equal(e.kind, 'splat');
      if (e.kind === 'splat') {
        assert.equal(cut(text, e.span), 'aws_subnet.private[*].id');
        assert.equal(cut(text, e.each.span), '[*].id');
      }
    });

    it('reads tuples and objects with all key and separator forms', () => {
      assert.equal(show('[]'), '[]');
      assert.equal(show('[1, "a", b,]'), '[1, tpl("a"), b]');
      assert.equal(show('[\n  1,\n  2\n]'), '[1, 2]');
      assert.equal(show('{}'), '{}');
      assert.equal(show('{ a = 1, "b" = 2, (c) = 3 }'), '{"a"=1, tpl("b")=2, paren(c)=3}');
      assert.equal(show('{\n  a = 1\n  b: 2\n\n  c = [\n    3,\n  ]\n}'), '{"a"=1, "b"=2, "c"=[3]}');
      assert.equal(show('{ Name = "x", Env = var.env }'), '{"Name"=tpl("x"), "Env"=var.env}');
      const text = 'x = { a = 1 }\n';
      const e = attr(parse(text), 'x').expr;
      assert.equal(e.kind, 'object');
      if (e.kind === 'object') {
        assert.equal(cut(text, e.items[0]?.span ?? e.span), 'a = 1');
        assert.equal(cut(text, e.items[0]?.key.span ?? e.span), 'a');
      }
    });

    it('reads function calls, provider functions and argument expansion', () => {
      assert.equal(show('f()'), 'f()');
      assert.equal(show('cidrsubnet(var.cidr, 8, count.index)'), 'cidrsubnet(var.cidr, 8, count.index)');
      assert.equal(show('concat(\n  a,\n  b,\n)'), 'concat(a, b)');
      assert.equal(show('max(var.list...)'), 'max(var.list...)');
      assert.equal(show('provider::aws::arn_parse(x)'), 'provider::aws::arn_parse(x)');
      const text = 'x = provider::aws::arn_parse(x).region\n';
      const e = attr(parse(text), 'x').expr;
      assert.equal(e.kind, 'getAttr');
      if (e.kind === 'getAttr' && e.object.kind === 'call') assert.equal(cut(text, e.object.nameSpan), 'provider::aws::arn_parse');
    });

    it('reads for expressions in tuple and object form', () => {
      assert.equal(show('[for s in var.subnets : s.id]'), '[for s in var.subnets : s.id]');
      assert.equal(show('[for i, s in var.l : upper(s) if i > 0]'), '[for i, s in var.l : upper(s) if (i > 0)]');
      assert.equal(show('{for k, v in var.m : k => v.id}'), '{for k, v in var.m : k => v.id}');
      assert.equal(show('{for s in var.l : s.az => s.id...}'), '{for s in var.l : s.az => s.id...}');
      assert.equal(
        show('{\n  for k, v in var.m :\n  k => v\n  if v != null\n}'),
        '{for k, v in var.m : k => v if (v != null)}',
      );
    });
  });

  describe('templates', () => {
    it('decodes escapes', () => {
      assert.equal(partsText(template('"a\\nb\\tc\\"d\\\\e"').parts), JSON.stringify('a\nb\tc"d\\e'));
      assert.equal(partsText(template('"\\u00e9\\U0001F600"').parts), JSON.stringify('é😀'));
      assert.equal(partsText(template('"$${x} %%{y}"').parts), JSON.stringify('${x} %{y}'));
      assert.equal(partsText(template('"$ % $x"').parts), JSON.stringify('$ % $x'));
    });

    it('makes an empty string one empty string part', () => {
      const t = template('""');
      assert.equal(t.parts.length, 1);
      assert.equal(partsText(t.parts), '""');
    });

    it('reads interpolations with exact spans and strip markers', () => {
      const text = 'x = "arn:${var.partition}:s3:::${aws_s3_bucket.b.id}/*"\n';
      const t = attr(parse(text), 'x').expr as HclTemplate;
      assert.equal(partsText(t.parts), '"arn:" ${var.partition} ":s3:::" ${aws_s3_bucket.b.id} "/*"');
      assert.deepEqual(
        t.parts.map((p) => cut(text, p.span)),
        ['arn:', '${var.partition}', ':s3:::', '${aws_s3_bucket.b.id}', '/*'],
      );
      assert.equal(cut(text, t.span), '"arn:${var.partition}:s3:::${aws_s3_bucket.b.id}/*"');
      assert.equal(partsText(template('"a  ${~ b ~}  c"').parts), '"a" ${b} "c"');
      assert.equal(partsText(template('"${ {a = 1}.a }"').parts), '${{"a"=1}.a}');
      assert.equal(partsText(template('"${"inner ${x}"}"').parts), '${tpl("inner " ${x})}');
    });

    it('reads %{if} and %{for} directives, nested, with else', () => {
      assert.equal(
        partsText(template('"%{ if a }yes%{ else }no%{ endif }!"').parts),
        '%if(a; "yes"; else "no") "!"',
      );
      assert.equal(
        partsText(template('"%{for k, v in m}${k}=${v},%{endfor}"').parts),
        '%for(k, v in m; ${k} "=" ${v} ",")',
      );
      assert.equal(
        partsText(template('"%{for x in l}%{if x > 1}${x}%{endif}%{endfor}"').parts),
        '%for(x in l; %if((x > 1); ${x}))',
      );
      const text = 'x = "%{ if a }yes%{ endif }"\n';
      const part = (attr(parse(text), 'x').expr as HclTemplate).parts[0];
      assert.ok(part);
      assert.equal(cut(text, part.span), '%{ if a }yes%{ endif }');
    });

    it('reads heredocs, keeping the text as written', () => {
      const text = 'policy = <<EOF\n{\n  "a": "${var.x}"\n}\nEOF\nnext = 1\n';
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      const t = attr(file, 'policy').expr as HclTemplate;
      assert.deepEqual(t.heredoc, { marker: 'EOF', indented: false });
      assert.equal(partsText(t.parts), '"{\\n  \\"a\\": \\"" ${var.x} "\\"\\n}\\n"');
      assert.equal(cut(text, t.span), text.slice(text.indexOf('<<'), text.indexOf('EOF\nnext') + 3));
      assert.equal(exprText(attr(file, 'next').expr), '1');
    });

    it('strips the smallest indentation of non-blank lines in <<- heredocs', () => {
      const text = 'a = <<-EOT\n    hello\n      world\n\n    ${x}\n    EOT\n';
      const file = parse(text);
      assert.deepEqual(file.problems, []);
      const t = attr(file, 'a').expr as HclTemplate;
      assert.deepEqual(t.heredoc, { marker: 'EOT', indented: true });
      assert.equal(partsText(t.parts), '"hello\\n  world\\n\\n" ${x} "\\n"');
      const b = parse('b = <<-EOT\n\t\tone\n\t\t  two\n\tEOT\n');
      assert.equal(partsText((attr(b, 'b').expr as HclTemplate).parts), '"one\\n  two\\n"');
      // A line starting with an interpolation has no indentation, so nothing is stripped.
      const c = parse('c = <<-EOT\n  a\n${x}\nEOT\n');
      assert.equal(partsText((attr(c, 'c').expr as HclTemplate).parts), '"  a\\n" ${x} "\\n"');
    });

    it('reads heredoc directives and an empty heredoc', () => {
      const file = parse('a = <<-EOT\n  %{ for s in l ~}\n  - ${s}\n  %{ endfor ~}\n  EOT\nb = <<EOF\nEOF\n');
      assert.deepEqual(file.problems, []);
      // As terraform console: `~}` empties the rest of its line, so the next line does not start a line for
      // `<<-` and keeps its indentation (heredocStrip.test.ts has the cases).
      assert.equal(partsText((attr(file, 'a').expr as HclTemplate).parts), '"" %for(s in l; "  - " ${s} "\\n") ""');
      assert.equal((attr(file, 'b').expr as HclTemplate).parts.length, 0);
    });
  });

  describe('error recovery', () => {
    const after = 'resource "aws_subnet" "after" {\n  vpc_id = aws_vpc.main.id\n}\n';

    function checkAfter(text: string, file: HclFile): void {
      const last = blocks(file).at(-1);
      assert.ok(last, 'a block after the error');
      assert.deepEqual(
        last.labels.map((l) => l.value),
        ['aws_subnet', 'after'],
      );
      assert.equal(cut(text, last.span), after.trimEnd());
      assert.equal(exprText((last.body.items[0] as HclAttribute).expr), 'aws_vpc.main.id');
    }

    it('reports an attribute with no value and keeps the next attributes and blocks', () => {
      const text = `resource "aws_lambda_function" "f" {\n  subnet_ids = \n  handler = "x"\n}\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), ['Expected an expression']);
      const f = blocks(file)[0];
      assert.ok(f);
      assert.deepEqual(
        f.body.items.map((i) => (i.kind === 'attribute' ? `${i.name}=${exprText(i.expr)}` : i.type)),
        ['subnet_ids=!invalid', 'handler=tpl("x")'],
      );
      assert.equal(file.problems[0]?.span.start, text.indexOf('\n  handler'));
      checkAfter(text, file);
    });

    it('reports a trailing dot and keeps the rest', () => {
      const text = `resource "a" "b" {\n  vpc_id = aws_vpc.\n}\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), ["Expected an attribute name after '.'"]);
      const e = (blocks(file)[0]?.body.items[0] as HclAttribute).expr;
      assert.equal(e.kind, 'invalid');
      assert.equal(cut(text, e.span), 'aws_vpc.');
      checkAfter(text, file);
    });

    it('recovers from an unclosed block at the next top-level block', () => {
      const text = `resource "a" "b" {\n  x = 1\n  ingress {\n    y = 2\n\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), [
        "Expected '}' to close the block opened at line 3",
        "Expected '}' to close the block opened at line 1",
      ]);
      assert.equal(file.problems[0]?.span.start, text.indexOf('{\n    y'));
      const first = blocks(file)[0];
      assert.ok(first);
      assert.equal(cut(text, first.span), 'resource "a" "b" {\n  x = 1\n  ingress {\n    y = 2');
      assert.equal(blocks(file).length, 2);
      checkAfter(text, file);
    });

    it('reports an unclosed block at the end of the file', () => {
      const text = 'resource "a" "b" {\n  x = 1\n';
      const file = parse(text);
      assert.deepEqual(messages(file), ["Expected '}' to close the block opened at line 1"]);
      assert.equal(cut(text, blocks(file)[0]?.span ?? { start: 0, end: 0 }), 'resource "a" "b" {\n  x = 1');
    });

    it('ends an unterminated string at the end of its line', () => {
      const text = `resource "a" "b" {\n  name = "abc\n  other = 1\n}\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), ['Unterminated string: expected \'"\' before the end of the line']);
      assert.equal(cut(text, file.problems[0]?.span ?? { start: 0, end: 0 }), '"abc');
      const items = blocks(file)[0]?.body.items as HclAttribute[];
      assert.deepEqual(
        items.map((i) => `${i.name}=${exprText(i.expr)}`),
        ['name=tpl("abc")', 'other=1'],
      );
      checkAfter(text, file);
    });

    it('recovers from an unclosed interpolation without swallowing later lines', () => {
      const text = `resource "a" "b" {\n  name = "x-\${var.env\n  other = 1\n}\n${after}`;
      const file = parse(text);
      assert.ok(file.problems.length >= 1);
      assert.match(messages(file)[0] ?? '', /Expected '}' to close the interpolation/);
      const items = blocks(file)[0]?.body.items as HclAttribute[];
      assert.deepEqual(
        items.map((i) => i.name),
        ['name', 'other'],
      );
      checkAfter(text, file);
    });

    it('skips a garbage line and keeps the block', () => {
      const text = `resource "a" "b" {\n  x = 1\n  ??? "junk" {\n  y = 2\n}\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), ["Expected an attribute or a block, found '?'"]);
      const items = blocks(file)[0]?.body.items as HclAttribute[];
      assert.deepEqual(
        items.map((i) => i.name),
        ['x', 'y'],
      );
      checkAfter(text, file);
    });

    it('reports extra tokens after a value, a stray brace, and a name alone on a line', () => {
      const file = parse(`a = 1 2\n}\nsubnet_ids\n${after}`);
      assert.deepEqual(messages(file), [
        "Unexpected '2' after the value of 'a': expected a newline",
        "Unexpected '}': no block is open here",
        "Expected '=' after 'subnet_ids' for an attribute, or labels and '{' for a block",
      ]);
      checkAfter(`a = 1 2\n}\nsubnet_ids\n${after}`, file);
    });

    it('recovers from unclosed tuples, calls and objects at the next top-level block', () => {
      for (const broken of ['x = [1, 2', 'x = concat(a, ', 'x = {\n  a = 1', 'x = (1 + ']) {
        const text = `${broken}\n\n${after}`;
        const file = parse(text);
        assert.ok(file.problems.length >= 1, broken);
        checkAfter(text, file);
      }
    });

    it('reports an unterminated heredoc', () => {
      const text = 'a = <<EOF\nline\n';
      const file = parse(text);
      assert.deepEqual(messages(file), ["Unterminated heredoc: expected a line containing only 'EOF'"]);
      assert.equal(partsText((attr(file, 'a').expr as HclTemplate).parts), '"line\\n"');
    });

    it('reports a block header without a body', () => {
      const text = `resource "aws_vpc" "x"\n${after}`;
      const file = parse(text);
      assert.deepEqual(messages(file), ["Expected '{' to open the body of the 'resource' block, found newline"]);
      assert.equal(blocks(file)[0]?.labels.length, 2);
      checkAfter(text, file);
    });

    it('reports template directive mistakes', () => {
      assert.match(messages(parse('a = "%{ if x }y"\n'))[0] ?? '', /Expected %\{endif\}/);
      assert.match(messages(parse('a = "%{ endif }"\n'))[0] ?? '', /Unexpected %\{endif\}/);
      assert.match(messages(parse('a = "%{ bogus }"\n'))[0] ?? '', /Expected 'if', 'for'/);
      assert.match(messages(parse('a = "\\q"\n'))[0] ?? '', /Invalid escape/);
    });

    it('never throws and keeps spans sound on every prefix of a realistic file', () => {
      const text = [
        'resource "aws_lambda_function" "f" {',
        '  function_name = "fn-${var.env}"',
        '  vpc_config {',
        '    subnet_ids         = aws_subnet.private[*].id',
        '    security_group_ids = [aws_security_group.sg.id]',
        '  }',
        '  environment {',
        '    variables = { for k, v in var.env_vars : k => v if v != null }',
        '  }',
        '  policy = <<-EOT',
        '    %{ if var.x }${jsonencode({ a = 1 })}%{ endif }',
        '    EOT',
        '  tags = merge(local.tags, { Name = "f" })',
        '}',
        '',
      ].join('\n');
      for (let n = 0; n <= text.length; n++) {
        const prefix = text.slice(0, n);
        const file = parseHcl(prefix);
        assert.deepEqual(spanViolations(file, prefix.length), [], `prefix ${n}`);
      }
      // Deleting any single character also never breaks the reader.
      for (let n = 0; n < text.length; n++) {
        const edited = text.slice(0, n) + text.slice(n + 1);
        assert.deepEqual(spanViolations(parseHcl(edited), edited.length), [], `deletion at ${n}`);
      }
    });

    it('survives pathological nesting without a stack overflow', () => {
      const deep = `x = ${'['.repeat(5000)}\n`;
      assert.ok(parseHcl(deep).problems.length > 0);
      const blocksDeep = 'a {\n'.repeat(3000);
      assert.ok(parseHcl(blocksDeep).problems.length > 0);
      const tpl = `x = "${'%{if a}'.repeat(3000)}"\n`;
      assert.ok(parseHcl(tpl).problems.length > 0);
    });

    it('recovers at every line of many broken strings (each line is its own attribute)', () => {
      // Recovery restarts at the next line rather than rescanning the rest of the file from each error (the
      // speed of this is measured by \`npm run bench\`, not asserted here).
      const line = 'a = "x ${ [1,\n';
      const file = parseHcl(line.repeat(20000));
      assert.equal(file.body.items.length, 20000);
      assert.ok(file.problems.length >= 20000);
    });
  });
});
