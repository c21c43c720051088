// Hover on a CloudFormation `!If` / `Fn::If` keyword: which branch the template takes, from the condition's
// value, so a user does not have to hover the condition name and work out the branch themselves.

import type { DataFile, DataNode } from '../syntax/data/ast';
import type { Span } from '../syntax/text';
import type { ReferenceHover } from './navigation';

export interface ConditionalAt {
  /** The keyword under the cursor (`!If` tag or `Fn::If` key). */
  readonly span: Span;
  readonly condition: { readonly name: string; readonly span: Span };
  readonly whenTrue: DataNode | undefined;
  readonly whenFalse: DataNode | undefined;
}

const within = (span: Span, offset: number): boolean => span.start <= offset && offset <= span.end;

/** The innermost `!If` / `Fn::If` whose keyword is at the offset, or undefined. */
export function conditionalAt(file: DataFile, offset: number): ConditionalAt | undefined {
  let node = file.root;
  while (node !== undefined && within(node.span, offset)) {
    if (node.kind === 'seq' && node.tag?.name === '!If' && within(node.tag.span, offset)) return fromArguments(node.tag.span, node);
    if (node.kind === 'map') {
      const entry = node.entries.find((e) => within(e.span, offset));
      if (entry === undefined) return undefined;
      if (entry.key.value === 'Fn::If' && within(entry.key.span, offset)) return entry.value.kind === 'seq' ? fromArguments(entry.key.span, entry.value) : undefined;
      node = entry.value;
    } else if (node.kind === 'seq') node = node.items.find((i) => within(i.span, offset));
    else return undefined;
  }
  return undefined;
}

function fromArguments(span: Span, args: Extract<DataNode, { kind: 'seq' }>): ConditionalAt | undefined {
  const [name, whenTrue, whenFalse] = args.items;
  if (name?.kind !== 'scalar' || typeof name.value !== 'string') return undefined;
  return { span, condition: { name: name.value, span: name.span }, whenTrue, whenFalse };
}

/** Markdown: the condition's value and the branch it selects, or both branches when deployment decides. */
export function conditionalMarkdown(at: ConditionalAt, text: string, condition: ReferenceHover | undefined): string {
  const branch = (n: DataNode | undefined): string => (n === undefined ? '(missing)' : snippet(text.slice(n.span.start, n.span.end)));
  const name = '`' + at.condition.name.replace(/`/g, "'") + '`';
  const head = `**Fn::If** on the condition ${name}`;
  if (condition?.value === 'true') return `${head}, which is true: the value is the first branch, ${branch(at.whenTrue)}.`;
  if (condition?.value === 'false') return `${head}, which is false: the value is the second branch, ${branch(at.whenFalse)}.`;
  const why = condition?.unknownReason ?? condition?.description ?? 'the workspace does not say';
  return `${head}, which only deployment decides (${why}): the value is ${branch(at.whenTrue)} if it holds, else ${branch(at.whenFalse)}.`;
}

function snippet(source: string): string {
  const one = source.replace(/\s+/g, ' ').trim();
  const cut = one.length > 80 ? one.slice(0, 79) + '…' : one;
  return '`' + cut.replace(/`/g, "'") + '`';
}
