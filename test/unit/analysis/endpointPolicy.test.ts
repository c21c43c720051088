// The endpoint policy evaluator on its own (E7, E9): tables of policy × request → verdict, covering explicit
// Deny, principals, action and ARN wildcards, bucket versus object ARNs, NotAction/NotResource and conditions.

import * as assert from 'node:assert/strict';
import { evaluateEndpointPolicy, isFullAccess, matchAction, matchArn, type EndpointFacts, type EndpointRequest, type PolicyResolver, type RequestItem } from '../../../server/src/analysis/endpointPolicy';
import { unknown } from '../../../server/src/model/origin';
import type { PolicyDocument, PolicyStatement } from '../../../server/src/model/types';

const resolver: PolicyResolver = {
  arnOf: (ref) => ({ orders: 'arn:aws:s3:::orders', other: 'arn:aws:s3:::other' } as Record<string, string | undefined>)[ref] ?? null,
  kindOf: (ref) => ({ orders: 'service-resource', other: 'service-resource', fnRole: 'iam-role', otherRole: 'iam-role', vpc: 'vpc' } as Record<string, string | undefined>)[ref],
  label: (ref) => `obj.${ref}`,
};

const endpoint = (policy: PolicyDocument | null | ReturnType<typeof unknown>): EndpointFacts => ({ id: 'ep', address: 'aws_vpc_endpoint.s3', vpc: 'vpc', service: 's3', policy });

function item(action: string, arn: string | null, ref: string | null = null): RequestItem {
  return { action, resource: { arn, ref, label: ref ?? arn ?? '?' }, because: 'test' };
}

function request(items: RequestItem[], o: { role?: string | null; incomplete?: string } = {}): EndpointRequest {
  return { key: 'k', service: 's3', role: o.role === undefined ? 'fnRole' : o.role, items, incomplete: o.incomplete ?? null };
}

