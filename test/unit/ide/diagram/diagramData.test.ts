// Model + analysis → diagram data, on the real analysis of examples/ and on in-memory workspaces: the
// containment tree (cloud ⊃ region ⊃ VPCs ⊃ AZs ⊃ subnets ⊃ ENIs…), ENI links, and the path edges with the
// blocked hop's reason and fix.

import * as assert from 'node:assert/strict';
import type { DiagramModel } from '../../../../server/src/protocol/diagram';
import { diagramOf, exampleDiagram, idEndingWith } from './diagramFixtures';

/** The containment tree as indented "kind label [detail]" lines, children sorted by label. */
function outline(model: DiagramModel): string {
  const children = new Map<string | null, DiagramModel['nodes'][number][]>();
  for (const n of model.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const lines: string[] = [];
  const visit = (parent: string | null, depth: number): void => {
    for (const n of [...(children.get(parent) ?? [])].sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label) || (a.detail ?? '').localeCompare(b.detail ?? ''))) {
      lines.push(`${'  '.repeat(depth)}${n.kind} ${n.label}${n.detail ? ` [${n.detail}]` : ''}${n.subnetClass ? ` (${n.subnetClass})` : ''}`);
      visit(n.id, depth + 1);
    }
  };
  visit(null, 0);
  return lines.join('\n');
}

/** One function's path edges as "destination: source → target (status)" with short names. */
function paths(model: DiagramModel, fn: string): string[] {
  const short = (id: string): string => {
    const n = model.nodes.find((x) => x.id === id);
    if (!n) return id;
    return n.kind === 'hyperplane-eni' ? `ENI(${model.nodes.find((x) => x.id === n.parent)?.label ?? '?'})` : n.label;
  };
  return model.edges.filter((e) => e.kind === 'path' && e.functionId === fn).map((e) => `${e.destination}: ${short(e.source)} → ${short(e.target)} (${e.status})`);
}

