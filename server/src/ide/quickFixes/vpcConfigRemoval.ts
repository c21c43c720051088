// The fix of LAMBDA_VPC_UNNEEDED (M1): delete a function's own `vpc_config` block or `VpcConfig` entry, the same
// way in Terraform and in YAML templates, as whole lines.

import type { LambdaFunction } from '../../model/types';
import { deleteLines, type TextEdit } from './textEdit';

/** Never a config the function inherits (SAM Globals) or one written elsewhere: that one serves others too. */
export function removeOwnVpcConfig(ctx: { readonly text: (file: string) => string | undefined }, fn: LambdaFunction): TextEdit | undefined {
  const own = fn.vpcConfig;
  if (!own || own.inheritedFromGlobals || own.origin.file !== fn.origin.file) return undefined;
  const inside = own.origin.span.start > fn.origin.span.start && own.origin.span.end <= fn.origin.span.end;
  if (!inside) return undefined;
  const text = ctx.text(own.origin.file);
  return text === undefined ? undefined : deleteLines(own.origin.file, text, own.origin.span);
}
