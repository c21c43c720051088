// The CloudFormation / SAM / CDK-output front end: reads every template in a SourceView the way
// CloudFormation and the SAM translator do and emits vendor-neutral model objects, problems and a CfnIndex
// for the editor. Ids are `${templatePath}::${logicalId}`; see stacks.ts for nested stacks and exports,
// value.ts for the value representation, evaluate.ts for the intrinsic functions.

import type { DataFile } from '../../syntax/data/ast';
import type { SourceView } from '../../syntax/sourceView';
import type { FrontendOutput } from '../../model/types';
import { unknown } from '../../model/origin';
import { buildIndex, type CfnIndex } from './cfnIndex';
import { emitWorkspace } from './emit';
import { CfnWorkspace, looksLikeTemplate as looksLike } from './stacks';
import { isTemplateRoot } from './template';

export type { CfnIndex, CfnHover, CfnCopyValue, CfnOccurrence, CfnDefinition, CfnSymbol, CfnSymbolKind, CfnReferenceKind } from './cfnIndex';

export interface CloudFormationOptions {
  /**
   * The Region assumed for AWS::Region and Fn::GetAZs. When absent, a template's CDK environment
   * (cdk.out/manifest.json) or the Region of the AZ names it uses is assumed; else the Region is unknown.
   */
  region?: string;
  /**
   * The SAM CLI configuration environment whose `deploy` (then `global`) parameters give root templates their
   * parameter values and Region hint (samconfig.toml beside the template); `default` when absent.
   */
  samConfigEnv?: string;
}

export interface CloudFormationOutput extends FrontendOutput {
  readonly index: CfnIndex;
}

/** Cheap pre-check on raw text (no parse): AWSTemplateFormatVersion, or "Resources" plus a Type starting with AWS::. */
export function looksLikeTemplate(text: string): boolean {
  return looksLike(text);
}

/** The content check: AWSTemplateFormatVersion, or a Resources map whose Type values start with AWS::, Custom:: or Alexa::. */
export function isTemplate(file: DataFile): boolean {
  return isTemplateRoot(file.root);
}

export function readCloudFormation(view: SourceView, options: CloudFormationOptions): CloudFormationOutput {
  const ws = new CfnWorkspace(view, options.region, options.samConfigEnv);
  const objects = emitWorkspace(ws);
  const index = buildIndex(ws);
  return {
    objects,
    problems: ws.problems,
    region: options.region ?? ws.workspaceRegionHint() ?? unknown('the Region is chosen at deploy time'),
    stacks: [...ws.templates.keys()],
    index,
  };
}
