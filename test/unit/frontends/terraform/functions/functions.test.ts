// Table-driven tests for the built-in function library: results and errors as Terraform gives them (the same
// expressions are checked against terraform console by test/corpus/terraform/functionsOracle.test.ts), and
// unknown propagation with unknowns and TfRefs, which terraform console cannot show.

import { strict as assert } from 'node:assert';
import { type TfFunctionResult, isFunctionError, tfFunctions } from '../../../../../server/src/frontends/terraform/functions';
import { type TfRef, type TfUnknown, type TfValue, isTfUnknown, tfObject } from '../../../../../server/src/frontends/terraform/value';
import { renderValue } from '../../../../../server/src/frontends/terraform/valueOps';
import { evalExpr } from './literalExpr';

function show(r: TfFunctionResult): string {
  if (isFunctionError(r)) return `error: ${r.message}`;
  if (isTfUnknown(r)) {
    const refs = r.refs !== undefined ? ` [refs: ${r.refs.map((x) => `${x.address}.${x.attribute}`).join(', ')}]` : '';
    const symbol = r.symbol !== undefined ? ` {symbol ${r.symbol}}` : '';
    return `unknown: ${r.reason}${refs}${symbol}`;
  }
  return renderValue(r);
}

/** expression → rendered result (or "error: <message>"). */
const TABLE: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  cidr: [
    ['cidrsubnet("10.0.0.0/16", 8, 2)', '"10.0.2.0/24"'],
    ['cidrsubnet("10.1.2.3/16", 8, 2)', '"10.1.2.0/24"'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 8, 255)', '"fd00:fd12:3456:78ff::/64"'],
    ['cidrsubnet("10.0.0.0/24", "4", "1")', '"10.0.0.16/28"'],
    ['cidrsubnet("10.0.0.0/24", 10, 0)', 'error: Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 24 by 10.'],
    ['cidrsubnet("10.0.0.0/24", 4, 16)', 'error: Call to function "cidrsubnet" failed: prefix extension of 4 does not accommodate a subnet numbered 16.'],
    ['cidrsubnet("10.0.0/24", 4, 1)', 'error: Call to function "cidrsubnet" failed: invalid CIDR expression: invalid CIDR address: 10.0.0/24.'],
    ['cidrsubnet("10.0.0.0/24", 4, 1.5)', 'error: Call to function "cidrsubnet" failed: value must be a whole number.'],
    ['cidrsubnets("10.0.0.0/16", 4, 4, 8, 4)', '["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/24", "10.0.48.0/20"]'],
    ['cidrsubnets("10.0.0.0/24", 1, 1, 1)', 'error: Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128/25.'],
    ['cidrhost("10.12.112.0/20", 268)', '"10.12.113.12"'],
    ['cidrhost("10.0.0.0/24", -1)', '"10.0.0.255"'],
    ['cidrhost("10.0.0.0/24", 256)', 'error: Call to function "cidrhost" failed: prefix of 24 does not accommodate a host numbered 256.'],
    ['cidrnetmask("172.16.0.0/12")', '"255.240.0.0"'],
    ['cidrnetmask("fd00::/56")', 'error: Call to function "cidrnetmask" failed: IPv6 addresses cannot have a netmask: fd00::/56.'],
  ],
  collections: [
    ['length("héllo")', '5'],
    ['length("👍🏽")', '1'],
    ['length({a = 1, b = 2})', '2'],
    ['length(null)', 'error: Invalid value for "value" parameter: argument must not be null.'],
    ['concat([1], [], ["a", [2]])', '[1, "a", [2]]'],
    ['concat([1], "a")', 'error: Invalid value for "seqs" parameter: all arguments must be lists or tuples; got string.'],
    ['flatten([[1, [2]], null, []])', '[1, 2, null]'],
    ['flatten("a")', 'error: Call to function "flatten" failed: can only flatten lists, sets and tuples.'],
    ['element(["a", "b", "c"], 4)', '"b"'],
    ['element([], 0)', 'error: Call to function "element" failed: cannot use element function with an empty list.'],
    ['index(["a", "b"], "b")', '1'],
    ['index([1], 2)', 'error: Call to function "index" failed: item not found.'],
    ['contains(["1"], 1)', 'false'],
    ['lookup({a = "x"}, "b", "d")', '"d"'],
    ['lookup({a = 1}, "b")', 'error: Invalid value for "inputMap" parameter: the given object has no attribute "b".'],
    ['merge({b = 1}, {a = 2}, null, {b = 3})', '{ a = 2, b = 3 }'],
    ['merge([1])', 'error: Call to function "merge" failed: arguments must be maps or objects, got "tuple".'],
    ['keys({b = 1, a = 2})', '["a", "b"]'],
    ['values({b = 1, a = 2})', '[2, 1]'],
    ['keys([1])', 'error: Invalid value for "inputMap" parameter: must have map or object type.'],
    ['zipmap(["b", "a", "b"], [1, 2, 3])', '{ a = 2, b = 3 }'],
    ['zipmap(["a"], [1, 2])', 'error: Call to function "zipmap" failed: number of keys (1) does not match number of values (2).'],
    ['coalesce("", "a")', '"a"'],
    ['coalesce(1, "a")', '"1"'],
    ['coalesce(null, null)', 'error: Call to function "coalesce" failed: no non-null, non-empty-string arguments.'],
    ['coalescelist([], [1])', '[1]'],
    ['compact(["a", "", null, "b"])', '["a", "b"]'],
    ['slice(["a", "b", "c"], 1, 3)', '["b", "c"]'],
    ['slice([1, 2, 3], 2, 1)', 'error: Invalid value for "start_index" parameter: start index must not be greater than end index.'],
    ['slice([1, 2, 3], 1, 4)', 'error: Invalid value for "end_index" parameter: end index must not be greater than the length of the list.'],
    ['range(3)', '[0, 1, 2]'],
    ['range(10, 1)', '[10, 9, 8, 7, 6, 5, 4, 3, 2]'],
    ['range(0, 1, 0.25)', '[0, 0.25, 0.5, 0.75]'],
    ['range(1, 10, -1)', 'error: Invalid value for "params" parameter: end must be less than start when step is negative.'],
    ['range(2000)', 'error: Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.'],
    ['one([])', 'null'],
    ['one([1, 2])', 'error: Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.'],
    ['one(null)', 'error: Invalid value for "list" parameter: argument must not be null.'],
    ['coalescelist(null, [1])', 'error: Invalid value for "argument 1" parameter: argument must not be null.'],
    ['sort([3, 10, 1])', '["1", "10", "3"]'],
    ['sort(["b", "B", "a", "_"])', '["B", "_", "a", "b"]'],
    ['sort([null])', 'error: Invalid value for "list" parameter: given list element 0 is null; a null string cannot be sorted.'],
    ['reverse([1, 2, 3])', '[3, 2, 1]'],
    ['chunklist([1, 2, 3, 4, 5], 2)', '[[1, 2], [3, 4], [5]]'],
    ['chunklist([1, 2, 3], 0)', '[[1, 2, 3]]'],
    ['matchkeys(["a", "b", "c"], ["x", "y", "z"], ["z", "x"])', '["a", "c"]'],
    ['transpose({a = ["1", "2"], b = ["2", "3"]})', '{ "1" = ["a"], "2" = ["a", "b"], "3" = ["b"] }'],
    ['alltrue([])', 'true'],
    ['anytrue(["true", false])', 'true'],
  ],
  sets: [
    ['toset(["b", "a", "b"])', '["a", "b"]'],
    ['toset([3, 1, 2, 10])', '[1, 2, 3, 10]'],
    ['toset([1, "a"])', '["1", "a"]'],
    ['toset([null, "a"])', '["a", null]'],
    ['distinct([1, 2, 1, "1"])', '["1", "2"]'],
    ['setunion(["b"], ["a", "b"], [])', '["a", "b"]'],
    ['setintersection(["a", "b"], ["b", "c"])', '["b"]'],
    ['setsubtract(["a", "b", "c"], ["b"])', '["a", "c"]'],
  ],
  conversions: [
    ['tostring(1e21)', '"1000000000000000000000"'],
    ['tostring([1])', 'error: Invalid value for "v" parameter: cannot convert tuple to string.'],
    ['tonumber("1e3")', '1000'],
    ['tonumber("x")', 'error: Invalid value for "v" parameter: cannot convert "x" to number; given string must be a decimal representation of a number.'],
    ['tobool("yes")', 'error: Invalid value for "v" parameter: cannot convert "yes" to bool; only the strings "true" or "false" are allowed.'],
    ['tolist([1, "a", true])', '["1", "a", "true"]'],
    ['tolist([1, true])', 'error: Invalid value for "v" parameter: cannot convert tuple to list of any single type.'],
    ['tomap({a = 1, b = "x"})', '{ a = "1", b = "x" }'],
  ],
  strings: [
    // basename/dirname as terraform console gives them (Go's filepath.Base/Dir).
    ['basename("a/b/")', '"b"'],
    ['basename("")', '"."'],
    ['dirname("a//b")', '"a"'],
    ['dirname("./a/../b")', '"."'],
    ['join(", ", ["a", 1, true])', '"a, 1, true"'],
    ['join(",", [null])', 'error: Invalid value for "lists" parameter: element 0 is null; cannot concatenate null values.'],
    ['split("", "abc")', '["a", "b", "c"]'],
    ['split(",", "")', '[""]'],
    ['replace("abc-123", "/([a-z]+)-(\\\\d+)/", "$2-$1")', '"123-abc"'],
    ['replace("abc-123", "/(?P<w>[a-z]+)-(\\\\d+)/", "$${w}")', '"abc"'],
    ['replace("abc", "", "-")', '"-a-b-c-"'],
    ['title("hello world-foo_bar")', '"Hello World-Foo_bar"'],
    ['upper("straße")', '"STRAßE"'],
    ['trimspace("  \\t\\n a b \\n")', '"a b"'],
    ['trim("?!hello?!", "!?")', '"hello"'],
    ['trimprefix("helloworld", "hello")', '"world"'],
    ['substr("hello", -3, 2)', '"ll"'],
    ['substr("hello", 1, -1)', '"ello"'],
    ['substr("abc", 5, 1)', '""'],
    ['chomp("abc\\r\\n\\n")', '"abc"'],
    ['strcontains("abc", "d")', 'false'],
  ],
  format: [
    ['format("%v %d %s %q %.2f %#v %5d %-5s|", "x", 3, "s", "q", 3.14159, {a = 1}, 42, "ab")', '"x 3 s \\"q\\" 3.14 {\\"a\\":1}    42 ab   |"'],
    ['format("%v|%v", 1234567, 123456)', '"1.234567e+06|123456"'],
    ['format("%.0f %.0f", 2.5, 3.5)', '"2 4"'],
    ['format("%05d|%+d|%x|%#x|%b", 42, 5, -255, 255, -5)', '"00042|+5|-ff|0xff|-101"'],
    ['format("%g %g %.3g %e", 0.0001, 0.00001, 1234.5678, 1234.5)', '"0.0001 1e-05 1.23e+03 1.234500e+03"'],
    ['format("%[2]s %[1]s", "a", "b")', '"b a"'],
    ['format("%d", 1.5)', 'error: Call to function "format" failed: unsupported value for "%d" at 0: an integer is required.'],
    ['format("%s %s", "a")', 'error: Call to function "format" failed: not enough arguments for "%s" at 3: need index 2 but have 1 total.'],
    ['format("%s", "a", "b")', 'error: Invalid value for "args" parameter: too many arguments; only 1 used by format string.'],
    ['format("%z", 1)', 'error: Call to function "format" failed: unsupported format verb \'z\' in "%z" at offset 0.'],
    ['formatlist("%s=%s", ["a", "b"], ["x", "y"])', '["a=x", "b=y"]'],
    ['formatlist("%s-%d", ["a", "b"], 1)', '["a-1", "b-1"]'],
  ],
  encoding: [
    ['jsonencode({b = "<>&", a = 1.5, c = [true, null]})', '"{\\"a\\":1.5,\\"b\\":\\"\\\\u003c\\\\u003e\\\\u0026\\",\\"c\\":[true,null]}"'],
    ['jsonencode(0.0000001)', '"0.0000001"'],
    ['jsondecode("{\\"b\\":[1,true,null],\\"a\\":\\"x\\"}")', '{ a = "x", b = [1, true, null] }'],
    ['base64encode("héllo")', '"aMOpbGxv"'],
    ['base64decode("!!")', 'error: Call to function "base64decode" failed: failed to decode base64 data "!!".'],
    ['md5("abc")', '"900150983cd24fb0d6963f7d28e17f72"'],
  ],
  numeric: [
    ['min(3, 1, "2")', '1'],
    ['max([1, 5]...)', '5'],
    ['min()', 'error: Call to function "min" failed: must pass at least one number.'],
    ['sum([1, 2.5, "3"])', '6.5'],
    ['sum([])', 'error: Call to function "sum" failed: cannot sum an empty list.'],
    ['abs(-3.5)', '3.5'],
    ['ceil(1.2)', '2'],
    ['floor(-1.2)', '-2'],
    ['parseint("ff", 16)', '255'],
    ['log(8, 2)', '3'],
    ['ceil(-0.5)', '0'],
    ['floor(-0)', '0'],
    ['signum(-3)', '-1'],
    ['signum(-0.1)', 'error: Call to function "signum" failed: value must be a whole number.'],
    ['3 % 0', '3'],
    ['-2.5 % 0', '-2.5'],
  ],
  regex: [
    ['regex("[a-z]+", "123abc456")', '"abc"'],
    ['regex("(\\\\d+)-(\\\\d+)", "10-20")', '["10", "20"]'],
    ['regex("(?P<x>\\\\d+)-(?P<y>\\\\d+)", "10-20")', '{ x = "10", y = "20" }'],
    ['regex("(a)?b", "b")', '[null]'],
    ['regex("x", "abc")', 'error: Call to function "regex" failed: pattern did not match any part of the given string.'],
    ['regexall("(?i)ABC", "abc ABC")', '["abc", "ABC"]'],
    ['regex("^(?i)abc$", "ABC")', '"ABC"'],
    ['regex("[[:digit:]]+", "ab123")', '"123"'],
    ['regex("[[:^digit:]]+", "12ab3")', '"ab"'],
    ['regex("(?<n>a)", "a")', '{ n = "a" }'],
    ['regex("\\\\x{41}", "A")', '"A"'],
    ['replace("aaa", "/a*/", "x")', '"x"'],
    ['replace("abc", "/b*/", "-")', '"-a-c-"'],
    ['regexall("a*", "baaac")', '["", "aaa", ""]'],
    ['regex("(?i:A)b", "ab")', 'unknown: the regular expression uses the flag group (?i:…, which Hyperplane Lens does not evaluate'],
    ['replace("ab", "/(?U)a+/", "")', 'unknown: the regular expression uses the (?U) flag, which Hyperplane Lens does not evaluate'],
  ],
  arity: [
    ['length()', 'error: Not enough function arguments: function "length" expects at least 1 argument(s).'],
    ['upper("a", "b")', 'error: Too many function arguments: function "upper" expects at most 1 argument(s).'],
  ],
};

