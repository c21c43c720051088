// Data sources: values Terraform reads from AWS at plan time are unknown with a reason, except the few that
// can be derived from the configuration (Region, partition, AZ list identity, IAM policy documents, the
// AWS-managed prefix lists of S3 and DynamoDB).

import { unknownValue } from './evaluator';
import type { InstanceHandle } from './moduleInstance';
import { policyDocumentJson } from './policy';
import { accountSymbolOf } from './providerAccount';
import { partitionOf } from './providers';
import { isTfObject, type TfValue } from './value';
import { isPending } from './valueOps';

/** `arn:<partition>:iam::aws:policy/[path/]name`: a policy AWS manages. */
const AWS_MANAGED_POLICY = /^arn:[a-z-]+:iam::aws:policy\/[\w+=,.@/-]+$/;

/** Symbol prefix of the unknown `policy` of a data "aws_iam_policy" naming an AWS managed policy (then its ARN). */
export const MANAGED_POLICY_COPY = 'managed-policy:';

function origin(inst: InstanceHandle): { file: string; span: { start: number; end: number } } {
  return { file: inst.decl.file, span: inst.decl.block.span };
}

/** Where a data source's values come from, in words: AWS for the AWS provider's, else another state or provider. */
function readFrom(type: string): string {
  if (type === 'terraform_remote_state') return 'is read from another Terraform state at plan time';
  return type.startsWith('aws_') ? 'is read from AWS at plan time' : 'is read at plan time';
}

function readFromAws(inst: InstanceHandle, name: string): TfValue {
  return unknownValue(`${inst.address} ${readFrom(inst.decl.type)}`, { origin: origin(inst), ...(name === 'id' ? { symbol: `data:${inst.id}.id` } : {}) });
}

/** The Region a data source reads from: its provider's (alias, module providers map) or its own `region`. */
function regionOf(inst: InstanceHandle): TfValue {
  const region = inst.region();
  return region ?? unknownValue('the AWS provider has no region in the configuration', { origin: origin(inst) });
}

/** `com.amazonaws.<region>.s3` → "s3" when it names an AWS-managed prefix list (s3, dynamodb). */
function managedPrefixListService(inst: InstanceHandle): string | undefined {
  let name = inst.view.attr('name');
  if (name === undefined) {
    for (const f of inst.view.blocks('filter')) {
      if (f.attr('name') === 'prefix-list-name') {
        const values = f.attr('values');
        if (Array.isArray(values) && values.length === 1) name = (values as readonly TfValue[])[0];
      }
    }
  }
  if (typeof name !== 'string') return undefined;
  const m = /^com\.amazonaws\.[^.]+\.(s3|dynamodb)$/.exec(name);
  return m?.[1];
}

/** `ec2.<region>.<dns suffix>`, the endpoint aws_region reports. */
function endpointOf(region: TfValue, service: string, inst: InstanceHandle): TfValue {
  if (typeof region !== 'string') return unknownValue(`the endpoint of ${inst.address} depends on the Region, which is not known`, { origin: origin(inst) });
  return `${service}.${region}.${partitionOf(region).dnsSuffix}`;
}

export function dataAttribute(inst: InstanceHandle, name: string): TfValue {
  const view = inst.view;
  switch (inst.decl.type) {
    case 'aws_region':
      // Provider v5 selected another Region with `name`; v6 with `region` (read by regionOf).
      if (name === 'name' || name === 'region' || name === 'id') return view.has('name') && !view.has('region') ? (view.attr('name') ?? null) : regionOf(inst);
      if (name === 'endpoint') return endpointOf(regionOf(inst), 'ec2', inst);
      break;
    case 'aws_partition': {
      const p = partitionOf(inst.region());
      if (name === 'partition' || name === 'id') return p.partition;
      if (name === 'dns_suffix') return p.dnsSuffix;
      if (name === 'reverse_dns_prefix') return p.reverseDnsPrefix;
      break;
    }
    case 'aws_caller_identity': {
      // The account id is not known, but it is the account of the provider configuration: two reads through
      // the same configuration are equal, and a resource of that configuration can tell it is its own.
      const symbol = name === 'account_id' ? accountSymbolOf(inst) : undefined;
      return unknownValue('the AWS account is known only at plan time', { origin: origin(inst), ...(symbol !== undefined ? { symbol } : {}) });
    }
    case 'aws_availability_zones':
      if (name === 'names' || name === 'zone_ids') {
        return unknownValue(`the Availability Zones of the Region are read from AWS (${inst.address}.${name})`, { symbol: `az-list:${inst.address}${name === 'zone_ids' ? '.zone_ids' : ''}`, origin: origin(inst) });
      }
      break;
    case 'aws_iam_policy_document':
      if (name === 'json' || name === 'minified_json') return policyDocumentJson(inst);
      break;
    case 'aws_iam_policy': {
      // An AWS managed policy read by ARN (terraform-aws-lambda copies AWSLambdaENIManagementAccess this way):
      // its document comes from AWS, but which policy it is is known, and the analysis knows some by name.
      const arn = view.attr('arn');
      if (name === 'policy' && typeof arn === 'string' && AWS_MANAGED_POLICY.test(arn)) {
        return unknownValue(`${inst.address} is the AWS managed policy ${arn.slice(arn.lastIndexOf('/') + 1)}, whose document is read from AWS`, { symbol: `${MANAGED_POLICY_COPY}${arn}`, origin: origin(inst) });
      }
      break;
    }
    case 'aws_prefix_list':
    case 'aws_ec2_managed_prefix_list': {
      const service = managedPrefixListService(inst);
      if (service !== undefined && name === 'id') {
        return unknownValue(`the id of the AWS-managed ${service} prefix list is read from AWS`, { symbol: `prefix-list:service:${service}`, origin: origin(inst) });
      }
      // Which CIDRs AWS lists (and how many) is published by AWS, not written in the configuration.
      if (service !== undefined && name === 'entries') {
        return unknownValue(`the CIDR entries of the AWS-managed ${service} prefix list (${inst.address}) are read from AWS at plan time`, { origin: origin(inst) });
      }
      break;
    }
    case 'aws_vpc_endpoint_service':
      if (name === 'service_name') {
        const service = view.attr('service');
        const region = regionOf(inst);
        if (typeof service === 'string' && typeof region === 'string') return `com.amazonaws.${region}.${service}`;
        if (typeof service === 'string') return unknownValue(`the service name of ${service} depends on the Region, which is not known`, { symbol: `endpoint-service:${service}`, origin: origin(inst) });
      }
      break;
    default:
      break;
  }
  // Arguments of a data source are also its attributes (filters such as `id`, `vpc_id`, `tags`).
  if (view.has(name) && name !== 'count' && name !== 'for_each') {
    const v = view.attr(name) ?? null;
    if (!isPending(v) && !(v !== null && isTfObject(v) && name === 'filter')) return v;
  }
  return readFromAws(inst, name);
}
