// Test helper: CloudFormation template pieces that many end-to-end tests share, the counterpart of
// terraformPieces.ts (template head, VPC and subnets, route tables, gateways, security groups, a database, a function).
// Each piece is entries under `Resources:` (two-space indent); tests concatenate them and keep what they test inline.

/** What goes above `Resources:`; each text is the section's body, indented two spaces. */
export interface TemplateOptions {
  /** `Transform: AWS::Serverless-2016-10-31` (SAM); implied by `globals`. */
  readonly sam?: boolean;
  readonly globals?: string;
  readonly parameters?: string;
  readonly conditions?: string;
}

/** The template head down to `Resources:`. */
export function template(o: TemplateOptions = {}): string {
  let head = 'AWSTemplateFormatVersion: "2010-09-09"\n';
  if (o.sam === true || o.globals !== undefined) head += 'Transform: AWS::Serverless-2016-10-31\n';
  if (o.globals !== undefined) head += `Globals:\n${o.globals}`;
  if (o.parameters !== undefined) head += `Parameters:\n${o.parameters}`;
  if (o.conditions !== undefined) head += `Conditions:\n${o.conditions}`;
  return `${head}Resources:\n`;
}

/** `, a, b` after the fixed properties of a one-line entry, or nothing. */
const more = (properties: string | undefined): string => (properties === undefined || properties === '' ? '' : `, ${properties}`);

export const ref = (name: string): string => `!Ref ${name}`;
/** A security group's id as a function or target names it. */
export const groupId = (name: string): string => `!GetAtt ${name}.GroupId`;
const list = (items: readonly string[], as: (name: string) => string): string => `[${items.map(as).join(', ')}]`;

/** `properties`: further flow-style properties ("EnableDnsHostnames: true"). */
export const vpc = (name = 'Vpc', cidr = '10.0.0.0/16', properties?: string): string =>
  `  ${name}: { Type: AWS::EC2::VPC, Properties: { CidrBlock: ${cidr}${more(properties)} } }\n`;

export function subnet(name: string, o: { readonly cidr: string; readonly az: string; readonly vpc?: string; readonly dependsOn?: string }): string {
  const dependsOn = o.dependsOn === undefined ? '' : ` DependsOn: ${o.dependsOn},`;
  return `  ${name}: { Type: AWS::EC2::Subnet,${dependsOn} Properties: { VpcId: !Ref ${o.vpc ?? 'Vpc'}, CidrBlock: ${o.cidr}, AvailabilityZone: ${o.az} } }\n`;
}

/** Template head, VPC `Vpc` (10.0.0.0/16, plus `vpcProperties`) and private subnets `A` (10.0.1.0/24) and `B`
 * (10.0.2.0/24) in AZs a and b of `region`. */
export function twoAzVpc(region: string, o: TemplateOptions & { readonly vpcProperties?: string } = {}): string {
  return template(o) + vpc('Vpc', '10.0.0.0/16', o.vpcProperties)
    + subnet('A', { cidr: '10.0.1.0/24', az: `${region}a` })
    + subnet('B', { cidr: '10.0.2.0/24', az: `${region}b` });
}

/** An AWS::EC2::Route of a table: `target` is its target property ("NatGatewayId: !Ref Nat"). */
export interface Route {
  readonly name: string;
  readonly cidr: string;
  readonly target: string;
  readonly dependsOn?: string;
}

/** A route table, its routes, and an association `<table><subnet>` for each of `subnets`. */
export function routeTable(name: string, o: { readonly vpc?: string; readonly subnets?: readonly string[]; readonly routes?: readonly Route[] } = {}): string {
  let out = `  ${name}: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref ${o.vpc ?? 'Vpc'} } }\n`;
  for (const r of o.routes ?? []) {
    const dependsOn = r.dependsOn === undefined ? '' : ` DependsOn: ${r.dependsOn},`;
    out += `  ${r.name}: { Type: AWS::EC2::Route,${dependsOn} Properties: { RouteTableId: !Ref ${name}, DestinationCidrBlock: ${r.cidr}, ${r.target} } }\n`;
  }
  for (const s of o.subnets ?? []) out += association(s, name);
  return out;
}

