// Applies the user's choices to findings: severity overrides, disabled rules, suppression comments
// (`# hyperplane-lens-ignore RULE_ID` on the line above a resource, HCL and YAML) and, for JSON templates
// that cannot hold comments, the suppressions setting (rule + resource address).

import type { Finding } from '../analysis/types';
import type { ModelView } from '../analysis/types';
import { LineIndex, type Severity } from '../syntax/text';
import type { Settings } from './settings';

export interface EffectiveFinding extends Finding {
  /** The severity after overrides. */
  readonly effectiveSeverity: Severity;
}

const IGNORE = /(?:#|\/\/)\s*hyperplane-lens-ignore\b([^\n\r]*)/;

export function filterFindings(
  findings: readonly Finding[],
  settings: Settings,
  model: ModelView,
  textOf: (file: string) => string | undefined,
): EffectiveFinding[] {
  const disabled = new Set(settings.disabledRules);
  const indexes = new Map<string, LineIndex>();
  const suppressedHere = (file: string, offset: number, rule: string): boolean => {
    const text = textOf(file);
    if (text === undefined) return false;
    let index = indexes.get(file);
    if (!index) indexes.set(file, (index = new LineIndex(text)));
    const line = index.positionAt(offset).line;
    if (line === 0) return false;
    const start = index.lineStart(line - 1);
    const end = index.lineStart(line);
    const match = IGNORE.exec(text.slice(start, end));
    if (!match) return false;
    const ids = (match[1] ?? '').split(/[\s,]+/).filter(Boolean);
    return ids.length === 0 || ids.includes(rule) || ids.includes('all');
  };
  const out: EffectiveFinding[] = [];
  for (const finding of findings) {
    const override = settings.severity[finding.rule];
    if (disabled.has(finding.rule) || override === 'off') continue;
    const subject = model.get(finding.subject);
    const address = subject?.address;
    if (address !== undefined && settings.suppressions.some((s) => s.rule === finding.rule && s.resource === address)) continue;
    if (suppressedHere(finding.origin.file, finding.origin.span.start, finding.rule)) continue;
    if (subject && suppressedHere(subject.origin.file, subject.origin.span.start, finding.rule)) continue;
    out.push({ ...finding, effectiveSeverity: override ?? finding.severity });
  }
  return out;
}
