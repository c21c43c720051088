// The Region of each resource: provider aliases (`provider = aws.west`), providers passed to modules, the AWS
// provider v6 `region` argument, and what follows from it (data.aws_region, data.aws_partition, endpoint
// service names). Objects outside the stack's Region carry it in `region`.

import * as assert from 'node:assert/strict';
import { readTerraform } from '../../../../server/src/frontends/terraform';
import { renderObjects, tfFixture } from './tfFixture';

function read(files: string, region?: string): { objects: string; modelRegion: unknown } {
  const out = readTerraform(tfFixture(files).view, region === undefined ? {} : { region });
  return { objects: renderObjects(out.objects, out.stacks[0] ?? '', ['vpc', 'vpc-endpoint', 'service-resource']), modelRegion: out.region };
}

/** A queue named after a value, so the value shows in the rendered model. */
const show = (name: string, expr: string): string => `resource "aws_sqs_queue" "${name}" { name = ${expr} }\n`;

describe('provider Regions (Terraform)', () => {
  it('reads aliases, the v6 region argument and data.aws_region per provider', () => {
    const { objects, modelRegion } = read(`
//- /w/main.tf
provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "west"
  region = "us-west-2"
}
data "aws_region" "west" { provider = aws.west }
data "aws_region" "explicit" { region = "ap-south-1" }
data "aws_region" "cur" {}
data "aws_region" "v5" { name = "eu-west-3" }
resource "aws_vpc" "w" {
  provider   = aws.west
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "e" { cidr_block = "10.1.0.0/16" }
resource "aws_vpc" "s" {
  region     = "ap-south-1"
  cidr_block = "10.2.0.0/16"
}
resource "aws_vpc_endpoint" "s3w" {
  provider     = aws.west
  vpc_id       = aws_vpc.w.id
  service_name = "com.amazonaws.\${data.aws_region.west.name}.s3"
}
${show('a', 'data.aws_region.west.name')}${show('b', 'data.aws_region.explicit.name')}${show('c', 'data.aws_region.cur.region')}${show('d', 'data.aws_region.v5.name')}${show('e', 'data.aws_region.west.endpoint')}`);
    assert.equal(modelRegion, 'us-east-1');
    assert.equal(
      objects,
      `
service-resource aws_sqs_queue.a service="sqs" resourceName="us-west-2"
service-resource aws_sqs_queue.b service="sqs" resourceName="ap-south-1"
service-resource aws_sqs_queue.c service="sqs" resourceName="us-east-1"
service-resource aws_sqs_queue.d service="sqs" resourceName="eu-west-3"
service-resource aws_sqs_queue.e service="sqs" resourceName="ec2.us-west-2.amazonaws.com"
vpc aws_vpc.e cidrBlocks=["10.1.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default"
vpc aws_vpc.s cidrBlocks=["10.2.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default" region="ap-south-1"
vpc aws_vpc.w cidrBlocks=["10.0.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default" region="us-west-2"
vpc-endpoint aws_vpc_endpoint.s3w vpc="aws_vpc.w" serviceName="com.amazonaws.us-west-2.s3" service="s3" endpointType="Gateway" routeTables=[] subnets=[] securityGroups=[] privateDnsEnabled=false policy=null region="us-west-2"`.trim(),
    );
  });

  it('follows providers into modules: inherited default, a providers map, a module-level alias', () => {
    const { objects } = read(`
//- /w/main.tf
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}
module "same" { source = "./m" }
module "moved" {
  source    = "./m"
  providers = { aws = aws.dr }
}
//- /w/m/main.tf
data "aws_region" "here" {}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
${show('q', 'data.aws_region.here.name')}`);
    assert.equal(
      objects,
      `
service-resource module.moved.aws_sqs_queue.q service="sqs" resourceName="eu-central-1" region="eu-central-1"
service-resource module.same.aws_sqs_queue.q service="sqs" resourceName="eu-west-1"
vpc module.moved.aws_vpc.v cidrBlocks=["10.0.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default" region="eu-central-1"
vpc module.same.aws_vpc.v cidrBlocks=["10.0.0.0/16"] ipv6CidrBlocks=[] enableDnsSupport=true enableDnsHostnames=false instanceTenancy="default"`.trim(),
    );
  });

  it('derives the partition and DNS suffix from the Region', () => {
    const files = `
//- /w/main.tf
data "aws_partition" "p" {}
${show('p', 'data.aws_partition.p.partition')}${show('d', 'data.aws_partition.p.dns_suffix')}${show('r', 'data.aws_partition.p.reverse_dns_prefix')}`;
    const names = (region: string | undefined): string[] => [...read(files, region).objects.matchAll(/resourceName="([^"]*)"/g)].map((m) => m[1] ?? '');
    assert.deepEqual(names('cn-north-1'), ['amazonaws.com.cn', 'aws-cn', 'cn.com.amazonaws']);
    assert.deepEqual(names('us-gov-west-1'), ['amazonaws.com', 'aws-us-gov', 'com.amazonaws']);
    assert.deepEqual(names('eu-west-1'), ['amazonaws.com', 'aws', 'com.amazonaws']);
    assert.deepEqual(names(undefined), ['amazonaws.com', 'aws', 'com.amazonaws']);
    const cn = read(`//- /w/main.tf\nprovider "aws" { region = "cn-north-1" }\n${files.split('\n').slice(2).join('\n')}`).objects;
    assert.ok(cn.includes('resourceName="aws-cn"'), cn);
  });
});