export function association(subnetName: string, table: string, name = `${table}${subnetName}`): string {
  return `  ${name}: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref ${subnetName}, RouteTableId: !Ref ${table} } }\n`;
}

/** An internet gateway and its VPCGatewayAttachment `<name>Attach`. */
export function internetGateway(name = 'Igw', vpcName = 'Vpc'): string {
  return `  ${name}: { Type: AWS::EC2::InternetGateway }
  ${name}Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref ${vpcName}, InternetGatewayId: !Ref ${name} } }
`;
}

/** A subnet (`P` unless named) with an attached internet gateway `Igw` and a table `PublicRt` sending 0.0.0.0/0 to it. */
export function publicSubnet(o: { readonly cidr: string; readonly az: string; readonly name?: string; readonly vpc?: string }): string {
  const name = o.name ?? 'P';
  return subnet(name, { cidr: o.cidr, az: o.az, vpc: o.vpc })
    + internetGateway('Igw', o.vpc)
    + routeTable('PublicRt', { vpc: o.vpc, subnets: [name], routes: [{ name: 'PublicRoute', cidr: '0.0.0.0/0', target: 'GatewayId: !Ref Igw', dependsOn: 'IgwAttach' }] });
}

/** An Elastic IP `<name>Ip` and a public NAT gateway `name` in subnet `subnetName`. */
export function natGateway(name: string, subnetName: string): string {
  return `  ${name}Ip: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  ${name}: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref ${subnetName}, AllocationId: !GetAtt ${name}Ip.AllocationId } }
`;
}

/** A rule item of SecurityGroupIngress / SecurityGroupEgress: `peer` is its source or destination ("CidrIp: 10.0.0.0/16"). */
export const tcp = (port: number, peer: string): string => `{ IpProtocol: tcp, FromPort: ${port}, ToPort: ${port}, ${peer} }`;

/**
 * A security group in `vpc` (`Vpc`); without `egress` CloudFormation gives it allow-all egress (T3). The
 * description is the name without its `Sg` suffix, lower case, unless given.
 */
export function securityGroup(name: string, o: { readonly vpc?: string; readonly description?: string; readonly ingress?: readonly string[]; readonly egress?: readonly string[] } = {}): string {
  const description = o.description ?? name.replace(/Sg$/, '').toLowerCase();
  const vpcName = o.vpc ?? 'Vpc';
  if (o.ingress === undefined && o.egress === undefined) return `  ${name}: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: ${description}, VpcId: !Ref ${vpcName} } }\n`;
  const rules = (key: string, items: readonly string[] | undefined): string => (items === undefined ? '' : `      ${key}: [${items.join(', ')}]\n`);
  return `  ${name}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ${description}
      VpcId: !Ref ${vpcName}
${rules('SecurityGroupIngress', o.ingress)}${rules('SecurityGroupEgress', o.egress)}`;
}

/** A DB subnet group `<name>Subnets` and an RDS instance (db.t3.micro) in it; `properties` adds to the instance's. */
export function dbInstance(name: string, o: { readonly engine: string; readonly subnets: readonly string[]; readonly securityGroups: readonly string[]; readonly properties?: string }): string {
  return `  ${name}Subnets: { Type: AWS::RDS::DBSubnetGroup, Properties: { DBSubnetGroupDescription: db, SubnetIds: ${list(o.subnets, ref)} } }
  ${name}:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: ${o.engine}, DBInstanceClass: db.t3.micro, AllocatedStorage: "20", DBSubnetGroupName: !Ref ${name}Subnets, VPCSecurityGroups: ${list(o.securityGroups, groupId)}${more(o.properties)} }
`;
}

