// What a Terraform function (or operator) returns: a value, or an error with Terraform's message.
// Unknown results are values (TfUnknown), not errors: the product never guesses, it says why it cannot know.

import type { TfValue } from '../value';

export interface TfFunctionError {
  readonly kind: 'error';
  readonly message: string;
}

export type TfFunctionResult = TfValue | TfFunctionError;

export type TfFunction = (args: readonly TfValue[]) => TfFunctionResult;

export function tfError(message: string): TfFunctionError {
  return { kind: 'error', message };
}

export function isFunctionError(r: TfFunctionResult): r is TfFunctionError {
  return typeof r === 'object' && r !== null && !Array.isArray(r) && (r as { kind?: unknown }).kind === 'error';
}
