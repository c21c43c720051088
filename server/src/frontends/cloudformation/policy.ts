// IAM policy documents from evaluated CloudFormation values, and SAM policy templates (S3ReadPolicy,
// DynamoDBCrudPolicy, SQSPollerPolicy, …) expanded to the statements they grant. A policy resource that
// names a template resource (`!Ref Bucket`, `!GetAtt Queue.QueueName`, `${Table.Arn}/*`) becomes a ref.

import { isKnown, type Maybe } from '../../model/origin';
import type { PolicyCondition, PolicyDocument, PolicyPrincipal, PolicyStatement, PolicyValue } from '../../model/types';
import { partitionOfRegion } from '../../model/partition';
import { cfnUnknown, field, isCfnList, isCfnMap, isCfnRef, isCfnUnknown, type CfnValue } from './value';

type PolicyResource = Maybe<string> | { readonly ref: string };

function toList(v: CfnValue | undefined): readonly CfnValue[] {
  if (v === undefined) return [];
  return isCfnList(v) ? v : [v];
}

export function policyResource(v: CfnValue): PolicyResource {
  if (typeof v === 'string') return v;
  if (isCfnRef(v)) return { ref: v.target };
  if (isCfnUnknown(v)) {
    const first = v.refs?.[0];
    return first !== undefined ? { ref: first.target } : v;
  }
  return cfnUnknown('policy resource is not a string');
}

function policyString(v: CfnValue): Maybe<string> {
  if (typeof v === 'string') return v;
  if (isCfnUnknown(v)) return v;
  return cfnUnknown('expected a string');
}

export function statementFromValue(s: CfnValue): PolicyStatement | undefined {
  if (!isCfnMap(s)) return undefined;
  const effect = field(s, 'Effect');
  const notActions = field(s, 'NotAction');
  const notResources = field(s, 'NotResource');
  const sid = field(s, 'Sid');
  const principal = field(s, 'Principal');
  const notPrincipal = field(s, 'NotPrincipal');
  const condition = field(s, 'Condition');
  return {
    effect: effect === 'Allow' || effect === 'Deny' ? effect : cfnUnknown('statement effect is not Allow or Deny'),
    actions: toList(field(s, 'Action')).map(policyString),
    ...(notActions !== undefined ? { notActions: toList(notActions).map(policyString) } : {}),
    resources: toList(field(s, 'Resource')).map(policyResource),
    ...(notResources !== undefined ? { notResources: toList(notResources).map(policyResource) } : {}),
    ...(typeof sid === 'string' ? { sid } : {}),
    ...(principal !== undefined ? { principals: principalsOf(principal) } : {}),
    ...(notPrincipal !== undefined ? { notPrincipals: principalsOf(notPrincipal) } : {}),
    ...(condition !== undefined ? { conditions: conditionsOf(condition) } : {}),
  };
}

/** `'*'` or `{ AWS: [...], Service: ... }` (endpoint and other resource-based policies). */
function principalsOf(v: CfnValue): Maybe<readonly PolicyPrincipal[]> {
  if (v === '*') return [{ type: '*', values: ['*'] }];
  if (isCfnMap(v)) return [...v.fields].map(([type, values]) => ({ type, values: toList(values).map(policyResource) }));
  return isCfnUnknown(v) ? v : cfnUnknown('the Principal is not "*" or a map');
}

/** `{ StringEquals: { aws:SourceVpc: vpc-1 } }` → one condition per operator and key. */
function conditionsOf(v: CfnValue): Maybe<readonly PolicyCondition[]> {
  if (!isCfnMap(v)) return isCfnUnknown(v) ? v : cfnUnknown('the Condition is not a map');
  const out: PolicyCondition[] = [];
  for (const [operator, keys] of v.fields) {
    if (!isCfnMap(keys)) return isCfnUnknown(keys) ? keys : cfnUnknown(`the ${operator} condition is not a map`);
    for (const [key, values] of keys.fields) out.push({ operator, key, values: toList(values).map(conditionValue) });
  }
  return out;
}

/** A Condition value: a reference keeps its attribute (`!Ref Role` is its name, not its ARN); a `!Sub` is not the object. */
function conditionValue(v: CfnValue): PolicyValue {
  if (isCfnRef(v)) return { ref: v.target, attribute: v.attribute };
  return isCfnUnknown(v) ? v : policyResource(v);
}

/** A policy document value (`{ Version, Statement }`), or unknown when it is not one. */
export function documentFromValue(v: CfnValue | undefined): Maybe<PolicyDocument> {
  if (v === undefined) return cfnUnknown('no policy document');
  if (typeof v === 'string') {
    try {
      return documentFromJson(JSON.parse(v) as unknown);
    } catch {
      return cfnUnknown('policy document is not JSON');
    }
  }
  if (!isCfnMap(v)) return isCfnUnknown(v) ? v : cfnUnknown('policy document is not a map');
  const statements: PolicyStatement[] = [];
  for (const s of toList(field(v, 'Statement'))) {
    const st = statementFromValue(s);
    if (st !== undefined) statements.push(st);
  }
  return { statements };
}

