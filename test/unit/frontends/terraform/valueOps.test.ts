// Tests for valueOps.ts: conversions, equality (with unknowns, refs and symbols), operators and rendering.

import { strict as assert } from 'node:assert';
import { isFunctionError, type TfFunctionResult } from '../../../../server/src/frontends/terraform/functions';
import { type TfRef, type TfUnknown, type TfValue, isTfUnknown, tfObject } from '../../../../server/src/frontends/terraform/value';
import {
  binaryOp,
  formatNumber,
  renderValue,
  snapNumber,
  tfEquals,
  toBoolValue,
  toNumberValue,
  toStringValue,
  typeName,
  unaryOp,
} from '../../../../server/src/frontends/terraform/valueOps';

const ref = (address: string, attribute = 'id'): TfRef => ({ kind: 'ref', target: address, address, attribute });
const unknownValue = (reason: string, symbol?: string): TfUnknown => ({ unknown: true, reason, ...(symbol !== undefined ? { symbol } : {}) });

function show(r: TfFunctionResult): string {
  if (isFunctionError(r)) return `error: ${r.message}`;
  if (isTfUnknown(r)) return `unknown: ${r.reason}${r.refs !== undefined ? ` [refs: ${r.refs.map((x) => x.address).join(', ')}]` : ''}`;
  return renderValue(r);
}

