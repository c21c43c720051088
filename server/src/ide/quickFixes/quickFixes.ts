// Quick fixes for findings: every structured fix the analysis proposes becomes code in the file's own
// language (Terraform or CloudFormation YAML). A fix whose changes cannot all be written is not offered; one
// that belongs in code the user does not own (an installed module, a file outside the workspace) is offered
// without an edit, saying where the change belongs, unless a module input of the user's own call makes it.

import type { Change, Finding, Fix } from '../../analysis/types';
import type { NetworkModel } from '../../model/network';
import type { ModelObject } from '../../model/types';
import type { DataFile } from '../../syntax/data/ast';
import type { HclFile } from '../../syntax/hcl/ast';
import { targetOf } from './changeTarget';
import { cloudFormationEdits } from './cloudFormationEdits';
import { moduleInputEdits } from './moduleInputs';
import { foreignDeclaration, isUserCode } from './ownership';
import { terraformEdits } from './terraformEdits';
import type { QuickFix, TextEdit } from './textEdit';

export interface QuickFixContext {
  readonly model: NetworkModel;
  readonly text: (file: string) => string | undefined;
  readonly hcl: (file: string) => HclFile | undefined;
  readonly data: (file: string) => DataFile | undefined;
  /**
   * Whether the host lets a quick fix edit the file (the language server: inside a workspace folder). Files
   * under `.terraform/` are never edited, whatever this says. Absent: every other file.
   */
  readonly editable?: (file: string) => boolean;
  /** Every file of the snapshot, to find a module's variables and the user's `module` block; absent: no module-input fixes. */
  readonly paths?: readonly string[];
}

export function quickFixesFor(ctx: QuickFixContext, finding: Finding): QuickFix[] {
  const subject = ctx.model.get(finding.subject);
  if (!subject) return [];
  const out: QuickFix[] = [];
  finding.fixes.forEach((fix: Fix, index) => {
    const edits: TextEdit[] = [];
    const elsewhere: string[] = [];
    for (const change of fix.changes) {
      const result = changeEdits(ctx, change, subject);
      if (result === undefined) return;
      if (typeof result === 'string') elsewhere.push(result);
      else edits.push(...result);
    }
    const title = capitalise(fix.description);
    if (elsewhere.length > 0) out.push({ title, edits: [], preferred: false, disabled: elsewhere.join('; ') });
    else if (edits.length > 0) out.push({ title, edits, preferred: index === 0 });
  });
  return out;
}

/** The edits of one change; or, as a string, why it belongs in code the user does not own; undefined if it cannot be written. */
function changeEdits(ctx: QuickFixContext, change: Change, subject: ModelObject): TextEdit[] | string | undefined {
  const generated = editsFor(ctx, change, subject);
  if (generated && generated.every((e) => isUserCode(ctx, e.file))) return generated;
  const id = targetOf(change);
  const target = id === null ? undefined : ctx.model.get(ctx.model.canonical(id));
  if (target && !isUserCode(ctx, target.origin.file)) {
    const foreign = foreignDeclaration(ctx, target);
    return (foreign.module && moduleInputEdits(ctx, change, subject, target, foreign.module)) || foreign.reason;
  }
  const file = generated?.find((e) => !isUserCode(ctx, e.file))?.file;
  return file === undefined ? undefined : `The change would edit ${file}, which is not the workspace's own code`;
}

function editsFor(ctx: QuickFixContext, change: Change, subject: ModelObject): TextEdit[] | undefined {
  const file = subject.origin.file;
  const terraform = /\.tf$/.test(file);
  return terraform ? terraformEdits(ctx, change, subject) : cloudFormationEdits(ctx, change, subject);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