function documentFromJson(j: unknown): Maybe<PolicyDocument> {
  const toValue = (x: unknown): CfnValue => {
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
    if (Array.isArray(x)) return x.map(toValue);
    if (typeof x === 'object') return { kind: 'map', fields: new Map(Object.entries(x as Record<string, unknown>).map(([k, y]) => [k, toValue(y)])) };
    return null;
  };
  return documentFromValue(toValue(j));
}

// ---------------------------------------------------------------- SAM policy templates

interface PolicyTemplate {
  readonly actions: readonly string[];
  /** ARN builders from the template's parameters; '*' for account-wide actions. */
  readonly resources: readonly ((p: TemplateParams) => PolicyResource)[];
}

interface TemplateParams {
  get(name: string): CfnValue | undefined;
  readonly region: string;
  /** SAM writes `${AWS::Partition}` in its policy templates: `aws-cn` in China, `aws-us-gov` in GovCloud. */
  readonly partition: string;
}

/** `arn:<partition>:<svc>:<region>:*:<prefix><name><suffix>`, or a ref when the parameter names a template resource. */
function arn(param: string, build: (name: string, region: string, partition: string) => string): (p: TemplateParams) => PolicyResource {
  return (p) => {
    const v = p.get(param);
    if (v === undefined) return cfnUnknown(`policy template parameter ${param} is missing`);
    if (typeof v === 'string' || typeof v === 'number') return build(String(v), p.region, p.partition);
    return policyResource(v);
  };
}

const star = (): PolicyResource => '*';
const s3Bucket = arn('BucketName', (n, _r, a) => `arn:${a}:s3:::${n}`);
const s3Objects = arn('BucketName', (n, _r, a) => `arn:${a}:s3:::${n}/*`);
const ddbTable = arn('TableName', (n, r, a) => `arn:${a}:dynamodb:${r}:*:table/${n}`);
const ddbIndex = arn('TableName', (n, r, a) => `arn:${a}:dynamodb:${r}:*:table/${n}/index/*`);
const ddbStream = arn('TableName', (n, r, a) => `arn:${a}:dynamodb:${r}:*:table/${n}/stream/*`);
const sqsQueue = arn('QueueName', (n, r, a) => `arn:${a}:sqs:${r}:*:${n}`);
const snsTopic = arn('TopicName', (n, r, a) => `arn:${a}:sns:${r}:*:${n}`);
const kinesisStream = arn('StreamName', (n, r, a) => `arn:${a}:kinesis:${r}:*:stream/${n}`);
const lambdaFn = arn('FunctionName', (n, r, a) => `arn:${a}:lambda:${r}:*:function:${n}*`);
const ssmParam = arn('ParameterName', (n, r, a) => `arn:${a}:ssm:${r}:*:parameter/${n}`);
const ssmParamSlash = arn('ParameterName', (n, r, a) => `arn:${a}:ssm:${r}:*:parameter${n}`);
const kmsKey = arn('KeyId', (n, r, a) => `arn:${a}:kms:${r}:*:key/${n}`);
const secret = arn('SecretArn', (n) => n);
const stateMachine = arn('StateMachineName', (n, r, a) => `arn:${a}:states:${r}:*:stateMachine:${n}`);
const eventBus = arn('EventBusName', (n, r, a) => `arn:${a}:events:${r}:*:event-bus/${n}`);
const efsFs = arn('FileSystem', (n, r, a) => `arn:${a}:elasticfilesystem:${r}:*:file-system/${n}`);
const sesIdentity = arn('IdentityName', (n, r, a) => `arn:${a}:ses:${r}:*:identity/${n}`);

const S3_READ = ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'];
const S3_WRITE = ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'];
const DDB_READ = ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'];
const DDB_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];

