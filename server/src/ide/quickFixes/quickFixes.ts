// Quick fixes for findings: every structured fix the analysis proposes becomes code in the file's own
// language (Terraform or CloudFormation YAML). A fix whose changes cannot all be written is not offered.

import type { Finding, Fix } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { DataFile } from '../../syntax/data/ast';
import type { HclFile } from '../../syntax/hcl/ast';
import { cloudFormationEdits } from './cloudFormationEdits';
import { terraformEdits } from './terraformEdits';
import type { QuickFix, TextEdit } from './textEdit';

export interface QuickFixContext {
  readonly model: NetworkModel;
  readonly text: (file: string) => string | undefined;
  readonly hcl: (file: string) => HclFile | undefined;
  readonly data: (file: string) => DataFile | undefined;
}

export function quickFixesFor(ctx: QuickFixContext, finding: Finding): QuickFix[] {
  const subject = ctx.model.get(finding.subject);
  if (!subject) return [];
  const out: QuickFix[] = [];
  finding.fixes.forEach((fix: Fix, index) => {
    const edits: TextEdit[] = [];
    for (const change of fix.changes) {
      const changed = editsFor(ctx, change, subject);
      if (!changed) return;
      edits.push(...changed);
    }
    if (edits.length > 0) out.push({ title: capitalise(fix.description), edits, preferred: index === 0 });
  });
  return out;
}

function editsFor(ctx: QuickFixContext, change: Finding['fixes'][number]['changes'][number], subject: NonNullable<ReturnType<NetworkModel['get']>>): TextEdit[] | undefined {
  const file = subject.origin.file;
  const terraform = /\.tf$/.test(file);
  return terraform ? terraformEdits(ctx, change, subject) : cloudFormationEdits(ctx, change, subject);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
