// A destination a user names (explain --to): an AWS service by its endpoint name, or a model object by id,
// address or the end of its address, mapped to what reach analyses as needs map references; and the names to
// offer when a name matches nothing.

import { isKnown } from '../model/origin';
import type { ModelObject } from '../model/types';
import type { NetworkModel } from '../model/network';
import type { AskedDestination } from './analyze';
import { destinationOfObject, normaliseService } from './intent';

/**
 * Endpoint service names a function's code commonly calls (as reach names them: the VPC endpoint suffix, so
 * "kinesis-streams" and "monitoring", not the IAM prefixes "kinesis" and "cloudwatch", which are accepted too).
 */
const commonServices: readonly string[] = [
  's3', 'dynamodb', 'sqs', 'sns', 'secretsmanager', 'ssm', 'kms', 'sts', 'lambda', 'states', 'events', 'kinesis-streams',
  'kinesis-firehose', 'monitoring', 'logs', 'execute-api', 'appsync-api', 'rds-data', 'rds', 'elasticache', 'ecr.api', 'ecr.dkr',
  'ecs', 'eks', 'ec2', 'bedrock', 'bedrock-runtime', 'bedrock-agent', 'bedrock-agent-runtime', 'sagemaker.runtime', 'athena', 'glue',
  'appconfig', 'appconfigdata', 'cognito-idp', 'email-smtp', 'textract', 'comprehend', 'rekognition', 'translate', 'polly',
  'transcribe', 'xray', 'ssmmessages', 'codebuild', 'kafka', 'elasticfilesystem', 'timestream', 'iot', 'apigateway', 'cloudformation',
];

export type DestinationLookup =
  /** `standsFor`: the object named, when what it stands for is another destination (a queue → sqs). */
  | { readonly kind: 'found'; readonly asked: AskedDestination; readonly standsFor: string | null }
  | { readonly kind: 'ambiguous'; readonly matches: readonly string[] }
  | { readonly kind: 'none' };

/** Objects a function's reach can be asked about: private targets, service resources, other functions. */
function candidates(model: NetworkModel): readonly ModelObject[] {
  return [...model.all('target'), ...model.all('service-resource'), ...model.all('lambda-function')];
}

/** The AWS service names the workspace knows of: the common ones, its endpoints' and its resources' services. */
export function serviceNames(model: NetworkModel): readonly string[] {
  const names = new Set(commonServices);
  for (const e of model.all('vpc-endpoint')) if (isKnown(e.service)) names.add(normaliseService(e.service));
  for (const r of model.all('service-resource')) names.add(normaliseService(r.service));
  return [...names];
}

function found(model: NetworkModel, object: ModelObject): DestinationLookup {
  const need = destinationOfObject(model, object);
  if (need?.kind === 'service') return { kind: 'found', asked: { kind: 'service', service: need.service }, standsFor: object.address };
  if (need?.kind === 'target') {
    return { kind: 'found', asked: { kind: 'target', target: need.target, port: need.port }, standsFor: need.target.id === object.id ? null : object.address };
  }
  return { kind: 'none' };
}

/**
 * What `name` names: an object by id or address, else an AWS service, else the one object whose address ends
 * with `.name` or `/name` (as functions are found: `aws_db_instance.main` in a module, a nested stack's id).
 */
export function findDestination(model: NetworkModel, name: string): DestinationLookup {
  const objects = candidates(model);
  const exact = model.get(name) ?? objects.find((o) => o.address === name);
  if (exact !== undefined) return found(model, exact);
  const service = normaliseService(name);
  if (serviceNames(model).includes(service)) return { kind: 'found', asked: { kind: 'service', service }, standsFor: null };
  const ending = objects.filter((o) => o.address.endsWith(`.${name}`) || o.address.endsWith(`/${name}`));
  const [only, ...more] = ending;
  if (only === undefined) return { kind: 'none' };
  if (more.length > 0) return { kind: 'ambiguous', matches: ending.map((o) => o.address) };
  return found(model, only);
}

/** The private targets of the workspace, by address, for the list of names a user may give. */
export function targetNames(model: NetworkModel): readonly string[] {
  return model.all('target').map((t) => t.address);
}
