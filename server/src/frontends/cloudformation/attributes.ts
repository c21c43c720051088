// The Fn::GetAtt attributes of the resource types whose network meaning we model, from the CloudFormation
// resource reference (return values). A GetAtt of any other attribute of these types fails at deploy time
// (cfn-lint E1010); other types are not checked, so an incomplete table never raises a false alarm.

const ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    'AWS::EC2::VPC': ['CidrBlock', 'CidrBlockAssociations', 'DefaultNetworkAcl', 'DefaultSecurityGroup', 'Ipv6CidrBlocks', 'VpcId'],
    'AWS::EC2::Subnet': ['AvailabilityZone', 'AvailabilityZoneId', 'BlockPublicAccessStates', 'BlockPublicAccessStates.InternetGatewayBlockMode', 'CidrBlock', 'Ipv6CidrBlocks', 'Ipv6Native', 'NetworkAclAssociationId', 'OutpostArn', 'SubnetId', 'VpcId'],
    'AWS::EC2::SecurityGroup': ['GroupId', 'VpcId'],
    'AWS::EC2::RouteTable': ['RouteTableId'],
    'AWS::EC2::InternetGateway': ['InternetGatewayId'],
    'AWS::EC2::EgressOnlyInternetGateway': ['Id'],
    'AWS::EC2::NetworkAcl': ['Id'],
    'AWS::EC2::VPCEndpoint': ['CreationTimestamp', 'DnsEntries', 'Id', 'NetworkInterfaceIds'],
    'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
    'AWS::SNS::Topic': ['TopicArn', 'TopicName'],
    'AWS::DynamoDB::Table': ['Arn', 'StreamArn'],
    'AWS::IAM::Role': ['Arn', 'RoleId'],
    'AWS::KMS::Key': ['Arn', 'KeyId'],
  }).map(([type, attrs]) => [type, new Set(attrs)]),
);

/**
 * Whether `attribute` is unknown for `type`: false for types not in the table, and for an attribute that
 * names a property the resource sets (the resource registry returns many properties through GetAtt).
 */
export function isUnknownAttribute(type: string, attribute: string, hasProperty: (name: string) => boolean): boolean {
  const known = ATTRIBUTES.get(type);
  if (known === undefined || known.has(attribute)) return false;
  const dot = attribute.indexOf('.');
  return !hasProperty(dot > 0 ? attribute.slice(0, dot) : attribute);
}

/** The attributes of `type` for a message, or undefined when the type is not checked. */
export function attributesOf(type: string): readonly string[] | undefined {
  const known = ATTRIBUTES.get(type);
  return known === undefined ? undefined : [...known];
}
