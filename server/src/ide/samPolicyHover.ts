// Hover on a SAM policy template name (`- S3ReadPolicy: { BucketName: !Ref Data }` under a function's Policies):
// what the template grants, expanded as SAM expands it, rather than the function's hover again.

import { expandPolicyTemplate, isPolicyTemplate } from '../frontends/cloudformation/policy';
import { isKnown } from '../model/origin';
import type { DataFile, DataMap, DataNode } from '../syntax/data/ast';
import type { Span } from '../syntax/text';
import { code } from './hover/inlineCode';

export interface PolicyTemplateAt {
  readonly name: string;
  /** The template name's key, where the hover applies. */
  readonly span: Span;
  /** Its parameters as written (`BucketName` → `!Ref Data`). */
  readonly params: readonly { readonly name: string; readonly text: string }[];
}

const SAM_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

const within = (span: Span, offset: number): boolean => span.start <= offset && offset <= span.end;

function entryAt(map: DataNode | undefined, offset: number, key?: string): DataMap['entries'][number] | undefined {
  if (map?.kind !== 'map') return undefined;
  return map.entries.find((e) => (key === undefined || e.key.value === key) && within(e.span, offset));
}

/** The policy template whose name is under the cursor, in a SAM function's (or state machine's) Policies. */
export function policyTemplateAt(file: DataFile, text: string, offset: number): PolicyTemplateAt | undefined {
  const resource = entryAt(entryAt(file.root, offset, 'Resources')?.value, offset);
  if (resource?.value.kind !== 'map') return undefined;
  const type = resource.value.entries.find((e) => e.key.value === 'Type')?.value;
  if (type?.kind !== 'scalar' || typeof type.value !== 'string' || !SAM_TYPES.has(type.value)) return undefined;
  const policies = entryAt(entryAt(resource.value, offset, 'Properties')?.value, offset, 'Policies')?.value;
  const item = policies?.kind === 'seq' ? policies.items.find((i) => within(i.span, offset)) : policies;
  const entry = item?.kind === 'map' ? item.entries.find((e) => within(e.key.span, offset)) : undefined;
  const name = entry?.key.value;
  if (entry === undefined || typeof name !== 'string' || !isPolicyTemplate(name)) return undefined;
  const params = entry.value.kind === 'map' ? entry.value.entries.map((e) => ({ name: String(e.key.value), text: text.slice(e.value.span.start, e.value.span.end).replace(/\s+/g, ' ').trim() })) : [];
  return { name, span: entry.key.span, params };
}

/** Markdown: the actions and resources the template grants, its parameters shown as placeholders. */
export function policyTemplateMarkdown(at: PolicyTemplateAt): string {
  const placeholders = new Map<string, string>(at.params.map((p) => [p.name, `<${p.name}>`]));
  // SAM writes the Region as a pseudo parameter: shown as such, not as one Region.
  const statement = expandPolicyTemplate(at.name, { kind: 'map', fields: placeholders }, '${AWS::Region}');
  const lines = [`**SAM policy template ${code(at.name)}**`, ''];
  if (statement === undefined) return lines[0] ?? '';
  const actions = statement.actions.map((a) => (isKnown(a) ? code(a) : 'an unknown action'));
  const resources = statement.resources.map((r) => (typeof r === 'string' ? code(r) : 'a resource of the template'));
  lines.push(`Allows ${actions.join(', ')}`, `on ${resources.join(', ')}.`);
  if (at.params.length > 0) lines.push('', at.params.map((p) => `${code(`<${p.name}>`)} = ${code(p.text)}`).join('  \n'));
  lines.push('', 'The function needs a network path to each service it allows; the function\'s hover says whether it has one.');
  return lines.join('\n');
}
