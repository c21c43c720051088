// Applies the user's choices to findings: severity overrides, disabled rules, suppression comments
// (`# hyperplane-lens-ignore RULE_ID` on the line above a resource, HCL and YAML) and, for JSON templates
// that cannot hold comments, the suppressions setting (rule + resource address). The language server keeps
// one FindingFilter, which decides each finding once: after an edit only the re-analysed unit's findings
// (new objects) are looked at again.

import type { Finding } from '../analysis/types';
import type { ModelView } from '../analysis/types';
import { LineIndex, type Severity } from '../syntax/text';
import type { Settings } from './settings';

export interface EffectiveFinding extends Finding {
  /** The severity after overrides. */
  readonly effectiveSeverity: Severity;
}

/** A suppression comment (`# hyperplane-lens-ignore RULE …`, or `//` in HCL); group 1: the rule ids. */
const IGNORE_COMMENT = /(?:#|\/\/)\s*hyperplane-lens-ignore\b([^\n\r]*)/;

/** The rule ids a suppression comment on `line` names (empty: every rule), or undefined when it holds none. */
export function ignoredRulesOn(line: string): readonly string[] | undefined {
  const match = IGNORE_COMMENT.exec(line);
  return match ? (match[1] ?? '').split(/[\s,]+/).filter(Boolean) : undefined;
}

/** Whether a suppression comment naming `ids` silences `rule`: no id, or `all`, silences every rule. */
export function ignoresRule(ids: readonly string[], rule: string): boolean {
  return ids.length === 0 || ids.includes(rule) || ids.includes('all');
}

export function filterFindings(
  findings: readonly Finding[],
  settings: Settings,
  model: ModelView,
  textOf: (file: string) => string | undefined,
  linesOf?: (file: string) => LineIndex | undefined,
): EffectiveFinding[] {
  const decide = decider(settings, model, textOf, linesOf);
  const out: EffectiveFinding[] = [];
  for (const finding of findings) {
    const effective = decide(finding);
    if (effective) out.push(effective);
  }
  return out;
}

interface Decision {
  readonly settings: Settings;
  /** The texts the decision read (the finding's file, its subject's file): a changed text decides again. */
  readonly originText: string | undefined;
  readonly subjectFile: string | undefined;
  readonly subjectText: string | undefined;
  readonly effective: EffectiveFinding | undefined;
}

/**
 * filterFindings with memory. A finding object comes from one unit's analysis and lives as long as that
 * unit's result, so its subject and address cannot change under it; what can is the settings object and the
 * text of the files whose suppression comments it read, and both are checked (by identity) before a kept
 * decision is reused. An unchanged finding keeps its EffectiveFinding object, so later stages can compare
 * by identity.
 */
export class FindingFilter {
  private readonly decisions = new WeakMap<Finding, Decision>();

  filter(
    findings: readonly Finding[],
    settings: Settings,
    model: ModelView,
    textOf: (file: string) => string | undefined,
    linesOf?: (file: string) => LineIndex | undefined,
  ): EffectiveFinding[] {
    let decide: ((finding: Finding) => EffectiveFinding | undefined) | undefined;
    const out: EffectiveFinding[] = [];
    for (const finding of findings) {
      const kept = this.decisions.get(finding);
      if (kept && kept.settings === settings && kept.originText === textOf(finding.origin.file) && (kept.subjectFile === undefined || kept.subjectText === textOf(kept.subjectFile))) {
        if (kept.effective) out.push(kept.effective);
        continue;
      }
      decide ??= decider(settings, model, textOf, linesOf);
      const effective = decide(finding);
      const subjectFile = model.get(finding.subject)?.origin.file;
      this.decisions.set(finding, { settings, originText: textOf(finding.origin.file), subjectFile, subjectText: subjectFile === undefined ? undefined : textOf(subjectFile), effective });
      if (effective) out.push(effective);
    }
    return out;
  }
}

function decider(
  settings: Settings,
  model: ModelView,
  textOf: (file: string) => string | undefined,
  linesOf: ((file: string) => LineIndex | undefined) | undefined,
): (finding: Finding) => EffectiveFinding | undefined {
  const disabled = new Set(settings.disabledRules);
  const indexes = new Map<string, LineIndex>();
  const suppressedHere = (file: string, offset: number, rule: string): boolean => {
    const text = textOf(file);
    if (text === undefined) return false;
    let index = indexes.get(file) ?? linesOf?.(file);
    if (!index) indexes.set(file, (index = new LineIndex(text)));
    const line = index.positionAt(offset).line;
    if (line === 0) return false;
    const start = index.lineStart(line - 1);
    const end = index.lineStart(line);
    const ids = ignoredRulesOn(text.slice(start, end));
    return ids !== undefined && ignoresRule(ids, rule);
  };
  return (finding) => {
    const override = settings.severity[finding.rule];
    if (disabled.has(finding.rule) || override === 'off') return undefined;
    const subject = model.get(finding.subject);
    const address = subject?.address;
    if (address !== undefined && settings.suppressions.some((s) => s.rule === finding.rule && s.resource === address)) return undefined;
    if (suppressedHere(finding.origin.file, finding.origin.span.start, finding.rule)) return undefined;
    if (subject && suppressedHere(subject.origin.file, subject.origin.span.start, finding.rule)) return undefined;
    return { ...finding, effectiveSeverity: override ?? finding.severity };
  };
}
