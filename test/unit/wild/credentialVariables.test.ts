// Environment variables that carry credentials or names, not addresses (cristobalgrau/aws-serverless-rds-management-lab:
// DB_USER, DB_PASSWORD, DB_NAME from variables without defaults): they are not a destination, so no
// "cannot tell whether … reaches what DB_USER names" need; DB_HOST from such a variable still is one (E1).

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { packaged, securityGroup, twoAzVpc, vpcFunction } from '../support/terraformPieces';

const workspace = twoAzVpc('us-east-1') + securityGroup('fn', 'all') + `
variable "db_user" { type = string }
variable "db_pass" { type = string }
variable "db_name" { type = string }
variable "db_host" { type = string }
variable "cache_port" { type = string }
` + vpcFunction('f', {
  subnets: ['a', 'b'],
  attributes: packaged,
  env: 'DB_USER = var.db_user, DB_PASSWORD = var.db_pass, DB_NAME = var.db_name, DATABASE_USERNAME = var.db_user, REDIS_PORT = var.cache_port, DB_HOST = var.db_host',
});

describe('wild: credential and name variables are not destinations', () => {
  it('only DB_HOST, of the unknown variables, is an unknown destination', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const outside = (fn?.reach ?? []).map((r) => r.destination).filter((d) => d.startsWith('env:')).sort();
    assert.deepEqual(outside, ['env:DB_HOST']);
  });
});
