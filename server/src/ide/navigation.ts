// One editor index over both front ends: the reference under the cursor (value or why unknown), go to
// definition, find references, document and workspace symbols. Each front end builds its own index; this
// picks the one that owns the file.

import type { CfnIndex } from '../frontends/cloudformation/cfnIndex';
import type { Span } from '../syntax/text';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';
import { cfnDeployTimeDescription, cfnValueText } from './cfnValueText';

export interface NavLocation {
  readonly file: string;
  readonly span: Span;
}

export interface ReferenceHover {
  readonly span: Span;
  readonly text: string;
  readonly value: string | undefined;
  readonly unknownReason: string | undefined;
  /** Set instead of a value when the whole value is only known once deployed or applied: what it will be. */
  readonly description?: string;
  /** Where the value came from, shown after it (`AWS::Region` = `"eu-west-1"` (from the setting …)). */
  readonly note?: string;
}

export interface NavSymbol {
  readonly name: string;
  readonly kind: string;
  readonly span: Span;
  readonly selectionSpan: Span;
}

/** What each front end's index offers (TerraformIndex and CfnIndex both satisfy it). */
export interface FrontendIndex {
  hover(file: string, offset: number): ReferenceHover | undefined;
  definition(file: string, offset: number): readonly NavLocation[];
  references(file: string, offset: number): readonly NavLocation[];
  symbols(file: string): readonly NavSymbol[];
}

export function indexFor(analysis: WorkspaceAnalysis, file: string): FrontendIndex | undefined {
  return analysis.indexFor(file);
}

const cfnAdapters = new WeakMap<CfnIndex, FrontendIndex>();

/** CfnIndex answers by name; the editor asks by position. */
export function cfnAdapter(index: CfnIndex): FrontendIndex {
  const cached = cfnAdapters.get(index);
  if (cached) return cached;
  const nameAt = (file: string, offset: number): string | undefined =>
    index.at(file, offset)?.occurrence.name ?? index.symbols(file).find((s) => s.nameSpan.start <= offset && offset <= s.nameSpan.end)?.name;
  const adapter: FrontendIndex = {
    hover(file, offset) {
      const h = index.at(file, offset);
      if (!h) return undefined;
      const o = h.occurrence;
      const text = o.attribute ? `${o.name}.${o.attribute}` : o.name;
      const description = cfnDeployTimeDescription(h.value);
      // A template nested several times: the value is the first copy's; say so, and what the others give.
      const copies = h.copies !== undefined ? `in ${h.copies.first || 'the first copy'}; ${h.copies.others.map((c) => `in ${c.stack}: ${cfnValueText(c.value)}`).join('; ')}` : undefined;
      // The index's own rendering carries internal ids (`<ref /t.yaml::Vpc>`): render the value for people.
      if (description !== undefined) return { span: o.span, text, value: undefined, unknownReason: h.unknownReason, description: copies !== undefined ? `${description} (${copies})` : description };
      const from = o.name === 'AWS::Region' && h.text.endsWith(')') ? h.text.lastIndexOf(' (from ') : -1;
      const region = from >= 0 ? h.text.slice(from + 2, -1) : undefined;
      const note = region !== undefined && copies !== undefined ? `${region}; ${copies}` : (region ?? copies);
      return { span: o.span, text, value: cfnValueText(h.value), unknownReason: undefined, ...(note !== undefined ? { note } : {}) };
    },
    definition(file, offset) {
      const h = index.at(file, offset);
      if (h?.definition) return [{ file: h.definition.file, span: h.definition.span }];
      const name = nameAt(file, offset);
      const def = name === undefined ? undefined : index.definition(file, name);
      return def ? [{ file: def.file, span: def.span }] : [];
    },
    references(file, offset) {
      const name = nameAt(file, offset);
      return name === undefined ? [] : index.references(file, name).map((o) => ({ file: o.file, span: o.span }));
    },
    symbols(file) {
      return index.symbols(file).map((s) => ({ name: s.name, kind: s.kind, span: s.span, selectionSpan: s.nameSpan }));
    },
  };
  cfnAdapters.set(index, adapter);
  return adapter;
}

/** `resource_type.name[index].attribute`: a Terraform value that is another resource's attribute, set by AWS at apply. */
const TF_ATTRIBUTE_REF = /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[a-z][a-z0-9_]*\.[\w-]+(?:\[[^\]]*\])?)\.([a-z][a-z0-9_]*)$/;

export function referenceHoverMarkdown(hover: ReferenceHover): string {
  const head = '`' + hover.text.replace(/`/g, "'") + '`';
  if (hover.description !== undefined) return `${head}: ${hover.description}`;
  if (hover.value !== undefined) {
    const attribute = TF_ATTRIBUTE_REF.exec(hover.value);
    if (attribute) {
      // `aws_vpc.main.id` = `aws_vpc.main.id` says nothing: say who sets it, and which instance was evaluated.
      const what = `the \`${attribute[2]}\` AWS assigns to \`${attribute[1]}\`, known after apply`;
      if (hover.value === hover.text.replace(/\s+/g, '')) return `${head}: ${what}`;
      const first = /\b(count\.index|each\.(key|value))\b/.test(hover.text) ? ' (evaluated for the first instance)' : '';
      return `${head} = \`${hover.value}\`${first}: ${what}`;
    }
    const value = hover.value.length > 400 ? hover.value.slice(0, 400) + '…' : hover.value;
    return `${head} = \`${value.replace(/`/g, "'")}\`${hover.note !== undefined ? ` (${hover.note})` : ''}`;
  }
  return `${head}: unknown until apply — ${hover.unknownReason ?? 'the workspace does not say'}`;
}
