/** Flag specs as data: their parsers, their refusals, the global flags a command gets. */
import assert from "node:assert/strict";
import { CliError } from "../../src/errors.ts";
import {
  enumFlag,
  GLOBAL_FLAGS,
  GLOBAL_VALUE_FLAGS,
  globalOptions,
  integerFlag,
  optionalValueFlag,
  typedFlag,
  withGlobalFlags,
} from "../../src/cli/flags.ts";

const usage = (key: string) => (e: unknown) =>
  e instanceof CliError && e.kind === "usage" && e.said?.key === key;

/** The parser of a flag that takes a value. */
function parserOf(spec: ReturnType<typeof typedFlag>) {
  assert.equal(spec.kind, "parsed");
  return spec.parse;
}

Deno.test("integer, number and enum flags refuse other values, naming the flag", () => {
  const int = parserOf(integerFlag("limit"));
  assert.equal(int(" 10 "), 10);
  assert.throws(() => int("1.5"), usage("notAnInteger"));
  assert.throws(() => int(""), usage("notAnInteger"));
  const number = parserOf(typedFlag("ratio", "number"));
  assert.equal(number("0.5"), 0.5);
  assert.throws(() => number("NaN"), usage("notANumber"));
  const choice = parserOf(enumFlag("coverage-type", ["jp", "g"], "jp"));
  assert.throws(() => choice("us"), usage("notAllowed"));
  const list = parserOf(typedFlag("status", "array", ["active", "ready"]));
  assert.equal(list("active,ready"), "active,ready");
  assert.throws(() => list("active,gone"), usage("notAllowed"));
  assert.equal(typedFlag("x", "boolean").kind, "boolean");
});

Deno.test("a flag with an optional value means its first value alone; an enum flag keeps its default", () => {
  const spec = optionalValueFlag("color", ["always", "never"]);
  assert.equal(spec.kind === "parsed" && spec.optionalValue, "always");
  const withDefault = enumFlag("output", ["json", "yaml"], "json");
  assert.equal(withDefault.kind === "parsed" && withDefault.default, "json");
});

Deno.test("a command's own flag shadows the global one of its name, which then stays empty", () => {
  const own = integerFlag("profile");
  const flags = withGlobalFlags({ profile: own });
  assert.equal(flags.profile, own);
  assert.equal(flags["api-key"], GLOBAL_FLAGS["api-key"]);
  assert.ok(GLOBAL_VALUE_FLAGS.has("profile") && !GLOBAL_VALUE_FLAGS.has("raw-output"));
  const options = globalOptions({ profile: "p", "raw-output": true }, new Set(["profile"]));
  assert.equal(options.profile, undefined);
  assert.equal(options.rawOutput, true);
  assert.equal(globalOptions({ profile: "p" }).profile, "p");
});
