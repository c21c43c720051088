// Test helper: Terraform text pieces that many end-to-end tests share (a VPC with private subnets in two AZs,
// route tables, security groups, a VPC function); tests compose them and keep what they test inline.

export const provider = (region: string): string => `provider "aws" { region = "${region}" }\n`;

export const vpc = (name = 'v', cidr = '10.0.0.0/16'): string => `resource "aws_vpc" "${name}" { cidr_block = "${cidr}" }\n`;

export function subnet(name: string, o: { readonly cidr: string; readonly az: string; readonly vpc?: string }): string {
  return `resource "aws_subnet" "${name}" {
  vpc_id            = aws_vpc.${o.vpc ?? 'v'}.id
  cidr_block        = "${o.cidr}"
  availability_zone = "${o.az}"
}
`;
}

/** Provider, VPC `v` (10.0.0.0/16) and private subnets `a` (10.0.1.0/24) and `b` (10.0.2.0/24) in AZs a and b. */
export function twoAzVpc(region: string): string {
  return provider(region) + vpc()
    + subnet('a', { cidr: '10.0.1.0/24', az: `${region}a` })
    + subnet('b', { cidr: '10.0.2.0/24', az: `${region}b` });
}

/** A route table; `routes` is the text of its route blocks, if any. */
export function routeTable(name: string, o: { readonly vpc?: string; readonly routes?: string } = {}): string {
  const vpcId = `aws_vpc.${o.vpc ?? 'v'}.id`;
  return o.routes === undefined ? `resource "aws_route_table" "${name}" { vpc_id = ${vpcId} }\n` : `resource "aws_route_table" "${name}" {
  vpc_id = ${vpcId}
${o.routes}
}
`;
}

/** A route block to `target` ("nat_gateway_id = aws_nat_gateway.n.id"), its `=` aligned as terraform fmt does. */
export function route(cidr: string, target: string): string {
  const eq = target.indexOf(' = ');
  const key = eq < 0 ? target : target.slice(0, eq);
  const width = Math.max('cidr_block'.length, key.length);
  return `  route {
    ${'cidr_block'.padEnd(width)} = "${cidr}"
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

/** An Elastic IP and a public NAT gateway `name` in subnet `subnetName`. */
export function natGateway(name: string, subnetName: string): string {
  return `resource "aws_eip" "${name}" { domain = "vpc" }
resource "aws_nat_gateway" "${name}" {
  allocation_id = aws_eip.${name}.id
  subnet_id     = aws_subnet.${subnetName}.id
}
`;
}

/** A security group; `egress` 'all' opens every protocol to 0.0.0.0/0, 'https' tcp 443 only, 'none' has no rule. */
export function securityGroup(name: string, egress: 'all' | 'https' | 'none', vpcName = 'v'): string {
  if (egress === 'none') return `resource "aws_security_group" "${name}" { vpc_id = aws_vpc.${vpcName}.id }\n`;
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

/** A VPC-attached aws_lambda_function. */
export function vpcFunction(name: string, o: FunctionOptions): string {
  const ids = (kind: string, names: readonly string[]): string => names.map((n) => `aws_${kind}.${n}.id`).join(', ');
  const lines = [`resource "aws_lambda_function" "${name}" {`, `  function_name = "${name}"`, ...(o.attributes ?? []).map((a) => `  ${a}`)];
  if (o.env !== undefined) lines.push('  environment {', `    variables = { ${o.env} }`, '  }');
  lines.push(
    '  vpc_config {',
    `    subnet_ids         = [${ids('subnet', o.subnets)}]`,
    `    security_group_ids = [${ids('security_group', o.securityGroups ?? ['fn'])}]`,
    '  }',
    '}',
  );
  return `${lines.join('\n')}\n`;
}
