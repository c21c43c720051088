// The CLI's text report on a report built by hand: what a function needs apart from the rest, long lists of
// ENI sharers cut to a few names, related locations under their diagnostic.

import * as assert from 'node:assert/strict';
import { renderText } from '../../../server/src/cli/textReport';
import type { JsonFunction, JsonReach, JsonReport } from '../../../server/src/ide/report';

const range = { start: { line: 4, character: 2 }, end: { line: 9, character: 0 } };

function reach(status: JsonReach['status'], needed: boolean): JsonReach {
  return { status, via: null, blockedAt: null, reason: null, path: [], fixes: [], bySubnet: {}, needed, neededBecause: needed ? ['environment variable X'] : [] };
}

function fn(id: string, sharesEniWith: string[]): JsonFunction {
  return {
    id, file: 'main.tf', range, vpcAttached: true, vpc: 'aws_vpc.v', subnets: ['aws_subnet.a'], securityGroups: ['aws_security_group.f'], sharesEniWith,
    reach: { internet: reach('no', false), s3: reach('yes', true), 'aws_db_instance.db': reach('partial', true) },
  };
}

const names = Array.from({ length: 6 }, (_, i) => `aws_lambda_function.f${i}`);
const report: JsonReport = {
  schemaVersion: 1,
  functions: [fn(names[0] ?? '', names.slice(1)), fn(names[1] ?? '', [names[0] ?? ''])],
  hyperplaneEnis: [],
  diagnostics: [{
    code: 'LAMBDA_NO_ROUTE_INTERNET', severity: 'error', file: 'main.tf', range, message: 'f0 cannot reach the internet',
    related: [{ file: 'net.tf', range: { start: { line: 11, character: 0 }, end: { line: 11, character: 5 } }, message: 'blocked at: aws_route_table.p' }],
  }],
};

describe('CLI text report', () => {
  const text = renderText(report, { colour: false });

  it('lists what a function needs apart from the other destinations', () => {
    assert.match(text, /^ {2}aws_lambda_function\.f0 \(main\.tf:5; VPC aws_vpc\.v, 1 subnet\)\n {4}needs {3}s3 ✓ {2}aws_db_instance\.db ◐\n {4}others {2}internet ✗$/m);
  });

  it('ends the functions with a legend that says which port was checked', () => {
    assert.match(text, /✓ reachable {2}◐ from some subnets only {2}✗ blocked {2}\? unknown; needs: [^;]+; AWS services checked on tcp 443, the internet on 443 or the ports of the URLs the function names, private resources on their port;/);
  });

  it('names a few ENI sharers and counts the rest', () => {
    assert.match(text, /shares Hyperplane ENIs with 5 functions: aws_lambda_function\.f1, aws_lambda_function\.f2, aws_lambda_function\.f3 and 2 more$/m);
    assert.match(text, /shares Hyperplane ENIs with aws_lambda_function\.f0$/m);
  });

  it('prints related locations under their diagnostic', () => {
    assert.match(text, /\[LAMBDA_NO_ROUTE_INTERNET\]\n {11}↳ net\.tf:12:1 blocked at: aws_route_table\.p$/m);
  });
});
