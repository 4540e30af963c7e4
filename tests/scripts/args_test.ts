/** The scripts' one reader of argv: parseArgs, its refusals in one line of ours. */
import assert from "node:assert/strict";
import { readArgs } from "../../scripts/args.ts";

const OPTIONS = {
  runs: { type: "string" },
  quick: { type: "boolean" },
  target: { type: "string", multiple: true },
} as const;

Deno.test("readArgs reads every form: --flag VALUE, --flag=VALUE, repeated, booleans", () => {
  const { values, positionals } = readArgs(
    ["--runs", "3", "--quick", "--target=a", "--target", "b"],
    OPTIONS,
  );
  assert.deepEqual({ ...values }, { runs: "3", quick: true, target: ["a", "b"] });
  assert.deepEqual(positionals, []);
  assert.deepEqual(readArgs(["x", "--quick"], OPTIONS, true).positionals, ["x"]);
});

Deno.test("readArgs refuses in one line: an unknown option or word, a missing or extra value", () => {
  const cases: [string[], string][] = [
    [["--fast"], 'unknown argument "--fast"'],
    [["-h"], 'unknown argument "-h"'],
    [["extra"], 'unknown argument "extra"'],
    [["--runs"], "--runs needs a value"],
    [["--runs", "--quick"], "--runs needs a value"],
    [["--quick=yes"], "--quick takes no value"],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => readArgs(args, OPTIONS), { message }, args.join(" "));
  }
});
