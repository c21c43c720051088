// Template strip markers (`~`) and `<<-` indentation, as Terraform applies them: HCL scans each heredoc line as
// its own literal, so a marker trims only the adjacent literal, and `<<-` removes indentation after stripping,
// counting only literals that start a line. Every expected string is what `terraform console` (v1.11) gave
// for the same expression (the cases are also in test/fixtures/terraform/evaluatorOracle.tf and the CRLF
// list of test/corpus/terraform/functionsOracle.test.ts, which re-check them when terraform is installed).

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { renderValue } from '../../../../server/src/frontends/terraform/valueOps';
import { parseHcl, parseTemplateContent } from '../../../../server/src/syntax/hcl/hclParser';
import type { HclAttribute, HclTemplate, HclTemplatePart } from '../../../../server/src/syntax/hcl/ast';
import { memoryView } from '../../frontends/terraform/tfFixture';
import { partsText, spanViolations } from './hclTreeText';

interface StripCase {
  readonly name: string;
  readonly about: string;
  /** The expression's source lines (joined with CRLF when `crlf`). */
  readonly lines: readonly string[];
  /** The string terraform console evaluated it to. */
  readonly terraform: string;
  readonly crlf?: true;
}

const CASES: readonly StripCase[] = [
  {
    name: 'c601', about: "<<EOT: `~}` ends its own line only; the body keeps its indentation",
    lines: [
      '<<EOT',
      '%{ for x in local.hd_list ~}',
      '  - ${x}',
      '%{ endfor ~}',
      'EOT',
    ],
    terraform: "  - a\n  - b\n",
  },
  {
    name: 'c602', about: "<<EOT: `%{~` at a line start also takes the line break before it",
    lines: [
      '<<EOT',
      '%{~ for x in local.hd_list ~}',
      '  - ${x}',
      '%{~ endfor ~}',
      'EOT',
    ],
    terraform: "  - a  - b",
  },
  {
    name: 'c603', about: "<<EOT: `%{~` without `~}` joins the directive to the line above",
    lines: [
      '<<EOT',
      'head',
      '%{~ for x in local.hd_list }',
      '${x}',
      '%{~ endfor }',
      'tail',
      'EOT',
    ],
    terraform: "head\na\nb\ntail\n",
  },
  {
    name: 'c604', about: "<<EOT: `${~` after indentation trims only that indentation",
    lines: [
      '<<EOT',
      'a   ',
      '  ${~ "x" ~}   ',
      '  b',
      'EOT',
    ],
    terraform: "a   \nx  b\n",
  },
  {
    name: 'c605', about: "<<EOT: `${~` at a line start trims the line above; `~}` stops at its own line break",
    lines: [
      '<<EOT',
      'a   ',
      '${~ "x" ~}   ',
      '',
      '  b',
      'EOT',
    ],
    terraform: "ax\n  b\n",
  },
  {
    name: 'c606', about: "<<-: the line after `~}` does not start a line, so it keeps its indentation",
    lines: [
      '<<-EOT',
      '    %{ if true ~}',
      '    yes',
      '    %{ endif ~}',
      '    EOT',
    ],
    terraform: "    yes\n",
  },
  {
    name: 'c607', about: "<<-: `%{~ if ~}` at the first line counts as zero indentation",
    lines: [
      '<<-EOT',
      '    %{~ if true ~}',
      '    yes',
      '    %{~ endif ~}',
      '    EOT',
    ],
    terraform: "    yes\n",
  },
  {
    name: 'c608', about: "<<-: the indentation of the lines that start one is removed",
    lines: [
      '<<-EOT',
      '    first',
      '    %{ if true ~}',
      '    yes',
      '    %{ endif ~}',
      '    last',
      '    EOT',
    ],
    terraform: "first\n    yes\n    last\n",
  },
  {
    name: 'c609', about: "<<-: stripped-empty line starts give zero indentation; deeper lines keep theirs",
    lines: [
      '<<-EOT',
      '    first',
      '    %{~ if true ~}',
      '      deeper',
      '    %{~ endif ~}',
      '    last',
      '    EOT',
    ],
    terraform: "    first\n      deeper\n    last\n",
  },
  {
    name: 'c610', about: "<<-: tabs count as one indentation character each",
    lines: [
      '<<-EOT',
      '\t%{ for x in local.hd_list ~}',
      '\t- ${x}',
      '\t%{ endfor ~}',
      '\tEOT',
    ],
    terraform: "\t- a\n\t- b\n",
  },
  {
    name: 'c611', about: "<<-: %{else ~} and %{~ endif} with tab indentation",
    lines: [
      '<<-EOT',
      '\t  mixed',
      '\t  %{ if false }no%{ else ~}',
      '\t  else-branch',
      '\t  %{~ endif }',
      '\tEOT',
    ],
    terraform: "\t  mixed\n\t  \t  else-branch\n\n",
  },
  {
    name: 'c612', about: "<<-: `%{~` at a line start trims only the one blank line above",
    lines: [
      '<<-EOT',
      '    a',
      '',
      '    %{~ if true }',
      '    b',
      '    %{ endif }',
      '    EOT',
    ],
    terraform: "    a\n\n\n    b\n    \n",
  },
  {
    name: 'c613', about: "<<-: whitespace-only lines are kept; `${~ ~}` mid-line",
    lines: [
      '<<-EOT',
      '    a',
      '      ',
      '    b ${~ " c " ~}    ',
      '    d',
      '    EOT',
    ],
    terraform: "a\n      \nb c     d\n",
  },
  {
    name: 'c614', about: "<<EOT: %{if}/%{else}/%{endif} without strip markers keep every line break",
    lines: [
      '<<EOT',
      '%{ if true }',
      '  yes',
      '%{ else }',
      '  no',
      '%{ endif }',
      'EOT',
    ],
    terraform: "\n  yes\n\n",
  },
  {
    name: 'c615', about: "<<EOT: %{else} with strip markers on both sides",
    lines: [
      '<<EOT',
      '%{ if false ~}',
      '  yes',
      '%{~ else ~}',
      '  no',
      '%{~ endif ~}',
      'EOT',
    ],
    terraform: "  no",
  },
  {
    name: 'c616', about: "<<-: nested %{for}/%{if} with `~}` only",
    lines: [
      '<<-EOT',
      '    %{ for x in local.hd_list ~}',
      '      %{ if x == "a" ~}',
      '        A',
      '      %{ else ~}',
      '        other ${x}',
      '      %{ endif ~}',
      '    %{ endfor ~}',
      '    EOT',
    ],
    terraform: "              A\n                    other b\n      ",
  },
  {
    name: 'c617', about: "<<-: nested %{for}/%{if} with `~` on both sides",
    lines: [
      '<<-EOT',
      '    %{~ for x in local.hd_list ~}',
      '      %{~ if x == "a" ~}',
      '        A',
      '      %{~ else ~}',
      '        other ${x}',
      '      %{~ endif ~}',
      '    %{~ endfor ~}',
      '    EOT',
    ],
    terraform: "        A\n        other b\n",
  },
  {
    name: 'c618', about: "<<-: $${ and %%{ escapes at line starts; `${~` at a line start",
    lines: [
      '<<-EOT',
      '    $${literal} ${"x"}',
      '      %%{ not a directive }',
      '    ${~ "y"}',
      '    EOT',
    ],
    terraform: "    ${literal} x\n      %{ not a directive }\ny\n",
  },
  {
    name: 'c619', about: "<<EOT: escapes next to `~` on both sides",
    lines: [
      '<<EOT',
      '  $${a} ${~ "b" ~}  $${c}  ',
      '  %%{ d } %{~ if true ~}  e  %{~ endif ~}  f',
      'EOT',
    ],
    terraform: "  ${a}b${c}  \n  %{ d }ef\n",
  },
  {
    name: 'c620', about: "<<-: a line starting with ${\u2026} has zero indentation",
    lines: [
      '<<-EOT',
      '      ${"start"}',
      '    two',
      '    EOT',
    ],
    terraform: "  start\ntwo\n",
  },
  {
    name: 'c621', about: "<<-: `${~` mid-line keeps the text before it",
    lines: [
      '<<-EOT',
      '      a ${~ "x"}',
      '    b',
      '    EOT',
    ],
    terraform: "  ax\nb\n",
  },
  {
    name: 'c622', about: "<<-: `${~` at a line start joins it to the line above",
    lines: [
      '<<-EOT',
      '    a',
      '    ${~ "x"} b',
      '      c',
      '    EOT',
    ],
    terraform: "    a\nx b\n      c\n",
  },
  {
    name: 'c623', about: "<<-: `~}` outside a sequence is text",
    lines: [
      '<<-EOT',
      '    x ~}',
      '    EOT',
    ],
    terraform: "x ~}\n",
  },
  {
    name: 'c624', about: "<<-: a line of only directives has zero indentation",
    lines: [
      '<<-EOT',
      '    %{ for x in local.hd_list }${x}%{ endfor }',
      '      indented',
      '    EOT',
    ],
    terraform: "ab\n  indented\n",
  },
  {
    name: 'c625', about: "<<-: deeper lines between stripped directives keep their indentation",
    lines: [
      '<<-EOT',
      '        %{~ for x in local.hd_list ~}',
      '        ${x},',
      '        %{~ endfor ~}',
      '    done',
      '    EOT',
    ],
    terraform: "        a,\n        b,\n    done\n",
  },
  {
    name: 'c626', about: "<<-: blank lines around stripped directives",
    lines: [
      '<<-EOT',
      '',
      '    %{~ if true ~}',
      '',
      '      kept',
      '',
      '    %{~ endif ~}',
      '',
      '    EOT',
    ],
    terraform: "\n\n      kept\n\n\n",
  },
  {
    name: 'c627', about: "quoted: `~` trims escaped whitespace (\\n, \\t) too",
    lines: [
      '"a \\n\\t ${~ "x" ~} \\t\\n b"',
    ],
    terraform: "axb",
  },
  {
    name: 'c628', about: "quoted: %{if ~} \u2026 %{~ endif}",
    lines: [
      '"%{ if true ~}  yes  %{~ endif }|"',
    ],
    terraform: "yes|",
  },
  {
    name: 'c629', about: "quoted: `${~ ~}` empties spaces on both sides",
    lines: [
      '" ${~ "x" ~} "',
    ],
    terraform: "x",
  },
  {
    name: 'c630', about: "quoted: escapes next to strip markers",
    lines: [
      '"a $${b} ${~ "c" ~} %%{d}"',
    ],
    terraform: "a ${b}c%{d}",
  },
  {
    name: 'c631', about: "quoted: %{for ~} \u2026 %{~ endfor ~}",
    lines: [
      '"%{ for x in local.hd_list ~} ${x} %{~ endfor ~} !"',
    ],
    terraform: "ab!",
  },
  {
    name: 'c632', about: "quoted: `~` trims U+00A0 (Go unicode.IsSpace)",
    lines: [
      '"x \\u00a0${~ "y" ~}\\u00a0 z"',
    ],
    terraform: "xyz",
  },
  {
    name: 'c633', about: "quoted: `~` trims U+0085 but not U+FEFF",
    lines: [
      '"x \\u0085${~ "y" ~}\\ufeff z"',
    ],
    terraform: "xy\ufeff z",
  },
  {
    name: 'c634', about: "<<-: `${~ ~}` on the first line",
    lines: [
      '<<-EOT',
      '    ${~ "a" ~}',
      '    b',
      '    EOT',
    ],
    terraform: "a    b\n",
  },
  {
    name: 'c635', about: "<<-: mixed tabs and spaces count characters",
    lines: [
      '<<-EOT',
      '   \tmixed tabs',
      '    \tand spaces',
      '    EOT',
    ],
    terraform: "mixed tabs\n\tand spaces\n",
  },
  {
    name: 'c636', about: "quoted: stripped literals still make a string, not the value passed through",
    lines: [
      '" ${~ 1 ~} "',
    ],
    terraform: "1",
  },
  {
    name: 'c637', about: "quoted: `${~` does not trim a template inside the previous interpolation",
    lines: [
      '"${"a "}${~ "b"}"',
    ],
    terraform: "a b",
  },
  {
    name: 'c638', about: "quoted: `~}` does not reach past a directive to the next literal",
    lines: [
      '"%{ if true ~}%{ endif }  x"',
      '',
    ],
    terraform: "  x",
  },
  {
    name: 'c640', about: "CRLF <<-: %{for ~} keeps each \\r\\n with its line",
    lines: [
      '<<-EOT',
      '    %{ for x in local.hd_list ~}',
      '    - ${x}',
      '    %{ endfor ~}',
      '    EOT',
    ],
    terraform: "    - a\r\n    - b\r\n", crlf: true,
  },
  {
    name: 'c641', about: "CRLF <<EOT: `~}` takes spaces and \\r\\n",
    lines: [
      '<<EOT',
      'a  ',
      '%{~ if true ~}  ',
      '  b',
      '%{~ endif ~}',
      'c',
      'EOT',
    ],
    terraform: "a  bc\r\n", crlf: true,
  },
  {
    name: 'c642', about: "CRLF <<-: `${~ ~}` at a line start",
    lines: [
      '<<-EOT',
      '    one',
      '      two',
      '',
      '    ${~ "x" ~}',
      '    three',
      '    EOT',
    ],
    terraform: "    one\r\n      two\r\n\r\nx    three\r\n", crlf: true,
  },
  {
    name: 'c643', about: "CRLF quoted",
    lines: [
      '"a ${~ "b" ~} c"',
    ],
    terraform: "abc", crlf: true,
  },
  {
    name: 'c644', about: "CRLF <<-: a whitespace-only line is kept",
    lines: [
      '<<-EOT',
      '    \t ',
      '    x',
      '    EOT',
      '',
    ],
    terraform: "    \t \r\nx\r\n", crlf: true,
  },
];