describe('Terraform functions', () => {
  for (const [group, rows] of Object.entries(TABLE)) {
    describe(group, () => {
      for (const [expr, expected] of rows) it(expr, () => assert.equal(show(evalExpr(expr)), expected));
    });
  }

  describe('unknown propagation', () => {
    const vpcId: TfRef = { kind: 'ref', target: 'aws_vpc.main', address: 'aws_vpc.main', attribute: 'id' };
    const sgId: TfRef = { kind: 'ref', target: 'aws_security_group.db', address: 'aws_security_group.db', attribute: 'id' };
    const cidrVar: TfUnknown = { unknown: true, reason: 'var.cidr has no default' };
    const azs: TfUnknown = { unknown: true, reason: 'data.aws_availability_zones.available.names is read at plan time', symbol: 'az-list' };
    const call = (name: string, ...args: TfValue[]): string => {
      const fn = tfFunctions.get(name);
      assert.ok(fn !== undefined, name);
      return show(fn(args));
    };

    const cases: readonly (readonly [string, () => string, string])[] = [
      ['cidrsubnet of an unknown prefix', () => call('cidrsubnet', cidrVar, 8, 1), 'unknown: cidrsubnet: prefix is unknown because var.cidr has no default'],
      ['length of a list with unknown elements is known', () => call('length', [cidrVar, vpcId]), '2'],
      ['length of an unknown list', () => call('length', cidrVar), 'unknown: length: the value is unknown because var.cidr has no default'],
      ['concat keeps refs and unknowns in place', () => call('concat', [vpcId], [cidrVar, 'x']), '[aws_vpc.main.id, (known after apply), "x"]'],
      ['element returns a ref element', () => call('element', [vpcId, sgId], 3), 'aws_security_group.db.id'],
      ['element of a symbolic AZ list', () => call('element', azs, 0), 'unknown: data.aws_availability_zones.available.names is read at plan time {symbol az-list[0]}'],
      ['element of an unknown list without symbol', () => call('element', cidrVar, 0), 'unknown: element: list is unknown because var.cidr has no default'],
      ['slice keeps refs', () => call('slice', [vpcId, sgId, 'x'], 0, 2), '[aws_vpc.main.id, aws_security_group.db.id]'],
      ['merge keeps unknown values', () => call('merge', tfObject([['a', vpcId]]), tfObject([['b', cidrVar]])), '{ a = aws_vpc.main.id, b = (known after apply) }'],
      ['keys of an object with unknown values are known', () => call('keys', tfObject([['b', cidrVar], ['a', vpcId]])), '["a", "b"]'],
      ['lookup returns a ref value', () => call('lookup', tfObject([['vpc', vpcId]]), 'vpc'), 'aws_vpc.main.id'],
      ['lookup with an unknown key', () => call('lookup', tfObject([['vpc', vpcId]]), cidrVar), 'unknown: lookup: key is unknown because var.cidr has no default [refs: aws_vpc.main.id]'],
      ['join with a ref element', () => call('join', ',', ['a', vpcId]), 'unknown: join: element 1 of the list is unknown because aws_vpc.main.id is known only after apply [refs: aws_vpc.main.id]'],
      ['format with a ref', () => call('format', 'arn:%s', sgId), 'unknown: format: argument 1 is unknown because aws_security_group.db.id is known only after apply [refs: aws_security_group.db.id]'],
      ['distinct with an unknown element', () => call('distinct', ['a', cidrVar]), 'unknown: distinct: an element of the list is unknown because var.cidr has no default'],
      ['distinct of ids of different resources is known', () => call('distinct', [vpcId, sgId, vpcId]), '[aws_vpc.main.id, aws_security_group.db.id]'],
      ['distinct of a ref and a string is unknown', () => call('distinct', [vpcId, 'vpc-1']), 'unknown: distinct: an element of the list is unknown because aws_vpc.main.id is known only after apply [refs: aws_vpc.main.id]'],
      ['toset with a ref element', () => call('toset', [vpcId, 'a']), 'unknown: toset: v is unknown because aws_vpc.main.id is known only after apply [refs: aws_vpc.main.id]'],
      ['contains finds a known match despite unknowns', () => call('contains', [cidrVar, 'a'], 'a'), 'true'],
      ['contains without a match is unknown', () => call('contains', [cidrVar, 'b'], 'a'), 'unknown: contains: the result is unknown because var.cidr has no default'],
      ['contains of a ref by identity', () => call('contains', [vpcId], vpcId), 'true'],
      ['contains of a different resource id', () => call('contains', [sgId], vpcId), 'false'],
      ['index of an unknown before the match', () => call('index', [cidrVar, 'a'], 'a'), 'unknown: index: the position is unknown because var.cidr has no default'],
      ['coalesce picks a ref', () => call('coalesce', null, vpcId), 'aws_vpc.main.id'],
      ['coalesce with an unknown first', () => call('coalesce', cidrVar, 'x'), 'unknown: coalesce: the first non-null argument is unknown because var.cidr has no default'],
      ['compact keeps refs', () => call('compact', [vpcId, '', null]), '[aws_vpc.main.id]'],
      ['alltrue with a known false', () => call('alltrue', [cidrVar, false]), 'false'],
      ['jsonencode with a ref', () => call('jsonencode', tfObject([['Resource', sgId]])), 'unknown: jsonencode: part of the value is unknown because aws_security_group.db.id is known only after apply [refs: aws_security_group.db.id]'],
      ['flatten with an unknown element', () => call('flatten', [[1], cidrVar]), 'unknown: flatten: an element of the list is unknown because var.cidr has no default'],
      ['tostring keeps a ref', () => call('tostring', vpcId), 'aws_vpc.main.id'],
      ['upper of an unknown', () => call('upper', cidrVar), 'unknown: upper: str is unknown because var.cidr has no default'],
    ];
    for (const [title, run, expected] of cases) it(title, () => assert.equal(run(), expected));
  });

  it('registers every required function and never throws on odd input', () => {
    const required = [
      'cidrsubnet', 'cidrsubnets', 'cidrhost', 'cidrnetmask', 'concat', 'flatten', 'distinct', 'element', 'index', 'length', 'lookup',
      'merge', 'keys', 'values', 'zipmap', 'toset', 'tolist', 'tomap', 'tostring', 'tonumber', 'tobool', 'coalesce', 'coalescelist',
      'compact', 'format', 'formatlist', 'join', 'split', 'replace', 'lower', 'upper', 'title', 'trimspace', 'trim', 'trimprefix',
      'trimsuffix', 'substr', 'jsonencode', 'jsondecode', 'slice', 'contains', 'range', 'one', 'sort', 'min', 'max', 'abs', 'ceil',
      'floor', 'setunion', 'setintersection', 'setsubtract', 'chunklist', 'reverse', 'startswith', 'endswith', 'strcontains', 'regex',
      'regexall', 'base64encode', 'base64decode', 'md5', 'sum', 'alltrue', 'anytrue', 'transpose', 'matchkeys',
    ];
    assert.deepEqual(required.filter((n) => !tfFunctions.has(n)), []);
    const odd: TfValue[][] = [[], [null], [null, null, null], [[]], [tfObject([])], ['x', 'y', 'z'], [1, 2, 3], [{ unknown: true, reason: 'u' }]];
    for (const [name, fn] of tfFunctions) for (const args of odd) assert.doesNotThrow(() => fn(args), `${name}(${args.map((a) => renderValue(a)).join(', ')})`);
  });
});
