// Terraform's built-in function library for the expression evaluator: name → implementation over evaluated
// arguments. `try` and `can` are not here: they need their arguments unevaluated (to catch their errors), so
// the evaluator implements them itself.
//
// Conventions every function follows:
// - A result is a TfValue or `{ kind: 'error', message }` with Terraform's wording; nothing throws.
// - An unknown or TfRef argument whose content decides the result gives a TfUnknown whose reason says which
//   argument and why ("cidrsubnet: prefix is unknown because var.cidr has no default") and which keeps every
//   TfRef found in the arguments (`refs`). Results that do not depend on it stay known: length() of a list with
//   unknown elements, concat/element/slice/merge/lookup/values keep unknown and TfRef elements in place.
// - A TfRef is a computed string attribute (id, ARN): functions that only move values around keep it; functions
//   that need its text (join, format, replace…) return an unknown with the ref in `refs`.
// - Objects returned have their keys in lexical order; sets (toset, setunion…) iterate as Terraform does.
// - element() on an unknown list with a `symbol` returns an unknown with symbol `<symbol>[i]` (symbolic AZs).

import { cidrFunctions } from './cidrFunctions';
import { collectionFunctions } from './collections';
import { conversionFunctions } from './conversion';
import { encodingFunctions } from './encoding';
import { formatFunctions } from './format';
import { numericFunctions } from './numeric';
import { pathFunctions } from './paths';
import { regexFunctions } from './regex';
import type { TfFunction } from './result';
import { setFunctions } from './sets';
import { stringFunctions } from './strings';

export { type TfFunction, type TfFunctionError, type TfFunctionResult, isFunctionError, tfError } from './result';

export const tfFunctions: ReadonlyMap<string, TfFunction> = new Map<string, TfFunction>([
  ...cidrFunctions,
  ...pathFunctions,
  ...collectionFunctions,
  ...conversionFunctions,
  ...encodingFunctions,
  ...formatFunctions,
  ...numericFunctions,
  ...regexFunctions,
  ...setFunctions,
  ...stringFunctions,
]);