/** Each case's value through the real front end (readTerraform), as the editor hover renders it. */
function evaluateAll(cases: readonly StripCase[], nl: string): Map<string, string | undefined> {
  const locals = cases.map((c) => `  ${c.name} = ${c.lines.join(nl)}`).join(nl);
  const text = `locals {${nl}  hd_list = ["a", "b"]${nl}${locals}${nl}}${nl}output "all" { value = [${cases.map((c) => `local.${c.name}`).join(', ')}] }${nl}`;
  const out = readTerraform(memoryView(new Map([['/w/main.tf', text]])), {});
  const outputAt = text.indexOf('output "all"');
  const values = new Map<string, string | undefined>();
  for (const c of cases) values.set(c.name, out.index.hover('/w/main.tf', text.indexOf(`local.${c.name}`, outputAt) + 2)?.value);
  return values;
}

function template(text: string): HclTemplate {
  const file = parseHcl(text);
  assert.deepEqual(spanViolations(file, text.length), [], 'spans nest inside their parents');
  const attr = file.body.items[0] as HclAttribute;
  if (attr.expr.kind !== 'template') assert.fail(`expected a template, got ${attr.expr.kind}`);
  return attr.expr;
}

function spanTexts(text: string, parts: readonly HclTemplatePart[]): string[] {
  return parts.map((p) => text.slice(p.span.start, p.span.end));
}

