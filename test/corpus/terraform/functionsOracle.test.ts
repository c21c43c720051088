// Oracle test: evaluates 387+ Terraform expressions with the function library and with the real
// `terraform console` (one process for all of them), and compares the results as Go-style JSON. A second
// suite does the same for the adversarial cases of test/fixtures/terraform/evaluatorOracle.tf (for
// expressions, splats, templates, heredocs, typed variables) through the real front end. Run with the corpus
// suite; when terraform is not installed the suites say so and define no tests.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readTerraform } from "../../../server/src/frontends/terraform";
import { parseHcl } from "../../../server/src/syntax/hcl/hclParser";
import { memoryView } from "../../unit/frontends/terraform/tfFixture";
import { isFunctionError } from "../../../server/src/frontends/terraform/functions";
import { jsonEncode } from "../../../server/src/frontends/terraform/functions/encoding";
import { isTfUnknown } from "../../../server/src/frontends/terraform/value";
import { evalExpr } from "../../unit/frontends/terraform/functions/literalExpr";

const EXPRESSIONS: readonly string[] = [
  "0.1 + 0.2",
  "tostring(1e21)",
  "tostring(0.1)",
  "tobool(\"1\")",
  "tonumber(\"0x10\")",
  "tonumber(\" 1\")",
  "tonumber(\"1e3\")",
  "tonumber(\"1.50\")",
  "tonumber(\"+1\")",
  "tonumber(\".5\")",
  "tostring(true)",
  "toset([\"b\",\"a\",\"b\"])",
  "toset([3,1,2,10])",
  "toset([true,false])",
  "toset([1,\"a\"])",
  "tolist([1,true])",
  "tolist([1,\"a\",true])",
  "5 % 3",
  "-5 % 3",
  "5.5 % 2",
  "1 == \"1\"",
  "\"<>&\\u2028\"",
  "2/0",
  "format(\"%v %d %s %q %f %.2f %#v %5d %-5s|\", \"x\", 3, \"s\", \"q\", 1.5, 3.14159, {a=1}, 42, \"ab\")",
  "format(\"%d\", 1.5)",
  "format(\"%s\", 1.5)",
  "format(\"%v\", true)",
  "format(\"%s\", [1])",
  "format(\"%q\", 1)",
  "format(\"%5.1f|%x|%X|%o|%b|%e\", 3.14159, 255, 255, 8, 5, 1234.5)",
  "format(\"%t\", true)",
  "format(\"%v\", null)",
  "format(\"%%\")",
  "format(\"%s\")",
  "format(\"%[2]s %[1]s\", \"a\", \"b\")",
  "range(10, 1)",
  "range(1, 10, -1)",
  "range(0)",
  "range(3)",
  "range(0, 1, 0.25)",
  "range(2000)",
  "chunklist([1,2,3], 0)",
  "flatten([[1,[2]],null,[]])",
  "format(\"%v\", [1, \"a\"])",
  "format(\"%v\", {b = 1})",
  "format(\"%s\", true)",
  "format(\"%q\", \"a\\\"b\\n\")",
  "format(\"%05d|%+d|%x|% d\", 42, 5, -255, 3)",
  "format(\"%.3s|%10.3f|%-8q|\", \"abcdef\", 3.14159, \"x\")",
  "format(\"%g|%e|%E|%G\", 1234567.0, 0.000123, 5, 1e21)",
  "format(\"%d\", \"12\")",
  "format(\"%f\", 2)",
  "format(\"%c\", 65)",
  "jsonencode(\"\\u0008\\u000c\\u0001\\u007f\")",
  "jsonencode([1.5e300, 1e-7, -0, 100000000000000000000])",
  "jsonencode({\"b\"=1, \"a\"={\"d\"=2, \"c\"=3}})",
  "tostring(1e-7)",
  "sort([3, 10, 1])",
  "sort([\"b\", \"B\", \"a\", \"_\"])",
  "title(\"hello world-foo_bar baz.qux ÉCOLE été\")",
  "trimspace(\"  \\t\\n a b \\n\")",
  "trim(\"?!hello?!\", \"!?\")",
  "substr(\"hello\", -3, 2)",
  "substr(\"hello\", 1, -1)",
  "substr(\"hello\", 1, 100)",
  "substr(\"hello\", -10, 2)",
  "length(\"héllo\")",
  "length(\"👍🏽\")",
  "split(\"\", \"abc\")",
  "split(\",\", \"\")",
  "replace(\"hello\", \"/l+/\", \"L\")",
  "replace(\"abc-123\", \"/([a-z]+)-(\\\\d+)/\", \"$2-$1\")",
  "replace(\"abc-123\", \"/(?P<w>[a-z]+)-(\\\\d+)/\", \"$${w}\")",
  "replace(\"a.b.c\", \".\", \"-\")",
  "regex(\"[a-z]+\", \"123abc456\")",
  "regex(\"(\\\\d+)-(\\\\d+)\", \"10-20\")",
  "regex(\"(?P<x>\\\\d+)-(?P<y>\\\\d+)\", \"10-20\")",
  "regexall(\"\\\\d\", \"a1b2\")",
  "regexall(\"(?i)ABC\", \"abc ABC\")",
  "keys({b=1, a=2})",
  "values({b=1, a=2})",
  "lookup({a=\"x\"}, \"b\", \"d\")",
  "merge({b=1}, {a=2}, null, {b=3})",
  "zipmap([\"b\",\"a\",\"b\"], [1,2,3])",
  "coalesce(\"\", \"a\")",
  "coalesce(1, \"a\")",
  "coalesce(null, 2)",
  "coalescelist([], [1])",
  "compact([\"a\", \"\", null, \"b\"])",
  "distinct([1, 2, 1, \"1\"])",
  "index([\"a\",\"b\"], \"b\")",
  "contains([1,2], 2)",
  "contains([\"1\"], 1)",
  "setunion([\"b\"], [\"a\",\"b\"], [])",
  "setintersection([\"a\",\"b\"], [\"b\",\"c\"])",
  "setsubtract([\"a\",\"b\",\"c\"], [\"b\"])",
  "setunion([1], [\"a\"])",
  "setproduct([\"app\",\"data\"], [\"a\",\"b\"])",
  "setproduct([\"x\"], [1, 2], [\"p\"])",
  "matchkeys([\"a\",\"b\",\"c\"], [\"x\",\"y\",\"z\"], [\"z\",\"x\"])",
  "transpose({a=[\"1\",\"2\"], b=[\"2\",\"3\"]})",
  "sum([1, 2.5, \"3\"])",
  "sum([])",
  "alltrue([])",
  "anytrue([\"true\", false])",
  "alltrue([\"true\", true])",
  "min(3, 1, \"2\")",
  "max([1,5]...)",
  "abs(-3.5)",
  "ceil(1.2)",
  "floor(-1.2)",
  "pow(2, 10)",
  "signum(-3)",
  "parseint(\"ff\", 16)",
  "parseint(\"-101\", 2)",
  "log(8, 2)",
  "chomp(\"abc\\r\\n\\n\")",
  "strrev(\"abc\")",
  "reverse([1,2,3])",
  "one([])",
  "one([\"x\"])",
  "element([\"a\",\"b\",\"c\"], 4)",
  "slice([\"a\",\"b\",\"c\"], 1, 1)",
  "tomap({a=1, b=\"x\"})",
  "tomap({a=1, b=true})",
  "tolist([null, 1])",
  "toset([null, \"a\"])",
  "base64encode(\"héllo\")",
  "base64decode(\"aMOpbGxv\")",
  "md5(\"abc\")",
  "sha256(\"abc\")",
  "jsondecode(\"{\\\"b\\\":[1,true,null],\\\"a\\\":\\\"x\\\"}\")",
  "jsondecode(\"1e2\")",
  "formatlist(\"%s-%d\", [\"a\",\"b\"], 1)",
  "formatlist(\"%s=%s\", [\"a\",\"b\"], [\"x\",\"y\"])",
  "join(\", \", [\"a\", 1, true])",
  "join(\"-\", [\"a\"], [\"b\", \"c\"])",
  "join(\",\", [])",
  "upper(\"héllo\")",
  "startswith(\"abc\", \"ab\")",
  "endswith(\"abc\", \"\")",
  "strcontains(\"abc\", \"d\")",
  "length({a=1, b=2})",
  "length([])",
  "cidrsubnets(\"10.0.0.0/16\", 4, 4, 8, 4)",
  "cidrsubnets(\"fd00:fd12:3456:7890::/56\", 16, 16, 16, 32)",
  "cidrsubnet(\"2001:db8::/32\", 24, 65535)",
  "cidrnetmask(\"10.0.0.0/0\")",
  "cidrnetmask(\"10.0.0.0/32\")",
  "cidrhost(\"10.0.0.0/32\", 0)",
  "cidrhost(\"0.0.0.0/0\", -1)",
  "cidrsubnet(\"0.0.0.0/0\", 8, 255)",
  "cidrhost(\"::/0\", -1)",
  "cidrsubnet(\"fd00:0:0:1::/64\", 0, 0)",
  "tostring(0.1 * 3)",
  "1 == 1.0",
  "tonumber(null)",
  "tobool(\"0\")",
  "true && \"true\"",
  "\"1\" + \"2\"",
  "cidrsubnet(\"10.0.0.0/24\", 10, 0)",
  "cidrsubnet(\"10.0.0.0/24\", 4, 16)",
  "cidrsubnet(\"10.0.0/24\", 4, 1)",
  "cidrsubnet(\"10.0.0.0/24\", 4, 1.5)",
  "cidrsubnet(\"10.0.0.0/8\", 33, 1)",
  "cidrhost(\"10.0.0.0/24\", 256)",
  "cidrhost(\"10.0.0.0/24\", -257)",
  "cidrhost(\"10.0.0.0/24\", -1)",
  "cidrhost(\"10.0.0.0\", 1)",
  "cidrnetmask(\"fd00::/56\")",
  "cidrnetmask(\"10.0.0.1/33\")",
  "cidrsubnets(\"10.0.0.0/24\", 4, 30)",
  "cidrsubnets(\"10.0.0.0/24\", 4, 4, 0)",
  "cidrsubnets(\"10.0.0.0/24\", 1, 1, 1)",
  "cidrsubnets(\"10.0.0.0/24\")",
  "cidrsubnets(\"10.0.0.0/24\", -1)",
  "cidrsubnet(\"fd00::/56\", 72, 1)",
  "cidrsubnet(\"10.1.2.3/16\", 8, 2)",
  "cidrhost(\"fd00::/56\", 300)",
  "cidrsubnet(\"::ffff:10.0.0.0/120\", 4, 1)",
  "cidrhost(\"10.0.0.0/24\", \"5\")",
  "element([], 0)",
  "index([1], 2)",
  "lookup({a=1}, \"b\")",
  "slice([1,2,3], 2, 1)",
  "slice([1,2,3], 1, 4)",
  "substr(\"abc\", 5, 1)",
  "one([1,2])",
  "regex(\"(\\\\d+\", \"a\")",
  "regex(\"x\", \"abc\")",
  "jsondecode(\"{\")",
  "base64decode(\"!!\")",
  "chunklist([1], -1)",
  "zipmap([\"a\"], [1,2])",
  "tonumber(\"x\")",
  "tobool(\"yes\")",
  "tostring([1])",
  "keys([1])",
  "merge([1])",
  "coalesce()",
  "coalesce(null, null)",
  "concat([1], \"a\")",
  "flatten(\"a\")",
  "min()",
  "\"a\" + 1",
  "1 / 0",
  "!1",
  "-\"a\"",
  "\"a\" < \"b\"",
  "format(\"%s\", null)",
  "format(\"%s\", \"a\", \"b\")",
  "format(\"%s %s\", \"a\")",
  "format(\"%z\", 1)",
  "format(\"%t\", \"x\")",
  "range(5, 1, 1)",
  "range(1, 5, 0)",
  "regex(\"(a)?b\", \"b\")",
  "regex(\"(?P<x>a)(b)\", \"ab\")",
  "alltrue([null])",
  "anytrue([1])",
  "sum([null])",
  "sort([null])",
  "join(\",\", [null])",
  "tolist({a=1})",
  "toset({a=1})",
  "split(\",\", null)",
  "length(null)",
  "title(\"x\")",
  "replace(\"abc\", \"\", \"-\")",
  "format(\"%-5d|%05.1f|%x|%X\", -3, -2.5, 3.5, \"ff\")",
  "format(\"%8.3e\", 123456.789)",
  "format(\"%.0f %.0f\", 2.5, 3.5)",
  "format(\"%g %g %g\", 0.0001, 0.00001, 100000000)",
  "format(\"%.3g\", 1234.5678)",
  "format(\"%q\", \"\\u0001\\u007f\\t\")",
  "format(\"%#v\", \"a\")",
  "format(\"%v\", 1e21)",
  "format(\"%d\", 1e21)",
  "format(\"%b\", -5)",
  "format(\"%o\", 64)",
  "format(\"%#x\", 255)",
  "format(\"%+.2f\", 3)",
  "format(\"% d\", -3)",
  "format(\"%6.2f|%-8.3f|\", 3.14159, 2.5)",
  "format(\"%v|%v|%v|%v\", 1234567, 123456, 0.5, -0.00001)",
  "format(\"%s|%s\", 1234567, 1e21)",
  "format(\"%5v|%-6v|%05s\", \"ab\", true, \"x\")",
  "format(\"%.2v\", \"abc\")",
  "format(\"%x|%X\", \"255\", 255)",
  "format(\"%.1f|%.1f|%.2f\", 0.25, 0.35, 1.005)",
  "format(\"%e\", 0)",
  "format(\"%g\", 0)",
  "format(\"%q\", 12)",
  "format(\"%#v|%#v\", 1.5, [1, \"a\", {b=null}])",
  "format(\"%t\", \"true\")",
  "format(\"%v\", \"a<b\")",
  "format(\"%q\", \"a<b\")",
  "format(\"%10.4v|\", 3.14159)",
  "format(\"%d\", -0)",
  "format(\"%f\", 1e21)",
  "format(\"%.3s|%-4.2s|\", \"héllo\", \"éa\")",
  "cidrsubnet(\"10.0.0.0/16\", 8, 2)",
  "cidrsubnet(\"172.16.0.0/12\", 4, 15)",
  "cidrsubnet(\"fd00:fd12:3456:7890::/56\", 8, 255)",
  "cidrhost(\"10.12.112.0/20\", 16)",
  "cidrhost(\"10.12.112.0/20\", 268)",
  "cidrhost(\"fd00:fd12:3456:7890:00a2::/72\", 34)",
  "cidrnetmask(\"172.16.0.0/12\")",
  "cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)",
  "cidrsubnets(\"10.0.0.0/8\", 8, 8, 8)",
  "cidrsubnet(\"10.0.0.0/16\", 8, 256)",
  "cidrsubnet(\"2001:db8:0:1::/64\", 0, 0)",
  "cidrhost(\"2001:db8::/126\", 3)",
  "cidrhost(\"2001:db8::/126\", 4)",
  "cidrsubnet(\"10.0.0.0/32\", 0, 0)",
  "cidrsubnet(\"10.0.0.0/31\", 1, 1)",
  "concat([1], [], [\"a\", [2]])",
  "flatten([[[\"a\"]], [], [\"b\", [\"c\"]]])",
  "distinct([\"b\", \"a\", \"b\"])",
  "length(\"\")",
  "lookup({a = 1}, \"a\")",
  "merge({a = {x = 1}}, {a = {y = 2}})",
  "keys({})",
  "zipmap([], [])",
  "toset([])",
  "toset([\"b\", \"a\", \"c\", \"a\"])",
  "toset([\"10\", \"9\", \"a\", \"B\"])",
  "toset([2, 10, 1.5])",
  "tolist(toset([\"z\", \"y\"]))",
  "tomap({b = \"x\", a = \"y\"})",
  "tostring(null)",
  "tostring(42)",
  "tostring(-1.25)",
  "tonumber(\"-0.5\")",
  "tonumber(true)",
  "tobool(true)",
  "tobool(1)",
  "jsonencode(\"a&b\")",
  "jsonencode(1e100)",
  "jsonencode(0.000001)",
  "jsonencode(-12.5)",
  "jsonencode({\"z\" = 1, \"A\" = 2, \"a\" = 3, \"_\" = 4})",
  "jsonencode([])",
  "jsonencode({})",
  "jsonencode(\"\\u00e9\\n\\t\\\"\")",
  "jsondecode(\"[1, 2.5, \\\"x\\\", {\\\"b\\\": null}]\")",
  "format(\"%s-%s\", \"a\", 1)",
  "format(\"%03d\", 7)",
  "format(\"%.1f%%\", 99.25)",
  "format(\"%v\", 0.1)",
  "format(\"%x\", 3735928559)",
  "formatlist(\"%s\", [])",
  "formatlist(\"%d:%s\", [1, 2], [\"a\", \"b\"])",
  "join(\"\", [\"a\", \"b\"])",
  "split(\"--\", \"a--b--c\")",
  "replace(\"foo.bar.baz\", \"/\\\\./\", \"_\")",
  "replace(\"aaa\", \"a\", \"bb\")",
  "lower(\"ÀB\")",
  "trimprefix(\"helloworld\", \"hello\")",
  "trimsuffix(\"helloworld\", \"world\")",
  "trimsuffix(\"abc\", \"\")",
  "substr(\"hello world\", 1, 4)",
  "slice([1, 2, 3, 4], 1, 3)",
  "reverse([])",
  "chunklist([1, 2, 3, 4, 5], 2)",
  "range(-3)",
  "range(1, 4)",
  "range(10, 0, -3)",
  "range(0.5, 3)",
  "one(toset([\"a\"]))",
  "min(5)",
  "max(-1, -5)",
  "sum([0.1, 0.2])",
  "0.1 + 0.2 == 0.3",
  "1 + 2 * 3",
  "(1 + 2) * 3",
  "7 / 2",
  "-7 % 3",
  "2 < 10",
  "\"10\" > 9",
  "true || false",
  "!true",
  "1 != 1",
  "[1, \"a\"] == [1, \"a\"]",
  "{a = 1} == {a = 1}",
  "null == null",
  "1 == null",
  "setunion([\"x\"], [\"y\", \"x\"])",
  "setintersection([1, 2, 3], [3, 2])",
  "setsubtract([1, 2], [])",
  "contains([\"a\"], \"b\")",
  "index([1, 2, 3], 3)",
  "compact([])",
  "coalesce(\"\", \"\", \"x\")",
  "coalescelist([], [])",
  "alltrue([true, false])",
  "anytrue([])",
  "abs(0)",
  "ceil(-1.5)",
  "floor(2)",
  "parseint(\"777\", 8)",
  "parseint(\"zz\", 36)",
  "parseint(\"12\", 1)",
  "log(100, 10)",
  "pow(2, 0.5)",
  "signum(0)",
  "regexall(\"[a-z]+\", \"123\")",
  "regex(\"^(?i)abc$\", \"ABC\")",
  "regex(\"[[:digit:]]+\", \"ab123\")",
  "regexall(\"(\\\\w)(\\\\d)?\", \"a1b\")",
  "startswith(\"abc\", \"\")",
  "base64encode(\"\")",
  "base64decode(\"YQ==\")",
  "sha1(\"abc\")",
  "sha512(\"\")",
  "base64sha256(\"hello\")",
  "md5(\"\")",
  "title(\"\")",
  "strrev(\"\")",
  "trim(\"  x  \", \" \")",
  "upper(\"straße\")",
  "length([null, null])",
  "transpose({})",
  "matchkeys([1, 2], [\"a\", \"b\"], [])",
  "sort([])",
  "sort([\"b\", \"a\", \"b\"])",
  "element([\"x\"], 100)",
  "values({b = [1], a = {c = 2}})",
];

