// Which AWS account a resource or data source acts in, as far as the configuration tells: not the account id
// (known only at plan time) but the provider configuration whose credentials decide it. One configuration is
// one account; two configurations (another alias, a module's own provider block with assume_role or a
// profile) may or may not be the same account.

import type { InstanceHandle, ModuleInstance } from './moduleInstance';
import { awsProviderKeyOf, providerStep } from './providers';
import { isTfUnknown, type TfValue } from './value';

/** Symbol prefix of `data.aws_caller_identity.<name>.account_id`: then the provider configuration's key. */
export const ACCOUNT_SYMBOL = 'account:';

/**
 * The provider configuration `key` ("aws", "aws.west") of a module instance names, as `<module prefix><key>`
 * of the module that declares it (or the root's implicit default); undefined when it cannot be followed
 * statically. The same walk as the Region's (providers.ts providerStep).
 */
function configurationOf(mod: ModuleInstance, key: string): string | undefined {
  const step = providerStep(mod, key);
  switch (step.kind) {
    case 'declared':
      return `${mod.prefix}${key}`;
    case 'caller':
      return configurationOf(step.caller, step.key);
    case 'root-default':
      return key;
    case 'unknown':
      return undefined;
  }
}

/** The provider configuration an instance uses (`provider = aws.west`, else the module's `aws`). */
export function providerConfigurationOf(inst: InstanceHandle): string | undefined {
  return configurationOf(inst.mod, awsProviderKeyOf(inst.decl.attrs.get('provider')?.expr));
}

/** The symbol standing for the account of an instance's provider configuration, if it can be followed. */
export function accountSymbolOf(inst: InstanceHandle): string | undefined {
  const configuration = providerConfigurationOf(inst);
  return configuration === undefined ? undefined : `${ACCOUNT_SYMBOL}${configuration}`;
}

/**
 * Whether `value` (an account id argument such as `peer_owner_id`) is the account `inst` acts in: true for
 * `data.aws_caller_identity.x.account_id` read through the same provider configuration; false when it is another account or may be.
 */
export function isOwnAccount(inst: InstanceHandle, value: TfValue | undefined): boolean {
  if (value === undefined || !isTfUnknown(value) || value.symbol === undefined || !value.symbol.startsWith(ACCOUNT_SYMBOL)) return false;
  return value.symbol === accountSymbolOf(inst);
}