describe('template strip markers and <<- indentation (as terraform console)', () => {
  const lf = CASES.filter((c) => c.crlf !== true);
  const crlf = CASES.filter((c) => c.crlf === true);
  const values = new Map([...evaluateAll(lf, '\n'), ...evaluateAll(crlf, '\r\n')]);

  it('has the 43 cases checked against terraform', () => {
    assert.equal(CASES.length, 43);
  });

  for (const c of CASES) {
    it(`${c.name}: ${c.about}`, () => {
      assert.equal(values.get(c.name), renderValue(c.terraform));
    });
  }

  it('keeps each template\'s tokens apart: a heredoc inside an interpolation, a literal inside one', () => {
    const nested: readonly StripCase[] = [
      {
        name: 'n1',
        about: 'a <<- heredoc inside ${~ … ~} of a <<- heredoc',
        lines: ['<<-EOT', '    a ${~ <<-X', '      in  ', '        deeper', '      X', '    ~}  ', '    y', '    EOT'],
        terraform: 'ain  \n  deeper\n    y\n',
      },
      {
        name: 'n2',
        about: '${~ right after an interpolation trims nothing',
        lines: ['<<-EOT', '      ${"q  "}${~ "r"} ${ "  s" ~}', '    t', '    EOT'],
        terraform: 'q  r   s    t\n',
      },
    ];
    const got = evaluateAll(nested, '\n');
    for (const c of nested) assert.equal(got.get(c.name), renderValue(c.terraform), c.about);
  });

  it('reads a template file (templatefile) line by line too', () => {
    // terraform console: templatefile() of this file gives "a  \n\n  b  \nz\n".
    const { parts, problems } = parseTemplateContent('a  \n\n%{~ if true ~}\n\n  b  \n  %{~ endif ~}  \nz\n', 0, undefined);
    assert.deepEqual(problems, []);
    assert.equal(partsText(parts), '"a  \\n" %if(true; "\\n  b  \\n") "z\\n"');
  });

  it('keeps every literal\'s source span, including the whitespace a marker or <<- removes', () => {
    const text = 'x = <<-EOT\n    %{ if true ~}\n    yes\n    %{ endif ~}\n    EOT\n';
    const t = template(text);
    assert.equal(partsText(t.parts), '"" %if(true; "    yes\\n") ""');
    assert.deepEqual(spanTexts(text, t.parts), ['    ', '%{ if true ~}\n    yes\n    %{ endif ~}', '\n']);
    const branch = t.parts[1];
    assert.ok(branch?.kind === 'if');
    assert.deepEqual(spanTexts(text, branch.then), ['\n    yes\n    ']);
    const quoted = 'x = "a \\n ${~ b ~} \\t c"\n';
    const q = template(quoted);
    assert.equal(partsText(q.parts), '"a" ${b} "c"');
    assert.deepEqual(spanTexts(quoted, q.parts), ['a \\n ', '${~ b ~}', ' \\t c']);
  });

  it('keeps a literal that markers empty, so the template stays a string', () => {
    assert.equal(partsText(template('x = " ${~ b ~} "\n').parts), '"" ${b} ""');
    assert.equal(partsText(template('x = "${~ b ~}"\n').parts), '${b}');
  });

  it('reads half-written heredocs with markers without throwing', () => {
    const text = 'x = <<-EOT\n  %{~ if a ~}\n  b ${~\n  EOT\ny = "${c ~}  d"\n';
    const file = parseHcl(text);
    assert.deepEqual(spanViolations(file, text.length), []);
    assert.ok(file.problems.length > 0);
    const y = file.body.items.find((i): i is HclAttribute => i.kind === 'attribute' && i.name === 'y');
    assert.ok(y !== undefined && y.expr.kind === 'template');
    assert.equal(partsText(y.expr.parts), '${c} "d"');
    const unterminated = parseHcl('x = <<-EOT\n  %{ for s in l ~}\n  - ${s}\n');
    assert.deepEqual(unterminated.problems.map((p) => p.message), [
      "Unterminated heredoc: expected a line containing only 'EOT'",
      'Expected %{endfor} for the %{for} at line 2',
    ]);
  });
});