const TEMPLATES: ReadonlyMap<string, PolicyTemplate> = new Map<string, PolicyTemplate>([
  ['S3ReadPolicy', { actions: S3_READ, resources: [s3Bucket, s3Objects] }],
  ['S3WritePolicy', { actions: S3_WRITE, resources: [s3Bucket, s3Objects] }],
  ['S3CrudPolicy', { actions: [...S3_READ, ...S3_WRITE, 's3:DeleteObject'], resources: [s3Bucket, s3Objects] }],
  ['S3FullAccessPolicy', { actions: ['s3:*'], resources: [s3Bucket, s3Objects] }],
  ['DynamoDBReadPolicy', { actions: DDB_READ, resources: [ddbTable, ddbIndex] }],
  ['DynamoDBWritePolicy', { actions: DDB_WRITE, resources: [ddbTable, ddbIndex] }],
  ['DynamoDBCrudPolicy', { actions: [...DDB_READ, ...DDB_WRITE, 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'], resources: [ddbTable, ddbIndex] }],
  ['DynamoDBReconfigurePolicy', { actions: ['dynamodb:UpdateTable'], resources: [ddbTable] }],
  ['DynamoDBStreamReadPolicy', { actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resources: [ddbStream] }],
  ['DynamoDBBackupFullAccessPolicy', { actions: ['dynamodb:CreateBackup', 'dynamodb:DescribeContinuousBackups', 'dynamodb:DeleteBackup'], resources: [ddbTable] }],
  ['SQSSendMessagePolicy', { actions: ['sqs:SendMessage*'], resources: [sqsQueue] }],
  ['SQSPollerPolicy', { actions: ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], resources: [sqsQueue] }],
  ['SNSPublishMessagePolicy', { actions: ['sns:Publish'], resources: [snsTopic] }],
  ['SNSCrudPolicy', { actions: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'], resources: [snsTopic] }],
  ['KinesisStreamReadPolicy', { actions: ['kinesis:ListStreams', 'kinesis:DescribeStream', 'kinesis:GetShardIterator', 'kinesis:GetRecords'], resources: [kinesisStream] }],
  ['KinesisCrudPolicy', { actions: ['kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DescribeStream', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], resources: [kinesisStream] }],
  ['AWSSecretsManagerGetSecretValuePolicy', { actions: ['secretsmanager:GetSecretValue'], resources: [secret] }],
  ['AWSSecretsManagerRotationPolicy', { actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'], resources: [star] }],
  ['KMSDecryptPolicy', { actions: ['kms:Decrypt'], resources: [kmsKey] }],
  ['KMSEncryptPolicy', { actions: ['kms:Encrypt'], resources: [kmsKey] }],
  ['SSMParameterReadPolicy', { actions: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], resources: [ssmParam] }],
  ['SSMParameterWithSlashPrefixReadPolicy', { actions: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], resources: [ssmParamSlash] }],
  ['LambdaInvokePolicy', { actions: ['lambda:InvokeFunction'], resources: [lambdaFn] }],
  ['StepFunctionsExecutionPolicy', { actions: ['states:StartExecution'], resources: [stateMachine] }],
  ['EventBridgePutEventsPolicy', { actions: ['events:PutEvents'], resources: [eventBus] }],
  ['CloudWatchPutMetricPolicy', { actions: ['cloudwatch:PutMetricData'], resources: [star] }],
  ['VPCAccessPolicy', { actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], resources: [star] }],
  ['EFSWriteAccessPolicy', { actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], resources: [efsFs] }],
  ['SESCrudPolicy', { actions: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'], resources: [sesIdentity] }],
  ['SESSendBouncePolicy', { actions: ['ses:SendBounce'], resources: [sesIdentity] }],
  ['AthenaQueryPolicy', { actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'], resources: [star] }],
  ['RekognitionDetectOnlyPolicy', { actions: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'], resources: [star] }],
  ['ComprehendBasicAccessPolicy', { actions: ['comprehend:DetectEntities', 'comprehend:DetectKeyPhrases', 'comprehend:DetectSentiment'], resources: [star] }],
  ['CloudWatchLogsFullAccessPolicy', { actions: ['logs:*'], resources: [star] }],
  ['AWSXrayWriteOnlyAccess', { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: [star] }],
]);

export function isPolicyTemplate(name: string): boolean {
  return TEMPLATES.has(name);
}

/** The statement a SAM policy template grants, or undefined for an unknown template name. */
export function expandPolicyTemplate(name: string, params: CfnValue, region: string | undefined): PolicyStatement | undefined {
  const t = TEMPLATES.get(name);
  if (t === undefined) return undefined;
  const p: TemplateParams = { get: (n) => field(params, n), region: region ?? '*', partition: partitionOfRegion(region).partition };
  return { effect: 'Allow', actions: t.actions, resources: t.resources.map((r) => r(p)) };
}

/**
 * AWS managed policy name (or `service-role/Name` path) → ARN in the partition of `region`, as SAM does for
 * `Policies: [AmazonS3ReadOnlyAccess]` and its generated role's AWSLambdaBasicExecutionRole.
 */
export function managedPolicyArn(nameOrArn: string, region: string | undefined): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:${partitionOfRegion(region).partition}:iam::aws:policy/${nameOrArn}`;
}

export function knownStrings(values: readonly Maybe<string>[]): string[] {
  return values.filter(isKnown);
}
