// Tests of the HCL JSON-syntax reader: block label levels, nested meta-blocks, templates inside JSON strings
// (spans mapped through JSON escapes), "//" comments and recovery from broken JSON.

import * as assert from 'node:assert/strict';
import { parseHclJson } from '../../../../server/src/syntax/hcl/hclJson';
import type { HclAttribute, HclBlock, HclFile, HclTemplate } from '../../../../server/src/syntax/hcl/ast';
import type { Span } from '../../../../server/src/syntax/text';
import { exprText, partsText, spanViolations } from './hclTreeText';

function parse(text: string): HclFile {
  const file = parseHclJson(text);
  assert.deepEqual(spanViolations(file, text.length), []);
  assert.equal(file.syntax, 'json');
  return file;
}

function cut(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function blockNames(items: HclFile['body']['items']): string[] {
  return items.filter((i): i is HclBlock => i.kind === 'block').map((b) => [b.type, ...b.labels.map((l) => l.value)].join(' '));
}

describe('parseHclJson', () => {
  it('unfolds resource labels and keeps attributes with exact spans', () => {
    const text = JSON.stringify(
      {
        resource: {
          aws_vpc: { main: { cidr_block: '10.0.0.0/16', enable_dns_support: true } },
          aws_subnet: { a: { vpc_id: '${aws_vpc.main.id}', count: 2 }, b: [{ vpc_id: 'x' }, { vpc_id: 'y' }] },
        },
        variable: { env: { default: 'dev', type: 'string' } },
        locals: { tags: { Name: 'x' } },
        terraform: { backend: { s3: { bucket: 'b' } }, required_providers: { aws: { source: 'hashicorp/aws' } } },
      },
      null,
      2,
    );
    const file = parse(text);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(blockNames(file.body.items), [
      'resource aws_vpc main',
      'resource aws_subnet a',
      'resource aws_subnet b',
      'resource aws_subnet b',
      'variable env',
      'locals',
      'terraform',
    ]);
    const vpc = file.body.items[0] as HclBlock;
    assert.equal(cut(text, vpc.typeSpan), '"resource"');
    assert.deepEqual(
      vpc.labels.map((l) => cut(text, l.span)),
      ['"aws_vpc"', '"main"'],
    );
    const cidr = vpc.body.items[0] as HclAttribute;
    assert.equal(cut(text, cidr.span), '"cidr_block": "10.0.0.0/16"');
    assert.equal(cut(text, cidr.expr.span), '"10.0.0.0/16"');
    assert.equal(exprText(cidr.expr), 'tpl("10.0.0.0/16")');
    assert.equal(exprText((vpc.body.items[1] as HclAttribute).expr), 'true');
    const subnet = file.body.items[1] as HclBlock;
    const vpcId = subnet.body.items[0] as HclAttribute;
    assert.equal(exprText(vpcId.expr), 'tpl(${aws_vpc.main.id})');
    const interp = (vpcId.expr as HclTemplate).parts[0];
    assert.ok(interp && interp.kind === 'interpolation');
    assert.equal(cut(text, interp.span), '${aws_vpc.main.id}');
    assert.equal(cut(text, interp.expr.span), 'aws_vpc.main.id');
    const locals = file.body.items[5] as HclBlock;
    assert.equal(exprText((locals.body.items[0] as HclAttribute).expr), '{"Name"=tpl("x")}');
    const terraform = file.body.items[6] as HclBlock;
    assert.deepEqual(blockNames(terraform.body.items), ['backend s3', 'required_providers']);
  });

  it('maps nested objects in resource bodies to object attributes and keeps meta-blocks as blocks', () => {
    const text = JSON.stringify({
      resource: {
        aws_lambda_function: {
          f: {
            vpc_config: { subnet_ids: ['${aws_subnet.a.id}'] },
            ingress: [{ from_port: 443 }],
            lifecycle: { create_before_destroy: true },
            dynamic: { egress: { for_each: '${var.rules}', content: { to_port: 0 } } },
          },
        },
      },
    });
    const file = parse(text);
    assert.deepEqual(file.problems, []);
    const f = file.body.items[0] as HclBlock;
    assert.deepEqual(
      f.body.items.map((i) => (i.kind === 'attribute' ? `${i.name}=${exprText(i.expr)}` : `block ${i.type}`)),
      [
        'vpc_config={"subnet_ids"=[tpl(${aws_subnet.a.id})]}',
        'ingress=[{"from_port"=443}]',
        'block lifecycle',
        'block dynamic',
      ],
    );
    const dynamic = f.body.items[3] as HclBlock;
    assert.deepEqual(
      dynamic.labels.map((l) => l.value),
      ['egress'],
    );
    assert.deepEqual(blockNames(dynamic.body.items), ['content']);
  });

  it('parses templates with directives and maps spans through JSON escapes', () => {
    const text = '{"locals": {"a": "\\"q\\" ${var.x} %{ if y }z%{ endif }", "b": "$${literal}"}}';
    const file = parse(text);
    assert.deepEqual(file.problems, []);
    const locals = file.body.items[0] as HclBlock;
    const a = (locals.body.items[0] as HclAttribute).expr as HclTemplate;
    assert.equal(partsText(a.parts), '"\\"q\\" " ${var.x} " " %if(y; "z")');
    assert.equal(cut(text, a.span), '"\\"q\\" ${var.x} %{ if y }z%{ endif }"');
    const interp = a.parts[1];
    assert.ok(interp);
    assert.equal(cut(text, interp.span), '${var.x}');
    const b = (locals.body.items[1] as HclAttribute).expr as HclTemplate;
    assert.equal(partsText(b.parts), '"${literal}"');
  });

  it('treats "//" properties as comments', () => {
    const text = '{"//": "generated", "variable": {"x": {"//": "note", "default": 1}}}';
    const file = parse(text);
    assert.deepEqual(
      file.comments.map((c) => c.text),
      ['"//": "generated"', '"//": "note"'],
    );
    const x = file.body.items[0] as HclBlock;
    assert.deepEqual(
      x.body.items.map((i) => (i as HclAttribute).name),
      ['default'],
    );
  });

  it('reads numbers, null and nested arrays', () => {
    const file = parse('{"a": -1.5e2, "b": null, "c": [1, [true, "s"]], "d": {}}');
    assert.deepEqual(
      file.body.items.map((i) => `${(i as HclAttribute).name}=${exprText((i as HclAttribute).expr)}`),
      ['a=-150', 'b=null', 'c=[1, [true, tpl("s")]]', 'd={}'],
    );
  });

  it('recovers from broken JSON and keeps what it could read', () => {
    const text = '{\n  "resource": {"aws_vpc": {"a": {"cidr_block": "10.0.0.0/16"\n  }}},\n  "locals": {"x": "unterminated\n  }\n';
    const file = parse(text);
    assert.ok(file.problems.length > 0);
    assert.deepEqual(blockNames(file.body.items), ['resource aws_vpc a', 'locals']);
    assert.ok(file.problems.some((p) => /Unterminated string/.test(p.message)));
  });

  it('reports missing commas, trailing commas, junk and a non-object root', () => {
    const text = '{"a": 1 "b": 2, "c": [1,], d: 3}';
    const file = parse(text);
    // The JSON reader (json/jsonParser.ts) words these; here only where they are matters.
    const starts = file.problems.map((p) => p.span.start);
    assert.equal(starts.length, 3);
    assert.ok(starts[0] !== undefined && starts[0] > text.indexOf('1 "b"') && starts[0] <= text.indexOf('"b"'));
    assert.deepEqual(starts.slice(1), [text.indexOf(',]'), text.indexOf('d:')]);
    assert.deepEqual(
      file.body.items.slice(0, 3).map((i) => (i as HclAttribute).name),
      ['a', 'b', 'c'],
    );
    assert.equal(parse('[1]').problems[0]?.message, 'Expected a JSON object at the top level of a Terraform JSON file');
    assert.deepEqual(parse('').body.items, []);
    for (let n = 0; n < 60; n++) parse('{"resource": {"aws_vpc": {"a": {"x": "${var.y}"}}}}'.slice(0, n));
  });
});