/** A gateway endpoint for `service` ("s3", "dynamodb") on `tables`, its service name built from AWS::Region. */
export function gatewayEndpoint(name: string, service: string, tables: readonly string[], vpcName = 'Vpc'): string {
  return `  ${name}: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref ${vpcName}, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.${service}", RouteTableIds: ${list(tables, ref)} } }\n`;
}

export interface FunctionOptions {
  /** The text inside `Variables: { … }`; no Environment without it. */
  readonly env?: string;
  /** Role ARN; role/fn in account 123456789012 unless given. */
  readonly role?: string;
  /** Further property lines (`Timeout: 30`), written under Properties as given. */
  readonly properties?: readonly string[];
}

/** An AWS::Lambda::Function (python3.12, inline code) outside any VPC. */
export function lambdaFunction(name: string, o: FunctionOptions = {}): string {
  const lines = [
    `  ${name}:`,
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    `      Role: ${o.role ?? 'arn:aws:iam::123456789012:role/fn'}`,
    '      Runtime: python3.12',
    '      Handler: index.handler',
    '      Code: { ZipFile: "def handler(e, c): pass" }',
  ];
  if (o.env !== undefined) lines.push(`      Environment: { Variables: { ${o.env} } }`);
  for (const p of o.properties ?? []) lines.push(`      ${p}`);
  return `${lines.join('\n')}\n`;
}

/** A VPC-attached AWS::Lambda::Function; subnets by !Ref, security groups (`FnSg` unless given) by GroupId. */
export function vpcFunction(name: string, o: FunctionOptions & { readonly subnets: readonly string[]; readonly securityGroups?: readonly string[] }): string {
  const vpcConfig = `VpcConfig: { SubnetIds: ${list(o.subnets, ref)}, SecurityGroupIds: ${list(o.securityGroups ?? ['FnSg'], groupId)} }`;
  return lambdaFunction(name, { env: o.env, role: o.role, properties: [...(o.properties ?? []), vpcConfig] });
}

/** Two VPCs in `region`'s AZ a: VpcA (10.0.0.0/16) with subnet A1 (10.0.1.0/24), VpcB (10.1.0.0/16) with B1 (10.1.1.0/24). */
export function twoVpcs(region: string): string {
  return vpc('VpcA') + vpc('VpcB', '10.1.0.0/16')
    + subnet('A1', { cidr: '10.0.1.0/24', az: `${region}a`, vpc: 'VpcA' })
    + subnet('B1', { cidr: '10.1.1.0/24', az: `${region}a`, vpc: 'VpcB' });
}

/** Tables TableA (on A1, route ToB to 10.1.0.0/16) and TableB (on B1, route ToA back) of `twoVpcs`, both through
 * `target` ("TransitGatewayId: !Ref Tgw"); `dependsOn` is each route's DependsOn, A's then B's. */
export function twoVpcRoutes(target: string, dependsOn: readonly [string, string] | readonly [] = []): string {
  const [a, b] = dependsOn;
  return routeTable('TableA', { vpc: 'VpcA', subnets: ['A1'], routes: [{ name: 'ToB', cidr: '10.1.0.0/16', target, dependsOn: a }] })
    + routeTable('TableB', { vpc: 'VpcB', subnets: ['B1'], routes: [{ name: 'ToA', cidr: '10.0.0.0/16', target, dependsOn: b }] });
}

/** In `twoVpcs`: a function Fn in A1 (group FnSg, default egress) reading DB_HOST of a Postgres instance Db in B1
 * whose group DbSg admits VpcA's CIDR on 5432. */
export function databaseInVpcB(): string {
  return securityGroup('FnSg', { vpc: 'VpcA' })
    + securityGroup('DbSg', { vpc: 'VpcB', ingress: [tcp(5432, 'CidrIp: 10.0.0.0/16')] })
    + dbInstance('Db', { engine: 'postgres', subnets: ['B1'], securityGroups: ['DbSg'] })
    + vpcFunction('Fn', { subnets: ['A1'], env: 'DB_HOST: !GetAtt Db.Endpoint.Address' });
}
