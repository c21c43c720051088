// Test helper: Terraform text pieces that many end-to-end tests share (a VPC with private subnets in two AZs,
// route tables, security groups, a VPC function); tests compose them and keep what they test inline.

export const provider = (region: string): string => `provider "aws" { region = "${region}" }\n`;

/** `attributes`: further attribute lines ("enable_dns_hostnames = true"), which make the block multi-line. */
export function vpc(name = 'v', cidr = '10.0.0.0/16', attributes: readonly string[] = []): string {
  if (attributes.length === 0) return `resource "aws_vpc" "${name}" { cidr_block = "${cidr}" }\n`;
  return `resource "aws_vpc" "${name}" {\n  cidr_block = "${cidr}"\n${attributes.map((a) => `  ${a}\n`).join('')}}\n`;
}

export function subnet(name: string, o: { readonly cidr: string; readonly az: string; readonly vpc?: string }): string {
  return `resource "aws_subnet" "${name}" {
  vpc_id            = aws_vpc.${o.vpc ?? 'v'}.id
  cidr_block        = "${o.cidr}"
  availability_zone = "${o.az}"
}
`;
}

/** Names of `twoAzVpc`'s VPC and subnets, and further VPC attribute lines. */
export interface TwoAzOptions {
  readonly vpc?: string;
  readonly subnets?: readonly [string, string];
  readonly attributes?: readonly string[];
}

/** Provider, VPC `v` (10.0.0.0/16) and private subnets `a` (10.0.1.0/24) and `b` (10.0.2.0/24) in AZs a and b. */
export function twoAzVpc(region: string, o: TwoAzOptions = {}): string {
  const v = o.vpc ?? 'v';
  const [a, b] = o.subnets ?? ['a', 'b'];
  return provider(region) + vpc(v, '10.0.0.0/16', o.attributes)
    + subnet(a, { cidr: '10.0.1.0/24', az: `${region}a`, vpc: v })
    + subnet(b, { cidr: '10.0.2.0/24', az: `${region}b`, vpc: v });
}

/** A route table; `routes` is the text of its route blocks (`route(…)`, one per line when a list), if any. */
export function routeTable(name: string, o: { readonly vpc?: string; readonly routes?: string | readonly string[] } = {}): string {
  const vpcId = `aws_vpc.${o.vpc ?? 'v'}.id`;
  if (o.routes === undefined) return `resource "aws_route_table" "${name}" { vpc_id = ${vpcId} }\n`;
  return `resource "aws_route_table" "${name}" {
  vpc_id = ${vpcId}
${typeof o.routes === 'string' ? o.routes : o.routes.join('\n')}
}
`;
}

/** A route block from `cidr` (IPv6 when it has a colon) to `target` ("nat_gateway_id = aws_nat_gateway.n.id"),
 * its `=` aligned as terraform fmt does. */
export function route(cidr: string, target: string): string {
  const destination = cidr.includes(':') ? 'ipv6_cidr_block' : 'cidr_block';
  const eq = target.indexOf(' = ');
  const key = eq < 0 ? target : target.slice(0, eq);
  const width = Math.max(destination.length, key.length);
  return `  route {
    ${destination.padEnd(width)} = "${cidr}"
    ${key.padEnd(width)}${eq < 0 ? '' : target.slice(eq)}
  }`;
}

export function association(subnetName: string, table: string, name = subnetName): string {
  return `resource "aws_route_table_association" "${name}" {
  subnet_id      = aws_subnet.${subnetName}.id
  route_table_id = aws_route_table.${table}.id
}
`;
}

/** An internet gateway (`igw` unless named) and a public subnet with a table of the same name (`pub` unless
 * named) sending 0.0.0.0/0 to the gateway. */
export function publicSubnet(o: { readonly cidr: string; readonly az: string; readonly vpc?: string; readonly igw?: string; readonly name?: string }): string {
  const v = o.vpc ?? 'v';
  const igw = o.igw ?? 'igw';
  const name = o.name ?? 'pub';
  return `resource "aws_internet_gateway" "${igw}" { vpc_id = aws_vpc.${v}.id }\n`
    + subnet(name, { cidr: o.cidr, az: o.az, vpc: v })
    + routeTable(name, { vpc: v, routes: route('0.0.0.0/0', `gateway_id = aws_internet_gateway.${igw}.id`) })
    + association(name, name);
}

/** An Elastic IP (`name` unless named) and a public NAT gateway `name` in subnet `subnetName`. */
export function natGateway(name: string, subnetName: string, eip = name): string {
  return `resource "aws_eip" "${eip}" { domain = "vpc" }
resource "aws_nat_gateway" "${name}" {
  allocation_id = aws_eip.${eip}.id
  subnet_id     = aws_subnet.${subnetName}.id
}
`;
}

/** A security group; `egress` 'all' opens every protocol to 0.0.0.0/0, 'dual-stack' to ::/0 too, 'https' tcp 443
 * to 0.0.0.0/0 only, 'none' has no rule. */