describe('valueOps', () => {
  it('formats numbers as Terraform does (no exponents, -0 kept)', () => {
    const cases: readonly (readonly [number, string])[] = [
      [1, '1'],
      [1.5, '1.5'],
      [1e21, '1000000000000000000000'],
      [1e-7, '0.0000001'],
      [-1.25e-5, '-0.0000125'],
      [1.5e22, '15000000000000000000000'],
      [-0, '-0'],
      [123.456, '123.456'],
    ];
    for (const [n, text] of cases) assert.equal(formatNumber(n), text);
  });

  it('snaps float noise but keeps genuine fractions', () => {
    assert.equal(snapNumber(0.1 + 0.2), 0.3);
    assert.equal(snapNumber(1 / 3), 1 / 3);
    assert.equal(snapNumber(2), 2);
  });

  it('converts like Terraform', () => {
    const cases: readonly (readonly [TfFunctionResult, string])[] = [
      [toStringValue(1.5), '"1.5"'],
      [toStringValue(true), '"true"'],
      [toStringValue(null), 'null'],
      [toStringValue([1]), 'error: cannot convert tuple to string'],
      [toNumberValue('1e3'), '1000'],
      [toNumberValue('+1'), '1'],
      [toNumberValue('.5'), '0.5'],
      [toNumberValue(' 1'), 'error: cannot convert " 1" to number; given string must be a decimal representation of a number'],
      [toNumberValue('0x10'), 'error: cannot convert "0x10" to number; given string must be a decimal representation of a number'],
      [toNumberValue(true), 'error: cannot convert bool to number'],
      [toBoolValue('true'), 'true'],
      [toBoolValue('0'), 'false'],
      [toBoolValue('yes'), 'error: cannot convert "yes" to bool; only the strings "true" or "false" are allowed'],
      [toBoolValue(1), 'error: cannot convert number to bool'],
    ];
    for (const [r, expected] of cases) assert.equal(show(r), expected);
    const r = ref('aws_vpc.main');
    assert.equal(toStringValue(r), r, 'a ref is a string-typed value and stays itself');
  });

  it('names types as Terraform messages do', () => {
    assert.deepEqual(
      ([null, 'a', 1, true, [1], tfObject([]), ref('aws_vpc.a'), unknownValue('x')] as TfValue[]).map(typeName),
      ['null', 'string', 'number', 'bool', 'tuple', 'object', 'string', 'unknown'],
    );
  });

  describe('tfEquals', () => {
    it('compares without conversion and deeply', () => {
      assert.equal(tfEquals(1, '1'), false);
      assert.equal(tfEquals(null, null), true);
      assert.equal(tfEquals([1, 'a'], [1, 'a']), true);
      assert.equal(tfEquals(tfObject([['a', 1]]), tfObject([['a', 1]])), true);
      assert.equal(tfEquals(tfObject([['a', 1]]), tfObject([['b', 1]])), false);
    });
    it('is unknown with an unknown operand unless a known part already differs', () => {
      assert.equal(show(tfEquals(unknownValue('var.x has no default'), 'a')), 'unknown: the comparison is unknown because var.x has no default');
      assert.equal(tfEquals([unknownValue('u'), 1], [2, 2]), false);
      assert.ok(isTfUnknown(tfEquals([unknownValue('u'), 1], [2, 1])));
    });
    it('treats two unknowns with the same symbol as equal, different symbols as unknown', () => {
      assert.equal(tfEquals(unknownValue('az', 'az-list[0]'), unknownValue('az', 'az-list[0]')), true);
      assert.ok(isTfUnknown(tfEquals(unknownValue('az', 'az-list[0]'), unknownValue('az', 'az-list[1]'))));
    });
    it('decides ref equality by identity: same attribute of same resource equal, ids of two resources unequal', () => {
      assert.equal(tfEquals(ref('aws_vpc.a'), ref('aws_vpc.a')), true);
      assert.equal(tfEquals(ref('aws_vpc.a'), ref('aws_vpc.b')), false);
      assert.equal(tfEquals(ref('aws_vpc.a', 'arn'), ref('aws_vpc.b', 'arn')), false);
      assert.equal(tfEquals(ref('aws_vpc.a'), null), false);
      assert.equal(show(tfEquals(ref('aws_vpc.a'), ref('data.aws_vpc.b'))), 'unknown: the comparison is unknown because aws_vpc.a.id is known only after apply [refs: aws_vpc.a, data.aws_vpc.b]');
      assert.ok(isTfUnknown(tfEquals(ref('aws_vpc.a', 'main_route_table_id'), ref('aws_vpc.a', 'default_route_table_id'))));
      assert.ok(isTfUnknown(tfEquals(ref('aws_vpc.a'), 'vpc-123')));
    });
  });

  describe('operators', () => {
    const cases: readonly (readonly [TfFunctionResult, string])[] = [
      [binaryOp('+', 1, 2), '3'],
      [binaryOp('+', '1', '2'), '3'],
      [binaryOp('*', 0.1, 3), '0.3'],
      [binaryOp('%', -5, 3), '-2'],
      [binaryOp('%', 5.5, 2), '1.5'],
      [binaryOp('/', 7, 2), '3.5'],
      [binaryOp('/', 1, 0), 'error: Division by zero.'],
      [binaryOp('+', 'a', 1), 'error: Unsuitable value for left operand: a number is required.'],
      [binaryOp('<', 'a', 'b'), 'error: Unsuitable value for left operand: a number is required.'],
      [binaryOp('>', '10', 9), 'true'],
      [binaryOp('==', 1, 1), 'true'],
      [binaryOp('!=', 1, '1'), 'true'],
      [binaryOp('&&', true, 'true'), 'true'],
      [binaryOp('&&', false, unknownValue('u')), 'false'],
      [binaryOp('||', unknownValue('u'), true), 'true'],
      [binaryOp('&&', true, unknownValue('var.on has no default')), 'unknown: the right operand of && is unknown because var.on has no default'],
      [binaryOp('+', ref('aws_vpc.a', 'cidr_block'), 1), 'unknown: the left operand of + is unknown because aws_vpc.a.cidr_block is known only after apply [refs: aws_vpc.a]'],
      [binaryOp('&&', 1, true), 'error: Unsuitable value for left operand: a bool is required.'],
      [unaryOp('-', 3), '-3'],
      [unaryOp('!', true), 'false'],
      [unaryOp('!', 1), 'error: Unsuitable value for unary operand: bool required.'],
      [unaryOp('-', 'a'), 'error: Unsuitable value for unary operand: a number is required.'],
      [unaryOp('!', unknownValue('u')), 'unknown: the operand of ! is unknown because u'],
    ];
    cases.forEach(([r, expected], i) => it(`case ${i}: ${expected}`, () => assert.equal(show(r), expected)));
  });

  it('renders values as HCL literals', () => {
    const v = tfObject(([
      ['name', 'a "b"\n${x}'],
      ['list', [1, true, null]],
      ['nested', tfObject([])],
      ['with space', ref('aws_vpc.main')],
      ['later', unknownValue('u')],
    ] as [string, TfValue][]));
    assert.equal(
      renderValue(v),
      '{ name = "a \\"b\\"\\n$${x}", list = [1, true, null], nested = {}, "with space" = aws_vpc.main.id, later = (known after apply) }',
    );
  });
});
