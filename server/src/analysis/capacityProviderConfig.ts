// A Lambda Managed Instances function that also has its own VPC config (M5 step 1: which config places it).
// The capacity provider's VPC config places its instances ("VPC configuration - The subnets and security groups
// where instances will run", https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html),
// so the analysis uses it. Neither the Lambda guide, the CreateFunction / CapacityProviderConfig API reference,
// the CloudFormation AWS::Lambda::Function reference nor the Terraform aws_lambda_function docs say whether
// Lambda rejects a function VpcConfig next to a CapacityProviderConfig or ignores it: the note says so and
// guesses neither.

import { isKnown } from '../model/origin';
import type { Id, LambdaFunction } from '../model/types';
import type { NetworkModel } from '../model/network';
import { displayName } from './naming';

export interface OwnVpcConfigNote {
  readonly message: string;
  /** The capacity provider, when the workspace defines it. */
  readonly related: readonly Id[];
}

/** The note for a function with both a capacity provider and a VPC config of its own; null otherwise. */
export function ownVpcConfigNote(model: NetworkModel, fn: LambdaFunction): OwnVpcConfigNote | null {
  if (fn.capacityProvider === null || fn.vpcConfig === null) return null;
  const provider = isKnown(fn.capacityProvider) ? model.get(fn.capacityProvider) : undefined;
  const name = provider?.kind === 'capacity-provider' ? provider.address
    : isKnown(fn.capacityProvider) ? displayName(model, fn.capacityProvider) : 'a capacity provider the workspace does not define';
  const inherited = fn.vpcConfig.inheritedFromGlobals === true ? ' (inherited from SAM Globals)' : '';
  return {
    message: `${fn.address} runs on Lambda Managed Instances of ${name} and also has its own VPC config${inherited}. `
      + `The capacity provider's subnets and security groups are where its instances run, and the analysis uses them; `
      + `AWS documentation does not say whether Lambda rejects the function's own VPC config or ignores it, so its effect is unknown: `
      + `remove it and set the network on the capacity provider (M5)`,
    related: provider?.kind === 'capacity-provider' ? [provider.id] : [],
  };
}
