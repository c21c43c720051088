// One editor index over both front ends: the reference under the cursor (value or why unknown), go to
// definition, find references, document and workspace symbols. Each front end builds its own index; this
// picks the one that owns the file.

import type { CfnIndex } from '../frontends/cloudformation/cfnIndex';
import type { Span } from '../syntax/text';
import type { WorkspaceAnalysis } from '../workspace/analysisSession';

export interface NavLocation {
  readonly file: string;
  readonly span: Span;
}

export interface ReferenceHover {
  readonly span: Span;
  readonly text: string;
  readonly value: string | undefined;
  readonly unknownReason: string | undefined;
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
      return { span: o.span, text: o.attribute ? `${o.name}.${o.attribute}` : o.name, value: h.unknownReason === undefined ? h.text : undefined, unknownReason: h.unknownReason };
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

export function referenceHoverMarkdown(hover: ReferenceHover): string {
  const head = '`' + hover.text.replace(/`/g, "'") + '`';
  if (hover.value !== undefined) {
    const value = hover.value.length > 400 ? hover.value.slice(0, 400) + '…' : hover.value;
    return `${head} = \`${value.replace(/`/g, "'")}\``;
  }
  return `${head}: unknown until apply — ${hover.unknownReason ?? 'the workspace does not say'}`;
}