type OracleResult = { readonly kind: "json"; readonly text: string } | { readonly kind: "error" } | { readonly kind: "unknown" };

function terraformPath(): string | undefined {
  const r = spawnSync("which", ["terraform"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Decodes one quoted string as terraform console prints it (HCL escapes). */
function decodeConsoleString(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|.)|\$\$\{|%%\{/g, (all: string, esc?: string) => {
    if (all === "$${") return "${";
    if (all === "%%{") return "%{";
    if (esc === undefined) return all;
    if (/^[uUx][0-9a-fA-F]/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\"": "\"", "\\": "\\" };
    return simple[esc] ?? all;
  });
}

/** Evaluates every expression in one terraform console run: a tuple of try(jsonencode({ok = e}), "ERR"). */
function runOracle(terraform: string, expressions: readonly string[]): OracleResult[] {
  return runConsole(terraform, `[${expressions.map((e) => `try(jsonencode({ok = ${e}}), "ERR")`).join(", ")}]\n`, expressions.length, undefined);
}

/** One terraform console run over `line` (a tuple of n items), in an empty folder or one holding main.tf. */
function runConsole(terraform: string, line: string, n: number, mainTf: string | undefined): OracleResult[] {
  const dir = mkdtempSync(join(tmpdir(), "tf-oracle-"));
  try {
    if (mainTf !== undefined) writeFileSync(join(dir, "main.tf"), mainTf);
    const r = spawnSync(terraform, ["console"], {
      cwd: dir,
      input: line,
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.status, 0, `terraform console failed: ${r.stderr}`);
    const items = r.stdout.split("\n").filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().replace(/,$/, ""));
    assert.equal(items.length, n, "one console line per expression");
    return items.map((item): OracleResult => {
      if (item === "(known after apply)") return { kind: "unknown" };
      const s = decodeConsoleString(item);
      if (s === "ERR") return { kind: "error" };
      assert.ok(s.startsWith('{"ok":') && s.endsWith("}"), `unexpected console output ${item}`);
      return { kind: "json", text: s.slice('{"ok":'.length, -1) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const terraform = terraformPath();

describe("Terraform function library against terraform console", function () {
  if (terraform === undefined) {
    console.log("terraform is not installed: the function oracle suite defines no tests");
    return;
  }
  this.timeout(60000);
  let oracle: OracleResult[] = [];
  before(() => {
    oracle = runOracle(terraform, EXPRESSIONS);
  });
  it("evaluates at least 120 expressions", () => {
    assert.ok(EXPRESSIONS.length >= 120);
  });
  EXPRESSIONS.forEach((expr, i) => {
    it(expr, () => {
      const expected = oracle[i];
      const ours = evalExpr(expr);
      assert.ok(expected !== undefined);
      switch (expected.kind) {
        case "error":
          assert.ok(isFunctionError(ours), `terraform fails, we return ${JSON.stringify(ours)}`);
          break;
        case "unknown":
          assert.ok(!isFunctionError(ours) && isTfUnknown(ours), `terraform says unknown, we return ${JSON.stringify(ours)}`);
          break;
        case "json":
          assert.ok(!isFunctionError(ours), `terraform returns ${expected.text}, we fail: ${isFunctionError(ours) ? ours.message : ""}`);
          assert.equal(jsonEncode(ours), expected.text);
          break;
      }
    });
  });
});

/** The repository root (the folder holding test/fixtures), found upwards from this bundle. */
function repositoryRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "test", "fixtures", "terraform"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no test/fixtures/terraform above ${start}`);
    dir = parent;
  }
  return dir;
}

interface FixtureCase {
  readonly name: string;
  readonly expr: string;
}

/**
 * The fixture with every case `cNNN = e` rewritten to `cNNN = try(jsonencode({ ok = (e) }), "ERR")` (so one
 * failing case cannot fail the run), and the cases in order.
 */
function wrappedFixture(text: string): { readonly text: string; readonly cases: readonly FixtureCase[] } {
  const cases: FixtureCase[] = [];
  const edits: { start: number; end: number; expr: string }[] = [];
  for (const item of parseHcl(text).body.items) {
    if (item.kind !== "block" || item.type !== "locals") continue;
    for (const attr of item.body.items) {
      if (attr.kind !== "attribute" || !/^c\d+$/.test(attr.name)) continue;
      const expr = text.slice(attr.expr.span.start, attr.expr.span.end);
      cases.push({ name: attr.name, expr });
      edits.push({ start: attr.expr.span.start, end: attr.expr.span.end, expr });
    }
  }
  let out = text;
  for (const e of edits.reverse()) out = `${out.slice(0, e.start)}try(jsonencode({ ok = (${e.expr}\n) }), "ERR")${out.slice(e.end)}`;
  return { text: out, cases };
}

/** Our answers: each case's local as the editor hover shows it, through readTerraform (the product's path). */
function ourFixtureAnswers(mainTf: string, cases: readonly FixtureCase[]): string[] {
  const text = `${mainTf}\noutput "all" { value = [${cases.map((c) => `local.${c.name}`).join(", ")}] }\n`;
  const view = memoryView(new Map([["/w/main.tf", text]]));
  const out = readTerraform(view, {});
  const outputAt = text.indexOf('output "all"');
  return cases.map((c) => {
    const offset = text.indexOf(`local.${c.name}`, outputAt) + 2;
    const hover = out.index.hover("/w/main.tf", offset);
    if (hover?.value === undefined) return "(known after apply)";
    const s = decodeConsoleString(hover.value);
    return s === "ERR" ? "ERR" : s.slice('{"ok":'.length, -1);
  });
}

const UNIFY = "Terraform unifies the element or branch types to string (1 becomes \"1\"); values here carry no static types";
const NO_COMMON = "a conditional whose branches have no common type (number, bool) fails in Terraform; without static types the chosen value is kept";
const EQUAL = "a tuple never equals a list (an object never equals a map) in Terraform; without static types they compare by value";
const LOOKUP = "lookup() on a map(number) converts the default to a number and fails; without static types the default is returned";
const SET_ORDER = "a set of objects or tuples iterates in cty's hash order; we keep the first-seen order (such sets never feed for_each)";
const SET_INDEX = "indexing a set is an error in Terraform; without set types a set is a sorted list";
const BIG = "numbers are float64 here and 512-bit floats in Terraform: integers above 2^53, 1e400 and long fractions differ";
const NETNUM = "Terraform returns an address outside the prefix for a negative netnum (a go-cidr quirk); we report the error";
const RE2 = "RE2 flag groups and (?U) have no JavaScript equivalent: the result is unknown, never a wrong match";

/**
 * Cases where we knowingly differ from Terraform, with our answer and why. Values do not carry Terraform's
 * static types (a tuple and a list, an object and a map, a set and a list are the same JavaScript value), and
 * numbers are float64 rather than arbitrary precision; neither changes a network fact.
 */
const KNOWN_DIFFERENCES: ReadonlyMap<string, readonly [ours: string, why: string]> = new Map<string, readonly [string, string]>([
  ['c001', ['1', UNIFY]],
  ['c003', ['[1]', UNIFY]],
  ['c006', ['{"a":1}', UNIFY]],
  ['c011', ['443', UNIFY]],
  ['c029', ['[[1],["a"]]', UNIFY]],
  ['c030', ['[{"a":1},{"a":"x"}]', UNIFY]],
  ['c032', ['{"a":[1],"b":["x"]}', UNIFY]],
  ['c010', ['1', NO_COMMON]],
  ['c039', ['true', EQUAL]],
  ['c040', ['true', EQUAL]],
  ['c041', ['true', EQUAL]],
  ['c043', ['"x"', LOOKUP]],
  ['c112', ['["b","a"]', SET_ORDER]],
  ['c113', ['["b","a"]', SET_ORDER]],
  ['c114', ['["b","a"]', SET_ORDER]],
  ['c335', ['"[{\\"n\\":\\"b\\",\\"v\\":2},{\\"n\\":\\"a\\",\\"v\\":1}]"', SET_ORDER]],
  ['c350', ['[{"n":"b"},{"n":"a"}]', SET_ORDER]],
  ['c351', ['[[2],[1]]', SET_ORDER]],
  ['c381', ['"a"', SET_INDEX]],
  ['c216', ['9007199254740992', BIG]],
  ['c217', ['12345678901234567000', BIG]],
  ['c219', ['0.6666666666666666', BIG]],
  ['c231', ['9223372036854776000', BIG]],
  ['c238', ['ERR', BIG]],
  ['c241', ['"18446744073709552000"', BIG]],
  ['c249', ['"12345678901234567168"', BIG]],
  ['c255', ['18446744073709552000', BIG]],
  ['c260', ['"0.3333333333333333"', BIG]],
  ['c293', ['"fe80::ab54:a98c:eb1f:800"', BIG]],
  ['c312', ['12345678901234567000', BIG]],
  ['c329', ['ERR', BIG]],
  ['c263', ['ERR', NETNUM]],
  ['c411', ['(known after apply)', RE2]],
  ['c418', ['(known after apply)', RE2]],
]);

describe("Terraform evaluator against terraform console (fixture cases)", function () {
  if (terraform === undefined) {
    console.log("terraform is not installed: the evaluator oracle suite defines no tests");
    return;
  }
  this.timeout(120000);
  const fixture = wrappedFixture(readFileSync(join(repositoryRoot(__dirname), "test", "fixtures", "terraform", "evaluatorOracle.tf"), "utf8"));
  let oracle: OracleResult[] = [];
  let ours: string[] = [];
  before(() => {
    oracle = runConsole(terraform, `[${fixture.cases.map((c) => `local.${c.name}`).join(", ")}]\n`, fixture.cases.length, fixture.text);
    ours = ourFixtureAnswers(fixture.text, fixture.cases);
  });
  it("evaluates at least 200 cases", () => {
    assert.ok(fixture.cases.length >= 200);
  });
  fixture.cases.forEach((c, i) => {
    it(`${c.name}: ${c.expr.replace(/\s+/g, " ")}`, () => {
      const expected = oracle[i];
      assert.ok(expected !== undefined);
      const theirs = expected.kind === "json" ? expected.text : expected.kind === "error" ? "ERR" : "(known after apply)";
      const known = KNOWN_DIFFERENCES.get(c.name);
      if (known !== undefined) {
        assert.notEqual(known[0], theirs, `${c.name} now agrees with terraform: remove it from KNOWN_DIFFERENCES`);
        assert.equal(ours[i], known[0], known[1]);
      } else {
        assert.equal(ours[i], theirs);
      }
    });
  });
});

/** Heredocs with CRLF line endings (the fixture file is LF): strip markers and <<- keep each "\r\n" with its line. */
const CRLF_FIXTURE = [
  "locals {",
  "  crlf_list = [\"a\", \"b\"]",
  "  c640 = <<-EOT",
  "    %{ for x in local.crlf_list ~}",
  "    - ${x}",
  "    %{ endfor ~}",
  "    EOT",
  "  c641 = <<EOT",
  "a  ",
  "%{~ if true ~}  ",
  "  b",
  "%{~ endif ~}",
  "c",
  "EOT",
  "  c642 = <<-EOT",
  "    one",
  "      two",
  "",
  "    ${~ \"x\" ~}",
  "    three",
  "    EOT",
  "  c643 = \"a ${~ \"b\" ~} c\"",
  "  c644 = <<-EOT",
  "    \t ",
  "    x",
  "    EOT",
  "}",
  "",
].join("\r\n");

describe("Terraform evaluator against terraform console (heredocs with CRLF line endings)", function () {
  if (terraform === undefined) {
    console.log("terraform is not installed: the CRLF heredoc oracle suite defines no tests");
    return;
  }
  this.timeout(60000);
  const fixture = wrappedFixture(CRLF_FIXTURE);
  let oracle: OracleResult[] = [];
  let ours: string[] = [];
  before(() => {
    oracle = runConsole(terraform, `[${fixture.cases.map((c) => `local.${c.name}`).join(", ")}]\n`, fixture.cases.length, fixture.text);
    ours = ourFixtureAnswers(fixture.text, fixture.cases);
  });
  it("reads the five CRLF cases", () => {
    assert.equal(fixture.cases.length, 5);
  });
  fixture.cases.forEach((c, i) => {
    it(`${c.name}: ${JSON.stringify(c.expr)}`, () => {
      const expected = oracle[i];
      assert.ok(expected !== undefined);
      assert.equal(ours[i], expected.kind === "json" ? expected.text : expected.kind === "error" ? "ERR" : "(known after apply)");
    });
  });
});