export function securityGroup(name: string, egress: 'all' | 'dual-stack' | 'https' | 'none', vpcName = 'v'): string {
  if (egress === 'none') return `resource "aws_security_group" "${name}" { vpc_id = aws_vpc.${vpcName}.id }\n`;
  if (egress === 'dual-stack') {
    return securityGroupRules(name, { vpc: vpcName, egress: [{ protocol: '-1', port: 0, peer: 'cidr_blocks = ["0.0.0.0/0"]', ipv6: 'ipv6_cidr_blocks = ["::/0"]' }] });
  }
  const [from, to, protocol] = egress === 'all' ? [0, 0, '-1'] : [443, 443, 'tcp'];
  return `resource "aws_security_group" "${name}" {
  vpc_id = aws_vpc.${vpcName}.id
  egress {
    from_port   = ${from}
    to_port     = ${to}
    protocol    = "${protocol}"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
}

/** An ingress or egress block of `securityGroupRules`: tcp `port` unless `protocol` and `ports` say otherwise;
 * `peer` is the source or destination attribute (`cidr_blocks = ["10.0.0.0/16"]`, `self = true`). */
export interface RuleBlock {
  readonly port?: number;
  readonly ports?: readonly [number, number];
  readonly protocol?: string;
  readonly peer: string;
  /** A second peer attribute (`ipv6_cidr_blocks = ["::/0"]`). */
  readonly ipv6?: string;
}

/** A security group with inline ingress and egress blocks, their `=` aligned as terraform fmt does. */
export function securityGroupRules(name: string, o: { readonly vpc?: string; readonly ingress?: readonly RuleBlock[]; readonly egress?: readonly RuleBlock[] }): string {
  const block = (kind: string, r: RuleBlock): string => {
    const [from, to] = r.ports ?? [r.port ?? 0, r.port ?? 0];
    const eq = r.peer.indexOf(' = ');
    const pairs: [string, string][] = [['from_port', String(from)], ['to_port', String(to)], ['protocol', `"${r.protocol ?? 'tcp'}"`], [r.peer.slice(0, eq), r.peer.slice(eq + 3)]];
    if (r.ipv6 !== undefined) pairs.push([r.ipv6.slice(0, r.ipv6.indexOf(' = ')), r.ipv6.slice(r.ipv6.indexOf(' = ') + 3)]);
    const width = Math.max(...pairs.map(([k]) => k.length));
    return `  ${kind} {\n${pairs.map(([k, v]) => `    ${k.padEnd(width)} = ${v}\n`).join('')}  }\n`;
  };
  return `resource "aws_security_group" "${name}" {
  vpc_id = aws_vpc.${o.vpc ?? 'v'}.id
${(o.ingress ?? []).map((r) => block('ingress', r)).join('')}${(o.egress ?? []).map((r) => block('egress', r)).join('')}}
`;
}

/** A DB subnet group `<name>Subnets` and an aws_db_instance (db.t3.micro, 20 GB) in it; `attributes` add lines. */
export function dbInstance(name: string, o: { readonly engine: string; readonly subnets: readonly string[]; readonly securityGroups: readonly string[]; readonly attributes?: readonly string[] }): string {
  const ids = (kind: string, names: readonly string[]): string => names.map((n) => `aws_${kind}.${n}.id`).join(', ');
  return `resource "aws_db_subnet_group" "${name}Subnets" { subnet_ids = [${ids('subnet', o.subnets)}] }
resource "aws_db_instance" "${name}" {
  engine                 = "${o.engine}"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
${(o.attributes ?? []).map((a) => `  ${a}\n`).join('')}  db_subnet_group_name   = aws_db_subnet_group.${name}Subnets.name
  vpc_security_group_ids = [${ids('security_group', o.securityGroups)}]
}
`;
}

/** A gateway endpoint for `service` ("s3", "dynamodb") in `region` on route tables `tables`. */
export function gatewayEndpoint(name: string, service: string, region: string, tables: readonly string[], vpcName = 'v'): string {
  return `resource "aws_vpc_endpoint" "${name}" {
  vpc_id          = aws_vpc.${vpcName}.id
  service_name    = "com.amazonaws.${region}.${service}"
  route_table_ids = [${tables.map((t) => `aws_route_table.${t}.id`).join(', ')}]
}
`;
}

/** A role attribute for `FunctionOptions.attributes`, for tests where only the function's network matters. */
export const ROLE = 'role          = "arn:aws:iam::123456789012:role/r"';

/** Role, runtime and package attributes of a deployable function, for `FunctionOptions.attributes`. */
export const packaged: readonly string[] = [
  'role          = "arn:aws:iam::123456789012:role/fn"',
  'runtime       = "python3.12"',
  'handler       = "a.h"',
  'filename      = "a.zip"',
];

export interface FunctionOptions {
  /** Subnet resource names (`a` → aws_subnet.a.id). */
  readonly subnets: readonly string[];
  /** Security group resource names; `fn` by default. */
  readonly securityGroups?: readonly string[];
  /** The text inside `variables = { … }`; no environment block without it. */
  readonly env?: string;
  /** Further attribute lines (role, runtime, memory_size, …), written as given. */
  readonly attributes?: readonly string[];
}

function functionLines(name: string, o: Pick<FunctionOptions, 'env' | 'attributes'>): string[] {
  const lines = [`resource "aws_lambda_function" "${name}" {`, `  function_name = "${name}"`, ...(o.attributes ?? []).map((a) => `  ${a}`)];
  if (o.env !== undefined) lines.push('  environment {', `    variables = { ${o.env} }`, '  }');
  return lines;
}

/** An aws_lambda_function outside any VPC. */
export function lambdaFunction(name: string, o: Pick<FunctionOptions, 'env' | 'attributes'> = {}): string {
  return `${[...functionLines(name, o), '}'].join('\n')}\n`;
}

/** A VPC-attached aws_lambda_function. */
export function vpcFunction(name: string, o: FunctionOptions): string {
  const ids = (kind: string, names: readonly string[]): string => names.map((n) => `aws_${kind}.${n}.id`).join(', ');
  const lines = functionLines(name, o);
  lines.push(
    '  vpc_config {',
    `    subnet_ids         = [${ids('subnet', o.subnets)}]`,
    `    security_group_ids = [${ids('security_group', o.securityGroups ?? ['fn'])}]`,
    '  }',
    '}',
  );
  return `${lines.join('\n')}\n`;
}