describe('diagram data', () => {
  const model = exampleDiagram();

  it('nests the examples as cloud ⊃ region ⊃ Lambda service VPC and customer VPCs ⊃ AZs ⊃ subnets', () => {
    assert.equal(
      outline(model),
      `cloud AWS Cloud
  region eu-west-1
    aws-service Amazon DynamoDB
    aws-service Amazon S3
    lambda-service-vpc Lambda service VPC (AWS-managed)
      function aws_lambda_function.audit [2 Hyperplane ENIs]
      function aws_lambda_function.orders [2 Hyperplane ENIs]
      function aws_lambda_function.reports [2 Hyperplane ENIs]
      function InventoryFunction [2 Hyperplane ENIs]
    vpc aws_vpc.main [10.0.0.0/16]
      az eu-west-1a
        subnet aws_subnet.app_a [10.0.10.0/24] (private)
          hyperplane-eni Hyperplane ENI [app]
        subnet aws_subnet.data["a"] [10.0.20.0/24] (private)
          hyperplane-eni Hyperplane ENI [reports]
          target aws_db_instance.orders [rds-instance:5432]
        subnet aws_subnet.public[0] [10.0.0.0/24] (public)
          nat-gateway aws_nat_gateway.main
      az eu-west-1b
        subnet aws_subnet.app_b [10.0.11.0/24] (private)
          hyperplane-eni Hyperplane ENI [app]
        subnet aws_subnet.data["b"] [10.0.21.0/24] (private)
          hyperplane-eni Hyperplane ENI [reports]
        subnet aws_subnet.public[1] [10.0.1.0/24] (public)
      gateway-endpoint aws_vpc_endpoint.s3 [s3]
      internet-gateway aws_internet_gateway.main
    vpc Vpc [10.1.0.0/16]
      az AZ 1 of eu-west-1
        subnet PrivateSubnetA [10.1.0.0/24] (private)
          hyperplane-eni Hyperplane ENI [FunctionSecurityGroup]
          target Cache [elasticache:6379]
      az AZ 2 of eu-west-1
        subnet PrivateSubnetB [10.1.1.0/24] (private)
          hyperplane-eni Hyperplane ENI [FunctionSecurityGroup]
      gateway-endpoint DynamoDbEndpoint [dynamodb]
      gateway-endpoint S3Endpoint [s3]
internet Internet`,
    );
  });

  it('links every function to each ENI it shares (one ENI per subnet and security-group set)', () => {
    const links = model.edges.filter((e) => e.kind === 'eni-link');
    const appA = model.nodes.find((n) => n.kind === 'hyperplane-eni' && n.parent === idEndingWith(model, 'aws_subnet.app_a'));
    assert.ok(appA);
    assert.deepEqual(links.filter((e) => e.target === appA.id).map((e) => model.nodes.find((n) => n.id === e.source)?.label).sort(), ['aws_lambda_function.audit', 'aws_lambda_function.orders']);
    assert.equal(links.length, 8);
  });

  it('draws each path hop by hop, per subnet, with the blocked hop last', () => {
    assert.deepEqual(
      paths(model, idEndingWith(model, 'aws_lambda_function.orders')).filter((p) => p.startsWith('internet')),
      [
        'internet: aws_lambda_function.orders → ENI(aws_subnet.app_a) (yes)',
        'internet: ENI(aws_subnet.app_a) → aws_nat_gateway.main (yes)',
        'internet: aws_nat_gateway.main → aws_internet_gateway.main (yes)',
        'internet: aws_internet_gateway.main → Internet (yes)',
        'internet: aws_lambda_function.orders → ENI(aws_subnet.app_b) (yes)',
        'internet: ENI(aws_subnet.app_b) → Internet (no)',
      ],
    );
    const blocked = model.edges.find((e) => e.functionId?.endsWith('aws_lambda_function.orders') && e.destination === 'internet' && e.status === 'no');
    assert.equal(blocked?.subnet, idEndingWith(model, 'aws_subnet.app_b'));
    assert.match(blocked?.note ?? '', /blocked at route table aws_route_table\.app_b: no route covers the destination \(P9\)\nFix: route 0\.0\.0\.0\/0 in aws_route_table\.app_b to aws_nat_gateway\.main/);
    assert.equal(model.functions.find((f) => f.label === 'aws_lambda_function.orders')?.reach.internet, 'partial');
  });

  it('ends a path blocked by the target security group before the target, and never draws a self-loop', () => {
    const reports = idEndingWith(model, 'aws_lambda_function.reports');
    assert.deepEqual(
      paths(model, reports).filter((p) => p.startsWith('aws_db_instance')),
      [
        'aws_db_instance.orders: aws_lambda_function.reports → ENI(aws_subnet.data["a"]) (yes)',
        'aws_db_instance.orders: ENI(aws_subnet.data["a"]) → aws_db_instance.orders (no)',
        'aws_db_instance.orders: aws_lambda_function.reports → ENI(aws_subnet.data["b"]) (yes)',
        'aws_db_instance.orders: ENI(aws_subnet.data["b"]) → aws_db_instance.orders (no)',
      ],
    );
    assert.deepEqual(model.edges.filter((e) => e.source === e.target), []);
    const note = model.edges.find((e) => e.functionId === reports && e.destination === 'aws_db_instance.orders' && e.note)?.note ?? '';
    assert.match(note, /security groups aws_security_group\.db .*\(P2\)\nFix: allow ingress tcp 5432 from aws_security_group\.reports/);
  });

  it('puts a function without VPC config in the Lambda service VPC with direct lines out', () => {
    const files = new Map([
      [
        '/ws/main.tf',
        `provider "aws" { region = "eu-west-1" }
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "plain" {
  function_name = "plain"
  role          = aws_iam_role.r.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
}
`,
      ],
    ]);
    const plain = diagramOf(files);
    const fn = idEndingWith(plain, 'aws_lambda_function.plain');
    assert.equal(plain.nodes.find((n) => n.id === fn)?.parent, 'lambda-service-vpc');
    assert.equal(plain.nodes.find((n) => n.id === fn)?.detail, 'no VPC config');
    const internet = plain.edges.filter((e) => e.functionId === fn && e.destination === 'internet');
    assert.deepEqual(internet.map((e) => `${e.source === fn ? 'function' : e.source} → ${e.target} (${e.status})`), ['function → internet (yes)']);
    assert.equal(plain.nodes.filter((n) => n.kind === 'vpc').length, 0);
  });

  it('draws only what many functions without VPC config need or fail to reach, not every line out', () => {
    const fn = (name: string, env = ''): string => `resource "aws_lambda_function" "${name}" {
  function_name = "${name}"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "app.zip"
  ${env}
}
`;
    const text = `provider "aws" { region = "eu-west-1" }\n${fn('a', 'environment {\n    variables = { API = "https://api.example.com" }\n  }')}${fn('b')}${fn('c')}${fn('d')}`;
    const many = diagramOf(new Map([['/ws/main.tf', text]]));
    const lines = many.edges.filter((e) => e.kind === 'path').map((e) => `${e.functionId?.split('.').pop() ?? ''} → ${e.destination ?? ''}`);
    // Four functions outside any VPC: only a's internet line (it calls an https API) is drawn.
    assert.deepEqual(lines, ['a → internet']);
    assert.ok(many.nodes.some((n) => n.id === 'internet'), 'the internet is still drawn');
  });

  it('gives every node a location to reveal when it is declared in a file', () => {
    const orders = model.nodes.find((n) => n.label === 'aws_lambda_function.orders');
    assert.match(orders?.location?.uri ?? '', /examples\/terraform\/lambda\.tf$/);
    assert.ok((orders?.location?.line ?? -1) >= 0);
    for (const n of model.nodes.filter((x) => x.kind === 'function' || x.kind === 'subnet' || x.kind === 'nat-gateway')) assert.ok(n.location, `${n.label} has no location`);
  });
});

describe('diagram data: Lambda Managed Instances', () => {
  // Functions on a capacity provider run on instances in the customer's subnets (no Hyperplane ENI): the
  // provider is drawn in each subnet it uses, linked to the functions that run on it.
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  SubA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a } }
  SubB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1b } }
  Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: s, VpcId: !Ref Vpc } }
  Provider:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [!Ref SubA, !Ref SubB], SecurityGroupIds: [!Ref Sg] }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CapacityProviderConfig: { Arn: !GetAtt Provider.Arn }
`;
  const model = diagramOf(new Map([['/w/template.yaml', template]]));

  it('draws the capacity provider in each of its subnets, linked to the function, with no Hyperplane ENI', () => {
    const providers = model.nodes.filter((n) => n.kind === 'capacity-provider');
    const subnetOf = (id: string | null): string => model.nodes.find((n) => n.id === id)?.label ?? '?';
    assert.deepEqual(providers.map((p) => `${p.label} in ${subnetOf(p.parent)}`).sort(), ['Provider in SubA', 'Provider in SubB']);
    assert.equal(model.nodes.filter((n) => n.kind === 'hyperplane-eni').length, 0);
    const worker = model.nodes.find((n) => n.kind === 'function' && n.label === 'Worker');
    assert.ok(worker, 'the function is drawn');
    const linked = model.edges.filter((e) => e.source === worker.id || e.target === worker.id).map((e) => model.nodes.find((n) => n.id === (e.source === worker.id ? e.target : e.source))?.kind);
    assert.ok(linked.includes('capacity-provider'), `the function is linked to its capacity provider (links: ${linked.join(', ')})`);
  });
});
