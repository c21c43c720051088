// Resource types that never carry a network fact a Lambda function's paths depend on: alarms, log groups, API
// and GraphQL definitions, layers, aliases, subscriptions, bucket settings other than the policy. When every
// type a file leaves unmodelled is one of these, its "not modelled" note is a hint rather than a Problems
// entry. Kept as an explicit list: a type not named here (a VPN gateway, a load balancer listener, a bucket
// policy with aws:SourceVpce conditions, a custom resource) stays a note the user sees.

const CLOUDFORMATION: readonly RegExp[] = [
  /^AWS::(CloudWatch|Logs|ApiGateway|ApiGatewayV2|AppSync|Cognito|WAFv2|Glue|Athena|Events|Scheduler|ResourceGroups|ApplicationInsights|Config|XRay|Budgets)::/,
  /^AWS::Lambda::(LayerVersion|LayerVersionPermission|Permission|EventInvokeConfig|Url)$/,
  /^AWS::Serverless::(LayerVersion|Api|HttpApi)$/,
  /^AWS::(SSM::Parameter|SNS::Subscription|KMS::Alias|CDK::Metadata|IAM::ServiceLinkedRole|IAM::InstanceProfile)$/,
];

const TERRAFORM: readonly RegExp[] = [
  /^aws_(cloudwatch|api_gateway|apigatewayv2|appsync|cognito|wafv2|glue|athena|scheduler|resourcegroups|applicationinsights|config|xray|budgets)_/,
  /^aws_lambda_(layer_version|layer_version_permission|alias|function_event_invoke_config|function_url|provisioned_concurrency_config|function_recursion_config)$/,
  /^aws_s3_bucket_(?!policy$)[a-z_]+$/,
  /^aws_(s3_object|ssm_parameter|sns_topic_subscription|kms_alias|iam_service_linked_role|iam_instance_profile|flow_log)$/,
];

/** Whether a resource type (CloudFormation `AWS::…` or Terraform `aws_…`) never decides a Lambda path. */
export function isNetworkInert(type: string): boolean {
  return (type.startsWith('AWS::') ? CLOUDFORMATION : TERRAFORM).some((re) => re.test(type));
}