function st(s: Partial<PolicyStatement>): PolicyStatement {
  return { effect: 'Allow', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', values: ['*'] }], ...s };
}

const getOrders = item('s3:GetObject', 'arn:aws:s3:::orders/*', 'orders');

describe('endpoint policy evaluation', () => {
  const cases: { name: string; policy: PolicyDocument | null | ReturnType<typeof unknown>; request?: EndpointRequest | null; expect: string }[] = [
    { name: 'default policy', policy: null, expect: 'pass: the default endpoint policy allows full access' },
    { name: 'explicit full access', policy: { statements: [st({ actions: ['*'] })] }, expect: 'pass: the endpoint policy allows full access' },
    { name: 'allow on the object ARN', policy: { statements: [st({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders/*'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'action wildcard s3:Get*', policy: { statements: [st({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::orders/*'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'actions compare case-insensitively', policy: { statements: [st({ actions: ['S3:getobject'], resources: ['arn:aws:s3:::orders/*'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'bucket ARN does not cover objects', policy: { statements: [st({ resources: ['arn:aws:s3:::orders'] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'another bucket', policy: { statements: [st({ resources: ['arn:aws:s3:::other/*'] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'a reference to the same bucket', policy: { statements: [st({ resources: [{ ref: 'orders' }] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'a reference to another bucket', policy: { statements: [st({ resources: [{ ref: 'other' }] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'explicit Deny wins', policy: { statements: [st({}), st({ effect: 'Deny', sid: 'NoGet', actions: ['s3:Get*'], resources: ['arn:aws:s3:::orders/*'] })] }, expect: 'block: narrow the Deny statement NoGet so it does not cover s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'Deny on another action does not apply', policy: { statements: [st({}), st({ effect: 'Deny', actions: ['s3:DeleteObject'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'NotAction allow', policy: { statements: [st({ actions: [], notActions: ['s3:Delete*'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'NotAction excludes the action', policy: { statements: [st({ actions: [], notActions: ['s3:Get*'] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'Deny NotResource other buckets', policy: { statements: [st({}), st({ effect: 'Deny', resources: [], notResources: ['arn:aws:s3:::logs/*'] })] }, expect: 'block: narrow the Deny statement #2 so it does not cover s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'Deny NotResource sparing the bucket', policy: { statements: [st({}), st({ effect: 'Deny', resources: [], notResources: ['arn:aws:s3:::orders/*'] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'principal: the function role', policy: { statements: [st({ principals: [{ type: 'AWS', values: [{ ref: 'fnRole' }] }] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'principal: another role', policy: { statements: [st({ principals: [{ type: 'AWS', values: [{ ref: 'otherRole' }] }] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'principal: a literal account', policy: { statements: [st({ principals: [{ type: 'AWS', values: ['arn:aws:iam::123456789012:root'] }] })] }, expect: 'unknown: the endpoint policy may refuse s3:GetObject on arn:aws:s3:::orders/*: statement #1 may allow it: the principal arn:aws:iam::123456789012:root may or may not be the function\'s role' },
    { name: 'principal: a service', policy: { statements: [st({ principals: [{ type: 'Service', values: ['lambda.amazonaws.com'] }] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'condition: aws:SourceVpc is the endpoint VPC', policy: { statements: [st({ conditions: [{ operator: 'StringEquals', key: 'aws:SourceVpc', values: [{ ref: 'vpc' }] }] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'condition: aws:SourceVpce is another endpoint', policy: { statements: [st({ conditions: [{ operator: 'StringEquals', key: 'aws:sourceVpce', values: [{ ref: 'ep2' }] }] })] }, expect: 'block: allow s3:GetObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'condition: Deny unless from the endpoint VPC does not apply', policy: { statements: [st({}), st({ effect: 'Deny', conditions: [{ operator: 'StringNotEquals', key: 'aws:SourceVpc', values: [{ ref: 'vpc' }] }] })] }, expect: 'pass: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1)' },
    { name: 'condition: another key is unknown', policy: { statements: [st({ conditions: [{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-1'] }] })] }, expect: 'unknown: the endpoint policy may refuse s3:GetObject on arn:aws:s3:::orders/*: statement #1 may allow it: Condition StringEquals aws:PrincipalOrgID is not evaluated: whether the function\'s account is in an organization, and which, is not in the code' },
    { name: 'unknown policy', policy: unknown('var.policy has no default'), expect: 'unknown: the endpoint policy is unknown: var.policy has no default' },
    { name: 'needs unknown, restrictive policy', policy: { statements: [st({ resources: ['arn:aws:s3:::orders/*'] })] }, request: null, expect: 'unknown: the endpoint policy restricts requests, and which requests the function makes to s3 is not known' },
    { name: 'needs unknown, full-access policy', policy: { statements: [st({})] }, request: null, expect: 'pass: the endpoint policy allows full access' },
    { name: 'no request to the service', policy: { statements: [st({ resources: ['arn:aws:s3:::other/*'] })] }, request: request([]), expect: 'pass: the function makes no known request to s3, so its endpoint policy does not matter here' },
    { name: 'incomplete needs all allowed', policy: { statements: [st({ resources: ['arn:aws:s3:::orders/*'] })] }, request: request([getOrders], { incomplete: 'a policy is unknown' }), expect: 'unknown: the endpoint policy allows s3:GetObject on arn:aws:s3:::orders/* (statement #1), but the function may make other requests (a policy is unknown)' },
    { name: 'role grants s3:*: partly allowed', policy: { statements: [st({ actions: ['s3:GetObject'] })] }, request: request([item('s3:*', 'arn:aws:s3:::orders/*')]), expect: 'unknown: the endpoint policy may refuse s3:* on arn:aws:s3:::orders/*: statement #1 may allow it: covers only part of s3:* on arn:aws:s3:::orders/*' },
    // Grants are an upper bound on what the function calls: some allowed, some refused is open, with the fix.
    { name: 'some granted actions allowed, others refused: unknown', policy: { statements: [st({ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:*:table/carts'] })] }, request: request(['GetItem', 'Scan', 'Query'].map((a) => item(`dynamodb:${a}`, 'arn:aws:dynamodb:us-east-1:*:table/carts'))), expect: 'unknown: the endpoint policy allows dynamodb:GetItem but refuses dynamodb:Scan, dynamodb:Query on arn:aws:dynamodb:us-east-1:*:table/carts: calls of those actions fail, which matters only if the function makes them (test)' },
    { name: 'a Deny covering some granted actions: unknown', policy: { statements: [st({}), st({ effect: 'Deny', sid: 'NoPut', actions: ['s3:PutObject'] })] }, request: request([getOrders, item('s3:PutObject', 'arn:aws:s3:::orders/*')]), expect: 'unknown: the endpoint policy allows s3:GetObject but refuses s3:PutObject on arn:aws:s3:::orders/* (statement NoPut denies them): calls of those actions fail, which matters only if the function makes them (test)' },
    { name: 'every granted action refused: block', policy: { statements: [st({ resources: ['arn:aws:s3:::other/*'] })] }, request: request([getOrders, item('s3:PutObject', 'arn:aws:s3:::orders/*')]), expect: 'block: allow s3:GetObject, s3:PutObject on arn:aws:s3:::orders/* in the policy of aws_vpc_endpoint.s3' },
    { name: 'table in the deployment account matches a literal account', policy: { statements: [st({ actions: ['dynamodb:*'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/carts'] })] }, request: request([item('dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:*:table/carts')]), expect: 'pass: the endpoint policy allows dynamodb:GetItem on arn:aws:dynamodb:us-east-1:*:table/carts (statement #1)' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateEndpointPolicy(endpoint(c.policy), c.request === undefined ? request([getOrders]) : c.request, resolver);
      assert.equal(`${v.kind}: ${v.kind === 'block' ? v.fix : v.detail}`, c.expect);
      if (v.kind === 'unknown' && c.expect.includes(' but refuses ')) assert.match(v.fix ?? '', / in the policy of aws_vpc_endpoint\.s3$/);
    });
  }

  it('an Allow naming only a service principal: the block says a function calls with its role, not as the service', () => {
    const v = evaluateEndpointPolicy(endpoint({ statements: [st({ sid: 'LambdaOnly', principals: [{ type: 'Service', values: ['lambda.amazonaws.com'] }] })] }), request([getOrders]), resolver);
    assert.equal(v.kind, 'block');
    assert.match(v.detail, /no statement allows s3:GetObject on arn:aws:s3:::orders\/\* \(statement LambdaOnly allows it only to the service principal lambda\.amazonaws\.com, and the function calls with its execution role's credentials\)/);
  });

  it('matches actions and ARNs with wildcards, three-valued', () => {
    assert.deepEqual([matchAction('s3:Get*', 's3:GetObject'), matchAction('s3:Get*', 's3:*'), matchAction('s3:Put*', 's3:Get*'), matchAction('*', 's3:*')], ['covers', 'partly', 'none', 'covers']);
    assert.deepEqual([
      matchArn('arn:aws:s3:::orders/*', 'arn:aws:s3:::orders/a/b'),
      matchArn('arn:aws:s3:::orders/public/*', 'arn:aws:s3:::orders/*'),
      matchArn('arn:aws:s3:::orders', 'arn:aws:s3:::orders/*'),
      matchArn('arn:aws:dynamodb:eu-west-1:1:table/t', 'arn:aws:dynamodb:*:*:table/t'),
      matchArn('arn:aws:dynamodb:eu-west-1:1:table/t', 'arn:aws:dynamodb:us-east-1:*:table/t'),
    ], ['covers', 'partly', 'none', 'covers', 'none']);
  });

  it('full access needs an unconditional Allow of everything to everyone and no Deny', () => {
    assert.equal(isFullAccess(null, 's3'), true);
    assert.equal(isFullAccess({ statements: [st({})] }, 's3'), true);
    assert.equal(isFullAccess({ statements: [st({}), st({ effect: 'Deny', actions: ['s3:DeleteObject'] })] }, 's3'), false);
    assert.equal(isFullAccess({ statements: [st({ conditions: [] })] }, 's3'), false);
  });
});
